// The engine behind the editor: one Workspace per workspace folder, answering the requests of
// protocol.ts. Pure TypeScript, so it runs in a Node worker thread, a web worker or, as a
// fallback, in the extension host itself.
import { summarize, type Summary } from '../core/summary/summarize';
import { codeLenses, lensesNear } from '../core/features/codeLens';
import { completion } from '../core/features/completion';
import { fixesFor, linkEdits, rankOutcomes, safeFixEdits } from '../core/features/fixes';
import { hover } from '../core/features/hover';
import { portfolioTree, unlinkedMarks } from '../core/features/portfolioTree';
import { definition, prepareRename, references, rename } from '../core/features/navigation';
import { documentSymbols } from '../core/features/symbols';
import { packSymbols, type PackedSymbols } from '../core/features/packedSymbols';
import { boundSymbols } from '../core/features/symbolBudget';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import { diffSnapshots, snapshotOf, type PortfolioDiff } from '../core/summary/diff';
import { trendOf } from '../core/summary/trend';
import { SpendLedger } from '../core/check/ledger';
import { rules } from '../core/check/rules';
import type { Position } from '../core/syntax/lineIndex';
import { Workspace, type Analysis, type CheckOptions } from '../core/check/workspace';
import type {
  CheckResult,
  EngineSettings,
  FileDiagnostics,
  Request,
  RequestMessage,
  ResponseMessage,
  ResultOf,
  SummaryFilter,
} from './protocol';

interface FolderState {
  workspace: Workspace;
  settings: EngineSettings;
  versions: Map<string, number>;
  analysis?: Analysis;
  /** What was last sent per file, to send only what changed. */
  sent: Map<string, { version: number; diagnostics: PortfolioDiagnostic[] }>;
  parseMs: number;
}

function samePosition(a: Position, b: Position): boolean {
  return a.line === b.line && a.character === b.character;
}

/** Whether two lists of diagnostics would show the same (fix data and related places included). */
export function sameDiagnostics(a: readonly PortfolioDiagnostic[], b: readonly PortfolioDiagnostic[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x === y) continue;
    if (
      x.code !== y.code ||
      x.severity !== y.severity ||
      x.message !== y.message ||
      !samePosition(x.range.start, y.range.start) ||
      !samePosition(x.range.end, y.range.end)
    )
      return false;
    if ((x.related || y.related || x.data || y.data) && JSON.stringify([x.related, x.data]) !== JSON.stringify([y.related, y.data]))
      return false;
  }
  return true;
}

const DEFAULT_SETTINGS: EngineSettings = { today: '1970-01-01', rules: {}, defaultModel: 'provider' };

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

export class EngineServer {
  private readonly folders = new Map<string, FolderState>();

  handleMessage(message: RequestMessage): ResponseMessage {
    try {
      return { id: message.id, result: this.handle(message.request) };
    } catch (error) {
      return { id: message.id, error: error instanceof Error ? `${error.message}\n${error.stack ?? ''}` : String(error) };
    }
  }

  handle<T extends Request>(request: T): ResultOf[T['type']] {
    return this.dispatch(request) as ResultOf[T['type']];
  }

  private folder(key: string): FolderState {
    let state = this.folders.get(key);
    if (!state) {
      state = { workspace: new Workspace(), settings: DEFAULT_SETTINGS, versions: new Map(), sent: new Map(), parseMs: 0 };
      this.folders.set(key, state);
    }
    return state;
  }

  private analysis(state: FolderState): Analysis {
    state.analysis ??= state.workspace.analysis(this.options(state));
    return state.analysis;
  }

  private options(state: FolderState): CheckOptions {
    return { today: state.settings.today, rules: state.settings.rules, defaultModel: state.settings.defaultModel };
  }

  private dispatch(request: Request): unknown {
    const state = this.folder(request.folder);
    switch (request.type) {
      case 'configure':
        state.settings = request.settings;
        state.analysis = undefined;
        return null;
      case 'update': {
        const started = now();
        state.workspace.setFile(request.path, request.text);
        state.versions.set(request.path, request.version);
        state.parseMs += now() - started;
        state.analysis = undefined;
        return null;
      }
      case 'edit': {
        // The changes apply to one version of the text: refuse them on top of any other.
        if (state.versions.get(request.path) !== request.baseVersion) return false;
        const started = now();
        const applied = state.workspace.editFile(request.path, request.changes);
        if (!applied) return false;
        state.versions.set(request.path, request.version);
        state.parseMs += now() - started;
        state.analysis = undefined;
        return true;
      }
      case 'remove':
        state.workspace.removeFile(request.path);
        state.versions.delete(request.path);
        state.sent.delete(request.path);
        state.analysis = undefined;
        return null;
      case 'dropFolder':
        this.folders.delete(request.folder);
        return null;
      case 'check':
        return this.check(state);
      case 'summary':
        return this.summary(state, request.filter);
      case 'symbols':
        return documentSymbols(this.analysis(state), request.path);
      case 'packedSymbols':
        return this.packedSymbols(state, request.path, request.limit);
      case 'codeLens':
        return codeLenses(this.analysis(state), request.path);
      case 'lensesNear':
        return lensesNear(this.analysis(state), request.path, request.visible);
      case 'hover':
        return hover(this.analysis(state), request.path, request.position) ?? null;
      case 'definition':
        return definition(this.analysis(state), request.path, request.position);
      case 'completion':
        return completion(this.analysis(state), request.path, request.position) ?? null;
      case 'prepareRename':
        return prepareRename(this.analysis(state), request.path, request.position);
      case 'references':
        return references(this.analysis(state), request.path, request.position, request.includeDeclaration);
      case 'rename':
        return rename(this.analysis(state), request.path, request.position, request.newName);
      case 'fixes':
        return fixesFor(this.analysis(state), request.path, request.diagnostic);
      case 'fixAll':
        return safeFixEdits(this.analysis(state), request.path, request.diagnostics);
      case 'linkEdits':
        return linkEdits(this.analysis(state), request.path, request.initiative, request.outcome);
      case 'rankOutcomes':
        return rankOutcomes(this.analysis(state), request.initiative);
      case 'ruleCatalog':
        return rules.map(({ id, title, description }) => ({ id, title, description }));
      case 'portfolioTree':
        return portfolioTree(this.analysis(state), request.node, { offset: request.offset, limit: request.limit });
      case 'unlinkedMarks':
        return unlinkedMarks(this.analysis(state), request.path);
      case 'compare':
        return this.compare(state, request.base);
      case 'trend':
        return trendOf(request.steps, this.options(state));
    }
  }

  private packedSymbols(state: FolderState, path: string, limit: number | undefined): PackedSymbols & { total: number } {
    const { symbols, total } = boundSymbols(documentSymbols(this.analysis(state), path), limit ?? Infinity);
    return { ...packSymbols(symbols), total };
  }

  private check(state: FolderState): CheckResult {
    const started = now();
    const analysis = this.analysis(state);
    const changed: FileDiagnostics[] = [];
    for (const file of analysis.files) {
      const diagnostics = analysis.diagnostics.get(file.path) ?? [];
      const version = state.versions.get(file.path) ?? 0;
      // A new version is always sent: the editor drops results for versions it has moved past.
      const sent = state.sent.get(file.path);
      if (sent && sent.version === version && sameDiagnostics(sent.diagnostics, diagnostics)) continue;
      state.sent.set(file.path, { version, diagnostics });
      changed.push({ path: file.path, version, diagnostics });
    }
    let errors = 0;
    let warnings = 0;
    for (const list of analysis.diagnostics.values()) {
      for (const d of list) {
        if (d.severity === 'error') errors++;
        else if (d.severity === 'warning') warnings++;
      }
    }
    const { ledger } = analysis;
    const result: CheckResult = {
      changed,
      headline: {
        currency: ledger.currency,
        totalSpend: ledger.total,
        alignedSpend: ledger.aligned,
        alignmentScore: ledger.total > 0 ? ledger.aligned / ledger.total : null,
        files: analysis.files.length,
        errors,
        warnings,
      },
      parseMs: state.parseMs,
      checkMs: now() - started,
    };
    state.parseMs = 0;
    return result;
  }

  /** The base texts checked with the folder's settings, against the folder as it is now. */
  private compare(state: FolderState, base: ReadonlyArray<{ path: string; text: string }>): PortfolioDiff {
    const same = (path: string) => path;
    const before = new Workspace();
    for (const file of base) before.setFile(file.path, file.text);
    const checked = before.check(this.options(state));
    const analysis = this.analysis(state);
    const diagnostics = analysis.files.map((file) => ({ path: file.path, diagnostics: analysis.diagnostics.get(file.path) ?? [] }));
    return diffSnapshots(
      snapshotOf(before.files, checked.files, checked.summary, same),
      snapshotOf(analysis.files, diagnostics, summarize(analysis, analysis.diagnostics), same),
    );
  }

  private summary(state: FolderState, filter: SummaryFilter | undefined): Summary {
    const full = this.analysis(state);
    if (!filter || (!filter.path && !filter.owner && !filter.status)) return summarize(full, full.diagnostics);
    const ledger = new SpendLedger(full.files, full.index, {
      currency: full.ledger.currency,
      include: (file, item) =>
        (!filter.path || file.path === filter.path) &&
        (!filter.owner || item.model.owner === filter.owner) &&
        (!filter.status || item.model.status === filter.status),
    });
    const diagnostics = filter.path ? new Map([[filter.path, full.diagnostics.get(filter.path) ?? []]]) : full.diagnostics;
    return summarize({ ...full, ledger }, diagnostics);
  }
}
