// Goal status of a measure: met, on track, missed, or not measured.
import type { MeasureModel } from '../model/model';

export type GoalStatus = 'met' | 'on-track' | 'missed' | 'not-measured';

/** Cost and time goals go down, quality goals go up, unless baseline and target say otherwise. */
export function lowerIsBetter(measure: MeasureModel): boolean {
  const { baseline, target } = measure;
  if (baseline !== undefined && target !== undefined && baseline !== target) return target < baseline;
  return measure.kind !== 'quality';
}

export function goalStatus(measure: MeasureModel, today: string): GoalStatus {
  const { actual, target } = measure;
  if (target === undefined || actual === undefined) return 'not-measured';
  if (lowerIsBetter(measure) ? actual <= target : actual >= target) return 'met';
  if (measure.due !== undefined && measure.due < today) return 'missed';
  return 'on-track';
}
