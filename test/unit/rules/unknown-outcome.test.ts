import * as assert from 'node:assert/strict';
import { assertClean, assertOverrides, assertSeverityByModel, check, only, ORDER_TO_CASH, portfolio, rangeIn, withCode } from '../helpers';

const typo = (model = 'provider', links = '[supply-chain-cots]') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [{ id: 'supply-chain-cost' }, ORDER_TO_CASH],
    initiatives: [{ outcomes: '[supply-chain-cost, order-to-cash]' }, { id: 'vendor-portal', outcomes: links }],
  });

describe('rule unknown-outcome', () => {
  it('fires at the link to an outcome that does not exist, with a did-you-mean', () => {
    const text = typo();
    const d = only(check(text), 'unknown-outcome');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeIn(text, 'outcomes: [supply-chain-cots]', 'supply-chain-cots'));
    assert.match(d.message, /Unknown outcome "supply-chain-cots": did you mean "supply-chain-cost"\?/);
    assert.deepEqual(d.data, { kind: 'unknown-outcome', id: 'supply-chain-cots', suggestion: 'supply-chain-cost' });
  });

  it('fires at the key of a weighted link', () => {
    const text = typo('provider', '{ supply-chain-cost: 60%, order-to-csh: 40% }');
    const d = only(check(text), 'unknown-outcome');
    assert.deepEqual(d.range, rangeIn(text, 'order-to-csh: 40%', 'order-to-csh'));
    assert.match(d.message, /did you mean "order-to-cash"\?/);
  });

  it('says what to do when no outcome is close', () => {
    const text = typo('provider', '[cafeteria-menu]');
    const d = only(check(text), 'unknown-outcome');
    assert.doesNotMatch(d.message, /did you mean/);
    assert.match(d.message, /add "cafeteria-menu" under outcomes/);
  });

  it('does not fire when every link resolves', () => {
    assertClean(check(typo('provider', '[supply-chain-cost]')));
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('unknown-outcome', (model) => typo(model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('unknown-outcome', typo(), 'error');
    assert.deepEqual(
      withCode(check(typo(), { forceRules: { 'unknown-outcome': 'off' } }), 'unlinked-spend'),
      [],
      'turning it off does not make it unlinked-spend',
    );
  });
});
