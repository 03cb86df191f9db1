// The summary panel's "Compare with…": what changed since a git ref, cut down from the engine's
// PortfolioDiff to what the page shows (the card deltas, and the lists of initiatives added and
// removed and of new findings, each with the place to open). Pure, so the page and its tests
// build the same view.
import type { PortfolioDiff } from '../diff';
import type { DiagnosticSeverity } from '../../check/diagnostics';
import { formatMoneyShort } from '../../model/money';
import type { RuleId } from '../../check/ruleIds';
import { h, visibleText, type VElement } from './view';

/** The most entries of each list sent to the page: the rest are counted. */
export const MAX_COMPARISON_ITEMS = 200;

export interface ComparedInitiative {
  id: string;
  title: string;
  /** Where it is (added) or was (removed); null when no portfolio file of the folder has it. */
  path: string | null;
  line: number | null;
}

export interface ComparedFinding {
  code: RuleId;
  severity: DiagnosticSeverity;
  message: string;
  path: string;
  line: number;
}

export interface Comparison {
  /** The ref compared with, as the user chose it (HEAD, a branch, a tag). */
  ref: string;
  currency: string;
  /** Money deltas are null when the two sides use different currencies. */
  currencyChanged: boolean;
  delta: {
    alignmentScore: number | null;
    totalSpend: number | null;
    unlinkedSpend: number | null;
    measuredShare: number | null;
    budgetUse: number | null;
  };
  added: ComparedInitiative[];
  removed: ComparedInitiative[];
  changed: number;
  newFindings: ComparedFinding[];
  fixedFindings: number;
  /** How many entries were left out of the lists above (MAX_COMPARISON_ITEMS each). */
  omitted: number;
}

/** The comparison the page shows, from the engine's diff (paths are the folder's file URIs). */
export function comparisonOf(diff: PortfolioDiff, ref: string): Comparison {
  const where = (rows: PortfolioDiff['head']['summary']['initiatives']) => new Map(rows.map((row) => [row.id, row]));
  const now = where(diff.head.summary.initiatives);
  const before = where(diff.base.summary.initiatives);
  const headPaths = new Set(diff.head.summary.initiatives.map((row) => row.path));
  const initiative = (
    id: string,
    rows: Map<string, { title: string; path: string; line: number }>,
    known: (path: string) => boolean,
  ): ComparedInitiative => {
    const row = rows.get(id);
    return row && known(row.path)
      ? { id, title: row.title, path: row.path, line: row.line }
      : { id, title: row?.title ?? id, path: null, line: null };
  };
  let omitted = 0;
  const cut = <T>(list: readonly T[]): T[] => {
    omitted += Math.max(0, list.length - MAX_COMPARISON_ITEMS);
    return list.slice(0, MAX_COMPARISON_ITEMS);
  };
  const d = diff.delta;
  return {
    ref,
    currency: diff.head.summary.currency,
    currencyChanged: diff.currencyChanged,
    delta: {
      alignmentScore: d.alignmentScore,
      totalSpend: d.totalSpend,
      unlinkedSpend: d.unlinkedSpend,
      measuredShare: d.measuredShare,
      budgetUse: d.budgetUse,
    },
    added: cut(diff.initiatives.added).map((id) => initiative(id, now, () => true)),
    // A removed initiative opens the file it was in, if that file is still a portfolio file.
    removed: cut(diff.initiatives.removed).map((id) => initiative(id, before, (path) => headPaths.has(path))),
    changed: diff.initiatives.changed.length,
    newFindings: cut(diff.findings.new).map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      path: f.path,
      line: f.range.start.line + 1,
    })),
    fixedFindings: diff.findings.fixed.length,
    omitted,
  };
}

/** A share change in percentage points, signed: `+2.1 pts`. */
export function signedPoints(share: number): string {
  // The magnitude is rounded, so that a rise and a fall of the same size read the same.
  const points = Math.round(Math.abs(share) * 1000) / 10;
  return `${points === 0 ? '\u00b1' : share > 0 ? '+' : '\u2212'}${points.toFixed(1)} pts`;
}

/** A money change, signed and short: `+EUR 175k`. */
export function signedMoney(minor: number, currency: string): string {
  return `${minor > 0 ? '+' : minor < 0 ? '\u2212' : '\u00b1'}${formatMoneyShort(Math.abs(minor), currency)}`;
}

export type CardKey = 'score' | 'total' | 'unlinked' | 'measured' | 'budget';

/** The change each headline card shows under its value. */
export function cardDeltas(comparison: Comparison): Partial<Record<CardKey, string>> {
  const { delta, currency } = comparison;
  const deltas: Partial<Record<CardKey, string>> = {};
  if (delta.alignmentScore !== null) deltas.score = signedPoints(delta.alignmentScore);
  if (delta.measuredShare !== null) deltas.measured = signedPoints(delta.measuredShare);
  if (delta.budgetUse !== null) deltas.budget = signedPoints(delta.budgetUse);
  if (delta.totalSpend !== null) deltas.total = signedMoney(delta.totalSpend, currency);
  if (delta.unlinkedSpend !== null) deltas.unlinked = `${signedMoney(delta.unlinkedSpend, currency)} unlinked`;
  return deltas;
}

function place(path: string | null, line: number | null, label: string, displayPath: (path: string) => string): VElement {
  if (path === null || line === null) return h('span', { class: 'place' }, label);
  return h(
    'button',
    {
      class: 'reveal link-button',
      'data-action': 'reveal',
      'data-path': path,
      'data-line': String(line),
      title: `${displayPath(path)}:${line}`,
    },
    label,
  );
}

function initiativeList(title: string, items: readonly ComparedInitiative[], displayPath: (path: string) => string): VElement | null {
  if (items.length === 0) return null;
  return h(
    'div',
    { class: 'comparison-list', 'data-table': title.toLowerCase().replace(/\s+/g, '-') },
    h('h3', null, `${title} (${items.length.toLocaleString('en-US')})`),
    h(
      'ul',
      null,
      items.map((item) => h('li', null, place(item.path, item.line, visibleText(item.id), displayPath), ` ${visibleText(item.title)}`)),
    ),
  );
}

/** The "Changes since <ref>" section of the panel. */
export function comparisonSection(comparison: Comparison, displayPath: (path: string) => string = (p) => p): VElement {
  const findings = comparison.newFindings;
  const facts = [
    `${comparison.added.length.toLocaleString('en-US')} added`,
    `${comparison.removed.length.toLocaleString('en-US')} removed`,
    `${comparison.changed.toLocaleString('en-US')} changed`,
    `${findings.length.toLocaleString('en-US')} new finding${findings.length === 1 ? '' : 's'}`,
    `${comparison.fixedFindings.toLocaleString('en-US')} fixed`,
  ];
  return h(
    'section',
    { class: 'comparison', 'aria-labelledby': 'comparison-title' },
    h('h2', { id: 'comparison-title' }, `Changes since ${visibleText(comparison.ref)}`),
    h('p', { class: 'comparison-facts' }, `Initiatives: ${facts.slice(0, 3).join(', ')}. Findings: ${facts.slice(3).join(', ')}.`),
    comparison.currencyChanged ? h('p', { class: 'note' }, 'The summary currency changed, so spend is not compared.') : null,
    initiativeList('Added initiatives', comparison.added, displayPath),
    initiativeList('Removed initiatives', comparison.removed, displayPath),
    findings.length === 0
      ? null
      : h(
          'div',
          { class: 'comparison-list', 'data-table': 'new-findings' },
          h('h3', null, `New findings (${findings.length.toLocaleString('en-US')})`),
          h(
            'ul',
            null,
            findings.map((f) =>
              h(
                'li',
                { class: `finding ${f.severity}` },
                place(f.path, f.line, `${displayPath(f.path)}:${f.line}`, displayPath),
                ` ${f.severity} ${f.code}: ${visibleText(f.message)}`,
              ),
            ),
          ),
        ),
    comparison.omitted > 0 ? h('p', { class: 'note' }, `${comparison.omitted.toLocaleString('en-US')} more not listed.`) : null,
  );
}

const CARD_LABELS: Record<string, CardKey> = {
  'Alignment score': 'score',
  'Total spend': 'total',
  'Unlinked spend': 'unlinked',
  'Measured share': 'measured',
  'Budget use': 'budget',
};

/** Adds each card's change under its value, in a copy of the report view (the cards are view.ts's). */
export function withCardDeltas(view: VElement, deltas: Partial<Record<CardKey, string>>, ref: string): VElement {
  const visit = (node: VElement): VElement => {
    const children = node.children?.map((child) => (typeof child === 'string' ? child : visit(child)));
    const copy: VElement = { ...node, ...(children ? { children } : {}) };
    if (!/(^|\s)card(\s|$)/.test(node.attrs?.class ?? '')) return copy;
    const label = node.children?.find((c): c is VElement => typeof c !== 'string' && c.attrs?.class === 'card-label');
    const key = CARD_LABELS[typeof label?.children?.[0] === 'string' ? label.children[0] : ''];
    const delta = key ? deltas[key] : undefined;
    if (!delta) return copy;
    copy.children = [...(copy.children ?? []), h('div', { class: 'card-delta', title: `Change since ${ref}` }, `${delta} since ${ref}`)];
    return copy;
  };
  return visit(view);
}
