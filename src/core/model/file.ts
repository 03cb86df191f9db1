// One portfolio file: parsed, schema-checked, and read into models. Items are memoised by their
// syntax node, which the chunk cache keeps identical while the item's text is unchanged.
import { isMap, keyText, type PNode, type PPair } from '../syntax/ast';
import type { Finding, Problem } from '../check/diagnostics';
import { LineIndex } from '../syntax/lineIndex';
import { readInitiative, readMetadata, readOutcome, type InitiativeModel, type MetadataModel, type OutcomeModel } from './model';
import { parseFile, reparseFile, type Chunk, type ChunkCache, type ItemEntry, type ParsedFile, type TextChange } from '../syntax/parse';
import { validateItem, validateRoot, type ItemKind } from './validate';

/**
 * An item of a file with its model. The check stages keep what they derived from the item on it
 * too: an item an edit did not touch keeps its Located object, so none of that is redone. Those
 * memo fields are fixed slots (not a map of keys), so that reading one stays a plain property
 * load, and each is declared, with its type, by the module that fills it (a `declare module`
 * augmentation of this interface), so that model/ needs none of their types:
 * - `definition`: its index entry (check/workspaceIndex.ts);
 * - `spend`: its ledger entry and the resolved links it was made for (check/ledger.ts);
 * - `findings`: the findings of the item-level rules and what they depend on (check/workspace.ts).
 * located() sets each to undefined, so that every item has one object shape.
 */
export interface Located<T> {
  chunk: Chunk;
  model: T;
}

/**
 * One portfolio file as read. The workspace keeps one object per path and has each new reading
 * be adopted by the old one (adoptReading), so everything that refers to the file stays current.
 */
export class PortfolioFile {
  metadata?: Located<MetadataModel>;
  outcomes: Array<Located<OutcomeModel>> = [];
  initiatives: Array<Located<InitiativeModel>> = [];
  /** yaml-syntax and schema findings. */
  findings: Finding[] = [];
  private builtLines: LineIndex | undefined;

  constructor(
    readonly path: string,
    public text: string,
    public parsed: ParsedFile,
    private makeLines: () => LineIndex,
  ) {}

  get lines(): LineIndex {
    this.builtLines ??= this.makeLines();
    return this.builtLines;
  }

  /** The line index if it was built (an edit patches it rather than scanning the text again). */
  linesIfBuilt(): LineIndex | undefined {
    return this.builtLines;
  }

  adoptReading(next: PortfolioFile): void {
    this.text = next.text;
    this.parsed = next.parsed;
    this.metadata = next.metadata;
    this.outcomes = next.outcomes;
    this.initiatives = next.initiatives;
    this.findings = next.findings;
    this.builtLines = next.builtLines;
    this.makeLines = next.makeLines;
  }
}

/** A located item with nothing derived from it yet. */
export function located<T>(chunk: Chunk, model: T): Located<T> {
  return { chunk, model, definition: undefined, spend: undefined, findings: undefined };
}

interface ItemRead<T> {
  model: T;
  problems: Problem[];
}

const outcomeMemo = new WeakMap<PNode, ItemRead<OutcomeModel>>();
const initiativeMemo = new WeakMap<PNode, ItemRead<InitiativeModel>>();

/** What an item entry was read as. An entry outlives the edits that leave its chunk alone, so an unchanged item costs one lookup. */
interface EntryRead<T> {
  located: Located<T>;
  problems: Problem[];
}
const outcomeEntries = new WeakMap<ItemEntry, EntryRead<OutcomeModel>>();
const initiativeEntries = new WeakMap<ItemEntry, EntryRead<InitiativeModel>>();

function readItem<T>(kind: ItemKind, node: PNode, memo: WeakMap<PNode, ItemRead<T>>, read: (node: PNode) => T): ItemRead<T> {
  let entry = memo.get(node);
  if (!entry) {
    entry = { model: read(node), problems: validateItem(kind, node) };
    memo.set(node, entry);
  }
  return entry;
}

export interface ReadOptions {
  cache?: ChunkCache;
  alwaysChunk?: boolean;
}

export function readPortfolioFile(path: string, text: string, options: ReadOptions = {}): PortfolioFile {
  return fileFrom(path, parseFile(text, options), () => new LineIndex(text));
}

/**
 * A file whose bytes are not text the engine can read (encoding.ts says why): empty, with that
 * reason as a yaml-syntax problem at its start, so that it counts as a file with an error.
 */
export function unreadablePortfolioFile(path: string, reason: string): PortfolioFile {
  const parsed = parseFile('');
  const file = new PortfolioFile(path, '', parsed, () => new LineIndex(''));
  const chunk: Chunk = parsed.rootChunk ?? { base: 0, parse: { text: '', root: null, problems: [], safe: true } };
  file.findings.push({ rule: 'yaml-syntax', path, span: { chunk, start: 0, end: 0 }, message: reason });
  return file;
}

/** The file after one text change: only the list items it touched are parsed again. */
export function editPortfolioFile(previous: PortfolioFile, change: TextChange, options: ReadOptions = {}): PortfolioFile {
  const parsed = reparseFile(previous.parsed, change, options);
  // A line index already built is patched rather than rebuilt by scanning the whole text again.
  const before = previous.linesIfBuilt();
  const lines = before ? LineIndex.afterChange(before, parsed.text, change) : undefined;
  return fileFrom(previous.path, parsed, () => lines ?? new LineIndex(parsed.text));
}

function fileFrom(path: string, parsed: ParsedFile, makeLines: () => LineIndex): PortfolioFile {
  const file = new PortfolioFile(path, parsed.text, parsed, makeLines);
  const report = (chunk: Chunk, problem: Problem) => {
    const finding: Finding = {
      rule: problem.rule,
      path,
      span: { chunk, start: problem.start, end: problem.end },
      message: problem.message,
    };
    if (problem.data) finding.data = problem.data;
    file.findings.push(finding);
  };
  for (const chunk of parsed.chunks) {
    for (const problem of chunk.parse.problems) report(chunk, problem);
  }
  checkRoot(file, report);
  file.outcomes = readItems(parsed.outcomeItems, 'outcome', { memo: outcomeMemo, entries: outcomeEntries }, readOutcome, report);
  file.initiatives = readItems(
    parsed.initiativeItems,
    'initiative',
    { memo: initiativeMemo, entries: initiativeEntries },
    readInitiative,
    report,
  );
  return file;
}

function readItems<T>(
  items: ItemEntry[],
  kind: ItemKind,
  { memo, entries }: { memo: WeakMap<PNode, ItemRead<T>>; entries: WeakMap<ItemEntry, EntryRead<T>> },
  read: (node: PNode) => T,
  report: (chunk: Chunk, problem: Problem) => void,
): Array<Located<T>> {
  const out: Array<Located<T>> = [];
  for (const entry of items) {
    // Kept with the entry: an item whose chunk did not change is not read again.
    let known = entries.get(entry);
    if (!known) {
      const { model, problems } = readItem(kind, entry.node, memo, read);
      known = { located: located(entry.chunk, model), problems };
      entries.set(entry, known);
    }
    for (const problem of known.problems) if (!hiddenBySyntaxError(entry.chunk, entry.node, problem)) report(entry.chunk, problem);
    // An entry that is not a mapping ("- 42") has its schema error and nothing else to check.
    if (isMap(entry.node)) out.push(known.located);
  }
  return out;
}

/**
 * A schema problem that only follows from broken YAML in the same item: the key a half-typed word
 * runs into, or a required key the broken text may hold. The yaml-syntax error says it once.
 */
function hiddenBySyntaxError(chunk: Chunk, node: PNode, problem: Problem): boolean {
  if (problem.rule !== 'schema') return false;
  const syntax = chunk.parse.problems.filter((p) => p.hides === true && p.start >= node.start && p.start <= node.end);
  if (syntax.length === 0) return false;
  return problem.data?.kind === 'add-field' || syntax.some((p) => p.start === problem.start);
}

function checkRoot(file: PortfolioFile, report: (chunk: Chunk, problem: Problem) => void): void {
  const { parsed } = file;
  const top: Chunk = parsed.rootChunk ?? { base: 0, parse: { text: file.text, root: null, problems: [], safe: true } };
  const firstLine = {
    start: 0,
    end: Math.max(0, Math.min(file.text.indexOf('\n') === -1 ? file.text.length : file.text.indexOf('\n'), 200)),
  };
  if (parsed.rootShape === 'empty') {
    if (top.parse.problems.length === 0) {
      report(top, {
        rule: 'schema',
        ...firstLine,
        message: 'This file holds no portfolio: start it with apiVersion: portfolio/v1 and kind: Portfolio.',
        data: { kind: 'add-field', field: 'apiVersion', placeholder: 'portfolio/v1' },
      });
    }
    return;
  }
  if (parsed.rootShape === 'other') {
    const root = top.parse.root!;
    report(top, {
      rule: 'schema',
      start: root.start,
      end: Math.min(root.end, root.start + 200),
      message: `A portfolio file is a mapping with the keys apiVersion, kind, metadata, outcomes and initiatives, not ${root.kind === 'seq' ? 'a list' : 'a single value'}.`,
    });
    return;
  }
  const seen = new Map<string, number>();
  parsed.sections.forEach((section, index) => {
    const key = keyText(section.pair);
    if (key === undefined) return;
    if (parsed.chunked && seen.has(key)) {
      report(section.chunk, {
        rule: 'yaml-syntax',
        start: section.pair.key.start,
        end: section.pair.key.end,
        message: `YAML: Map keys must be unique. Remove or rename one of the two "${key}" keys: only one of them can be read.`,
      });
    }
    if (!seen.has(key)) seen.set(key, index);
  });
  const sections = parsed.sections.map((s) => ({ key: s.key, pair: s.pair, chunkedList: s.chunkedList === true }));
  for (const { section, problem } of validateRoot(sections, firstLine)) {
    report(section >= 0 ? parsed.sections[section]!.chunk : top, problem);
  }
  const metadataIndex = seen.get('metadata');
  if (metadataIndex !== undefined) {
    const section = parsed.sections[metadataIndex]!;
    file.metadata = metadataOf(section.chunk, section.pair);
  }
}

const metadataMemo = new WeakMap<PPair, Located<MetadataModel>>();

/** The same object while the metadata section is unchanged: the workspace compares it by identity. */
function metadataOf(chunk: Chunk, pair: PPair): Located<MetadataModel> {
  let known = metadataMemo.get(pair);
  if (known?.chunk !== chunk) {
    known = located(chunk, readMetadata(pair.key, pair.value));
    metadataMemo.set(pair, known);
  }
  return known;
}
