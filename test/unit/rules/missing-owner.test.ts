import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, portfolio, rangeOf, yaml } from '../helpers';

const ownerless = (model = 'provider', initiativeOwner: string | null = null, outcomeOwner: string | null = 'COO') =>
  portfolio({ metadata: { relationshipModel: model }, outcomes: [{ owner: outcomeOwner }], initiatives: [{ owner: initiativeOwner }] });

describe('rule missing-owner', () => {
  it('fires at the id of an initiative with no owner', () => {
    const text = ownerless();
    const d = only(check(text), 'missing-owner');
    assert.equal(d.severity, 'info');
    assert.deepEqual(d.range, rangeOf(text, 'wms-rollout'));
    assert.match(d.message, /Initiative "wms-rollout" has no owner/);
    assert.equal(
      d.message,
      'Initiative "wms-rollout" has no owner: add owner: with the team or person accountable for it.',
      'the whole message',
    );
  });

  it('fires at the id of an outcome with no owner', () => {
    const text = ownerless('provider', 'Logistics IT', null);
    const d = only(check(text), 'missing-owner');
    assert.deepEqual(d.range, rangeOf(text, 'supply-chain-cost', 1));
    assert.match(d.message, /Outcome "supply-chain-cost" has no owner/);
  });

  it('does not fire when everything has an owner', () => {
    assertClean(check(ownerless('provider', 'Logistics IT')));
  });

  it('is info for passive and provider, a warning for partner and peer', () => {
    assertSeverityByModel('missing-owner', (model) => ownerless(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('missing-owner', ownerless(), 'info');
  });
});

describe('rule missing-owner: edges the mutation run found untested', () => {
  it('offers to add owner: with a placeholder that says who it should be', () => {
    assert.deepEqual(only(check(ownerless()), 'missing-owner').data, {
      kind: 'add-field',
      field: 'owner',
      placeholder: 'Accountable team',
    });
    assert.deepEqual(only(check(ownerless('provider', 'Logistics IT', null)), 'missing-owner').data, {
      kind: 'add-field',
      field: 'owner',
      placeholder: 'Business sponsor',
    });
  });

  it('names an outcome or initiative with no id "This outcome" / "This initiative", at its first key', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      outcomes:
        - { title: Nameless outcome, measures: [{ kind: cost, target: 1 }] }
      initiatives:
        - { title: Nameless initiative, cost: 10 }
    `;
    const found = check(text)
      .files[0]!.diagnostics.filter((d) => d.code === 'missing-owner')
      .map((d) => [d.message, d.range]);
    assert.deepEqual(found, [
      ['This outcome has no owner: add owner: with its business sponsor.', rangeOf(text, 'title', 1)],
      ['This initiative has no owner: add owner: with the team or person accountable for it.', rangeOf(text, 'title', 2)],
    ]);
  });
});
