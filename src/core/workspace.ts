// The engine's entry point: the portfolio files checked together, their diagnostics and summary.
// Editor, CLI and summary panel all call this, so they all show the same results.
import { analyze, type Summary } from './analyze';
import type { Finding, PortfolioDiagnostic, RelatedInformation } from './diagnostics';
import { editPortfolioFile, readPortfolioFile, type PortfolioFile } from './file';
import { SpendLedger } from './ledger';
import type { ChunkCache, TextChange } from './parse';
import { ruleById, rules } from './rules';
import type { RuleContext } from './rules/rule';
import type { RuleId } from './ruleIds';
import type { RelationshipModel, Severity } from './schema';
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

  constructor(private readonly options: WorkspaceOptions = {}) {}

  /** Adds or replaces a file; only the parts of its text that changed are parsed again. */
  setFile(path: string, text: string): PortfolioFile {
    const previous = this.entries.get(path);
    if (previous && previous.file.text === text) return previous.file;
    const cache: ChunkCache = previous?.cache ?? new Map();
    const file = readPortfolioFile(path, text, { cache, alwaysChunk: this.options.alwaysChunk });
    if (previous) {
      // One object per path: what refers to the file (index entries, spend) sees the new reading.
      previous.file.takeOver(file);
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
    for (const change of changes) file.takeOver(editPortfolioFile(file, change, { cache: entry.cache, alwaysChunk: this.options.alwaysChunk }));
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
    const summary = analyze(analysis, diagnostics);
    return { files: this.files.map((file) => ({ path: file.path, diagnostics: diagnostics.get(file.path) ?? [] })), summary };
  }

  /** Index, ledger and every rule's findings, with severities applied. */
  analysis(options: CheckOptions): Analysis {
    const files = this.files;
    const index = new WorkspaceIndex(files, this.idVersions);
    const ledger = new SpendLedger(files, index, options.currency ? { currency: options.currency } : {});
    const findings: Finding[] = files.flatMap((file) => file.findings);
    const context: RuleContext = { files, index, ledger, today: options.today, report: (finding) => findings.push(finding) };
    for (const rule of rules) rule.check?.(context);
    // One pass over the initiatives and one over the spend entries, shared by every rule.
    const perInitiative = rules.filter((rule) => rule.initiative);
    for (const file of files) {
      for (const item of file.initiatives) for (const rule of perInitiative) rule.initiative!(context, file, item);
    }
    const perSpend = rules.filter((rule) => rule.spend);
    for (const entry of ledger.initiatives) for (const rule of perSpend) rule.spend!(context, entry);
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

export function severityFor(rule: RuleId, file: PortfolioFile | undefined, fallbackModel: RelationshipModel, options: CheckOptions): Severity {
  const metadata = file?.metadata?.model;
  return options.forceRules?.[rule] ?? metadata?.rules[rule] ?? options.rules?.[rule] ?? ruleById(rule).defaults[metadata?.relationshipModel ?? fallbackModel];
}

function resolveFindings(findings: Finding[], workspace: Workspace, severityOf: (file: PortfolioFile, rule: RuleId) => Severity): Map<string, PortfolioDiagnostic[]> {
  // Grouped by file and put in text order by offset first (a number), so that ranges and the
  // final order come from one sorted sweep instead of comparing ranges.
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
    list.sort((a, b) => a.start - b.start);
    const diagnostics = list.map(({ finding, start, severity }) => toDiagnostic(workspace, file, finding, start, severity));
    // Same start: the narrower range first, then by rule, as before.
    diagnostics.sort(byPosition);
    out.set(path, diagnostics);
  }
  return out;
}

function toDiagnostic(workspace: Workspace, file: PortfolioFile, finding: Finding, start: number, severity: Severity): PortfolioDiagnostic {
  const { chunk, end } = finding.span;
  const diagnostic: PortfolioDiagnostic = { code: finding.rule, severity: severity as PortfolioDiagnostic['severity'], message: finding.message, range: file.lines.range(start, chunk.base + end) };
  if (finding.related) {
    diagnostic.related = finding.related.flatMap((r): RelatedInformation[] => {
      const target = workspace.getFile(r.path);
      return target ? [{ path: r.path, message: r.message, range: target.lines.range(r.span.chunk.base + r.span.start, r.span.chunk.base + r.span.end) }] : [];
    });
  }
  if (finding.data) diagnostic.data = finding.data;
  return diagnostic;
}

function byPosition(a: PortfolioDiagnostic, b: PortfolioDiagnostic): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
