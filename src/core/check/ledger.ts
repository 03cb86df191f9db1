// Money across the workspace: which currency the summary uses, every amount converted into it,
// and each initiative's spend allocated to the outcomes it serves. Rules and the summary both
// read this one ledger, so a figure in a diagnostic is the figure in the summary.
import type { PNode } from '../syntax/ast';
import type { Finding, Span } from './diagnostics';
import type { Located, PortfolioFile } from '../model/file';
import {
  agreeingInverse,
  allocate,
  currencyExponent,
  formatMoney,
  inverseRatesAgree,
  isCurrency,
  RateTable,
  rateDecimals,
  sameRational,
  suggestCurrencyOrder,
  toMinorUnits,
  type Rational,
} from '../model/money';
import { CURRENCY_PATTERN } from '../model/schema';
import type { AmountLiteral, InitiativeModel, LinksModel, OutcomeModel } from '../model/model';
import { WEIGHT_WHOLE } from '../model/model';
import { where } from './findingHelpers';
import { closest } from '../text/suggest';
import type { WorkspaceIndex } from './workspaceIndex';

/** Why some or all of an initiative's spend serves no existing outcome. */
export type UnlinkedReason = 'no-link' | 'unknown-outcome' | 'split-below-100';

export interface InitiativeSpend {
  file: PortfolioFile;
  item: Located<InitiativeModel>;
  /** Planned cost in summary minor units, when it could be read and converted. */
  cost: number | undefined;
  actualCost: number | undefined;
  /** What the summary counts: the cost, or the actual cost when no cost is given. */
  spend: number;
  /** Shares of the spend per existing outcome id. */
  allocations: Array<{ id: string; amount: number }>;
  unlinked: number;
  reason: UnlinkedReason | undefined;
}

/** Shared by every initiative with no link: allocations are never added to it. */
const NO_ALLOCATIONS: Array<{ id: string; amount: number }> = [];

/** A converted amount, or why it could not be converted, for a currency context (`key`). */
interface Conversion {
  /** The conversion context it was made in (contextIds). */
  key: number;
  minor?: number;
  problem?: { start: number; end: number; message: string };
}

/** Conversion contexts ("USD>EUR|rates") by number, so that memo checks compare numbers. */
const contextIds = new Map<string, number>();
let nextContextId = 1;

/** "No currency" (ISO 4217 XXX): used when no file declares one. */
export const NO_CURRENCY = 'XXX';

export interface LedgerOptions {
  /** The summary currency; by default the one most files declare. */
  currency?: string;
  /** Counts only the initiatives this accepts (the summary's filters); all by default. */
  include?: (file: PortfolioFile, item: Located<InitiativeModel>) => boolean;
}

export class SpendLedger {
  readonly currency: string;
  readonly rates = new RateTable();
  /** Every initiative that is not cancelled, in file order. */
  readonly initiatives: InitiativeSpend[] = [];
  readonly byOutcome = new Map<string, { spend: number; initiatives: number }>();
  readonly currencyFindings: Finding[] = [];
  total = 0;
  aligned = 0;
  /** The sum of every metadata.budget in summary minor units; undefined when none is declared. */
  budget: number | undefined;
  /** Outcome budgets in summary minor units. */
  readonly outcomeBudgets = new Map<OutcomeModel, number>();
  /** Amounts left out of the totals because they could not be converted. */
  unconverted = 0;
  /** The sums already reported as past the exact limit. */
  private readonly inexact = new Set<'spend' | 'budget'>();
  private readonly fileCurrency = new Map<PortfolioFile, string>();
  /** The declared rates as text: conversions made under other rates are not reused. */
  private ratesKey = '';
  private readonly contexts = new Map<string, number>();

  /** Counts only some initiatives (the summary's filters). */
  private readonly filtered: boolean;

  constructor(
    readonly files: readonly PortfolioFile[],
    readonly index: WorkspaceIndex,
    options: LedgerOptions = {},
  ) {
    this.filtered = options.include !== undefined;
    this.currency = options.currency ?? pickCurrency(files);
    for (const file of files) this.fileCurrency.set(file, this.declaredCurrency(file) ?? this.currency);
    this.collectRates();
    for (const file of files) {
      this.checkNoCurrency(file);
      this.addBudgets(file);
      for (const item of file.initiatives) {
        if (options.include && !options.include(file, item)) continue;
        if (item.model.status !== 'cancelled') {
          this.initiatives.push(this.spendOf(file, item));
        } else {
          // Counted in no total, but a wrong currency is still worth saying.
          this.toSummary(file, item.chunk, item.model.cost);
          this.toSummary(file, item.chunk, item.model.actualCost);
        }
      }
    }
  }

  private addBudgets(file: PortfolioFile): void {
    const metadata = file.metadata;
    if (metadata?.model.budget) {
      const amount = this.toSummary(file, metadata.chunk, metadata.model.budget);
      if (amount !== undefined) {
        this.budget = (this.budget ?? 0) + amount;
        if (!Number.isSafeInteger(this.budget)) this.reportInexact(file, metadata.chunk, metadata.model.budget!.node, 'budget');
      }
    }
    for (const { chunk, model } of file.outcomes) {
      const amount = this.toSummary(file, chunk, model.budget);
      if (amount !== undefined) this.outcomeBudgets.set(model, amount);
    }
  }

  get unlinked(): number {
    return this.total - this.aligned;
  }

  currencyOf(file: PortfolioFile): string {
    return this.fileCurrency.get(file) ?? this.currency;
  }

  format(minor: number): string {
    return formatMoney(minor, this.currency);
  }

  /**
   * Replacing initiatives of `file` by others with the same ids, in place: the commit, or
   * undefined when only a new ledger gives the right result (filtered ledger, no currency, a
   * status that changes between cancelled and not, an amount that cannot be converted). The
   * index must be updated first; outcomes, metadata and every other file must be unchanged.
   */
  prepareReplace(
    file: PortfolioFile,
    removed: ReadonlyArray<Located<InitiativeModel>>,
    added: ReadonlyArray<Located<InitiativeModel>>,
  ): (() => void) | undefined {
    if (this.filtered || this.currency === NO_CURRENCY || removed.length !== added.length) return undefined;
    // A total that might pass the exact limit is left to a new ledger, which reports it.
    if (this.total + added.reduce((sum, item) => sum + this.largestSpend(file, item.model), 0) > Number.MAX_SAFE_INTEGER) return undefined;
    const places: number[] = [];
    let from = 0;
    for (let i = 0; i < removed.length; i++) {
      const before = removed[i]!;
      const after = added[i]!;
      if ((before.model.status === 'cancelled') !== (after.model.status === 'cancelled')) return undefined;
      if (!this.convertsCleanly(file, before.model) || !this.convertsCleanly(file, after.model)) return undefined;
      if (before.model.status === 'cancelled') continue;
      const entry = (before.spend as { entry: InitiativeSpend } | undefined)?.entry;
      const place = entry ? this.initiatives.indexOf(entry, from) : -1;
      if (place < 0) return undefined;
      places.push(place);
      from = place + 1;
    }
    return () => {
      let next = 0;
      for (const item of added) {
        if (item.model.status === 'cancelled') continue;
        const place = places[next++]!;
        this.subtract(this.initiatives[place]!);
        this.initiatives[place] = this.spendOf(file, item);
      }
    };
  }

  /** The most an initiative can add to the total: its cost plus its actual cost, converted. */
  private largestSpend(file: PortfolioFile, model: InitiativeModel): number {
    const minor = (literal: AmountLiteral | undefined) => (literal ? (this.conversionOf(file, literal).minor ?? 0) : 0);
    return minor(model.cost) + minor(model.actualCost);
  }

  /**
   * A sum past 2^53 minor units can no longer be kept to the cent: said once, at the amount that
   * took it there, rather than losing cents silently.
   */
  private reportInexact(file: PortfolioFile, chunk: Located<unknown>['chunk'], node: PNode, what: 'spend' | 'budget'): void {
    if (this.inexact.has(what)) return;
    this.inexact.add(what);
    const limit = this.format(Number.MAX_SAFE_INTEGER);
    this.report(
      file,
      { chunk, start: node.start, end: node.end },
      `This amount takes the total ${what} past ${limit}, the most that can be added up exactly: totals from here on may be off by some cents. Check the digits and suffixes of the largest amounts.`,
    );
  }

  /** Whether an initiative's amounts convert with no problem to report. */
  private convertsCleanly(file: PortfolioFile, model: InitiativeModel): boolean {
    return (
      !(model.cost && this.conversionOf(file, model.cost).problem) &&
      !(model.actualCost && this.conversionOf(file, model.actualCost).problem)
    );
  }

  /** An amount of `file` in summary minor units; reports why when it cannot be read or converted. */
  private toSummary(file: PortfolioFile, chunk: Located<unknown>['chunk'], literal: AmountLiteral | undefined): number | undefined {
    if (!literal) return undefined;
    const conversion = this.conversionOf(file, literal);
    if (conversion.problem) {
      this.report(file, { chunk, start: conversion.problem.start, end: conversion.problem.end }, conversion.problem.message);
      this.unconverted++;
    }
    return conversion.minor;
  }

  private conversionOf(file: PortfolioFile, literal: AmountLiteral): Conversion {
    const currency = literal.currency ?? this.currencyOf(file);
    // Unchanged items keep their literal objects, so most conversions are looked up, not redone.
    const key = this.contextOf(currency);
    let conversion = literal.conversion as Conversion | undefined;
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
      if (!literal.currency) return {};
      const suggestion = closest(currency, suggestCurrencyOrder());
      const node = literal.currencyNode!;
      return {
        problem: {
          start: node.start,
          end: node.end,
          message: `Unknown currency "${currency}"${suggestion ? `: did you mean ${suggestion}?` : '.'} Use an ISO 4217 code such as EUR or USD.`,
        },
      };
    }
    let minor = 0;
    for (const part of literal.parts) {
      const result = toMinorUnits(part.value, currencyExponent(currency));
      if ('error' in result) {
        const message =
          result.error === 'precision'
            ? `This amount has more decimals than ${currency} has (${currencyExponent(currency)}): round it to the ${currencyExponent(currency) === 0 ? 'unit' : 'cent'}.`
            : 'This amount is too large to add up exactly: check its digits and suffix.';
        return { problem: { start: part.node.start, end: part.node.end, message } };
      }
      minor += result.minor;
      if (!Number.isSafeInteger(minor))
        return {
          problem: {
            start: literal.node.start,
            end: literal.node.end,
            message: 'This amount is too large to add up exactly: check its digits and suffix.',
          },
        };
    }
    const converted = this.rates.convert(minor, currency, this.currency);
    if (converted !== undefined && !Number.isSafeInteger(converted)) {
      return {
        problem: {
          start: literal.node.start,
          end: literal.node.end,
          message: `This amount is too large to add up exactly once converted to ${this.currency}: check its digits and suffix.`,
        },
      };
    }
    if (converted === undefined) {
      return {
        problem: {
          start: literal.node.start,
          end: literal.node.end,
          message: `No exchange rate from ${currency} to ${this.currency}, so this amount is left out of every total. Add rates: { ${currency}: <${this.currency} per ${currency}> } to metadata.`,
        },
      };
    }
    return { minor: converted };
  }

  /** Why an amount this ledger met could not be counted, if it could not (the CSV's note). */
  problemOf(literal: AmountLiteral): string | undefined {
    return (literal.conversion as Conversion | undefined)?.problem?.message;
  }

  /** An amount already converted by this ledger, in summary minor units (hover uses it). */
  converted(literal: AmountLiteral): number | undefined {
    return (literal.conversion as Conversion | undefined)?.minor;
  }

  private declaredCurrency(file: PortfolioFile): string | undefined {
    const code = file.metadata?.model.currency?.value;
    return code && isCurrency(code) ? code : undefined;
  }

  private report(file: PortfolioFile, span: Span, message: string, related?: Finding['related']): void {
    const finding: Finding = { rule: 'currency', path: file.path, span, message };
    if (related) finding.related = related;
    this.currencyFindings.push(finding);
  }

  private collectRates(): void {
    const seen = new Map<string, { rate: Rational; file: PortfolioFile; span: Span; text: string }>();
    for (const file of this.files) {
      const metadata = file.metadata;
      if (!metadata) continue;
      const chunk = metadata.chunk;
      const code = metadata.model.currency;
      // A code that is not three capitals is the schema check's to report.
      if (code && CURRENCY_PATTERN.test(code.value) && !isCurrency(code.value)) {
        const suggestion = closest(code.value, suggestCurrencyOrder());
        this.report(
          file,
          { chunk, start: code.node.start, end: code.node.end },
          `Unknown currency "${code.value}"${suggestion ? `: did you mean ${suggestion}?` : '.'} Use an ISO 4217 code such as EUR or USD.`,
        );
      }
      const base = this.currencyOf(file);
      for (const declaration of metadata.model.rates) {
        const span = { chunk, start: declaration.valueNode.start, end: declaration.valueNode.end };
        if (!isCurrency(declaration.currency)) {
          if (!CURRENCY_PATTERN.test(declaration.currency)) continue;
          this.report(
            file,
            { chunk, start: declaration.keyNode.start, end: declaration.keyNode.end },
            `Unknown currency "${declaration.currency}" in rates: use an ISO 4217 code such as USD.`,
          );
          continue;
        }
        const key = `${declaration.currency}>${base}`;
        const text = chunk.parse.text.slice(declaration.valueNode.start, declaration.valueNode.end);
        const earlier = seen.get(key);
        if (earlier && !sameRational(earlier.rate, declaration.rate)) {
          this.report(
            file,
            span,
            `Two different rates for ${declaration.currency} to ${base}: ${earlier.text} in ${where(earlier.file, earlier.span.chunk, earlier.span)} and ${text} here. Files checked together must agree; the first one is used.`,
            [{ path: earlier.file.path, span: earlier.span, message: `${declaration.currency} rate ${earlier.text} declared here` }],
          );
          continue;
        }
        const opposite = earlier ? undefined : seen.get(`${base}>${declaration.currency}`);
        if (opposite && !inverseRatesAgree(opposite.rate, declaration.rate)) {
          const inverse = agreeingInverse(opposite.rate, rateDecimals(declaration.rate));
          this.report(
            file,
            span,
            `Rates in opposite directions disagree: ${declaration.currency}: ${text} here (1 ${declaration.currency} = ${text} ${base}) and ${base}: ${opposite.text} in ${where(opposite.file, opposite.span.chunk, opposite.span)} (1 ${declaration.currency} = 1 / ${opposite.text} = ${inverse} ${base}). Files checked together must agree: write ${declaration.currency}: ${inverse} here, or declare the rate once; the first one is used both ways.`,
            [{ path: opposite.file.path, span: opposite.span, message: `${base} rate ${opposite.text} declared here` }],
          );
          continue;
        }
        if (!earlier) {
          seen.set(key, { rate: declaration.rate, file, span, text });
          this.rates.add({ from: declaration.currency, to: base, rate: declaration.rate });
          this.ratesKey += `${key}=${declaration.rate.num}/${declaration.rate.den};`;
        }
      }
    }
  }

  /** A file with amounts and no currency anywhere: said once, at its first amount. */
  private checkNoCurrency(file: PortfolioFile): void {
    // A file that names a currency, even a wrong one (reported as such), has declared one.
    if (this.currency !== NO_CURRENCY || file.metadata?.model.currency) return;
    const first = file.initiatives.find((i) => i.model.cost && !i.model.cost.currency);
    if (!first) return;
    const node: PNode = first.model.cost!.node;
    this.report(
      file,
      { chunk: first.chunk, start: node.start, end: node.end },
      'No currency is declared for this amount: add currency: EUR (or your ISO 4217 code) to metadata, or write the code after the amount ("1.2M EUR").',
    );
  }

  private spendOf(file: PortfolioFile, item: Located<InitiativeModel>): InitiativeSpend {
    const model = item.model;
    const cost = this.toSummary(file, item.chunk, model.cost);
    const actualCost = this.toSummary(file, item.chunk, model.actualCost);
    const known = this.knownLinks(model);
    // The entry of an unchanged item is reused when its amounts and resolved links are the same.
    const previous = item.spend as { known: number; entry: InitiativeSpend } | undefined;
    let entry: InitiativeSpend;
    if (
      previous &&
      previous.known === known &&
      previous.entry.file === file &&
      previous.entry.cost === cost &&
      previous.entry.actualCost === actualCost
    ) {
      entry = previous.entry;
    } else {
      const spend = cost ?? (model.cost ? 0 : (actualCost ?? 0));
      // Every field set here, in one order: one object shape for all entries keeps this loop fast.
      entry = {
        file,
        item,
        cost,
        actualCost,
        spend,
        allocations: model.links.form === 'none' ? NO_ALLOCATIONS : [],
        unlinked: 0,
        reason: undefined,
      };
      this.allocate(entry);
      item.spend = { known, entry };
    }
    this.add(entry);
    if (!Number.isSafeInteger(this.total)) {
      const node = (model.cost ?? model.actualCost)?.node ?? model.node;
      this.reportInexact(file, item.chunk, node, 'spend');
    }
    return entry;
  }

  /**
   * Which links resolve, as bits behind a leading 1 (so [] is 1, [known] is 3, [unknown] is 2):
   * an entry is reused only while this is the same. NaN, never equal, past 30 links.
   */
  private knownLinks(model: InitiativeModel): number {
    const entries = model.links.entries;
    if (entries.length > 30) return NaN;
    let known = 1;
    for (const link of entries) known = known * 2 + (this.index.outcomes.has(link.id) ? 1 : 0);
    return known;
  }

  /** Takes an entry out of the totals: the reverse of add. */
  private subtract(entry: InitiativeSpend): void {
    this.total -= entry.spend;
    for (const { id, amount } of entry.allocations) {
      const counted = this.byOutcome.get(id)!;
      counted.spend -= amount;
      this.aligned -= amount;
      // A fresh ledger has no counter for an outcome nothing serves.
      if (--counted.initiatives === 0) this.byOutcome.delete(id);
    }
  }

  /** Adds an entry to the totals and to the spend of the outcomes it serves. */
  private add(entry: InitiativeSpend): void {
    this.total += entry.spend;
    for (const { id, amount } of entry.allocations) {
      let counted = this.byOutcome.get(id);
      if (!counted) this.byOutcome.set(id, (counted = { spend: 0, initiatives: 0 }));
      counted.initiatives++;
      counted.spend += amount;
      this.aligned += amount;
    }
  }

  private allocate(entry: InitiativeSpend): void {
    const links = entry.item.model.links;
    if (links.form === 'none') {
      entry.unlinked = entry.spend;
      entry.reason = 'no-link';
      return;
    }
    const parts = splitOf(links, entry.spend);
    const entries = links.entries;
    let allocated = 0;
    let unknown = false;
    for (let i = 0; i < entries.length; i++) {
      const id = entries[i]!.id;
      if (!this.index.outcomes.has(id)) {
        unknown = true;
        continue;
      }
      allocated += parts[i]!;
      entry.allocations.push({ id, amount: parts[i]! });
    }
    entry.unlinked = entry.spend - allocated;
    if (unknown) entry.reason = 'unknown-outcome';
    else if (entry.unlinked > 0) entry.reason = 'split-below-100';
  }
}

/** The spend split by the link weights (the rest, below 100%, last); memoised per links. */
function splitOf(links: LinksModel, spend: number): number[] {
  const known = links.split;
  if (known?.spend === spend) return known.parts;
  const weights = links.entries.map((link) => link.weight);
  if (links.form === 'weighted' && links.weightSum < WEIGHT_WHOLE) weights.push(WEIGHT_WHOLE - links.weightSum);
  const parts = allocate(spend, weights);
  links.split = { spend, parts };
  return parts;
}

/** The currency most files declare (ties: the first file's), or "no currency". */
function pickCurrency(files: readonly PortfolioFile[]): string {
  const counts = new Map<string, number>();
  for (const file of files) {
    const code = file.metadata?.model.currency?.value;
    if (code && isCurrency(code)) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [code, count] of counts) {
    if (best === undefined || count > counts.get(best)!) best = code;
  }
  return best ?? NO_CURRENCY;
}
