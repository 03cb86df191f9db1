// Amounts into the summary currency: exactly, in integer minor units, under the rates the files
// checked together declare (which must agree), or the reason it cannot be done. It lives in
// check/ rather than next to model/money.ts because it works for a set of files (one summary
// currency, one rate table that every file's metadata adds to) while model/ reads one file;
// money.ts keeps the arithmetic it uses. It says what went wrong as data (AmountProblem,
// RateProblem): rules/currency.ts words the messages.
import type { Span } from './diagnostics';
import type { Located, PortfolioFile } from '../model/file';
import type { AmountLiteral, MetadataModel } from '../model/model';
import {
  agreeingInverse,
  currencyExponent,
  inverseRatesAgree,
  isCurrency,
  RateTable,
  rateDecimals,
  sameRational,
  toMinorUnits,
  type Rational,
} from '../model/money';
import { CURRENCY_PATTERN } from '../model/schema';

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

/** A rate as declared in a file's metadata.rates. */
export interface DeclaredRate {
  rate: Rational;
  file: PortfolioFile;
  /** The rate's value. */
  span: Span;
  /** The rate as written. */
  text: string;
}

/** Why a declared rate is not used. */
export type RateProblem =
  /** The key of metadata.rates is three capitals but no ISO 4217 code (at the key). */
  | { kind: 'unknown-rate-currency'; code: string }
  /** `currency` to `base` was declared before with another rate (`first`, the one used). */
  | { kind: 'conflicting-rates'; currency: string; base: string; text: string; first: DeclaredRate }
  /** `base` to `currency` was declared before (`first`) and this rate is not its inverse. */
  | { kind: 'opposite-rates'; currency: string; base: string; text: string; first: DeclaredRate; inverse: string };

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
  /** The first declaration of each "from>to" pair, the one used. */
  private readonly declared = new Map<string, DeclaredRate>();

  /** Converts into `currency`, the summary currency. */
  constructor(readonly currency: string) {}

  /** 1 `from` is `rate` `to`. Every rate is added before the first conversion. */
  addRate(from: string, to: string, rate: Rational): void {
    this.rates.add({ from, to, rate });
    this.ratesKey += `${from}>${to}=${rate.num}/${rate.den};`;
  }

  /**
   * The rates a file's metadata declares, each into `base` (the file's currency). Files checked
   * together must agree: the first declaration of a pair is used, and a different rate for it, an
   * opposite rate that is not its inverse, or a code that is no currency is reported instead.
   */
  declareRates(
    file: PortfolioFile,
    metadata: Located<MetadataModel>,
    base: string,
    report: (span: Span, problem: RateProblem) => void,
  ): void {
    const chunk = metadata.chunk;
    for (const declaration of metadata.model.rates) {
      const span = { chunk, start: declaration.valueNode.start, end: declaration.valueNode.end };
      if (!isCurrency(declaration.currency)) {
        // A key that is not three capitals is the schema check's to report.
        if (!CURRENCY_PATTERN.test(declaration.currency)) continue;
        report(
          { chunk, start: declaration.keyNode.start, end: declaration.keyNode.end },
          { kind: 'unknown-rate-currency', code: declaration.currency },
        );
        continue;
      }
      const key = `${declaration.currency}>${base}`;
      const text = chunk.parse.text.slice(declaration.valueNode.start, declaration.valueNode.end);
      const earlier = this.declared.get(key);
      if (earlier && !sameRational(earlier.rate, declaration.rate)) {
        report(span, { kind: 'conflicting-rates', currency: declaration.currency, base, text, first: earlier });
        continue;
      }
      const opposite = earlier ? undefined : this.declared.get(`${base}>${declaration.currency}`);
      if (opposite && !inverseRatesAgree(opposite.rate, declaration.rate)) {
        const inverse = agreeingInverse(opposite.rate, rateDecimals(declaration.rate));
        report(span, { kind: 'opposite-rates', currency: declaration.currency, base, text, first: opposite, inverse });
        continue;
      }
      if (!earlier) {
        this.declared.set(key, { rate: declaration.rate, file, span, text });
        this.addRate(declaration.currency, base, declaration.rate);
      }
    }
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
