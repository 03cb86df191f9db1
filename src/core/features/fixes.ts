// Quick fixes as text edits. They insert or replace only the text they must, so comments and
// formatting around them stay as they were.
import type { PMap, PNode } from '../syntax/ast';
import { isMap, isSeq } from '../syntax/ast';
import type { PortfolioDiagnostic } from '../check/diagnostics';
import type { Located, PortfolioFile } from '../model/file';
import type { InitiativeModel, LinkEntry } from '../model/model';
import { WEIGHT_WHOLE } from '../model/model';
import type { Position, Range } from '../syntax/lineIndex';
import type { Chunk } from '../syntax/parse';
import type { Analysis } from '../check/workspace';
import { itemAt } from './locate';
import type { TextEdit } from './navigation';

export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix to apply first (VS Code's preferred quick fix). */
  preferred?: boolean;
  /** Safe to apply without looking: used by "Fix all" (source.fixAll). */
  safe?: boolean;
  /** A fix that needs a choice from the user: the editor asks, then calls linkEdits. */
  pick?: { kind: 'link-outcome'; initiative: string };
}

export function fixesFor(analysis: Analysis, path: string, diagnostic: PortfolioDiagnostic): Fix[] {
  const data = diagnostic.data;
  const file = analysis.files.find((f) => f.path === path);
  if (!data || !file) return [];
  switch (data.kind) {
    case 'replace':
      return [
        {
          title: `Change to "${data.text}"`,
          edits: [{ path, range: diagnostic.range, newText: data.text }],
          preferred: true,
          safe: diagnostic.code === 'schema',
        },
      ];
    case 'indent':
      return [
        {
          title: `Indent with ${data.spaces} spaces instead of tabs`,
          edits: [{ path, range: diagnostic.range, newText: ' '.repeat(data.spaces) }],
          preferred: true,
          safe: true,
        },
      ];
    case 'unknown-outcome': {
      const fixes: Fix[] = [];
      if (data.suggestion)
        fixes.push({
          title: `Change to "${data.suggestion}"`,
          edits: [{ path, range: diagnostic.range, newText: data.suggestion }],
          preferred: true,
        });
      fixes.push({ title: `Create outcome "${data.id}"`, edits: createOutcomeEdits(analysis, file, data.id) });
      return fixes;
    }
    case 'link-outcome':
      return linkFixes(analysis, path, data.initiative);
    case 'split-to-100':
      return splitFixes(file, diagnostic);
    case 'add-field':
      return addFieldFix(file, diagnostic, data.field, data.placeholder);
  }
}

/** Whether two ranges overlap or touch (as VS Code's Range.intersection sees it). */
function rangesMeet(a: Range, b: Range): boolean {
  const before = (x: Position, y: Position) => x.line < y.line || (x.line === y.line && x.character < y.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/**
 * "Fix all": the edits of every safe fix of a file's diagnostics, in one answer so that the editor
 * makes one request however many problems there are. A fix whose edits meet one already taken is
 * left for a second run, so that no two edits of the result overlap.
 */
export function safeFixEdits(analysis: Analysis, path: string, diagnostics: readonly PortfolioDiagnostic[]): TextEdit[] {
  const taken: TextEdit[] = [];
  for (const diagnostic of diagnostics) {
    if (!diagnostic.data) continue;
    const safe = fixesFor(analysis, path, diagnostic).find(
      (fix) => fix.safe && fix.edits.length > 0 && fix.edits.every((e) => e.path === path),
    );
    if (!safe || safe.edits.some((e) => taken.some((t) => rangesMeet(t.range, e.range)))) continue;
    taken.push(...safe.edits);
  }
  return taken;
}

// ---- text helpers ----

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

function lineEnd(text: string, offset: number): number {
  const end = text.indexOf('\n', offset);
  const at = end === -1 ? text.length : end;
  return at > 0 && text[at - 1] === '\r' ? at - 1 : at;
}

function eol(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

function column(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

function insertAt(file: PortfolioFile, offset: number, newText: string): TextEdit {
  const position = file.lines.positionAt(offset);
  return { path: file.path, range: { start: position, end: position }, newText };
}

function replaceNode(file: PortfolioFile, chunk: Chunk, node: { start: number; end: number }, newText: string): TextEdit {
  return { path: file.path, range: file.lines.range(chunk.base + node.start, chunk.base + node.end), newText };
}

/** "supply-chain-cost" → "Supply chain cost" */
function titleFromId(id: string): string {
  const words = id.replace(/[-_.]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Adds `key: value` to a mapping: a new line after its last pair, or a pair in a flow mapping. */
function addKeyEdit(file: PortfolioFile, chunk: Chunk, map: PMap, key: string, value: string): TextEdit | undefined {
  const first = map.pairs[0];
  const last = map.pairs[map.pairs.length - 1];
  if (!first || !last) return undefined;
  const text = file.text;
  if (text[chunk.base + map.start] === '{') return insertAt(file, chunk.base + last.end, `, ${key}: ${value}`);
  // A block scalar's range ends after its final line break: stay on its last line.
  let end = chunk.base + last.end;
  while (end > chunk.base + last.start && (text[end - 1] === '\n' || text[end - 1] === '\r')) end--;
  return insertAt(file, lineEnd(text, end), `${eol(text)}${' '.repeat(column(text, chunk.base + first.key.start))}${key}: ${value}`);
}

// ---- unknown outcome: create a stub ----

function createOutcomeEdits(analysis: Analysis, current: PortfolioFile, id: string): TextEdit[] {
  // The stub goes at the end of this file's outcomes, or else of the file with the most outcomes.
  const holder = current.outcomes.length > 0 ? current : [...analysis.files].sort((a, b) => b.outcomes.length - a.outcomes.length)[0];
  const text = (holder ?? current).text;
  const newline = eol(text);
  const title = titleFromId(id);
  if (holder && holder.outcomes.length > 0) {
    const last = holder.outcomes[holder.outcomes.length - 1]!;
    const itemStart = last.chunk.base + last.model.node.start;
    const dash = Math.max(0, column(text, itemStart) - 2);
    const endOffset = last.chunk.base + last.model.node.end;
    const at = lineEnd(text, text[endOffset - 1] === '\n' ? endOffset - 1 : endOffset);
    const pad = ' '.repeat(dash);
    return [insertAt(holder, at, `${newline}${pad}- id: ${id}${newline}${pad}  title: ${title}`)];
  }
  const prefix = text.length === 0 || text.endsWith('\n') ? '' : newline;
  return [insertAt(current, text.length, `${prefix}outcomes:${newline}  - id: ${id}${newline}    title: ${title}${newline}`)];
}

// ---- link an initiative to an outcome ----

function words(text: string | undefined): Set<string> {
  return new Set(
    (text ?? '')
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length > 2),
  );
}

/** Outcomes ranked by how well their capability, title and id match the initiative's words. */
export function rankOutcomes(analysis: Analysis, initiativeId: string): Array<{ id: string; title: string; score: number }> {
  const initiative = analysis.index.initiative(initiativeId)?.item.model;
  const mine = words(`${initiative?.title ?? ''} ${initiativeId} ${initiative?.owner ?? ''} ${initiative?.service?.value ?? ''}`);
  const ranked = [...analysis.index.outcomes].map(([id, definition]) => {
    const model = definition.item.model;
    // A shared capability word counts double: it says which part of the business is served.
    let score = 0;
    for (const word of words(model.capability)) if (mine.has(word)) score += 2;
    for (const word of words(`${model.title ?? ''} ${id}`)) if (mine.has(word)) score += 1;
    return { id, title: model.title ?? id, score, spend: analysis.ledger.byOutcome.get(id)?.spend ?? 0 };
  });
  return ranked
    .sort((a, b) => b.score - a.score || b.spend - a.spend || (a.id < b.id ? -1 : 1))
    .map(({ id, title, score }) => ({ id, title, score }));
}

function initiativeIn(
  analysis: Analysis,
  path: string,
  initiativeId: string,
): { file: PortfolioFile; item: Located<InitiativeModel> } | undefined {
  const file = analysis.files.find((f) => f.path === path);
  const item = file?.initiatives.find((i) => i.model.id?.value === initiativeId);
  return file && item ? { file, item } : undefined;
}

/**
 * The edit that links the initiative to an outcome: its first link; else in place of a link to
 * an outcome that does not exist; else one more link (weighted links get what is left of 100%).
 */
export function linkEdits(analysis: Analysis, path: string, initiativeId: string, outcomeId: string): TextEdit[] {
  const found = initiativeIn(analysis, path, initiativeId);
  if (!found) return [];
  const { file, item } = found;
  const { chunk, model } = item;
  const links = model.links;
  if (!links.keyNode) {
    const edit = isMap(model.node) ? addKeyEdit(file, chunk, model.node, 'outcomes', `[${outcomeId}]`) : undefined;
    return edit ? [edit] : [];
  }
  if (links.entries.some((entry) => entry.id === outcomeId)) return [];
  const unknown = links.entries.find((entry) => !analysis.index.outcomes.has(entry.id));
  if (unknown) return [replaceNode(file, chunk, unknown.node, outcomeId)];
  const value = links.valueNode;
  if (
    !value ||
    (value.kind === 'scalar' && value.value === null) ||
    ((isSeq(value) || isMap(value)) && links.entries.length === 0 && !hasBlockItems(value))
  ) {
    return [emptyLinksEdit(file, chunk, links.keyNode, value, outcomeId)];
  }
  if (isSeq(value)) return [appendToList(file, chunk, value, outcomeId)];
  if (isMap(value)) {
    const rest = WEIGHT_WHOLE - links.weightSum;
    return [appendToMap(file, chunk, value, outcomeId, formatPercent(Math.max(0, rest)))];
  }
  return [];
}

function hasBlockItems(node: PNode): boolean {
  return (isSeq(node) && node.items.length > 0) || (isMap(node) && node.pairs.length > 0);
}

/** `outcomes:` with nothing, [] or {}: the value becomes [id]. */
function emptyLinksEdit(file: PortfolioFile, chunk: Chunk, keyNode: PNode, value: PNode | undefined, outcomeId: string): TextEdit {
  if (value && (isSeq(value) || isMap(value))) return replaceNode(file, chunk, value, `[${outcomeId}]`);
  const colon = file.text.indexOf(':', chunk.base + keyNode.end);
  const end = lineEnd(file.text, chunk.base + keyNode.end);
  const at = colon >= 0 && colon < end ? colon + 1 : end;
  // Replace whatever empty value follows the colon (spaces, ~, null) up to a comment or the line end.
  const rest = file.text.slice(at, end);
  const length = /^\s*(?:~|null)?\s*(?=#|$)/.exec(rest)?.[0].length ?? 0;
  const comment = rest.slice(length).startsWith('#') ? ' ' : '';
  return { path: file.path, range: file.lines.range(at, at + length), newText: ` [${outcomeId}]${comment}` };
}

function appendToList(file: PortfolioFile, chunk: Chunk, list: PNode & { kind: 'seq' }, outcomeId: string): TextEdit {
  const last = list.items[list.items.length - 1]!;
  if (file.text[chunk.base + list.start] === '[') return insertAt(file, chunk.base + last.end, `, ${outcomeId}`);
  // A block list: a new "- id" line, indented like the last item.
  const dash = file.text.lastIndexOf('-', chunk.base + last.start);
  return insertAt(file, lineEnd(file.text, chunk.base + last.end), `${eol(file.text)}${' '.repeat(column(file.text, dash))}- ${outcomeId}`);
}

function appendToMap(file: PortfolioFile, chunk: Chunk, map: PMap, outcomeId: string, weight: string): TextEdit {
  const last = map.pairs[map.pairs.length - 1]!;
  if (file.text[chunk.base + map.start] === '{') return insertAt(file, chunk.base + last.end, `, ${outcomeId}: ${weight}`);
  return insertAt(
    file,
    lineEnd(file.text, chunk.base + last.end),
    `${eol(file.text)}${' '.repeat(column(file.text, chunk.base + last.key.start))}${outcomeId}: ${weight}`,
  );
}

function linkFixes(analysis: Analysis, path: string, initiativeId: string): Fix[] {
  const ranked = rankOutcomes(analysis, initiativeId).slice(0, 3);
  const fixes: Fix[] = ranked
    .map((outcome, index) => ({
      title: `Link to outcome "${outcome.id}" (${outcome.title})`,
      edits: linkEdits(analysis, path, initiativeId, outcome.id),
      ...(index === 0 && outcome.score > 0 ? { preferred: true } : {}),
    }))
    .filter((fix) => fix.edits.length > 0);
  if (analysis.index.outcomes.size > 0)
    fixes.push({ title: 'Link to outcome…', edits: [], pick: { kind: 'link-outcome', initiative: initiativeId } });
  return fixes;
}

// ---- weights that do not add up to 100% ----

function formatPercent(millionths: number): string {
  return `${Number((millionths / 10_000).toFixed(2))}%`;
}

function splitFixes(file: PortfolioFile, diagnostic: PortfolioDiagnostic): Fix[] {
  const offset = file.lines.offsetAt(diagnostic.range.start);
  const item = itemAt(file.initiatives, offset);
  if (!item) return [];
  const links = item.model.links;
  const entries = links.entries.filter((e): e is LinkEntry & { weightNode: PNode } => e.weightNode !== undefined);
  if (links.form !== 'weighted' || entries.length !== links.entries.length || links.weightSum <= 0) return [];
  const fixes: Fix[] = [];
  const rest = WEIGHT_WHOLE - links.weightSum;
  const last = entries[entries.length - 1]!;
  if (last.weight + rest >= 0) {
    const title =
      rest > 0 ? `Give the remaining ${formatPercent(rest)} to "${last.id}"` : `Take the extra ${formatPercent(-rest)} from "${last.id}"`;
    fixes.push({ title, edits: [replaceNode(file, item.chunk, last.weightNode, formatPercent(last.weight + rest))] });
  }
  // Scale in steps of 0.1% so the result reads well; the last weight takes the rounding.
  const scaled = entries.map((e) => Math.round((e.weight / links.weightSum) * 1000) * 1000);
  scaled[scaled.length - 1] = WEIGHT_WHOLE - scaled.slice(0, -1).reduce((a, b) => a + b, 0);
  if (scaled[scaled.length - 1]! >= 0) {
    fixes.push({
      title: `Scale the weights to 100% (${entries.map((e, i) => `${e.id}: ${formatPercent(scaled[i]!)}`).join(', ')})`,
      edits: entries.map((e, i) => replaceNode(file, item.chunk, e.weightNode, formatPercent(scaled[i]!))),
    });
  }
  return fixes;
}

// ---- a missing key ----

/** The innermost block mapping that holds `offset`, within `node`. */
function mapAt(node: PNode | null, chunk: Chunk, offset: number): PMap | undefined {
  if (!node || chunk.base + node.start > offset || offset > chunk.base + node.end) return undefined;
  if (isMap(node)) {
    for (const pair of node.pairs) {
      const inner = mapAt(pair.value, chunk, offset);
      if (inner) return inner;
    }
    return node;
  }
  if (isSeq(node)) {
    for (const item of node.items) {
      const inner = mapAt(item, chunk, offset);
      if (inner) return inner;
    }
  }
  return undefined;
}

function addFieldFix(file: PortfolioFile, diagnostic: PortfolioDiagnostic, field: string, placeholder: string): Fix[] {
  const title = `Add "${field}"`;
  const newline = eol(file.text);
  if (field === 'apiVersion' || field === 'kind') {
    const lines =
      field === 'apiVersion'
        ? `apiVersion: portfolio/v1${newline}${/^\s*kind:/m.test(file.text) ? '' : `kind: Portfolio${newline}`}`
        : `kind: Portfolio${newline}`;
    const afterApi = /^apiVersion:.*$/m.exec(file.text);
    const at = field === 'kind' && afterApi ? afterApi.index + afterApi[0].length + 1 : 0;
    return [{ title, edits: [insertAt(file, Math.min(at, file.text.length), lines)] }];
  }
  const offset = file.lines.offsetAt(diagnostic.range.start);
  const item = itemAt(file.initiatives, offset) ?? itemAt(file.outcomes, offset);
  const metadata = file.metadata;
  let edit: TextEdit | undefined;
  if (item) {
    const map = mapAt(item.model.node, item.chunk, offset);
    if (map) edit = addKeyEdit(file, item.chunk, map, field, placeholder);
  } else if (metadata && isMap(metadata.model.node)) {
    edit = addKeyEdit(file, metadata.chunk, metadata.model.node, field, placeholder);
  }
  return edit ? [{ title, edits: [edit] }] : [];
}
