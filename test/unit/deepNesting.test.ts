// YAML nested deeper than any portfolio needs is a yaml-syntax problem at the place it gets too
// deep, never a stack overflow: in a small file (composed whole), in a large one (built item by
// item from the syntax tree), and through aliases.
import * as assert from 'node:assert/strict';
import { MAX_DEPTH } from '../../src/core/syntax/cst';
import { Workspace } from '../../src/core/check/workspace';
import { check, positionOf, TODAY, withCode } from './helpers';

const HEAD = 'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Deep\n  currency: EUR\n  brm: Dana Whitfield\n';
const KEPT = '  - { id: kept, title: Kept, cost: 100, owner: T }\n';

/** An initiative with `levels` nested `- k:` block lists under an unknown key. */
function nestedInitiative(levels: number): string {
  let text = '  - id: deep\n    title: Deep\n    x:\n';
  let indent = '      ';
  for (let i = 0; i < levels; i++) {
    text += `${indent}- k:\n`;
    indent += '  ';
  }
  return text;
}

function tooDeep(text: string, options: { alwaysChunk?: boolean } = {}) {
  const workspace = new Workspace(options);
  workspace.setFile('deep.portfolio.yaml', text);
  const result = workspace.check({ today: TODAY });
  return { result, deep: withCode(result, 'yaml-syntax').filter((d) => /nest(ed)? more than 100 levels deep/.test(d.message)) };
}

describe('deep nesting', function () {
  this.timeout(60_000);

  it('the limit is 100 levels', () => {
    assert.equal(MAX_DEPTH, 100);
  });

  it('1,500 levels of block lists in a large file (2.3 MB): a yaml-syntax problem where it gets too deep, the other items still read', () => {
    const text = HEAD + 'initiatives:\n' + KEPT + nestedInitiative(1500);
    assert.ok(text.length > 2_000_000);
    const { result, deep } = tooDeep(text);
    assert.equal(deep.length, 1, JSON.stringify(withCode(result, 'yaml-syntax').map((d) => d.message)));
    assert.equal(deep[0]!.severity, 'error');
    // The 100th collection below the item's root list: the chunk's list, the item's map, the list under x:, then `- k:` lists and maps.
    const line = deep[0]!.range.start.line;
    assert.ok(line > positionOf(text, text.indexOf('    x:')).line && line < 120, `line ${line}`);
    assert.equal(result.summary.counts.initiatives, 1, 'the item that is not too deep is read');
  });

  it('150 levels in a small file parsed whole, and in chunks', () => {
    const text = HEAD + 'initiatives:\n' + KEPT + nestedInitiative(150);
    assert.ok(text.length < 64 * 1024);
    for (const alwaysChunk of [false, true]) {
      const { deep } = tooDeep(text, { alwaysChunk });
      assert.equal(deep.length, 1, `alwaysChunk ${alwaysChunk}`);
    }
  });

  it('5,000 nested flow lists on one line', () => {
    const text = HEAD + 'x: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n';
    const { deep } = tooDeep(text);
    assert.equal(deep.length, 1);
    assert.equal(deep[0]!.range.start.line, 6);
  });

  it('aliases nested inside aliases, each level one anchor', () => {
    let text = HEAD + 'x0: &a0 [1]\n';
    for (let i = 1; i < 110; i++) text += `x${i}: &a${i} [*a${i - 1}]\n`;
    const { deep } = tooDeep(text);
    assert.equal(deep.length, 1);
    assert.match(deep[0]!.message, /aliases nest more than 100 levels/);
  });

  it('nesting within the limit is read as usual', () => {
    const text = HEAD + 'initiatives:\n' + KEPT + nestedInitiative(40);
    for (const alwaysChunk of [false, true]) {
      const { result, deep } = tooDeep(text, { alwaysChunk });
      assert.deepEqual(deep, []);
      assert.deepEqual(withCode(result, 'yaml-syntax'), []);
      assert.equal(result.summary.counts.initiatives, 2);
    }
    assert.equal(withCode(check(text), 'yaml-syntax').length, 0);
  });
});
