// The JSON Schema of portfolio/v1, generated from the zod schema (zod's own JSON Schema output),
// for Red Hat's YAML extension and any other JSON Schema aware editor.
import { toJSONSchema } from 'zod';
import { PortfolioSchema } from './schema';

export const SCHEMA_ID = 'https://github.com/portfolio-alignment/portfolio-alignment/blob/main/schemas/portfolio.schema.json';

export function portfolioJsonSchema(): Record<string, unknown> {
  const schema = toJSONSchema(PortfolioSchema, { target: 'draft-7', io: 'input' }) as Record<string, unknown>;
  return { $id: SCHEMA_ID, ...schema };
}
