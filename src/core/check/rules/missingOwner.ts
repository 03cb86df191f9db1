import { syntaxErrorWithin } from '../../syntax/syntaxHints';
import { bySeverity, type Rule } from './rule';
import { findingAt, itemAnchor } from '../findingHelpers';

export const missingOwner: Rule = {
  id: 'missing-owner',
  title: 'Missing owner',
  description: 'An outcome or initiative with no owner.',
  defaults: bySeverity('info', 'info', 'warning', 'warning'),
  check({ files, report }) {
    for (const file of files) {
      for (const { chunk, model } of file.outcomes) {
        if (model.owner || syntaxErrorWithin(chunk.parse.problems, model.node.start, model.node.end)) continue;
        report(
          findingAt(
            'missing-owner',
            file,
            chunk,
            itemAnchor(model),
            `${model.id ? `Outcome "${model.id.value}"` : 'This outcome'} has no owner: add owner: with its business sponsor.`,
            { kind: 'add-field', field: 'owner', placeholder: 'Business sponsor' },
          ),
        );
      }
    }
  },
  initiative({ report }, file, { chunk, model }) {
    // A YAML error inside the item (an unclosed quote) may have swallowed its owner: say nothing.
    if (model.owner || syntaxErrorWithin(chunk.parse.problems, model.node.start, model.node.end)) return;
    report(
      findingAt(
        'missing-owner',
        file,
        chunk,
        itemAnchor(model),
        `${model.id ? `Initiative "${model.id.value}"` : 'This initiative'} has no owner: add owner: with the team or person accountable for it.`,
        { kind: 'add-field', field: 'owner', placeholder: 'Accountable team' },
      ),
    );
  },
};
