import * as assert from 'node:assert/strict';
import {
  assertClean,
  assertOverrides,
  assertSeverityByModel,
  check,
  only,
  PLANT_UPTIME,
  portfolio,
  rangeIn,
  withCode,
  yaml,
} from '../helpers';

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

describe('rule not-in-catalog: edges the mutation run found untested', () => {
  const withCatalog = (catalog: string[], initiative: string) => yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield, catalog: [${catalog.join(', ')}] }
    initiatives:
      - ${initiative}
  `;

  it('says which services to choose from for an initiative without one, and offers the first', () => {
    const d = only(check(catalogued().replace('    service: hostng\n', '')), 'not-in-catalog');
    assert.equal(d.message, 'Initiative "network-core" names no service from the catalog: add service: with one of erp, crm or hosting.');
    assert.deepEqual(d.data, { kind: 'add-field', field: 'service', placeholder: 'erp' });
    const nameless = only(check(withCatalog(['erp', 'crm'], '{ title: Nameless, cost: 1 }')), 'not-in-catalog');
    assert.equal(nameless.message, 'This initiative names no service from the catalog: add service: with one of erp or crm.');
  });

  it('says how to fix a service that is like none of the catalog, with no replacement offered', () => {
    const d = only(check(catalogued('provider', 'zzzzzzzz')), 'not-in-catalog');
    assert.equal(
      d.message,
      'Service "zzzzzzzz" is not in the catalog (erp, crm or hosting). Add it to metadata.catalog or pick a listed service.',
    );
    assert.equal(d.data, undefined);
  });

  it('lists eight services of a longer catalog, then "..."', () => {
    const eight = ['s1', 's2', 's3', 's4', 's5', 's6', 's7', 's8'];
    const menuOf = (catalog: string[]) =>
      only(check(withCatalog(catalog, '{ id: x, cost: 1 }')), 'not-in-catalog').message.replace(/^.*with one of (.*)\.$/, '$1');
    assert.equal(menuOf(eight), 's1, s2, s3, s4, s5, s6, s7 or s8');
    assert.equal(menuOf([...eight, 's9']), 's1, s2, s3, s4, s5, s6, s7 or s8, ...');
  });
});
