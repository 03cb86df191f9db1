// Writes schemas/portfolio.schema.json and schemas/portfolio-import.schema.json from the zod
// schemas (npm run schema). Unit tests fail when a committed file differs from what this produces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { portfolioJsonSchema } from '../core/model/jsonSchema';
import { importMapJsonSchema } from '../core/import/jsonSchema';

for (const [name, schema] of [
  ['portfolio.schema.json', portfolioJsonSchema()],
  ['portfolio-import.schema.json', importMapJsonSchema()],
] as const) {
  const target = path.resolve(__dirname, '../../schemas', name);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, JSON.stringify(schema, null, 2) + '\n');
  console.log(`Wrote ${path.relative(process.cwd(), target)}`);
}
