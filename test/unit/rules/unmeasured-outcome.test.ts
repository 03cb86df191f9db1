import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeOf, withCode, yaml } from '../helpers';

const unmeasured = (model = 'provider', measures = '[]') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [{ id: 'new-market-launch', title: 'Sell in the Nordic market', measures }],
  });

describe('rule unmeasured-outcome', () => {
  it('fires at the id of an outcome with no measure (measures: [])', () => {
    const text = unmeasured();
    const d = only(check(text), 'unmeasured-outcome');
    assert.equal(d.severity, 'info');
    assert.deepEqual(d.range, rangeOf(text, 'new-market-launch', 1));
    assert.match(d.message, /has no measure/);
    assert.equal(
      d.message,
      'Outcome "new-market-launch" has no measure: add a measure with a baseline and a target so that progress can be shown.',
      'the whole message',
    );
  });

  it('fires for an outcome without a measures key', () => {
    const text = unmeasured().replace('    measures: []\n', '');
    assert.deepEqual(only(check(text), 'unmeasured-outcome').range, rangeOf(text, 'new-market-launch', 1));
  });

  it('fires when the outcome has measures but none with a target', () => {
    const text = unmeasured('provider', '[{ kind: quality, metric: Orders from Nordic customers, baseline: 0 }]');
    const d = only(check(text), 'unmeasured-outcome');
    assert.deepEqual(d.range, rangeOf(text, 'new-market-launch', 1));
    assert.match(d.message, /has measures but none with a target/);
  });

  it('does not fire when a measure has a target', () => {
    assertClean(check(unmeasured('provider', '[{ kind: quality, metric: Orders from Nordic customers, baseline: 0, target: 500 }]')));
  });

  it('does not fire for a mandate', () => {
    const text = unmeasured().replace(
      '    title: Sell in the Nordic market\n',
      '    title: Sell in the Nordic market\n    kind: mandate\n',
    );
    assert.deepEqual(withCode(check(text), 'unmeasured-outcome'), []);
  });

  it('is off for passive, info for provider, a warning for partner and an error for peer', () => {
    assertSeverityByModel('unmeasured-outcome', (model) => unmeasured(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('unmeasured-outcome', unmeasured(), 'info');
  });
});

describe('rule unmeasured-outcome: edges the mutation run found untested', () => {
  it('names an outcome with no id "This outcome", at its first key', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      outcomes:
        - { title: Nameless, owner: COO }
    `;
    const d = only(check(text), 'unmeasured-outcome');
    assert.equal(d.message, 'This outcome has no measure: add a measure with a baseline and a target so that progress can be shown.');
    assert.deepEqual(d.range, rangeOf(text, 'title'));
  });
});
