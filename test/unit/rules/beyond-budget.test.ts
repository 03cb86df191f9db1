import * as assert from 'node:assert/strict';
import type { InitiativeSpend } from '../../../src/core/check/ledger';
import { fundingOrder } from '../../../src/core/check/rules/beyondBudget';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeIn, withCode } from '../helpers';

// Funded by priority, not file order: the 600k of priority 1 first, then 500k of priority 2,
// which would take the total to 1.1M against a budget of 1M.
const budgeted = (model = 'provider', budget = '1M') =>
  portfolio({
    metadata: { relationshipModel: model, budget },
    initiatives: [
      { id: 'vendor-portal', cost: '500k', priority: 2 },
      { id: 'wms-rollout', cost: '600k', priority: 1 },
    ],
  });

describe('rule beyond-budget', () => {
  it('fires at the cost of the initiative that, in priority order, passes the budget', () => {
    const text = budgeted();
    const d = only(check(text), 'beyond-budget');
    assert.equal(d.severity, 'info');
    assert.deepEqual(d.range, rangeIn(text, 'cost: 500k', '500k'));
    assert.match(d.message, /use EUR 600,000\.00 of EUR 1,000,000\.00/);
    assert.match(d.message, /take the total to EUR 1,100,000\.00/);
  });

  it('funds initiatives without a priority last', () => {
    const text = budgeted().replace('    priority: 1\n', '');
    const d = only(check(text), 'beyond-budget');
    assert.deepEqual(d.range, rangeIn(text, 'cost: 600k', '600k'));
  });

  it('funds initiatives of the same priority in file order (docs/rules/beyond-budget.md)', () => {
    for (const priority of ['priority: 1', 'priority: 7', '']) {
      // Both 500k and 600k now have the same priority (or none): the first in the file is funded.
      const text = budgeted()
        .replace('    priority: 2\n', priority ? `    ${priority}\n` : '')
        .replace('    priority: 1\n', priority ? `    ${priority}\n` : '');
      const d = only(check(text), 'beyond-budget');
      assert.deepEqual(d.range, rangeIn(text, 'cost: 600k', '600k'), priority || 'no priority');
      assert.match(d.message, /use EUR 500,000\.00 of EUR 1,000,000\.00/);
    }
  });

  it('does not fire when the budget covers every initiative', () => {
    assertClean(check(budgeted('provider', '1.1M')));
  });

  it('does not fire without metadata.budget', () => {
    assertClean(check(budgeted().replace('  budget: 1M\n', '')));
  });

  it('is a warning for passive, info for provider, partner and peer', () => {
    assertSeverityByModel('beyond-budget', (model) => budgeted(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('beyond-budget', budgeted(), 'info');
  });

  it('says why in each case: alone over the budget, the budget used up, or the total it would take', () => {
    // In file order: vendor-portal (priority 2) comes before wms-rollout (priority 1).
    const message = (text: string) => withCode(check(text), 'beyond-budget').map((d) => d.message);
    assert.deepEqual(message(budgeted('provider', '400k')), [
      'Initiative "vendor-portal" is beyond the budget: initiatives of higher priority already use the whole budget of EUR 400,000.00. It is unfunded unless the budget grows or its priority rises.',
      'Initiative "wms-rollout" is beyond the budget: its EUR 600,000.00 alone is more than the budget of EUR 400,000.00. It is unfunded unless the budget grows or its priority rises.',
    ]);
    assert.deepEqual(message(budgeted('provider', '600k')), [
      'Initiative "vendor-portal" is beyond the budget: initiatives of higher priority already use the whole budget of EUR 600,000.00. It is unfunded unless the budget grows or its priority rises.',
    ]);
    assert.deepEqual(message(budgeted()), [
      'Initiative "vendor-portal" is beyond the budget: initiatives of higher priority use EUR 600,000.00 of EUR 1,000,000.00, and its EUR 500,000.00 would take the total to EUR 1,100,000.00. It is unfunded unless the budget grows or its priority rises.',
    ]);
    assert.match(
      message(budgeted().replace('  - id: vendor-portal\n    title:', '  - title:'))[0]!,
      /^This initiative is beyond the budget: /,
    );
  });

  it('does not fire at an initiative with no cost once the budget is used up', () => {
    // wms-rollout's 600k alone passes the budget of 400k; vendor-portal costs nothing.
    const text = budgeted('provider', '400k').replace('    cost: 500k\n', '');
    const d = only(check(text), 'beyond-budget');
    assert.deepEqual(d.range, rangeIn(text, 'cost: 600k', '600k'));
  });

  it('keeps file order among equal priorities however many initiatives there are', () => {
    // Many entries with priorities in no order, so that the sort merges runs: ties still keep file order.
    const entries = Array.from({ length: 300 }, (_, i) => ({
      spend: 100,
      item: { model: { priority: (i * 7) % 5 || undefined } },
    })) as unknown as InitiativeSpend[];
    const order = fundingOrder(entries).map((e) => entries.indexOf(e));
    const expected = entries
      .map((_, i) => i)
      .sort((a, b) => (entries[a]!.item.model.priority ?? Infinity) - (entries[b]!.item.model.priority ?? Infinity) || a - b);
    assert.deepEqual(order, expected);
  });
});
