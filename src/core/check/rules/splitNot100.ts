import { WEIGHT_WHOLE } from '../../model/model';
import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const splitNot100: Rule = {
  id: 'split-not-100',
  title: 'Split not 100%',
  description: "The weights of an initiative's outcomes do not add up to 100%.",
  defaults: always('error'),
  initiative({ report }, file, { chunk, model }) {
    const links = model.links;
    if (links.form !== 'weighted' || links.invalidWeight || links.weightSum === WEIGHT_WHOLE || !links.valueNode) return;
    const sum = percent(links.weightSum);
    const effect =
      links.weightSum < WEIGHT_WHOLE
        ? `the other ${percent(WEIGHT_WHOLE - links.weightSum)} of the cost counts as unlinked`
        : 'the cost is split in proportion to the weights';
    report(
      findingAt(
        'split-not-100',
        file,
        chunk,
        links.valueNode,
        `The outcome weights add up to ${sum}, not 100%: ${effect}. Adjust them so they sum to 100%.`,
        { kind: 'split-to-100' },
      ),
    );
  },
};

/** Millionths as a percentage: 600000 is "60%", 333333 is "33.3333%". */
export function percent(millionths: number): string {
  return `${Number((millionths / 10_000).toFixed(4))}%`;
}
