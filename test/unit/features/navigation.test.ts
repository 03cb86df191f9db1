import * as assert from 'node:assert/strict';
import { definition, prepareRename, references, rename } from '../../../src/core/features/navigation';
import { analysisOf, applyEdits, at, INITIATIVES, OUTCOMES } from '../helpers';

describe('navigation: definition, references, rename', () => {
  const files = { 'a/outcomes.portfolio.yaml': OUTCOMES, 'a/initiatives.portfolio.yaml': INITIATIVES };
  const analysis = analysisOf(files);

  it('goes from a link in another file to the outcome definition', () => {
    const locations = definition(analysis, 'a/initiatives.portfolio.yaml', at(INITIATIVES, 'supply-chain-cost]', 3));
    assert.equal(locations.length, 1);
    assert.equal(locations[0]!.path, 'a/outcomes.portfolio.yaml');
    assert.deepEqual(locations[0]!.range, {
      start: at(OUTCOMES, 'supply-chain-cost'),
      end: at(OUTCOMES, 'supply-chain-cost', 'supply-chain-cost'.length),
    });
  });

  it('goes from a dependsOn entry to the initiative', () => {
    const [location] = definition(analysis, 'a/initiatives.portfolio.yaml', at(INITIATIVES, 'erp]', 1));
    assert.deepEqual(location!.range.start, at(INITIATIVES, 'erp\n'));
  });

  it('finds every reference to an outcome across files, with or without its declaration', () => {
    const position = at(OUTCOMES, 'supply-chain-cost', 2);
    const withDeclaration = references(analysis, 'a/outcomes.portfolio.yaml', position, true);
    assert.equal(withDeclaration.length, 3); // definition, list link, weighted link
    const without = references(analysis, 'a/outcomes.portfolio.yaml', position, false);
    assert.deepEqual(
      without.map((l) => l.path),
      ['a/initiatives.portfolio.yaml', 'a/initiatives.portfolio.yaml'],
    );
    assert.deepEqual(
      without.map((l) => l.range.start),
      [at(INITIATIVES, 'supply-chain-cost]'), at(INITIATIVES, 'supply-chain-cost: 30%')],
    );
  });

  it('refuses to rename what is not an id', () => {
    const result = prepareRename(analysis, 'a/initiatives.portfolio.yaml', at(INITIATIVES, 'ERP upgrade', 2));
    assert.ok('error' in result);
    assert.match(result.error, /Only outcome and initiative ids/);
  });

  it('renames an outcome in every file, keeping the files valid', () => {
    const prepared = prepareRename(analysis, 'a/outcomes.portfolio.yaml', at(OUTCOMES, 'supply-chain-cost', 1));
    assert.ok('placeholder' in prepared);
    assert.equal(prepared.placeholder, 'supply-chain-cost');
    const result = rename(analysis, 'a/outcomes.portfolio.yaml', at(OUTCOMES, 'supply-chain-cost', 1), 'logistics-cost');
    assert.ok('edits' in result);
    const outcomes = applyEdits(
      OUTCOMES,
      result.edits.filter((e) => e.path === 'a/outcomes.portfolio.yaml'),
    );
    const initiatives = applyEdits(
      INITIATIVES,
      result.edits.filter((e) => e.path === 'a/initiatives.portfolio.yaml'),
    );
    assert.match(outcomes, /- id: logistics-cost\n/);
    assert.match(initiatives, /outcomes: \[logistics-cost\]/);
    assert.match(initiatives, /\{ logistics-cost: 30%, order-to-cash: 70% \}/);
    const after = analysisOf({ 'a/outcomes.portfolio.yaml': outcomes, 'a/initiatives.portfolio.yaml': initiatives });
    assert.equal(after.ledger.byOutcome.get('logistics-cost')?.initiatives, 2);
    assert.equal([...after.diagnostics.values()].flat().filter((d) => d.code === 'unknown-outcome').length, 0);
  });

  it('keeps quotes when renaming a quoted id', () => {
    const quoted = INITIATIVES.replace('- id: erp', '- id: "erp"');
    const result = rename(analysisOf({ 'i.yaml': quoted, 'o.yaml': OUTCOMES }), 'i.yaml', at(quoted, '"erp"', 2), 'erp2');
    assert.ok('edits' in result);
    const text = applyEdits(quoted, result.edits);
    assert.match(text, /- id: "erp2"/);
    assert.match(text, /dependsOn: \[erp2\]/);
  });

  it('rejects a new name that is not an id or is taken', () => {
    const position = at(OUTCOMES, 'order-to-cash', 1);
    const bad = rename(analysis, 'a/outcomes.portfolio.yaml', position, 'has space');
    assert.ok('error' in bad && /not a valid id/.test(bad.error));
    const taken = rename(analysis, 'a/outcomes.portfolio.yaml', position, 'supply-chain-cost');
    assert.ok('error' in taken && /already exists/.test(taken.error));
  });
});
