// The snippets of snippets/portfolio.code-snippets, expanded with their default values, make
// portfolio YAML the engine reads without a syntax or schema problem.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT, TODAY } from './helpers';
import { Workspace } from '../../src/core/check/workspace';

interface Snippet {
  prefix: string[];
  body: string | string[];
  include?: string[];
}

const snippets = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'snippets', 'portfolio.code-snippets'), 'utf8')) as Record<
  string,
  Snippet
>;

/** What inserting the snippet and pressing Tab through it leaves: every placeholder's default. */
export function expand(body: string | string[]): string {
  const text = Array.isArray(body) ? body.join('\n') : body;
  return text
    .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
    .replace(/\$\{\d+:([^}]*)\}/g, '$1')
    .replace(/\$\d+/g, '');
}

/** Inserts at `indent` as VS Code does: every line after the first gets the line's indentation. */
function indented(body: string | string[], indent: number): string {
  const pad = ' '.repeat(indent);
  return pad + expand(body).split('\n').join(`\n${pad}`).trimEnd();
}

function snippet(prefix: string): string | string[] {
  const found = Object.values(snippets).find((s) => s.prefix[0] === prefix);
  assert.ok(found, `no snippet with the prefix ${prefix}`);
  return found.body;
}

describe('snippets', () => {
  it('are there for an outcome, a measure, an initiative, a weighted split and a capex/opex cost, in portfolio files only', () => {
    assert.deepEqual(
      Object.values(snippets).map((s) => s.prefix[0]),
      ['portfolio-outcome', 'portfolio-measure', 'portfolio-initiative', 'portfolio-split', 'portfolio-cost'],
    );
    for (const s of Object.values(snippets)) assert.deepEqual(s.include, ['**/*.portfolio.yaml', '**/*.portfolio.yml']);
  });

  it('expand to portfolio YAML with no syntax or schema problem', () => {
    const text = [
      'apiVersion: portfolio/v1',
      'kind: Portfolio',
      'metadata:',
      '  name: Snippets',
      '  currency: EUR',
      'outcomes:',
      indented(snippet('portfolio-outcome'), 2),
      '  - id: first-outcome',
      '    title: First',
      '    measures:',
      indented(snippet('portfolio-measure'), 6),
      '  - id: second-outcome',
      '    title: Second',
      'initiatives:',
      indented(snippet('portfolio-initiative'), 2),
      '  - id: split-initiative',
      '    title: Split over two outcomes',
      indented(snippet('portfolio-split'), 4),
      indented(snippet('portfolio-cost'), 4),
      '',
    ].join('\n');
    const workspace = new Workspace();
    workspace.setFile('snippets.portfolio.yaml', text);
    const analysis = workspace.analysis({ today: TODAY });
    const findings = analysis.diagnostics.get('snippets.portfolio.yaml') ?? [];
    const problems = findings.filter(
      (d) =>
        d.code === 'yaml-syntax' ||
        d.code === 'schema' ||
        d.code === 'split-not-100' ||
        d.code === 'unknown-outcome' ||
        d.code === 'currency',
    );
    assert.deepEqual(
      problems.map((d) => `${d.range.start.line + 1}: ${d.code}: ${d.message}`),
      [],
      text,
    );
    // The defaults are really read: the split and the capex/opex cost count.
    assert.equal(analysis.ledger.initiatives.length, 2);
    assert.equal(analysis.ledger.unlinked, 0, 'both initiatives link existing outcomes');
    assert.equal(analysis.ledger.total, 100_000_00 + 1_200_000_00);
  });
});
