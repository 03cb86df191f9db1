import * as assert from 'node:assert/strict';
import { codeLenses } from '../../../src/core/features/codeLens';
import { documentSymbols } from '../../../src/core/features/symbols';
import { Workspace } from '../../../src/core/check/workspace';
import { portfolioTemplate, uncommentedTemplate } from '../../../src/core/model/template';
import { relationshipModels } from '../../../src/core/model/schema';
import { analysisOf, at, INITIATIVES, OUTCOMES } from '../helpers';

const O = 'o.portfolio.yaml';
const I = 'i.portfolio.yaml';

describe('outline, CodeLens and the new-file template', () => {
  const analysis = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });

  it('outlines sections, outcomes with their measures, and initiatives with their spend', () => {
    const outcomes = documentSymbols(analysis, O);
    assert.deepEqual(
      outcomes.map((s) => s.name),
      ['apiVersion', 'kind', 'outcomes'],
    );
    const list = outcomes[2]!;
    assert.deepEqual(
      list.children.map((c) => [c.name, c.detail]),
      [
        ['supply-chain-cost', 'Cut the cost to run the supply chain'],
        ['order-to-cash', 'Get paid faster'],
      ],
    );
    assert.deepEqual(
      list.children[0]!.children.map((m) => m.name),
      ['Cost per order'],
    );
    assert.ok(list.range.end.line >= at(OUTCOMES, 'capability: Finance').line, 'the section spans its last item');
    const initiatives = documentSymbols(analysis, I).find((s) => s.name === 'initiatives')!;
    assert.deepEqual(
      initiatives.children.map((c) => c.detail),
      ['ERP upgrade for the supply chain · EUR 1.5M', 'Invoicing · EUR 100k', 'Warehouse robots for the supply chain · EUR 400k'],
    );
    assert.deepEqual(initiatives.children[1]!.selectionRange.start, at(INITIATIVES, 'invoicing'));
  });

  it('puts spend, initiative count and budget use above each outcome', () => {
    const lenses = codeLenses(analysis, O);
    assert.deepEqual(
      lenses.map((l) => l.title),
      ['EUR 1.53M · 2 initiatives · 77% of budget', 'EUR 70k · 1 initiative'],
    );
    assert.deepEqual(lenses[0]!.range.start, at(OUTCOMES, 'supply-chain-cost'));
    assert.deepEqual(lenses[0]!.command, { kind: 'references', id: 'supply-chain-cost' });
  });

  it('puts "not linked" and a Link command above each unlinked initiative', () => {
    const lenses = codeLenses(analysis, I);
    assert.deepEqual(
      lenses.map((l) => l.title),
      ['EUR 400k not linked to any outcome', 'Link…'],
    );
    assert.deepEqual(lenses[1]!.command, { kind: 'link', initiative: 'warehouse-robots' });
    assert.deepEqual(lenses[1]!.range.start, at(INITIATIVES, 'warehouse-robots'));
  });

  it('starts new files from a template that, uncommented, validates clean under every relationship model', () => {
    for (const model of relationshipModels) {
      const workspace = new Workspace();
      workspace.setFile('new.yaml', uncommentedTemplate(2028).replace('relationshipModel: provider', `relationshipModel: ${model}`));
      const result = workspace.check({ today: '2028-01-15' });
      assert.deepEqual(
        result.files[0]!.diagnostics.map((d) => `${d.code}: ${d.message}`),
        [],
        model,
      );
      assert.equal(result.summary.alignmentScore, 1);
    }
  });

  it('the starter as it opens counts for nothing: saved into a folder, it changes neither the summary nor any finding', () => {
    const folder = () => {
      const workspace = new Workspace();
      workspace.setFile(
        O,
        OUTCOMES.replace('kind: Portfolio\n', 'kind: Portfolio\nmetadata:\n  name: Acme\n  currency: USD\n  relationshipModel: partner\n'),
      );
      workspace.setFile(I, INITIATIVES);
      return workspace;
    };
    const before = folder().check({ today: '2028-01-15' });
    const withStarter = folder();
    withStarter.setFile('new.portfolio.yaml', portfolioTemplate(2028));
    const after = withStarter.check({ today: '2028-01-15' });
    assert.deepEqual(after.files.find((f) => f.path === 'new.portfolio.yaml')!.diagnostics, []);
    const { files: _files, ...summaryAfter } = { ...after.summary, files: undefined };
    const { files: _before, ...summaryBefore } = { ...before.summary, files: undefined };
    assert.deepEqual(
      JSON.parse(JSON.stringify({ ...summaryAfter, counts: { ...after.summary.counts, files: 0 } })),
      JSON.parse(JSON.stringify({ ...summaryBefore, counts: { ...before.summary.counts, files: 0 } })),
    );
    assert.deepEqual(
      after.files.filter((f) => f.path !== 'new.portfolio.yaml').map((f) => f.diagnostics),
      before.files.map((f) => f.diagnostics),
    );
    // Alone, the starter has nothing to report either (not even a missing BRM).
    const alone = new Workspace();
    alone.setFile('new.portfolio.yaml', portfolioTemplate(2028));
    assert.deepEqual(alone.check({ today: '2028-01-15' }).files[0]!.diagnostics, []);
  });
});
