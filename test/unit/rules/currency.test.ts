import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, rangeIn, rangeOf, withCode, yaml } from '../helpers';

const priced = (model = 'provider', cost = '420k USD', currency = 'EUR', rates = '{}') => yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: Test portfolio
    currency: ${currency}
    relationshipModel: ${model}
    brm: Dana Whitfield
    rates: ${rates}
  outcomes:
    - id: customer-retention
      title: Keep key accounts
      owner: CCO
      measures:
        - { kind: quality, metric: Key account retention, target: 95 }
  initiatives:
    - id: crm-renewal
      title: CRM subscription renewal
      outcomes: [customer-retention]
      cost: ${cost}
      owner: Sales IT
`;

describe('rule currency', () => {
  it('fires at an amount that has no rate into the portfolio currency', () => {
    const text = priced();
    const d = only(check(text), 'currency');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeIn(text, 'cost: 420k USD', '420k USD'));
    assert.match(d.message, /No exchange rate from USD to EUR/);
    assert.match(d.message, /rates: \{ USD:/, 'the message names the fix');
  });

  it('does not fire when metadata.rates converts the amount', () => {
    assertClean(check(priced('provider', '420k USD', 'EUR', '{ USD: 0.92 }')));
  });

  it('fires at an unknown currency code in an amount', () => {
    const text = priced('provider', '420k USX', 'EUR', '{ USD: 0.92 }');
    const d = only(check(text), 'currency');
    assert.deepEqual(d.range, rangeOf(text, '420k USX'));
    assert.match(d.message, /Unknown currency "USX"/);
  });

  it('fires at an unknown metadata.currency, with a did-you-mean', () => {
    const text = priced('provider', '420k', 'EUX');
    const d = withCode(check(text), 'currency').find((x) => /Unknown currency "EUX"/.test(x.message));
    assert.ok(d, 'the unknown code is reported');
    assert.deepEqual(d.range, rangeIn(text, 'currency: EUX', 'EUX'));
    assert.match(d.message, /did you mean EUR\?/);
  });

  it('fires at an unknown currency in metadata.rates', () => {
    const text = priced('provider', '420k', 'EUR', '{ USX: 0.92 }');
    const d = only(check(text), 'currency');
    assert.deepEqual(d.range, rangeOf(text, 'USX'));
  });

  it('fires at an amount with more decimals than the currency has', () => {
    const text = priced('provider', '100.005');
    const d = only(check(text), 'currency');
    assert.deepEqual(d.range, rangeOf(text, '100.005'));
    assert.match(d.message, /more decimals than EUR has \(2\)/);
    assertClean(check(priced('provider', '100.05')));
  });

  it('fires at an amount too large to add up exactly, instead of dropping it silently', () => {
    for (const cost of ['12345678901234567', '123456789012345678B', '99999999999999999999 USD']) {
      const text = priced('provider', cost, 'EUR', '{ USD: 0.92 }');
      const result = check(text);
      const d = only(result, 'currency');
      assert.deepEqual(d.range, rangeOf(text, cost), cost);
      assert.match(d.message, /too large/);
      assert.equal(result.summary.unconverted, 1, cost);
    }
  });

  it('fires once, at the first amount, when no currency is declared anywhere', () => {
    const text = priced('provider', '420k').replace('  currency: EUR\n', '');
    const d = only(check(text), 'currency');
    assert.deepEqual(d.range, rangeIn(text, 'cost: 420k', '420k'));
    assert.match(d.message, /No currency is declared/);
  });

  it('knows that JPY has no minor unit and KWD has three decimals', () => {
    const yen = priced('provider', '1500.5', 'JPY');
    assert.deepEqual(only(check(yen), 'currency').range, rangeOf(yen, '1500.5'));
    assertClean(check(priced('provider', '1500', 'JPY')));
    const dinar = priced('provider', '1.2345', 'KWD');
    assert.match(only(check(dinar), 'currency').message, /KWD has \(3\)/);
    assertClean(check(priced('provider', '1.234', 'KWD')));
  });

  it('fires when two files declare different rates for the same currency', () => {
    const a = priced('provider', '420k USD', 'EUR', '{ USD: 0.92 }');
    const b = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Second file, currency: EUR, rates: { USD: 0.95 } }
    `;
    const result = check({ 'a.portfolio.yaml': a, 'b.portfolio.yaml': b });
    const d = only(result, 'currency', 'b.portfolio.yaml');
    assert.deepEqual(d.range, rangeOf(b, '0.95'));
    assert.deepEqual(d.related?.map((r) => [r.path, r.range]), [['a.portfolio.yaml', rangeOf(a, '0.92')]]);
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('currency', (model) => priced(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('currency', priced(), 'error');
  });
});
