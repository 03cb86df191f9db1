import { getPair, isMap, type PNode } from '../../syntax/ast';
import type { PortfolioFile } from '../../model/file';
import { always, type Rule } from './rule';
import { baseName, findingAt } from '../findingHelpers';

/**
 * The metadata fields one folder's files should agree on. Not currency: files in different
 * currencies are how a multi-currency portfolio is written (the currency rule reports an amount
 * that cannot be converted into the summary's currency).
 */
const FIELDS = ['name', 'relationshipModel', 'brm', 'budget'] as const;
type Field = (typeof FIELDS)[number];

interface Declared {
  file: PortfolioFile;
  value: string;
  key: PNode;
}

function declarations(files: readonly PortfolioFile[], field: Field): Declared[] {
  const out: Declared[] = [];
  for (const file of files) {
    const node = file.metadata?.model.node;
    const pair = node && isMap(node) ? getPair(node, field) : undefined;
    const value = pair?.value;
    if (!pair || !value || (value.kind === 'scalar' && (value.value === null || String(value.value).trim() === ''))) continue;
    out.push({ file, value: value.kind === 'scalar' ? String(value.value).trim() : '{ capex, opex }', key: pair.key });
  }
  return out;
}

/** Which value the folder uses, in words, as the engine decides it (summarize.ts, ledger.ts, workspace.ts). */
function winner(field: Field, all: Declared[]): string {
  if (field === 'budget') return "the summary adds every file's budget together";
  const first = all[0]!;
  const what =
    field === 'relationshipModel'
      ? `files without a model of their own use "${first.value}" from ${baseName(first.file.path)}, and each file declaring one is checked under its own`
      : `the summary uses "${first.value}" from ${baseName(first.file.path)} (the first file, by path, that declares it)`;
  return what;
}

export const metadataConflict: Rule = {
  id: 'metadata-conflict',
  title: 'Metadata conflict',
  description: 'Files of one folder declare different metadata: name, relationship model or BRM, or more than one budget.',
  defaults: always('warning'),
  check({ files, report }) {
    for (const field of FIELDS) {
      const all = declarations(files, field);
      const distinct = new Set(all.map((d) => d.value));
      // A budget declared twice is added up even when both say the same: one is likely a copy.
      if (field === 'budget' ? all.length < 2 : distinct.size < 2) continue;
      const rule = winner(field, all);
      for (const d of all) {
        const others = all.filter((o) => o !== d).map((o) => `"${o.value}" in ${baseName(o.file.path)}`);
        const shown = others.length > 3 ? [...others.slice(0, 3), `${others.length - 3} more`] : others;
        const finding = findingAt(
          'metadata-conflict',
          d.file,
          d.file.metadata!.chunk,
          d.key,
          `metadata.${field} is "${d.value}" here, but ${shown.join(', ')}: ${rule}. ${field === 'budget' ? 'Keep the budget in one file of the folder, unless the budgets are meant to add up (then turn this rule off in these files).' : 'Declare it in one file of the folder only, or give every file the same value.'}`,
        );
        const first = all.find((o) => o !== d)!;
        finding.related = [
          {
            path: first.file.path,
            span: { chunk: first.file.metadata!.chunk, start: first.key.start, end: first.key.end },
            message: `metadata.${field} is "${first.value}" here`,
          },
        ];
        report(finding);
      }
    }
  },
};
