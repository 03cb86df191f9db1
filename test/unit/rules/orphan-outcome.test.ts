import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, ORDER_TO_CASH, portfolio, rangeOf, yaml } from '../helpers';

const orphan = (model = 'provider', links = '[supply-chain-cost]') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [{ id: 'supply-chain-cost' }, ORDER_TO_CASH],
    initiatives: [{ outcomes: links }],
  });

describe('rule orphan-outcome', () => {
  it('fires at the id of an outcome that no initiative serves', () => {
    const text = orphan();
    const d = only(check(text), 'orphan-outcome');
    assert.equal(d.severity, 'info');
    assert.deepEqual(d.range, rangeOf(text, 'order-to-cash'));
    assert.match(d.message, /No initiative serves outcome "order-to-cash"/);
    assert.equal(
      d.message,
      'No initiative serves outcome "order-to-cash": link the initiatives that deliver it, or remove it if the need is gone.',
      'the whole message',
    );
  });

  it('does not fire when every outcome is served', () => {
    assertClean(check(orphan('provider', '[supply-chain-cost, order-to-cash]')));
  });

  it('counts a weighted link as serving the outcome', () => {
    assertClean(check(orphan('provider', '{ supply-chain-cost: 50%, order-to-cash: 50% }')));
  });

  it('is info for passive, provider and partner, a warning for peer', () => {
    assertSeverityByModel('orphan-outcome', (model) => orphan(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('orphan-outcome', orphan(), 'info');
  });
});

describe('rule orphan-outcome: edges the mutation run found untested', () => {
  it('reports an unserved outcome id defined twice once, at its first definition (duplicate-id reports the second)', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      outcomes:
        - { id: twice, title: First, owner: COO, measures: [{ kind: cost, target: 1 }] }
        - { id: twice, title: Second, owner: COO, measures: [{ kind: cost, target: 1 }] }
    `;
    assert.deepEqual(only(check(text), 'orphan-outcome').range, rangeOf(text, 'twice', 1));
  });
});
