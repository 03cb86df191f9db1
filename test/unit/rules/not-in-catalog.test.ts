import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, PLANT_UPTIME, portfolio, rangeIn, withCode } from '../helpers';

const catalogued = (model = 'provider', service = 'hostng') =>
  portfolio({
    metadata: { relationshipModel: model, catalog: '[erp, crm, hosting]' },
    outcomes: [PLANT_UPTIME],
    initiatives: [
      { id: 'mes-upgrade', service: 'erp' },
      { id: 'network-core', service },
    ],
  });

describe('rule not-in-catalog', () => {
  it('fires at a service that is not in the catalog, with a did-you-mean', () => {
    const text = catalogued();
    const d = only(check(text), 'not-in-catalog');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeIn(text, 'service: hostng', 'hostng'));
    assert.match(d.message, /Service "hostng" is not in the catalog/);
    assert.equal(d.message, 'Service "hostng" is not in the catalog (erp, crm or hosting). Did you mean "hosting"?', 'the whole message');
    assert.match(d.message, /Did you mean "hosting"\?/);
  });

  it('fires at the id of an initiative that names no service', () => {
    const text = catalogued().replace('    service: hostng\n', '');
    const d = only(check(text), 'not-in-catalog');
    assert.deepEqual(d.range, rangeIn(text, 'id: network-core', 'network-core'));
    assert.match(d.message, /names no service/);
  });

  it('does not fire when every service is in the catalog', () => {
    assertClean(check(catalogued('provider', 'hosting')));
  });

  it('does not fire when no catalog is declared', () => {
    const text = catalogued().replace('  catalog: [erp, crm, hosting]\n', '');
    assert.deepEqual(withCode(check(text), 'not-in-catalog'), []);
  });

  it('is off for passive, a warning for provider, info for partner and off for peer', () => {
    assertSeverityByModel('not-in-catalog', (model) => catalogued(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('not-in-catalog', catalogued(), 'warning');
  });
});
