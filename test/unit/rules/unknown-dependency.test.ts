import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, PLANT_UPTIME, portfolio, rangeIn, yaml } from '../helpers';

const depending = (model = 'provider', dependency = 'data-platfrom') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [PLANT_UPTIME],
    initiatives: [{ id: 'data-platform' }, { id: 'predictive-maintenance', dependsOn: `[${dependency}]` }],
  });

describe('rule unknown-dependency', () => {
  it('fires at a dependsOn entry that names no initiative, with a did-you-mean', () => {
    const text = depending();
    const d = only(check(text), 'unknown-dependency');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeIn(text, 'dependsOn: [data-platfrom]', 'data-platfrom'));
    assert.match(d.message, /Unknown initiative "data-platfrom" in dependsOn: did you mean "data-platform"\?/);
    assert.equal(d.message, 'Unknown initiative "data-platfrom" in dependsOn: did you mean "data-platform"?', 'the whole message');
  });

  it('does not fire when the dependency exists, in this file or another', () => {
    assertClean(check(depending('provider', 'data-platform')));
    const other = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      initiatives:
        - { id: crm-renewal, title: CRM renewal, outcomes: [plant-uptime], cost: 420k, owner: Sales IT }
    `;
    assertClean(check({ 'a.portfolio.yaml': depending('provider', 'crm-renewal'), 'b.portfolio.yaml': other }));
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('unknown-dependency', (model) => depending(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('unknown-dependency', depending(), 'error');
  });
});

describe('rule unknown-dependency: edges the mutation run found untested', () => {
  it('says how to fix an id that is like no defined one, and offers no replacement', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      initiatives:
        - { id: erp-upgrade, title: ERP, cost: 10, owner: IT, dependsOn: [qqqqqqqqqqqq] }
    `;
    const d = only(check(text), 'unknown-dependency');
    assert.equal(
      d.message,
      'Unknown initiative "qqqqqqqqqqqq" in dependsOn: no portfolio file defines it. Fix the id or remove the dependency.',
    );
    assert.equal(d.data, undefined);
  });
});
