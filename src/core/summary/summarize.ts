// The summary: how aligned the portfolio is, where the money goes, and how goals are doing.
// Amounts are integer minor units of the summary currency (see toJsonSummary for major units).
import { getValue } from '../syntax/ast';
import type { PortfolioDiagnostic } from '../check/diagnostics';
import type { PortfolioFile } from '../model/file';
import { goalStatus, type GoalStatus } from '../check/goals';
import type { InitiativeSpend, SpendLedger, UnlinkedReason } from '../check/ledger';
import { amountProblemMessage } from '../check/rules/currency';
import { practicesFor, type Practice } from './practices';
import type { RuleId } from '../check/ruleIds';
import type { Category, InitiativeType, RelationshipModel, Status } from '../model/schema';
import type { Analysis } from '../check/workspace';

/** Industry surveys put the share of IT spend that keeps the lights on near 67-72%. */
export const RUN_BENCHMARK = { low: 0.67, high: 0.72 } as const;

export interface Location {
  path: string;
  /** 1-based, as compilers and the text output print it. */
  line: number;
}

export interface OutcomeSpend extends Location {
  id: string;
  title: string;
  kind: 'outcome' | 'mandate';
  owner?: string;
  capability?: string;
  spend: number;
  initiatives: number;
  budget?: number;
  /** Spend over budget, 0..n; undefined without a budget. */
  budgetUse?: number;
  measured: boolean;
}

export interface UnlinkedItem extends Location {
  id: string;
  title: string;
  type?: InitiativeType;
  owner?: string;
  status?: Status;
  spend: number;
  reason: UnlinkedReason;
}

export interface InitiativeRow extends Location {
  id: string;
  title: string;
  category?: Category;
  type?: InitiativeType;
  owner?: string;
  status?: Status;
  priority?: number;
  spend: number;
  aligned: number;
  unlinked: number;
  /** Existing outcomes it serves. */
  outcomes: string[];
  reason?: UnlinkedReason;
  /** Why its amount is not counted (spend 0 that is no real zero): unreadable or not convertible. */
  uncounted?: string;
}

export interface GoalItem extends Location {
  outcome: string;
  outcomeTitle: string;
  metric: string;
  kind?: string;
  unit?: string;
  baseline?: number;
  target?: number;
  actual?: number;
  due?: string;
  status: GoalStatus;
}

export interface Summary {
  /** metadata.name of the first file that has one. */
  name?: string;
  brm?: string;
  fiscalYear?: number;
  currency: string;
  relationshipModel: RelationshipModel;
  today: string;
  counts: { files: number; outcomes: number; initiatives: number; cancelled: number };
  totalSpend: number;
  alignedSpend: number;
  unlinkedSpend: number;
  /** alignedSpend / totalSpend, 0..1; null when nothing is spent. */
  alignmentScore: number | null;
  measuredSpend: number;
  /** Spend on outcomes with a measure that has a target, over total spend; null without spend. */
  measuredShare: number | null;
  budget?: number;
  budgetUse?: number;
  /** Amounts left out of the totals because they could not be read or converted. */
  unconverted: number;
  byOutcome: OutcomeSpend[];
  byCapability: Array<{ capability: string | null; spend: number; outcomes: number }>;
  byOwner: Array<{ owner: string | null; spend: number; initiatives: number }>;
  byCategory: Record<Category | 'uncategorized', number>;
  runShare: number | null;
  runBenchmark: { low: number; high: number };
  unlinked: UnlinkedItem[];
  /** Every initiative that is not cancelled, in file order. */
  initiatives: InitiativeRow[];
  goals: GoalItem[];
  practices: Practice[];
  problems: { errors: number; warnings: number; infos: number; byRule: Array<{ rule: RuleId; count: number }> };
}

export function summarize(analysis: Analysis, diagnostics: Map<string, PortfolioDiagnostic[]>): Summary {
  const { files, ledger, model, options } = analysis;
  const total = ledger.total;
  const byOutcome = outcomeSpend(analysis);
  const rows = initiativeRows(analysis);
  const measuredSpend = byOutcome.filter((o) => o.measured).reduce((sum, o) => sum + o.spend, 0);
  const byCategory = { run: 0, grow: 0, transform: 0, uncategorized: 0 };
  for (const entry of ledger.initiatives) byCategory[entry.item.model.category ?? 'uncategorized'] += entry.spend;
  const summary: Summary = {
    currency: ledger.currency,
    relationshipModel: model,
    today: options.today,
    counts: {
      files: files.length,
      outcomes: files.reduce((n, f) => n + f.outcomes.length, 0),
      initiatives: ledger.initiatives.length,
      cancelled: files.reduce((n, f) => n + f.initiatives.filter((i) => i.model.status === 'cancelled').length, 0),
    },
    totalSpend: total,
    alignedSpend: ledger.aligned,
    unlinkedSpend: ledger.unlinked,
    alignmentScore: total > 0 ? ledger.aligned / total : null,
    measuredSpend,
    measuredShare: total > 0 ? measuredSpend / total : null,
    unconverted: ledger.unconverted,
    byOutcome,
    byCapability: capabilitySpend(byOutcome),
    byOwner: ownerSpend(analysis),
    byCategory,
    runShare: total > 0 ? byCategory.run / total : null,
    runBenchmark: { ...RUN_BENCHMARK },
    unlinked: unlinkedItems(rows),
    initiatives: rows,
    goals: goals(files, options.today),
    practices: [],
    problems: problemCounts(diagnostics),
  };
  const metadata = files.map((f) => f.metadata?.model).filter((m) => m !== undefined);
  const name = metadata.find((m) => m.name)?.name;
  const brm = metadata.find((m) => m.brm)?.brm;
  const fiscalYear = metadata.find((m) => m.fiscalYear !== undefined)?.fiscalYear;
  if (name) summary.name = name;
  if (brm) summary.brm = brm;
  if (fiscalYear !== undefined) summary.fiscalYear = fiscalYear;
  if (ledger.budget !== undefined) {
    summary.budget = ledger.budget;
    if (ledger.budget > 0) summary.budgetUse = total / ledger.budget;
  }
  summary.practices = practicesFor(model, analysis, summary);
  return summary;
}

function lineOf(file: PortfolioFile, chunk: { base: number }, node: { start: number }): number {
  return file.lines.positionAt(chunk.base + node.start).line + 1;
}

function outcomeSpend({ index, ledger }: Analysis): OutcomeSpend[] {
  const out: OutcomeSpend[] = [];
  for (const [id, { file, item }] of index.outcomes) {
    const model = item.model;
    const counted = ledger.byOutcome.get(id);
    const entry: OutcomeSpend = {
      id,
      title: model.title ?? id,
      kind: model.kind,
      spend: counted?.spend ?? 0,
      initiatives: counted?.initiatives ?? 0,
      measured: model.measures.some((m) => m.target !== undefined),
      path: file.path,
      line: lineOf(file, item.chunk, model.id!.node),
    };
    if (model.owner) entry.owner = model.owner;
    if (model.capability) entry.capability = model.capability;
    const budget = ledger.outcomeBudgets.get(model);
    if (budget !== undefined) {
      entry.budget = budget;
      if (budget > 0) entry.budgetUse = entry.spend / budget;
    }
    out.push(entry);
  }
  return out.sort((a, b) => b.spend - a.spend || compareText(a.id, b.id));
}

/** Linked spend by business capability (sums to alignedSpend); outcomes with no capability under null. */
function capabilitySpend(byOutcome: OutcomeSpend[]): Summary['byCapability'] {
  const map = new Map<string | null, { spend: number; outcomes: number }>();
  for (const outcome of byOutcome) {
    const key = outcome.capability ?? null;
    const entry = map.get(key) ?? { spend: 0, outcomes: 0 };
    entry.spend += outcome.spend;
    entry.outcomes++;
    map.set(key, entry);
  }
  return [...map]
    .map(([capability, v]) => ({ capability, ...v }))
    .sort((a, b) => b.spend - a.spend || compareText(a.capability ?? '\uffff', b.capability ?? '\uffff'));
}

function ownerSpend({ ledger }: Analysis): Summary['byOwner'] {
  const map = new Map<string | null, { spend: number; initiatives: number }>();
  for (const entry of ledger.initiatives) {
    const key = entry.item.model.owner ?? null;
    const value = map.get(key) ?? { spend: 0, initiatives: 0 };
    value.spend += entry.spend;
    value.initiatives++;
    map.set(key, value);
  }
  return [...map]
    .map(([owner, v]) => ({ owner, ...v }))
    .sort((a, b) => b.spend - a.spend || compareText(a.owner ?? '\uffff', b.owner ?? '\uffff'));
}

function unlinkedItems(rows: InitiativeRow[]): UnlinkedItem[] {
  const out: UnlinkedItem[] = [];
  for (const row of rows) {
    if (row.unlinked <= 0 || !row.reason) continue;
    const item: UnlinkedItem = { id: row.id, title: row.title, spend: row.unlinked, reason: row.reason, path: row.path, line: row.line };
    if (row.type) item.type = row.type;
    if (row.owner) item.owner = row.owner;
    if (row.status) item.status = row.status;
    out.push(item);
  }
  return out.sort((a, b) => b.spend - a.spend || compareText(a.id, b.id));
}

function initiativeRows({ ledger }: Analysis): InitiativeRow[] {
  return ledger.initiatives.map((entry) => {
    const model = entry.item.model;
    const row: InitiativeRow = {
      id: model.id?.value ?? '',
      title: model.title ?? model.id?.value ?? '',
      spend: entry.spend,
      aligned: entry.spend - entry.unlinked,
      unlinked: entry.unlinked,
      outcomes: [...new Set(entry.allocations.map((a) => a.id))],
      path: entry.file.path,
      line: lineOf(entry.file, entry.item.chunk, model.id?.node ?? model.node),
    };
    for (const key of ['category', 'type', 'owner', 'status', 'priority'] as const) {
      if (model[key] !== undefined) (row as unknown as Record<string, unknown>)[key] = model[key];
    }
    if (entry.reason && entry.unlinked > 0) row.reason = entry.reason;
    const uncounted = uncountedNote(ledger, entry);
    if (uncounted) row.uncounted = uncounted;
    return row;
  });
}

/** Why the amount an initiative's spend comes from was left out, if it was: cost first, else actualCost. */
function uncountedNote(ledger: SpendLedger, entry: InitiativeSpend): string | undefined {
  const model = entry.item.model;
  const node = model.node;
  const field =
    model.cost || getValue(node, 'cost') != null
      ? 'cost'
      : model.actualCost || getValue(node, 'actualCost') != null
        ? 'actualCost'
        : undefined;
  if (field === undefined || (field === 'cost' ? entry.cost : entry.actualCost) !== undefined) return undefined;
  const literal = model[field];
  if (!literal) return `${field} not counted: it is not a valid amount (see the schema problem)`;
  const problem = ledger.problemOf(literal);
  return `${field} not counted: ${problem ? amountProblemMessage(problem) : 'it could not be converted'}`;
}

function goals(files: readonly PortfolioFile[], today: string): GoalItem[] {
  const out: GoalItem[] = [];
  for (const file of files) {
    for (const { chunk, model } of file.outcomes) {
      for (const measure of model.measures) {
        const goal: GoalItem = {
          outcome: model.id?.value ?? '',
          outcomeTitle: model.title ?? model.id?.value ?? '',
          metric: measure.metric ?? measure.kind ?? '',
          status: goalStatus(measure, today),
          path: file.path,
          line: lineOf(file, chunk, measure.node),
        };
        for (const key of ['kind', 'unit', 'baseline', 'target', 'actual', 'due'] as const) {
          if (measure[key] !== undefined) (goal as unknown as Record<string, unknown>)[key] = measure[key];
        }
        out.push(goal);
      }
    }
  }
  return out;
}

function problemCounts(diagnostics: Map<string, PortfolioDiagnostic[]>): Summary['problems'] {
  const counts = { errors: 0, warnings: 0, infos: 0 };
  const byRule = new Map<RuleId, number>();
  for (const list of diagnostics.values()) {
    for (const d of list) {
      if (d.severity === 'error') counts.errors++;
      else if (d.severity === 'warning') counts.warnings++;
      else counts.infos++;
      byRule.set(d.code, (byRule.get(d.code) ?? 0) + 1);
    }
  }
  return {
    ...counts,
    byRule: [...byRule].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count || compareText(a.rule, b.rule)),
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
