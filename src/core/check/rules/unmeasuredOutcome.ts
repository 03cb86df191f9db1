import { bySeverity, type Rule } from './rule';
import { findingAt, itemAnchor, quoted } from '../findingHelpers';

export const unmeasuredOutcome: Rule = {
  id: 'unmeasured-outcome',
  title: 'Unmeasured outcome',
  description: 'An outcome (not a mandate) with no measure that has a target.',
  defaults: bySeverity('off', 'info', 'warning', 'error'),
  check({ files, report }) {
    for (const file of files) {
      for (const { chunk, model } of file.outcomes) {
        if (model.kind === 'mandate' || model.measures.some((m) => m.target !== undefined)) continue;
        const has = model.measures.length > 0 ? 'has measures but none with a target' : 'has no measure';
        report(
          findingAt(
            'unmeasured-outcome',
            file,
            chunk,
            itemAnchor(model),
            `${model.id ? `Outcome ${quoted(model, '')}` : 'This outcome'} ${has}: add a measure with a baseline and a target so that progress can be shown.`,
          ),
        );
      }
    }
  },
};
