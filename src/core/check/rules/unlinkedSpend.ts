import type { InitiativeSpend } from '../ledger';
import { bySeverity, type Rule } from './rule';
import { findingAt, findingOfSpend, itemAnchor, quoted } from '../findingHelpers';

/** Types of spend that unlinked-infrastructure covers instead of this rule. */
export const INFRASTRUCTURE_TYPES = new Set(['infrastructure', 'software-upgrade']);

export const unlinkedSpend: Rule = {
  id: 'unlinked-spend',
  title: 'Unlinked spend',
  description: 'An initiative with a cost that serves no business outcome.',
  defaults: bySeverity('warning', 'warning', 'error', 'error'),
  spend(context, entry) {
    if (!isUnlinked(entry)) return;
    const type = entry.item.model.type;
    if (type && INFRASTRUCTURE_TYPES.has(type)) return;
    const model = entry.item.model;
    context.report(
      findingOfSpend('unlinked-spend', entry, context.ledger.currency, () =>
        findingAt(
          'unlinked-spend',
          entry.file,
          entry.item.chunk,
          itemAnchor(model),
          `${model.id ? `Initiative ${quoted(model, '')}` : 'This initiative'} spends ${context.ledger.format(entry.spend)} but serves no business outcome. Link it to the outcome it serves: outcomes: [outcome-id].`,
          model.id ? { kind: 'link-outcome', initiative: model.id.value } : undefined,
        ),
      ),
    );
  },
};

/** Spend with no link at all (links to missing outcomes are unknown-outcome's). */
export function isUnlinked(entry: InitiativeSpend): boolean {
  return entry.spend > 0 && entry.item.model.links.form === 'none';
}
