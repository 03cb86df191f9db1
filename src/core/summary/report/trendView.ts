// The trend chart: the alignment score, and total against unlinked spend, over a series of points
// (the commits of `portfolio-align history`, or of the folder's git history in the summary panel).
// Built as a view tree like the rest of the report, so that the HTML serializer (html.ts) and the
// panel's DOM renderer (page/render.ts) draw the same SVG; the same figures are also a table, for
// screen readers and for anyone who wants the numbers.
import type { Summary } from '../summarize';
import { formatMoneyShort } from '../../model/money';
import { h, percent, type VElement, type VNode } from './view';

/** One point of the trend: the figures of a summary at a commit. */
export interface TrendPoint {
  commit: string;
  /** ISO 8601 date and time of the commit. */
  date: string;
  /** A tag, or the commit's subject line, shown in the table. */
  label?: string;
  currency: string;
  alignmentScore: number | null;
  totalSpend: number;
  unlinkedSpend: number;
}

export function trendPointOf(commit: string, date: string, summary: Summary, label?: string): TrendPoint {
  return {
    commit,
    date,
    ...(label !== undefined ? { label } : {}),
    currency: summary.currency,
    alignmentScore: summary.alignmentScore,
    totalSpend: summary.totalSpend,
    unlinkedSpend: summary.unlinkedSpend,
  };
}

/** The chart's frame, in SVG user units (the SVG scales to the width it is given). */
export const TREND_GEOMETRY = { width: 640, height: 200, left: 72, right: 16, top: 12, bottom: 28 } as const;
const G = TREND_GEOMETRY;
const PLOT_WIDTH = G.width - G.left - G.right;
const PLOT_HEIGHT = G.height - G.top - G.bottom;

const round = (n: number) => String(Math.round(n * 10) / 10);
const day = (date: string) => date.slice(0, 10);

/**
 * The x of each point: by time, so that a quiet month looks quiet. Points that share one time
 * (or a date that does not parse) fall back to even spacing; a single point sits in the middle.
 */
export function trendXs(points: readonly Pick<TrendPoint, 'date'>[]): number[] {
  const times = points.map((p) => Date.parse(p.date));
  const first = Math.min(...times);
  const last = Math.max(...times);
  if (points.length === 1) return [G.left + PLOT_WIDTH / 2];
  if (times.some(Number.isNaN) || last === first) return points.map((_, i) => G.left + (i / (points.length - 1)) * PLOT_WIDTH);
  return times.map((t) => G.left + ((t - first) / (last - first)) * PLOT_WIDTH);
}

/** The y of a value on a scale from 0 to `max` (0 at the bottom of the plot). */
function yOf(value: number, max: number): number {
  return G.top + PLOT_HEIGHT - (max > 0 ? value / max : 0) * PLOT_HEIGHT;
}

/** A round top for the money axis: 1, 2, 2.5 or 5 times a power of ten, at least `max`. */
export function niceMax(max: number): number {
  if (max <= 0) return 0;
  const power = 10 ** Math.floor(Math.log10(max));
  const step = [1, 2, 2.5, 5, 10].find((m) => m * power >= max)!;
  return step * power;
}

/** Unbroken runs of points with a value: a point with no score (no spend) breaks the line. */
function runs(xs: readonly number[], ys: ReadonlyArray<number | null>): Array<Array<[number, number]>> {
  const out: Array<Array<[number, number]>> = [];
  let current: Array<[number, number]> = [];
  ys.forEach((y, i) => {
    if (y === null) {
      if (current.length > 0) out.push(current);
      current = [];
    } else current.push([xs[i]!, y]);
  });
  if (current.length > 0) out.push(current);
  return out;
}

/** A series as polylines (one per run) and a dot per point, for a single point to show too. */
function series(name: string, xs: readonly number[], ys: ReadonlyArray<number | null>): VElement {
  return h(
    'g',
    { class: `trend-series ${name}` },
    runs(xs, ys)
      .filter((run) => run.length > 1)
      .map((run) => h('polyline', { class: `trend-line ${name}`, points: run.map(([x, y]) => `${round(x)},${round(y)}`).join(' ') })),
    ys.flatMap((y, i) => (y === null ? [] : [h('circle', { class: `trend-dot ${name}`, cx: round(xs[i]!), cy: round(y), r: '3' })])),
  );
}

/** The frame: horizontal grid lines with their labels, and the dates along the bottom. */
function axes(points: readonly TrendPoint[], xs: readonly number[], yTicks: Array<{ value: number; label: string; max: number }>): VNode[] {
  const bottom = G.top + PLOT_HEIGHT;
  const grid = yTicks.map((tick) => {
    const y = round(yOf(tick.value, tick.max));
    return h(
      'g',
      { class: 'trend-tick' },
      h('line', { class: 'trend-grid', x1: String(G.left), x2: String(G.width - G.right), y1: y, y2: y }),
      h('text', { class: 'trend-label', x: String(G.left - 6), y: String(Number(y) + 4), 'text-anchor': 'end' }, tick.label),
    );
  });
  return [
    ...grid,
    h(
      'g',
      { class: 'trend-dates' },
      dateTicks(points, xs).map((t) => dateLabel(t.x, t.date, t.anchor, bottom)),
    ),
  ];
}

function dateLabel(x: number, date: string, anchor: string, bottom: number): VElement {
  return h('text', { class: 'trend-label', x: round(x), y: String(bottom + 18), 'text-anchor': anchor }, date);
}

/** The first and last dates, and up to three between them where there is room. */
export function dateTicks(points: readonly TrendPoint[], xs: readonly number[]): Array<{ x: number; date: string; anchor: string }> {
  if (points.length === 1) return [{ x: xs[0]!, date: day(points[0]!.date), anchor: 'middle' }];
  const first = points[0]!;
  const last = points.at(-1)!;
  const ticks = [{ x: xs[0]!, date: day(first.date), anchor: 'start' }];
  const start = Date.parse(first.date);
  const end = Date.parse(last.date);
  if (!Number.isNaN(start) && !Number.isNaN(end) && end - start >= 4 * 86_400_000) {
    for (const share of [0.25, 0.5, 0.75]) {
      const date = new Date(start + share * (end - start)).toISOString().slice(0, 10);
      if (date !== ticks.at(-1)!.date) ticks.push({ x: G.left + share * PLOT_WIDTH, date, anchor: 'middle' });
    }
  }
  if (day(last.date) !== ticks.at(-1)!.date || ticks.length === 1) ticks.push({ x: xs.at(-1)!, date: day(last.date), anchor: 'end' });
  return ticks;
}

function svg(label: string, children: VNode[]): VElement {
  return h(
    'svg',
    {
      class: 'trend-chart',
      viewBox: `0 0 ${G.width} ${G.height}`,
      width: String(G.width),
      height: String(G.height),
      role: 'img',
      'aria-label': label,
    },
    children,
  );
}

const span = (points: readonly TrendPoint[]) =>
  points.length === 1
    ? `1 point, ${day(points[0]!.date)}`
    : `${points.length} points from ${day(points[0]!.date)} to ${day(points.at(-1)!.date)}`;

function scoreChart(points: readonly TrendPoint[], xs: readonly number[]): VElement {
  const first = points[0]!;
  const last = points.at(-1)!;
  const values = points.map((p) => (p.alignmentScore === null ? null : yOf(p.alignmentScore, 1)));
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((value) => ({ value, label: percent(value, 0), max: 1 }));
  const label =
    `Alignment score over time, ${span(points)}: ` +
    (points.length === 1
      ? percent(first.alignmentScore)
      : `${percent(first.alignmentScore)} at first, ${percent(last.alignmentScore)} at last`) +
    ' (the table lists every point)';
  return svg(label, [...axes(points, xs, ticks), series('score', xs, values)]);
}

function spendChart(points: readonly TrendPoint[], xs: readonly number[]): VElement {
  const first = points[0]!;
  const last = points.at(-1)!;
  const currency = last.currency;
  const top = niceMax(Math.max(...points.map((p) => p.totalSpend)));
  const ticks = (top > 0 ? [0, top / 2, top] : [0]).map((value) => ({ value, label: formatMoneyShort(value, currency), max: top }));
  const money = (p: TrendPoint, minor: number) => formatMoneyShort(minor, p.currency);
  const label =
    `Total and unlinked spend over time, ${span(points)}: ` +
    (points.length === 1
      ? `total ${money(first, first.totalSpend)}, unlinked ${money(first, first.unlinkedSpend)}`
      : `total ${money(first, first.totalSpend)} at first, ${money(last, last.totalSpend)} at last; unlinked ${money(first, first.unlinkedSpend)} at first, ${money(last, last.unlinkedSpend)} at last`) +
    ' (the table lists every point)';
  return svg(label, [
    ...axes(points, xs, ticks),
    series(
      'total',
      xs,
      points.map((p) => yOf(p.totalSpend, top)),
    ),
    series(
      'unlinked',
      xs,
      points.map((p) => yOf(p.unlinkedSpend, top)),
    ),
  ]);
}

/** The two charts, each with its caption; the legend names the lines by their dash as well as colour. */
export function trendChart(points: readonly TrendPoint[]): VElement {
  if (points.length === 0) return h('p', { class: 'empty' }, 'No points to draw.');
  const xs = trendXs(points);
  const currencies = [...new Set(points.map((p) => p.currency))];
  return h(
    'div',
    { class: 'trend' },
    h('figure', { class: 'chart trend-figure' }, h('figcaption', null, 'Alignment score'), scoreChart(points, xs)),
    h(
      'figure',
      { class: 'chart trend-figure' },
      h(
        'figcaption',
        { class: 'legend' },
        h('span', { class: 'trend-key total' }, 'Total spend (solid)'),
        ' ',
        h('span', { class: 'trend-key unlinked' }, 'Unlinked spend (dashed)'),
      ),
      spendChart(points, xs),
      currencies.length > 1
        ? h('p', { class: 'note' }, `The currency changed (${currencies.join(', ')}): each point is in its own currency.`)
        : null,
    ),
  );
}

/** The figures of the chart as a table, oldest first. */
export function trendTable(points: readonly TrendPoint[], caption = 'The trend, one row per point, oldest first'): VElement {
  return h(
    'table',
    { class: 'data trend-table', 'data-table': 'trend' },
    h('caption', null, caption),
    h(
      'thead',
      null,
      h(
        'tr',
        null,
        ['Date', 'Commit', 'Score', 'Total', 'Unlinked'].map((head, i) =>
          h('th', { scope: 'col', class: i >= 2 ? 'num' : undefined }, head),
        ),
      ),
    ),
    h(
      'tbody',
      null,
      points.map((p) =>
        h(
          'tr',
          null,
          h('td', null, day(p.date)),
          h('td', null, h('code', null, p.commit.slice(0, 10)), p.label ? ` ${p.label}` : null),
          h('td', { class: 'num' }, percent(p.alignmentScore)),
          h('td', { class: 'num' }, formatMoneyShort(p.totalSpend, p.currency)),
          h('td', { class: 'num' }, formatMoneyShort(p.unlinkedSpend, p.currency)),
        ),
      ),
    ),
  );
}

/** What the panel's Trend section shows: a button until asked, progress, the chart, or why not. */
export type TrendState =
  | { status: 'idle' }
  | { status: 'loading' | 'unavailable' | 'failed'; message: string }
  | { status: 'ready'; message: string; points: TrendPoint[] };

/** Why the panel cannot draw the trend here, from the reason git is not available. */
export function trendUnavailable(reason: string): string {
  return `The trend reads this folder's git history, which is not available here. ${reason}`;
}

/** The panel's Trend section: loaded on demand, so that reading git never holds up the summary. */
export function trendSection(state: TrendState, maxPoints: number): VElement {
  const button = (label: string) => h('button', { class: 'secondary trend-load', 'data-action': 'trend' }, label);
  let content: VNode[];
  switch (state.status) {
    case 'idle':
      content = [
        h(
          'div',
          { class: 'trend-actions' },
          h(
            'p',
            { class: 'lede' },
            `The alignment score and spend at each of the last ${maxPoints} commits that changed this folder's portfolio files.`,
          ),
          button('Show trend'),
        ),
      ];
      break;
    case 'loading':
      content = [h('p', { class: 'trend-progress', role: 'status' }, state.message)];
      break;
    case 'unavailable':
      content = [h('p', { class: 'note' }, state.message)];
      break;
    case 'failed':
      content = [h('div', { class: 'trend-actions' }, h('p', { class: 'note' }, state.message), button('Try again'))];
      break;
    case 'ready':
      content = [
        h('div', { class: 'trend-actions' }, h('p', { class: 'lede' }, state.message), button('Refresh trend')),
        ...(state.points.length > 0
          ? [
              trendChart(state.points),
              h('div', { class: 'visually-hidden' }, trendTable(state.points, 'The trend as a table, oldest first')),
            ]
          : []),
      ];
      break;
  }
  return h(
    'section',
    { id: 'trend', class: 'block trend-section', 'aria-labelledby': 'trend-title' },
    h('h2', { id: 'trend-title' }, 'Trend'),
    content,
  );
}
