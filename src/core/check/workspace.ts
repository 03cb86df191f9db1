// The engine's entry point: the portfolio files checked together, their diagnostics and summary.
// Editor, CLI and summary panel all call this, so they all show the same results.
import { summarize, type Summary } from '../summary/summarize';
import type { Finding, PortfolioDiagnostic, RelatedInformation } from './diagnostics';
import { editPortfolioFile, readPortfolioFile, unreadablePortfolioFile, type PortfolioFile } from '../model/file';
import { SpendLedger, type InitiativeSpend } from './ledger';
import type { ChunkCache, TextChange } from '../syntax/parse';
import { ruleById, rules } from './rules';
import type { RuleContext } from './rules/rule';
import type { RuleId } from './ruleIds';
import type { RelationshipModel, Severity } from '../model/schema';
import { IdVersions, WorkspaceIndex } from './workspaceIndex';

export interface CheckOptions {
  /** Today as YYYY-MM-DD: dates are compared against the caller's clock. */
  today: string;
  /** Severity overrides below the files' own metadata.rules (editor settings). */
  rules?: Partial<Record<RuleId, Severity>>;
  /** Severity overrides above the files' own (the command line's --rule). */
  forceRules?: Partial<Record<RuleId, Severity>>;
  /** The relationship model when no file declares one (default: provider). */
  defaultModel?: RelationshipModel;
  /** The summary currency (default: the one most files declare). */
  currency?: string;
}

export interface FileResult {
  path: string;
  diagnostics: PortfolioDiagnostic[];
}

export interface CheckResult {
  files: FileResult[];
  summary: Summary;
}

interface Entry {
  file: PortfolioFile;
  cache: ChunkCache;
}

export interface WorkspaceOptions {
  /** Parse every file in chunks, however small (tests of the incremental path use it). */
  alwaysChunk?: boolean;
}

export class Workspace {
  private readonly entries = new Map<string, Entry>();
  private readonly idVersions = new IdVersions();
  private sorted: PortfolioFile[] | undefined;
  private lastBuild: LastBuild | undefined;

  constructor(private readonly options: WorkspaceOptions = {}) {}

  /** Adds or replaces a file; only the parts of its text that changed are parsed again. */
  setFile(path: string, text: string): PortfolioFile {
    const previous = this.entries.get(path);
    if (previous && previous.file.text === text) return previous.file;
    const cache: ChunkCache = previous?.cache ?? new Map();
    const file = readPortfolioFile(path, text, { cache, alwaysChunk: this.options.alwaysChunk });
    if (previous) {
      // One object per path: what refers to the file (index entries, spend) sees the new reading.
      previous.file.adoptReading(file);
      return previous.file;
    }
    this.entries.set(path, { file, cache });
    this.sorted = undefined;
    return file;
  }

  /** Adds or replaces a file that could not be read as text, with the reason (encoding.ts) as its one problem. */
  setUnreadableFile(path: string, reason: string): PortfolioFile {
    return this.put(path, unreadablePortfolioFile(path, reason), new Map());
  }

  private put(path: string, file: PortfolioFile, cache: ChunkCache): PortfolioFile {
    const previous = this.entries.get(path);
    if (previous) {
      previous.file.adoptReading(file);
      return previous.file;
    }
    this.entries.set(path, { file, cache });
    this.sorted = undefined;
    return file;
  }

  /**
   * Applies text changes to a file, in order, each at offsets of the text before it. Returns
   * false (and changes nothing) when the file is unknown or a change does not fit its text.
   */
  editFile(path: string, changes: readonly TextChange[]): boolean {
    const entry = this.entries.get(path);
    if (!entry) return false;
    const file = entry.file;
    let length = file.text.length;
    for (const change of changes) {
      if (change.start < 0 || change.start > change.end || change.end > length) return false;
      length += change.text.length - (change.end - change.start);
    }
    for (const change of changes)
      file.adoptReading(editPortfolioFile(file, change, { cache: entry.cache, alwaysChunk: this.options.alwaysChunk }));
    return true;
  }

  removeFile(path: string): boolean {
    this.sorted = undefined;
    return this.entries.delete(path);
  }

  getFile(path: string): PortfolioFile | undefined {
    return this.entries.get(path)?.file;
  }

  /** Files in path order: the order in which first definitions win. */
  get files(): readonly PortfolioFile[] {
    this.sorted ??= [...this.entries.values()].map((e) => e.file).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return this.sorted;
  }

  check(options: CheckOptions): CheckResult {
    const analysis = this.analysis(options);
    const diagnostics = analysis.diagnostics;
    const summary = summarize(analysis, diagnostics);
    return { files: this.files.map((file) => ({ path: file.path, diagnostics: diagnostics.get(file.path) ?? [] })), summary };
  }

  /**
   * Index, ledger and every rule's findings, with severities applied. The index and ledger are
   * updated in place when they can be, so an analysis is current until the workspace changes.
   */
  analysis(options: CheckOptions): Analysis {
    const files = this.files;
    let build = this.updatedLastBuild(files, options);
    if (!build) {
      const index = new WorkspaceIndex(files, this.idVersions);
      const ledger = new SpendLedger(files, index, options.currency ? { currency: options.currency } : {});
      build = { files, currency: options.currency, index, ledger, builtFrom: new Map() };
    }
    for (const file of files) build.builtFrom.set(file, builtFromOf(file));
    this.lastBuild = build;
    const { index, ledger } = build;
    const findings: Finding[] = files.flatMap((file) => file.findings);
    const context: RuleContext = { files, index, ledger, today: options.today, report: (finding) => findings.push(finding) };
    for (const rule of rules) rule.check?.(context);
    itemFindings(context, findings);
    const model = workspaceModel(files) ?? options.defaultModel ?? 'provider';
    // Severities depend on the rule and the file only: worked out once for each pair.
    const severities = new Map<PortfolioFile, Map<RuleId, Severity>>();
    const severityOf = (file: PortfolioFile, rule: RuleId): Severity => {
      let perRule = severities.get(file);
      if (!perRule) severities.set(file, (perRule = new Map()));
      let severity = perRule.get(rule);
      if (severity === undefined) perRule.set(rule, (severity = severityFor(rule, file, model, options)));
      return severity;
    };
    const resolved = resolveFindings(findings, this, severityOf);
    return { files, index, ledger, model, options, diagnostics: resolved };
  }

  /**
   * The last index and ledger, updated for what changed since: undefined when a new one must be
   * built. In place is possible when only initiatives changed, keeping their ids: typing inside
   * an initiative, the common case, then costs work for that initiative rather than for all.
   */
  private updatedLastBuild(files: readonly PortfolioFile[], options: CheckOptions): LastBuild | undefined {
    const build = this.lastBuild;
    if (!build || build.files !== files || build.currency !== options.currency) return undefined;
    const commits: Array<() => void> = [];
    for (const file of files) {
      const before = build.builtFrom.get(file);
      if (!before) return undefined;
      if (before.initiatives === file.initiatives && before.outcomes === file.outcomes && before.metadata === file.metadata) continue;
      if (before.metadata !== file.metadata || !sameItems(before.outcomes, file.outcomes)) return undefined;
      const { removed, added } = changedRun(before.initiatives, file.initiatives);
      const index = build.index.prepareReplace(file, removed, added);
      const ledger = index && build.ledger.prepareReplace(file, removed, added);
      if (!index || !ledger) return undefined;
      commits.push(index, ledger);
    }
    for (const commit of commits) commit();
    return build;
  }
}

const perInitiative = rules.filter((rule) => rule.initiative);
const perSpend = rules.filter((rule) => rule.spend);

/** What an item's findings were worked out from, besides the item itself. */
interface ItemFindings {
  stamp: number;
  file: PortfolioFile;
  entry: InitiativeSpend | undefined;
  list: Finding[];
}

declare module '../model/file' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- every declaration of Located names its type parameter
  interface Located<T> {
    /** The findings of the item-level rules, reused while what they were worked out from holds (itemFindings). */
    findings: ItemFindings | undefined;
  }
}

/**
 * The item-level rules, in one pass per initiative: its own rules, then those of its spend entry.
 * An item the last check saw, with the same spend entry and the same context (contextStamp), keeps
 * its findings: on a keystroke only the edited item is checked again.
 */
function itemFindings(context: RuleContext, findings: Finding[]): void {
  const stamp = contextStamp(context);
  const entries = context.ledger.initiatives;
  let sink: Finding[] = findings;
  const itemContext: RuleContext = { ...context, report: (finding) => sink.push(finding) };
  let next = 0;
  for (const file of context.files) {
    for (const item of file.initiatives) {
      // The ledger lists the initiatives that are not cancelled, in this same order.
      const entry = entries[next]?.item === item ? entries[next++] : undefined;
      const known = item.findings;
      if (known && known.stamp === stamp && known.file === file && known.entry === entry) {
        for (const finding of known.list) findings.push(finding);
        continue;
      }
      sink = [];
      for (const rule of perInitiative) rule.initiative!(itemContext, file, item);
      if (entry) for (const rule of perSpend) rule.spend!(itemContext, entry);
      item.findings = { stamp, file, entry, list: sink };
      for (const finding of sink) findings.push(finding);
    }
  }
}

/** Stamps by context, so that the memo check above compares numbers. */
const stamps = new Map<string, number>();

/**
 * A number for everything the item-level rules read besides the item and its spend entry: the
 * sets of outcome and initiative ids (links, dependencies and their suggestions), today (schedule
 * slip), the summary currency (amounts in messages) and the service catalog.
 */
function contextStamp({ index, ledger, today, files }: RuleContext): number {
  const catalog = files.map((file) => (file.metadata?.model.catalog ?? []).map((c) => c.value).join('\n')).join('\u0000');
  const key = `${index.outcomeIdsVersion}|${index.initiativeIdsVersion}|${today}|${ledger.currency}|${catalog}`;
  let stamp = stamps.get(key);
  if (stamp === undefined) {
    // Stamps are never reused, so clearing cannot make an old memo match.
    if (stamps.size > 1000) stamps.clear();
    stamps.set(key, (stamp = nextStamp++));
  }
  return stamp;
}
let nextStamp = 1;

/** What the last index and ledger were built from, per file. */
interface BuiltFrom {
  metadata: PortfolioFile['metadata'];
  outcomes: PortfolioFile['outcomes'];
  initiatives: PortfolioFile['initiatives'];
}

/** The index and ledger of the last analysis, kept so that the next one can update them in place. */
interface LastBuild {
  files: readonly PortfolioFile[];
  currency: string | undefined;
  index: WorkspaceIndex;
  ledger: SpendLedger;
  builtFrom: Map<PortfolioFile, BuiltFrom>;
}

function builtFromOf(file: PortfolioFile): BuiltFrom {
  return { metadata: file.metadata, outcomes: file.outcomes, initiatives: file.initiatives };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The run of items between the longest unchanged head and tail: what an edit replaced. */
function changedRun<T>(before: readonly T[], after: readonly T[]): { removed: T[]; added: T[] } {
  const shorter = Math.min(before.length, after.length);
  let head = 0;
  while (head < shorter && before[head] === after[head]) head++;
  let tail = 0;
  while (tail < shorter - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { removed: before.slice(head, before.length - tail), added: after.slice(head, after.length - tail) };
}

export interface Analysis {
  files: readonly PortfolioFile[];
  index: WorkspaceIndex;
  ledger: SpendLedger;
  model: RelationshipModel;
  options: CheckOptions;
  diagnostics: Map<string, PortfolioDiagnostic[]>;
}

/** The model the first file declaring one gives; files without their own inherit it. */
function workspaceModel(files: readonly PortfolioFile[]): RelationshipModel | undefined {
  for (const file of files) {
    const model = file.metadata?.model.relationshipModel;
    if (model) return model;
  }
  return undefined;
}

export function severityFor(
  rule: RuleId,
  file: PortfolioFile | undefined,
  fallbackModel: RelationshipModel,
  options: CheckOptions,
): Severity {
  const metadata = file?.metadata?.model;
  return (
    options.forceRules?.[rule] ??
    metadata?.rules[rule] ??
    options.rules?.[rule] ??
    ruleById(rule).defaults[metadata?.relationshipModel ?? fallbackModel]
  );
}

function resolveFindings(
  findings: Finding[],
  workspace: Workspace,
  severityOf: (file: PortfolioFile, rule: RuleId) => Severity,
): Map<string, PortfolioDiagnostic[]> {
  // Grouped by file and put in text order by offset (a number) rather than by range.
  const byFile = new Map<string, Array<{ finding: Finding; start: number; severity: Severity }>>();
  for (const finding of findings) {
    const file = workspace.getFile(finding.path);
    if (!file) continue;
    const severity = severityOf(file, finding.rule);
    if (severity === 'off') continue;
    let list = byFile.get(finding.path);
    if (!list) byFile.set(finding.path, (list = []));
    list.push({ finding, start: finding.span.chunk.base + finding.span.start, severity });
  }
  const out = new Map<string, PortfolioDiagnostic[]>();
  for (const [path, list] of byFile) {
    const file = workspace.getFile(path)!;
    // Same start: by rule id, as positions would order them.
    list.sort((a, b) => a.start - b.start || (a.finding.rule < b.finding.rule ? -1 : a.finding.rule > b.finding.rule ? 1 : 0));
    out.set(
      path,
      list.map(({ finding, start, severity }) => diagnosticOf(workspace, file, finding, start, severity)),
    );
  }
  return out;
}

/** The diagnostic last made of each finding: reused while its severity and place still hold. */
const madeDiagnostics = new WeakMap<Finding, PortfolioDiagnostic>();

/**
 * A finding as a diagnostic. Findings of unchanged items are the same objects from one check to
 * the next, and an edit moves few of them to another line or column, so most diagnostics are
 * reused after an O(1) check rather than made again (the host also compares them by identity).
 */
function diagnosticOf(workspace: Workspace, file: PortfolioFile, finding: Finding, start: number, severity: Severity): PortfolioDiagnostic {
  const known = madeDiagnostics.get(finding);
  const lines = file.lines;
  if (
    known &&
    known.severity === severity &&
    !finding.related &&
    lines.isAt(known.range.start, start) &&
    lines.isAt(known.range.end, finding.span.chunk.base + finding.span.end)
  )
    return known;
  const diagnostic = toDiagnostic(workspace, file, finding, start, severity);
  madeDiagnostics.set(finding, diagnostic);
  return diagnostic;
}

function toDiagnostic(workspace: Workspace, file: PortfolioFile, finding: Finding, start: number, severity: Severity): PortfolioDiagnostic {
  const { chunk, end } = finding.span;
  const diagnostic: PortfolioDiagnostic = {
    code: finding.rule,
    severity: severity as PortfolioDiagnostic['severity'],
    message: finding.message,
    range: file.lines.range(start, chunk.base + end),
  };
  if (finding.related) {
    diagnostic.related = finding.related.flatMap((r): RelatedInformation[] => {
      const target = workspace.getFile(r.path);
      return target
        ? [
            {
              path: r.path,
              message: r.message,
              range: target.lines.range(r.span.chunk.base + r.span.start, r.span.chunk.base + r.span.end),
            },
          ]
        : [];
    });
  }
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}
