import * as assert from 'node:assert/strict';
import { codeLenses, lensesNear, MAX_LENSES } from '../../../src/core/features/codeLens';
import { packSymbols, toDocumentSymbols, unpackSymbols } from '../../../src/core/features/packedSymbols';
import { documentSymbols } from '../../../src/core/features/symbols';
import { analysisOf, INITIATIVES, OUTCOMES } from '../helpers';

const O = 'o.portfolio.yaml';
const I = 'i.portfolio.yaml';

describe('the packed outline (worker to extension host)', () => {
  const analysis = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });

  it('reads back exactly the outline it packed: names, details, kinds, both ranges, children', () => {
    for (const path of [O, I]) {
      const symbols = documentSymbols(analysis, path);
      assert.deepEqual(toDocumentSymbols(packSymbols(symbols)), symbols);
    }
  });

  it('keeps measures under their outcome and outcomes under their section', () => {
    const tree = unpackSymbols<{ name: string; children: unknown[] }>(
      packSymbols(documentSymbols(analysis, O)),
      (f) => ({ name: f.name, children: [] }),
      (parent, children) => (parent.children = children),
    );
    assert.deepEqual(JSON.parse(JSON.stringify(tree)), [
      { name: 'apiVersion', children: [] },
      { name: 'kind', children: [] },
      {
        name: 'outcomes',
        children: [
          { name: 'supply-chain-cost', children: [{ name: 'Cost per order', children: [] }] },
          {
            name: 'order-to-cash',
            children: documentSymbols(analysis, O)[2]!.children[1]!.children.map((m) => ({ name: m.name, children: [] })),
          },
        ],
      },
    ]);
  });

  it('packs an empty outline', () => {
    assert.deepEqual(toDocumentSymbols(packSymbols([])), []);
  });
});

describe('the lenses the worker hands to the editor', () => {
  it('are all the lenses of a small file, not cut', () => {
    const analysis = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });
    const near = lensesNear(analysis, O, [{ start: 0, end: 10 }]);
    assert.deepEqual(near, { lenses: codeLenses(analysis, O), cut: false });
  });

  it('are at most MAX_LENSES near the visible lines of a large file, and say it was cut', () => {
    let text = 'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n';
    for (let i = 0; i < 600; i++) text += `  - id: lens-${i}\n    title: Lens ${i}\n    owner: Team\n    cost: 1k\n`;
    const analysis = analysisOf({ [I]: text });
    assert.equal(codeLenses(analysis, I).length, 1200);
    const near = lensesNear(analysis, I, [{ start: 1000, end: 1040 }]);
    assert.equal(near.cut, true);
    assert.ok(near.lenses.length > 0 && near.lenses.length <= MAX_LENSES, `${near.lenses.length} lenses`);
    assert.ok(near.lenses.every((lens) => lens.range.start.line >= 900 && lens.range.start.line <= 1140));
  });
});
