// The outline of a large file, packed for the trip from the worker to the extension host: the
// names and details as two lists of strings and everything else as one Int32Array, rather than
// tens of thousands of small objects. A 10,000-initiative file has 10,000 symbols of five objects
// each; copying them between threads (structured clone) cost more than building them.
import { countSymbols, type DocumentSymbol, type SymbolKind } from './symbols';

const KINDS: readonly SymbolKind[] = ['namespace', 'array', 'object', 'field', 'number', 'event'];
/** Per symbol: its kind, its number of children, then its range and selection range (4 numbers each). */
const STRIDE = 10;

export interface PackedSymbols {
  /** In depth-first order, a symbol before its children. */
  names: string[];
  details: string[];
  numbers: Int32Array;
}

export function packSymbols(symbols: readonly DocumentSymbol[]): PackedSymbols {
  const packed: PackedSymbols = { names: [], details: [], numbers: new Int32Array(countSymbols(symbols) * STRIDE) };
  let at = 0;
  const visit = (list: readonly DocumentSymbol[]) => {
    for (const s of list) {
      packed.names.push(s.name);
      packed.details.push(s.detail);
      const n = packed.numbers;
      n[at] = KINDS.indexOf(s.kind);
      n[at + 1] = s.children.length;
      n[at + 2] = s.range.start.line;
      n[at + 3] = s.range.start.character;
      n[at + 4] = s.range.end.line;
      n[at + 5] = s.range.end.character;
      n[at + 6] = s.selectionRange.start.line;
      n[at + 7] = s.selectionRange.start.character;
      n[at + 8] = s.selectionRange.end.line;
      n[at + 9] = s.selectionRange.end.character;
      at += STRIDE;
      visit(s.children);
    }
  };
  visit(symbols);
  return packed;
}

/** One symbol's fields as read back; `numbers[offset..offset+8)` are its two ranges (start line, start character, end line, end character). */
export interface SymbolFields {
  name: string;
  detail: string;
  kind: SymbolKind;
  numbers: Int32Array;
  offset: number;
}

/** Builds the caller's symbols (VS Code's, say) straight from the packed form, children attached by `adopt`. */
export function unpackSymbols<T>(packed: PackedSymbols, make: (fields: SymbolFields) => T, adopt: (parent: T, children: T[]) => void): T[] {
  let index = 0;
  const read = (n: number): T[] => {
    const out: T[] = [];
    for (let i = 0; i < n; i++) {
      const at = index * STRIDE;
      const fields: SymbolFields = {
        name: packed.names[index]!,
        detail: packed.details[index]!,
        kind: KINDS[packed.numbers[at]!]!,
        numbers: packed.numbers,
        offset: at + 2,
      };
      const children = packed.numbers[at + 1]!;
      index++;
      const symbol = make(fields);
      adopt(symbol, read(children));
      out.push(symbol);
    }
    return out;
  };
  const top: T[] = [];
  while (index < packed.names.length) top.push(...read(1));
  return top;
}

/** The plain symbols again (for tests and for callers that want objects). */
export function toDocumentSymbols(packed: PackedSymbols): DocumentSymbol[] {
  const range = (n: Int32Array, at: number) => ({
    start: { line: n[at]!, character: n[at + 1]! },
    end: { line: n[at + 2]!, character: n[at + 3]! },
  });
  return unpackSymbols<DocumentSymbol>(
    packed,
    (f) => ({
      name: f.name,
      detail: f.detail,
      kind: f.kind,
      range: range(f.numbers, f.offset),
      selectionRange: range(f.numbers, f.offset + 4),
      children: [],
    }),
    (parent, children) => (parent.children = children),
  );
}
