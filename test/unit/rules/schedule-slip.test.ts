import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeIn, TODAY, withCode } from '../helpers';

// TODAY is 2027-06-15.
const slipping = (model = 'provider', status = 'in-progress', end = '2027-05-31') =>
  portfolio({ metadata: { relationshipModel: model }, initiatives: [{ status, start: '2027-01-01', end }] });

describe('rule schedule-slip', () => {
  it('fires at the end date when it has passed and the initiative is not done', () => {
    assert.equal(TODAY, '2027-06-15');
    const text = slipping();
    const d = only(check(text), 'schedule-slip');
    assert.equal(d.severity, 'info');
    assert.deepEqual(d.range, rangeIn(text, 'end: 2027-05-31', '2027-05-31'));
    assert.match(d.message, /2027-05-31 has passed and its status is "in-progress"/);
  });

  it('does not fire for done or cancelled initiatives', () => {
    assertClean(check(slipping('provider', 'done')));
    assert.deepEqual(withCode(check(slipping('provider', 'cancelled')), 'schedule-slip'), []);
  });

  it('does not fire when the end is today or later', () => {
    assertClean(check(slipping('provider', 'in-progress', '2027-06-15')));
    assertClean(check(slipping('provider', 'in-progress', '2027-12-31')));
  });

  it("compares against the caller's today", () => {
    assertClean(check(slipping(), { today: '2027-05-31' }));
    assert.equal(only(check(slipping(), { today: '2027-06-01' }), 'schedule-slip').severity, 'info');
  });

  it('is info for passive and provider, a warning for partner and peer', () => {
    assertSeverityByModel('schedule-slip', (model) => slipping(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('schedule-slip', slipping(), 'info');
  });

  it('says when the initiative has no status at all', () => {
    const text = slipping().replace('    status: in-progress\n', '');
    assert.equal(
      only(check(text), 'schedule-slip').message,
      'The planned end 2027-05-31 has passed and it has no status: mark it done, or move the end date to when it will finish.',
    );
  });
});
