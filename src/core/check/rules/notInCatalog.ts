import { closest, listWords } from '../../text/suggest';
import { bySeverity, type Rule, type RuleContext } from './rule';
import { findingAt, itemAnchor, quoted } from '../findingHelpers';

export const notInCatalog: Rule = {
  id: 'not-in-catalog',
  title: 'Not in catalog',
  description: 'Where metadata.catalog is declared: an initiative whose service is missing or not in the catalog.',
  defaults: bySeverity('off', 'warning', 'info', 'off'),
  spend(context, { file, item }) {
    const { catalog, services, menu } = catalogOf(context);
    if (catalog.size === 0) return;
    const { report } = context;
    const service = item.model.service;
    if (!service) {
      report(
        findingAt(
          'not-in-catalog',
          file,
          item.chunk,
          itemAnchor(item.model),
          `${item.model.id ? `Initiative ${quoted(item.model, '')}` : 'This initiative'} names no service from the catalog: add service: with one of ${menu}.`,
          { kind: 'add-field', field: 'service', placeholder: services[0]! },
        ),
      );
    } else if (!catalog.has(service.value)) {
      const suggestion = closest(service.value, services);
      report(
        findingAt(
          'not-in-catalog',
          file,
          item.chunk,
          service.node,
          `Service "${service.value}" is not in the catalog (${menu}).${suggestion ? ` Did you mean "${suggestion}"?` : ' Add it to metadata.catalog or pick a listed service.'}`,
          suggestion ? { kind: 'replace', text: suggestion } : undefined,
        ),
      );
    }
  },
};

interface CatalogInfo {
  catalog: Set<string>;
  services: string[];
  menu: string;
}

const catalogs = new WeakMap<RuleContext, CatalogInfo>();

/** The services every file's metadata.catalog declares, gathered once per check. */
function catalogOf(context: RuleContext): CatalogInfo {
  let info = catalogs.get(context);
  if (!info) {
    const catalog = new Set<string>();
    for (const file of context.files) for (const item of file.metadata?.model.catalog ?? []) catalog.add(item.value);
    const services = [...catalog];
    info = { catalog, services, menu: listWords(services.slice(0, 8)) + (services.length > 8 ? ', ...' : '') };
    catalogs.set(context, info);
  }
  return info;
}
