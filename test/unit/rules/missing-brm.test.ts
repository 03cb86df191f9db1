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
