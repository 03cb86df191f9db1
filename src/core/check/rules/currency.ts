import { always, type Rule } from './rule';

export const currency: Rule = {
  id: 'currency',
  title: 'Currency',
  description: 'An unknown ISO 4217 code, an amount with no rate to convert it, conflicting rates, or more decimals than the currency has.',
  defaults: always('error'),
  // The ledger meets these while converting every amount once; this rule reports them.
  check({ ledger, report }) {
    for (const finding of ledger.currencyFindings) report(finding);
  },
};
