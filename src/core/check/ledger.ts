// Money across the workspace: which currency the summary uses, every amount converted into it,
// and each initiative's spend allocated to the outcomes it serves. Rules and the summary both
// read this one ledger, so a figure in a diagnostic is the figure in the summary.
// It converts through currencyConverter.ts and splits each spend with spendAllocation.ts; what
// it cannot count it reports as data (CurrencyProblem), which rules/currency.ts words. Updating
// the totals in place while typing (prepareReplace, add, subtract) stays here: it changes the
// ledger's own totals and entries, and must stay the exact reverse of building them.
import type { PNode } from '../syntax/ast';
import type { Span } from './diagnostics';
import type { Located, PortfolioFile } from '../model/file';
import { formatMoney, isCurrency } from '../model/money';
import { CURRENCY_PATTERN } from '../model/schema';
import type { AmountLiteral, InitiativeModel, OutcomeModel } from '../model/model';
import { CurrencyConverter, type AmountProblem, type Conversion, type RateProblem } from './currencyConverter';
import { allocateSpend, resolvedLinks } from './spendAllocation';
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

declare module '../model/file' {
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- every declaration of Located names its type parameter
  interface Located<T> {
    /** Its ledger entry and the resolved links (knownLinks) it was made for: reused while both hold (spendOf). */
    spend: SpendMemo | undefined;
  }
}

/** An initiative's ledger entry, and which of its links resolved when it was made. */
interface SpendMemo {
  known: number;
  entry: InitiativeSpend;
}

/** Shared by every initiative with no link: allocations are never added to it. */
const NO_ALLOCATIONS: Array<{ id: string; amount: number }> = [];

/** What the ledger could not count or declare: rules/currency.ts words each kind. */
export type LedgerProblem =
  | AmountProblem
  | RateProblem
  /** Amounts with no currency, and no file declares one (at the file's first cost). */
  | { kind: 'no-currency' }
  /** This amount takes the total `what` past 2^53 minor units, the exact limit. */
  | { kind: 'inexact-total'; what: 'spend' | 'budget' };

/** A problem the ledger met, and where. */
export type CurrencyProblem = LedgerProblem & { file: PortfolioFile; span: Span };

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
  readonly converter: CurrencyConverter;
  /** Every initiative that is not cancelled, in file order. */
  readonly initiatives: InitiativeSpend[] = [];
  readonly byOutcome = new Map<string, { spend: number; initiatives: number }>();
  /** What the currency rule reports, in the order met. */
  readonly currencyProblems: CurrencyProblem[] = [];
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

  /** Counts only some initiatives (the summary's filters). */
  private readonly filtered: boolean;

  constructor(
    readonly files: readonly PortfolioFile[],
    readonly index: WorkspaceIndex,
    options: LedgerOptions = {},
  ) {
    this.filtered = options.include !== undefined;
    this.currency = options.currency ?? pickCurrency(files);
    this.converter = new CurrencyConverter(this.currency);
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
      const entry = before.spend?.entry;
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
    this.report(file, { chunk, start: node.start, end: node.end }, { kind: 'inexact-total', what });
  }

  /** Whether an initiative's amounts convert with no problem to report. */
  private convertsCleanly(file: PortfolioFile, model: InitiativeModel): boolean {
    return (
      !(model.cost && this.conversionOf(file, model.cost).failure) &&
      !(model.actualCost && this.conversionOf(file, model.actualCost).failure)
    );
  }

  /** An amount of `file` in summary minor units; reports why when it cannot be read or converted. */
  private toSummary(file: PortfolioFile, chunk: Located<unknown>['chunk'], literal: AmountLiteral | undefined): number | undefined {
    if (!literal) return undefined;
    const conversion = this.conversionOf(file, literal);
    const failure = conversion.failure;
    if (failure) {
      this.report(file, { chunk, start: failure.start, end: failure.end }, failure.problem);
      this.unconverted++;
    }
    return conversion.minor;
  }

  private conversionOf(file: PortfolioFile, literal: AmountLiteral): Conversion {
    return this.converter.conversionOf(literal, literal.currency ?? this.currencyOf(file));
  }

  /** Why an amount this ledger met could not be counted, if it could not (the CSV's note). */
  problemOf(literal: AmountLiteral): AmountProblem | undefined {
    return literal.conversion?.failure?.problem;
  }

  /** An amount already converted by this ledger, in summary minor units (hover uses it). */
  converted(literal: AmountLiteral): number | undefined {
    return literal.conversion?.minor;
  }

  private declaredCurrency(file: PortfolioFile): string | undefined {
    const code = file.metadata?.model.currency?.value;
    return code && isCurrency(code) ? code : undefined;
  }

  private report(file: PortfolioFile, span: Span, problem: LedgerProblem): void {
    this.currencyProblems.push({ ...problem, file, span });
  }

  /** The rates every file declares, each into its file's currency, and the currency codes they name. */
  private collectRates(): void {
    for (const file of this.files) {
      const metadata = file.metadata;
      if (!metadata) continue;
      const chunk = metadata.chunk;
      const code = metadata.model.currency;
      // A code that is not three capitals is the schema check's to report.
      if (code && CURRENCY_PATTERN.test(code.value) && !isCurrency(code.value)) {
        this.report(file, { chunk, start: code.node.start, end: code.node.end }, { kind: 'unknown-currency', code: code.value });
      }
      this.converter.declareRates(file, metadata, this.currencyOf(file), (span, problem) => this.report(file, span, problem));
    }
  }

  /** A file with amounts and no currency anywhere: said once, at its first amount. */
  private checkNoCurrency(file: PortfolioFile): void {
    // A file that names a currency, even a wrong one (reported as such), has declared one.
    if (this.currency !== NO_CURRENCY || file.metadata?.model.currency) return;
    const first = file.initiatives.find((i) => i.model.cost && !i.model.cost.currency);
    if (!first) return;
    const node: PNode = first.model.cost!.node;
    this.report(file, { chunk: first.chunk, start: node.start, end: node.end }, { kind: 'no-currency' });
  }

  private spendOf(file: PortfolioFile, item: Located<InitiativeModel>): InitiativeSpend {
    const model = item.model;
    const cost = this.toSummary(file, item.chunk, model.cost);
    const actualCost = this.toSummary(file, item.chunk, model.actualCost);
    const known = resolvedLinks(model, this.index.outcomes);
    // The entry of an unchanged item is reused when its amounts and resolved links are the same.
    const previous = item.spend;
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
      allocateSpend(entry, this.index.outcomes);
      item.spend = { known, entry };
    }
    this.add(entry);
    if (!Number.isSafeInteger(this.total)) {
      const node = (model.cost ?? model.actualCost)?.node ?? model.node;
      this.reportInexact(file, item.chunk, node, 'spend');
    }
    return entry;
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
