// The outline: top-level sections, then outcomes (with their measures) and initiatives.
import type { PortfolioFile } from '../model/file';
import type { Range } from '../syntax/lineIndex';
import { formatMoneyShort } from '../model/money';
import type { Chunk } from '../syntax/parse';
import type { Analysis } from '../check/workspace';
import { rangeOf } from './locate';

export type SymbolKind = 'namespace' | 'array' | 'object' | 'field' | 'number' | 'event';

export interface DocumentSymbol {
  name: string;
  detail: string;
  kind: SymbolKind;
  range: Range;
  selectionRange: Range;
  children: DocumentSymbol[];
}

/** How many symbols an outline has, children included. */
export function countSymbols(symbols: readonly DocumentSymbol[]): number {
  let n = symbols.length;
  for (const s of symbols) n += countSymbols(s.children);
  return n;
}

type Span = { start: number; end: number };

function symbol(
  file: PortfolioFile,
  chunk: Chunk,
  node: Span,
  selection: Span,
  name: string,
  detail: string,
  kind: SymbolKind,
): DocumentSymbol {
  return { name, detail, kind, range: rangeOf(file, chunk, node), selectionRange: rangeOf(file, chunk, selection), children: [] };
}

export function documentSymbols(analysis: Analysis, path: string): DocumentSymbol[] {
  const file = analysis.files.find((f) => f.path === path);
  if (!file) return [];
  const spendOf = new Map(analysis.ledger.initiatives.map((e) => [e.item, e.spend]));
  const currency = analysis.ledger.currency;
  const out: DocumentSymbol[] = [];
  for (const section of file.parsed.sections) {
    const { pair, chunk } = section;
    const kind: SymbolKind =
      section.key === 'metadata' ? 'namespace' : section.key === 'outcomes' || section.key === 'initiatives' ? 'array' : 'field';
    const entry = symbol(file, chunk, pair, pair.key, section.key, '', kind);
    if (section.key === 'outcomes') {
      for (const { chunk: itemChunk, model } of file.outcomes) {
        const anchor = model.id?.node ?? model.node;
        const outcome = symbol(
          file,
          itemChunk,
          model.node,
          anchor,
          model.id?.value ?? '(no id)',
          model.title ?? '',
          model.kind === 'mandate' ? 'event' : 'object',
        );
        for (const measure of model.measures)
          outcome.children.push(
            symbol(file, itemChunk, measure.node, measure.node, measure.metric ?? measure.kind ?? 'measure', measure.kind ?? '', 'number'),
          );
        entry.children.push(outcome);
      }
    } else if (section.key === 'initiatives') {
      for (const item of file.initiatives) {
        const { chunk: itemChunk, model } = item;
        const spend = spendOf.get(item);
        const detail = [model.title, spend !== undefined && spend > 0 ? formatMoneyShort(spend, currency) : undefined]
          .filter(Boolean)
          .join(' · ');
        entry.children.push(
          symbol(file, itemChunk, model.node, model.id?.node ?? model.node, model.id?.value ?? '(no id)', detail, 'object'),
        );
      }
    }
    const last = entry.children[entry.children.length - 1];
    if (last && comparePosition(last.range.end, entry.range.end) > 0) entry.range = { start: entry.range.start, end: last.range.end };
    out.push(entry);
  }
  return out;
}

function comparePosition(a: { line: number; character: number }, b: { line: number; character: number }): number {
  return a.line - b.line || a.character - b.character;
}
