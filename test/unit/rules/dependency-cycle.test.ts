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
