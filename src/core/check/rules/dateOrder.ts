import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const dateOrder: Rule = {
  id: 'date-order',
  title: 'Date order',
  description: 'An initiative that ends before it starts.',
  defaults: always('error'),
  initiative({ report }, file, { chunk, model }) {
    if (!model.start || !model.end || model.end.value >= model.start.value) return;
    report(
      findingAt(
        'date-order',
        file,
        chunk,
        model.end.node,
        `The end ${model.end.value} is before the start ${model.start.value}: swap them or correct one of the dates.`,
      ),
    );
  },
};
