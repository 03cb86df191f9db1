import { bySeverity, findingAt, type Rule } from './rule';

export const missingBrm: Rule = {
  id: 'missing-brm',
  title: 'Missing BRM',
  description: 'No Business Relationship Manager (metadata.brm) is named in any portfolio file.',
  defaults: bySeverity('off', 'info', 'warning', 'warning'),
  check({ files, report }) {
    if (files.some((file) => file.metadata?.model.brm)) return;
    for (const file of files) {
      const metadata = file.metadata;
      if (!metadata) continue;
      report(findingAt('missing-brm', file, metadata.chunk, metadata.model.keyNode,
        'No Business Relationship Manager is named: add brm: with the name of the person who owns the business/IT relationship.',
        { kind: 'add-field', field: 'brm', placeholder: 'Name of the BRM' }));
    }
  },
};
