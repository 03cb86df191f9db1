// The summary as Markdown, for a steering committee mail or a pull request comment.
import type { Summary } from '../summarize';
import { formatMoney, formatMoneyShort } from '../../model/money';
import { plural } from '../../text/suggest';
import { visibleControls } from '../../text/controlChars';
import { percent, REASONS } from './view';

/**
 * Escapes text for a Markdown table cell or line, so file content cannot add markup or break a
 * row (any line break, a lone CR too, becomes a space), and controls show as in the HTML report.
 */
export function escapeMarkdown(text: string): string {
  // A hyphen is only markup where it would start a list item: ids such as datacenter-refresh are
  // left as written. Dots stay escaped so that no renderer turns a domain into a link.
  return visibleControls(
    text
      .replace(/[\\`*_{}[\]()#+.!|<>~]/g, '\\$&')
      .replace(/\r\n|[\r\n]/g, ' ')
      .replace(/^(\s*)-/, '$1\\-'),
  );
}

/** Appends a table to `lines` (in a loop: spreading a long table into push() overflows the stack). */
function table(lines: string[], headers: string[], rows: string[][]): void {
  lines.push(`| ${headers.join(' | ')} |`, `| ${headers.map(() => '---').join(' | ')} |`);
  for (const r of rows) lines.push(`| ${r.join(' | ')} |`);
}

export function renderMarkdown(summary: Summary, options: { maxRows?: number; filterNote?: string } = {}): string {
  const s = summary;
  const max = options.maxRows ?? 25;
  const money = (minor: number) => formatMoney(minor, s.currency);
  const short = (minor: number) => formatMoneyShort(minor, s.currency);
  const e = escapeMarkdown;
  const lines: string[] = [];
  lines.push(`# ${e(s.name ?? 'Portfolio')}: alignment report`, '');
  lines.push(
    `As of ${s.today} · ${s.relationshipModel} relationship model · ${plural(s.counts.initiatives, 'initiative')}, ${plural(s.counts.outcomes, 'outcome')}${s.brm ? ` · BRM ${e(s.brm)}` : ''}`,
    '',
  );
  if (options.filterNote) lines.push(`> ${e(options.filterNote)}`, '');
  lines.push(
    `- **Alignment score: ${percent(s.alignmentScore)}** (${short(s.alignedSpend)} of ${short(s.totalSpend)} serves a business outcome)`,
  );
  lines.push(`- Unlinked spend: ${money(s.unlinkedSpend)} in ${plural(s.unlinked.length, 'initiative')}`);
  lines.push(`- Measured share: ${percent(s.measuredShare)} of spend serves outcomes with a target`);
  if (s.budget !== undefined) lines.push(`- Budget use: ${percent(s.budgetUse ?? null)} (${short(s.totalSpend)} of ${short(s.budget)})`);
  lines.push(
    `- Run / grow / transform: ${(['run', 'grow', 'transform'] as const).map((k) => percent(s.totalSpend > 0 ? s.byCategory[k] / s.totalSpend : null, 0)).join(' / ')} (benchmark run ${percent(s.runBenchmark.low, 0)}–${percent(s.runBenchmark.high, 0)})`,
  );
  if (s.unconverted > 0) lines.push(`- ${s.unconverted} amounts could not be converted and are left out of the totals`);
  lines.push('', `## ${s.relationshipModel[0]!.toUpperCase() + s.relationshipModel.slice(1)} practices`, '');
  for (const p of s.practices) lines.push(`- [${p.met ? 'x' : ' '}] ${p.title} (${e(p.detail)})`);
  lines.push('', '## Unlinked spend', '');
  if (s.unlinked.length === 0) lines.push('All spend is linked to business outcomes.');
  else
    table(
      lines,
      ['Initiative', 'Title', 'Why', 'Spend'],
      s.unlinked.slice(0, max).map((u) => [e(u.id), e(u.title), REASONS[u.reason] ?? u.reason, money(u.spend)]),
    );
  if (s.unlinked.length > max) lines.push('', `…and ${s.unlinked.length - max} more.`);
  lines.push('', '## Spend by outcome', '');
  table(
    lines,
    ['Outcome', 'Capability', 'Initiatives', 'Spend', 'Budget use'],
    s.byOutcome
      .slice(0, max)
      .map((o) => [
        `${e(o.title)} (${e(o.id)})`,
        e(o.capability ?? ''),
        String(o.initiatives),
        money(o.spend),
        o.budget === undefined ? '' : percent(o.budgetUse ?? null, 0),
      ]),
  );
  if (s.byOutcome.length > max) lines.push('', `…and ${s.byOutcome.length - max} more.`);
  lines.push('', '## Spend by capability', '');
  table(
    lines,
    ['Capability', 'Linked spend', 'Share'],
    s.byCapability.map((c) => [
      e(c.capability ?? 'Outcomes with no capability'),
      money(c.spend),
      percent(s.alignedSpend > 0 ? c.spend / s.alignedSpend : null),
    ]),
  );
  lines.push('', '## Goal status', '');
  if (s.goals.length === 0) lines.push('No measures are defined.');
  else
    table(
      lines,
      ['Outcome', 'Metric', 'Baseline', 'Actual', 'Target', 'Due', 'Status'],
      s.goals
        .slice(0, max)
        .map((g) => [
          e(g.outcome),
          e(g.metric),
          g.baseline?.toString() ?? '',
          g.actual?.toString() ?? '',
          g.target?.toString() ?? '',
          g.due ?? '',
          g.status.replace('-', ' '),
        ]),
    );
  lines.push(
    '',
    `## Problems`,
    '',
    `${plural(s.problems.errors, 'error')}, ${plural(s.problems.warnings, 'warning')}, ${plural(s.problems.infos, 'info')}.`,
    '',
  );
  return lines.join('\n') + '\n';
}
