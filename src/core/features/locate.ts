// What is at a place in a file: an outcome or initiative id (defined or referenced), an amount,
// or a key. Language features (hover, definition, references, rename) start from here.
import type { PNode } from '../syntax/ast';
import type { Located, PortfolioFile } from '../model/file';
import type { AmountLiteral, InitiativeModel, OutcomeModel } from '../model/model';
import type { Chunk } from '../syntax/parse';
import type { Position, Range } from '../syntax/lineIndex';

export interface Location {
  path: string;
  range: Range;
}

export type Target =
  | { kind: 'outcome'; id: string; node: PNode; chunk: Chunk; definition: boolean }
  | { kind: 'initiative'; id: string; node: PNode; chunk: Chunk; definition: boolean }
  | {
      kind: 'amount';
      field: 'cost' | 'actualCost' | 'budget';
      amount: AmountLiteral;
      chunk: Chunk;
      owner: Located<InitiativeModel> | Located<OutcomeModel> | undefined;
    };

export function contains(chunk: Chunk, node: { start: number; end: number }, offset: number): boolean {
  return chunk.base + node.start <= offset && offset <= chunk.base + node.end;
}

/** The item (outcome or initiative) whose node spans `offset`, by binary search over file order. */
export function itemAt<T extends { node: PNode }>(items: ReadonlyArray<Located<T>>, offset: number): Located<T> | undefined {
  let low = 0;
  let high = items.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const item = items[mid]!;
    const start = item.chunk.base + item.model.node.start;
    if (offset < start) high = mid - 1;
    else if (offset > item.chunk.base + item.model.node.end) low = mid + 1;
    else return item;
  }
  return undefined;
}

export function targetAt(file: PortfolioFile, offset: number): Target | undefined {
  const initiative = itemAt(file.initiatives, offset);
  if (initiative) return initiativeTarget(initiative, offset);
  const outcome = itemAt(file.outcomes, offset);
  if (outcome) {
    const { chunk, model } = outcome;
    if (model.id && contains(chunk, model.id.node, offset))
      return { kind: 'outcome', id: model.id.value, node: model.id.node, chunk, definition: true };
    if (model.budget && contains(chunk, model.budget.node, offset))
      return { kind: 'amount', field: 'budget', amount: model.budget, chunk, owner: outcome };
    return undefined;
  }
  const metadata = file.metadata;
  if (metadata?.model.budget && contains(metadata.chunk, metadata.model.budget.node, offset)) {
    return { kind: 'amount', field: 'budget', amount: metadata.model.budget, chunk: metadata.chunk, owner: undefined };
  }
  return undefined;
}

function initiativeTarget(item: Located<InitiativeModel>, offset: number): Target | undefined {
  const { chunk, model } = item;
  if (model.id && contains(chunk, model.id.node, offset))
    return { kind: 'initiative', id: model.id.value, node: model.id.node, chunk, definition: true };
  for (const link of model.links.entries) {
    if (contains(chunk, link.node, offset)) return { kind: 'outcome', id: link.id, node: link.node, chunk, definition: false };
  }
  for (const dependency of model.dependsOn) {
    if (contains(chunk, dependency.node, offset))
      return { kind: 'initiative', id: dependency.value, node: dependency.node, chunk, definition: false };
  }
  for (const field of ['cost', 'actualCost'] as const) {
    const amount = model[field];
    if (amount && contains(chunk, amount.node, offset)) return { kind: 'amount', field, amount, chunk, owner: item };
  }
  return undefined;
}

export function rangeOf(file: PortfolioFile, chunk: Chunk, node: { start: number; end: number }): Range {
  return file.lines.range(chunk.base + node.start, chunk.base + node.end);
}

export function offsetOf(file: PortfolioFile, position: Position): number {
  return file.lines.offsetAt(position);
}
