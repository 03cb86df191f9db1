// Splits a portfolio file into independently parsable chunks: one per top-level key, and one per
// item of the `outcomes` and `initiatives` block sequences. Parsing chunk by chunk lets an edit
// re-parse only the item it touched (parse.ts caches chunks by their text).
//
// The split is a line scan, so it only handles the plain block layout that almost every
// portfolio uses. Anything the scan cannot be sure of (anchors, aliases, document markers,
// directives, tabs, flow or complex keys at the top) makes it return null: the caller then
// parses the file as one chunk, which is always correct, only slower to re-validate.

export interface Slice {
  start: number;
  end: number;
}

export interface SectionSlice extends Slice {
  /** The top-level key when it is plain text. */
  key: string;
  /** Item slices of a block sequence section (`outcomes:` or `initiatives:`), tiling the rest of it. */
  items?: Slice[];
}

const LIST_KEYS = new Set(['outcomes', 'initiatives']);
// An anchor (&name) or alias (*name) where a node can start; "R&D" or "a * b" are not matched.
const ANCHOR_OR_ALIAS = /(?:^|[\s:\-[{,])[&*][^\s,[\]{}]/m;
const SECTION_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;
const LIST_HEAD = /^[A-Za-z_][A-Za-z0-9_-]*[ \t]*:[ \t]*(?:#.*)?$/;

interface Line {
  start: number;
  /** End of the line's content, before any '\r\n' or '\n'. */
  end: number;
  /** Offset of the next line. */
  next: number;
}

function* lines(text: string): Generator<Line> {
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline + 1;
    let end = newline === -1 ? text.length : newline;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    yield { start, end, next };
    start = next;
  }
}

function indentOf(text: string, line: Line): number {
  let at = line.start;
  while (at < line.end && text.charCodeAt(at) === 32) at++;
  return at - line.start;
}

/** True for blank and comment-only lines, which never change the structure. */
function isTrivia(text: string, line: Line, indent: number): boolean {
  const first = line.start + indent;
  return first >= line.end || text.charCodeAt(first) === 35; // '#'
}

function isItemStart(text: string, line: Line, indent: number): boolean {
  const at = line.start + indent;
  if (text.charCodeAt(at) !== 45) return false; // '-'
  const after = at + 1;
  return after >= line.end || text.charCodeAt(after) === 32;
}

function hasUnsafeSyntax(text: string): boolean {
  return text.charCodeAt(0) === 0xfeff || ANCHOR_OR_ALIAS.test(text) || /^[ ]*\t/m.test(text);
}

/** Returns the chunk plan, or null when the file must be parsed as one chunk. */
export function planChunks(text: string): SectionSlice[] | null {
  if (hasUnsafeSyntax(text)) return null;
  const sections: SectionSlice[] = [];
  let current: SectionSlice | undefined;
  let itemIndent = -1;
  let seenContent = false;
  for (const line of lines(text)) {
    const indent = indentOf(text, line);
    if (isTrivia(text, line, indent)) continue;
    const content = text.slice(line.start + indent, line.end);
    if (indent === 0 && (content.startsWith('---') || content.startsWith('...') || content.startsWith('%'))) {
      // Only a single leading '---' is harmless; it stays in the first chunk.
      if (content === '---' && !seenContent) continue;
      return null;
    }
    seenContent = true;
    const itemStart = isItemStart(text, line, indent);
    if (current?.items && itemStart && (indent === itemIndent || itemIndent === -1)) {
      itemIndent = indent;
      current.items.push({ start: line.start, end: line.next });
      continue;
    }
    if (current?.items && indent === itemIndent && indent > 0) return null;
    if (indent > 0) {
      // A continuation line of the current section or item; before any section it is not ours.
      if (!current) return null;
      if (current.items && current.items.length > 0 && indent < itemIndent) return null;
      if (current.items && current.items.length === 0) current.items = undefined;
      continue;
    }
    const key = SECTION_KEY.exec(content)?.[1];
    if (key === undefined) return null;
    current = { key, start: sections.length === 0 ? 0 : line.start, end: line.next };
    if (LIST_KEYS.has(key) && LIST_HEAD.test(content)) current.items = [];
    itemIndent = -1;
    sections.push(current);
  }
  return finish(text, sections);
}

/** Stretches each section and item to the start of the next, so that the slices tile the text. */
function finish(text: string, sections: SectionSlice[]): SectionSlice[] | null {
  if (sections.length === 0) return null;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    section.end = i + 1 < sections.length ? sections[i + 1]!.start : text.length;
    if (section.items?.length === 0) section.items = undefined;
    const items = section.items;
    if (!items) continue;
    for (let j = 0; j < items.length; j++) {
      items[j]!.end = j + 1 < items.length ? items[j + 1]!.start : section.end;
    }
  }
  return sections;
}
