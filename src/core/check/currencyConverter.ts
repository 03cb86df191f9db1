// Amounts into the summary currency: exactly, in integer minor units, under the rates the files
// checked together declare, or the reason it cannot be done. It lives in check/ rather than next
// to model/money.ts because it works for a set of files (one summary currency, one rate table
// that every file's metadata adds to) while model/ reads one file; money.ts keeps the arithmetic
// it uses. It says what went wrong as data: rules/currency.ts words the messages.
import type { AmountLiteral } from '../model/model';
import { currencyExponent, isCurrency, RateTable, toMinorUnits, type Rational } from '../model/money';

/** Why one amount cannot be counted. */
export type AmountProblem =
  /** Its currency code is not ISO 4217 (at the code). */
  | { kind: 'unknown-currency'; code: string }
  /** A part has more decimals than `currency` has (at that part). */
  | { kind: 'too-precise'; currency: string }
  /** A part, or the sum of its parts, is past the exact limit in its own currency. */
  | { kind: 'too-large' }
  /** The amount is past the exact limit once converted to `to`. */
  | { kind: 'too-large-converted'; to: string }
  /** No declared rate, direct or through one other currency, takes `from` to `to`. */
  | { kind: 'no-rate'; from: string; to: string };

/** A converted amount, or why it could not be converted, for a conversion context (`key`). */
export interface Conversion {
  /** The conversion context it was made in (contextIds). */
  key: number;
  minor?: number;
  /** The problem and where it is in the amount's chunk. */
  failure?: { problem: AmountProblem; start: number; end: number };
}

declare module '../model/model' {
  interface AmountLiteral {
    /** The converter's memo of its last conversion: redone only under another context (conversionOf). */
    conversion: Conversion | undefined;
  }
}

/** Conversion contexts ("USD>EUR|rates") by number, so that memo checks compare numbers. */
const contextIds = new Map<string, number>();
let nextContextId = 1;

export class CurrencyConverter {
  readonly rates = new RateTable();
  /** The declared rates as text: conversions made under other rates are not reused. */
  private ratesKey = '';
  /** The context number of each source currency, once looked up. */
  private readonly contexts = new Map<string, number>();

  /** Converts into `currency`, the summary currency. */
  constructor(readonly currency: string) {}

  /** 1 `from` is `rate` `to`. Every rate is added before the first conversion. */
  addRate(from: string, to: string, rate: Rational): void {
    this.rates.add({ from, to, rate });
    this.ratesKey += `${from}>${to}=${rate.num}/${rate.den};`;
  }

  /** An amount written in `currency` in summary minor units, or why not: memoised on the literal. */
  conversionOf(literal: AmountLiteral, currency: string): Conversion {
    // Unchanged items keep their literal objects, so most conversions are looked up, not redone.
    const key = this.contextOf(currency);
    let conversion = literal.conversion;
    if (conversion?.key !== key) {
      conversion = { key, ...this.convert(literal, currency) };
      literal.conversion = conversion;
    }
    return conversion;
  }

  /** A number for "from `currency` into the summary currency under these rates". */
  private contextOf(currency: string): number {
    let id = this.contexts.get(currency);
    if (id === undefined) {
      const key = `${currency}>${this.currency}|${this.ratesKey}`;
      id = contextIds.get(key);
      if (id === undefined) {
        // Ids are never reused, so a memo made under a forgotten context can never match.
        if (contextIds.size > 10_000) contextIds.clear();
        contextIds.set(key, (id = nextContextId++));
      }
      this.contexts.set(currency, id);
    }
    return id;
  }

  private convert(literal: AmountLiteral, currency: string): Omit<Conversion, 'key'> {
    if (!isCurrency(currency)) {
      // A file's currency that is not a code leaves its plain amounts uncounted, unreported here.
      if (!literal.currency) return {};
      return failed({ kind: 'unknown-currency', code: currency }, literal.currencyNode!);
    }
    let minor = 0;
    for (const part of literal.parts) {
      const result = toMinorUnits(part.value, currencyExponent(currency));
      if ('error' in result)
        return failed(result.error === 'precision' ? { kind: 'too-precise', currency } : { kind: 'too-large' }, part.node);
      minor += result.minor;
      if (!Number.isSafeInteger(minor)) return failed({ kind: 'too-large' }, literal.node);
    }
    const converted = this.rates.convert(minor, currency, this.currency);
    if (converted === undefined) return failed({ kind: 'no-rate', from: currency, to: this.currency }, literal.node);
    if (!Number.isSafeInteger(converted)) return failed({ kind: 'too-large-converted', to: this.currency }, literal.node);
    return { minor: converted };
  }
}

function failed(problem: AmountProblem, at: { start: number; end: number }): Omit<Conversion, 'key'> {
  return { failure: { problem, start: at.start, end: at.end } };
}
