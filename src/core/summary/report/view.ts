// The summary as a tree of elements, built once and rendered two ways: to an HTML string for the
// standalone report (html.ts, every text escaped) and to DOM nodes in the summary panel (text only
// through textContent). Charts are SVG with a table beside each as the text alternative.
import type { GoalItem, Summary } from '../summarize';
import { formatMoney, formatMoneyShort } from '../../model/money';
import { listWords } from '../../text/suggest';

export interface VElement {
  tag: string;
  attrs?: Record<string, string>;
  children?: VNode[];
}

export type VNode = VElement | string;

/** Bidirectional embedding, override and isolate controls (not the harmless LRM/RLM marks). */
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/**
 * Text as it is, but with bidirectional controls shown as their code points: a right-to-left
 * override in a title would otherwise reorder what follows it ("invoice\u202Efdp.exe" reads as
 * "invoiceexe.pdf"). Right-to-left scripts need no such controls and show as written.
 */
export function visibleText(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `[U+${c.charCodeAt(0).toString(16).toUpperCase()}]`);
}

export function h(
  tag: string,
  attrs?: Record<string, string | undefined> | null,
  ...children: Array<VNode | VNode[] | undefined | null | false>
): VElement {
  const element: VElement = { tag };
  if (attrs) {
    const clean: Record<string, string> = {};
    for (const [key, value] of Object.entries(attrs)) if (value !== undefined) clean[key] = value;
    element.attrs = clean;
  }
  const flat: VNode[] = [];
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    for (const node of Array.isArray(child) ? child : [child]) flat.push(typeof node === 'string' ? visibleText(node) : node);
  }
  if (flat.length > 0) element.children = flat;
  return element;
}

export interface Bands {
  /** Score at or above which alignment is good (green). */
  good: number;
  /** Score at or above which alignment is fair (amber); below is poor (red). */
  fair: number;
}

export const DEFAULT_BANDS: Bands = { good: 0.9, fair: 0.7 };

export interface ViewOptions {
  bands?: Bands;
  /** Adds buttons that open a YAML line or offer a quick fix (the summary panel). */
  interactive?: boolean;
  /** Rows shown per long table; the rest is paged (interactive) or summarised (static). */
  pageSize?: number;
  /** Current page per table id, for paged tables. */
  pages?: Record<string, number>;
  /** Renders file paths relative to this prefix. */
  displayPath?: (path: string) => string;
  /** Says what the figures are limited to (a file, an owner, a status) when they are filtered. */
  filterNote?: string;
}

const RULE_DOCS = 'https://github.com/portfolio-alignment/portfolio-alignment/blob/main/docs/rules/';

export function percent(share: number | null | undefined, digits = 1): string {
  return share === null || share === undefined ? 'n/a' : `${(share * 100).toFixed(digits)}%`;
}

export function band(score: number | null, bands: Bands = DEFAULT_BANDS): 'good' | 'fair' | 'poor' | 'none' {
  if (score === null) return 'none';
  return score >= bands.good ? 'good' : score >= bands.fair ? 'fair' : 'poor';
}

const MODEL_NAMES: Record<string, string> = { passive: 'Passive', provider: 'Provider', partner: 'Partner', peer: 'Peer' };
export const REASONS: Record<string, string> = {
  'no-link': 'no outcome linked',
  'unknown-outcome': 'links an unknown outcome',
  'split-below-100': 'weights below 100%',
};
const GOAL_LABELS: Record<GoalItem['status'], string> = {
  met: 'met',
  'on-track': 'on track',
  missed: 'missed',
  'not-measured': 'not measured',
};

class ReportBuilder {
  private readonly money: (minor: number) => string;
  private readonly short: (minor: number) => string;
  private readonly bands: Bands;
  private readonly pageSize: number;

  constructor(
    private readonly summary: Summary,
    private readonly options: ViewOptions,
  ) {
    this.money = (minor) => formatMoney(minor, summary.currency);
    this.short = (minor) => formatMoneyShort(minor, summary.currency);
    this.bands = options.bands ?? DEFAULT_BANDS;
    this.pageSize = options.pageSize ?? 50;
  }

  build(): VElement {
    return h(
      'main',
      { class: 'report' },
      this.header(),
      this.headline(),
      this.practices(),
      this.unlinked(),
      this.outcomes(),
      this.capabilities(),
      this.categories(),
      this.owners(),
      this.goals(),
      this.problems(),
    );
  }

  private header(): VElement {
    const s = this.summary;
    const facts = [
      s.fiscalYear !== undefined ? `Fiscal year ${s.fiscalYear}` : undefined,
      `${MODEL_NAMES[s.relationshipModel]} relationship model`,
      s.brm ? `BRM: ${s.brm}` : undefined,
      `${s.counts.initiatives.toLocaleString('en-US')} initiatives, ${s.counts.outcomes.toLocaleString('en-US')} outcomes in ${s.counts.files.toLocaleString('en-US')} file${s.counts.files === 1 ? '' : 's'}`,
    ].filter((f): f is string => f !== undefined);
    return h(
      'header',
      { class: 'report-header' },
      h('h1', null, s.name ?? 'Portfolio alignment'),
      // A date is never split at its hyphens.
      h('p', { class: 'facts' }, `${facts.join(' · ')} · as of `, h('span', { class: 'date' }, s.today)),
      this.options.filterNote ? h('p', { class: 'filter-note' }, this.options.filterNote) : null,
    );
  }

  private headline(): VElement {
    const s = this.summary;
    const level = band(s.alignmentScore, this.bands);
    const cards = [
      this.card(
        'Alignment score',
        percent(s.alignmentScore),
        `${this.short(s.alignedSpend)} of ${this.short(s.totalSpend)} serves a business outcome`,
        `score ${level}`,
        level === 'none' ? undefined : level,
      ),
      this.card('Total spend', this.short(s.totalSpend), this.money(s.totalSpend)),
      this.card(
        'Unlinked spend',
        this.short(s.unlinkedSpend),
        `${s.unlinked.length.toLocaleString('en-US')} initiative${s.unlinked.length === 1 ? '' : 's'} with no valid link`,
        s.unlinkedSpend > 0 ? 'warn' : 'ok',
      ),
      this.card('Measured share', percent(s.measuredShare), 'of spend serves outcomes with a target'),
    ];
    if (s.budget !== undefined)
      cards.push(
        this.card(
          'Budget use',
          percent(s.budgetUse ?? null),
          `${this.short(s.totalSpend)} of ${this.short(s.budget)}`,
          (s.budgetUse ?? 0) > 1 ? 'warn' : 'ok',
        ),
      );
    const notes: VNode[] = [];
    if (s.unconverted > 0)
      notes.push(
        h(
          'p',
          { class: 'note' },
          `${s.unconverted} amount${s.unconverted === 1 ? ' was' : 's were'} left out of the totals: they could not be read or converted (see the currency problems).`,
        ),
      );
    return h('section', { class: 'headline', 'aria-label': 'Headline figures' }, h('div', { class: 'cards' }, cards), notes);
  }

  /** A headline figure; `verdict` is said in words too, so the band is never told by colour alone. */
  private card(label: string, value: string, detail: string, kind?: string, verdict?: string): VElement {
    return h(
      'div',
      { class: `card${kind ? ' ' + kind : ''}` },
      h('div', { class: 'card-label' }, label),
      h('div', { class: 'card-value' }, value, verdict ? h('span', { class: 'verdict' }, verdict) : null),
      h('div', { class: 'card-detail' }, detail),
    );
  }

  private practices(): VElement {
    const s = this.summary;
    const met = s.practices.filter((p) => p.met).length;
    return this.section(
      'practices',
      `${MODEL_NAMES[s.relationshipModel]} practices: ${met} of ${s.practices.length} met`,
      h(
        'ul',
        { class: 'practices' },
        s.practices.map((p) =>
          h(
            'li',
            { class: p.met ? 'met' : 'unmet' },
            h('span', { class: 'mark', 'aria-hidden': 'true' }, p.met ? '✓' : '✗'),
            h('span', { class: 'visually-hidden' }, p.met ? 'Met: ' : 'Not met: '),
            h('span', { class: 'practice-title' }, p.title),
            h('span', { class: 'practice-detail' }, ` (${p.detail})`),
          ),
        ),
      ),
    );
  }

  private unlinked(): VElement {
    const s = this.summary;
    if (s.unlinked.length === 0)
      return this.section('unlinked', 'Unlinked spend', h('p', { class: 'empty' }, 'All spend is linked to business outcomes.'));
    const rows = s.unlinked.map((u) => [
      this.place(u.id || '(no id)', u.path, u.line),
      u.title,
      REASONS[u.reason] ?? u.reason,
      h('span', { class: 'num' }, this.money(u.spend)),
      ...(this.options.interactive && u.id
        ? [
            h(
              'button',
              {
                class: 'link-action',
                'data-action': 'link',
                'data-id': u.id,
                'data-path': u.path,
                'data-line': String(u.line),
                title: `Link ${u.id} to an outcome`,
              },
              'Link…',
            ),
          ]
        : []),
    ]);
    const headers = ['Initiative', 'Title', 'Why', 'Unlinked spend', ...(this.options.interactive ? ['Fix'] : [])];
    return this.section(
      'unlinked',
      `Unlinked spend: ${this.short(s.unlinkedSpend)} in ${s.unlinked.length.toLocaleString('en-US')} initiative${s.unlinked.length === 1 ? '' : 's'}`,
      this.table('unlinked', headers, rows, [3]),
    );
  }

  private outcomes(): VElement {
    const s = this.summary;
    if (s.byOutcome.length === 0)
      return this.section('outcomes', 'Spend by outcome', h('p', { class: 'empty' }, 'No outcomes are defined.'));
    const bars = s.byOutcome.map((o) => ({ label: o.title, value: o.spend, ...(o.budget !== undefined ? { budget: o.budget } : {}) }));
    const rows = s.byOutcome.map((o) => [
      this.place(o.id, o.path, o.line),
      o.title,
      o.capability ?? '',
      String(o.initiatives),
      h('span', { class: 'num' }, this.money(o.spend)),
      o.budget === undefined
        ? ''
        : h(
            'span',
            { class: `num${(o.budgetUse ?? 0) > 1 ? ' over' : ''}` },
            `${percent(o.budgetUse ?? null, 0)} of ${this.short(o.budget)}`,
          ),
    ]);
    return this.section(
      'outcomes',
      'Spend by outcome',
      this.barChart('Spend by outcome', bars.slice(0, 15)),
      this.table('outcomes', ['Outcome', 'Title', 'Capability', 'Initiatives', 'Spend', 'Budget use'], rows, [3, 4, 5]),
    );
  }

  private capabilities(): VElement {
    const s = this.summary;
    const label = (c: string | null) => c ?? 'Outcomes with no capability';
    return this.section(
      'capabilities',
      'Spend by business capability',
      h(
        'p',
        { class: 'lede' },
        `What it costs to run each part of the business: the ${this.short(s.alignedSpend)} linked to outcomes${s.unlinkedSpend > 0 ? ` (the ${this.short(s.unlinkedSpend)} of unlinked spend serves no capability)` : ''}.`,
      ),
      this.barChart(
        'Spend by capability',
        s.byCapability.slice(0, 15).map((c) => ({ label: label(c.capability), value: c.spend })),
      ),
      this.table(
        'capabilities',
        ['Capability', 'Outcomes', 'Spend', 'Share'],
        s.byCapability.map((c) => [
          label(c.capability),
          String(c.outcomes),
          h('span', { class: 'num' }, this.money(c.spend)),
          h('span', { class: 'num' }, percent(s.alignedSpend > 0 ? c.spend / s.alignedSpend : null)),
        ]),
        [1, 2, 3],
      ),
    );
  }

  private categories(): VElement {
    const s = this.summary;
    const total = s.totalSpend;
    const parts = (['run', 'grow', 'transform', 'uncategorized'] as const).map((key) => ({ key, value: s.byCategory[key] }));
    const benchmark = `${percent(s.runBenchmark.low, 0)}–${percent(s.runBenchmark.high, 0)}`;
    const verdict =
      s.runShare === null
        ? 'No spend yet.'
        : s.runShare > s.runBenchmark.high
          ? `Run is ${percent(s.runShare, 0)} of spend, above the ${benchmark} benchmark: little is left to grow or transform the business.`
          : s.runShare < s.runBenchmark.low
            ? `Run is ${percent(s.runShare, 0)} of spend, below the ${benchmark} benchmark.`
            : `Run is ${percent(s.runShare, 0)} of spend, within the ${benchmark} benchmark.`;
    return this.section(
      'categories',
      'Run, grow, transform',
      this.stackedBar(parts, total),
      h('p', { class: 'lede' }, verdict),
      this.table(
        'categories',
        ['Category', 'Spend', 'Share'],
        parts.map((p) => [
          p.key,
          h('span', { class: 'num' }, this.money(p.value)),
          h('span', { class: 'num' }, percent(total > 0 ? p.value / total : null)),
        ]),
        [1, 2],
      ),
    );
  }

  private owners(): VElement {
    const s = this.summary;
    return this.section(
      'owners',
      'Spend by owner',
      this.table(
        'owners',
        ['Owner', 'Initiatives', 'Spend'],
        s.byOwner.map((o) => [o.owner ?? 'No owner', String(o.initiatives), h('span', { class: 'num' }, this.money(o.spend))]),
        [1, 2],
      ),
    );
  }

  private goals(): VElement {
    const s = this.summary;
    if (s.goals.length === 0) return this.section('goals', 'Goal status', h('p', { class: 'empty' }, 'No measures are defined.'));
    const counts = (['met', 'on-track', 'missed', 'not-measured'] as const).map(
      (k) => `${s.goals.filter((g) => g.status === k).length} ${GOAL_LABELS[k]}`,
    );
    const value = (n: number | undefined, unit?: string) => (n === undefined ? '' : `${n}${unit ? (unit === '%' ? '' : ' ') + unit : ''}`);
    return this.section(
      'goals',
      `Goal status: ${listWords(counts, 'and')}`,
      this.table(
        'goals',
        ['Outcome', 'Metric', 'Baseline', 'Actual', 'Target', 'Due', 'Status'],
        s.goals.map((g) => [
          this.place(g.outcome, g.path, g.line),
          g.metric,
          value(g.baseline, g.unit),
          value(g.actual, g.unit),
          value(g.target, g.unit),
          g.due === undefined ? '' : h('span', { class: 'date' }, g.due),
          h('span', { class: `status ${g.status}` }, GOAL_LABELS[g.status]),
        ]),
        [2, 3, 4],
      ),
    );
  }

  private problems(): VElement {
    const p = this.summary.problems;
    if (p.byRule.length === 0) return this.section('problems', 'Problems', h('p', { class: 'empty' }, 'No problems found.'));
    return this.section(
      'problems',
      `Problems: ${p.errors} errors, ${p.warnings} warnings, ${p.infos} infos`,
      this.table(
        'problems',
        ['Rule', 'Count'],
        p.byRule.map((r) => [
          this.options.interactive
            ? h('button', { class: 'rule-link', 'data-action': 'problems', 'data-rule': r.rule, title: `Show ${r.rule} problems` }, r.rule)
            : h('a', { href: RULE_DOCS + r.rule + '.md' }, r.rule),
          h('span', { class: 'num' }, String(r.count)),
        ]),
        [1],
      ),
    );
  }

  private section(id: string, title: string, ...content: Array<VNode | VNode[]>): VElement {
    return h('section', { id, class: 'block', 'aria-labelledby': `${id}-title` }, h('h2', { id: `${id}-title` }, title), ...content);
  }

  /** An id that opens its YAML line in the panel, or names the place in the static report. */
  private place(label: string, path: string, line: number): VNode {
    const where = `${this.options.displayPath?.(path) ?? path}:${line}`;
    if (!this.options.interactive) return h('span', { class: 'place', title: where }, label);
    return h(
      'button',
      { class: 'reveal', 'data-action': 'reveal', 'data-path': path, 'data-line': String(line), title: `Open ${where}` },
      label,
    );
  }

  private table(id: string, headers: string[], rows: VNode[][], numeric: number[]): VElement {
    const page = this.options.pages?.[id] ?? 0;
    const pages = Math.max(1, Math.ceil(rows.length / this.pageSize));
    const current = Math.min(page, pages - 1);
    const shown = rows.slice(current * this.pageSize, (current + 1) * this.pageSize);
    const numericSet = new Set(numeric);
    const table = h(
      'table',
      { class: `data${stackClass(headers.length)}`, 'data-table': id },
      h(
        'thead',
        null,
        h(
          'tr',
          null,
          headers.map((head, i) => h('th', { scope: 'col', class: numericSet.has(i) ? 'num' : undefined }, head)),
        ),
      ),
      h(
        'tbody',
        null,
        shown.map((row) =>
          h(
            'tr',
            null,
            // data-label: the column's name, which a stacked row (a narrow panel) shows before the value.
            row.map((cell, i) => h('td', { class: numericSet.has(i) ? 'num' : undefined, 'data-label': headers[i] }, cell)),
          ),
        ),
      ),
    );
    if (pages <= 1) return h('div', { class: 'table-wrap' }, table);
    const pager = this.options.interactive
      ? h(
          'nav',
          { class: 'pager', 'aria-label': `${id} pages` },
          h(
            'button',
            { 'data-action': 'page', 'data-table': id, 'data-page': String(current - 1), disabled: current === 0 ? '' : undefined },
            'Previous',
          ),
          h(
            'span',
            { class: 'page-info' },
            `Rows ${current * this.pageSize + 1}–${current * this.pageSize + shown.length} of ${rows.length}`,
          ),
          h(
            'button',
            { 'data-action': 'page', 'data-table': id, 'data-page': String(current + 1), disabled: current >= pages - 1 ? '' : undefined },
            'Next',
          ),
        )
      : h('p', { class: 'note' }, `Showing the first ${shown.length} of ${rows.length} rows; export CSV for all of them.`);
    return h('div', { class: 'table-wrap' }, table, pager);
  }

  /** Horizontal bars, largest first, with a budget tick where one is set. */
  private barChart(label: string, bars: Array<{ label: string; value: number; budget?: number }>): VElement {
    const width = 640;
    const row = 26;
    const labelWidth = 230;
    const plot = width - labelWidth - 90;
    const max = Math.max(1, ...bars.map((b) => Math.max(b.value, b.budget ?? 0)));
    const height = bars.length * row + 8;
    const scale = (v: number) => Math.round((v / max) * plot);
    return h(
      'figure',
      { class: 'chart' },
      h(
        'svg',
        {
          viewBox: `0 0 ${width} ${height}`,
          width: String(width),
          height: String(height),
          role: 'img',
          'aria-label': `${label} (bar chart; the table below lists the same figures)`,
        },
        bars.map((b, i) => {
          const y = i * row + 4;
          return h(
            'g',
            null,
            h('text', { x: String(labelWidth - 8), y: String(y + 16), class: 'bar-label', 'text-anchor': 'end' }, truncate(b.label, 34)),
            h('rect', {
              x: String(labelWidth),
              y: String(y + 3),
              width: String(Math.max(1, scale(b.value))),
              height: String(row - 8),
              class: b.budget !== undefined && b.value > b.budget ? 'bar over' : 'bar',
            }),
            b.budget !== undefined
              ? h('line', {
                  x1: String(labelWidth + scale(b.budget)),
                  x2: String(labelWidth + scale(b.budget)),
                  y1: String(y),
                  y2: String(y + row - 2),
                  class: 'budget-line',
                })
              : null,
            h('text', { x: String(labelWidth + scale(b.value) + 6), y: String(y + 16), class: 'bar-value' }, this.short(b.value)),
          );
        }),
      ),
      bars.some((b) => b.budget !== undefined) ? h('figcaption', null, "The vertical tick marks an outcome's budget.") : null,
    );
  }

  private stackedBar(parts: Array<{ key: string; value: number }>, total: number): VElement {
    const width = 640;
    const s = this.summary;
    let x = 0;
    const segments = parts
      .filter((p) => p.value > 0)
      .map((p) => {
        const w = total > 0 ? (p.value / total) * width : 0;
        const segment = h(
          'rect',
          { x: x.toFixed(1), y: '10', width: w.toFixed(1), height: '28', class: `segment ${p.key}` },
          h('title', null, `${p.key}: ${percent(total > 0 ? p.value / total : null)}`),
        );
        x += w;
        return segment;
      });
    const low = s.runBenchmark.low * width;
    const high = s.runBenchmark.high * width;
    return h(
      'figure',
      { class: 'chart' },
      h(
        'svg',
        {
          viewBox: `0 0 ${width} 64`,
          width: String(width),
          height: '64',
          role: 'img',
          'aria-label': 'Run, grow and transform shares of spend, with the run benchmark band (the table below lists the same figures)',
        },
        segments,
        h('rect', { x: low.toFixed(1), y: '4', width: (high - low).toFixed(1), height: '40', class: 'benchmark' }),
        h(
          'text',
          { x: low.toFixed(1), y: '60', class: 'bar-label' },
          `run benchmark ${percent(s.runBenchmark.low, 0)}–${percent(s.runBenchmark.high, 0)}`,
        ),
      ),
      h(
        'figcaption',
        { class: 'legend' },
        parts.map((p) => h('span', { class: `key ${p.key}` }, `${p.key} ${percent(total > 0 ? p.value / total : null, 0)}`)),
      ),
    );
  }
}

/**
 * How a table fits a narrow panel (media/summary.css): one of six columns or more shows each row
 * as a stacked card below 760 px, one of four or five below 520 px; smaller tables always fit.
 */
function stackClass(columns: number): string {
  return columns >= 6 ? ' stack-medium' : columns >= 4 ? ' stack-narrow' : '';
}

/** Shortens a chart label by code points, so that a surrogate pair is never cut in half. */
function truncate(text: string, length: number): string {
  const points = Array.from(text);
  return points.length > length ? points.slice(0, length - 1).join('') + '…' : text;
}

export function buildReportView(summary: Summary, options: ViewOptions = {}): VElement {
  return new ReportBuilder(summary, options).build();
}
