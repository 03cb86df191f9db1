import * as assert from 'node:assert/strict';
import { codeLenses } from '../../../src/core/features/codeLens';
import { documentSymbols } from '../../../src/core/features/symbols';
import { Workspace } from '../../../src/core/workspace';
import { portfolioTemplate } from '../../../src/core/template';
import { relationshipModels } from '../../../src/core/schema';
import { analysisOf, at, INITIATIVES, OUTCOMES } from '../helpers';

const O = 'o.portfolio.yaml';
const I = 'i.portfolio.yaml';

describe('outline, CodeLens and the new-file template', () => {
  const analysis = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });

  it('outlines sections, outcomes with their measures, and initiatives with their spend', () => {
    const outcomes = documentSymbols(analysis, O);
    assert.deepEqual(outcomes.map((s) => s.name), ['apiVersion', 'kind', 'outcomes']);
    const list = outcomes[2]!;
    assert.deepEqual(list.children.map((c) => [c.name, c.detail]), [['supply-chain-cost', 'Cut the cost to run the supply chain'], ['order-to-cash', 'Get paid faster']]);
    assert.deepEqual(list.children[0]!.children.map((m) => m.name), ['Cost per order']);
    assert.ok(list.range.end.line >= at(OUTCOMES, 'capability: Finance').line, 'the section spans its last item');
    const initiatives = documentSymbols(analysis, I).find((s) => s.name === 'initiatives')!;
    assert.deepEqual(initiatives.children.map((c) => c.detail), ['ERP upgrade for the supply chain · EUR 1.5M', 'Invoicing · EUR 100k', 'Warehouse robots for the supply chain · EUR 400k']);
    assert.deepEqual(initiatives.children[1]!.selectionRange.start, at(INITIATIVES, 'invoicing'));
  });

  it('puts spend, initiative count and budget use above each outcome', () => {
    const lenses = codeLenses(analysis, O);
    assert.deepEqual(lenses.map((l) => l.title), ['EUR 1.53M · 2 initiatives · 77% of budget', 'EUR 70k · 1 initiative']);
    assert.deepEqual(lenses[0]!.range.start, at(OUTCOMES, 'supply-chain-cost'));
    assert.deepEqual(lenses[0]!.command, { kind: 'references', id: 'supply-chain-cost' });
  });

  it('puts "not linked" and a Link command above each unlinked initiative', () => {
    const lenses = codeLenses(analysis, I);
    assert.deepEqual(lenses.map((l) => l.title), ['EUR 400k not linked to any outcome', 'Link…']);
    assert.deepEqual(lenses[1]!.command, { kind: 'link', initiative: 'warehouse-robots' });
    assert.deepEqual(lenses[1]!.range.start, at(INITIATIVES, 'warehouse-robots'));
  });

  it('starts new files from a template that validates clean under every relationship model', () => {
    for (const model of relationshipModels) {
      const workspace = new Workspace();
      workspace.setFile('new.yaml', portfolioTemplate(2028).replace('relationshipModel: provider', `relationshipModel: ${model}`));
      const result = workspace.check({ today: '2028-01-15' });
      assert.deepEqual(result.files[0]!.diagnostics.map((d) => `${d.code}: ${d.message}`), [], model);
      assert.equal(result.summary.alignmentScore, 1);
    }
  });
});
