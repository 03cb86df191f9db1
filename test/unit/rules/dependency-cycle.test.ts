import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, portfolio, rangeIn, withCode } from '../helpers';

// data-platform needs erp-upgrade, which needs data-platform.
const cyclic = (model = 'provider', erpDependsOn = '[data-platform]') =>
  portfolio({
    metadata: { relationshipModel: model },
    initiatives: [
      { id: 'data-platform', dependsOn: '[erp-upgrade]' },
      { id: 'erp-upgrade', dependsOn: erpDependsOn },
    ],
  });

describe('rule dependency-cycle', () => {
  it('fires at the dependency of each initiative in the cycle', () => {
    const text = cyclic();
    const found = withCode(check(text), 'dependency-cycle');
    assert.equal(found.length, 2);
    assert.ok(found.every((d) => d.severity === 'error'));
    assert.deepEqual(
      found.map((d) => d.range),
      [rangeIn(text, 'dependsOn: [erp-upgrade]', 'erp-upgrade'), rangeIn(text, 'dependsOn: [data-platform]', 'data-platform')],
    );
    assert.match(found[0]!.message, /data-platform → erp-upgrade → data-platform/);
    assert.equal(
      found[0]!.message,
      'Dependency cycle: data-platform → erp-upgrade → data-platform. None of these can start first; remove one of the dependencies.',
      'the whole message',
    );
    assert.match(found[1]!.message, /erp-upgrade → data-platform → erp-upgrade/);
  });

  it('fires for an initiative that depends on itself', () => {
    const text = cyclic('provider', '[erp-upgrade]').replace('    dependsOn: [erp-upgrade]\n', '');
    const found = withCode(check(text), 'dependency-cycle');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range, rangeIn(text, 'dependsOn: [erp-upgrade]', 'erp-upgrade'));
  });

  it('does not fire for a chain without a cycle', () => {
    assertClean(check(cyclic('provider', '[]')));
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('dependency-cycle', (model) => cyclic(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('dependency-cycle', cyclic(), 'error');
  });
});

describe('rule dependency-cycle: edges the mutation run found untested', () => {
  // Initiatives with only an id and dependsOn; the rule reads nothing else.
  const portfolio = (deps: Record<string, string[]>) =>
    'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n' +
    Object.entries(deps)
      .map(([id, on]) => `  - { id: ${id}, dependsOn: [${on.join(', ')}] }\n`)
      .join('');
  const cycles = (deps: Record<string, string[]>) =>
    withCode(check(portfolio(deps)), 'dependency-cycle').map((d) => d.message.replace(/^Dependency cycle: (.*)\. None.*$/, '$1'));

  it('names the shortest way round for each initiative of a larger cycle, in the direction of the links', () => {
    // s → f → {g, h}, g → h, h → s: one cycle of four, with a short cut f → h.
    assert.deepEqual(cycles({ s: ['f'], f: ['g', 'h'], g: ['h'], h: ['s'] }), [
      's → f → h → s',
      'f → g → h → s → f',
      'g → h → s → f → g',
      'h → s → f → h',
    ]);
  });

  it('finds a cycle of three, whatever initiative the search starts from', () => {
    assert.deepEqual(cycles({ a: ['b'], b: ['c'], c: ['a'] }), ['a → b → c → a', 'b → c → a → b', 'c → a → b → c']);
    assert.deepEqual(cycles({ x: ['a'], a: ['b'], b: ['c'], c: ['a'] }), ['a → b → c → a', 'b → c → a → b', 'c → a → b → c']);
  });

  it('finds a second cycle that links to a first one found before it, and not the link between them', () => {
    // p ⇄ q is found first; r ⇄ s depends on it but is a cycle of its own; t only depends on both.
    assert.deepEqual(cycles({ p: ['q'], q: ['p'], r: ['p', 's'], s: ['r'], t: ['r', 'q'] }), [
      'p → q → p',
      'q → p → q',
      'r → s → r',
      's → r → s',
    ]);
  });

  it('reports an initiative that depends on itself once, also when another initiative reaches it first', () => {
    assert.deepEqual(cycles({ a: ['g'], g: ['g'] }), ['g → g']);
  });

  it('does not count a dependency on an unknown id or on an initiative without dependencies', () => {
    assert.deepEqual(cycles({ a: ['missing', 'b'], b: ['c'], c: [] }), []);
  });
});
