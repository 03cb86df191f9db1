import { bySeverity, type Rule } from './rule';
import { findingAt, findingOfSpend, itemAnchor, quoted } from '../findingHelpers';
import { INFRASTRUCTURE_TYPES, isUnlinked } from './unlinkedSpend';

export const unlinkedInfrastructure: Rule = {
  id: 'unlinked-infrastructure',
  title: 'Unlinked infrastructure',
  description: 'Infrastructure or software-upgrade spend that serves no business outcome.',
  defaults: bySeverity('warning', 'error', 'error', 'error'),
  spend(context, entry) {
    const model = entry.item.model;
    if (!isUnlinked(entry) || !model.type || !INFRASTRUCTURE_TYPES.has(model.type)) return;
    const what = model.type === 'infrastructure' ? 'Infrastructure' : 'Software upgrade';
    context.report(
      findingOfSpend('unlinked-infrastructure', entry, context.ledger.currency, () =>
        findingAt(
          'unlinked-infrastructure',
          entry.file,
          entry.item.chunk,
          itemAnchor(model),
          `${what} ${quoted(model, 'spend')} costs ${context.ledger.format(entry.spend)} with no business need: link it to the outcome it enables (outcomes: [outcome-id]), or cancel it.`,
          model.id ? { kind: 'link-outcome', initiative: model.id.value } : undefined,
        ),
      ),
    );
  },
};
