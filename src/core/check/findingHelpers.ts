// Making findings and writing where things are in their messages: shared by the rules. Kept out of
// rules/rule.ts (what a rule is) so that the check code beside the rules can use them too without
// importing the rules layer.
import type { PNode } from '../syntax/ast';
import type { Finding, FixData } from './diagnostics';
import type { PortfolioFile } from '../model/file';
import type { Chunk } from '../syntax/parse';
import type { RuleId } from './ruleIds';

const spendFindings = new Map<RuleId, WeakMap<object, { currency: string; finding: Finding }>>();

/**
 * The finding a rule makes of an initiative's spend entry, made again only when the entry (its
 * spend) or the summary currency changes: with thousands of unlinked initiatives, writing each
 * message again on every keystroke would cost more than the check itself.
 */
export function findingOfSpend(rule: RuleId, entry: object, currency: string, make: () => Finding): Finding {
  let memo = spendFindings.get(rule);
  if (!memo) spendFindings.set(rule, (memo = new WeakMap()));
  const known = memo.get(entry);
  if (known?.currency === currency) return known.finding;
  const finding = make();
  memo.set(entry, { currency, finding });
  return finding;
}

/** A finding at a node of an item of `file`. */
export function findingAt(
  rule: RuleId,
  file: PortfolioFile,
  chunk: Chunk,
  node: { start: number; end: number },
  message: string,
  data?: FixData,
): Finding {
  const finding: Finding = { rule, path: file.path, span: { chunk, start: node.start, end: node.end }, message };
  if (data) finding.data = data;
  return finding;
}

/** "outcomes.portfolio.yaml line 12": where something is, for messages. */
export function where(file: PortfolioFile, chunk: Chunk, node: { start: number }): string {
  return `${baseName(file.path)} line ${file.lines.positionAt(chunk.base + node.start).line + 1}`;
}

/** The file name of a path or URI. */
export function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? path;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

/** Where an item-level finding goes: its id, else its first key. */
export function itemAnchor(model: { id?: { node: PNode }; node: PNode }): PNode {
  if (model.id) return model.id.node;
  const node = model.node;
  return node.kind === 'map' && node.pairs[0] ? node.pairs[0].key : node;
}

export function quoted(model: { id?: { value: string } }, fallback: string): string {
  return model.id ? `"${model.id.value}"` : fallback;
}
