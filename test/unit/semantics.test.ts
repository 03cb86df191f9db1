// Semantics the design requires of the engine as a whole, one test each.
import * as assert from 'node:assert/strict';
import type { RuleId } from '../../src/core/check/ruleIds';
import { check, MODELS, only, withCode, yaml } from './helpers';

const SPEND_RULES: RuleId[] = ['unlinked-spend', 'unlinked-infrastructure', 'cost-overrun', 'beyond-budget'];

// One linked initiative of 100k, and two that would trip every spend rule if they were live:
// no outcome, an actual cost above the cost, and far past the 150k budget.
const withStatus = (status: string) => yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: Test portfolio
    currency: EUR
    brm: Dana Whitfield
    budget: 150k
  outcomes:
    - id: plant-uptime
      title: Raise plant uptime
      owner: VP Manufacturing
      measures:
        - { kind: quality, metric: OEE, target: 97 }
  initiatives:
    - id: mes-upgrade
      title: MES upgrade
      outcomes: [plant-uptime]
      cost: 100k
      priority: 1
      owner: Plant IT
    - id: lab-oracle-upgrade
      title: Upgrade the lab database
      type: software-upgrade
      cost: 300k
      actualCost: 400k
      priority: 2
      owner: Infrastructure
      status: ${status}
    - id: intranet-redesign
      title: Intranet redesign
      type: application
      cost: 200k
      actualCost: 250k
      priority: 3
      owner: Communications
      status: ${status}
`;

describe('engine semantics', () => {
  it('cancelled initiatives count in no total', () => {
    const { summary } = check(withStatus('cancelled'));
    assert.equal(summary.totalSpend, 100_000_00);
    assert.equal(summary.alignedSpend, 100_000_00);
    assert.equal(summary.unlinkedSpend, 0);
    assert.equal(summary.alignmentScore, 1);
    assert.deepEqual(summary.unlinked, []);
    assert.deepEqual(summary.counts, { files: 1, outcomes: 1, initiatives: 1, cancelled: 2 });
    assert.deepEqual(summary.byCategory, { run: 0, grow: 0, transform: 0, uncategorized: 100_000_00 });
    assert.equal(summary.budgetUse, 100_000_00 / 150_000_00);
  });

  it('cancelled initiatives get no spend rule (unlinked-spend, unlinked-infrastructure, cost-overrun, beyond-budget)', () => {
    const live = check(withStatus('approved'));
    for (const rule of SPEND_RULES) assert.ok(withCode(live, rule).length > 0, `${rule} fires for the live initiatives`);
    const cancelled = check(withStatus('cancelled'));
    for (const rule of SPEND_RULES) assert.deepEqual(withCode(cancelled, rule), [], rule);
  });

  it('outcomes: [] is no link', () => {
    const text = withStatus('approved').replace('    type: application\n', '    type: application\n    outcomes: []\n');
    const result = check(text);
    assert.match(only(result, 'unlinked-spend').message, /intranet-redesign/);
    const row = result.summary.unlinked.find((u) => u.id === 'intranet-redesign');
    assert.equal(row?.reason, 'no-link');
    assert.equal(row?.spend, 200_000_00);
  });

  describe('an initiative whose links all point at missing outcomes', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      outcomes:
        - { id: customer-retention, title: Keep key accounts, owner: CCO, measures: [{ kind: quality, metric: Retention, target: 95 }] }
      initiatives:
        - { id: crm-renewal, title: CRM renewal, outcomes: [customer-retention], cost: 420k, owner: Sales IT }
        - { id: mobile-sales-app, title: Mobile sales app, type: application, outcomes: [customer-retension], cost: 310k, owner: Sales IT }
        - { id: storage-expansion, title: More storage, type: infrastructure, outcomes: [storag-capacity], cost: 380k, owner: Infrastructure }
    `;

    it('gets unknown-outcome with a did-you-mean', () => {
      const found = withCode(check(text), 'unknown-outcome');
      assert.equal(found.length, 2);
      assert.match(found[0]!.message, /"customer-retension": did you mean "customer-retention"\?/);
    });

    it('does not also get unlinked-spend or unlinked-infrastructure', () => {
      const result = check(text);
      assert.deepEqual(withCode(result, 'unlinked-spend'), []);
      assert.deepEqual(withCode(result, 'unlinked-infrastructure'), []);
    });

    it('has its spend counted as unlinked and is listed in summary.unlinked', () => {
      const { summary } = check(text);
      assert.equal(summary.totalSpend, 1_110_000_00);
      assert.equal(summary.alignedSpend, 420_000_00);
      assert.equal(summary.unlinkedSpend, 690_000_00);
      assert.deepEqual(
        summary.unlinked.map((u) => [u.id, u.spend, u.reason]),
        [
          ['storage-expansion', 380_000_00, 'unknown-outcome'],
          ['mobile-sales-app', 310_000_00, 'unknown-outcome'],
        ],
      );
    });

    it('counts only the share of a split that goes to the missing outcome as unlinked', () => {
      const split = text.replace(
        'outcomes: [customer-retension], cost: 310k',
        'outcomes: { customer-retention: 60%, customer-retension: 40% }, cost: 310k',
      );
      const { summary } = check(split);
      // 40% of 310,000 = 124,000 unlinked; 60% = 186,000 aligned.
      const row = summary.unlinked.find((u) => u.id === 'mobile-sales-app');
      assert.equal(row?.spend, 124_000_00);
      assert.equal(summary.alignedSpend, 420_000_00 + 186_000_00);
    });
  });

  it('infrastructure and software-upgrade initiatives get unlinked-infrastructure instead of unlinked-spend, never both', () => {
    for (const type of ['infrastructure', 'software-upgrade']) {
      for (const model of MODELS) {
        const text = withStatus('approved')
          .replace('type: application', `type: ${type}`)
          .replace('  brm: Dana Whitfield\n', `  brm: Dana Whitfield\n  relationshipModel: ${model}\n`);
        const result = check(text);
        assert.equal(withCode(result, 'unlinked-infrastructure').length, 2, `${type} under ${model}`);
        assert.deepEqual(withCode(result, 'unlinked-spend'), [], `${type} under ${model}`);
      }
    }
  });

  it('an application with no type or another type gets unlinked-spend only', () => {
    const result = check(withStatus('approved').replace('    type: application\n', ''));
    assert.equal(withCode(result, 'unlinked-spend').length, 1);
    assert.equal(withCode(result, 'unlinked-infrastructure').length, 1, 'the software upgrade');
  });

  it('mandates need no measures (no unmeasured-outcome, even under peer)', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield, relationshipModel: peer }
      outcomes:
        - { id: nis2-compliance, title: Comply with NIS2, kind: mandate, owner: CISO }
        - { id: new-market-launch, title: Sell in the Nordics, kind: outcome, owner: CCO }
      initiatives:
        - { id: soc-service, title: Managed SOC, outcomes: [nis2-compliance, new-market-launch], cost: 600k, owner: Security office }
    `;
    const found = withCode(check(text), 'unmeasured-outcome');
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /new-market-launch/);
    assert.equal(found[0]!.severity, 'error');
  });

  it('measured share = spend on outcomes with at least one measure with a target / total spend', () => {
    // measured (second measure has a target): 300k; measures without target: 200k;
    // mandate without measures: 100k; unlinked: 400k. Total 1,000k, measured share 0.3.
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      outcomes:
        - id: measured
          title: Measured outcome
          owner: COO
          measures:
            - { kind: cost, metric: No target yet, baseline: 10 }
            - { kind: time, metric: Lead time, baseline: 52, target: 36 }
        - id: target-less
          title: Outcome whose measures have no target
          owner: CFO
          measures:
            - { kind: time, metric: Days sales outstanding, baseline: 51, actual: 45 }
        - { id: mandate, title: A mandate, kind: mandate, owner: CFO }
      initiatives:
        - { id: a, title: A, outcomes: [measured], cost: 300k, owner: T }
        - { id: b, title: B, outcomes: [target-less], cost: 200k, owner: T }
        - { id: c, title: C, outcomes: [mandate], cost: 100k, owner: T }
        - { id: d, title: D, cost: 400k, owner: T }
    `;
    const { summary } = check(text);
    assert.equal(summary.totalSpend, 1_000_000_00);
    assert.equal(summary.measuredSpend, 300_000_00);
    assert.equal(summary.measuredShare, 0.3);
    assert.deepEqual(
      summary.byOutcome.map((o) => [o.id, o.measured]),
      [
        ['measured', true],
        ['target-less', false],
        ['mandate', false],
      ],
    );
  });

  it('date rules use the today passed in: the same file gives different results on two days', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Test portfolio, currency: EUR, brm: Dana Whitfield }
      outcomes:
        - id: order-to-cash
          title: Get paid faster
          owner: CFO
          measures:
            - { kind: time, metric: Days sales outstanding, baseline: 51, target: 40, actual: 44, due: 2027-03-31 }
      initiatives:
        - { id: collections, title: Automate collections, outcomes: [order-to-cash], cost: 340k, owner: Finance IT, status: in-progress, end: 2027-04-30 }
    `;
    const before = check(text, { today: '2027-03-01' });
    assert.deepEqual(withCode(before, 'goal-missed'), []);
    assert.deepEqual(withCode(before, 'schedule-slip'), []);
    assert.deepEqual(
      before.summary.goals.map((g) => g.status),
      ['on-track'],
    );
    const after = check(text, { today: '2027-05-01' });
    assert.equal(withCode(after, 'goal-missed').length, 1);
    assert.equal(withCode(after, 'schedule-slip').length, 1);
    assert.deepEqual(
      after.summary.goals.map((g) => g.status),
      ['missed'],
    );
    assert.equal(after.summary.today, '2027-05-01');
  });

  it('metadata.rules of one file changes severities in that file only', () => {
    const quiet = withStatus('approved').replace('  brm: Dana Whitfield\n', '  brm: Dana Whitfield\n  rules: { unlinked-spend: off }\n');
    const loud = withStatus('approved')
      .replace(/id: ([a-z-]+)/g, 'id: other-$1')
      .replace('[plant-uptime]', '[other-plant-uptime]');
    const result = check({ 'a.portfolio.yaml': quiet, 'b.portfolio.yaml': loud });
    assert.deepEqual(withCode(result, 'unlinked-spend', 'a.portfolio.yaml'), []);
    assert.equal(withCode(result, 'unlinked-spend', 'b.portfolio.yaml').length, 1);
  });

  it('uses defaultModel only when no file declares a relationship model', () => {
    const text = withStatus('approved');
    assert.equal(only(check(text), 'unlinked-spend').severity, 'warning', 'provider by default');
    assert.equal(only(check(text, { defaultModel: 'peer' }), 'unlinked-spend').severity, 'error');
    assert.equal(check(text, { defaultModel: 'peer' }).summary.relationshipModel, 'peer');
    const declared = text.replace('  brm: Dana Whitfield\n', '  brm: Dana Whitfield\n  relationshipModel: passive\n');
    assert.equal(only(check(declared, { defaultModel: 'peer' }), 'unlinked-spend').severity, 'warning');
    assert.equal(check(declared, { defaultModel: 'peer' }).summary.relationshipModel, 'passive');
  });
});
