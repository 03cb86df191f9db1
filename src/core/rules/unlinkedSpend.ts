import type { InitiativeSpend } from '../ledger';
import { bySeverity, findingAt, itemAnchor, quoted, type Rule, type RuleContext } from './rule';

/** Types of spend that unlinked-infrastructure covers instead of this rule. */
export const INFRASTRUCTURE_TYPES = new Set(['infrastructure', 'software-upgrade']);

export const unlinkedSpend: Rule = {
  id: 'unlinked-spend',
  title: 'Unlinked spend',
  description: 'An initiative with a cost that serves no business outcome.',
  defaults: bySeverity('warning', 'warning', 'error', 'error'),
  check(context) {
    for (const entry of unlinkedInitiatives(context)) {
      const type = entry.item.model.type;
      if (type && INFRASTRUCTURE_TYPES.has(type)) continue;
      const model = entry.item.model;
      context.report(findingAt('unlinked-spend', entry.file, entry.item.chunk, itemAnchor(model),
        `${model.id ? `Initiative ${quoted(model, '')}` : 'This initiative'} spends ${context.ledger.format(entry.spend)} but serves no business outcome. Link it to the outcome it serves: outcomes: [outcome-id].`,
        model.id ? { kind: 'link-outcome', initiative: model.id.value } : undefined));
    }
  },
};

/** Initiatives with spend and no link at all (links to missing outcomes are unknown-outcome's). */
export function unlinkedInitiatives(context: RuleContext): InitiativeSpend[] {
  return context.ledger.initiatives.filter((entry) => entry.spend > 0 && entry.item.model.links.form === 'none');
}
