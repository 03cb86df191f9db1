import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, FILE, only, portfolio, rangeOf, yaml } from '../helpers';

const duplicated = (model = 'provider') =>
  portfolio({ metadata: { relationshipModel: model }, initiatives: [{ id: 'erp-upgrade' }, { id: 'erp-upgrade', cost: '300k' }] });

describe('rule duplicate-id', () => {
  it('fires at the second definition, pointing at the first', () => {
    const text = duplicated();
    const d = only(check(text), 'duplicate-id');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeOf(text, 'erp-upgrade', 2));
    assert.match(d.message, /Duplicate initiative id "erp-upgrade"/);
    assert.equal(
      d.message,
      'Duplicate initiative id "erp-upgrade": it is already defined in test.portfolio.yaml line 15. Ids must be unique across all portfolio files; rename one of them.',
      'the whole message',
    );
    assert.match(d.message, new RegExp(`${FILE.replace(/\./g, '\\.')} line ${rangeOf(text, 'erp-upgrade', 1).start.line + 1}`));
    assert.deepEqual(
      d.related?.map((r) => ({ path: r.path, range: r.range })),
      [{ path: FILE, range: rangeOf(text, 'erp-upgrade', 1) }],
    );
  });

  it('fires for a duplicate outcome id', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      outcomes:
        - { id: plant-uptime, title: Raise plant uptime, owner: COO, measures: [{ kind: quality, metric: OEE, target: 97 }] }
        - { id: plant-uptime, title: Same id again, owner: CFO, measures: [{ kind: quality, metric: OEE, target: 98 }] }
      initiatives:
        - { id: mes-upgrade, title: MES upgrade, outcomes: [plant-uptime], cost: 560k, owner: Plant IT }
    `;
    const d = only(check(text), 'duplicate-id');
    assert.deepEqual(d.range, rangeOf(text, 'plant-uptime', 2));
    assert.match(d.message, /Duplicate outcome id "plant-uptime"/);
    assert.deepEqual(d.related?.[0]?.range, rangeOf(text, 'plant-uptime', 1));
  });

  it('does not fire when every id is unique', () => {
    assertClean(check(duplicated().replace(/erp-upgrade(?![\s\S]*erp-upgrade)/, 'erp-upgrade-2')));
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('duplicate-id', duplicated);
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('duplicate-id', duplicated(), 'error');
  });
});

describe('rule duplicate-id: edges the mutation run found untested', () => {
  it('says at the first definition that it is the first', () => {
    const d = only(check(duplicated()), 'duplicate-id');
    assert.deepEqual(
      d.related?.map((r) => r.message),
      ['"erp-upgrade" is first defined here'],
    );
  });
});
