// Reads an import map's YAML text and checks it against the map schema, with messages that say
// where (the key path) and what to write instead.
import { parseDocument } from 'yaml';
import { ImportMapSchema, type ImportMap } from './mapSchema';

export function parseImportMap(text: string): { map: ImportMap } | { errors: string[] } {
  const doc = parseDocument(text, { prettyErrors: false });
  if (doc.errors.length > 0) {
    return { errors: doc.errors.map((e) => `${e.linePos ? `line ${e.linePos[0].line}: ` : ''}${e.message.split('\n')[0]}`) };
  }
  const parsed = ImportMapSchema.safeParse(doc.toJS());
  if (parsed.success) return { map: parsed.data };
  return {
    errors: parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.join('.') : 'the map';
      if (issue.code === 'invalid_union') return `${where}: write a column name, { column: ... }, { template: "..." } or { value: ... }`;
      return `${where}: ${issue.message}`;
    }),
  };
}
