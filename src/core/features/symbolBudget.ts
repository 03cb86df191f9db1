// The outline of a very large file is bounded. VS Code rebuilds its outline model (outline view,
// breadcrumbs, sticky scroll) in the window for every version: with 10,000 initiatives that held
// the window for about half a second per edit, so the edit itself reached the extension late and
// a new error showed late. Like VS Code's own `json.maxItemsComputed`, a setting bounds it; the
// symbols kept are the shallowest first (sections, then items in file order, then measures).
import { countSymbols, type DocumentSymbol } from './symbols';

export interface BoundedSymbols {
  symbols: DocumentSymbol[];
  /** How many symbols the full outline has (more than the kept ones when it was cut). */
  total: number;
}

/** At most `limit` symbols, taken breadth first: a symbol is kept only with its parent. */
export function boundSymbols(symbols: DocumentSymbol[], limit: number): BoundedSymbols {
  const total = countSymbols(symbols);
  if (total <= limit) return { symbols, total };
  const roots: DocumentSymbol[] = [];
  let level: Array<{ symbol: DocumentSymbol; into: DocumentSymbol[] }> = symbols.map((symbol) => ({ symbol, into: roots }));
  let kept = 0;
  while (level.length > 0 && kept < limit) {
    const next: typeof level = [];
    for (const { symbol, into } of level) {
      if (kept === limit) break;
      const copy: DocumentSymbol = { ...symbol, children: [] };
      into.push(copy);
      kept++;
      for (const child of symbol.children) next.push({ symbol: child, into: copy.children });
    }
    level = next;
  }
  return { symbols: roots, total };
}
