import { bySeverity, type Rule } from './rule';
import { findingAt } from '../findingHelpers';

export const missingBrm: Rule = {
  id: 'missing-brm',
  title: 'Missing BRM',
  description: 'No Business Relationship Manager (metadata.brm) is named in any portfolio file.',
  defaults: bySeverity('off', 'info', 'warning', 'warning'),
  check({ files, report }) {
    if (files.some((file) => file.metadata?.model.brm)) return;
    const message =
      'No Business Relationship Manager is named: add brm: with the name of the person who owns the business/IT relationship.';
    const withMetadata = files.filter((file) => file.metadata);
    for (const file of withMetadata) {
      const metadata = file.metadata!;
      report(
        findingAt('missing-brm', file, metadata.chunk, metadata.model.keyNode, message, {
          kind: 'add-field',
          field: 'brm',
          placeholder: 'Name of the BRM',
        }),
      );
    }
    // No file has metadata at all: say it once, at the top of the first file.
    const first = files[0];
    // (Not for files with nothing in them yet, such as the starter of New Portfolio File.)
    const anyItem = files.some((file) => file.outcomes.length > 0 || file.initiatives.length > 0);
    if (withMetadata.length === 0 && anyItem && first?.parsed.rootChunk && first.parsed.rootShape === 'map') {
      const chunk = first.parsed.rootChunk;
      const key = first.parsed.sections[0]?.pair.key;
      report(
        findingAt(
          'missing-brm',
          first,
          chunk,
          key ?? { start: 0, end: 0 },
          'No Business Relationship Manager is named: add a metadata section with brm: and the name of the person who owns the business/IT relationship.',
        ),
      );
    }
  },
};
