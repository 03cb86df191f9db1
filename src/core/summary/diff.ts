// What changed between two states of a portfolio: the summaries and their differences, the
// initiatives added, removed and changed, and the findings that are new or fixed. Pure: the
// command line reads the two states (git, working tree or a saved baseline) and formats the result.
import type { PNode } from '../syntax/ast';
import type { Summary } from './summarize';
import type { DiagnosticSeverity, PortfolioDiagnostic } from '../check/diagnostics';
import type { PortfolioFile } from '../model/file';
import type { Range } from '../syntax/lineIndex';
import type { RuleId } from '../check/ruleIds';

/** A finding with what it is about: `initiative:<id>`, `outcome:<id>` or `file:<path>`. */
export interface SnapshotFinding {
  code: RuleId;
  severity: DiagnosticSeverity;
  message: string;
  path: string;
  range: Range;
  subject: string;
}

/** One side of a comparison: everything the diff needs, and what a baseline file holds. */
export interface Snapshot {
  /** Paths as displayed. */
  summary: Summary;
  /** A fingerprint of every initiative's fields, by id (cancelled ones too). */
  initiatives: Record<string, string>;
  findings: SnapshotFinding[];
  /** Files with YAML syntax errors: what is in them is missing from this side. */
  unparsed: string[];
}

export interface SummaryDelta {
  /** Money in summary minor units; null when the two sides use different currencies. */
  totalSpend: number | null;
  alignedSpend: number | null;
  unlinkedSpend: number | null;
  measuredSpend: number | null;
  budget: number | null;
  /** Shares (0..1) after minus before; null when either side has none. */
  alignmentScore: number | null;
  measuredShare: number | null;
  budgetUse: number | null;
  runShare: number | null;
  counts: { files: number; outcomes: number; initiatives: number; cancelled: number };
  problems: { errors: number; warnings: number; infos: number };
}

export interface OutcomeChange {
  id: string;
  title: string;
  change: 'added' | 'removed' | 'changed';
  /** Spend before and after in minor units; null on the side where the outcome is missing. */
  spendBefore: number | null;
  spendAfter: number | null;
  budgetUseBefore: number | null;
  budgetUseAfter: number | null;
  initiativesBefore: number | null;
  initiativesAfter: number | null;
}

export interface CapabilityChange {
  capability: string | null;
  spendBefore: number;
  spendAfter: number;
}

/** An initiative whose unlinked spend grew (added) or shrank (reduced). */
export interface UnlinkedChange {
  id: string;
  title: string;
  before: number;
  after: number;
}

export interface PortfolioDiff {
  base: Snapshot;
  head: Snapshot;
  currencyChanged: boolean;
  delta: SummaryDelta;
  outcomes: OutcomeChange[];
  capabilities: CapabilityChange[];
  unlinked: { added: UnlinkedChange[]; reduced: UnlinkedChange[] };
  initiatives: { added: string[]; removed: string[]; changed: string[] };
  findings: { new: SnapshotFinding[]; fixed: SnapshotFinding[] };
}

// ---------------------------------------------------------------------------------------------
// Snapshots

/**
 * One side from a check: `files` are the workspace's files, `diagnostics` the check's per-file
 * results, `summary` the check's summary with display paths, and `display` maps file paths.
 */
export function snapshotOf(
  files: readonly PortfolioFile[],
  diagnostics: ReadonlyArray<{ path: string; diagnostics: readonly PortfolioDiagnostic[] }>,
  summary: Summary,
  display: (path: string) => string,
): Snapshot {
  const initiatives: Record<string, string> = {};
  const byPath = new Map(files.map((file) => [file.path, file]));
  for (const file of files) {
    for (const item of file.initiatives) {
      const id = item.model.id?.value;
      if (id === undefined) continue;
      const print = fingerprint(item.model.node);
      // A duplicated id: both copies count, so a change to either is seen.
      initiatives[id] = Object.prototype.hasOwnProperty.call(initiatives, id) ? initiatives[id] + '\u0000' + print : print;
    }
  }
  const findings: SnapshotFinding[] = [];
  const unparsed: string[] = [];
  for (const result of diagnostics) {
    const file = byPath.get(result.path);
    const shown = display(result.path);
    const subjectAt = file ? subjectFinder(file) : () => undefined;
    let syntax = false;
    for (const d of result.diagnostics) {
      if (d.code === 'yaml-syntax') syntax = true;
      const subject = subjectAt(d.range) ?? `file:${shown}`;
      findings.push({ code: d.code, severity: d.severity, message: d.message, path: shown, range: d.range, subject });
    }
    if (syntax) unparsed.push(shown);
  }
  return { summary, initiatives, findings, unparsed };
}

/** A canonical text of an item's fields: key order, quoting and comments do not count. */
export function fingerprint(node: PNode | null): string {
  if (node === null) return 'null';
  switch (node.kind) {
    case 'scalar':
      return JSON.stringify(node.value);
    case 'seq':
      return `[${node.items.map(fingerprint).join(',')}]`;
    case 'map': {
      const pairs = node.pairs.map((p) => `${fingerprint(p.key)}:${fingerprint(p.value)}`).sort();
      return `{${pairs.join(',')}}`;
    }
  }
}

interface ItemExtent {
  start: number;
  end: number;
  subject: string;
}

/** Finds the initiative or outcome whose text holds a range's start. */
function subjectFinder(file: PortfolioFile): (range: Range) => string | undefined {
  const extents: ItemExtent[] = [];
  const add = (kind: string, item: { chunk: { base: number }; model: { node: PNode; id?: { value: string } } }) => {
    const id = item.model.id?.value;
    if (id !== undefined)
      extents.push({
        start: item.chunk.base + item.model.node.start,
        end: item.chunk.base + item.model.node.end,
        subject: `${kind}:${id}`,
      });
  };
  for (const item of file.outcomes) add('outcome', item);
  for (const item of file.initiatives) add('initiative', item);
  extents.sort((a, b) => a.start - b.start);
  return (range) => {
    const offset = file.lines.offsetAt(range.start);
    let low = 0;
    let high = extents.length - 1;
    let found: ItemExtent | undefined;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if (extents[middle]!.start <= offset) {
        found = extents[middle];
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found && offset <= found.end ? found.subject : undefined;
  };
}

// ---------------------------------------------------------------------------------------------
// The comparison

export function diffSnapshots(base: Snapshot, head: Snapshot): PortfolioDiff {
  const before = base.summary;
  const after = head.summary;
  const currencyChanged = before.currency !== after.currency;
  return {
    base,
    head,
    currencyChanged,
    delta: summaryDelta(before, after, currencyChanged),
    outcomes: outcomeChanges(before, after),
    capabilities: currencyChanged ? [] : capabilityChanges(before, after),
    unlinked: currencyChanged ? { added: [], reduced: [] } : unlinkedChanges(before, after),
    initiatives: initiativeChanges(base.initiatives, head.initiatives),
    findings: findingChanges(base.findings, head.findings),
  };
}

/** Whether anything a reviewer would care about changed (--quiet-unchanged). */
export function hasChanges(diff: PortfolioDiff): boolean {
  const d = diff.delta;
  const money = [d.totalSpend, d.alignedSpend, d.unlinkedSpend, d.budget].some((v) => v !== 0);
  const shares = [d.alignmentScore, d.measuredShare, d.budgetUse].some((v) => v !== null && v !== 0);
  const scoreAppeared = (diff.base.summary.alignmentScore === null) !== (diff.head.summary.alignmentScore === null);
  const lists =
    diff.initiatives.added.length +
    diff.initiatives.removed.length +
    diff.initiatives.changed.length +
    diff.findings.new.length +
    diff.findings.fixed.length +
    diff.outcomes.length;
  return diff.currencyChanged || money || shares || scoreAppeared || lists > 0;
}

function share(before: number | null | undefined, after: number | null | undefined): number | null {
  return before === null || before === undefined || after === null || after === undefined ? null : after - before;
}

function summaryDelta(before: Summary, after: Summary, currencyChanged: boolean): SummaryDelta {
  const money = (a: number | undefined, b: number | undefined) => (currencyChanged ? null : (b ?? 0) - (a ?? 0));
  return {
    totalSpend: money(before.totalSpend, after.totalSpend),
    alignedSpend: money(before.alignedSpend, after.alignedSpend),
    unlinkedSpend: money(before.unlinkedSpend, after.unlinkedSpend),
    measuredSpend: money(before.measuredSpend, after.measuredSpend),
    budget: money(before.budget, after.budget),
    alignmentScore: share(before.alignmentScore, after.alignmentScore),
    measuredShare: share(before.measuredShare, after.measuredShare),
    budgetUse: share(before.budgetUse, after.budgetUse),
    runShare: share(before.runShare, after.runShare),
    counts: {
      files: after.counts.files - before.counts.files,
      outcomes: after.counts.outcomes - before.counts.outcomes,
      initiatives: after.counts.initiatives - before.counts.initiatives,
      cancelled: after.counts.cancelled - before.counts.cancelled,
    },
    problems: {
      errors: after.problems.errors - before.problems.errors,
      warnings: after.problems.warnings - before.problems.warnings,
      infos: after.problems.infos - before.problems.infos,
    },
  };
}

function outcomeChanges(before: Summary, after: Summary): OutcomeChange[] {
  const old = new Map(before.byOutcome.map((o) => [o.id, o]));
  const changes: OutcomeChange[] = [];
  const seen = new Set<string>();
  for (const o of after.byOutcome) {
    seen.add(o.id);
    const b = old.get(o.id);
    const common = { id: o.id, title: o.title, spendAfter: o.spend, budgetUseAfter: o.budgetUse ?? null, initiativesAfter: o.initiatives };
    if (!b) {
      changes.push({ ...common, change: 'added', spendBefore: null, budgetUseBefore: null, initiativesBefore: null });
    } else if (
      b.spend !== o.spend ||
      b.initiatives !== o.initiatives ||
      b.title !== o.title ||
      (b.budgetUse ?? null) !== (o.budgetUse ?? null) ||
      b.measured !== o.measured ||
      before.currency !== after.currency
    ) {
      changes.push({
        ...common,
        change: 'changed',
        spendBefore: b.spend,
        budgetUseBefore: b.budgetUse ?? null,
        initiativesBefore: b.initiatives,
      });
    }
  }
  for (const b of before.byOutcome) {
    if (seen.has(b.id)) continue;
    changes.push({
      id: b.id,
      title: b.title,
      change: 'removed',
      spendBefore: b.spend,
      spendAfter: null,
      budgetUseBefore: b.budgetUse ?? null,
      budgetUseAfter: null,
      initiativesBefore: b.initiatives,
      initiativesAfter: null,
    });
  }
  return changes;
}

function capabilityChanges(before: Summary, after: Summary): CapabilityChange[] {
  const spend = new Map<string | null, CapabilityChange>();
  for (const c of before.byCapability) spend.set(c.capability, { capability: c.capability, spendBefore: c.spend, spendAfter: 0 });
  for (const c of after.byCapability) {
    const entry = spend.get(c.capability);
    if (entry) entry.spendAfter = c.spend;
    else spend.set(c.capability, { capability: c.capability, spendBefore: 0, spendAfter: c.spend });
  }
  return [...spend.values()].filter((c) => c.spendBefore !== c.spendAfter);
}

function unlinkedChanges(before: Summary, after: Summary): PortfolioDiff['unlinked'] {
  const old = new Map<string, number>();
  for (const u of before.unlinked) old.set(u.id, (old.get(u.id) ?? 0) + u.spend);
  const now = new Map<string, { title: string; spend: number }>();
  for (const u of after.unlinked) now.set(u.id, { title: u.title, spend: (now.get(u.id)?.spend ?? 0) + u.spend });
  const added: UnlinkedChange[] = [];
  const reduced: UnlinkedChange[] = [];
  for (const [id, { title, spend }] of now) {
    const was = old.get(id) ?? 0;
    if (spend > was) added.push({ id, title, before: was, after: spend });
    else if (spend < was) reduced.push({ id, title, before: was, after: spend });
  }
  const titles = new Map(before.unlinked.map((u) => [u.id, u.title]));
  for (const [id, was] of old) if (!now.has(id) && was > 0) reduced.push({ id, title: titles.get(id) ?? id, before: was, after: 0 });
  const bySize = (a: UnlinkedChange, b: UnlinkedChange) =>
    Math.abs(b.after - b.before) - Math.abs(a.after - a.before) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { added: added.sort(bySize), reduced: reduced.sort(bySize) };
}

function initiativeChanges(before: Record<string, string>, after: Record<string, string>): PortfolioDiff['initiatives'] {
  const has = (record: Record<string, string>, id: string) => Object.prototype.hasOwnProperty.call(record, id);
  const added: string[] = [];
  const changed: string[] = [];
  for (const id of Object.keys(after)) {
    if (!has(before, id)) added.push(id);
    else if (before[id] !== after[id]) changed.push(id);
  }
  const removed = Object.keys(before).filter((id) => !has(after, id));
  return { added: added.sort(), removed: removed.sort(), changed: changed.sort() };
}

/**
 * A finding is the same on both sides when its rule and subject match, whatever its line or
 * wording (an amount in a message may change). Several with one key are paired by equal
 * message first, then in order; what is left over is new (head) or fixed (base).
 */
function findingChanges(before: readonly SnapshotFinding[], after: readonly SnapshotFinding[]): PortfolioDiff['findings'] {
  const keyOf = (f: SnapshotFinding) => `${f.code}\u0000${f.subject}`;
  const groups = new Map<string, { before: SnapshotFinding[]; after: SnapshotFinding[] }>();
  const group = (key: string) => {
    let entry = groups.get(key);
    if (!entry) groups.set(key, (entry = { before: [], after: [] }));
    return entry;
  };
  for (const f of before) group(keyOf(f)).before.push(f);
  for (const f of after) group(keyOf(f)).after.push(f);
  const fresh: SnapshotFinding[] = [];
  const fixed: SnapshotFinding[] = [];
  for (const { before: b, after: a } of groups.values()) {
    if (b.length === a.length) continue;
    const leftBefore = [...b];
    const leftAfter: SnapshotFinding[] = [];
    for (const f of a) {
      const same = leftBefore.findIndex((g) => g.message === f.message);
      if (same >= 0) leftBefore.splice(same, 1);
      else leftAfter.push(f);
    }
    const paired = Math.min(leftBefore.length, leftAfter.length);
    for (const f of leftAfter.slice(paired)) fresh.push(f);
    for (const f of leftBefore.slice(paired)) fixed.push(f);
  }
  const inOrder = (a: SnapshotFinding, b: SnapshotFinding) =>
    a.path < b.path
      ? -1
      : a.path > b.path
        ? 1
        : a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
  return { new: fresh.sort(inOrder), fixed: fixed.sort(inOrder) };
}
