// The panel's comparison (src/core/summary/report/compareView.ts) from the engine's compare request: the
// signed card deltas, and where each added or removed initiative opens. Hand-computed figures.
import * as assert from 'node:assert/strict';
import { cardDeltas, comparisonOf, signedMoney, signedPoints } from '../../src/core/summary/report/compareView';
import { EngineServer } from '../../src/engine/server';
import { TODAY, yaml } from './helpers';

const FOLDER = 'file:///w';
const A = 'file:///w/a.portfolio.yaml';
const B = 'file:///w/b.portfolio.yaml';

const head = (initiatives: string) =>
  yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata: { name: Compare, currency: EUR, brm: Dana }
  outcomes:
    - { id: cost, title: Cut cost, owner: COO }
  initiatives:
` + initiatives;

const LINKED = '  - { id: erp, title: ERP, category: run, owner: CIO, status: active, cost: 300k, outcomes: [cost] }\n';
const UNLINKED = '  - { id: fax, title: Fax, category: run, owner: CIO, status: active, cost: 100k }\n';
const NEW = '  - { id: crm, title: CRM, category: grow, owner: CIO, status: active, cost: 175k }\n';

function engineWith(files: Record<string, string>): EngineServer {
  const engine = new EngineServer();
  engine.handle({ type: 'configure', folder: FOLDER, settings: { today: TODAY, rules: {}, defaultModel: 'provider' } });
  for (const [path, text] of Object.entries(files)) engine.handle({ type: 'update', folder: FOLDER, path, text, version: 1 });
  return engine;
}

describe('compare view', () => {
  it('signs points and money, with a minus sign for a fall', () => {
    assert.equal(signedPoints(0.021), '+2.1 pts');
    assert.equal(signedPoints(-0.0425), '\u22124.3 pts');
    assert.equal(signedPoints(0), '\u00b10.0 pts');
    assert.equal(signedMoney(17_500_000, 'EUR'), '+EUR 175k');
    assert.equal(signedMoney(-10_000_000, 'EUR'), '\u2212EUR 100k');
  });

  it('compares the base texts with the folder now: an added unlinked initiative, a removed file', () => {
    // Now: erp 300k linked, crm 175k unlinked (a.yaml); b.yaml with fax 100k was deleted.
    const engine = engineWith({ [A]: head(LINKED + NEW) });
    const diff = engine.handle({
      type: 'compare',
      folder: FOLDER,
      base: [
        { path: A, text: head(LINKED) },
        { path: B, text: head(UNLINKED).replace(/outcomes:\n.*\n/, '') },
      ],
    });
    const comparison = comparisonOf(diff, 'main');
    // Before 300k of 400k aligned (75%), now 300k of 475k (63.16%): -11.8 points.
    assert.equal(comparison.delta.totalSpend, 7_500_000);
    assert.equal(comparison.delta.unlinkedSpend, 7_500_000);
    assert.ok(Math.abs(comparison.delta.alignmentScore! - (300 / 475 - 0.75)) < 1e-12);
    assert.deepEqual(cardDeltas(comparison), {
      score: '\u221211.8 pts',
      total: '+EUR 75k',
      unlinked: '+EUR 75k unlinked',
      measured: '\u00b10.0 pts',
    });
    assert.deepEqual(
      comparison.added.map((i) => [i.id, i.path]),
      [['crm', A]],
    );
    // fax's file is gone: nothing to open.
    assert.deepEqual(comparison.removed, [{ id: 'fax', title: 'Fax', path: null, line: null }]);
    assert.ok(
      comparison.newFindings.some((f) => f.code === 'unlinked-spend' && f.path === A && f.line === 8),
      JSON.stringify(comparison.newFindings),
    );
    assert.ok(comparison.fixedFindings >= 1);
  });
});
