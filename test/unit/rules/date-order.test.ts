import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeIn } from '../helpers';

const dates = (model = 'provider', start = '2027-09-30', end = '2027-01-15') =>
  portfolio({ metadata: { relationshipModel: model }, initiatives: [{ status: 'approved', start, end }] });

describe('rule date-order', () => {
  it('fires at the end date when it is before the start', () => {
    const text = dates();
    const d = only(check(text), 'date-order');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeIn(text, 'end: 2027-01-15', '2027-01-15'));
    assert.match(d.message, /2027-01-15 is before the start 2027-09-30/);
    assert.equal(
      d.message,
      'The end 2027-01-15 is before the start 2027-09-30: swap them or correct one of the dates.',
      'the whole message',
    );
  });

  it('does not fire when the end is on or after the start', () => {
    assertClean(check(dates('provider', '2027-01-15', '2027-09-30')));
    assertClean(check(dates('provider', '2027-07-01', '2027-07-01')));
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('date-order', (model) => dates(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('date-order', dates(), 'error');
  });
});
