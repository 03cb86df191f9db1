import { closest } from '../../text/suggest';
import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const unknownOutcome: Rule = {
  id: 'unknown-outcome',
  title: 'Unknown outcome',
  description: 'An initiative links to an outcome id that no portfolio file defines.',
  defaults: always('error'),
  initiative({ index, report }, file, { chunk, model }) {
    for (const link of model.links.entries) {
      if (index.outcomes.has(link.id)) continue;
      const suggestion = closest(link.id, index.outcomes.keys());
      const message = suggestion
        ? `Unknown outcome "${link.id}": did you mean "${suggestion}"? The cost it carries counts as unlinked until the link is fixed.`
        : `Unknown outcome "${link.id}": no portfolio file defines it. Link an existing outcome, or add "${link.id}" under outcomes.`;
      report(
        findingAt(
          'unknown-outcome',
          file,
          chunk,
          link.node,
          message,
          suggestion ? { kind: 'unknown-outcome', id: link.id, suggestion } : { kind: 'unknown-outcome', id: link.id },
        ),
      );
    }
  },
};
