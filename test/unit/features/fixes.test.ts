import * as assert from 'node:assert/strict';
import type { PortfolioDiagnostic } from '../../../src/core/check/diagnostics';
import { fixesFor, linkEdits, rankOutcomes, safeFixEdits, type Fix } from '../../../src/core/features/fixes';
import { analysisOf, applyEdits, INITIATIVES, OUTCOMES } from '../helpers';

const O = 'o.portfolio.yaml';
const I = 'i.portfolio.yaml';

function diagnostic(files: Record<string, string>, path: string, code: string): { diagnostic: PortfolioDiagnostic; fixes: Fix[] } {
  const analysis = analysisOf(files);
  const found = analysis.diagnostics.get(path)?.find((d) => d.code === code);
  assert.ok(found, `expected a ${code} diagnostic in ${path}`);
  return { diagnostic: found, fixes: fixesFor(analysis, path, found) };
}

/** Applies a fix to the files it edits and returns the new texts. */
function apply(files: Record<string, string>, fix: Fix): Record<string, string> {
  const out = { ...files };
  for (const path of new Set(fix.edits.map((e) => e.path)))
    out[path] = applyEdits(
      out[path]!,
      fix.edits.filter((e) => e.path === path),
    );
  return out;
}

function codes(files: Record<string, string>): string[] {
  return [...analysisOf(files).diagnostics.values()].flat().map((d) => d.code);
}

describe('quick fixes', () => {
  it('replaces an unknown outcome with the did-you-mean, and the file validates clean of it', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES.replace('[supply-chain-cost]', '[supply-chian-cost]') };
    const { fixes } = diagnostic(files, I, 'unknown-outcome');
    const change = fixes.find((f) => f.title === 'Change to "supply-chain-cost"');
    assert.ok(change?.preferred);
    assert.ok(!change.safe, 'linking to a guessed outcome is not applied by Fix all');
    const fixed = apply(files, change);
    assert.match(fixed[I]!, /outcomes: \[supply-chain-cost\]/);
    assert.ok(!codes(fixed).includes('unknown-outcome'));
  });

  it('creates a stub outcome at the end of the outcome list, in the same indentation', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES.replace('[supply-chain-cost]', '[data-quality]') };
    const { fixes } = diagnostic(files, I, 'unknown-outcome');
    const create = fixes.find((f) => f.title === 'Create outcome "data-quality"');
    assert.ok(create);
    assert.deepEqual(
      create.edits.map((e) => e.path),
      [O],
    );
    const fixed = apply(files, create);
    assert.ok(fixed[O]!.endsWith('    capability: Finance\n  - id: data-quality\n    title: Data quality\n'));
    assert.ok(!codes(fixed).includes('unknown-outcome'));
    assert.ok(!codes(fixed).includes('yaml-syntax') && !codes(fixed).includes('schema'));
  });

  it('links an unlinked initiative to the best matching outcome first', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES };
    const { fixes } = diagnostic(files, I, 'unlinked-spend');
    // "Warehouse robots for the supply chain" shares "supply" and "chain" with the supply-chain capability.
    assert.equal(fixes[0]!.title, 'Link to outcome "supply-chain-cost" (Cut the cost to run the supply chain)');
    assert.ok(fixes[0]!.preferred);
    assert.deepEqual(fixes[fixes.length - 1]!.pick, { kind: 'link-outcome', initiative: 'warehouse-robots' });
    const fixed = apply(files, fixes[0]!);
    assert.match(fixed[I]!, / {4}owner: Logistics\n {4}outcomes: \[supply-chain-cost\]\n$/);
    assert.ok(!codes(fixed).includes('unlinked-spend'));
  });

  it('ranks outcomes by capability words before title words', () => {
    const ranked = rankOutcomes(analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES }), 'warehouse-robots');
    assert.deepEqual(
      ranked.map((r) => r.id),
      ['supply-chain-cost', 'order-to-cash'],
    );
    assert.ok(ranked[0]!.score > ranked[1]!.score);
  });

  it('links into an empty list and into a flow mapping item', () => {
    const empty = INITIATIVES.replace('    cost: 400k\n', '    outcomes: []\n    cost: 400k\n');
    const analysis = analysisOf({ [O]: OUTCOMES, [I]: empty });
    const edited = applyEdits(empty, linkEdits(analysis, I, 'warehouse-robots', 'order-to-cash'));
    assert.match(edited, /outcomes: \[order-to-cash\]\n {4}cost: 400k/);
    const flow = `${INITIATIVES}  - { id: printers, title: Printers, cost: 10k, owner: IT }\n`;
    const flowEdited = applyEdits(flow, linkEdits(analysisOf({ [O]: OUTCOMES, [I]: flow }), I, 'printers', 'order-to-cash'));
    assert.match(flowEdited, /- \{ id: printers, title: Printers, cost: 10k, owner: IT, outcomes: \[order-to-cash\] \}/);
    assert.ok(!codes({ [O]: OUTCOMES, [I]: flowEdited }).includes('yaml-syntax'));
  });

  it('links in every way outcomes can be written, replacing a link to a missing outcome first', () => {
    const cases: Array<[string, string, RegExp]> = [
      ['    outcomes: ~ # none yet\n', 'order-to-cash', /outcomes: \[order-to-cash\] # none yet\n/],
      ['    outcomes: {}\n', 'order-to-cash', /outcomes: \[order-to-cash\]\n/],
      ['    outcomes:\n      - supply-chain-cost\n', 'order-to-cash', /outcomes:\n {6}- supply-chain-cost\n {6}- order-to-cash\n/],
      ['    outcomes: [supply-chain-cots]\n', 'supply-chain-cost', /outcomes: \[supply-chain-cost\]\n/],
      ['    outcomes: { supply-chain-cost: 60% }\n', 'order-to-cash', /outcomes: \{ supply-chain-cost: 60%, order-to-cash: 40% \}\n/],
      ['    outcomes:\n      supply-chain-cost: 60%\n', 'order-to-cash', /outcomes:\n {6}supply-chain-cost: 60%\n {6}order-to-cash: 40%\n/],
    ];
    for (const [links, outcome, expected] of cases) {
      const text = INITIATIVES.replace('    cost: 400k\n', `${links}    cost: 400k\n`);
      const analysis = analysisOf({ [O]: OUTCOMES, [I]: text });
      const edited = applyEdits(text, linkEdits(analysis, I, 'warehouse-robots', outcome));
      assert.match(edited, expected, links);
      const after = analysisOf({ [O]: OUTCOMES, [I]: edited });
      const row = after.ledger.initiatives.find((e) => e.item.model.id?.value === 'warehouse-robots')!;
      assert.equal(row.unlinked, 0, `${links.trim()}: all of the cost is linked after the edit`);
    }
    const linked = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });
    assert.deepEqual(linkEdits(linked, I, 'erp', 'supply-chain-cost'), [], 'an outcome already linked is not added twice');
  });

  it('makes a split sum to 100% in two ways', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES.replace('order-to-cash: 70%', 'order-to-cash: 60%') };
    const { fixes } = diagnostic(files, I, 'split-not-100');
    assert.deepEqual(
      fixes.map((f) => f.title),
      ['Give the remaining 10% to "order-to-cash"', 'Scale the weights to 100% (supply-chain-cost: 33.3%, order-to-cash: 66.7%)'],
    );
    for (const fix of fixes) {
      const fixed = apply(files, fix);
      assert.ok(!codes(fixed).includes('split-not-100'), `${fix.title} leaves the split below 100%`);
    }
    assert.match(apply(files, fixes[0]!)[I]!, /\{ supply-chain-cost: 30%, order-to-cash: 70% \}/);
  });

  it('renames an unknown key to its did-you-mean, as a safe fix', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES.replace('    owner: ERP team', '    ownr: ERP team') };
    const { fixes } = diagnostic(files, I, 'schema');
    assert.equal(fixes[0]!.title, 'Change to "owner"');
    assert.ok(fixes[0]!.safe);
    assert.ok(!codes(apply(files, fixes[0]!)).includes('schema'));
  });

  it('replaces a bad enum value with its did-you-mean, as a safe fix', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES.replace('type: software-upgrade', 'type: sofware-upgrade') };
    const { fixes } = diagnostic(files, I, 'schema');
    assert.equal(fixes[0]!.title, 'Change to "software-upgrade"');
    assert.ok(fixes[0]!.safe);
    assert.deepEqual(codes(apply(files, fixes[0]!)), codes({ [O]: OUTCOMES, [I]: INITIATIVES }));
  });

  it('Fix all answers with the edits of every safe fix of the file at once, and only those', () => {
    const broken = INITIATIVES.replace('type: software-upgrade', 'type: sofware-upgrade')
      .replace('    owner: Logistics', '    ownr: Logistics')
      .replace('[supply-chain-cost]', '[supply-chian-cost]');
    const files = { [O]: OUTCOMES, [I]: broken };
    const analysis = analysisOf(files);
    const edits = safeFixEdits(analysis, I, analysis.diagnostics.get(I)!);
    // The two schema typos are safe; the guessed outcome link is not.
    assert.deepEqual(edits.map((e) => e.newText).sort(), ['owner', 'software-upgrade']);
    const fixed = applyEdits(broken, edits);
    assert.equal(fixed, INITIATIVES.replace('[supply-chain-cost]', '[supply-chian-cost]'));
  });

  it('Fix all leaves a fix whose edit meets one already taken for a second run', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES.replace('type: software-upgrade', 'type: sofware-upgrade') };
    const analysis = analysisOf(files);
    const schema = analysis.diagnostics.get(I)!.find((d) => d.code === 'schema')!;
    // The same problem twice: its second fix would edit the very same range.
    assert.equal(safeFixEdits(analysis, I, [schema, schema]).length, 1);
  });

  it('adds a missing required key inside the item, and a missing owner', () => {
    const files = { [O]: OUTCOMES, [I]: INITIATIVES.replace('    title: Invoicing\n', '') };
    const { fixes } = diagnostic(files, I, 'schema');
    assert.equal(fixes[0]!.title, 'Add "title"');
    const fixed = apply(files, fixes[0]!);
    assert.ok(!codes(fixed).includes('schema'));
    assert.match(fixed[I]!, /dependsOn: \[erp\]\n {4}title: Title\n/);

    const ownerless = { [O]: OUTCOMES.replace('    owner: CFO\n', ''), [I]: INITIATIVES };
    const owner = diagnostic(ownerless, O, 'missing-owner').fixes[0]!;
    assert.equal(owner.title, 'Add "owner"');
    assert.ok(!codes(apply(ownerless, owner)).includes('missing-owner'));
  });

  it('adds apiVersion and kind to a file that lacks them', () => {
    const files = { [I]: 'metadata:\n  name: X\n' };
    const { fixes } = diagnostic(files, I, 'schema');
    const fixed = apply(files, fixes[0]!);
    assert.ok(fixed[I]!.startsWith('apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:'));
    assert.deepEqual(codes(fixed), ['missing-brm'], 'only the BRM reminder is left');
  });

  it('fixes an amount suffix only where the intent is certain', () => {
    const upper = diagnostic({ [I]: INITIATIVES.replace('cost: 400k', 'cost: 400K') }, I, 'schema');
    assert.equal(upper.fixes[0]!.title, 'Change to "400k"');
    const ambiguous = diagnostic({ [I]: INITIATIVES.replace('cost: 400k', 'cost: 3m') }, I, 'schema');
    assert.match(ambiguous.diagnostic.message, /use k \(thousand\), M \(million\) or B \(billion\)/);
    assert.deepEqual(ambiguous.fixes, [], '"m" could mean thousand or million: no guess');
  });
});
