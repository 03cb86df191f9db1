// Messages between the extension and the validation engine, which runs in a worker thread (Node
// host) or a web worker (browser host) so that parsing a large file never blocks the editor.
import type { Summary } from '../core/summary/summarize';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import type { PortfolioDiff } from '../core/summary/diff';
import type { TrendStep } from '../core/summary/trend';
import type { TrendPoint } from '../core/summary/report/trendView';
import type { CompletionResult } from '../core/features/completion';
import type { Fix } from '../core/features/fixes';
import type { HoverResult } from '../core/features/hover';
import type { Lens } from '../core/features/codeLens';
import type { LineSpan } from '../core/features/diagnosticBudget';
import type { Location } from '../core/features/locate';
import type { TreePage, UnlinkedMark } from '../core/features/portfolioTree';
import type { TextEdit } from '../core/features/navigation';
import type { DocumentSymbol } from '../core/features/symbols';
import type { PackedSymbols } from '../core/features/packedSymbols';
import type { Position, Range } from '../core/syntax/lineIndex';
import type { TextChange } from '../core/syntax/parse';
import type { RuleId } from '../core/check/ruleIds';
import type { RelationshipModel, Severity, Status } from '../core/model/schema';

export interface EngineSettings {
  /** YYYY-MM-DD */
  today: string;
  rules: Partial<Record<RuleId, Severity>>;
  defaultModel: RelationshipModel;
}

export interface SummaryFilter {
  /** Only this file's initiatives and outcomes. */
  path?: string;
  owner?: string;
  status?: Status;
}

interface InFolder {
  folder: string;
}
interface AtPosition extends InFolder {
  path: string;
  position: Position;
}

export type Request =
  | (InFolder & { type: 'configure'; settings: EngineSettings })
  | (InFolder & { type: 'update'; path: string; text: string; version: number })
  | (InFolder & { type: 'edit'; path: string; changes: TextChange[]; baseVersion: number; version: number })
  | (InFolder & { type: 'remove'; path: string })
  | (InFolder & { type: 'dropFolder' })
  | (InFolder & { type: 'check' })
  | (InFolder & { type: 'summary'; filter?: SummaryFilter })
  | (InFolder & { type: 'symbols'; path: string })
  /** The same outline packed for the trip between threads (the outline of a large file is 10,000s of objects). */
  | (InFolder & {
      type: 'packedSymbols';
      path: string;
      /** At most this many symbols (symbolBudget.ts); all when absent. */ limit?: number;
    })
  | (InFolder & { type: 'codeLens'; path: string })
  /** The lenses the editor shows: all of them, or in a large file those near the visible lines (codeLens.ts lensesNear). */
  | (InFolder & { type: 'lensesNear'; path: string; visible: LineSpan[] })
  | (AtPosition & { type: 'hover' })
  | (AtPosition & { type: 'definition' })
  | (AtPosition & { type: 'completion' })
  | (AtPosition & { type: 'prepareRename' })
  | (AtPosition & { type: 'references'; includeDeclaration: boolean })
  | (AtPosition & { type: 'rename'; newName: string })
  | (InFolder & { type: 'fixes'; path: string; diagnostic: PortfolioDiagnostic })
  | (InFolder & { type: 'fixAll'; path: string; diagnostics: PortfolioDiagnostic[] })
  | (InFolder & { type: 'linkEdits'; path: string; initiative: string; outcome: string })
  | (InFolder & { type: 'rankOutcomes'; initiative: string })
  | (InFolder & { type: 'ruleCatalog' })
  /** One page of the children of a node of the Portfolio view ('' for its top level). */
  | (InFolder & { type: 'portfolioTree'; node: string; offset?: number; limit?: number })
  /** The unlinked spend of one file's initiatives, for the end-of-line decoration. */
  | (InFolder & { type: 'unlinkedMarks'; path: string })
  /** The folder's current analysis against other texts of its files (a git ref), checked alike. */
  | (InFolder & { type: 'compare'; base: Array<{ path: string; text: string }> })
  /** The trend: the folder's files at points of its git history, each checked with its settings. */
  | (InFolder & { type: 'trend'; steps: TrendStep[] });

export interface FileDiagnostics {
  path: string;
  /** The version of the text these diagnostics were computed from. */
  version: number;
  diagnostics: PortfolioDiagnostic[];
}

export interface Headline {
  currency: string;
  totalSpend: number;
  alignedSpend: number;
  alignmentScore: number | null;
  files: number;
  errors: number;
  warnings: number;
}

export interface CheckResult {
  /** Files whose diagnostics changed since the last check of the folder. */
  changed: FileDiagnostics[];
  headline: Headline;
  /** Time spent parsing since the last check, and checking, in milliseconds. */
  parseMs: number;
  checkMs: number;
}

export interface ResultOf {
  configure: null;
  update: null;
  /** False when the engine does not have the text the changes apply to: send the whole text. */
  edit: boolean;
  remove: null;
  dropFolder: null;
  check: CheckResult;
  summary: Summary;
  symbols: DocumentSymbol[];
  /** `total`: how many symbols the whole outline has, more than were packed when it was cut. */
  packedSymbols: PackedSymbols & { total: number };
  codeLens: Lens[];
  lensesNear: { lenses: Lens[]; cut: boolean };
  hover: HoverResult | null;
  definition: Location[];
  completion: CompletionResult | null;
  prepareRename: { range: Range; placeholder: string } | { error: string };
  references: Location[];
  rename: { edits: TextEdit[] } | { error: string };
  fixes: Fix[];
  /** The edits of every safe fix of the file, none overlapping (Fix all). */
  fixAll: TextEdit[];
  linkEdits: TextEdit[];
  rankOutcomes: Array<{ id: string; title: string; score: number }>;
  /** Every rule's id, short title and description, for pick lists. */
  ruleCatalog: Array<{ id: RuleId; title: string; description: string }>;
  portfolioTree: TreePage;
  unlinkedMarks: UnlinkedMark[];
  compare: PortfolioDiff;
  trend: TrendPoint[];
}

export interface RequestMessage {
  id: number;
  request: Request;
}

export type ResponseMessage = { id: number; result: unknown } | { id: number; error: string };
