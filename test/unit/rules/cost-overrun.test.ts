import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeIn } from '../helpers';

const overrun = (model = 'provider', actual = '1.35M') =>
  portfolio({ metadata: { relationshipModel: model }, initiatives: [{ cost: '1.2M', actualCost: actual }] });

describe('rule cost-overrun', () => {
  it('fires at the actual cost when it is above the planned cost', () => {
    const text = overrun();
    const d = only(check(text), 'cost-overrun');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeIn(text, 'actualCost: 1.35M', '1.35M'));
    // 1,350,000 - 1,200,000 = 150,000, which is 12.5% of 1,200,000.
    assert.match(d.message, /EUR 150,000\.00 \(12\.5%\) over the planned EUR 1,200,000\.00/);
  });

  it('compares amounts in different currencies after conversion', () => {
    // 1,300,000 USD × 0.92 = 1,196,000 EUR: below the planned 1,200,000 EUR.
    const text = overrun('provider', '1.3M USD').replace('  brm: Dana Whitfield\n', '  brm: Dana Whitfield\n  rates: { USD: 0.92 }\n');
    assertClean(check(text));
  });

  it('does not fire when the actual cost equals or is below the plan', () => {
    assertClean(check(overrun('provider', '1.2M')));
    assertClean(check(overrun('provider', '900k')));
  });

  it('is a warning under every relationship model', () => {
    assertSeverityByModel('cost-overrun', (model) => overrun(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('cost-overrun', overrun(), 'warning');
  });

  it('gives no share for a planned cost of zero, and the exact share otherwise', () => {
    const zero = overrun().replace('cost: 1.2M', 'cost: 0');
    assert.equal(
      only(check(zero), 'cost-overrun').message,
      'Actual cost EUR 1,350,000.00 is EUR 1,350,000.00 over the planned EUR 0.00. Re-plan the cost or record why it overran.',
    );
    assert.equal(
      only(check(overrun()), 'cost-overrun').message,
      'Actual cost EUR 1,350,000.00 is EUR 150,000.00 (12.5%) over the planned EUR 1,200,000.00. Re-plan the cost or record why it overran.',
    );
  });
});
