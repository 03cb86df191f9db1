import { closest } from '../suggest';
import { always, findingAt, type Rule } from './rule';

export const unknownDependency: Rule = {
  id: 'unknown-dependency',
  title: 'Unknown dependency',
  description: 'dependsOn names an initiative id that no portfolio file defines.',
  defaults: always('error'),
  check({ files, index, report }) {
    let ids: string[] | undefined;
    for (const file of files) {
      for (const { chunk, model } of file.initiatives) {
        for (const dependency of model.dependsOn) {
          if (index.initiatives.has(dependency.value)) continue;
          ids ??= [...index.initiatives.keys()];
          const suggestion = closest(dependency.value, ids);
          report(findingAt('unknown-dependency', file, chunk, dependency.node,
            `Unknown initiative "${dependency.value}" in dependsOn${suggestion ? `: did you mean "${suggestion}"?` : ': no portfolio file defines it. Fix the id or remove the dependency.'}`,
            suggestion ? { kind: 'replace', text: suggestion } : undefined));
        }
      }
    }
  },
};
