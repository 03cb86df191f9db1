import { closest } from '../suggest';
import { always, findingAt, type Rule } from './rule';

export const unknownOutcome: Rule = {
  id: 'unknown-outcome',
  title: 'Unknown outcome',
  description: 'An initiative links to an outcome id that no portfolio file defines.',
  defaults: always('error'),
  check({ files, index, report }) {
    const ids = [...index.outcomes.keys()];
    for (const file of files) {
      for (const { chunk, model } of file.initiatives) {
        for (const link of model.links.entries) {
          if (index.outcomes.has(link.id)) continue;
          const suggestion = closest(link.id, ids);
          const message = suggestion
            ? `Unknown outcome "${link.id}": did you mean "${suggestion}"? The cost it carries counts as unlinked until the link is fixed.`
            : `Unknown outcome "${link.id}": no portfolio file defines it. Link an existing outcome, or add "${link.id}" under outcomes.`;
          report(findingAt('unknown-outcome', file, chunk, link.node, message, suggestion ? { kind: 'unknown-outcome', id: link.id, suggestion } : { kind: 'unknown-outcome', id: link.id }));
        }
      }
    }
  },
};
