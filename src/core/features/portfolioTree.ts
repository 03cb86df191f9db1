// The Portfolio view's tree, one level at a time: the editor asks for the children of one node
// (and one page of them), so expanding a group at 10,000 initiatives sends a page, not the lot.
// Built from the same analysis as the diagnostics: no second parse.
import type { PortfolioDiagnostic } from '../check/diagnostics';
import type { Located, PortfolioFile } from '../model/file';
import type { InitiativeSpend } from '../check/ledger';
import type { Chunk } from '../syntax/parse';
import { formatMoneyShort } from '../model/money';
import type { InitiativeModel, OutcomeModel } from '../model/model';
import { isRuleId } from '../check/ruleIds';
import { plural } from '../text/suggest';
import type { Analysis } from '../check/workspace';

/** The groups at the top of the tree, in the order shown: the money no outcome explains first. */
export const TREE_GROUPS = ['unlinked', 'outcomes', 'capabilities', 'problems'] as const;
export type TreeGroup = (typeof TREE_GROUPS)[number];

export type TreeNodeKind = 'group' | 'outcome' | 'initiative' | 'capability' | 'rule' | 'problem';

export interface TreeNode {
  /**
   * Names the node among its siblings; for a node with children it is also what to ask the
   * children of (`unlinked`, `outcome:<id>`, `capability:<name>`, `rule:<id>`...).
   */
  id: string;
  kind: TreeNodeKind;
  label: string;
  description: string;
  tooltip?: string;
  /** How many children it has (shown in the description of groups). */
  count?: number;
  expandable: boolean;
  /** Where its YAML is: 0-based line and character. */
  location?: { path: string; line: number; character: number };
  /** The initiative's id, for the Link… action. */
  initiative?: string;
  /** The initiative has spend that serves no existing outcome. */
  unlinked?: boolean;
  severity?: PortfolioDiagnostic['severity'];
}

export interface TreePage {
  items: TreeNode[];
  /** Children of the node in all; `items` is the page from `offset`. */
  total: number;
  offset: number;
  /** Unlinked initiatives and their spend, for the view's badge. */
  badge: { count: number; spend: string };
}

export const DEFAULT_TREE_PAGE = 200;
export const MAX_TREE_PAGE = 2000;

interface Paging {
  offset?: number;
  limit?: number;
}

/** The children of `node` ('' for the top), one page of them. An unknown node has none. */
export function portfolioTree(analysis: Analysis, node: string, paging: Paging = {}): TreePage {
  const offset = Math.max(0, Math.floor(paging.offset ?? 0));
  const limit = Math.min(MAX_TREE_PAGE, Math.max(1, Math.floor(paging.limit ?? DEFAULT_TREE_PAGE)));
  const unlinked = unlinkedEntries(analysis);
  const currency = analysis.ledger.currency;
  const badge = { count: unlinked.length, spend: formatMoneyShort(unlinkedTotal(analysis), currency) };
  const all = childrenOf(analysis, node, unlinked);
  const page = all.slice(offset, offset + limit).map((make) => make());
  return { items: page, total: all.length, offset, badge };
}

/** Children are made lazily: only the page sent is given labels and line numbers. */
type Lazy = () => TreeNode;

function childrenOf(analysis: Analysis, node: string, unlinked: InitiativeSpend[]): Lazy[] {
  if (node === '') return topGroups(analysis, unlinked);
  const colon = node.indexOf(':');
  const kind = colon < 0 ? node : node.slice(0, colon);
  const key = colon < 0 ? '' : node.slice(colon + 1);
  switch (kind) {
    case 'unlinked':
      return unlinked.map((entry) => () => initiativeNode(analysis, entry, entry.unlinked, true));
    case 'outcomes':
      return outcomesByspend(analysis).map((o) => () => outcomeNode(analysis, o));
    case 'outcome':
      return servingInitiatives(analysis, key).map(
        ({ entry, amount }) =>
          () =>
            initiativeNode(analysis, entry, amount, entry.unlinked > 0),
      );
    case 'capabilities':
      return capabilities(analysis).map((c) => () => capabilityNode(analysis, c));
    case 'capability':
      return outcomesByspend(analysis)
        .filter((o) => (o.item.model.capability ?? '') === key)
        .map((o) => () => outcomeNode(analysis, o));
    case 'problems':
      return problemRules(analysis).map((r) => () => ruleNode(r.rule, r.problems.length));
    case 'rule':
      return isRuleId(key) ? (problemRules(analysis).find((r) => r.rule === key)?.problems ?? []).map((p) => () => problemNode(p)) : [];
    default:
      return [];
  }
}

function topGroups(analysis: Analysis, unlinked: InitiativeSpend[]): Lazy[] {
  const currency = analysis.ledger.currency;
  const outcomes = analysis.index.outcomes.size;
  const capabilityCount = capabilities(analysis).length;
  const problems = problemRules(analysis).reduce((n, r) => n + r.problems.length, 0);
  const unlinkedSpend = unlinkedTotal(analysis);
  const group =
    (id: TreeGroup, label: string, count: number, description: string, tooltip: string): Lazy =>
    () => ({ id, kind: 'group', label, description, tooltip, count, expandable: count > 0 });
  return [
    group(
      'unlinked',
      'Unlinked spend',
      unlinked.length,
      `${formatMoneyShort(unlinkedSpend, currency)} · ${unlinked.length}`,
      `${plural(unlinked.length, 'initiative')} spend ${formatMoneyShort(unlinkedSpend, currency)} that serves no existing outcome`,
    ),
    group(
      'outcomes',
      'Outcomes',
      outcomes,
      `${formatMoneyShort(analysis.ledger.aligned, currency)} · ${outcomes}`,
      `${plural(outcomes, 'outcome')}, served by ${formatMoneyShort(analysis.ledger.aligned, currency)} of spend`,
    ),
    group('capabilities', 'Capabilities', capabilityCount, String(capabilityCount), 'Linked spend by business capability'),
    group('problems', 'Problems', problems, String(problems), `${plural(problems, 'problem')} in the portfolio files, by rule`),
  ];
}

/**
 * What several nodes need, worked out once per analysis: the engine keeps one analysis until the
 * files change, so expanding node after node does not sort 10,000 initiatives each time.
 */
interface Derived {
  unlinked?: InitiativeSpend[];
  problems?: Array<{ rule: string; problems: LocatedProblem[] }>;
  outcomes?: OutcomeEntry[];
}
const derived = new WeakMap<Analysis, Derived>();

function derivedOf(analysis: Analysis): Derived {
  let entry = derived.get(analysis);
  if (!entry) derived.set(analysis, (entry = {}));
  return entry;
}

/** Initiatives with spend no existing outcome explains, largest first (as the summary lists them). */
function unlinkedEntries(analysis: Analysis): InitiativeSpend[] {
  const memo = derivedOf(analysis);
  memo.unlinked ??= analysis.ledger.initiatives
    .filter((e) => e.unlinked > 0)
    .sort((a, b) => b.unlinked - a.unlinked || compareText(idOf(a.item), idOf(b.item)));
  return memo.unlinked;
}

function unlinkedTotal(analysis: Analysis): number {
  return unlinkedEntries(analysis).reduce((sum, e) => sum + e.unlinked, 0);
}

interface OutcomeEntry {
  id: string;
  file: PortfolioFile;
  item: Located<OutcomeModel>;
  spend: number;
  initiatives: number;
}

function outcomesByspend(analysis: Analysis): OutcomeEntry[] {
  const memo = derivedOf(analysis);
  memo.outcomes ??= outcomeEntries(analysis);
  return memo.outcomes;
}

function outcomeEntries({ index, ledger }: Analysis): OutcomeEntry[] {
  const out: OutcomeEntry[] = [];
  for (const [id, { file, item }] of index.outcomes) {
    const counted = ledger.byOutcome.get(id);
    out.push({ id, file, item, spend: counted?.spend ?? 0, initiatives: counted?.initiatives ?? 0 });
  }
  return out.sort((a, b) => b.spend - a.spend || compareText(a.id, b.id));
}

function servingInitiatives({ ledger }: Analysis, outcome: string): Array<{ entry: InitiativeSpend; amount: number }> {
  const out: Array<{ entry: InitiativeSpend; amount: number }> = [];
  for (const entry of ledger.initiatives) {
    let amount = 0;
    let serves = false;
    for (const allocation of entry.allocations) {
      if (allocation.id !== outcome) continue;
      serves = true;
      amount += allocation.amount;
    }
    if (serves) out.push({ entry, amount });
  }
  return out.sort((a, b) => b.amount - a.amount || compareText(idOf(a.entry.item), idOf(b.entry.item)));
}

function capabilities(analysis: Analysis): Array<{ capability: string; spend: number; outcomes: number }> {
  const map = new Map<string, { spend: number; outcomes: number }>();
  for (const o of outcomesByspend(analysis)) {
    const key = o.item.model.capability ?? '';
    const entry = map.get(key) ?? { spend: 0, outcomes: 0 };
    entry.spend += o.spend;
    entry.outcomes++;
    map.set(key, entry);
  }
  // Outcomes with no capability come last.
  return [...map]
    .map(([capability, v]) => ({ capability, ...v }))
    .sort(
      (a, b) =>
        (a.capability === '' ? 1 : 0) - (b.capability === '' ? 1 : 0) || b.spend - a.spend || compareText(a.capability, b.capability),
    );
}

interface LocatedProblem {
  path: string;
  diagnostic: PortfolioDiagnostic;
}

function problemRules(analysis: Analysis): Array<{ rule: string; problems: LocatedProblem[] }> {
  const memo = derivedOf(analysis);
  memo.problems ??= problemsByRule(analysis);
  return memo.problems;
}

function problemsByRule(analysis: Analysis): Array<{ rule: string; problems: LocatedProblem[] }> {
  const byRule = new Map<string, LocatedProblem[]>();
  for (const file of analysis.files) {
    for (const diagnostic of analysis.diagnostics.get(file.path) ?? []) {
      let list = byRule.get(diagnostic.code);
      if (!list) byRule.set(diagnostic.code, (list = []));
      list.push({ path: file.path, diagnostic });
    }
  }
  return [...byRule]
    .map(([rule, problems]) => ({ rule, problems }))
    .sort((a, b) => b.problems.length - a.problems.length || compareText(a.rule, b.rule));
}

function initiativeNode(analysis: Analysis, entry: InitiativeSpend, amount: number, unlinked: boolean): TreeNode {
  const model = entry.item.model;
  const id = idOf(entry.item);
  const currency = analysis.ledger.currency;
  const node: TreeNode = {
    id: `initiative:${entry.file.path}#${id}#${entry.item.chunk.base + model.node.start}`,
    kind: 'initiative',
    label: id || '(no id)',
    description: [formatMoneyShort(amount, currency), model.title].filter(Boolean).join(' · '),
    tooltip: tooltipOf(entry, currency),
    expandable: false,
    location: locationOf(entry.file, entry.item.chunk, model.id?.node ?? model.node),
  };
  if (id) node.initiative = id;
  if (unlinked) node.unlinked = true;
  return node;
}

function tooltipOf(entry: InitiativeSpend, currency: string): string {
  const model = entry.item.model;
  const lines = [model.title ?? idOf(entry.item), `Spend ${formatMoneyShort(entry.spend, currency)}`];
  if (entry.unlinked > 0) lines.push(`Unlinked ${formatMoneyShort(entry.unlinked, currency)}: ${reasonText(entry.reason)}`);
  if (model.owner) lines.push(`Owner ${model.owner}`);
  if (model.status) lines.push(`Status ${model.status}`);
  return lines.join('\n');
}

function reasonText(reason: InitiativeSpend['reason']): string {
  if (reason === 'unknown-outcome') return 'links an outcome that does not exist';
  if (reason === 'split-below-100') return 'its weighted split is below 100%';
  return 'links no outcome';
}

function outcomeNode(analysis: Analysis, o: OutcomeEntry): TreeNode {
  const model = o.item.model;
  return {
    id: `outcome:${o.id}`,
    kind: 'outcome',
    label: o.id,
    description: [`${formatMoneyShort(o.spend, analysis.ledger.currency)} · ${o.initiatives}`, model.title].filter(Boolean).join(' · '),
    tooltip: [
      model.title ?? o.id,
      `${plural(o.initiatives, 'initiative')}, ${formatMoneyShort(o.spend, analysis.ledger.currency)}`,
      model.owner ? `Owner ${model.owner}` : '',
      model.capability ? `Capability ${model.capability}` : '',
    ]
      .filter(Boolean)
      .join('\n'),
    count: o.initiatives,
    expandable: o.initiatives > 0,
    location: locationOf(o.file, o.item.chunk, model.id?.node ?? model.node),
  };
}

function capabilityNode(analysis: Analysis, c: { capability: string; spend: number; outcomes: number }): TreeNode {
  return {
    id: `capability:${c.capability}`,
    kind: 'capability',
    label: c.capability || '(no capability)',
    description: `${formatMoneyShort(c.spend, analysis.ledger.currency)} · ${c.outcomes}`,
    tooltip: `${plural(c.outcomes, 'outcome')}, ${formatMoneyShort(c.spend, analysis.ledger.currency)} of linked spend`,
    count: c.outcomes,
    expandable: c.outcomes > 0,
  };
}

function ruleNode(rule: string, count: number): TreeNode {
  return {
    id: `rule:${rule}`,
    kind: 'rule',
    label: rule,
    description: String(count),
    tooltip: `${plural(count, 'problem')} found by ${rule}`,
    count,
    expandable: count > 0,
  };
}

function problemNode({ path, diagnostic }: LocatedProblem): TreeNode {
  const { line, character } = diagnostic.range.start;
  return {
    id: `problem:${path}#${line}:${character}#${diagnostic.message}`,
    kind: 'problem',
    label: diagnostic.message,
    description: `${baseName(path)}:${line + 1}`,
    tooltip: `${diagnostic.severity} ${diagnostic.code}: ${diagnostic.message}`,
    expandable: false,
    location: { path, line, character },
    severity: diagnostic.severity,
  };
}

function locationOf(file: PortfolioFile, chunk: Chunk, node: { start: number }): TreeNode['location'] {
  const { line, character } = file.lines.positionAt(chunk.base + node.start);
  return { path: file.path, line, character };
}

function idOf(item: Located<InitiativeModel>): string {
  return item.model.id?.value ?? '';
}

function baseName(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1);
  try {
    return decodeURIComponent(name);
  } catch {
    return name; // not percent-encoded after all
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface UnlinkedMark {
  /** 0-based line of the initiative's id. */
  line: number;
  /** "EUR 250k unlinked" */
  text: string;
}

/** Each initiative of one file with spend no outcome explains: the end-of-line decoration. */
export function unlinkedMarks(analysis: Analysis, path: string): UnlinkedMark[] {
  const currency = analysis.ledger.currency;
  const marks: UnlinkedMark[] = [];
  for (const entry of analysis.ledger.initiatives) {
    if (entry.file.path !== path || entry.unlinked <= 0) continue;
    const model = entry.item.model;
    const line = locationOf(entry.file, entry.item.chunk, model.id?.node ?? model.node)!.line;
    marks.push({ line, text: `${formatMoneyShort(entry.unlinked, currency)} unlinked: ${reasonText(entry.reason)}` });
  }
  return marks;
}
