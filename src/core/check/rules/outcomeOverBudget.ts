import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const outcomeOverBudget: Rule = {
  id: 'outcome-over-budget',
  title: 'Outcome over budget',
  description: "The spend linked to an outcome is above the outcome's budget.",
  defaults: always('warning'),
  check({ files, index, ledger, report }) {
    for (const file of files) {
      for (const item of file.outcomes) {
        const { id, budget } = item.model;
        if (!id || !budget || index.outcome(id.value)?.item !== item) continue;
        const cap = ledger.outcomeBudgets.get(item.model);
        const spend = ledger.byOutcome.get(id.value)?.spend ?? 0;
        if (cap === undefined || spend <= cap) continue;
        const share = cap > 0 ? ` (${Math.round((spend / cap) * 100)}% of it)` : '';
        report(
          findingAt(
            'outcome-over-budget',
            file,
            item.chunk,
            budget.node,
            `Spend linked to "${id.value}" is ${ledger.format(spend)}, ${ledger.format(spend - cap)} over its budget of ${ledger.format(cap)}${share}. Raise the budget or move spend elsewhere.`,
          ),
        );
      }
    }
  },
};
