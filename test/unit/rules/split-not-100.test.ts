import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, ORDER_TO_CASH, portfolio, rangeOf, withCode } from '../helpers';

const split = (model = 'provider', weights = '{ supply-chain-cost: 60%, order-to-cash: 30% }') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [{ id: 'supply-chain-cost' }, ORDER_TO_CASH],
    initiatives: [{ outcomes: weights }],
  });

describe('rule split-not-100', () => {
  it('fires at the weights when they add up to less than 100%', () => {
    const text = split();
    const d = only(check(text), 'split-not-100');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeOf(text, '{ supply-chain-cost: 60%, order-to-cash: 30% }'));
    assert.match(d.message, /add up to 90%, not 100%/);
    assert.match(d.message, /10% of the cost counts as unlinked/);
  });

  it('fires when the weights add up to more than 100%', () => {
    const text = split('provider', '{ supply-chain-cost: 0.7, order-to-cash: 0.5 }');
    const d = only(check(text), 'split-not-100');
    assert.deepEqual(d.range, rangeOf(text, '{ supply-chain-cost: 0.7, order-to-cash: 0.5 }'));
    assert.match(d.message, /add up to 120%/);
  });

  it('does not fire for weights that sum to 100%, as percentages or fractions', () => {
    assertClean(check(split('provider', '{ supply-chain-cost: 60%, order-to-cash: 40% }')));
    assertClean(check(split('provider', '{ supply-chain-cost: 0.65, order-to-cash: 0.35 }')));
    assertClean(check(split('provider', '{ supply-chain-cost: 12.5%, order-to-cash: 87.5% }')));
  });

  it('does not fire for a plain list, which splits equally', () => {
    assert.deepEqual(withCode(check(split('provider', '[supply-chain-cost, order-to-cash]')), 'split-not-100'), []);
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('split-not-100', (model) => split(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('split-not-100', split(), 'error');
  });

  it('says what becomes of the cost, below and above 100%', () => {
    assert.equal(
      only(check(split()), 'split-not-100').message,
      'The outcome weights add up to 90%, not 100%: the other 10% of the cost counts as unlinked. Adjust them so they sum to 100%.',
    );
    assert.equal(
      only(check(split('provider', '{ supply-chain-cost: 0.7, order-to-cash: 0.5 }')), 'split-not-100').message,
      'The outcome weights add up to 120%, not 100%: the cost is split in proportion to the weights. Adjust them so they sum to 100%.',
    );
  });

  it('leaves a weight that is not a number to the schema check', () => {
    const result = check(split('provider', '{ supply-chain-cost: 60%, order-to-cash: lots }'));
    assert.deepEqual(withCode(result, 'split-not-100'), []);
    assert.ok(withCode(result, 'schema').length > 0);
  });

  it('does not fire for an empty list or map of outcomes', () => {
    assert.deepEqual(withCode(check(split('provider', '[]')), 'split-not-100'), []);
    assert.deepEqual(withCode(check(split('provider', '{}')), 'split-not-100'), []);
  });
});
