import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, PLANT_UPTIME, portfolio, rangeIn, withCode } from '../helpers';

const infrastructure = (model = 'provider', type = 'infrastructure') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [PLANT_UPTIME],
    initiatives: [
      { id: 'network-core', type: 'infrastructure' },
      { id: 'datacenter-refresh', type, outcomes: null, cost: '1.4M' },
    ],
  });

describe('rule unlinked-infrastructure', () => {
  it('fires at the id of infrastructure spend with no outcome', () => {
    const text = infrastructure();
    const d = only(check(text), 'unlinked-infrastructure');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeIn(text, 'id: datacenter-refresh', 'datacenter-refresh'));
    assert.match(d.message, /EUR 1,400,000\.00/);
    assert.match(d.message, /outcomes: \[outcome-id\]/, 'the message names the fix');
  });

  it('fires for a software upgrade with no outcome', () => {
    const text = infrastructure('provider', 'software-upgrade');
    const d = only(check(text), 'unlinked-infrastructure');
    assert.deepEqual(d.range, rangeIn(text, 'id: datacenter-refresh', 'datacenter-refresh'));
    assert.match(d.message, /^Software upgrade/);
  });

  it('does not fire when the infrastructure links an outcome', () => {
    assertClean(check(infrastructure().replace('    cost: 1.4M\n', '    outcomes: [plant-uptime]\n    cost: 1.4M\n')));
  });

  it('does not fire for other types (unlinked-spend covers them)', () => {
    for (const type of ['application', 'data', 'security', 'other']) {
      const result = check(infrastructure('provider', type));
      assert.deepEqual(withCode(result, 'unlinked-infrastructure'), [], type);
      assert.equal(withCode(result, 'unlinked-spend').length, 1, type);
    }
  });

  it('is a warning for passive, an error for provider, partner and peer', () => {
    assertSeverityByModel('unlinked-infrastructure', (model) => infrastructure(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('unlinked-infrastructure', infrastructure(), 'error');
  });

  it('names the type and the initiative, or "spend" when it has no id', () => {
    const message = (text: string) => only(check(text), 'unlinked-infrastructure').message;
    assert.equal(
      message(infrastructure()),
      'Infrastructure "datacenter-refresh" costs EUR 1,400,000.00 with no business need: link it to the outcome it enables (outcomes: [outcome-id]), or cancel it.',
    );
    assert.equal(
      message(infrastructure('provider', 'software-upgrade')),
      'Software upgrade "datacenter-refresh" costs EUR 1,400,000.00 with no business need: link it to the outcome it enables (outcomes: [outcome-id]), or cancel it.',
    );
    assert.match(
      message(infrastructure().replace('  - id: datacenter-refresh\n    title:', '  - title:')),
      /^Infrastructure spend costs EUR 1,400,000\.00 with no business need/,
    );
  });
});
