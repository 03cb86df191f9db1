// The JSON Schema of the import map (portfolio-import/v1), generated from its zod schema, for Red
// Hat's YAML extension (contributed for *.map.yaml).
import { toJSONSchema } from 'zod';
import { ImportMapSchema } from './mapSchema';

export const IMPORT_SCHEMA_ID = 'https://github.com/portfolio-alignment/portfolio-alignment/blob/main/schemas/portfolio-import.schema.json';

export function importMapJsonSchema(): Record<string, unknown> {
  const schema = toJSONSchema(ImportMapSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { $id: IMPORT_SCHEMA_ID, ...schema };
}
