// schemas/portfolio.schema.json is generated from the zod schema and committed; it must not go stale.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { portfolioJsonSchema } from '../../src/core/model/jsonSchema';
import { REPO_ROOT } from './helpers';

describe('schemas/portfolio.schema.json', () => {
  it('is what the zod schema generates (run npm run schema when this fails)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/portfolio.schema.json'), 'utf8'));
    // The file is written with JSON.stringify, so compare with what that would write.
    const generated = JSON.parse(JSON.stringify(portfolioJsonSchema()));
    try {
      assert.deepEqual(committed, generated);
    } catch (error) {
      throw new assert.AssertionError({
        message: `schemas/portfolio.schema.json is stale: run npm run schema and commit the result.\n${(error as Error).message}`,
        actual: committed,
        expected: generated,
        operator: 'deepStrictEqual',
      });
    }
  });

  it('rejects unknown keys everywhere the zod schema does', () => {
    const schema = portfolioJsonSchema() as {
      additionalProperties?: unknown;
      properties: Record<string, { items?: { additionalProperties?: unknown } }>;
    };
    assert.equal(schema.additionalProperties, false);
    assert.equal(schema.properties.initiatives!.items!.additionalProperties, false);
    assert.equal(schema.properties.outcomes!.items!.additionalProperties, false);
  });
});
