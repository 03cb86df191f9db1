// `diff --format md`: a pull-request comment. Short by default (the score, the money that lost
// its outcome, counts), the lists folded in <details>; the first line is a hidden marker that a
// workflow finds to update its one comment instead of adding one per push.
import type { PortfolioDiff, SnapshotFinding } from '../../core/summary/diff';
import { formatMoneyShort } from '../../core/model/money';
import { escapeMarkdown as e } from '../../core/summary/report/markdown';
import { percent } from '../../core/summary/report/view';
import { signedMoney, signedPoints } from './diffText';

export const COMMENT_MARKER = '<!-- portfolio-align:diff -->';

/** Rows of a folded table at most: a comment must stay under GitHub's 65,536 characters. */
const MAX_ROWS = 50;

/** An id as inline code: a backtick cannot end it, a pipe cannot split a table cell. */
function code(id: string): string {
  return '`' + id.replace(/[`\r\n]/g, ' ').replace(/\|/g, '\\|') + '`';
}

function table(lines: string[], headers: string[], rows: string[][]): void {
  lines.push(`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`);
  for (const r of rows.slice(0, MAX_ROWS)) lines.push(`| ${r.join(' | ')} |`);
  if (rows.length > MAX_ROWS) lines.push('', `…and ${rows.length - MAX_ROWS} more.`);
}

function folded(lines: string[], summary: string, body: (lines: string[]) => void): void {
  lines.push('', `<details><summary>${summary}</summary>`, '');
  body(lines);
  lines.push('', '</details>');
}

function findingRows(findings: readonly SnapshotFinding[]): string[][] {
  return findings.map((f) => [f.severity, code(f.code), `${e(f.path)}:${f.range.start.line + 1}`, e(f.message)]);
}

export function formatDiffMarkdown(diff: PortfolioDiff, baseLabel: string, headLabel: string): string {
  const b = diff.base.summary;
  const h = diff.head.summary;
  const d = diff.delta;
  const short = (minor: number | undefined, currency: string) => (minor === undefined ? '–' : formatMoneyShort(minor, currency));
  const lines = [
    COMMENT_MARKER,
    `### Portfolio alignment: ${percent(b.alignmentScore)} → ${percent(h.alignmentScore)} (${signedPoints(d.alignmentScore)})`,
    '',
  ];
  if (diff.currencyChanged) lines.push(`> The summary currency changed from ${b.currency} to ${h.currency}: amounts are not compared.`, '');
  const rows = [
    ['Alignment score', percent(b.alignmentScore), percent(h.alignmentScore), signedPoints(d.alignmentScore)],
    ['Unlinked spend', short(b.unlinkedSpend, b.currency), short(h.unlinkedSpend, h.currency), signedMoney(d.unlinkedSpend, h.currency)],
    ['Total spend', short(b.totalSpend, b.currency), short(h.totalSpend, h.currency), signedMoney(d.totalSpend, h.currency)],
    ['Measured share', percent(b.measuredShare), percent(h.measuredShare), signedPoints(d.measuredShare)],
  ];
  if (b.budget !== undefined || h.budget !== undefined)
    rows.push(['Budget use', percent(b.budgetUse ?? null), percent(h.budgetUse ?? null), signedPoints(d.budgetUse)]);
  table(lines, ['', e(baseLabel), e(headLabel), 'Change'], rows);
  const added = diff.unlinked.added;
  if (added.length > 0) {
    const sum = added.reduce((n, u) => n + u.after - u.before, 0);
    const named = added
      .slice(0, 5)
      .map((u) => `${code(u.id)} ${e(u.title)} (${signedMoney(u.after - u.before, h.currency)})`)
      .join(', ');
    lines.push(
      '',
      `**${signedMoney(sum, h.currency)} unlinked** in ${added.length} initiative${added.length === 1 ? '' : 's'}: ${named}${added.length > 5 ? `, and ${added.length - 5} more` : ''}.`,
    );
  }
  for (const [label, snapshot] of [
    [baseLabel, diff.base],
    [headLabel, diff.head],
  ] as const) {
    if (snapshot.unparsed.length > 0)
      lines.push(
        '',
        `> At ${e(label)}, ${snapshot.unparsed.map(e).join(', ')} ${snapshot.unparsed.length === 1 ? 'does' : 'do'} not parse: what ${snapshot.unparsed.length === 1 ? 'it holds is' : 'they hold is'} missing there.`,
      );
  }
  const i = diff.initiatives;
  const f = diff.findings;
  lines.push(
    '',
    `Initiatives: ${i.added.length} added, ${i.removed.length} removed, ${i.changed.length} changed · Findings: ${f.new.length} new, ${f.fixed.length} fixed`,
  );
  if (f.new.length > 0)
    folded(lines, `New findings (${f.new.length})`, (l) => table(l, ['Severity', 'Rule', 'Where', 'Message'], findingRows(f.new)));
  if (f.fixed.length > 0)
    folded(lines, `Fixed findings (${f.fixed.length})`, (l) => table(l, ['Severity', 'Rule', 'Where', 'Message'], findingRows(f.fixed)));
  if (diff.outcomes.length > 0) {
    folded(lines, `Outcomes (${diff.outcomes.length} changed)`, (l) =>
      table(
        l,
        ['Outcome', 'Change', 'Spend before', 'Spend after', 'Budget use'],
        diff.outcomes.map((o) => [
          `${e(o.title)} (${code(o.id)})`,
          o.change,
          o.spendBefore === null ? '–' : short(o.spendBefore, b.currency),
          o.spendAfter === null ? '–' : short(o.spendAfter, h.currency),
          o.budgetUseBefore === null && o.budgetUseAfter === null
            ? ''
            : `${percent(o.budgetUseBefore, 0)} → ${percent(o.budgetUseAfter, 0)}`,
        ]),
      ),
    );
  }
  if (diff.capabilities.length > 0) {
    folded(lines, `Capabilities (${diff.capabilities.length} changed)`, (l) =>
      table(
        l,
        ['Capability', 'Spend before', 'Spend after', 'Change'],
        diff.capabilities.map((c) => [
          e(c.capability ?? 'Outcomes with no capability'),
          short(c.spendBefore, h.currency),
          short(c.spendAfter, h.currency),
          signedMoney(c.spendAfter - c.spendBefore, h.currency),
        ]),
      ),
    );
  }
  if (i.added.length + i.removed.length + i.changed.length > 0) {
    folded(lines, 'Initiatives', (l) => {
      for (const [label, ids] of [
        ['Added', i.added],
        ['Removed', i.removed],
        ['Changed', i.changed],
      ] as const) {
        if (ids.length > 0)
          l.push(`- ${label}: ${ids.slice(0, 200).map(code).join(', ')}${ids.length > 200 ? `, and ${ids.length - 200} more` : ''}`);
      }
    });
  }
  return lines.join('\n') + '\n';
}
