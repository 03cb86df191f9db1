import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, rangeOf, withCode, yaml } from '../helpers';

const noBrm = (model = 'provider') => yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: Test portfolio
    currency: EUR
    relationshipModel: ${model}
  outcomes:
    - id: supply-chain-cost
      title: Cut supply chain cost
      owner: COO
      measures:
        - { kind: cost, metric: Cost per order, target: 11.4 }
  initiatives:
    - id: wms-rollout
      title: Warehouse management
      outcomes: [supply-chain-cost]
      cost: 850k
      owner: Logistics IT
`;

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
