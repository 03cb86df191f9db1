import { closest } from '../../text/suggest';
import { always, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const unknownDependency: Rule = {
  id: 'unknown-dependency',
  title: 'Unknown dependency',
  description: 'dependsOn names an initiative id that no portfolio file defines.',
  defaults: always('error'),
  initiative({ index, report }, file, { chunk, model }) {
    for (const dependency of model.dependsOn) {
      if (index.initiatives.has(dependency.value)) continue;
      const suggestion = closest(dependency.value, index.initiatives.keys());
      report(
        findingAt(
          'unknown-dependency',
          file,
          chunk,
          dependency.node,
          `Unknown initiative "${dependency.value}" in dependsOn${suggestion ? `: did you mean "${suggestion}"?` : ': no portfolio file defines it. Fix the id or remove the dependency.'}`,
          suggestion ? { kind: 'replace', text: suggestion } : undefined,
        ),
      );
    }
  },
};
