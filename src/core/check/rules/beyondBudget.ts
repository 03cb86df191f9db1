import type { InitiativeSpend } from '../ledger';
import { bySeverity, type Rule } from './rule';
import { findingAt, itemAnchor, quoted } from '../findingHelpers';

export const beyondBudget: Rule = {
  id: 'beyond-budget',
  title: 'Beyond budget',
  description: 'Initiatives that, funded in priority order, fall past metadata.budget: they are unfunded.',
  defaults: bySeverity('warning', 'info', 'info', 'info'),
  check(context) {
    const budget = context.ledger.budget;
    if (budget === undefined) return;
    let funded = 0;
    for (const entry of fundingOrder(context.ledger.initiatives)) {
      const after = funded + entry.spend;
      if (after > budget) {
        const model = entry.item.model;
        const node = model.cost?.node ?? itemAnchor(model);
        const name = model.id ? `Initiative ${quoted(model, '')}` : 'This initiative';
        const why =
          funded === 0
            ? `its ${context.ledger.format(entry.spend)} alone is more than the budget of ${context.ledger.format(budget)}`
            : funded >= budget
              ? `initiatives of higher priority already use the whole budget of ${context.ledger.format(budget)}`
              : `initiatives of higher priority use ${context.ledger.format(funded)} of ${context.ledger.format(budget)}, and its ${context.ledger.format(entry.spend)} would take the total to ${context.ledger.format(after)}`;
        context.report(
          findingAt(
            'beyond-budget',
            entry.file,
            entry.item.chunk,
            node,
            `${name} is beyond the budget: ${why}. It is unfunded unless the budget grows or its priority rises.`,
          ),
        );
      }
      funded = after;
    }
  },
};

/** Lower priority first, initiatives without a priority last; otherwise in file order. */
export function fundingOrder(entries: readonly InitiativeSpend[]): InitiativeSpend[] {
  return entries
    .map((entry, order) => ({ entry, order }))
    .filter(({ entry }) => entry.spend > 0)
    .sort((a, b) => (a.entry.item.model.priority ?? Infinity) - (b.entry.item.model.priority ?? Infinity) || a.order - b.order)
    .map(({ entry }) => entry);
}
