import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeIn, rangeOf, withCode, yaml } from '../helpers';

const priced = (model = 'provider', cost = '420k USD', currency = 'EUR', rates = '{}') =>
  portfolio({
    metadata: { currency, relationshipModel: model, rates },
    outcomes: [{ id: 'customer-retention', owner: 'CCO', measures: [{ kind: 'quality', metric: 'Key account retention', target: 95 }] }],
    initiatives: [{ id: 'crm-renewal', cost, owner: 'Sales IT' }],
  });

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
    assert.equal(d.message, 'Unknown currency "USX" in rates: use an ISO 4217 code such as USD.');
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

  it('fires at the amount that takes a total past 2^53 cents, instead of losing cents silently', () => {
    // 40,000,000,000,000.00 is 4 × 10^15 cents: two add up exactly, the third passes 2^53 (9.007 × 10^15).
    const initiative = (id: string) => `  - { id: ${id}, title: Big ${id}, outcomes: [customer-retention], cost: 40000B, owner: IT }\n`;
    const text = priced('provider', '40000B') + initiative('second') + initiative('third');
    const result = check(text);
    const d = only(result, 'currency');
    assert.deepEqual(d.range, rangeOf(text, '40000B', 3));
    assert.equal(
      d.message,
      'This amount takes the total spend past EUR 90,071,992,547,409.91, the most that can be added up exactly: totals from here on may be off by some cents. Check the digits and suffixes of the largest amounts.',
    );
    // Two of them are exact to the cent.
    const two = check(priced('provider', '40000B') + initiative('second'));
    assert.deepEqual(withCode(two, 'currency'), []);
    assert.equal(two.summary.totalSpend, 8_000_000_000_000_000);
    // The budget is summed across files the same way.
    const budget = (name: string) => yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: ${name}, currency: EUR, budget: 60000B }
    `;
    const budgets = check({
      'a.portfolio.yaml': priced('provider', '1M'),
      'b.portfolio.yaml': budget('B'),
      'c.portfolio.yaml': budget('C'),
    });
    assert.match(only(budgets, 'currency', 'c.portfolio.yaml').message, /takes the total budget past EUR 90,071,992,547,409\.91/);
    // capex plus opex, each exact, whose sum is not.
    const split = priced('provider', '{ capex: 50000B, opex: 50000B }');
    assert.match(only(check(split), 'currency').message, /too large to add up exactly/);
  });

  it('fires once, at the first amount, when no currency is declared anywhere', () => {
    const text = priced('provider', '420k').replace('  currency: EUR\n', '');
    const d = only(check(text), 'currency');
    assert.deepEqual(d.range, rangeIn(text, 'cost: 420k', '420k'));
    assert.match(d.message, /No currency is declared/);
  });

  it('says "more decimals", not "too large", for an amount with more decimals than can be exact', () => {
    for (const cost of ['0.1000000000000000000001', '"0.1000000000000000000001 EUR"', '1.000000000000000000001M']) {
      const text = priced('provider', cost);
      const d = only(check(text), 'currency');
      assert.deepEqual(d.range, rangeOf(text, cost), cost);
      assert.equal(d.message, 'This amount has more decimals than EUR has (2): round it to the cent.', cost);
    }
  });

  it('knows that JPY has no minor unit and KWD has three decimals', () => {
    const yen = priced('provider', '1500.5', 'JPY');
    assert.deepEqual(only(check(yen), 'currency').range, rangeOf(yen, '1500.5'));
    assert.equal(only(check(yen), 'currency').message, 'This amount has more decimals than JPY has (0): round it to the unit.');
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
    assert.deepEqual(
      d.related?.map((r) => [r.path, r.range]),
      [['a.portfolio.yaml', rangeOf(a, '0.92')]],
    );
    const line = rangeOf(a, '0.92').start.line + 1;
    assert.equal(
      d.message,
      `Two different rates for USD to EUR: 0.92 in a.portfolio.yaml line ${line} and 0.95 here. Files checked together must agree; the first one is used.`,
    );
  });

  it('fires when rates quoted in opposite directions disagree, and says which inverse agrees', () => {
    const a = priced('provider', '420k USD', 'EUR', '{ USD: 0.92 }');
    const usdFile = (rate: string) => yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: US file, currency: USD, rates: { EUR: ${rate} } }
    `;
    const b = usdFile('1.1');
    const result = check({ 'a.portfolio.yaml': a, 'b.portfolio.yaml': b });
    const d = only(result, 'currency', 'b.portfolio.yaml');
    assert.deepEqual(d.range, rangeOf(b, '1.1'));
    assert.match(
      d.message,
      /^Rates in opposite directions disagree: EUR: 1\.1 here \(1 EUR = 1\.1 USD\) and USD: 0\.92 in a\.portfolio\.yaml line \d+/,
    );
    assert.match(d.message, /1 EUR = 1 \/ 0\.92 = 1\.09 USD/);
    assert.match(d.message, /write EUR: 1\.09 here/);
    assert.deepEqual(
      d.related?.map((r) => [r.path, r.range]),
      [['a.portfolio.yaml', rangeOf(a, '0.92')]],
    );
    // The first rate is used both ways: a USD summary converts EUR with 1 / 0.92, not 1.1.
    const euros = priced('provider', '1000', 'EUR', '{ USD: 0.92 }');
    const inUsd = check({ 'a.portfolio.yaml': euros, 'b.portfolio.yaml': b }, { currency: 'USD' });
    assert.equal(inUsd.summary.totalSpend, 108696, 'EUR 1000 / 0.92 = USD 1086.96');
    // Inverses that agree to the decimals they are written with are not flagged.
    for (const rate of ['1.09', '1.087', '1.0870', '1.08695652']) {
      assert.deepEqual(withCode(check({ 'a.portfolio.yaml': a, 'b.portfolio.yaml': usdFile(rate) }), 'currency'), [], rate);
    }
    for (const rate of ['1.08', '1.1', '1.086', '2']) {
      assert.equal(withCode(check({ 'a.portfolio.yaml': a, 'b.portfolio.yaml': usdFile(rate) }), 'currency').length, 1, rate);
    }
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('currency', (model) => priced(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('currency', priced(), 'error');
  });
});
