// The imported items as portfolio YAML: a new file, or merged into an existing one (--update)
// through yaml's Document API, so every comment, key order and hand-written field is kept.
// Scalars are written by yaml's own stringifier, so text reads back exactly as it was in the cell.
import { isMap, isScalar, isSeq, parseDocument, stringify, type Document, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import { API_VERSION } from '../model/schema';
import { convertAmount } from './convert';
import type { ImportResult, Item, TableResult } from './mapRows';

const TO_STRING = { lineWidth: 0 } as const;
const ID_LISTS = new Set(['outcomes', 'dependsOn']);
const AMOUNTS = new Set(['cost', 'actualCost', 'budget']);

/** Id lists as [a, b], the way people write them by hand. */
function styleItem(node: YAMLMap): void {
  for (const pair of node.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (ID_LISTS.has(key) && isSeq(pair.value)) (pair.value as YAMLSeq).flow = true;
  }
}

// Text that YAML reads back as the same string when written plain: starts with a letter or digit,
// no character YAML gives a meaning to, and not a number, boolean or null of the core schema.
const PLAIN_SAFE = /^[A-Za-z0-9](?:[A-Za-z0-9 _.,()/&'+-]*[A-Za-z0-9_.)/&'+-])?$/;
const CORE_NOT_STRING =
  /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|true|True|TRUE|false|False|FALSE|null|Null|NULL)$/;

/**
 * One scalar as YAML: plain when that is sure to read back the same, else through the yaml
 * library's own stringifier (which quotes and escapes as needed). The shortcut is only for speed.
 */
function scalar(value: unknown): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : stringify(value).trimEnd();
  if (typeof value === 'string' && PLAIN_SAFE.test(value) && !CORE_NOT_STRING.test(value)) return value;
  // Quoted on one line (never a block scalar, whose indentation would depend on where it goes).
  const multiline = typeof value === 'string' && /[\r\n]/.test(value);
  const text = stringify(value, { lineWidth: 0, blockQuote: false, ...(multiline ? { defaultStringType: 'QUOTE_DOUBLE' as const } : {}) });
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}

/** A value under `key` at `indent`: scalars on the line, id lists as [a, b]. */
function field(key: string, value: unknown, indent: string): string {
  if (Array.isArray(value)) return `${indent}${key}: [ ${value.map(scalar).join(', ')} ]\n`;
  if (value !== null && typeof value === 'object') {
    return (
      `${indent}${key}:\n` +
      Object.entries(value)
        .map(([k, v]) => field(k, v, indent + '  '))
        .join('')
    );
  }
  return `${indent}${key}: ${scalar(value)}\n`;
}

function itemsText(key: string, items: Item[]): string {
  if (items.length === 0) return `${key}: []\n`;
  return (
    `${key}:\n` +
    items
      .map((item) =>
        Object.entries(item)
          .map(([k, v], i) => (i === 0 ? field(k, v, '  ').replace(/^ {2}/, '  - ') : field(k, v, '    ')))
          .join(''),
      )
      .join('\n')
  );
}

export interface NewFileOptions {
  /** metadata.name when the map gives metadata without one (the schema requires a name). */
  fallbackName: string;
  /** The first line: where the file came from. */
  comment?: string;
}

/**
 * A new portfolio/v1 file: the same input gives byte-identical text. Written line by line (the
 * yaml library's Document takes seconds for 10,000 items); every scalar still goes through it.
 */
export function newPortfolioYaml(result: ImportResult, options: NewFileOptions): string {
  let text = options.comment ? `# ${options.comment.replace(/[\r\n]+/g, ' ')}\n\n` : '';
  text += `apiVersion: ${API_VERSION}\nkind: Portfolio\n`;
  if (Object.keys(result.metadata).length > 0) text += field('metadata', { name: options.fallbackName, ...result.metadata }, '');
  const outcomes = result.outcomes?.items.map((i) => i.item) ?? [];
  if (outcomes.length > 0) text += itemsText('outcomes', outcomes);
  return (
    text +
    itemsText(
      'initiatives',
      result.initiatives.items.map((i) => i.item),
    )
  );
}

export class MergeError extends Error {}

export interface TableMerge {
  updated: string[];
  added: string[];
  unchanged: number;
  /** Ids in the file that the sheet no longer has (and whose rows were not rejected). */
  missing: string[];
  pruned: boolean;
}

export interface MergeResult {
  text: string;
  initiatives: TableMerge;
  outcomes?: TableMerge;
}

export interface MergeOptions {
  prune: boolean;
  /** Ids of rows that were rejected: the items they would update are kept, not listed as missing. */
  rejectedIds: Set<string>;
}

/** Two amounts the same in minor units ("1.2M" and 1200000), whatever way each is written. */
function sameAmount(a: unknown, b: unknown, currency: string | undefined): boolean {
  if ((typeof a !== 'number' && typeof a !== 'string') || (typeof b !== 'number' && typeof b !== 'string')) return false;
  const x = convertAmount(String(a), { fileCurrency: currency });
  const y = convertAmount(String(b), { fileCurrency: currency });
  return 'value' in x && 'value' in y && x.value.decimal === y.value.decimal && x.value.currency === y.value.currency;
}

function sameValue(field: string, old: unknown, value: unknown, currency: string | undefined): boolean {
  if (AMOUNTS.has(field)) return sameAmount(old, value, currency);
  if (ID_LISTS.has(field) && Array.isArray(value)) {
    // A weighted split { a: 60%, b: 40% } written by hand links the same outcomes as [a, b].
    const ids = Array.isArray(old) ? old : old && typeof old === 'object' ? Object.keys(old) : undefined;
    return ids !== undefined && ids.length === value.length && value.every((v) => ids.includes(v));
  }
  return JSON.stringify(old) === JSON.stringify(value);
}

/** Sets `key` to `value` unless it already means that; keeps the node (and its comments) when it can. */
function setField(doc: Document, map: YAMLMap, key: string, value: unknown, currency: string | undefined): boolean {
  const old = map.get(key, true) as Node | undefined;
  if (old !== undefined && sameValue(key, (old as Node).toJSON(), value, currency)) return false;
  if (isScalar(old) && (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')) {
    old.value = value;
    if (typeof value !== 'string' || old.type === 'PLAIN') delete old.type;
    delete old.format;
    return true;
  }
  const node = doc.createNode(value) as Node;
  if (isSeq(node) && ID_LISTS.has(key)) node.flow = true;
  if (old) {
    node.comment = old.comment;
    node.commentBefore = old.commentBefore;
  }
  map.set(key, node);
  return true;
}

function idOf(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  const id = node.get('id');
  return typeof id === 'string' ? id : typeof id === 'number' ? String(id) : undefined;
}

function mergeTable(
  doc: Document,
  root: YAMLMap,
  key: 'initiatives' | 'outcomes',
  table: TableResult,
  options: MergeOptions,
  currency: string | undefined,
): TableMerge {
  let seq = root.get(key, true) as Node | undefined;
  if (seq !== undefined && !isSeq(seq))
    throw new MergeError(`${key} in the file is not a list: make it a list of items (- id: ...) first.`);
  if (seq === undefined) {
    seq = doc.createNode([]) as YAMLSeq;
    root.set(key, seq);
  }
  const list = seq as YAMLSeq;
  const byId = new Map<string, YAMLMap>();
  for (const node of list.items) {
    const id = idOf(node);
    if (id !== undefined && !byId.has(id)) byId.set(id, node as YAMLMap);
  }
  const merge: TableMerge = { updated: [], added: [], unchanged: 0, missing: [], pruned: options.prune };
  const seen = new Set<string>();
  for (const { item } of table.items) {
    const id = item.id as string;
    seen.add(id);
    const existing = byId.get(id);
    if (!existing) {
      const node = doc.createNode(item) as YAMLMap;
      styleItem(node);
      if (list.items.length > 0) node.spaceBefore = true;
      list.items.push(node);
      merge.added.push(id);
      continue;
    }
    let changed = false;
    for (const field of table.fields) {
      if (field === 'id') continue;
      if (item[field] === undefined) {
        // The sheet owns the fields the map fills: an emptied cell removes the field.
        if (existing.has(field)) changed = existing.delete(field) || changed;
      } else changed = setField(doc, existing, field, item[field], currency) || changed;
    }
    if (changed) merge.updated.push(id);
    else merge.unchanged++;
  }
  merge.missing = [...byId.keys()].filter((id) => !seen.has(id) && !options.rejectedIds.has(id));
  if (options.prune && merge.missing.length > 0) {
    const gone = new Set(merge.missing);
    list.items = list.items.filter((node) => {
      const id = idOf(node);
      return id === undefined || !gone.has(id) || byId.get(id) !== node;
    });
  }
  return merge;
}

/** Merges the import into `existing` (portfolio YAML): updates matched items, adds new ones. */
export function mergeIntoPortfolio(existing: string, result: ImportResult, options: MergeOptions): MergeResult {
  const doc = parseDocument(existing);
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0].line;
    throw new MergeError(
      `it is not valid YAML${line ? ` (line ${line})` : ''}: ${first.message.split('\n')[0]}. Fix it (portfolio-align check shows where) and import again.`,
    );
  }
  if (!isMap(doc.contents))
    throw new MergeError('it is not a portfolio: its top level must be a mapping starting with apiVersion: portfolio/v1.');
  const root = doc.contents as YAMLMap;
  const metadataKeys = Object.keys(result.metadata);
  if (metadataKeys.length > 0) {
    let metadata = root.get('metadata', true) as Node | undefined;
    if (metadata === undefined) {
      metadata = doc.createNode({}) as YAMLMap;
      root.set('metadata', metadata);
    }
    if (!isMap(metadata)) throw new MergeError('its metadata is not a mapping: fix it first.');
    for (const key of metadataKeys) setField(doc, metadata as YAMLMap, key, result.metadata[key], undefined);
  }
  const currency = (isMap(root.get('metadata', true)) ? (root.get('metadata', true) as unknown as YAMLMap).get('currency') : undefined) as
    string | undefined;
  const merged: MergeResult = { text: '', initiatives: mergeTable(doc, root, 'initiatives', result.initiatives, options, currency) };
  if (result.outcomes) merged.outcomes = mergeTable(doc, root, 'outcomes', result.outcomes, options, currency);
  merged.text = doc.toString(TO_STRING);
  return merged;
}
