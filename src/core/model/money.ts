// Amounts, ISO 4217 currencies and exchange rates. Money is kept as integer minor units (cents)
// and converted with exact rational arithmetic, so totals never carry float error.

/** Active ISO 4217 codes by their number of minor-unit digits (2 unless listed). */
const EXPONENT_0 = 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF XAG XAU XBA XBB XBC XBD XDR XPD XPT XSU XTS XUA';
const EXPONENT_3 = 'BHD IQD JOD KWD LYD OMR TND';
const EXPONENT_4 = 'CLF UYW';
const EXPONENT_2 =
  'AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD CAD CDF CHE CHF ' +
  'CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD GTQ GYD HKD HNL HTG HUF ' +
  'IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN ' +
  'MXV MYR MZN NAD NGN NIO NOK NPR NZD PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SLL ' +
  'SOS SRD SSP STN SVC SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW ZWG ZWL ' +
  // XXX is ISO 4217's "no currency": amounts in files that declare none still add up (and are reported).
  'XXX';

const exponents = new Map<string, number>();
for (const [list, exponent] of [
  [EXPONENT_0, 0],
  [EXPONENT_2, 2],
  [EXPONENT_3, 3],
  [EXPONENT_4, 4],
] as const) {
  for (const code of list.split(' ')) exponents.set(code, exponent);
}

export function isCurrency(code: string): boolean {
  return exponents.has(code);
}

/** Digits after the decimal point of the currency's minor unit (2 for EUR, 0 for JPY). */
export function currencyExponent(code: string): number {
  return exponents.get(code) ?? 2;
}

export function currencyCodes(): string[] {
  return [...exponents.keys()].sort();
}

/** The most used currencies, which "did you mean" prefers when two codes are equally close. */
export const COMMON_CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'JPY', 'CNY', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'INR'];

export function suggestCurrencyOrder(): string[] {
  return [...COMMON_CURRENCIES, ...currencyCodes().filter((c) => !COMMON_CURRENCIES.includes(c))];
}

/** A decimal number as written: `int` × 10^`exp10`, exactly. */
export interface Decimal {
  int: number;
  exp10: number;
}

const SUFFIX_EXP: Record<string, number> = { '': 0, k: 3, M: 6, B: 9 };
const AMOUNT_TEXT = /^(\d+)(?:\.(\d+))?([kMB]?)(?: ([A-Z]{3}))?$/;

/** Reads "1.2M", "900k", "1200000", "1.2M USD"; undefined when it is not of that form. */
export function parseAmountText(text: string): { value: Decimal; currency?: string } | undefined {
  const match = AMOUNT_TEXT.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = '', suffix = '', currency] = match;
  const digits = (whole! + fraction).replace(/^0+(?=\d)/, '');
  const value = { int: Number(digits), exp10: SUFFIX_EXP[suffix]! - fraction.length };
  return currency ? { value, currency } : { value };
}

/** How a number amount may be written: digits, optionally a decimal point and more digits. */
export const PLAIN_DECIMAL = /^\d+(?:\.\d+)?$/;

/** A plain number from YAML, read from its source text when there is one (never via a float sum). */
export function decimalFromNumber(value: number, source?: string): Decimal | undefined {
  // The source as written when it is a plain decimal (1.10, 2.5e6); else the number's own digits.
  return decimalOf(source ?? '') ?? decimalOf(String(value));
}

const DECIMAL_NUMBER = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** "12.5" → 125 × 10^-1, "1.5e-7" → 15 × 10^-8; undefined for anything else (.inf, NaN). */
function decimalOf(text: string): Decimal | undefined {
  const match = DECIMAL_NUMBER.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = '', exponent = '0'] = match;
  const digits = (whole! + fraction).replace(/^0+(?=\d)/, '');
  return { int: Number(digits), exp10: Number(exponent) - fraction.length };
}

/** Minor units of `value` in a currency with `exponent` digits, or an error when not exact. */
export function toMinorUnits(value: Decimal, exponent: number): { minor: number } | { error: 'precision' | 'too-large' } {
  const shift = value.exp10 + exponent;
  // Too many digits to be exact: when some are decimals the currency does not have, say that.
  if (!Number.isSafeInteger(value.int)) return { error: shift < 0 ? 'precision' : 'too-large' };
  if (shift >= 0) {
    const minor = value.int * 10 ** shift;
    return Number.isSafeInteger(minor) ? { minor } : { error: 'too-large' };
  }
  const divisor = 10 ** -shift;
  if (value.int % divisor !== 0) return { error: 'precision' };
  return { minor: value.int / divisor };
}

/** An exact positive rational number. */
export interface Rational {
  num: bigint;
  den: bigint;
}

export function rationalFromNumber(value: number, source?: string): Rational | undefined {
  const text = source && /^\d+(?:\.\d+)?$/.test(source) ? source : String(value);
  const match = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  return { num: BigInt(match[1]! + fraction), den: 10n ** BigInt(fraction.length) };
}

export function sameRational(a: Rational, b: Rational): boolean {
  return a.num * b.den === b.num * a.den;
}

/** Digits after the decimal point of a rate as written ("1.10" has 2): its den is a power of 10. */
export function rateDecimals(rate: Rational): number {
  return rate.den.toString().length - 1;
}

/** 1 / `rate` rounded half up to `decimals` digits, as the integer count of 10^-decimals. */
function roundedInverse(rate: Rational, decimals: number): bigint {
  if (rate.num === 0n) return 0n;
  return roundDivide(rate.den * 10n ** BigInt(decimals), rate.num);
}

/**
 * Whether rates quoted in opposite directions (1 A = `a` B, 1 B = `b` A) agree: each is the
 * inverse of the other rounded half up to the decimals it is written with. 0.92 and 1.087 agree
 * (1 / 0.92 = 1.0869…, 1 / 1.087 = 0.9199…); 0.92 and 1.1 do not (1 / 1.1 = 0.909… is 0.91).
 */
export function inverseRatesAgree(a: Rational, b: Rational): boolean {
  // A rate written with d decimals is its digits over 10^d, so b is b.num counts of 10^-d.
  return roundedInverse(a, rateDecimals(b)) === b.num && roundedInverse(b, rateDecimals(a)) === a.num;
}

/** The shortest inverse of `rate`, with at least `decimals` digits, that agrees with it: "1.09" for 0.92. */
export function agreeingInverse(rate: Rational, decimals: number): string {
  for (let places = decimals; ; places++) {
    const digits = roundedInverse(rate, places);
    const agrees = digits > 0n && inverseRatesAgree(rate, { num: digits, den: 10n ** BigInt(places) });
    // More digits always get there; the bound only keeps a pathological rate from looping long.
    if (agrees || places >= decimals + 12) {
      const text = digits.toString().padStart(places + 1, '0');
      return places === 0 ? text : `${text.slice(0, -places)}.${text.slice(-places)}`;
    }
  }
}

/** Rounds num/den to the nearest integer, halves away from zero (amounts are never negative). */
function roundDivide(num: bigint, den: bigint): bigint {
  return (2n * num + den) / (2n * den);
}

/** A declared exchange rate: 1 `from` = `rate` `to`. */
export interface RateEdge {
  from: string;
  to: string;
  rate: Rational;
}

/** Exchange rates of every file checked together, used to convert into one summary currency. */
export class RateTable {
  private readonly edges = new Map<string, Rational>();

  add(edge: RateEdge): void {
    this.edges.set(`${edge.from}>${edge.to}`, edge.rate);
  }

  get(from: string, to: string): Rational | undefined {
    return this.edges.get(`${from}>${to}`);
  }

  /** The factor that turns major units of `from` into major units of `to`, if the rates give one. */
  factor(from: string, to: string): Rational | undefined {
    if (from === to) return { num: 1n, den: 1n };
    const step = this.step(from, to);
    if (step) return step;
    // Through a third currency, whichever way each rate is quoted: a file in GBP quoting USD and
    // EUR, a EUR file and a GBP file that both quote USD, or GBP quoted in USD and USD in EUR.
    for (const key of this.edges.keys()) {
      for (const via of key.split('>')) {
        if (via === from || via === to) continue;
        const first = this.step(from, via);
        const second = first && this.step(via, to);
        if (first && second) return { num: first.num * second.num, den: first.den * second.den };
      }
    }
    return undefined;
  }

  /** A declared rate from `from` to `to`, or the inverse of one from `to` to `from`. */
  private step(from: string, to: string): Rational | undefined {
    const direct = this.edges.get(`${from}>${to}`);
    if (direct) return direct;
    const inverse = this.edges.get(`${to}>${from}`);
    return inverse ? { num: inverse.den, den: inverse.num } : undefined;
  }

  /** Converts minor units of `from` into minor units of `to`; undefined when no rate applies. */
  convert(minor: number, from: string, to: string): number | undefined {
    if (from === to) return minor;
    const factor = this.factor(from, to);
    if (!factor) return undefined;
    const shift = currencyExponent(to) - currencyExponent(from);
    let num = BigInt(minor) * factor.num;
    let den = factor.den;
    if (shift > 0) num *= 10n ** BigInt(shift);
    else if (shift < 0) den *= 10n ** BigInt(-shift);
    return Number(roundDivide(num, den));
  }
}

/** Splits `total` minor units by integer weights so the parts are integers summing exactly to `total`. */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (weights.length === 1) return weights[0]! > 0 ? [total] : [0];
  const sumNumber = weights.reduce((a, b) => a + Math.round(b), 0);
  // Exact in plain numbers while total × weight stays below 2^53; BigInt beyond that.
  if (sumNumber > 0 && Number.isSafeInteger(total * sumNumber)) return allocateSmall(total, weights.map(Math.round), sumNumber);
  const big = weights.map((w) => BigInt(Math.round(w)));
  const sum = big.reduce((a, b) => a + b, 0n);
  if (sum <= 0n) return weights.map(() => 0);
  const totalBig = BigInt(total);
  const parts = big.map((w) => (totalBig * w) / sum);
  const remainders = big.map((w) => (totalBig * w) % sum);
  let rest = totalBig - parts.reduce((a, b) => a + b, 0n);
  // Largest remainder first; ties go to the earlier entry, so the result is deterministic.
  const order = remainders
    .map((remainder, index) => ({ index, remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of order) {
    if (rest <= 0n) break;
    parts[index]! += 1n;
    rest -= 1n;
  }
  return parts.map(Number);
}

function allocateSmall(total: number, weights: number[], sum: number): number[] {
  const remainders = weights.map((w) => (total * w) % sum);
  // total × w − remainder is a multiple of sum, so this division is exact.
  const parts = weights.map((w, i) => (total * w - remainders[i]!) / sum);
  let rest = total - parts.reduce((a, b) => a + b, 0);
  const order = remainders.map((remainder, index) => ({ index, remainder })).sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of order) {
    if (rest <= 0) break;
    parts[index]!++;
    rest--;
  }
  return parts;
}

/** Major units as a number rounded to the currency's minor unit, for JSON output. */
export function toMajor(minor: number, currency: string): number {
  const exponent = currencyExponent(currency);
  return Number((minor / 10 ** exponent).toFixed(exponent));
}

/** Minor units as an exact decimal string: "1234567.89", or "1,234,567.89" with grouping. */
export function formatDecimal(minor: number, currency: string, group = false): string {
  const exponent = currencyExponent(currency);
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  let whole = digits.slice(0, digits.length - exponent);
  if (group) whole = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const fraction = exponent > 0 ? '.' + digits.slice(digits.length - exponent) : '';
  return `${minor < 0 ? '-' : ''}${whole}${fraction}`;
}

/** "EUR 1,234,567.89" */
export function formatMoney(minor: number, currency: string): string {
  return `${currency} ${formatDecimal(minor, currency, true)}`;
}

/** "EUR 1.74M", "EUR 950k", "EUR 12.40": short enough for a CodeLens or a chart label. */
export function formatMoneyShort(minor: number, currency: string): string {
  const major = minor / 10 ** currencyExponent(currency);
  const abs = Math.abs(major);
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) return `${currency} ${trimZeros((major / size).toFixed(2))}${suffix}`;
  }
  return formatMoney(minor, currency);
}

function trimZeros(text: string): string {
  return text.replace(/\.?0+$/, '');
}
