import * as assert from 'node:assert/strict';
import {
  agreeingInverse,
  allocate,
  currencyCodes,
  currencyExponent,
  decimalFromNumber,
  formatDecimal,
  formatMoney,
  formatMoneyShort,
  inverseRatesAgree,
  isCurrency,
  parseAmountText,
  rationalFromNumber,
  RateTable,
  sameRational,
  suggestCurrencyOrder,
  toMajor,
  toMinorUnits,
  type Rational,
} from '../../src/core/model/money';

const rate = (text: string): Rational => {
  const [whole, fraction = ''] = text.split('.');
  return { num: BigInt(whole! + fraction), den: 10n ** BigInt(fraction.length) };
};

describe('money', () => {
  describe('parseAmountText', () => {
    it('reads plain numbers, decimals and the k, M and B suffixes exactly', () => {
      assert.deepEqual(parseAmountText('1200000'), { value: { int: 1200000, exp10: 0 } });
      assert.deepEqual(parseAmountText('900k'), { value: { int: 900, exp10: 3 } });
      assert.deepEqual(parseAmountText('1.2M'), { value: { int: 12, exp10: 5 } });
      assert.deepEqual(parseAmountText('2B'), { value: { int: 2, exp10: 9 } });
      assert.deepEqual(parseAmountText('0.10'), { value: { int: 10, exp10: -2 } });
      assert.deepEqual(parseAmountText('007'), { value: { int: 7, exp10: 0 } });
    });

    it('reads an ISO 4217 code after the amount', () => {
      assert.deepEqual(parseAmountText('1.2M USD'), { value: { int: 12, exp10: 5 }, currency: 'USD' });
      assert.deepEqual(parseAmountText('420k USD'), { value: { int: 420, exp10: 3 }, currency: 'USD' });
    });

    it('rejects what it cannot read exactly rather than guessing', () => {
      for (const text of ['3m', '1.2K', '1,200', '-5', '.5', '5.', '1.2 M', '1.2M usd', '1.2MUSD', '€5', '', '1e6', 'NaN']) {
        assert.equal(parseAmountText(text), undefined, text);
      }
    });
  });

  describe('toMinorUnits', () => {
    it('turns decimals into integer minor units', () => {
      assert.deepEqual(toMinorUnits({ int: 12, exp10: 5 }, 2), { minor: 120000000 });
      assert.deepEqual(toMinorUnits({ int: 1, exp10: -1 }, 2), { minor: 10 });
      assert.deepEqual(toMinorUnits({ int: 1234, exp10: -2 }, 2), { minor: 1234 });
      assert.deepEqual(toMinorUnits({ int: 1050, exp10: -3 }, 2), { minor: 105 });
    });

    it('refuses more decimals than the currency has', () => {
      assert.deepEqual(toMinorUnits({ int: 100005, exp10: -3 }, 2), { error: 'precision' });
      assert.deepEqual(toMinorUnits({ int: 15, exp10: -1 }, 0), { error: 'precision' });
      assert.deepEqual(toMinorUnits({ int: 12345, exp10: -4 }, 3), { error: 'precision' });
    });

    it('knows JPY has no minor unit and KWD three decimals', () => {
      assert.equal(currencyExponent('JPY'), 0);
      assert.equal(currencyExponent('KWD'), 3);
      assert.equal(currencyExponent('EUR'), 2);
      assert.deepEqual(toMinorUnits({ int: 1500, exp10: 0 }, currencyExponent('JPY')), { minor: 1500 });
      assert.deepEqual(toMinorUnits({ int: 1234, exp10: -3 }, currencyExponent('KWD')), { minor: 1234 });
      assert.deepEqual(toMinorUnits({ int: 12, exp10: -1 }, currencyExponent('KWD')), { minor: 1200 });
    });

    it('refuses amounts too large to add up exactly', () => {
      assert.deepEqual(toMinorUnits({ int: 9, exp10: 15 }, 2), { error: 'too-large' });
      assert.deepEqual(toMinorUnits({ int: 2 ** 53 + 2, exp10: -2 }, 2), { error: 'too-large' });
    });

    it('gives a too-large error, not silence, for an amount written with many digits', () => {
      const parsed = parseAmountText('123456789012345678');
      assert.ok(parsed, 'the text has the form of an amount');
      assert.deepEqual(toMinorUnits(parsed.value, 2), { error: 'too-large' });
    });
  });

  describe('currencies', () => {
    it('knows ISO 4217 codes and nothing else', () => {
      for (const code of ['EUR', 'USD', 'JPY', 'KWD', 'CHF', 'GBP']) assert.ok(isCurrency(code), code);
      for (const code of ['EUX', 'usd', 'XXXX', '', 'ABC']) assert.ok(!isCurrency(code), code);
    });
  });

  describe('RateTable', () => {
    it('converts with a direct rate and rounds to the minor unit', () => {
      const table = new RateTable();
      table.add({ from: 'USD', to: 'EUR', rate: rate('0.92') });
      // 123456 USD cents × 0.92 = 113579.52 → 113580.
      assert.equal(table.convert(123456, 'USD', 'EUR'), 113580);
      assert.equal(table.convert(50, 'EUR', 'EUR'), 50);
    });

    it('converts with the inverse of a rate', () => {
      const table = new RateTable();
      table.add({ from: 'USD', to: 'EUR', rate: rate('1.0835') });
      // 100000 EUR cents / 1.0835 = 92293.49 → 92293.
      assert.equal(table.convert(100000, 'EUR', 'USD'), 92293);
      assert.deepEqual(table.factor('EUR', 'USD'), { num: 10000n, den: 10835n });
    });

    it('rounds halves up', () => {
      const table = new RateTable();
      table.add({ from: 'USD', to: 'EUR', rate: rate('0.5') });
      assert.equal(table.convert(1, 'USD', 'EUR'), 1);
      assert.equal(table.convert(3, 'USD', 'EUR'), 2);
    });

    it('converts between currencies with different minor units', () => {
      const table = new RateTable();
      table.add({ from: 'JPY', to: 'EUR', rate: rate('0.0061') });
      table.add({ from: 'KWD', to: 'EUR', rate: rate('2.9') });
      // 1000 JPY × 0.0061 = 6.10 EUR; 1.234 KWD × 2.9 = 3.5786 EUR → 358 cents.
      assert.equal(table.convert(1000, 'JPY', 'EUR'), 610);
      assert.equal(table.convert(1234, 'KWD', 'EUR'), 358);
      // 6.10 EUR / 0.0061 = 1000 JPY.
      assert.equal(table.convert(610, 'EUR', 'JPY'), 1000);
    });

    it('converts through a third currency that both are quoted in', () => {
      // A GBP file quoting USD and EUR: 1 USD = 0.79 GBP, 1 EUR = 0.86 GBP, so 1 USD = 0.79/0.86 EUR.
      const table = new RateTable();
      table.add({ from: 'USD', to: 'GBP', rate: rate('0.79') });
      table.add({ from: 'EUR', to: 'GBP', rate: rate('0.86') });
      // 10000 USD cents × 0.79 / 0.86 = 9186.05 → 9186.
      assert.equal(table.convert(10000, 'USD', 'EUR'), 9186);
    });

    it('converts through a third currency quoted in both', () => {
      // A EUR file and a GBP file, both quoting USD: 1 USD = 0.92 EUR = 0.79 GBP, so 1 GBP = 0.92/0.79 EUR.
      const table = new RateTable();
      table.add({ from: 'USD', to: 'EUR', rate: rate('0.92') });
      table.add({ from: 'USD', to: 'GBP', rate: rate('0.79') });
      // 10000 GBP cents × 0.92 / 0.79 = 11645.57 → 11646.
      assert.equal(table.convert(10000, 'GBP', 'EUR'), 11646);
    });

    it('converts along a chain of two rates', () => {
      // 1 GBP = 1.27 USD and 1 USD = 0.92 EUR, so 1 GBP = 1.1684 EUR.
      const table = new RateTable();
      table.add({ from: 'GBP', to: 'USD', rate: rate('1.27') });
      table.add({ from: 'USD', to: 'EUR', rate: rate('0.92') });
      assert.equal(table.convert(10000, 'GBP', 'EUR'), 11684);
      assert.equal(table.convert(11684, 'EUR', 'GBP'), 10000);
    });

    it('gives no conversion when no rate applies', () => {
      const table = new RateTable();
      table.add({ from: 'USD', to: 'EUR', rate: rate('0.92') });
      assert.equal(table.convert(100, 'CHF', 'EUR'), undefined);
      assert.equal(table.factor('CHF', 'EUR'), undefined);
    });
  });

  describe('allocate', () => {
    it('splits 100.00 three ways into parts that sum to exactly 100.00', () => {
      assert.deepEqual(allocate(10000, [1, 1, 1]), [3334, 3333, 3333]);
    });

    it('gives each remainder cent to the largest fractional share first', () => {
      // 100 × 1/6 = 16.67, 100 × 2/6 = 33.33, 100 × 3/6 = 50: the one cent left goes to the first.
      assert.deepEqual(allocate(100, [1, 2, 3]), [17, 33, 50]);
      // 10 × 0.7 = 7, 10 × 0.3 = 3.
      assert.deepEqual(allocate(10, [700000, 300000]), [7, 3]);
    });

    it('gives the cents left over to the largest remainders, not to the first entries (docs/format.md)', () => {
      // 10 × 1/3 = 3.33 and 10 × 2/3 = 6.67: the cent left goes to the second, whose remainder is larger.
      assert.deepEqual(allocate(10, [1, 2]), [3, 7]);
      // 100 × 1/7, 2/7, 4/7 = 14.29, 28.57, 57.14: remainders 2, 4, 1 (in sevenths); two cents left.
      assert.deepEqual(allocate(100, [1, 2, 4]), [14, 29, 57]);
      assert.deepEqual(allocate(100, [4, 2, 1]), [57, 29, 14]);
      // Equal remainders: the earlier entry first.
      assert.deepEqual(allocate(2, [1, 1, 1]), [1, 1, 0]);
      // The same beyond 2^53 (total × weights), where BigInt does the arithmetic.
      const total = Number.MAX_SAFE_INTEGER; // 9007199254740991 = 3 × 3002399751580330 + 1
      assert.deepEqual(allocate(total, [1, 2]), [3002399751580330, 6004799503160661]);
      assert.deepEqual(allocate(total, [2, 1]), [6004799503160661, 3002399751580330]);
      assert.deepEqual(allocate(total - 1, [1, 1, 1]), [3002399751580330, 3002399751580330, 3002399751580330]);
      assert.deepEqual(allocate(total - 2, [1, 1, 1]), [3002399751580330, 3002399751580330, 3002399751580329]);
    });

    it('always sums exactly to the total', () => {
      const weights = [[1, 1, 1], [1, 2, 3, 4, 5, 6, 7], [333333, 333333, 333334], [600000, 300000, 100000], [1, 0, 1], [7]];
      for (const total of [0, 1, 2, 5, 99, 100, 10000, 12345, 99999999, 2 ** 50]) {
        for (const w of weights) {
          const parts = allocate(total, w);
          assert.equal(parts.length, w.length);
          assert.equal(
            parts.reduce((a, b) => a + b, 0),
            total,
            `${total} by ${w.join(':')}`,
          );
          assert.ok(parts.every((p) => Number.isInteger(p) && p >= 0));
        }
      }
    });

    it('gives nothing to a zero weight and nothing at all when every weight is zero', () => {
      assert.deepEqual(allocate(100, [1, 0, 1]), [50, 0, 50]);
      assert.deepEqual(allocate(100, [0, 0]), [0, 0]);
    });
  });

  // Written to kill mutants that survived npm run test:mutation (docs/testing.md).
  describe('edges the mutation run found untested', () => {
    it('lists currency codes sorted', () => {
      const codes = currencyCodes();
      assert.deepEqual(codes, [...codes].sort());
      assert.equal(codes[0], 'AED');
    });

    it('reads a rate from its source text, or from the number when the source is another spelling', () => {
      assert.deepEqual(rationalFromNumber(0.92, '0.920'), { num: 920n, den: 1000n });
      assert.deepEqual(rationalFromNumber(1500, '1.5e3'), { num: 1500n, den: 1n });
      assert.deepEqual(rationalFromNumber(0.001, '1e-3'), { num: 1n, den: 1000n });
      assert.equal(rationalFromNumber(-1, '-1'), undefined);
    });

    it('compares rates as values: 0.92 is 0.920, and not 0.95', () => {
      assert.equal(sameRational(rate('0.92'), rate('0.920')), true);
      assert.equal(sameRational(rate('0.92'), rate('0.95')), false);
      assert.equal(sameRational(rate('2'), rate('0.5')), false);
    });

    it('checks inverse rates both ways and gives the shortest agreeing inverse', () => {
      assert.equal(inverseRatesAgree(rate('0.92'), rate('1.09')), true);
      assert.equal(inverseRatesAgree(rate('1.09'), rate('0.92')), true);
      assert.equal(inverseRatesAgree(rate('0.92'), rate('1.1')), false, '1 / 1.1 rounds to 0.91');
      assert.equal(inverseRatesAgree(rate('0.9'), rate('1.087')), false, '1 / 0.9 rounds to 1.111');
      assert.equal(inverseRatesAgree(rate('0.5'), rate('2')), true);
      assert.equal(agreeingInverse(rate('0.92'), 1), '1.09');
      assert.equal(agreeingInverse(rate('0.5'), 0), '2');
      assert.equal(agreeingInverse(rate('160'), 4), '0.00625', '0.0063 would give back 159');
    });

    it('gives all to a single positive weight and nothing to a single zero weight', () => {
      assert.deepEqual(allocate(100, [3]), [100]);
      assert.deepEqual(allocate(100, [0]), [0]);
    });

    it('offers the common currencies first, in their order, then every other code once', () => {
      const order = suggestCurrencyOrder();
      assert.deepEqual(order.slice(0, 13), ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CNY', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'INR']);
      assert.deepEqual([...order].sort(), currencyCodes());
    });

    it('reads a number with an exponent, from its source or from the number alone', () => {
      assert.deepEqual(decimalFromNumber(2500000, '2.5e6'), { int: 25, exp10: 5 });
      assert.deepEqual(decimalFromNumber(1000, '1E+3'), { int: 1, exp10: 3 });
      assert.deepEqual(decimalFromNumber(1.5e-7), { int: 15, exp10: -8 });
      assert.deepEqual(decimalFromNumber(1e21), { int: 1, exp10: 21 });
      assert.deepEqual(decimalFromNumber(12.25, '12.25'), { int: 1225, exp10: -2 });
      assert.deepEqual(decimalFromNumber(1, '1.'), { int: 1, exp10: 0 });
      assert.equal(decimalFromNumber(-1), undefined);
      assert.equal(decimalFromNumber(Infinity, '.inf'), undefined);
    });

    it('gives a declared rate only in the direction it was declared', () => {
      const table = new RateTable();
      table.add({ from: 'USD', to: 'EUR', rate: rate('0.92') });
      assert.deepEqual(table.get('USD', 'EUR'), rate('0.92'));
      assert.equal(table.get('EUR', 'USD'), undefined);
    });

    it('formats negative amounts and short amounts at the unit boundaries', () => {
      assert.equal(formatDecimal(-150, 'EUR'), '-1.50');
      assert.equal(formatMoneyShort(100000, 'EUR'), 'EUR 1k');
      assert.equal(formatMoneyShort(100000000000, 'EUR'), 'EUR 1B');
      assert.equal(formatMoneyShort(150000000, 'EUR'), 'EUR 1.5M');
      assert.equal(formatMoneyShort(123000000, 'EUR'), 'EUR 1.23M');
    });
  });

  describe('formatting', () => {
    it("prints exact decimals with the currency's minor unit", () => {
      assert.equal(formatDecimal(123456789, 'EUR'), '1234567.89');
      assert.equal(formatDecimal(5, 'EUR'), '0.05');
      assert.equal(formatDecimal(123456789, 'EUR', true), '1,234,567.89');
      assert.equal(formatDecimal(1500, 'JPY'), '1500');
      assert.equal(formatDecimal(1234, 'KWD'), '1.234');
    });

    it('prints money with the code and thousands separators', () => {
      assert.equal(formatMoney(123456789, 'EUR'), 'EUR 1,234,567.89');
      assert.equal(formatMoney(123456789, 'JPY'), 'JPY 123,456,789');
      assert.equal(formatMoney(123456789, 'KWD'), 'KWD 123,456.789');
      assert.equal(formatMoney(0, 'EUR'), 'EUR 0.00');
    });

    it('prints short amounts for labels', () => {
      assert.equal(formatMoneyShort(174000000, 'EUR'), 'EUR 1.74M');
      assert.equal(formatMoneyShort(95000000, 'EUR'), 'EUR 950k');
      assert.equal(formatMoneyShort(1240, 'EUR'), 'EUR 12.40');
      assert.equal(formatMoneyShort(200000000000, 'EUR'), 'EUR 2B');
    });

    it('gives major units rounded to the minor unit for JSON', () => {
      assert.equal(toMajor(349733, 'EUR'), 3497.33);
      assert.equal(toMajor(10, 'EUR'), 0.1);
      assert.equal(toMajor(1500, 'JPY'), 1500);
      assert.equal(toMajor(1234, 'KWD'), 1.234);
    });
  });
});
