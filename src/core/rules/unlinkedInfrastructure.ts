import { bySeverity, findingAt, itemAnchor, quoted, type Rule } from './rule';
import { INFRASTRUCTURE_TYPES, unlinkedInitiatives } from './unlinkedSpend';

export const unlinkedInfrastructure: Rule = {
  id: 'unlinked-infrastructure',
  title: 'Unlinked infrastructure',
  description: 'Infrastructure or software-upgrade spend that serves no business outcome.',
  defaults: bySeverity('warning', 'error', 'error', 'error'),
  check(context) {
    for (const entry of unlinkedInitiatives(context)) {
      const model = entry.item.model;
      if (!model.type || !INFRASTRUCTURE_TYPES.has(model.type)) continue;
      const what = model.type === 'infrastructure' ? 'Infrastructure' : 'Software upgrade';
      context.report(findingAt('unlinked-infrastructure', entry.file, entry.item.chunk, itemAnchor(model),
        `${what} ${quoted(model, 'spend')} costs ${context.ledger.format(entry.spend)} with no business need: link it to the outcome it enables (outcomes: [outcome-id]), or cancel it.`,
        model.id ? { kind: 'link-outcome', initiative: model.id.value } : undefined));
    }
  },
};
