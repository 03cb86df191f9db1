import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, rangeIn, withCode, yaml } from '../helpers';

// data-platform needs erp-upgrade, which needs data-platform.
const cyclic = (model = 'provider', erpDependsOn = '[data-platform]') => yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: Test portfolio
    currency: EUR
    relationshipModel: ${model}
    brm: Dana Whitfield
  outcomes:
    - id: supply-chain-cost
      title: Cut supply chain cost
      owner: COO
      measures:
        - { kind: cost, metric: Cost per order, target: 11.4 }
  initiatives:
    - id: data-platform
      title: Company data platform
      outcomes: [supply-chain-cost]
      cost: 1.2M
      owner: Data office
      dependsOn: [erp-upgrade]
    - id: erp-upgrade
      title: Upgrade ERP
      outcomes: [supply-chain-cost]
      cost: 1.2M
      owner: ERP team
      dependsOn: ${erpDependsOn}
`;

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
