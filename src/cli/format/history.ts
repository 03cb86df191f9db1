// `history` as text, CSV and a standalone HTML page: the trend chart (SVG, no script) above a table.
import type { Summary } from '../../core/summary/summarize';
import { formatDecimal, formatMoneyShort } from '../../core/model/money';
import { csvField } from '../../core/summary/report/csv';
import { escapeHtml, renderNode, STANDALONE_THEME } from '../../core/summary/report/html';
import { trendChart, trendPointOf } from '../../core/summary/report/trendView';
import reportCss from '../../../media/summary.css';
import { cspHash } from '../../core/summary/report/sha256';
import { percent } from '../../core/summary/report/view';
import { signedPoints } from './diffText';

interface Point {
  commit: string;
  date: string;
  tag?: string;
  summary: Summary;
}

const share = (value: number | null) => (value === null ? '' : value.toFixed(6));

/** One row a point: date, commit, score, total, aligned, unlinked, measured share, run share, currency. */
export function formatHistoryCsv(points: readonly Point[]): string {
  const header = 'date,commit,score,total,aligned,unlinked,measured_share,run_share,currency';
  const rows = points.map(({ date, commit, summary: s }) =>
    [
      date,
      commit,
      share(s.alignmentScore),
      formatDecimal(s.totalSpend, s.currency),
      formatDecimal(s.alignedSpend, s.currency),
      formatDecimal(s.unlinkedSpend, s.currency),
      share(s.measuredShare),
      share(s.runShare),
      s.currency,
    ]
      .map(csvField)
      .join(','),
  );
  return [header, ...rows].join('\r\n') + '\r\n';
}

export function formatHistoryText(points: readonly Point[]): string {
  const lines: string[] = [];
  let previous: Summary | undefined;
  for (const p of points) {
    const s = p.summary;
    const change =
      previous && previous.alignmentScore !== null && s.alignmentScore !== null
        ? `  ${signedPoints(s.alignmentScore - previous.alignmentScore)}`
        : '';
    lines.push(
      `${p.date.slice(0, 10)}  ${p.commit.slice(0, 10)}${p.tag ? `  ${p.tag}` : ''}  score ${percent(s.alignmentScore).padStart(6)}  total ${formatMoneyShort(s.totalSpend, s.currency)}  unlinked ${formatMoneyShort(s.unlinkedSpend, s.currency)}${change}`,
    );
    previous = s;
  }
  return lines.length > 0 ? lines.join('\n') + '\n' : 'No points in this range.\n';
}

// The report's own stylesheet and light/dark palette, so that the chart reads as the report's do.
const STYLE = `${STANDALONE_THEME}\n${reportCss.replace(/<\/style/gi, '')}
.history table { border-collapse: collapse; margin-top: 8px; }
.history th, .history td { padding: 4px 10px; border-bottom: 1px solid var(--vscode-panel-border); text-align: right; font-variant-numeric: tabular-nums; }
.history th:first-child, .history td:first-child, .history td:nth-child(2), .history th:nth-child(2) { text-align: left; }
.history caption { text-align: left; color: var(--vscode-descriptionForeground); }
`.replace(/\r\n?/g, '\n');

export function formatHistoryHtml(points: readonly Point[]): string {
  const rows = points.map(
    ({ date, commit, tag, summary: s }) =>
      `<tr><td>${escapeHtml(date.slice(0, 10))}</td><td><code>${escapeHtml(commit.slice(0, 10))}</code>${tag ? ` ${escapeHtml(tag)}` : ''}</td><td>${percent(s.alignmentScore)}</td><td>${escapeHtml(formatMoneyShort(s.totalSpend, s.currency))}</td><td>${escapeHtml(formatMoneyShort(s.alignedSpend, s.currency))}</td><td>${escapeHtml(formatMoneyShort(s.unlinkedSpend, s.currency))}</td><td>${percent(s.measuredShare)}</td><td>${percent(s.runShare)}</td></tr>`,
  );
  const name = points.at(-1)?.summary.name ?? 'Portfolio';
  // The chart comes from the same view tree as the panel's trend; the table below has its figures.
  const chart = renderNode(trendChart(points.map((p) => trendPointOf(p.commit, p.date, p.summary, p.tag))));
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src ${cspHash(STYLE)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(name)}: alignment over time</title><style>${STYLE}</style></head>
<body class="standalone"><main class="report history"><h1>${escapeHtml(name)}: alignment over time</h1>
${chart}
<div class="table-wrap"><table class="data history-table"><caption>One row per point, oldest first</caption>
<thead><tr><th scope="col">Date</th><th scope="col">Commit</th><th scope="col">Score</th><th scope="col">Total</th><th scope="col">Aligned</th><th scope="col">Unlinked</th><th scope="col">Measured share</th><th scope="col">Run share</th></tr></thead>
<tbody>${rows.join('\n')}</tbody></table></div></main></body></html>
`;
}
