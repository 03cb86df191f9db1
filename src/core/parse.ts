// YAML text to the light syntax tree of ast.ts, chunk by chunk (see chunks.ts), with a cache of
// parsed chunks keyed by their text so that re-parsing after an edit only parses what changed.
import { parseAllDocuments, parseDocument, isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YamlNode, type YAMLError } from 'yaml';
import type { PNode, PPair, PMap } from './ast';
import { keyText } from './ast';
import { planChunks, type SectionSlice } from './chunks';

/** A problem found while reading YAML, at offsets relative to its chunk. */
export interface SyntaxProblem {
  rule: 'yaml-syntax' | 'schema';
  message: string;
  start: number;
  end: number;
}

/** The parse of one chunk of text: immutable and position-independent, so it can be cached. */
export interface ChunkParse {
  readonly text: string;
  readonly root: PNode | null;
  readonly problems: readonly SyntaxProblem[];
}

/** A chunk at its place in the current text. */
export interface Chunk {
  readonly base: number;
  readonly parse: ChunkParse;
}

export interface SectionEntry {
  key: string;
  pair: PPair;
  chunk: Chunk;
  /** Set for outcomes/initiatives written as a block sequence split into item chunks. */
  itemCount?: number;
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

/** Files smaller than this are parsed whole: chunking only pays off on large files. */
export const CHUNK_THRESHOLD = 64 * 1024;
/** Alias expansion budget per chunk: a guard against "billion laughs" alias bombs. */
const MAX_EXPANDED_NODES = 100_000;

export interface ParseOptions {
  /** Previous chunks by text; reused when unchanged. The parse writes the chunks it used. */
  cache?: ChunkCache;
  /** Parse in chunks even for small texts (tests use it to exercise the chunked path). */
  alwaysChunk?: boolean;
}

export function parseFile(text: string, options: ParseOptions = {}): ParsedFile {
  const plan = options.alwaysChunk || text.length >= CHUNK_THRESHOLD ? planChunks(text) : null;
  const reuse = options.cache;
  const used: ChunkCache = new Map();
  const chunkAt = (start: number, end: number, whole: boolean): Chunk => {
    const slice = text.slice(start, end);
    let parse = used.get(slice) ?? reuse?.get(slice);
    if (!parse) parse = whole ? parseWhole(slice) : parsePart(slice);
    used.set(slice, parse);
    return { base: start, parse };
  };
  const result = plan ? assembleChunks(text, plan, chunkAt) : assembleWhole(text, chunkAt(0, text.length, true));
  if (reuse) {
    reuse.clear();
    for (const [key, value] of used) reuse.set(key, value);
  }
  return result;
}

function assembleWhole(text: string, chunk: Chunk): ParsedFile {
  const file: ParsedFile = { text, chunks: [chunk], chunked: false, rootShape: 'empty', rootChunk: chunk, sections: [], outcomeItems: [], initiativeItems: [] };
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

function assembleChunks(text: string, plan: SectionSlice[], chunkAt: (start: number, end: number, whole: boolean) => Chunk): ParsedFile {
  const file: ParsedFile = { text, chunks: [], chunked: true, rootShape: 'map', sections: [], outcomeItems: [], initiativeItems: [] };
  for (const section of plan) {
    const headEnd = section.items?.[0]?.start ?? section.end;
    const head = chunkAt(section.start, headEnd, false);
    file.chunks.push(head);
    file.rootChunk ??= head;
    const headRoot = head.parse.root;
    if (headRoot?.kind !== 'map') continue; // its syntax problem is reported
    for (const pair of headRoot.pairs) addSection(file, pair, head);
    if (!section.items) continue;
    const entry = file.sections[file.sections.length - 1]!;
    const list = section.key === 'outcomes' ? file.outcomeItems : file.initiativeItems;
    entry.itemCount = 0;
    for (const slice of section.items) {
      const chunk = chunkAt(slice.start, slice.end, false);
      file.chunks.push(chunk);
      const root = chunk.parse.root;
      if (root?.kind !== 'seq') continue;
      for (const node of root.items) {
        list.push({ node, chunk });
        entry.itemCount++;
      }
    }
  }
  return file;
}

const parseOptions = { prettyErrors: false, uniqueKeys: true, strict: true, stringKeys: false } as const;

/** A whole file: may hold several documents, of which only the first is the portfolio. */
function parseWhole(text: string): ChunkParse {
  const docs = parseAllDocuments(text, parseOptions);
  if (!Array.isArray(docs)) return { text, root: null, problems: [] };
  if (docs.length === 0) return { text, root: null, problems: [] };
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
  return { text, root: converted.root, problems: converted.problems };
}

/** One chunk of a chunked file: a top-level section or one list item. */
function parsePart(text: string): ChunkParse {
  const doc = parseDocument(text, parseOptions);
  const converted = convertDocument(doc, text);
  return { text, root: converted.root, problems: converted.problems };
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
  return { root, problems };
}

class Converter {
  private budget = MAX_EXPANDED_NODES;
  exhausted = false;

  constructor(private readonly doc: Document.Parsed) {}

  /** `at` is the range to use instead of the node's own: the alias's, for expanded content. */
  convert(node: YamlNode, at: [number, number] | undefined): PNode {
    // Only content reached through an alias counts against the budget.
    if (at && --this.budget < 0) {
      this.exhausted = true;
      return { kind: 'scalar', value: null, start: at?.[0] ?? 0, end: at?.[1] ?? 0 };
    }
    const range = at ?? [node.range?.[0] ?? 0, node.range?.[1] ?? 0] as [number, number];
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) return { kind: 'scalar', value: null, start: range[0], end: range[1] };
      return this.convert(target as YamlNode, range);
    }
    if (isScalar(node)) {
      const value = node.value;
      const plain = value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : String(value);
      const scalar: PNode = { kind: 'scalar', value: plain, start: range[0], end: range[1] };
      if (typeof node.source === 'string' && node.source !== '') scalar.source = node.source;
      return scalar;
    }
    if (isMap(node)) {
      const map: PMap = { kind: 'map', pairs: [], start: range[0], end: range[1] };
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key ? this.convert(pair.key as YamlNode, at) : { kind: 'scalar' as const, value: null, start: range[0], end: range[0] };
        const value = pair.value ? this.convert(pair.value as YamlNode, at) : null;
        map.pairs.push({ key, value, start: key.start, end: value && value.end > key.end ? value.end : key.end });
      }
      return map;
    }
    if (isSeq(node)) {
      return { kind: 'seq', items: node.items.map((item) => item ? this.convert(item as YamlNode, at) : { kind: 'scalar', value: null, start: range[0], end: range[0] }), start: range[0], end: range[1] };
    }
    return { kind: 'scalar', value: null, start: range[0], end: range[1] };
  }
}

const HINTS: Record<string, string> = {
  TAB_AS_INDENT: 'Indent with spaces: YAML does not allow tabs for indentation.',
  DUPLICATE_KEY: 'Remove one of the two keys: the second would silently replace the first.',
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
  const duplicate = error.code === 'DUPLICATE_KEY' ? /^(?:"[^"\n]*"|'[^'\n]*'|[^\n]*?)(?=[ \t]*:(?:[ \t]|$))/m.exec(text.slice(start, start + 1024))?.[0] : undefined;
  if (duplicate) {
    const key = duplicate.replace(/^(["'])(.*)\1$/, '$2');
    return { rule: 'yaml-syntax', message: `YAML: Map keys must be unique. Remove one of the two "${key}" keys: the second would silently replace the first.`, start, end: start + duplicate.length };
  }
  return { rule: 'yaml-syntax', message: `YAML: ${firstLine}${/[.!?]$/.test(firstLine) ? '' : '.'}${hint ? ' ' + hint : ''}`, start, end };
}
