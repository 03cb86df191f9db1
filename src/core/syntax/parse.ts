// YAML text to the light syntax tree of ast.ts, chunk by chunk (see chunks.ts), with a cache of
// parsed chunks keyed by their text so that re-parsing after an edit only parses what changed.
import {
  Composer,
  Parser,
  YAMLParseError,
  isAlias,
  visit,
  type Alias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Document,
  type Node as YamlNode,
  type YAMLError,
} from 'yaml';
import type { PNode, PPair, PMap, PSeq } from './ast';
import type { FixData } from '../check/diagnostics';
import { keyText } from './ast';
import { isSafeChunk, planChunks, planItems, type SectionSlice } from './chunks';
import { buildItemChunk, MAX_DEPTH, tooDeepAt } from './cst';
import { halfTypedKeyProblem, tabIndentProblem, unclosedQuoteProblem } from './syntaxHints';

/** A problem found while reading YAML, at offsets relative to its chunk. */
export interface SyntaxProblem {
  rule: 'yaml-syntax' | 'schema';
  message: string;
  start: number;
  end: number;
  data?: FixData;
  /** The error hides text that belongs to its item (an unclosed quote, a key without colon):
   * schema and missing-field findings that follow from it are not reported. */
  hides?: boolean;
}

/** The parse of one chunk of text: immutable and position-independent, so it can be cached. */
export interface ChunkParse {
  readonly text: string;
  readonly root: PNode | null;
  readonly problems: readonly SyntaxProblem[];
  /** False when the chunk cannot be read apart from the rest of the file (anchors, tabs). */
  readonly safe: boolean;
}

/** Which list an item chunk belongs to, and the column of its items' dashes. */
export interface ItemRole {
  list: 'outcomes' | 'initiatives';
  indent: number;
}

/**
 * A chunk at its place in the current text. An edit moves the chunks after it by changing their
 * `base` in place (so everything located in them moves too, and nothing is copied): a parsed
 * file is only valid until the next edit of its text.
 */
export interface Chunk {
  base: number;
  readonly parse: ChunkParse;
  /** Set for the chunks of list items; section chunks have none. */
  readonly role?: ItemRole;
  /** The list items this chunk holds, made once per chunk. */
  items?: ItemEntry[];
}

export interface SectionEntry {
  key: string;
  pair: PPair;
  chunk: Chunk;
  /** Its items are chunks of their own, so its value is a list even though the head shows none. */
  chunkedList?: boolean;
}

export interface ItemEntry {
  node: PNode;
  chunk: Chunk;
}

export interface ParsedFile {
  text: string;
  chunks: Chunk[];
  /** True when the file could be split into chunks (edits re-parse only what they touch). */
  chunked: boolean;
  /** What the root holds: a mapping (the only valid form), nothing, or something else. */
  rootShape: 'map' | 'empty' | 'other';
  rootChunk?: Chunk;
  sections: SectionEntry[];
  outcomeItems: ItemEntry[];
  initiativeItems: ItemEntry[];
}

export type ChunkCache = Map<string, ChunkParse>;

/** A replacement of old[start, end) by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

/** Files smaller than this are parsed whole: chunking only pays off on large files. */
export const CHUNK_THRESHOLD = 64 * 1024;
/** Alias expansion budget per chunk: a guard against "billion laughs" alias bombs. */
const MAX_EXPANDED_NODES = 100_000;

export interface ParseOptions {
  /** Parsed chunks by text; reused when unchanged, and updated with the chunks used. */
  cache?: ChunkCache;
  /** Parse in chunks even for small texts (tests use it to exercise the chunked path). */
  alwaysChunk?: boolean;
  /** Compose every chunk as the library does, instead of building items from its syntax tree (cst.ts): tests compare the two. */
  composeItems?: boolean;
}

class ChunkReader {
  readonly used: ChunkCache = new Map();

  constructor(
    private readonly reuse: ChunkCache | undefined,
    private readonly composeItems = false,
  ) {}

  read(text: string, start: number, end: number, role?: ItemRole): Chunk {
    const slice = text.slice(start, end);
    let parse = this.used.get(slice) ?? this.reuse?.get(slice);
    if (!parse) parse = (role && !this.composeItems && builtItemPart(slice)) || parsePart(slice);
    this.used.set(slice, parse);
    return role ? { base: start, parse, role } : { base: start, parse };
  }
}

export function parseFile(text: string, options: ParseOptions = {}): ParsedFile {
  const plan = options.alwaysChunk || text.length >= CHUNK_THRESHOLD ? planChunks(text) : null;
  if (plan) {
    const reader = new ChunkReader(options.cache, options.composeItems);
    const chunks = chunksOf(text, plan, reader);
    if (chunks.every((chunk) => chunk.parse.safe)) {
      replaceCache(options.cache, reader.used);
      return assemble(text, chunks);
    }
  }
  const whole = options.cache?.get(text) ?? parseWhole(text);
  replaceCache(options.cache, new Map([[text, whole]]));
  return assembleWhole(text, { base: 0, parse: whole });
}

function replaceCache(cache: ChunkCache | undefined, used: ChunkCache): void {
  if (!cache) return;
  cache.clear();
  for (const [key, value] of used) cache.set(key, value);
}

function chunksOf(text: string, plan: SectionSlice[], reader: ChunkReader): Chunk[] {
  const chunks: Chunk[] = [];
  for (const section of plan) {
    const items = section.items;
    chunks.push(reader.read(text, section.start, items?.[0]?.start ?? section.end));
    if (!items) continue;
    const role: ItemRole = { list: section.key as ItemRole['list'], indent: indentAt(text, items[0]!.start) };
    for (const slice of items) chunks.push(reader.read(text, slice.start, slice.end, role));
  }
  return chunks;
}

function indentAt(text: string, lineStart: number): number {
  let at = lineStart;
  while (text.charCodeAt(at) === 32) at++;
  return at - lineStart;
}

/**
 * The file after one change, re-parsing only the list items the change touched. Falls back to
 * a full parse when the change is outside the lists or changes the file's structure.
 */
export function reparseFile(previous: ParsedFile, change: TextChange, options: ParseOptions = {}): ParsedFile {
  const text = previous.text.slice(0, change.start) + change.text + previous.text.slice(change.end);
  const incremental = previous.chunked ? spliceChunks(previous, text, change, options) : undefined;
  return incremental ?? parseFile(text, options);
}

function chunkIndexAt(chunks: Chunk[], offset: number): number {
  let low = 0;
  let high = chunks.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (chunks[mid]!.base <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function spliceChunks(previous: ParsedFile, text: string, change: TextChange, options: ParseOptions): ParsedFile | undefined {
  const cache = options.cache;
  const chunks = previous.chunks;
  let first = chunkIndexAt(chunks, change.start);
  // Text inserted at the start of an item may continue the item before it.
  if (first > 0 && chunks[first]!.base === change.start) first--;
  const last = chunkIndexAt(chunks, change.end);
  const role = chunks[first]!.role;
  for (let i = first; i <= last; i++) {
    const r = chunks[i]!.role;
    if (!r || !role || r.list !== role.list || r.indent !== role.indent) return undefined;
  }
  const delta = change.text.length - (change.end - change.start);
  const oldEnd = last + 1 < chunks.length ? chunks[last + 1]!.base : previous.text.length;
  const start = chunks[first]!.base;
  const items = planItems(text, start, oldEnd + delta, role!.indent);
  if (!items) return undefined;
  const reader = new ChunkReader(cache, options.composeItems);
  const replaced = items.map((slice) => reader.read(text, slice.start, slice.end, role));
  if (!replaced.every((chunk) => chunk.parse.safe)) return undefined;
  if (cache) {
    for (let i = first; i <= last; i++) cache.delete(chunks[i]!.parse.text);
    for (const [key, value] of reader.used) cache.set(key, value);
  }
  // Found before the later chunks move: where the replaced chunks' entries lie in their list.
  const list = role!.list === 'outcomes' ? 'outcomeItems' : 'initiativeItems';
  const entries = previous[list];
  const from = firstEntryFrom(entries, start);
  const to = firstEntryFrom(entries, oldEnd);
  const after = chunks.slice(last + 1);
  if (delta !== 0) for (const chunk of after) chunk.base += delta;
  // Only items of one list changed: the sections and the other list are kept as they are.
  const file: ParsedFile = { ...previous, text, chunks: chunks.slice(0, first).concat(replaced, after) };
  file[list] = entries.slice(0, from).concat(replaced.flatMap(entriesOf), entries.slice(to));
  return file;
}

/** The index of the first entry whose chunk starts at or after `offset` (entries are in text order). */
function firstEntryFrom(entries: readonly ItemEntry[], offset: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (entries[mid]!.chunk.base < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The list items a list item's chunk holds: none when it does not parse as a list (its syntax problem is reported). */
function entriesOf(chunk: Chunk): ItemEntry[] {
  const root = chunk.parse.root;
  if (root?.kind !== 'seq') return [];
  return (chunk.items ??= root.items.map((node) => ({ node, chunk })));
}

function assembleWhole(text: string, chunk: Chunk): ParsedFile {
  const file: ParsedFile = {
    text,
    chunks: [chunk],
    chunked: false,
    rootShape: 'empty',
    rootChunk: chunk,
    sections: [],
    outcomeItems: [],
    initiativeItems: [],
  };
  const root = chunk.parse.root;
  if (root === null || (root.kind === 'scalar' && root.value === null)) return file;
  if (root.kind !== 'map') {
    file.rootShape = 'other';
    return file;
  }
  file.rootShape = 'map';
  for (const pair of root.pairs) addSection(file, pair, chunk);
  return file;
}

function addSection(file: ParsedFile, pair: PPair, chunk: Chunk): void {
  const key = keyText(pair) ?? '';
  file.sections.push({ key, pair, chunk });
  const list = key === 'outcomes' ? file.outcomeItems : key === 'initiatives' ? file.initiativeItems : undefined;
  if (list && pair.value?.kind === 'seq') {
    for (const node of pair.value.items) list.push({ node, chunk });
  }
}

/** Sections from section chunks, and the items of each list from its item chunks. */
function assemble(text: string, chunks: Chunk[]): ParsedFile {
  const file: ParsedFile = {
    text,
    chunks,
    chunked: true,
    rootShape: 'map',
    rootChunk: chunks[0],
    sections: [],
    outcomeItems: [],
    initiativeItems: [],
  };
  for (const chunk of chunks) {
    const root = chunk.parse.root;
    if (chunk.role) {
      const section = file.sections[file.sections.length - 1];
      if (section) section.chunkedList = true;
      const list = chunk.role.list === 'outcomes' ? file.outcomeItems : file.initiativeItems;
      for (const entry of entriesOf(chunk)) list.push(entry);
    } else if (root?.kind === 'map') {
      for (const pair of root.pairs) addSection(file, pair, chunk);
    }
  }
  return file;
}

const parseOptions = { prettyErrors: false, uniqueKeys: true, strict: true, stringKeys: false } as const;

/** A whole file: may hold several documents, of which only the first is the portfolio. */
function parseWhole(text: string): ChunkParse {
  const composed = compose(text, false);
  if (!Array.isArray(composed)) return { text, root: null, problems: [composed], safe: true };
  const docs = composed;
  if (docs.length === 0) return { text, root: null, problems: [], safe: true };
  const first = docs[0]!;
  const converted = convertDocument(first, text);
  for (const extra of docs.slice(1)) {
    const start = extra.range[0];
    converted.problems.push({
      rule: 'schema',
      message: 'A portfolio file holds one YAML document; this second document is not read. Move it to a file of its own.',
      start,
      end: Math.min(text.length, Math.max(start + 3, extra.range[1])),
    });
  }
  return { text, root: converted.root, problems: converted.problems, safe: true };
}

/** A list item's chunk built from the syntax tree, when its layout is plain (cst.ts). */
function builtItemPart(text: string): ChunkParse | undefined {
  const root = isSafeChunk(text) ? buildItemChunk(text) : undefined;
  return root && { text, root, problems: [], safe: true };
}

/** One chunk of a chunked file: a top-level section or one list item. */
function parsePart(text: string): ChunkParse {
  if (!isSafeChunk(text)) return { text, root: null, problems: [], safe: false };
  const composed = compose(text, true);
  if (!Array.isArray(composed)) return { text, root: null, problems: [composed], safe: true };
  const doc = composed[0]!;
  // What parseDocument reports for a second document.
  if (composed.length > 1)
    doc.errors.push(
      new YAMLParseError(
        composed[1]!.range.slice(0, 2) as [number, number],
        'MULTIPLE_DOCS',
        'Source contains multiple documents; please use YAML.parseAllDocuments()',
      ),
    );
  const converted = convertDocument(doc, text);
  return { text, root: converted.root, problems: converted.problems, safe: true };
}

/**
 * The library's documents of a text (parseAllDocuments, or parseDocument's one with `forceDoc`),
 * or the problem that it nests too deep to be composed: checked on the syntax tree first, since
 * the composer recurses once per level.
 */
function compose(text: string, forceDoc: boolean): Document.Parsed[] | SyntaxProblem {
  const tokens = Array.from(new Parser().parse(text));
  const deep = tooDeepAt(tokens);
  if (deep !== undefined) return tooDeepProblem(text, deep);
  return Array.from(new Composer(parseOptions).compose(tokens, forceDoc, text.length));
}

function tooDeepProblem(text: string, offset: number): SyntaxProblem {
  const start = Math.max(0, Math.min(offset, text.length));
  return {
    rule: 'yaml-syntax',
    message: `YAML: nested more than ${MAX_DEPTH} levels deep here, so this part is not read. A portfolio needs only a few levels: check the indentation, or flatten the data.`,
    start,
    end: Math.min(text.length, start + 1),
  };
}

function convertDocument(doc: Document.Parsed, text: string): { root: PNode | null; problems: SyntaxProblem[] } {
  const problems: SyntaxProblem[] = [];
  for (const error of [...doc.errors, ...doc.warnings]) problems.push(syntaxProblem(error, text));
  const converter = new Converter(doc);
  const root = doc.contents ? converter.convert(doc.contents as YamlNode, undefined) : null;
  if (converter.exhausted) {
    problems.push({
      rule: 'yaml-syntax',
      message: `Aliases expand to more than ${MAX_EXPANDED_NODES.toLocaleString('en-US')} nodes; the rest was not read. Write the values out instead of nesting aliases.`,
      start: 0,
      end: Math.min(text.length, 1),
    });
  }
  if (converter.tooDeep)
    problems.push({
      ...tooDeepProblem(text, 0),
      message: `YAML: aliases nest more than ${MAX_DEPTH} levels deep; the deeper levels were not read. Write the values out instead of nesting aliases.`,
    });
  return { root, problems };
}

class Converter {
  private budget = MAX_EXPANDED_NODES;
  private depth = 0;
  /** What each alias refers to, found in one pass (Alias.resolve visits the whole document for each alias). */
  private targets: Map<Alias, YamlNode | undefined> | undefined;
  exhausted = false;
  tooDeep = false;

  constructor(private readonly doc: Document.Parsed) {}

  /** As Alias.resolve: the last node before the alias, in document order, with its anchor. */
  private targetOf(alias: Alias): YamlNode | undefined {
    if (!this.targets) {
      const targets = new Map<Alias, YamlNode | undefined>();
      const latest = new Map<string, YamlNode>();
      visit(this.doc, {
        Node: (_key, node) => {
          if (isAlias(node)) targets.set(node, latest.get(node.source));
          else if (node.anchor) latest.set(node.anchor, node as YamlNode);
        },
      });
      this.targets = targets;
    }
    return this.targets.get(alias);
  }

  /** `at` is the range to use instead of the node's own: the alias's, for expanded content. */
  convert(node: YamlNode, at: [number, number] | undefined): PNode {
    // Only content reached through an alias counts against the budget.
    if (at && --this.budget < 0) {
      this.exhausted = true;
      return { kind: 'scalar', value: null, start: at[0], end: at[1] };
    }
    const range = at ?? ([node.range?.[0] ?? 0, node.range?.[1] ?? 0] as [number, number]);
    if (isAlias(node)) {
      const target = this.targetOf(node);
      if (!target) return { kind: 'scalar', value: null, start: range[0], end: range[1] };
      return this.convert(target as YamlNode, range);
    }
    if (isScalar(node)) {
      const value = node.value;
      const plain =
        value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
      const scalar: PNode = { kind: 'scalar', value: plain, start: range[0], end: range[1] };
      if (typeof node.source === 'string' && node.source !== '') scalar.source = node.source;
      return scalar;
    }
    if (!isMap(node) && !isSeq(node)) return { kind: 'scalar', value: null, start: range[0], end: range[1] };
    // The syntax tree is at most MAX_DEPTH deep (compose), but aliases inside aliases can nest deeper.
    if (this.depth >= MAX_DEPTH) {
      this.tooDeep = true;
      return { kind: 'scalar', value: null, start: range[0], end: range[1] };
    }
    this.depth++;
    const collection = isMap(node) ? this.map(node.items, range, at) : this.seq(node.items, range, at);
    this.depth--;
    return collection;
  }

  private map(items: readonly unknown[], range: [number, number], at: [number, number] | undefined): PMap {
    const map: PMap = { kind: 'map', pairs: [], start: range[0], end: range[1] };
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const key = pair.key
        ? this.convert(pair.key as YamlNode, at)
        : { kind: 'scalar' as const, value: null, start: range[0], end: range[0] };
      const value = pair.value ? this.convert(pair.value as YamlNode, at) : null;
      map.pairs.push({ key, value, start: key.start, end: value && value.end > key.end ? value.end : key.end });
    }
    return map;
  }

  private seq(items: readonly unknown[], range: [number, number], at: [number, number] | undefined): PSeq {
    return {
      kind: 'seq',
      items: items.map((item) =>
        item ? this.convert(item as YamlNode, at) : { kind: 'scalar', value: null, start: range[0], end: range[0] },
      ),
      start: range[0],
      end: range[1],
    };
  }
}

const HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'Replace the tab with spaces.',
  DUPLICATE_KEY: 'Remove or rename one of the two keys: only one of them can be read.',
  BAD_INDENT: 'Align this line with its siblings using spaces.',
  MISSING_CHAR: 'A closing quote or bracket may be missing.',
  MULTILINE_IMPLICIT_KEY: 'Put the key and the colon on one line, or check the indentation above.',
  BLOCK_AS_IMPLICIT_KEY: 'A key cannot be a block: check the indentation of this line.',
  UNEXPECTED_TOKEN: 'Check the indentation and punctuation of this line.',
  BAD_DQ_ESCAPE: 'Use a valid escape such as \\n or \\", or single quotes.',
};

function syntaxProblem(error: YAMLError, text: string): SyntaxProblem {
  const firstLine = error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  const hint = HINTS[error.code];
  let [start, end] = error.pos;
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  if (end === start && end < text.length) end = start + 1;
  // The library points at the first character of a duplicate key: cover the key and name it, as
  // the chunked path does for top-level keys (file.ts).
  const duplicate =
    error.code === 'DUPLICATE_KEY'
      ? /^(?:"[^"\n]*"|'[^'\n]*'|[^\n]*?)(?=[ \t]*:(?:[ \t]|$))/m.exec(text.slice(start, start + 1024))?.[0]
      : undefined;
  // The library reports an unclosed quote where the text ends: point at the opening quote instead.
  const unclosed = error.code === 'MISSING_CHAR' && /quote/i.test(firstLine) ? unclosedQuoteProblem(text) : undefined;
  if (unclosed) return { rule: 'yaml-syntax', ...unclosed, hides: true };
  const halfKey = error.code === 'MULTILINE_IMPLICIT_KEY' ? halfTypedKeyProblem(text, start) : undefined;
  if (halfKey) return { rule: 'yaml-syntax', ...halfKey, hides: true };
  const tab = error.code === 'TAB_AS_INDENT' ? tabIndentProblem(text, start) : undefined;
  if (tab)
    return {
      rule: 'yaml-syntax',
      message: 'YAML: Tabs are not allowed as indentation: indent with spaces, aligned with the keys around it.',
      ...tab,
    };
  if (duplicate) {
    const key = duplicate.replace(/^(["'])(.*)\1$/, '$2');
    return {
      rule: 'yaml-syntax',
      message: `YAML: Map keys must be unique. Remove one of the two "${key}" keys: the second would silently replace the first.`,
      start,
      end: start + duplicate.length,
    };
  }
  return { rule: 'yaml-syntax', message: `YAML: ${firstLine}${/[.!?]$/.test(firstLine) ? '' : '.'}${hint ? ' ' + hint : ''}`, start, end };
}
