import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, rangeIn, yaml } from '../helpers';

// TODAY is 2027-06-15. Cost per order should go from 12.40 down to 11.40.
const goal = (model = 'provider', actual = '11.90', due = '2027-03-31') => yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: Test portfolio
    currency: EUR
    relationshipModel: ${model}
    brm: Dana Whitfield
  outcomes:
    - id: supply-chain-cost
      title: Cut supply chain cost
      owner: COO
      measures:
        - kind: cost
          metric: Cost per shipped order
          unit: EUR
          baseline: 12.40
          target: 11.40
          actual: ${actual}
          due: ${due}
  initiatives:
    - id: wms-rollout
      title: Warehouse management
      outcomes: [supply-chain-cost]
      cost: 850k
      owner: Logistics IT
`;

// Equipment effectiveness should go up from 93.5 to 97.
const quality = (actual: string) => yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
  outcomes:
    - id: plant-uptime
      title: Raise plant uptime
      owner: VP Manufacturing
      measures:
        - { kind: quality, metric: OEE, baseline: 93.5, target: 97, actual: ${actual}, due: 2026-09-30 }
  initiatives:
    - { id: mes-upgrade, title: MES upgrade, outcomes: [plant-uptime], cost: 560k, owner: Plant IT }
`;

describe('rule goal-missed', () => {
  it('fires at the actual value of a measure past due and worse than its target', () => {
    const text = goal();
    const d = only(check(text), 'goal-missed');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeIn(text, 'actual: 11.90', '11.90'));
    assert.match(d.message, /"Cost per shipped order" was due 2027-03-31 with target 11.4 EUR, and the actual is 11.9 EUR/);
  });

  it('fires for a quality measure below its target (higher is better)', () => {
    const text = quality('94.1');
    assert.deepEqual(only(check(text), 'goal-missed').range, rangeIn(text, 'actual: 94.1', '94.1'));
    assertClean(check(quality('97.2')));
  });

  it('does not fire when the target is met', () => {
    assertClean(check(goal('provider', '11.20')));
    assertClean(check(goal('provider', '11.40')));
  });

  it('does not fire before the due date', () => {
    assertClean(check(goal('provider', '11.90', '2027-12-31')));
    assertClean(check(goal(), { today: '2027-03-31' }));
  });

  it('is a warning under every relationship model', () => {
    assertSeverityByModel('goal-missed', (model) => goal(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('goal-missed', goal(), 'warning');
  });
});
