// Splits a portfolio file into independently parsable chunks: one per top-level key, and one per
// item of the `outcomes` and `initiatives` block sequences. Parsing chunk by chunk lets an edit
// re-parse only the item it touched (parse.ts caches chunks by their text).
//
// The split is a line scan, so it only handles the plain block layout that almost every
// portfolio uses. Anything the scan cannot be sure of (document markers, directives, flow or
// complex keys at the top, odd indentation) makes it return null, and so does a chunk with
// anchors, aliases or tabs (see isSafeChunk): the file is then parsed as one chunk, which is
// always correct, only slower to re-validate.

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
const TAB_INDENT = /^[ ]*\t/m;
const SECTION_KEY = /^([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]|$)/;
const LIST_HEAD = /^[A-Za-z_][A-Za-z0-9_-]*[ \t]*:[ \t]*(?:#.*)?$/;
const SPACE = 32;
const HASH = 35;
const DASH = 45;
const CR = 13;
const NEWLINE = 10;

/** Whether a chunk can be parsed on its own: no anchors or aliases across chunks, no tabs. */
export function isSafeChunk(text: string): boolean {
  return !ANCHOR_OR_ALIAS.test(text) && !TAB_INDENT.test(text);
}

/** Calls `visit(start, contentStart, end, next)` for each line that is not blank or a comment. */
function scanLines(
  text: string,
  from: number,
  to: number,
  visit: (start: number, first: number, end: number, next: number) => boolean,
): boolean {
  let start = from;
  while (start < to) {
    let newline = text.indexOf('\n', start);
    if (newline === -1 || newline >= to) newline = to;
    const next = newline < to ? newline + 1 : to;
    let end = newline;
    if (end > start && text.charCodeAt(end - 1) === CR) end--;
    let first = start;
    while (first < end && text.charCodeAt(first) === SPACE) first++;
    if (first < end && text.charCodeAt(first) !== HASH && !visit(start, first, end, next)) return false;
    start = next;
  }
  return true;
}

function isItemStart(text: string, first: number, end: number): boolean {
  if (text.charCodeAt(first) !== DASH) return false;
  return first + 1 >= end || text.charCodeAt(first + 1) === SPACE;
}

/** Returns the chunk plan, or null when the file must be parsed as one chunk. */
export function planChunks(text: string): SectionSlice[] | null {
  if (text.charCodeAt(0) === 0xfeff) return null;
  const sections: SectionSlice[] = [];
  let current: SectionSlice | undefined;
  let itemIndent = -1;
  let seenContent = false;
  const ok = scanLines(text, 0, text.length, (start, first, end, next) => {
    const indent = first - start;
    if (indent === 0) {
      const c = text.charCodeAt(first);
      if ((c === DASH && text.startsWith('---', first)) || text.startsWith('...', first) || c === 37 /* % */) {
        // Only a single leading '---' is harmless; it stays in the first chunk.
        return !seenContent && end - first === 3 && text.startsWith('---', first);
      }
    }
    seenContent = true;
    const itemStart = isItemStart(text, first, end);
    if (current?.items && itemStart && (indent === itemIndent || itemIndent === -1)) {
      itemIndent = indent;
      current.items.push({ start, end: next });
      return true;
    }
    if (current?.items && indent === itemIndent && indent > 0) return false;
    if (indent > 0) {
      // A continuation line of the current section or item; before any section it is not ours.
      if (!current) return false;
      if (current.items && current.items.length > 0 && indent < itemIndent) return false;
      if (current.items && current.items.length === 0) current.items = undefined;
      return true;
    }
    const content = text.slice(first, end);
    const key = SECTION_KEY.exec(content)?.[1];
    if (key === undefined) return false;
    current = { key, start: sections.length === 0 ? 0 : start, end: next };
    if (LIST_KEYS.has(key) && LIST_HEAD.test(content)) current.items = [];
    itemIndent = -1;
    sections.push(current);
    return true;
  });
  return ok ? finish(text.length, sections) : null;
}

/** Stretches each section and item to the start of the next, so that the slices tile the text. */
function finish(length: number, sections: SectionSlice[]): SectionSlice[] | null {
  if (sections.length === 0) return null;
  for (let i = 0; i < sections.length; i++) {
    const section = sections[i]!;
    section.end = i + 1 < sections.length ? sections[i + 1]!.start : length;
    if (section.items?.length === 0) section.items = undefined;
    const items = section.items;
    if (!items) continue;
    for (let j = 0; j < items.length; j++) {
      items[j]!.end = j + 1 < items.length ? items[j + 1]!.start : section.end;
    }
  }
  return sections;
}

/**
 * Splits `text[from, to)`, which replaced some items of a list whose items start at column
 * `indent`, into item slices. Undefined when the region is not a clean run of such items (the
 * caller then plans the whole file again).
 */
export function planItems(text: string, from: number, to: number, indent: number): Slice[] | undefined {
  const items: Slice[] = [];
  const ok = scanLines(text, from, to, (start, first, end) => {
    const column = first - start;
    if (column === indent && isItemStart(text, first, end)) {
      items.push({ start, end: to });
      return true;
    }
    return column > indent && items.length > 0;
  });
  if (!ok || items.length === 0 || items[0]!.start !== lineStartOf(text, from)) return undefined;
  for (let i = 0; i + 1 < items.length; i++) items[i]!.end = items[i + 1]!.start;
  // The region must end where a line ends, so that the next item still starts a line.
  if (to < text.length && to > 0 && text.charCodeAt(to - 1) !== NEWLINE) return undefined;
  return items;
}

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
