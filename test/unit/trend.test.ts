// The trend chart's view tree (core/summary/report/trendView.ts), hand-computed: where each point
// is drawn, one point, equal values, no spend, a gap where there is no score; its escaping in the
// HTML serializer; the engine's figures for a series of commits (core/summary/trend.ts); and the
// panel's trend messages, validated both ways.
import * as assert from 'node:assert/strict';
import { renderNode } from '../../src/core/summary/report/html';
import {
  dateTicks,
  niceMax,
  TREND_GEOMETRY,
  trendChart,
  trendSection,
  trendTable,
  trendXs,
  type TrendPoint,
} from '../../src/core/summary/report/trendView';
import type { VElement, VNode } from '../../src/core/summary/report/view';
import { trendOf } from '../../src/core/summary/trend';
import { MAX_TREND_POINTS, parseHostMessage, parsePageMessage } from '../../src/webview/protocol';
import { TODAY, yaml } from './helpers';

// The plot: x from 72 to 624 (552 wide), y from 12 (top, 100%) to 172 (bottom, 0).
const LEFT = 72;
const RIGHT = 624;
const TOP = 12;
const BOTTOM = 172;

const point = (date: string, alignmentScore: number | null, totalSpend: number, unlinkedSpend: number, label?: string): TrendPoint => ({
  commit: date.replace(/\D/g, '').padEnd(40, 'a'),
  date,
  ...(label ? { label } : {}),
  currency: 'EUR',
  alignmentScore,
  totalSpend,
  unlinkedSpend,
});

function all(node: VNode, test: (e: VElement) => boolean, out: VElement[] = []): VElement[] {
  if (typeof node === 'string') return out;
  if (test(node)) out.push(node);
  for (const child of node.children ?? []) all(child, test, out);
  return out;
}
const hasClass = (name: string) => (e: VElement) => (e.attrs?.class ?? '').split(' ').includes(name);
const dots = (view: VElement, series: string) =>
  all(view, (e) => e.tag === 'circle' && hasClass(series)(e)).map((c) => [Number(c.attrs!.cx), Number(c.attrs!.cy)]);
const lines = (view: VElement, series: string) => all(view, (e) => e.tag === 'polyline' && hasClass(series)(e)).map((l) => l.attrs!.points);
const texts = (node: VNode): string => (typeof node === 'string' ? node : (node.children ?? []).map(texts).join(''));

describe('trend chart view', () => {
  it('has the plot frame the tests assume', () => {
    assert.deepEqual(TREND_GEOMETRY, { width: 640, height: 200, left: 72, right: 16, top: 12, bottom: 28 });
  });

  it('places points by time and value: score on 0–100 %, spend on a round scale', () => {
    // Days 0, 1 and 3 of 3: x at 0, 1/3 and 3/3 of 552. Spend top: niceMax(1.2M) = 2M (minor units).
    const view = trendChart([
      point('2027-01-01T00:00:00Z', 0.5, 100_000_000, 50_000_000),
      point('2027-01-02T00:00:00Z', 1, 120_000_000, 0),
      point('2027-01-04T00:00:00Z', 0.25, 80_000_000, 60_000_000),
    ]);
    assert.deepEqual(dots(view, 'score'), [
      [LEFT, 92],
      [256, TOP],
      [RIGHT, 132],
    ]);
    assert.deepEqual(lines(view, 'score'), ['72,92 256,12 624,132']);
    // Total 1M, 1.2M, 0.8M of 2M: y = 172 - share * 160.
    assert.deepEqual(dots(view, 'total'), [
      [LEFT, 92],
      [256, 76],
      [RIGHT, 108],
    ]);
    assert.deepEqual(dots(view, 'unlinked'), [
      [LEFT, 132],
      [256, BOTTOM],
      [RIGHT, 124],
    ]);
    const labels = all(view, hasClass('trend-label')).map(texts);
    for (const tick of ['0%', '25%', '50%', '75%', '100%', 'EUR 0.00', 'EUR 1M', 'EUR 2M', '2027-01-01', '2027-01-04'])
      assert.ok(labels.includes(tick), tick);
    const svgs = all(view, (e) => e.tag === 'svg');
    assert.deepEqual(
      svgs.map((s) => s.attrs!.role),
      ['img', 'img'],
    );
    assert.equal(
      svgs[0]!.attrs!['aria-label'],
      'Alignment score over time, 3 points from 2027-01-01 to 2027-01-04: 50.0% at first, 25.0% at last (the table lists every point)',
    );
    assert.equal(
      svgs[1]!.attrs!['aria-label'],
      'Total and unlinked spend over time, 3 points from 2027-01-01 to 2027-01-04: total EUR 1M at first, EUR 800k at last; unlinked EUR 500k at first, EUR 600k at last (the table lists every point)',
    );
  });

  it('draws one point as a dot in the middle, with its one date, and no line', () => {
    const view = trendChart([point('2027-03-01T10:00:00Z', 0.75, 100_000, 25_000)]);
    assert.deepEqual(dots(view, 'score'), [[348, 52]]);
    assert.deepEqual(lines(view, 'score'), []);
    assert.deepEqual(dateTicks([point('2027-03-01T10:00:00Z', 0.75, 1, 0)], [348]), [{ x: 348, date: '2027-03-01', anchor: 'middle' }]);
    assert.match(all(view, (e) => e.tag === 'svg')[0]!.attrs!['aria-label']!, /1 point, 2027-03-01: 75\.0% \(/);
  });

  it('spreads points of one time evenly, and draws equal values as a flat line', () => {
    const same = '2027-03-01T10:00:00Z';
    const view = trendChart([point(same, 0.5, 1000, 0), point(same, 0.5, 1000, 0), point(same, 0.5, 1000, 0)]);
    assert.deepEqual(dots(view, 'score'), [
      [LEFT, 92],
      [348, 92],
      [RIGHT, 92],
    ]);
    // 1000 minor of a 1000 top: the top line.
    assert.deepEqual(lines(view, 'total'), ['72,12 348,12 624,12']);
  });

  it('draws zero spend at the bottom with a single 0 tick, and breaks the score line where there is none', () => {
    const view = trendChart([
      point('2027-01-01T00:00:00Z', 0.5, 100, 0),
      point('2027-01-02T00:00:00Z', null, 0, 0),
      point('2027-01-03T00:00:00Z', 1, 100, 0),
    ]);
    assert.deepEqual(dots(view, 'score'), [
      [LEFT, 92],
      [RIGHT, TOP],
    ]);
    assert.deepEqual(lines(view, 'score'), []);
    const empty = trendChart([point('2027-01-01T00:00:00Z', null, 0, 0), point('2027-01-05T00:00:00Z', null, 0, 0)]);
    assert.deepEqual(dots(empty, 'total'), [
      [LEFT, BOTTOM],
      [RIGHT, BOTTOM],
    ]);
    assert.deepEqual(
      all(all(empty, (e) => e.tag === 'svg')[1]!, hasClass('trend-grid')).map((l) => l.attrs!.y1),
      ['172'],
    );
    assert.doesNotMatch(JSON.stringify(empty), /NaN|Infinity/);
  });

  it('draws hundreds of points without leaving any out', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      point(new Date(Date.UTC(2026, 0, 1) + i * 86_400_000).toISOString(), (i % 10) / 10, 1000 + i, i),
    );
    const view = trendChart(many);
    assert.equal(dots(view, 'score').length, 400);
    assert.equal(lines(view, 'score')[0]!.split(' ').length, 400);
    assert.deepEqual(trendXs(many).slice(0, 1).concat(trendXs(many).slice(-1)), [LEFT, RIGHT]);
  });

  it('rounds the money axis up to 1, 2, 2.5 or 5 times a power of ten', () => {
    assert.deepEqual([0, 100, 101, 2400, 120_000_000, 7_000].map(niceMax), [0, 100, 200, 2500, 200_000_000, 10_000]);
  });

  it('escapes hostile commit subjects in the table, and shows bidirectional controls', () => {
    const html = renderNode(trendTable([point('2027-01-01T00:00:00Z', 0.5, 1, 0, '<script>alert(1)</script> "x" \u202Eevil')]));
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt; &quot;x&quot; [U+202E]evil'), html);
    assert.doesNotMatch(html, /<script/);
    assert.ok(html.includes('<td class="num">50.0%</td>'));
  });

  it("shows the panel's section as a button, progress, the reason, or the chart and its table", () => {
    const idle = trendSection({ status: 'idle' }, 50);
    assert.deepEqual(
      all(idle, (e) => e.tag === 'button').map((b) => [b.attrs!['data-action'], texts(b)]),
      [['trend', 'Show trend']],
    );
    const loading = trendSection({ status: 'loading', message: 'Reading commit 3 of 9…' }, 50);
    assert.deepEqual(all(loading, (e) => e.attrs?.role === 'status').map(texts), ['Reading commit 3 of 9…']);
    assert.equal(all(loading, (e) => e.tag === 'button').length, 0);
    const unavailable = trendSection({ status: 'unavailable', message: 'No git here.' }, 50);
    assert.equal(all(unavailable, (e) => e.tag === 'button').length, 0);
    const ready = trendSection(
      { status: 'ready', message: 'The 2 commits…', points: [point('2027-01-01', 0.5, 1, 0), point('2027-02-01', 1, 1, 0)] },
      50,
    );
    assert.equal(all(ready, (e) => e.tag === 'svg').length, 2);
    const hidden = all(ready, hasClass('visually-hidden'));
    assert.equal(all(hidden[0]!, (e) => e.tag === 'tr').length, 3);
  });
});

describe('trend figures (engine)', () => {
  const file = (linked: string, unlinked: string) => yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { name: Trend, currency: EUR }
    outcomes:
      - { id: o, title: Outcome }
    initiatives:
      - { id: a, title: A, category: run, outcomes: [o], cost: ${linked} }
      - { id: b, title: B, category: run, cost: ${unlinked} }
  `;
  const options = { today: TODAY, rules: {}, defaultModel: 'provider' as const };

  it('checks each point with only its changed files, and drops removed ones', () => {
    const points = trendOf(
      [
        {
          commit: 'c1',
          date: '2027-01-01T00:00:00.000Z',
          label: 'first',
          changed: [{ path: 'x.portfolio.yaml', text: file('600k', '400k') }],
          removed: [],
        },
        {
          commit: 'c2',
          date: '2027-02-01T00:00:00.000Z',
          changed: [
            {
              path: 'y.portfolio.yaml',
              text: file('100k', '900k')
                .replace(/id: (a|b|o)\b/g, 'id: y$1')
                .replace('[o]', '[yo]'),
            },
          ],
          removed: [],
        },
        { commit: 'c3', date: '2027-03-01T00:00:00.000Z', changed: [], removed: ['y.portfolio.yaml'] },
      ],
      options,
    );
    assert.deepEqual(
      points.map((p) => [p.commit, p.alignmentScore, p.totalSpend, p.unlinkedSpend]),
      [
        ['c1', 0.6, 100_000_000, 40_000_000],
        ['c2', 0.35, 200_000_000, 130_000_000],
        ['c3', 0.6, 100_000_000, 40_000_000],
      ],
    );
    assert.equal(points[0]!.label, 'first');
  });
});

describe('trend messages', () => {
  const message = {
    type: 'trend',
    folder: 'file:///w',
    status: 'ready',
    message: 'ok',
    points: [point('2027-01-01', 0.5, 1, 0, 'subject')],
  };

  it('are accepted when well formed, both ways', () => {
    assert.deepEqual(parseHostMessage(message), message);
    assert.deepEqual(parseHostMessage({ type: 'trend', folder: 'f', status: 'loading', message: 'Reading…' }), {
      type: 'trend',
      folder: 'f',
      status: 'loading',
      message: 'Reading…',
    });
    assert.deepEqual(parsePageMessage({ type: 'showTrend' }), { type: 'showTrend' });
    assert.ok(parsePageMessage({ type: 'rendered', score: '1%', unlinked: [], trendPoints: 3 }));
  });

  it('are refused when malformed', () => {
    assert.equal(parseHostMessage({ ...message, status: 'done' }), undefined);
    assert.equal(parseHostMessage({ ...message, points: [{ ...message.points[0], totalSpend: 1.5 }] }), undefined);
    assert.equal(
      parseHostMessage({ ...message, points: Array.from({ length: MAX_TREND_POINTS + 1 }, () => message.points[0]) }),
      undefined,
    );
    assert.equal(parseHostMessage({ ...message, extra: 1 }), undefined);
    assert.equal(parsePageMessage({ type: 'showTrend', folder: 'file:///other' }), undefined);
    assert.equal(parsePageMessage({ type: 'rendered', score: '1%', unlinked: [], trendPoints: -1 }), undefined);
  });
});
