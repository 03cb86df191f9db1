import type { Definition } from '../workspaceIndex';
import { always, type Rule, type RuleContext } from './rule';
import { findingAt, where } from '../findingHelpers';

export const duplicateId: Rule = {
  id: 'duplicate-id',
  title: 'Duplicate id',
  description: 'An outcome or initiative id defined more than once across the portfolio files checked together.',
  defaults: always('error'),
  check(context) {
    reportDuplicates(context, 'outcome', context.index.duplicateOutcomes);
    reportDuplicates(context, 'initiative', context.index.duplicateInitiatives);
  },
};

function reportDuplicates(
  context: RuleContext,
  kind: string,
  definitions: Map<string, Array<Definition<{ id?: { node: { start: number; end: number } } }>>>,
): void {
  for (const [id, list] of definitions) {
    if (list.length < 2) continue;
    const first = list[0]!;
    const firstNode = first.item.model.id!.node;
    for (const duplicate of list.slice(1)) {
      const finding = findingAt(
        'duplicate-id',
        duplicate.file,
        duplicate.item.chunk,
        duplicate.item.model.id!.node,
        `Duplicate ${kind} id "${id}": it is already defined in ${where(first.file, first.item.chunk, firstNode)}. Ids must be unique across all portfolio files; rename one of them.`,
      );
      finding.related = [
        {
          path: first.file.path,
          span: { chunk: first.item.chunk, start: firstNode.start, end: firstNode.end },
          message: `"${id}" is first defined here`,
        },
      ];
      context.report(finding);
    }
  }
}
