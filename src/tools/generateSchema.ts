// Writes schemas/portfolio.schema.json from the zod schema (npm run schema). A unit test fails
// when the committed file differs from what this produces.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { portfolioJsonSchema } from '../core/jsonSchema';

const target = path.resolve(__dirname, '../../schemas/portfolio.schema.json');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, JSON.stringify(portfolioJsonSchema(), null, 2) + '\n');
console.log(`Wrote ${path.relative(process.cwd(), target)}`);
