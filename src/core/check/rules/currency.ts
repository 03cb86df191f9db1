import type { AmountProblem } from '../currencyConverter';
import type { Finding } from '../diagnostics';
import { findingAt, where } from '../findingHelpers';
import type { CurrencyProblem, SpendLedger } from '../ledger';
import { currencyExponent, formatMoney, suggestCurrencyOrder } from '../../model/money';
import { closest } from '../../text/suggest';
import { always, type Rule } from './rule';

export const currency: Rule = {
  id: 'currency',
  title: 'Currency',
  description: 'An unknown ISO 4217 code, an amount with no rate to convert it, conflicting rates, or more decimals than the currency has.',
  defaults: always('error'),
  // The ledger meets these while converting every amount once; this rule words and reports them.
  check({ ledger, report }) {
    for (const problem of ledger.currencyProblems) report(findingOf(problem, ledger));
  },
};

/**
 * The finding of each problem, made once: a ledger updated in place while typing keeps its
 * problems, so their findings (and the diagnostics made of them) stay the same objects.
 */
const findings = new WeakMap<CurrencyProblem, Finding>();

function findingOf(problem: CurrencyProblem, ledger: SpendLedger): Finding {
  let finding = findings.get(problem);
  if (!finding) {
    finding = findingAt('currency', problem.file, problem.span.chunk, problem.span, messageOf(problem, ledger));
    if (problem.kind === 'conflicting-rates' || problem.kind === 'opposite-rates') {
      const first = problem.first;
      const declared = problem.kind === 'conflicting-rates' ? problem.currency : problem.base;
      finding.related = [{ path: first.file.path, span: first.span, message: `${declared} rate ${first.text} declared here` }];
    }
    findings.set(problem, finding);
  }
  return finding;
}

function messageOf(problem: CurrencyProblem, ledger: SpendLedger): string {
  switch (problem.kind) {
    case 'unknown-rate-currency':
      return `Unknown currency "${problem.code}" in rates: use an ISO 4217 code such as USD.`;
    case 'conflicting-rates': {
      const { currency, base, text, first } = problem;
      return `Two different rates for ${currency} to ${base}: ${first.text} in ${where(first.file, first.span.chunk, first.span)} and ${text} here. Files checked together must agree; the first one is used.`;
    }
    case 'opposite-rates': {
      const { currency, base, text, first, inverse } = problem;
      return `Rates in opposite directions disagree: ${currency}: ${text} here (1 ${currency} = ${text} ${base}) and ${base}: ${first.text} in ${where(first.file, first.span.chunk, first.span)} (1 ${currency} = 1 / ${first.text} = ${inverse} ${base}). Files checked together must agree: write ${currency}: ${inverse} here, or declare the rate once; the first one is used both ways.`;
    }
    case 'no-currency':
      return 'No currency is declared for this amount: add currency: EUR (or your ISO 4217 code) to metadata, or write the code after the amount ("1.2M EUR").';
    case 'inexact-total':
      return `This amount takes the total ${problem.what} past ${formatMoney(Number.MAX_SAFE_INTEGER, ledger.currency)}, the most that can be added up exactly: totals from here on may be off by some cents. Check the digits and suffixes of the largest amounts.`;
    default:
      return amountProblemMessage(problem);
  }
}

/** Why an amount is not counted, as the currency rule and the summary's CSV note say it. */
export function amountProblemMessage(problem: AmountProblem): string {
  switch (problem.kind) {
    case 'unknown-currency': {
      const suggestion = closest(problem.code, suggestCurrencyOrder());
      return `Unknown currency "${problem.code}"${suggestion ? `: did you mean ${suggestion}?` : '.'} Use an ISO 4217 code such as EUR or USD.`;
    }
    case 'too-precise': {
      const exponent = currencyExponent(problem.currency);
      return `This amount has more decimals than ${problem.currency} has (${exponent}): round it to the ${exponent === 0 ? 'unit' : 'cent'}.`;
    }
    case 'too-large':
      return 'This amount is too large to add up exactly: check its digits and suffix.';
    case 'too-large-converted':
      return `This amount is too large to add up exactly once converted to ${problem.to}: check its digits and suffix.`;
    case 'no-rate':
      return `No exchange rate from ${problem.from} to ${problem.to}, so this amount is left out of every total. Add rates: { ${problem.from}: <${problem.to} per ${problem.from}> } to metadata.`;
  }
}
