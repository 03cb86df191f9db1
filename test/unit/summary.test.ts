// The summary of a hand-computed portfolio (test/fixtures/summary), asserted to the cent.
// Every expected figure is worked out in the comments of the fixture files and here.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SpendLedger } from '../../src/core/check/ledger';
import type { CheckResult } from '../../src/core/check/workspace';
import { analysisOf, check, diagnostics, REPO_ROOT, rangeOf, yaml } from './helpers';

const OUTCOMES = 'fixtures/summary/outcomes.portfolio.yaml';
const INITIATIVES = 'fixtures/summary/initiatives.portfolio.yaml';
const read = (file: string) => fs.readFileSync(path.join(REPO_ROOT, 'test', file), 'utf8');

describe('summary of the hand-computed portfolio', () => {
  const outcomesText = read(OUTCOMES);
  const initiativesText = read(INITIATIVES);
  let result: CheckResult;
  before(() => {
    result = check({ [OUTCOMES]: outcomesText, [INITIATIVES]: initiativesText });
  });

  // Spend per initiative in euro cents (see the fixture):
  //   tiny 10 + 20 + 70, three-way 10000, usd 113580, chf 108349, capex 100000, capex-usd 13800,
  //   odd 5, eighths 1000, unlinked 1234, typo 555, nocap 777, actual 333; cancelled not counted.
  const TOTAL = 10 + 20 + 70 + 10000 + 113580 + 108349 + 100000 + 13800 + 5 + 1000 + 1234 + 555 + 777 + 333;
  const UNLINKED = 1234 + 555;

  it('totals the spend exactly, in cents', () => {
    assert.equal(TOTAL, 349733);
    const s = result.summary;
    assert.equal(s.currency, 'EUR');
    assert.equal(s.totalSpend, 349733);
    assert.equal(s.unlinkedSpend, 1789);
    assert.equal(s.alignedSpend, 347944);
    assert.equal(s.totalSpend, s.alignedSpend + s.unlinkedSpend);
    assert.equal(s.unconverted, 0);
    assert.deepEqual(s.counts, { files: 2, outcomes: 6, initiatives: 14, cancelled: 1 });
  });

  it('computes the alignment score and the measured share', () => {
    const s = result.summary;
    assert.equal(s.alignmentScore, (TOTAL - UNLINKED) / TOTAL);
    // Measured: o-supply 126702 + o-workplace 3433 + o-nocap 1110 (o-orphan has a target but no spend).
    assert.equal(s.measuredSpend, 131245);
    assert.equal(s.measuredShare, 131245 / 349733);
  });

  it('allocates spend per outcome, with weighted and equal splits to the cent', () => {
    // o-supply:    3334 (three-way) + 113580 (usd) + 9660 (70% of 13800) + 3 (odd) + 125 (eighths)
    // o-cash:      3333 (three-way) + 108349 (chf) + 2 (odd) + 875 (eighths)
    // o-workplace: 10 + 20 + 70 + 3333 (three-way)
    // o-nis2:      100000 (capex) + 4140 (30% of 13800)
    // o-nocap:     777 + 333
    const expected = [
      { id: 'o-supply', spend: 126702, initiatives: 5 },
      { id: 'o-cash', spend: 112559, initiatives: 4 },
      { id: 'o-nis2', spend: 104140, initiatives: 2 },
      { id: 'o-workplace', spend: 3433, initiatives: 4 },
      { id: 'o-nocap', spend: 1110, initiatives: 2 },
      { id: 'o-orphan', spend: 0, initiatives: 0 },
    ];
    const s = result.summary;
    assert.deepEqual(
      s.byOutcome.map((o) => ({ id: o.id, spend: o.spend, initiatives: o.initiatives })),
      expected,
    );
    assert.equal(
      s.byOutcome.reduce((sum, o) => sum + o.spend, 0),
      s.alignedSpend,
    );
  });

  it('splits 100.00 three ways into parts that sum to exactly 100.00', () => {
    const row = result.summary.initiatives.find((r) => r.id === 'i-three-way')!;
    assert.equal(row.spend, 10000);
    assert.equal(row.aligned, 10000);
    assert.equal(row.unlinked, 0);
    assert.deepEqual(row.outcomes, ['o-supply', 'o-cash', 'o-workplace']);
  });

  it('converts USD with 0.92 and CHF with 1.0835, rounding to the cent', () => {
    const spend = (id: string) => result.summary.initiatives.find((r) => r.id === id)!.spend;
    assert.equal(spend('i-usd'), 113580);
    assert.equal(spend('i-chf'), 108349);
    assert.equal(spend('i-capex-usd'), 13800);
    assert.equal(spend('i-capex'), 100000);
    assert.equal(spend('i-tiny-1') + spend('i-tiny-2') + spend('i-tiny-3'), 100);
  });

  it('rolls linked spend up by capability, outcomes without one under null', () => {
    assert.deepEqual(result.summary.byCapability, [
      { capability: 'Supply chain', spend: 126702, outcomes: 2 },
      { capability: 'Finance', spend: 112559, outcomes: 1 },
      { capability: 'Risk and compliance', spend: 104140, outcomes: 1 },
      { capability: 'Workplace', spend: 3433, outcomes: 1 },
      // o-nocap 1110; the 1789 of unlinked spend serves no capability and is not here.
      { capability: null, spend: 1110, outcomes: 1 },
    ]);
    assert.equal(
      result.summary.byCapability.reduce((sum, c) => sum + c.spend, 0),
      TOTAL - 1789,
    );
    assert.equal(
      result.summary.byCapability.reduce((sum, c) => sum + c.spend, 0),
      result.summary.alignedSpend,
    );
  });

  it('rolls spend up by owner and by category', () => {
    assert.deepEqual(result.summary.byOwner, [
      { owner: 'Security office', spend: 113800, initiatives: 2 },
      { owner: 'Sales IT', spend: 113580, initiatives: 1 },
      { owner: 'Finance IT', spend: 109354, initiatives: 3 },
      { owner: 'Data office', spend: 10777, initiatives: 2 },
      { owner: 'Workplace IT', spend: 1234, initiatives: 1 },
      { owner: 'Logistics IT', spend: 555, initiatives: 1 },
      { owner: null, spend: 333, initiatives: 1 },
      { owner: 'Service desk', spend: 100, initiatives: 3 },
    ]);
    // run: 100 + 100000 + 1234 + 777; grow: 10000 + 108349 + 5 + 555; transform: 113580 + 13800 + 333.
    assert.deepEqual(result.summary.byCategory, { run: 102111, grow: 118909, transform: 127713, uncategorized: 1000 });
    assert.equal(result.summary.runShare, 102111 / TOTAL);
  });

  it('lists the unlinked spend with its reason and 1-based line', () => {
    assert.deepEqual(
      result.summary.unlinked.map((u) => ({ id: u.id, spend: u.spend, reason: u.reason, path: u.path, line: u.line })),
      [
        {
          id: 'i-unlinked',
          spend: 1234,
          reason: 'no-link',
          path: INITIATIVES,
          line: rangeOf(initiativesText, 'i-unlinked').start.line + 1,
        },
        { id: 'i-typo', spend: 555, reason: 'unknown-outcome', path: INITIATIVES, line: rangeOf(initiativesText, 'i-typo').start.line + 1 },
      ],
    );
  });

  it('resolves links across the two files and reports only the real problems', () => {
    const found = result.files.flatMap((f) => f.diagnostics.map((d) => `${f.path} ${d.code} ${d.range.start.line}`));
    assert.deepEqual(
      found.sort(),
      [
        `${OUTCOMES} orphan-outcome ${rangeOf(outcomesText, 'o-orphan').start.line}`,
        `${OUTCOMES} unmeasured-outcome ${rangeOf(outcomesText, 'o-cash').start.line}`,
        `${INITIATIVES} missing-owner ${rangeOf(initiativesText, 'i-actual').start.line}`,
        `${INITIATIVES} unknown-outcome ${rangeOf(initiativesText, 'o-suply').start.line}`,
        `${INITIATIVES} unlinked-spend ${rangeOf(initiativesText, 'i-unlinked').start.line}`,
      ].sort(),
    );
    assert.equal(diagnostics(result).length, 5);
  });

  it('gives the same figures whatever the order the files are added in', () => {
    const reversed = check({ [INITIATIVES]: initiativesText, [OUTCOMES]: outcomesText });
    assert.deepEqual(reversed.summary, result.summary);
  });
});

describe('summary currency', () => {
  // 1 USD = 0.92 EUR. In a USD summary, 920.00 EUR is 1000.00 USD and 100.00 USD stays 100.00.
  const text = yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { name: Currency, currency: EUR, brm: Dana Whitfield, rates: { USD: 0.92 } }
    outcomes:
      - { id: o, title: O, owner: COO, measures: [{ kind: cost, metric: M, target: 1 }] }
    initiatives:
      - { id: a, title: A, outcomes: [o], cost: 920, owner: T }
      - { id: b, title: B, outcomes: [o], cost: 100 USD, owner: T }
      - { id: c, title: C, outcomes: [o], cost: 1000 JPY, owner: T }
  `;

  it('converts into the currency the caller asks for, through the inverse rate', () => {
    const withYen = text.replace('rates: { USD: 0.92 }', 'rates: { USD: 0.92, JPY: 0.0061 }');
    const eur = check(withYen).summary;
    // 920.00 + 100 × 0.92 + 1000 × 0.0061 = 920.00 + 92.00 + 6.10 = 1018.10 EUR.
    assert.equal(eur.totalSpend, 101810);
    const usd = check(withYen, { currency: 'USD' }).summary;
    assert.equal(usd.currency, 'USD');
    // 92000 EUR cents / 0.92 = 100000; 100 USD = 10000; 1000 JPY × 0.0061 / 0.92 = 6.6304... → 663.
    assert.equal(usd.totalSpend, 100000 + 10000 + 663);
    const yen = check(withYen, { currency: 'JPY' }).summary;
    // JPY has no minor unit: 920 / 0.0061 = 150819.67 → 150820; 100 × 0.92 / 0.0061 = 15081.97 → 15082; 1000.
    assert.equal(yen.totalSpend, 150820 + 15082 + 1000);
  });

  it('converts a GBP file into EUR through the USD rate both files quote', () => {
    // 1 USD = 0.92 EUR (a) and 1 USD = 0.79 GBP (b): 100.00 GBP = 100 × 0.92 / 0.79 = 116.4557 → 116.46 EUR.
    const a = text.replace(/^.*1000 JPY.*\n/m, '');
    const b = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Currency, currency: GBP, rates: { USD: 0.79 } }
      initiatives:
        - { id: uk, title: UK, outcomes: [o], cost: 100, owner: T }
    `;
    const result = check({ 'a.portfolio.yaml': a, 'b.portfolio.yaml': b });
    assert.deepEqual(
      diagnostics(result).map((d) => d.message),
      [],
    );
    assert.equal(result.summary.currency, 'EUR');
    assert.equal(result.summary.totalSpend, 92000 + 9200 + 11646);
  });

  it('leaves an amount it cannot convert out of the totals and counts it', () => {
    const { summary } = check(text);
    assert.equal(summary.totalSpend, 92000 + 9200);
    assert.equal(summary.unconverted, 1);
  });
});

// Written to kill ledger.ts mutants that survived npm run test:mutation (docs/testing.md).
describe('summary: splits below 100% and the summary currency', () => {
  const file = (currency: string, links: string) => yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { name: Split, currency: ${currency}, brm: Dana Whitfield, rates: { USD: 1, EUR: 1, GBP: 1 } }
    outcomes:
      - { id: a, title: A, owner: COO, measures: [{ kind: cost, metric: M, target: 1 }] }
      - { id: b, title: B, owner: COO, measures: [{ kind: cost, metric: M, target: 1 }] }
    initiatives:
      - { id: split, title: Split, outcomes: ${links}, cost: 100000, owner: IT }
  `;

  it('gives each outcome its weight below 100% and counts the rest as unlinked (docs/format.md)', () => {
    const s = check(file('EUR', '{ a: 60%, b: 30% }')).summary;
    assert.deepEqual(
      s.byOutcome.map((o) => [o.id, o.spend]),
      [
        ['a', 6000000],
        ['b', 3000000],
      ],
    );
    assert.equal(s.unlinkedSpend, 1000000);
    assert.deepEqual(
      s.unlinked.map((u) => [u.id, u.spend, u.reason]),
      [['split', 1000000, 'split-below-100']],
    );
  });

  it('splits in proportion above 100%, and a full split leaves nothing unlinked', () => {
    const over = check(file('EUR', '{ a: 80%, b: 40% }')).summary;
    assert.deepEqual(
      over.byOutcome.map((o) => [o.id, o.spend]),
      [
        ['a', 6666667],
        ['b', 3333333],
      ],
    );
    assert.deepEqual(over.unlinked, []);
    const full = check(file('EUR', '[a, b]')).summary;
    assert.deepEqual(full.unlinked, []);
    assert.equal(full.alignedSpend, 10000000);
  });

  it('uses the currency most files declare, not the first file', () => {
    const files = {
      'a.portfolio.yaml': file('EUR', '[a]'),
      'b.portfolio.yaml': file('USD', '[a]').replace('id: split', 'id: split-b'),
      'c.portfolio.yaml': file('USD', '[a]').replace('id: split', 'id: split-c'),
    };
    assert.equal(check(files).summary.currency, 'USD');
    assert.equal(
      check({ 'a.portfolio.yaml': files['a.portfolio.yaml'], 'b.portfolio.yaml': files['b.portfolio.yaml'] }).summary.currency,
      'EUR',
      'a tie goes to the first file',
    );
  });
});

describe('summary: the filters (a ledger that counts only some initiatives)', () => {
  const text = yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { name: Filters, currency: EUR, brm: Dana Whitfield }
    outcomes:
      - { id: a, title: A, owner: COO, measures: [{ kind: cost, metric: M, target: 1 }] }
    initiatives:
      - { id: crm, title: CRM, outcomes: [a], cost: 1000, owner: Sales IT }
      - { id: erp, title: ERP, cost: 300, owner: Finance IT }
  `;

  it('counts only the initiatives the filter accepts', () => {
    const { files, index } = analysisOf({ 'a.portfolio.yaml': text });
    const ledger = new SpendLedger(files, index, { include: (_file, item) => item.model.owner === 'Finance IT' });
    assert.deepEqual(
      ledger.initiatives.map((e) => e.item.model.id?.value),
      ['erp'],
    );
    assert.deepEqual([ledger.total, ledger.aligned], [30000, 0]);
  });

  it('is never updated in place, even when the filter takes every initiative', () => {
    const { files, index } = analysisOf({ 'a.portfolio.yaml': text });
    const file = files[0]!;
    const filtered = new SpendLedger(files, index, { include: () => true });
    assert.equal(filtered.prepareReplace(file, file.initiatives, file.initiatives), undefined);
    const whole = new SpendLedger(files, index);
    assert.equal(typeof whole.prepareReplace(file, file.initiatives, file.initiatives), 'function');
  });
});

describe('summary: edges (ties, fallbacks, zero budgets, an empty portfolio)', () => {
  // b-out has no title and a budget of 0; a-out a capability and a budget of 200; each gets 100.00.
  const first = yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { currency: EUR, budget: 0 }
    outcomes:
      - { id: b-out, owner: COO, budget: 0, measures: [{ kind: cost, unit: EUR, baseline: 2, target: 1, actual: 1.5, due: 2027-12-31 }] }
      - { id: a-out, title: A, capability: Sales, budget: 200, measures: [{ kind: time, metric: Days }] }
    initiatives:
      - { id: z-one, cost: 100, owner: IT, outcomes: [b-out] }
      - { id: y-two, cost: 100, outcomes: [a-out] }
      - { id: x-three, title: Three, cost: 50, type: application, status: in-progress, priority: 2, category: grow }
      - { id: w-four, title: Four, cost: 50, owner: Ops }
      - { id: gone, title: Gone, cost: 10, status: cancelled }
  `;
  // The name, BRM and fiscal year come from the first file that has each: here the second.
  const second = yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { name: Second, currency: EUR, brm: Dana Whitfield, fiscalYear: 2027 }
  `;
  const summary = () => check({ 'a.portfolio.yaml': first, 'b.portfolio.yaml': second }).summary;

  it('breaks ties of equal spend by id, and puts "no capability" after a named one', () => {
    const s = summary();
    assert.deepEqual(
      s.byOutcome.map((o) => [o.id, o.spend]),
      [
        ['a-out', 10000],
        ['b-out', 10000],
      ],
    );
    assert.deepEqual(s.byCapability, [
      { capability: 'Sales', spend: 10000, outcomes: 1 },
      { capability: null, spend: 10000, outcomes: 1 },
    ]);
    assert.deepEqual(
      s.unlinked.map((u) => [u.id, u.spend]),
      [
        ['w-four', 5000],
        ['x-three', 5000],
      ],
    );
    assert.deepEqual(s.byOwner, [
      { owner: null, spend: 15000, initiatives: 2 },
      { owner: 'IT', spend: 10000, initiatives: 1 },
      { owner: 'Ops', spend: 5000, initiatives: 1 },
    ]);
  });

  it('falls back to the id for a title and to the kind for a metric, and counts the cancelled', () => {
    const s = summary();
    assert.deepEqual(
      s.initiatives.map((r) => [r.id, r.title]),
      [
        ['z-one', 'z-one'],
        ['y-two', 'y-two'],
        ['x-three', 'Three'],
        ['w-four', 'Four'],
      ],
    );
    assert.equal(s.byOutcome.find((o) => o.id === 'b-out')?.title, 'b-out');
    assert.deepEqual(
      s.goals.map((g) => [g.outcome, g.outcomeTitle, g.metric, g.line]),
      [
        ['b-out', 'b-out', 'cost', 5],
        ['a-out', 'A', 'Days', 6],
      ],
    );
    assert.deepEqual(s.counts, { files: 2, outcomes: 2, initiatives: 4, cancelled: 1 });
    assert.deepEqual([s.name, s.brm, s.fiscalYear], ['Second', 'Dana Whitfield', 2027]);
  });

  it('gives every field of the rows, goals and outcomes', () => {
    const s = summary();
    const where = (line: number) => ({ path: 'a.portfolio.yaml', line });
    assert.deepEqual(s.initiatives, [
      { id: 'z-one', title: 'z-one', spend: 10000, aligned: 10000, unlinked: 0, outcomes: ['b-out'], ...where(8), owner: 'IT' },
      { id: 'y-two', title: 'y-two', spend: 10000, aligned: 10000, unlinked: 0, outcomes: ['a-out'], ...where(9) },
      {
        id: 'x-three',
        title: 'Three',
        spend: 5000,
        aligned: 0,
        unlinked: 5000,
        outcomes: [],
        ...where(10),
        category: 'grow',
        type: 'application',
        status: 'in-progress',
        priority: 2,
        reason: 'no-link',
      },
      { id: 'w-four', title: 'Four', spend: 5000, aligned: 0, unlinked: 5000, outcomes: [], ...where(11), owner: 'Ops', reason: 'no-link' },
    ]);
    assert.deepEqual(s.unlinked, [
      { id: 'w-four', title: 'Four', spend: 5000, reason: 'no-link', ...where(11), owner: 'Ops' },
      { id: 'x-three', title: 'Three', spend: 5000, reason: 'no-link', ...where(10), type: 'application', status: 'in-progress' },
    ]);
    assert.deepEqual(s.goals, [
      {
        outcome: 'b-out',
        outcomeTitle: 'b-out',
        metric: 'cost',
        status: 'on-track',
        ...where(5),
        kind: 'cost',
        unit: 'EUR',
        baseline: 2,
        target: 1,
        actual: 1.5,
        due: '2027-12-31',
      },
      { outcome: 'a-out', outcomeTitle: 'A', metric: 'Days', status: 'not-measured', ...where(6), kind: 'time' },
    ]);
    assert.deepEqual(s.byOutcome, [
      {
        id: 'a-out',
        title: 'A',
        kind: 'outcome',
        spend: 10000,
        initiatives: 1,
        measured: false,
        ...where(6),
        capability: 'Sales',
        budget: 20000,
        budgetUse: 0.5,
      },
      { id: 'b-out', title: 'b-out', kind: 'outcome', spend: 10000, initiatives: 1, measured: true, ...where(5), owner: 'COO', budget: 0 },
    ]);
    assert.deepEqual(
      [s.measuredSpend, s.byCategory, s.runBenchmark],
      [10000, { run: 0, grow: 5000, transform: 0, uncategorized: 25000 }, { low: 0.67, high: 0.72 }],
    );
  });

  it('gives a budget of zero but no share of it, for the portfolio and for an outcome', () => {
    const s = summary();
    assert.equal(s.budget, 0);
    assert.ok(!('budgetUse' in s));
    const outcome = s.byOutcome.find((o) => o.id === 'b-out')!;
    assert.equal(outcome.budget, 0);
    assert.ok(!('budgetUse' in outcome));
  });

  it('counts problems by severity and by rule, ties by rule name', () => {
    const { problems } = summary();
    assert.deepEqual([problems.errors, problems.warnings, problems.infos], [5, 3, 9]);
    assert.deepEqual(problems.byRule.slice(0, 3), [
      { rule: 'schema', count: 5 },
      { rule: 'beyond-budget', count: 4 },
      { rule: 'missing-owner', count: 4 },
    ]);
  });

  it('has no score, shares or budget when nothing is spent', () => {
    const s = check(yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Empty, currency: EUR }
    `).summary;
    assert.deepEqual([s.totalSpend, s.alignmentScore, s.measuredShare, s.runShare], [0, null, null, null]);
    assert.ok(!('budget' in s) && !('budgetUse' in s) && !('brm' in s) && !('fiscalYear' in s));
  });
});

describe('summary: edges the mutation run found untested', () => {
  const summaryOf = (text: string) => check(text).summary;

  it('orders spend by owner and by capability by their sums, ties by name with "none" last', () => {
    // Capability Beta's one outcome is spent first (50) but Alpha's two make 60; Gamma, Delta and none tie at 10.
    const s = summaryOf(yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { currency: EUR }
      outcomes:
        - { id: beta-1, capability: Beta }
        - { id: alpha-1, capability: Alpha }
        - { id: alpha-2, capability: Alpha }
        - { id: none-1 }
        - { id: gamma-1, capability: Gamma }
        - { id: delta-1, capability: Delta }
      initiatives:
        - { id: i-beta, cost: 50, owner: Beta, outcomes: [beta-1] }
        - { id: i-alpha-1, cost: 30, owner: Alpha, outcomes: [alpha-1] }
        - { id: i-alpha-2, cost: 30, owner: Alpha, outcomes: [alpha-2] }
        - { id: i-none, cost: 10, outcomes: [none-1] }
        - { id: i-gamma, cost: 10, owner: Gamma, outcomes: [gamma-1] }
        - { id: i-delta, cost: 10, owner: Delta, outcomes: [delta-1] }
    `);
    assert.deepEqual(s.byCapability, [
      { capability: 'Alpha', spend: 6000, outcomes: 2 },
      { capability: 'Beta', spend: 5000, outcomes: 1 },
      { capability: 'Delta', spend: 1000, outcomes: 1 },
      { capability: 'Gamma', spend: 1000, outcomes: 1 },
      { capability: null, spend: 1000, outcomes: 1 },
    ]);
    assert.deepEqual(s.byOwner, [
      { owner: 'Alpha', spend: 6000, initiatives: 2 },
      { owner: 'Beta', spend: 5000, initiatives: 1 },
      { owner: 'Delta', spend: 1000, initiatives: 1 },
      { owner: 'Gamma', spend: 1000, initiatives: 1 },
      { owner: null, spend: 1000, initiatives: 1 },
    ]);
  });

  it('keeps file order for unlinked items of equal spend and the same (duplicate) id', () => {
    const s = summaryOf(yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { currency: EUR }
      initiatives:
        - { id: dup, title: First, cost: 10 }
        - { id: dup, title: Second, cost: 10 }
        - { id: dup, title: Third, cost: 10 }
    `);
    assert.deepEqual(
      s.unlinked.map((u) => u.title),
      ['First', 'Second', 'Third'],
    );
  });

  it('gives an empty id and title to an initiative or goal whose outcome has none', () => {
    const s = summaryOf(yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { currency: EUR }
      outcomes:
        - { title: Untitled id, measures: [{ kind: cost }] }
        - { measures: [{ kind: time }] }
      initiatives:
        - { title: No id, cost: 1 }
        - { cost: 2 }
    `);
    assert.deepEqual(
      s.initiatives.map((r) => [r.id, r.title, r.spend]),
      [
        ['', 'No id', 100],
        ['', '', 200],
      ],
    );
    assert.deepEqual(
      s.goals.map((g) => [g.outcome, g.outcomeTitle, g.metric]),
      [
        ['', 'Untitled id', 'cost'],
        ['', '', 'time'],
      ],
    );
  });

  it('says why a cost or actual cost was not counted, and only then', () => {
    // `abc` is no amount (the model has no cost, the node has one); XYZ has no rate to EUR.
    const s = summaryOf(yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { currency: EUR }
      initiatives:
        - { id: bad-cost, cost: abc }
        - { id: bad-actual, actualCost: abc }
        - { id: no-rate, cost: 5 USD }
        - { id: no-rate-actual, actualCost: 5 USD }
        - { id: counted, cost: 5, actualCost: abc }
        - { id: actual-only, actualCost: 7 }
        - { id: nothing }
    `);
    const notes = Object.fromEntries(s.initiatives.map((r) => [r.id, r.uncounted]));
    const noRate =
      'No exchange rate from USD to EUR, so this amount is left out of every total. Add rates: { USD: <EUR per USD> } to metadata.';
    assert.deepEqual(notes, {
      'bad-cost': 'cost not counted: it is not a valid amount (see the schema problem)',
      'bad-actual': 'actualCost not counted: it is not a valid amount (see the schema problem)',
      'no-rate': `cost not counted: ${noRate}`,
      'no-rate-actual': `actualCost not counted: ${noRate}`,
      counted: undefined,
      'actual-only': undefined,
      nothing: undefined,
    });
    for (const id of ['counted', 'actual-only', 'nothing']) {
      assert.ok(!('uncounted' in s.initiatives.find((r) => r.id === id)!), id);
    }
    assert.deepEqual(
      s.initiatives.map((r) => r.spend),
      [0, 0, 0, 0, 500, 700, 0],
    );
  });
});
