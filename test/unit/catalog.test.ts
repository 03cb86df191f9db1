import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ruleById, rules } from '../../src/core/check/rules';
import { ruleIds } from '../../src/core/check/ruleIds';
import { DOCS_BASE, docsUrl } from '../../src/core/check/rules/rule';
import { DESIGN_SEVERITIES, REPO_ROOT } from './helpers';

describe('rule catalogue', () => {
  it('has the 22 rules of the design, in its order', () => {
    assert.deepEqual([...ruleIds], Object.keys(DESIGN_SEVERITIES));
    assert.deepEqual(
      rules.map((r) => r.id),
      [...ruleIds],
    );
  });

  it('gives every rule the default severities of the design table', () => {
    for (const id of ruleIds) assert.deepEqual(ruleById(id).defaults, DESIGN_SEVERITIES[id], id);
  });

  it('has a test file for every rule', () => {
    const files = fs.readdirSync(path.join(REPO_ROOT, 'test/unit/rules'));
    for (const id of ruleIds) assert.ok(files.includes(`${id}.test.ts`), `test/unit/rules/${id}.test.ts`);
  });

  it('has a docs page for every rule, where its diagnostics link to', () => {
    for (const id of ruleIds) {
      // The link in each diagnostic, followed into this repository's docs folder.
      const url = docsUrl(id);
      assert.ok(url.startsWith(`${DOCS_BASE}/`), url);
      const page = path.join(REPO_ROOT, 'docs', url.slice(DOCS_BASE.length + 1));
      assert.ok(fs.existsSync(page), `${url} has no page in docs/`);
      assert.equal(fs.readFileSync(page, 'utf8').split('\n')[0], `# ${id}`);
    }
  });
});
