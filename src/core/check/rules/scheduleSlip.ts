import { bySeverity, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const scheduleSlip: Rule = {
  id: 'schedule-slip',
  title: 'Schedule slip',
  description: 'An initiative whose end date has passed while its status is not done or cancelled.',
  defaults: bySeverity('info', 'info', 'warning', 'warning'),
  initiative({ today, report }, file, { chunk, model }) {
    const end = model.end;
    if (!end || end.value >= today || model.status === 'done' || model.status === 'cancelled') return;
    const status = model.status ? `its status is "${model.status}"` : 'it has no status';
    report(
      findingAt(
        'schedule-slip',
        file,
        chunk,
        end.node,
        `The planned end ${end.value} has passed and ${status}: mark it done, or move the end date to when it will finish.`,
      ),
    );
  },
};
