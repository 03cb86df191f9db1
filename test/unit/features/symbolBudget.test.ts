import * as assert from 'node:assert/strict';
import { boundSymbols } from '../../../src/core/features/symbolBudget';
import type { DocumentSymbol } from '../../../src/core/features/symbols';

const at = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
const node = (name: string, children: DocumentSymbol[] = []): DocumentSymbol => ({
  name,
  detail: '',
  kind: 'object',
  range: at,
  selectionRange: at,
  children,
});
/** Names as nested arrays: [name, [children...]] (a symbol without children is its name). */
const shape = (symbols: DocumentSymbol[]): unknown[] => symbols.map((s) => (s.children.length ? [s.name, shape(s.children)] : s.name));

// metadata; outcomes (o1 with two measures, o2 with one); initiatives (i1, i2, i3): 11 symbols.
const outline = () => [
  node('metadata'),
  node('outcomes', [node('o1', [node('m1'), node('m2')]), node('o2', [node('m3')])]),
  node('initiatives', [node('i1'), node('i2'), node('i3')]),
];

describe('the outline budget (portfolioAlignment.maxOutlineSymbols)', () => {
  it('keeps an outline within the limit as it is, and counts every symbol', () => {
    const symbols = outline();
    const bounded = boundSymbols(symbols, 11);
    assert.equal(bounded.total, 11);
    assert.equal(bounded.symbols, symbols);
  });

  it('keeps the shallowest symbols first: sections, then items in file order, then measures', () => {
    assert.deepEqual(shape(boundSymbols(outline(), 3).symbols), ['metadata', 'outcomes', 'initiatives']);
    assert.deepEqual(shape(boundSymbols(outline(), 6).symbols), ['metadata', ['outcomes', ['o1', 'o2']], ['initiatives', ['i1']]]);
    assert.deepEqual(shape(boundSymbols(outline(), 9).symbols), [
      'metadata',
      ['outcomes', [['o1', ['m1']], 'o2']],
      ['initiatives', ['i1', 'i2', 'i3']],
    ]);
  });

  it('keeps exactly the limit, reports the whole count, and leaves the full outline untouched', () => {
    const symbols = outline();
    const bounded = boundSymbols(symbols, 7);
    const count = (list: DocumentSymbol[]): number => list.reduce((n, s) => n + 1 + count(s.children), 0);
    assert.equal(count(bounded.symbols), 7);
    assert.equal(bounded.total, 11);
    assert.equal(count(symbols), 11, 'the input keeps its children');
  });

  it('gives an empty outline for a limit of 0', () => {
    assert.deepEqual(boundSymbols(outline(), 0), { symbols: [], total: 11 });
  });
});
