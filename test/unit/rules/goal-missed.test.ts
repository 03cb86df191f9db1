import * as assert from 'node:assert/strict';
import {
  assertClean,
  assertOverrides,
  assertSeverityByModel,
  check,
  type Fields,
  only,
  PLANT_UPTIME,
  portfolio,
  rangeIn,
  withCode,
} from '../helpers';

// TODAY is 2027-06-15. Cost per order should go from 12.40 down to 11.40.
const goal = (model = 'provider', actual = '11.90', due = '2027-03-31') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [
      { measures: [{ kind: 'cost', metric: 'Cost per shipped order', unit: 'EUR', baseline: '12.40', target: '11.40', actual, due }] },
    ],
  });

// A plant outcome with one measure, in a file of the default relationship model.
const plant = (measure: Fields) =>
  portfolio({ metadata: { relationshipModel: null }, outcomes: [{ ...PLANT_UPTIME, measures: [measure] }] });

// Equipment effectiveness should go up from 93.5 to 97.
const quality = (actual: string) => plant({ kind: 'quality', metric: 'OEE', baseline: 93.5, target: 97, actual, due: '2026-09-30' });

describe('rule goal-missed', () => {
  it('fires at the actual value of a measure past due and worse than its target', () => {
    const text = goal();
    const d = only(check(text), 'goal-missed');
    assert.equal(d.severity, 'warning');
    assert.deepEqual(d.range, rangeIn(text, 'actual: 11.90', '11.90'));
    assert.match(d.message, /"Cost per shipped order" was due 2027-03-31 with target 11.4 EUR, and the actual is 11.9 EUR/);
  });

  it('fires for a quality measure below its target (higher is better)', () => {
    const text = quality('94.1');
    assert.deepEqual(only(check(text), 'goal-missed').range, rangeIn(text, 'actual: 94.1', '94.1'));
    assertClean(check(quality('97.2')));
    assertClean(check(quality('97'))); // reaching the target exactly meets it
  });

  it('takes the direction from baseline to target when they differ, whatever the kind (docs/rules/goal-missed.md)', () => {
    const measure = (kind: string, baseline: number, target: number, actual: number) =>
      plant({ kind, metric: 'M', baseline, target, actual, due: '2026-09-30' });
    const missed = (text: string) => withCode(check(text), 'goal-missed').length === 1;
    // A quality goal going down (defects from 10 to 5): lower is better.
    assert.equal(missed(measure('quality', 10, 5, 4)), false, 'quality 4 meets a target of 5 going down');
    assert.equal(missed(measure('quality', 10, 5, 6)), true, 'quality 6 misses a target of 5 going down');
    // A cost goal going up (revenue per order from 5 to 10): higher is better.
    assert.equal(missed(measure('cost', 5, 10, 12)), false, 'cost 12 meets a target of 10 going up');
    assert.equal(missed(measure('cost', 5, 10, 8)), true, 'cost 8 misses a target of 10 going up');
    assert.equal(missed(measure('time', 5, 10, 8)), true, 'time 8 misses a target of 10 going up');
    // Baseline equal to target: the kind decides (cost and time down, quality up).
    assert.equal(missed(measure('cost', 10, 10, 12)), true);
    assert.equal(missed(measure('quality', 10, 10, 8)), true);
    assert.equal(missed(measure('quality', 10, 10, 12)), false);
  });

  it('does not fire when the target is met', () => {
    assertClean(check(goal('provider', '11.20')));
    assertClean(check(goal('provider', '11.40')));
  });

  it('does not fire before the due date', () => {
    assertClean(check(goal('provider', '11.90', '2027-12-31')));
    assertClean(check(goal(), { today: '2027-03-31' }));
  });

  it('is a warning under every relationship model', () => {
    assertSeverityByModel('goal-missed', (model) => goal(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('goal-missed', goal(), 'warning');
  });

  it('writes the unit after the figures: none, with a space, or a bare %', () => {
    const message = (text: string) => only(check(text), 'goal-missed').message;
    assert.equal(
      message(goal()),
      'Goal missed: "Cost per shipped order" was due 2027-03-31 with target 11.4 EUR, and the actual is 11.9 EUR. Record the new plan for this outcome.',
    );
    assert.equal(
      message(goal().replace('unit: EUR', "unit: '%'")),
      'Goal missed: "Cost per shipped order" was due 2027-03-31 with target 11.4%, and the actual is 11.9%. Record the new plan for this outcome.',
    );
    assert.equal(
      message(quality('95')),
      'Goal missed: "OEE" was due 2026-09-30 with target 97, and the actual is 95. Record the new plan for this outcome.',
    );
  });

  it('names the measure by its kind, or "measure", when it has no metric', () => {
    const message = (text: string) => withCode(check(text), 'goal-missed')[0]?.message;
    assert.match(message(quality('95').replace('metric: OEE, ', ''))!, /^Goal missed: "quality" was due/);
    assert.match(message(quality('95').replace('kind: quality, metric: OEE, ', ''))!, /^Goal missed: "measure" was due/);
  });
});
