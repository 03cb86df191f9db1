import { closest, listWords } from '../suggest';
import { bySeverity, findingAt, itemAnchor, quoted, type Rule } from './rule';

export const notInCatalog: Rule = {
  id: 'not-in-catalog',
  title: 'Not in catalog',
  description: 'Where metadata.catalog is declared: an initiative whose service is missing or not in the catalog.',
  defaults: bySeverity('off', 'warning', 'info', 'off'),
  check({ files, ledger, report }) {
    const catalog = new Set<string>();
    for (const file of files) for (const item of file.metadata?.model.catalog ?? []) catalog.add(item.value);
    if (catalog.size === 0) return;
    const services = [...catalog];
    const menu = listWords(services.slice(0, 8)) + (services.length > 8 ? ', ...' : '');
    for (const { file, item } of ledger.initiatives) {
      const service = item.model.service;
      if (!service) {
        report(findingAt('not-in-catalog', file, item.chunk, itemAnchor(item.model),
          `${item.model.id ? `Initiative ${quoted(item.model, '')}` : 'This initiative'} names no service from the catalog: add service: with one of ${menu}.`,
          { kind: 'add-field', field: 'service', placeholder: services[0]! }));
      } else if (!catalog.has(service.value)) {
        const suggestion = closest(service.value, services);
        report(findingAt('not-in-catalog', file, item.chunk, service.node,
          `Service "${service.value}" is not in the catalog (${menu}).${suggestion ? ` Did you mean "${suggestion}"?` : ' Add it to metadata.catalog or pick a listed service.'}`,
          suggestion ? { kind: 'replace', text: suggestion } : undefined));
      }
    }
  },
};
