// Compiler-style lines (1-based), then the alignment summary.
import type { Summary } from '../../core/summary/summarize';
import type { PortfolioDiagnostic } from '../../core/check/diagnostics';
import { terminalLine } from '../../core/text/controlChars';
import { formatMoney, formatMoneyShort } from '../../core/model/money';
import { band, percent } from '../../core/summary/report/view';
import { plural } from '../../core/text/suggest';

export interface Painter {
  red(text: string): string;
  yellow(text: string): string;
  blue(text: string): string;
  green(text: string): string;
  bold(text: string): string;
  dim(text: string): string;
}

export function painter(color: boolean): Painter {
  const wrap = (code: number) => (text: string) => (color ? `\u001b[${code}m${text}\u001b[0m` : text);
  return { red: wrap(31), yellow: wrap(33), blue: wrap(34), green: wrap(32), bold: wrap(1), dim: wrap(2) };
}

/** File content on one line, its control characters written visibly, so that it cannot drive the terminal. */
const clean = terminalLine;

export function formatDiagnosticLine(path: string, d: PortfolioDiagnostic, paint: Painter): string {
  const severity =
    d.severity === 'error' ? paint.red('error  ') : d.severity === 'warning' ? paint.yellow('warning') : paint.blue('info   ');
  return `${clean(path)}:${d.range.start.line + 1}:${d.range.start.character + 1}  ${severity}  ${paint.dim(d.code)}  ${clean(d.message)}`;
}

export function formatSummary(summary: Summary, fileCount: number, paint: Painter, maxRows = 5): string {
  const s = summary;
  const short = (minor: number) => formatMoneyShort(minor, s.currency);
  const level = band(s.alignmentScore);
  const scoreText = percent(s.alignmentScore);
  const score =
    level === 'good'
      ? paint.green(scoreText)
      : level === 'fair'
        ? paint.yellow(scoreText)
        : level === 'poor'
          ? paint.red(scoreText)
          : scoreText;
  const share = (minor: number) => percent(s.totalSpend > 0 ? minor / s.totalSpend : null, 0);
  const lines = [
    '',
    paint.bold(
      `${clean(s.name ?? 'Portfolio')}: ${s.relationshipModel} model, ${plural(s.counts.initiatives, 'initiative')}, ${plural(s.counts.outcomes, 'outcome')}, as of ${s.today}`,
    ),
    `  Alignment score   ${score}  (${short(s.alignedSpend)} of ${short(s.totalSpend)} serves a business outcome)`,
    `  Unlinked spend    ${formatMoney(s.unlinkedSpend, s.currency)} in ${plural(s.unlinked.length, 'initiative')}`,
    `  Measured share    ${percent(s.measuredShare)} of spend serves outcomes with a target`,
    `  Run/grow/transform ${share(s.byCategory.run)} / ${share(s.byCategory.grow)} / ${share(s.byCategory.transform)}${s.byCategory.uncategorized > 0 ? ` (+${share(s.byCategory.uncategorized)} uncategorized)` : ''}, benchmark run ${percent(s.runBenchmark.low, 0)}-${percent(s.runBenchmark.high, 0)}`,
  ];
  if (s.budget !== undefined)
    lines.push(`  Budget use        ${percent(s.budgetUse ?? null)} (${short(s.totalSpend)} of ${short(s.budget)})`);
  if (s.unconverted > 0) lines.push(paint.yellow(`  ${s.unconverted} amount(s) could not be converted and are left out of the totals`));
  if (s.unlinked.length > 0) {
    lines.push('', '  Largest unlinked spend:');
    for (const u of s.unlinked.slice(0, maxRows))
      lines.push(`    ${short(u.spend).padStart(14)}  ${clean(u.id)}  ${paint.dim(clean(u.title))}`);
    if (s.unlinked.length > maxRows)
      lines.push(paint.dim(`    ...and ${s.unlinked.length - maxRows} more (portfolio-align report --format csv lists all)`));
  }
  if (s.byCapability.length > 0) {
    lines.push('', '  Spend by capability:');
    for (const c of s.byCapability.slice(0, maxRows))
      lines.push(`    ${short(c.spend).padStart(14)}  ${clean(c.capability ?? '(outcomes with no capability)')}`);
  }
  const goals = (['met', 'on-track', 'missed', 'not-measured'] as const).map(
    (k) => `${s.goals.filter((g) => g.status === k).length} ${k.replace('-', ' ')}`,
  );
  if (s.goals.length > 0) lines.push('', `  Goals: ${goals.join(', ')}`);
  const met = s.practices.filter((p) => p.met).length;
  lines.push(
    `  ${s.relationshipModel[0]!.toUpperCase()}${s.relationshipModel.slice(1)} practices met: ${met} of ${s.practices.length}${s.practices
      .filter((p) => !p.met)
      .map((p) => `\n    ${paint.red('✗')} ${p.title} (${clean(p.detail)})`)
      .join('')}`,
  );
  const p = s.problems;
  lines.push(
    '',
    `${plural(p.errors, 'error')}, ${plural(p.warnings, 'warning')}, ${plural(p.infos, 'info')} in ${plural(fileCount, 'file')}`,
  );
  return lines.join('\n');
}
