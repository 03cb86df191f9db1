import * as assert from 'node:assert/strict';
import { portfolioTree, unlinkedMarks } from '../../../src/core/features/portfolioTree';
import { Workspace } from '../../../src/core/check/workspace';
import { analysisOf, at, TODAY } from '../helpers';

const O = 'file:///w/o.portfolio.yaml';
const I = 'file:///w/i.portfolio.yaml';

const OUTCOMES = `apiVersion: portfolio/v1
kind: Portfolio
metadata:
  currency: EUR
outcomes:
  - id: supply-chain-cost
    title: Cut the cost to run the supply chain
    capability: Supply chain
  - id: order-to-cash
    title: Get paid faster
    capability: Finance
  - id: lonely
    title: Served by nobody
`;

const INITIATIVES = `apiVersion: portfolio/v1
kind: Portfolio
metadata:
  currency: EUR
initiatives:
  - id: erp
    title: ERP upgrade
    outcomes: { supply-chain-cost: 60%, order-to-cash: 40% }
    cost: 1M
  - id: robots
    title: Warehouse robots
    outcomes: [supply-chain-cost]
    cost: 400k
  - id: servers
    title: New servers
    type: infrastructure
    cost: 250k
  - id: typo
    title: Links a typo
    outcomes: [order-to-cahs]
    cost: 90k
`;

describe('Portfolio view tree', () => {
  const analysis = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });

  it('puts unlinked spend first, then outcomes, capabilities and problems, with counts', () => {
    const top = portfolioTree(analysis, '');
    assert.deepEqual(
      top.items.map((n) => [n.id, n.label, n.description, n.count]),
      [
        ['unlinked', 'Unlinked spend', 'EUR 340k · 2', 2],
        ['outcomes', 'Outcomes', 'EUR 1.4M · 3', 3],
        ['capabilities', 'Capabilities', '3', 3],
        ['problems', 'Problems', String(top.items[3]!.count), top.items[3]!.count],
      ],
    );
    assert.deepEqual(top.badge, { count: 2, spend: 'EUR 340k' });
  });

  it('lists each unlinked initiative, largest first, at its id line', () => {
    const unlinked = portfolioTree(analysis, 'unlinked');
    assert.deepEqual(
      unlinked.items.map((n) => [n.label, n.description, n.initiative, n.unlinked]),
      [
        ['servers', 'EUR 250k · New servers', 'servers', true],
        ['typo', 'EUR 90k · Links a typo', 'typo', true],
      ],
    );
    const { line, character } = at(INITIATIVES, 'servers');
    assert.deepEqual(unlinked.items[0]!.location, { path: I, line, character });
    assert.match(unlinked.items[1]!.tooltip!, /links an outcome that does not exist/);
  });

  it('shows each outcome with its spend and the initiatives that serve it, with their share', () => {
    const outcomes = portfolioTree(analysis, 'outcomes');
    assert.deepEqual(
      outcomes.items.map((n) => [n.label, n.description, n.expandable]),
      [
        ['supply-chain-cost', 'EUR 1M · 2 · Cut the cost to run the supply chain', true],
        ['order-to-cash', 'EUR 400k · 1 · Get paid faster', true],
        ['lonely', 'EUR 0.00 · 0 · Served by nobody', false],
      ],
    );
    assert.equal(outcomes.items[0]!.location!.line, at(OUTCOMES, 'supply-chain-cost').line);
    const serving = portfolioTree(analysis, outcomes.items[0]!.id);
    assert.deepEqual(
      serving.items.map((n) => [n.label, n.description]),
      [
        ['erp', 'EUR 600k · ERP upgrade'],
        ['robots', 'EUR 400k · Warehouse robots'],
      ],
    );
  });

  it('rolls outcomes up by capability', () => {
    const capabilities = portfolioTree(analysis, 'capabilities');
    assert.deepEqual(
      capabilities.items.map((n) => [n.label, n.description]),
      [
        ['Supply chain', 'EUR 1M · 1'],
        ['Finance', 'EUR 400k · 1'],
        ['(no capability)', 'EUR 0.00 · 1'],
      ],
    );
    assert.deepEqual(
      portfolioTree(analysis, capabilities.items[2]!.id).items.map((n) => n.label),
      ['lonely'],
    );
  });

  it('groups the same problems as the diagnostics by rule, each at its place', () => {
    const rules = portfolioTree(analysis, 'problems');
    const diagnostics = [...analysis.diagnostics.values()].flat();
    assert.equal(
      rules.items.reduce((n, r) => n + r.count!, 0),
      diagnostics.length,
    );
    const unknown = rules.items.find((r) => r.label === 'unknown-outcome');
    assert.ok(unknown, `rules: ${rules.items.map((r) => r.label).join(', ')}`);
    const [problem] = portfolioTree(analysis, unknown.id).items;
    assert.match(problem!.label, /order-to-cahs/);
    assert.equal(problem!.description, `i.portfolio.yaml:${at(INITIATIVES, 'order-to-cahs').line + 1}`);
    assert.deepEqual(portfolioTree(analysis, 'rule:not-a-rule').items, []);
  });

  it('pages children: a page from the offset, and the total', () => {
    const lines = ['apiVersion: portfolio/v1', 'kind: Portfolio', 'initiatives:'];
    for (let i = 0; i < 1000; i++) lines.push(`  - id: i${String(i).padStart(4, '0')}`, `    cost: ${1000 + i}`);
    const workspace = new Workspace();
    workspace.setFile('big.portfolio.yaml', lines.join('\n') + '\n');
    const big = workspace.analysis({ today: TODAY });
    const first = portfolioTree(big, 'unlinked', { limit: 100 });
    assert.equal(first.total, 1000);
    assert.equal(first.items.length, 100);
    assert.equal(first.items[0]!.label, 'i0999', 'largest first');
    const last = portfolioTree(big, 'unlinked', { offset: 950, limit: 100 });
    assert.deepEqual([last.items.length, last.offset, last.items.at(-1)!.label], [50, 950, 'i0000']);
    assert.equal(portfolioTree(big, 'unlinked', { offset: -5, limit: 0 }).items.length, 1, 'bad paging is clamped');
  });

  it('has nothing for an unknown node', () => {
    assert.deepEqual(portfolioTree(analysis, 'nonsense:x').items, []);
    assert.deepEqual(portfolioTree(analysis, 'outcome:no-such').items, []);
  });
});

describe('unlinked spend marks', () => {
  it('marks each initiative of the file with spend no outcome explains, at its id line', () => {
    const analysis = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });
    assert.deepEqual(unlinkedMarks(analysis, I), [
      { line: at(INITIATIVES, 'servers').line, text: 'EUR 250k unlinked: links no outcome' },
      { line: at(INITIATIVES, 'typo').line, text: 'EUR 90k unlinked: links an outcome that does not exist' },
    ]);
    assert.deepEqual(unlinkedMarks(analysis, O), []);
  });
});
