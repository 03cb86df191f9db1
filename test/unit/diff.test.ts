// The pure comparison of two checked portfolios (src/core/summary/diff.ts), with hand-computed deltas.
import * as assert from 'node:assert/strict';
import { diffSnapshots, fingerprint, hasChanges, snapshotOf, type Snapshot, type SnapshotFinding } from '../../src/core/summary/diff';
import { Workspace } from '../../src/core/check/workspace';
import { OUTCOMES } from './diffFixtures';
import { TODAY, yaml } from './helpers';

function snapshot(files: Record<string, string>): Snapshot {
  const workspace = new Workspace();
  for (const [path, text] of Object.entries(files)) workspace.setFile(path, text);
  const result = workspace.check({ today: TODAY });
  return snapshotOf(workspace.files, result.files, result.summary, (p) => p);
}

const BASE =
  OUTCOMES +
  yaml`
  initiatives:
    - id: a
      title: A
      category: run
      outcomes: [cost]
      cost: 600k
      owner: X
    - id: b
      title: B
      category: grow
      outcomes: [growth]
      cost: 200k
      owner: Y
    - id: c
      title: C
      category: grow
      cost: 200k
      owner: Z
`;

// a costs 100k more, b is gone, d is new and unlinked; c only moves down, gains a comment and
// has its keys in another order, which is no change.
const HEAD =
  OUTCOMES +
  yaml`
  initiatives:
    - id: a
      title: A
      category: run
      outcomes: [cost]
      cost: 700k
      owner: X
    - id: d
      title: D
      category: grow
      cost: 150k
      owner: W
    # still unlinked
    - id: c
      owner: Z
      title: C
      cost: 200k
      category: grow
`;

const key = (f: SnapshotFinding) => `${f.code} ${f.subject}`;

describe('diff (core)', () => {
  const diff = diffSnapshots(snapshot({ 'p.portfolio.yaml': BASE }), snapshot({ 'p.portfolio.yaml': HEAD }));

  it('gives the differences of the summaries in minor units and shares', () => {
    // Base: total 1,000k, aligned 800k, unlinked 200k (c), measured 800k, budget 2M.
    // Head: total 1,050k, aligned 700k, unlinked 350k (c, d), measured 700k.
    assert.equal(diff.delta.totalSpend, 50_000_00);
    assert.equal(diff.delta.alignedSpend, -100_000_00);
    assert.equal(diff.delta.unlinkedSpend, 150_000_00);
    assert.equal(diff.delta.measuredSpend, -100_000_00);
    assert.equal(diff.delta.budget, 0);
    assert.ok(Math.abs(diff.delta.alignmentScore! - (700 / 1050 - 0.8)) < 1e-12);
    assert.ok(Math.abs(diff.delta.measuredShare! - (700 / 1050 - 0.8)) < 1e-12);
    assert.ok(Math.abs(diff.delta.budgetUse! - 0.025) < 1e-12);
    assert.deepEqual(diff.delta.counts, { files: 0, outcomes: 0, initiatives: 0, cancelled: 0 });
    assert.equal(diff.currencyChanged, false);
  });

  it('lists initiatives added, removed and changed by id; order, comments and key order are no change', () => {
    assert.deepEqual(diff.initiatives, { added: ['d'], removed: ['b'], changed: ['a'] });
  });

  it('gives the spend that lost its outcome, per initiative', () => {
    assert.deepEqual(diff.unlinked.added, [{ id: 'd', title: 'D', before: 0, after: 150_000_00 }]);
    assert.deepEqual(diff.unlinked.reduced, []);
  });

  it('gives the outcomes and capabilities whose spend moved', () => {
    const cost = diff.outcomes.find((o) => o.id === 'cost')!;
    assert.deepEqual(
      [cost.change, cost.spendBefore, cost.spendAfter, cost.initiativesBefore, cost.initiativesAfter],
      ['changed', 600_000_00, 700_000_00, 1, 1],
    );
    const growth = diff.outcomes.find((o) => o.id === 'growth')!;
    assert.deepEqual([growth.change, growth.spendBefore, growth.spendAfter, growth.initiativesAfter], ['changed', 200_000_00, 0, 0]);
    const byName = new Map(diff.capabilities.map((c) => [c.capability, c.spendAfter - c.spendBefore]));
    assert.equal(byName.get('Supply chain'), 100_000_00);
    assert.equal(byName.get('Sales'), -200_000_00);
  });

  it('matches findings by rule and subject, not by line', () => {
    const fresh = diff.findings.new.map(key);
    assert.ok(fresh.includes('unlinked-spend initiative:d'), fresh.join('\n'));
    assert.ok(fresh.includes('orphan-outcome outcome:growth'), fresh.join('\n'));
    // c's unlinked-spend finding moved two lines down: the same finding.
    assert.ok(!fresh.some((k) => k.endsWith('initiative:c')), fresh.join('\n'));
    assert.ok(!diff.findings.fixed.some((f) => f.subject === 'initiative:c'));
    assert.ok(hasChanges(diff));
  });

  it('finds nothing changed between a portfolio and itself, wherever its files are', () => {
    const same = diffSnapshots(snapshot({ 'old/p.portfolio.yaml': BASE }), snapshot({ 'new/p.portfolio.yaml': BASE }));
    assert.deepEqual(same.initiatives, { added: [], removed: [], changed: [] });
    assert.deepEqual(same.findings, { new: [], fixed: [] });
    assert.equal(same.delta.totalSpend, 0);
    assert.equal(same.delta.alignmentScore, 0);
    assert.deepEqual(same.outcomes, []);
    assert.equal(hasChanges(same), false);
  });

  it('pairs several findings of one rule and subject by message, then counts what is left', () => {
    const finding = (message: string, line: number): SnapshotFinding => ({
      code: 'unknown-outcome',
      severity: 'error',
      message,
      path: 'p',
      range: { start: { line, character: 0 }, end: { line, character: 1 } },
      subject: 'initiative:x',
    });
    const base = snapshot({ 'p.portfolio.yaml': BASE });
    const before = { ...base, findings: [finding('no such outcome "q"', 3), finding('no such outcome "r"', 4)] };
    const after = {
      ...base,
      findings: [finding('no such outcome "r"', 9), finding('no such outcome "s"', 10), finding('no such outcome "t"', 11)],
    };
    const result = diffSnapshots(before, after);
    // r is on both sides; q and s pair up (same rule and initiative); t is the one more.
    assert.deepEqual(
      result.findings.new.map((f) => f.message),
      ['no such outcome "t"'],
    );
    assert.deepEqual(result.findings.fixed, []);
    const back = diffSnapshots(after, before);
    assert.deepEqual(
      back.findings.fixed.map((f) => f.message),
      ['no such outcome "t"'],
    );
  });

  it('compares no money across currencies', () => {
    const usd = snapshot({ 'p.portfolio.yaml': BASE.replace('currency: EUR', 'currency: USD') });
    const result = diffSnapshots(snapshot({ 'p.portfolio.yaml': BASE }), usd);
    assert.equal(result.currencyChanged, true);
    assert.equal(result.delta.totalSpend, null);
    assert.equal(result.delta.unlinkedSpend, null);
    assert.equal(result.delta.alignmentScore, 0);
  });

  it('fingerprints fields, not layout', () => {
    const base = snapshot({ 'p.portfolio.yaml': BASE });
    const head = snapshot({ 'p.portfolio.yaml': HEAD });
    assert.equal(base.initiatives.c, head.initiatives.c);
    assert.notEqual(base.initiatives.a, head.initiatives.a);
    assert.equal(fingerprint(null), 'null');
  });

  it('notes the files that do not parse', () => {
    const broken = snapshot({
      'p.portfolio.yaml': BASE,
      'q.portfolio.yaml': 'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives: [\n',
    });
    assert.deepEqual(broken.unparsed, ['q.portfolio.yaml']);
  });
});
