import * as assert from 'node:assert/strict';
import { ancestors, completion } from '../../../src/core/features/completion';
import { analysisOf, at, INITIATIVES, OUTCOMES } from '../helpers';

const O = 'o.portfolio.yaml';
const I = 'i.portfolio.yaml';

function labels(text: string, position: { line: number; character: number }): string[] {
  const result = completion(analysisOf({ [O]: OUTCOMES, [I]: text }), I, position);
  return result?.items.map((i) => i.label) ?? [];
}

describe('completion', () => {
  it('offers outcome ids inside a flow list of outcomes, with titles', () => {
    const text = INITIATIVES.replace('outcomes: [supply-chain-cost]', 'outcomes: [supply-chain-cost, ');
    const position = at(text, 'supply-chain-cost, ', 'supply-chain-cost, '.length);
    const result = completion(analysisOf({ [O]: OUTCOMES, [I]: text }), I, position)!;
    assert.deepEqual(result.items.map((i) => i.label).sort(), ['order-to-cash', 'supply-chain-cost']);
    assert.equal(result.items.find((i) => i.label === 'order-to-cash')?.detail, 'Get paid faster');
  });

  it('offers outcome ids in a block list and as keys of weighted links, even while the YAML is broken', () => {
    const block = INITIATIVES.replace('    cost: 400k\n', '    cost: 400k\n    outcomes:\n      - ord\n');
    assert.ok(labels(block, at(block, '- ord', 5)).includes('order-to-cash'));
    const weighted = INITIATIVES.replace('    cost: 400k\n', '    cost: 400k\n    outcomes:\n      sup\n');
    assert.ok(labels(weighted, at(weighted, '      sup', 9)).includes('supply-chain-cost'));
  });

  it('replaces the partial word under the cursor', () => {
    const text = INITIATIVES.replace('outcomes: [supply-chain-cost]', 'outcomes: [supp]');
    const result = completion(analysisOf({ [O]: OUTCOMES, [I]: text }), I, at(text, 'supp]', 2))!;
    assert.deepEqual(result.range, { start: at(text, 'supp]'), end: at(text, 'supp]', 4) });
  });

  it('offers initiative ids in dependsOn, those of the same file first', () => {
    const text = INITIATIVES.replace('dependsOn: [erp]', 'dependsOn: [erp, ]');
    const other = `apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n  - id: aaa-elsewhere\n    title: In another file\n`;
    const items = completion(
      analysisOf({ [O]: OUTCOMES, [I]: text, 'z.portfolio.yaml': other }),
      I,
      at(text, 'dependsOn: [erp, ', 17),
    )!.items;
    assert.deepEqual(items.map((i) => i.label).sort(), ['aaa-elsewhere', 'erp', 'invoicing', 'warehouse-robots']);
    const sorted = [...items].sort((a, b) => (a.sortText! < b.sortText! ? -1 : 1)).map((i) => i.label);
    assert.equal(sorted[sorted.length - 1], 'aaa-elsewhere');
  });

  it('offers enum values by key, telling measure kinds from outcome kinds', () => {
    assert.deepEqual(labels(INITIATIVES, at(INITIATIVES, 'type: software-upgrade', 6)).sort(), [
      'application',
      'data',
      'infrastructure',
      'other',
      'security',
      'software-upgrade',
    ]);
    const withStatus = INITIATIVES.replace('    owner: Logistics\n', '    owner: Logistics\n    status: \n');
    assert.deepEqual(labels(withStatus, at(withStatus, 'status: ', 8)), ['proposed', 'approved', 'in-progress', 'done', 'cancelled']);
    const analysis = analysisOf({ [O]: OUTCOMES });
    assert.deepEqual(
      completion(analysis, O, at(OUTCOMES, '- kind: cost', 8))!.items.map((i) => i.label),
      ['cost', 'time', 'quality'],
    );
  });

  it('offers the keys an initiative does not have yet', () => {
    const text = INITIATIVES.replace('    owner: Logistics\n', '    owner: Logistics\n    sta\n');
    const keys = labels(text, at(text, '    sta', 7));
    assert.ok(keys.includes('status') && keys.includes('category') && keys.includes('outcomes'));
    assert.ok(!keys.includes('owner') && !keys.includes('cost') && !keys.includes('id'), 'keys already present are not offered');
  });

  it('reads the enclosing keys from indentation, zero-indented lists included', () => {
    const lines = 'outcomes:\n- id: a\n  measures:\n  - kind: cost\n    metric: x\n'.split('\n');
    assert.deepEqual(ancestors(lines, 4), ['measures', 'outcomes']);
    assert.deepEqual(ancestors(lines, 2), ['outcomes']);
  });

  it('offers nothing inside a title or a comment', () => {
    assert.deepEqual(labels(INITIATIVES, at(INITIATIVES, 'ERP upgrade', 3)), []);
    const comment = INITIATIVES.replace('cost: 400k', 'cost: 400k # note');
    assert.equal(completion(analysisOf({ [I]: comment }), I, at(comment, '# note', 6)), undefined);
  });
});
