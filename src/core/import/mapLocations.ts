// Where each field of an import map is written, so the editor can put a rejected row's problem on
// the line of the map that fills the field it is about (and a map error on the map's first line).
import { isMap, isScalar, LineCounter, parseDocument, type Node } from 'yaml';
import type { Rejection } from './mapRows';

/** Zero-based line and character of a key, start and end. */
export interface MapRange {
  line: number;
  start: number;
  end: number;
}

export interface MapLocations {
  /** The key of each field under initiatives:, and initiatives: itself under ''. */
  initiatives: Record<string, MapRange>;
  outcomes: Record<string, MapRange>;
}

/** The field a rejection is about: "bad cost: ..." is cost's, an id clash is id's. */
export function rejectionField(rejection: Rejection): string | undefined {
  if (rejection.why.startsWith('id clash')) return 'id';
  return /^(?:bad|missing) ([A-Za-z]+):/.exec(rejection.why)?.[1];
}

function rangeOf(node: Node, lines: LineCounter): MapRange | undefined {
  if (!node.range) return undefined;
  const start = lines.linePos(node.range[0]);
  const end = lines.linePos(node.range[1]);
  return {
    line: start.line - 1,
    start: start.col - 1,
    end: end.line === start.line ? end.col - 1 : start.col - 1 + String((node as { value?: unknown }).value ?? '').length,
  };
}

function keysOf(section: unknown, lines: LineCounter): Record<string, MapRange> {
  const found: Record<string, MapRange> = {};
  if (!isMap(section)) return found;
  for (const pair of section.items) {
    if (!isScalar(pair.key)) continue;
    const range = rangeOf(pair.key, lines);
    if (range) found[String(pair.key.value)] = range;
  }
  return found;
}

/** The keys of the map's initiatives: and outcomes: sections (empty when the text is not YAML). */
export function mapLocations(text: string): MapLocations {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, keepSourceTokens: false });
  const locations: MapLocations = { initiatives: {}, outcomes: {} };
  if (!isMap(doc.contents)) return locations;
  for (const pair of doc.contents.items) {
    if (!isScalar(pair.key)) continue;
    const name = String(pair.key.value);
    if (name !== 'initiatives' && name !== 'outcomes') continue;
    const own = rangeOf(pair.key, lines);
    locations[name] = { ...keysOf(pair.value, lines), ...(own ? { '': own } : {}) };
  }
  return locations;
}

/** Where a rejection goes in the map: its field's key, else the table's key, else the first line. */
export function rejectionRange(locations: MapLocations, table: 'initiatives' | 'outcomes', rejection: Rejection): MapRange {
  const keys = locations[table];
  const field = rejectionField(rejection);
  return (field !== undefined ? keys[field] : undefined) ?? keys[''] ?? { line: 0, start: 0, end: 0 };
}
