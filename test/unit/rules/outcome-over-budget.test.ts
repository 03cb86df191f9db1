import * as assert from 'node:assert/strict';
import {
  assertClean,
  assertOverrides,
  assertSeverityByModel,
  check,
  only,
  ORDER_TO_CASH,
  portfolio,
  rangeIn,
  withCode,
  yaml,
} from '../helpers';

// Linked spend: 850k + half of 500k = 1.1M against a budget of 1M.
const overBudget = (model = 'provider', budget = '1M') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [{ budget }, ORDER_TO_CASH],
    initiatives: [{ id: 'wms-rollout' }, { id: 'edi-onboarding', outcomes: '[supply-chain-cost, order-to-cash]', cost: '500k' }],
  });

describe('rule outcome-over-budget', () => {
  it('fires at the outcome budget when linked spend is above it', () => {
    const text = overBudget();
    const d = only(check(text), 'outcome-over-budget');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeIn(text, 'budget: 1M', '1M'));
    assert.match(d.message, /EUR 1,100,000\.00, EUR 100,000\.00 over its budget of EUR 1,000,000\.00/);
  });

  it('does not fire when linked spend equals the budget', () => {
    assertClean(check(overBudget('provider', '1.1M')));
  });

  it('is a warning under every relationship model', () => {
    assertSeverityByModel('outcome-over-budget', (model) => overBudget(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('outcome-over-budget', overBudget(), 'warning');
  });

  it('says by how much and what share of the budget, and no share of a budget of zero', () => {
    assert.equal(
      only(check(overBudget()), 'outcome-over-budget').message,
      'Spend linked to "supply-chain-cost" is EUR 1,100,000.00, EUR 100,000.00 over its budget of EUR 1,000,000.00 (110% of it). Raise the budget or move spend elsewhere.',
    );
    assert.equal(
      only(check(overBudget('provider', '0')), 'outcome-over-budget').message,
      'Spend linked to "supply-chain-cost" is EUR 1,100,000.00, EUR 1,100,000.00 over its budget of EUR 0.00. Raise the budget or move spend elsewhere.',
    );
    assert.match(only(check(overBudget('provider', '500k')), 'outcome-over-budget').message, /\(220% of it\)/);
  });

  it('fires only at the first definition of an outcome id, not at a duplicate', () => {
    const duplicate = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Second file, currency: EUR }
      outcomes:
        - { id: supply-chain-cost, title: Again, owner: COO, budget: 1k, measures: [{ kind: cost, metric: M, target: 1 }] }
    `;
    const result = check({ 'a.portfolio.yaml': overBudget(), 'b.portfolio.yaml': duplicate });
    assert.equal(withCode(result, 'outcome-over-budget').length, 1);
    assert.equal(only(result, 'outcome-over-budget', 'a.portfolio.yaml').code, 'outcome-over-budget');
  });
});
