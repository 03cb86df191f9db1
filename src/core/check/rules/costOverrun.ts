import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const costOverrun: Rule = {
  id: 'cost-overrun',
  title: 'Cost overrun',
  description: 'An initiative whose actual cost is above its planned cost.',
  defaults: always('warning'),
  spend({ ledger, report }, entry) {
    const { cost, actualCost } = entry;
    const node = entry.item.model.actualCost?.node;
    if (cost === undefined || actualCost === undefined || actualCost <= cost || !node) return;
    const share = cost > 0 ? ` (${Number((((actualCost - cost) / cost) * 100).toFixed(1))}%)` : '';
    report(
      findingAt(
        'cost-overrun',
        entry.file,
        entry.item.chunk,
        node,
        `Actual cost ${ledger.format(actualCost)} is ${ledger.format(actualCost - cost)}${share} over the planned ${ledger.format(cost)}. Re-plan the cost or record why it overran.`,
      ),
    );
  },
};
