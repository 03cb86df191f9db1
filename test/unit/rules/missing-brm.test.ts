import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeOf, withCode } from '../helpers';

const noBrm = (model = 'provider') => portfolio({ metadata: { relationshipModel: model, brm: null } });

describe('rule missing-brm', () => {
  it('fires at the metadata key when no BRM is named', () => {
    const text = noBrm();
    const d = only(check(text), 'missing-brm');
    assert.equal(d.severity, 'info');
    assert.deepEqual(d.range, rangeOf(text, 'metadata'));
    assert.match(d.message, /brm:/);
    assert.equal(
      d.message,
      'No Business Relationship Manager is named: add brm: with the name of the person who owns the business/IT relationship.',
      'the whole message',
    );
  });

  it('does not fire when metadata.brm is set', () => {
    assertClean(check(noBrm().replace('  currency: EUR\n', '  currency: EUR\n  brm: Dana Whitfield\n')));
  });

  it('does not fire when another file of the workspace names the BRM', () => {
    const other = 'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Outcomes\n  brm: Dana Whitfield\n';
    assert.deepEqual(withCode(check({ 'a.portfolio.yaml': noBrm(), 'b.portfolio.yaml': other }), 'missing-brm'), []);
  });

  it('is off for passive, info for provider, a warning for partner and peer', () => {
    assertSeverityByModel('missing-brm', noBrm);
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('missing-brm', noBrm(), 'info');
  });
});

describe('rule missing-brm: edges the mutation run found untested', () => {
  const items = 'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n  - { id: erp, title: ERP, cost: 10 EUR, owner: IT }\n';
  const outcomesOnly = 'apiVersion: portfolio/v1\nkind: Portfolio\noutcomes:\n  - { id: uptime, title: Uptime, owner: COO }\n';
  const starter = 'apiVersion: portfolio/v1\nkind: Portfolio\n';
  const wholeFileMessage =
    'No Business Relationship Manager is named: add a metadata section with brm: and the name of the person who owns the business/IT relationship.';

  it('offers to add brm: with a placeholder, at the metadata key', () => {
    assert.deepEqual(only(check(noBrm()), 'missing-brm').data, { kind: 'add-field', field: 'brm', placeholder: 'Name of the BRM' });
  });

  it('fires only in the files that have a metadata section', () => {
    const result = check({ 'a.portfolio.yaml': items, 'b.portfolio.yaml': noBrm() });
    assert.deepEqual(withCode(result, 'missing-brm', 'a.portfolio.yaml'), []);
    assert.deepEqual(only(result, 'missing-brm', 'b.portfolio.yaml').range, rangeOf(noBrm(), 'metadata'));
  });

  it('with no metadata anywhere, fires once at the first key of the first file, with no fix', () => {
    for (const [name, text] of [
      ['initiatives only', items],
      ['outcomes only', outcomesOnly],
    ] as const) {
      const d = only(check(text), 'missing-brm');
      assert.equal(d.message, wholeFileMessage, name);
      assert.deepEqual(d.range, rangeOf(text, 'apiVersion'), name);
      assert.equal(d.data, undefined, name);
    }
    // The first file in path order has nothing in it yet, but another file has: it goes on the first.
    const result = check({ 'b.portfolio.yaml': items, 'a.portfolio.yaml': starter });
    assert.deepEqual(only(result, 'missing-brm', 'a.portfolio.yaml').range, rangeOf(starter, 'apiVersion'));
    assert.deepEqual(withCode(result, 'missing-brm', 'b.portfolio.yaml'), []);
  });

  it('does not fire while no file has an outcome or initiative yet (the New Portfolio File starter)', () => {
    assert.deepEqual(withCode(check(starter), 'missing-brm'), []);
    assert.deepEqual(withCode(check({ 'a.portfolio.yaml': starter, 'b.portfolio.yaml': starter }), 'missing-brm'), []);
  });

  it('does not fire on a first file whose top level is not a mapping (the schema problem is shown there)', () => {
    const result = check({ 'a.portfolio.yaml': '- just\n- a list\n', 'b.portfolio.yaml': items });
    assert.deepEqual(withCode(result, 'missing-brm'), []);
    assert.ok(withCode(result, 'schema', 'a.portfolio.yaml').length > 0);
  });
});
