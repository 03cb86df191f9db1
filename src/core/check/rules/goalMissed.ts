import { goalStatus } from '../goals';
import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const goalMissed: Rule = {
  id: 'goal-missed',
  title: 'Goal missed',
  description: 'A measure past its due date whose actual value is worse than its target.',
  defaults: always('warning'),
  check({ files, today, report }) {
    for (const file of files) {
      for (const { chunk, model } of file.outcomes) {
        for (const measure of model.measures) {
          if (goalStatus(measure, today) !== 'missed' || measure.actual === undefined) continue;
          const unit = measure.unit ? `${measure.unit === '%' ? '' : ' '}${measure.unit}` : '';
          report(
            findingAt(
              'goal-missed',
              file,
              chunk,
              measure.actualNode ?? measure.node,
              `Goal missed: "${measure.metric ?? measure.kind ?? 'measure'}" was due ${measure.due} with target ${measure.target}${unit}, and the actual is ${measure.actual}${unit}. Record the new plan for this outcome.`,
            ),
          );
        }
      }
    }
  },
};
