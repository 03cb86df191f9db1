import { bySeverity, type Rule } from './rule';
import { findingAt, itemAnchor } from '../findingHelpers';

export const orphanOutcome: Rule = {
  id: 'orphan-outcome',
  title: 'Orphan outcome',
  description: 'An outcome that no initiative serves.',
  defaults: bySeverity('info', 'info', 'info', 'warning'),
  check({ files, index, ledger, report }) {
    for (const file of files) {
      for (const item of file.outcomes) {
        const id = item.model.id?.value;
        if (id === undefined || index.outcome(id)?.item !== item || (ledger.byOutcome.get(id)?.initiatives ?? 0) > 0) continue;
        report(
          findingAt(
            'orphan-outcome',
            file,
            item.chunk,
            itemAnchor(item.model),
            `No initiative serves outcome "${id}": link the initiatives that deliver it, or remove it if the need is gone.`,
          ),
        );
      }
    }
  },
};
