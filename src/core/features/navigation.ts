// Go to definition, find all references and rename for outcome and initiative ids, across files.
import type { PNode } from '../syntax/ast';
import type { PortfolioFile } from '../model/file';
import type { Position, Range } from '../syntax/lineIndex';
import type { Chunk } from '../syntax/parse';
import { ID_PATTERN } from '../model/schema';
import type { Analysis } from '../check/workspace';
import { rangeOf, targetAt, type Location } from './locate';

export interface TextEdit {
  path: string;
  range: Range;
  newText: string;
}

/** The range of a scalar's text without its quotes, so that renames keep the quoting style. */
export function innerRange(file: PortfolioFile, chunk: Chunk, node: PNode): Range {
  const text = chunk.parse.text;
  const first = text[node.start];
  const quoted = (first === '"' || first === "'") && node.end - node.start >= 2 && text[node.end - 1] === first;
  return rangeOf(file, chunk, quoted ? { start: node.start + 1, end: node.end - 1 } : node);
}

function targetFor(analysis: Analysis, path: string, position: Position) {
  const file = analysis.files.find((f) => f.path === path);
  if (!file) return undefined;
  const target = targetAt(file, file.lines.offsetAt(position));
  return target && target.kind !== 'amount' ? { file, target } : undefined;
}

export function definition(analysis: Analysis, path: string, position: Position): Location[] {
  const found = targetFor(analysis, path, position);
  if (!found) return [];
  const { target } = found;
  return analysis.index
    .definitions(target.kind, target.id)
    .map(({ file, item }) => ({ path: file.path, range: innerRange(file, item.chunk, item.model.id!.node) }));
}

/** Every place an id is written: its definitions and the links or dependencies naming it. */
function occurrences(analysis: Analysis, kind: 'outcome' | 'initiative', id: string, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  for (const file of analysis.files) {
    if (includeDeclaration) {
      const defined = kind === 'outcome' ? file.outcomes : file.initiatives;
      for (const { chunk, model } of defined) {
        if (model.id?.value === id) out.push({ path: file.path, range: innerRange(file, chunk, model.id.node) });
      }
    }
    for (const { chunk, model } of file.initiatives) {
      const nodes =
        kind === 'outcome'
          ? model.links.entries.filter((l) => l.id === id).map((l) => l.node)
          : model.dependsOn.filter((d) => d.value === id).map((d) => d.node);
      for (const node of nodes) out.push({ path: file.path, range: innerRange(file, chunk, node) });
    }
  }
  return out;
}

export function references(analysis: Analysis, path: string, position: Position, includeDeclaration: boolean): Location[] {
  const found = targetFor(analysis, path, position);
  return found ? occurrences(analysis, found.target.kind as 'outcome' | 'initiative', found.target.id, includeDeclaration) : [];
}

export function prepareRename(
  analysis: Analysis,
  path: string,
  position: Position,
): { range: Range; placeholder: string } | { error: string } {
  const found = targetFor(analysis, path, position);
  if (!found)
    return {
      error: 'Only outcome and initiative ids can be renamed: put the cursor on an id, a link in outcomes, or an entry of dependsOn.',
    };
  return { range: innerRange(found.file, found.target.chunk, found.target.node), placeholder: found.target.id };
}

export function rename(analysis: Analysis, path: string, position: Position, newName: string): { edits: TextEdit[] } | { error: string } {
  const found = targetFor(analysis, path, position);
  if (!found) return { error: 'Only outcome and initiative ids can be renamed.' };
  const { kind, id } = found.target as { kind: 'outcome' | 'initiative'; id: string };
  if (!ID_PATTERN.test(newName))
    return { error: `"${newName}" is not a valid id: use letters, digits, ".", "_" and "-", starting with a letter or digit.` };
  const taken = kind === 'outcome' ? analysis.index.outcomes.has(newName) : analysis.index.initiatives.has(newName);
  if (taken && newName !== id) return { error: `An ${kind} with the id "${newName}" already exists: pick another id.` };
  return { edits: occurrences(analysis, kind, id, true).map((location) => ({ ...location, newText: newName })) };
}
