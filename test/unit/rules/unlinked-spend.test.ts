import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeIn, withCode } from '../helpers';

// An application with a cost and no outcome: the typical unlinked spend.
const unlinked = (model = 'provider') =>
  portfolio({
    metadata: { relationshipModel: model },
    initiatives: [{ type: 'application' }, { id: 'intranet-redesign', type: 'application', outcomes: null, cost: '210k' }],
  });

describe('rule unlinked-spend', () => {
  it('fires at the id of an initiative that has a cost and no outcome', () => {
    const text = unlinked();
    const d = only(check(text), 'unlinked-spend');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeIn(text, 'id: intranet-redesign', 'intranet-redesign'));
    assert.match(d.message, /EUR 210,000\.00/);
    assert.match(d.message, /outcomes: \[/, 'the message names the fix');
  });

  it('does not fire when every initiative links an outcome', () => {
    const text = unlinked().replace('    cost: 210k\n', '    outcomes: [supply-chain-cost]\n    cost: 210k\n');
    assertClean(check(text));
  });

  it('does not fire for an initiative without any cost', () => {
    const text = unlinked().replace('    cost: 210k\n', '');
    assert.deepEqual(withCode(check(text), 'unlinked-spend'), []);
  });

  it('fires for an actual cost when no planned cost is given', () => {
    const text = unlinked().replace('    cost: 210k\n', '    actualCost: 90k\n');
    assert.match(only(check(text), 'unlinked-spend').message, /EUR 90,000\.00/);
  });

  it('is a warning for passive and provider, an error for partner and peer', () => {
    assertSeverityByModel('unlinked-spend', unlinked);
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('unlinked-spend', unlinked(), 'warning');
  });

  it('names the initiative, or says "This initiative" when it has no id', () => {
    const message = (text: string) => only(check(text), 'unlinked-spend').message;
    assert.equal(
      message(unlinked()),
      'Initiative "intranet-redesign" spends EUR 210,000.00 but serves no business outcome. Link it to the outcome it serves: outcomes: [outcome-id].',
    );
    assert.equal(
      message(unlinked().replace('  - id: intranet-redesign\n    title:', '  - title:')),
      'This initiative spends EUR 210,000.00 but serves no business outcome. Link it to the outcome it serves: outcomes: [outcome-id].',
    );
  });
});
