// Cell text to portfolio values: exact amounts, dates, enum words, ids and lists. Every function
// returns a value or the reason it cannot, in words that tell the planner how to fix the cell.
import { currencyExponent, isCurrency } from '../model/money';
import { DATE_PATTERN, ID_PATTERN } from '../model/schema';

export type Converted<T> = { value: T } | { why: string };

/** An exact decimal: `int` × 10^`exp10`. */
interface BigDecimal {
  int: bigint;
  exp10: number;
}

const UNIT_WORDS: Record<string, number> = {
  k: 3,
  K: 3,
  thousand: 3,
  thousands: 3,
  m: 6,
  M: 6,
  mn: 6,
  mm: 6,
  MM: 6,
  million: 6,
  millions: 6,
  b: 9,
  B: 9,
  bn: 9,
  billion: 9,
  billions: 9,
};
const CURRENCY_SIGNS: Record<string, string | undefined> = { '€': 'EUR', '£': 'GBP', '¥': undefined, $: undefined };
const NUMBER = /^(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/** "12.5" → 125 × 10^-1, "2.0E-6" → 20 × 10^-7; undefined for anything else. */
export function parseDecimal(text: string): BigDecimal | undefined {
  const match = NUMBER.exec(text);
  if (!match) return undefined;
  const [, whole, fraction = '', exponent = '0'] = match;
  const exp = Number(exponent);
  if (!Number.isSafeInteger(exp) || Math.abs(exp) > 400) return undefined;
  return { int: BigInt(whole! + fraction), exp10: exp - fraction.length };
}

function multiply(a: BigDecimal, b: BigDecimal): BigDecimal {
  return { int: a.int * b.int, exp10: a.exp10 + b.exp10 };
}

/** Rounds to `digits` decimals, halves away from zero, and writes it without trailing zeros. */
function formatRounded(value: BigDecimal, digits: number): string {
  let scaled: bigint;
  const shift = value.exp10 + digits;
  if (shift >= 0) scaled = value.int * 10n ** BigInt(shift);
  else {
    const divisor = 10n ** BigInt(-shift);
    scaled = (value.int * 2n + divisor) / (2n * divisor);
  }
  const text = scaled.toString().padStart(digits + 1, '0');
  const whole = text.slice(0, text.length - digits);
  const fraction = text.slice(text.length - digits).replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : whole;
}

export interface AmountOptions {
  /** The column's multiplier, as the map wrote it (1000000 for millions). */
  scale?: number;
  /** The column's currency from the map, else the amount's own, else the file's. */
  currency?: string;
  fileCurrency?: string;
}

/** An amount as the portfolio writes it: "1234.56" in the file's currency, or with its code. */
export interface ImportedAmount {
  decimal: string;
  currency?: string;
}

/**
 * Reads "1,234.56", "1.2M USD", "$ 900k", "2.0E-6" exactly (no float on the way) and rounds the
 * result to the currency's minor unit, so 2.0E-6 scaled by 1,000,000 is exactly 2.
 */
export function convertAmount(cell: string, options: AmountOptions = {}): Converted<ImportedAmount> {
  let text = cell.replace(/[\u00a0\u2009\u202f]/g, ' ').trim();
  if (/^\(.*\)$/.test(text) || /^[-−]/.test(text) || /^[^\d]*[-−]\s*\d/.test(text)) {
    return { why: 'a negative amount: portfolio amounts are never negative; enter the cost as a positive number, or leave the cell empty' };
  }
  let currency: string | undefined;
  const code = /^([A-Z]{3})\s*(.+)$/.exec(text) ?? /^(.+?)\s*([A-Z]{3})$/.exec(text);
  if (code) {
    const [first, second] = [code[1]!, code[2]!];
    const found = /^[A-Z]{3}$/.test(first) && !/^[A-Z]{3}$/.test(second) ? first : second;
    if (!isCurrency(found)) return { why: `unknown currency "${found}": use an ISO 4217 code such as USD or EUR` };
    currency = found;
    text = (found === first ? second : first).trim();
  }
  const sign = /^([€£¥$])\s*/.exec(text);
  if (sign) {
    currency ??= CURRENCY_SIGNS[sign[1]!];
    text = text.slice(sign[0].length);
  }
  let unit = 0;
  const word = /^(.*?\d\.?)\s*([A-Za-z]+)$/.exec(text);
  if (word) {
    const exponent = UNIT_WORDS[word[2]!];
    if (exponent === undefined)
      return { why: `unknown unit "${word[2]}": write k, M or B (thousand, million, billion), or a plain number` };
    unit = exponent;
    text = word[1]!.trim();
  }
  if (GROUPED.test(text)) text = text.replace(/,/g, '');
  const value = parseDecimal(text);
  if (!value) {
    const hint = /\d,\d/.test(text)
      ? ': write a decimal point (1234.56), not a decimal comma'
      : ': write a number such as 1234.56, 1,234.56 or 1.2M';
    return { why: `not an amount${hint}` };
  }
  let exact = multiply(value, { int: 1n, exp10: unit });
  if (options.scale !== undefined) {
    const scale = parseDecimal(String(options.scale));
    if (!scale) return { why: `the map's scale ${options.scale} is not a plain number` };
    exact = multiply(exact, scale);
  }
  const chosen = options.currency ?? currency ?? options.fileCurrency;
  if (options.currency && currency && currency !== options.currency) {
    return { why: `the cell says ${currency} but the map says this column is in ${options.currency}` };
  }
  const decimal = formatRounded(exact, currencyExponent(chosen ?? 'XXX'));
  if (BigInt(decimal.replace('.', '')) > BigInt(Number.MAX_SAFE_INTEGER)) return { why: 'too large an amount to add up exactly' };
  return chosen !== undefined && chosen !== options.fileCurrency ? { value: { decimal, currency: chosen } } : { value: { decimal } };
}

function isCalendarDate(year: number, month: number, day: number): boolean {
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
const TIME_TAIL = '(?:[ T]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?: ?[AaPp][Mm])?)?';

const formatPatterns = new Map<string, { order: Array<'Y' | 'M' | 'D'>; pattern: RegExp }>();

/** "DD/MM/YYYY" as a regular expression and the order of its parts, made once per format. */
function formatPattern(format: string): { order: Array<'Y' | 'M' | 'D'>; pattern: RegExp } {
  let compiled = formatPatterns.get(format);
  if (!compiled) {
    const order: Array<'Y' | 'M' | 'D'> = [];
    const source = format.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/YYYY|MM|DD|M|D/g, (token) => {
      order.push(token[0] as 'Y' | 'M' | 'D');
      return token === 'YYYY' ? '(\\d{4})' : '(\\d{1,2})';
    });
    compiled = { order, pattern: new RegExp(`^${source}${TIME_TAIL}$`) };
    formatPatterns.set(format, compiled);
  }
  return compiled;
}

/** A date as YYYY-MM-DD from an ISO date or date-time (the date is kept), or from `format`. */
export function convertDate(cell: string, format?: string): Converted<string> {
  const text = cell.trim();
  let parts: [number, number, number] | undefined;
  const iso = ISO_DATE.exec(text);
  if (iso) parts = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (format) {
    const { order, pattern } = formatPattern(format);
    const match = pattern.exec(text);
    if (match) {
      const get = (key: 'Y' | 'M' | 'D') => Number(match[order.indexOf(key) + 1]);
      parts = [get('Y'), get('M'), get('D')];
    }
  }
  if (!parts) {
    return {
      why: format
        ? `not a date written ${format} or YYYY-MM-DD`
        : 'not a date written YYYY-MM-DD: give the column a format in the map, such as { column: ..., format: DD/MM/YYYY }',
    };
  }
  const [year, month, day] = parts;
  if (!isCalendarDate(year, month, day)) return { why: 'no such day in the calendar' };
  const date = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return DATE_PATTERN.test(date) ? { value: date } : { why: 'not a date' };
}

/** "In Progress" → "in-progress": the words of an enum as a spreadsheet tends to write them. */
function enumWord(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** A cell translated by the map's `values`, then matched to one of `allowed`. */
export function convertEnum(cell: string, allowed: readonly string[], field: string, values?: Record<string, string>): Converted<string> {
  let text = cell;
  if (values) {
    const key =
      Object.keys(values).find((k) => k === cell) ?? Object.keys(values).find((k) => k.trim().toLowerCase() === cell.trim().toLowerCase());
    if (key !== undefined) text = values[key]!;
  }
  const word = enumWord(text);
  if (allowed.includes(word)) return { value: word };
  return {
    why: `unknown ${field} value: use ${allowed.join(', ')}, or translate it in the map with values: { "${cell.trim()}": ${allowed[0]} }`,
  };
}

/** Any text made into a valid id: accents dropped, runs of other characters turned into "-". */
export function slugId(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[^a-z0-9]+/, '')
    .replace(/[-.]+$/, '');
}

export function convertId(cell: string): Converted<string> {
  const id = slugId(cell);
  return ID_PATTERN.test(id) ? { value: id } : { why: 'an id needs at least one letter or digit' };
}

/** "a; b;; c" → ["a", "b", "c"] as ids, each once. */
export function convertIdList(cell: string, separator = ';'): Converted<string[]> {
  const ids: string[] = [];
  for (const part of cell.split(separator)) {
    if (part.trim() === '') continue;
    const id = convertId(part);
    if ('why' in id) return { why: `"${part.trim()}" is not an id: ${id.why}` };
    if (!ids.includes(id.value)) ids.push(id.value);
  }
  return { value: ids };
}

export function convertPriority(cell: string): Converted<number> {
  const match = /^\s*(\d+)(?:\.0*)?\s*$/.exec(cell);
  const value = match ? Number(match[1]) : NaN;
  return Number.isSafeInteger(value) ? { value } : { why: 'a priority is a whole number, 0 or more (lower is funded first)' };
}
