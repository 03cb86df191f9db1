// `diff` for people in a terminal: the figures before → after, then what changed, by id.
import type { PortfolioDiff, SnapshotFinding } from '../../core/summary/diff';
import { formatMoneyShort } from '../../core/model/money';
import { percent } from '../../core/summary/report/view';
import { plural } from '../../core/text/suggest';
import type { Painter } from './text';

/** Strips control characters so that file content cannot drive the terminal. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '?').replace(/\n/g, ' ');
}

/** "+EUR 175k", "-EUR 20k", "±0". */
export function signedMoney(minor: number | null, currency: string): string {
  if (minor === null) return 'n/a (currency changed)';
  if (minor === 0) return '±0';
  return `${minor > 0 ? '+' : '-'}${formatMoneyShort(Math.abs(minor), currency)}`;
}

/** A share's change in percentage points: "+2.1 pts". */
export function signedPoints(share: number | null): string {
  if (share === null) return 'n/a';
  const points = Math.round(share * 1000) / 10;
  return points === 0 ? '±0 pts' : `${points > 0 ? '+' : ''}${points.toFixed(1)} pts`;
}

/** Names a few ids and how many more. */
export function someIds(ids: readonly string[], max = 8): string {
  return ids.slice(0, max).join(', ') + (ids.length > max ? `, and ${ids.length - max} more` : '');
}

function findingLine(f: SnapshotFinding, paint: Painter): string {
  const severity =
    f.severity === 'error' ? paint.red('error  ') : f.severity === 'warning' ? paint.yellow('warning') : paint.blue('info   ');
  return `  ${clean(f.path)}:${f.range.start.line + 1}:${f.range.start.character + 1}  ${severity}  ${paint.dim(f.code)}  ${clean(f.message)}`;
}

export function formatDiffText(diff: PortfolioDiff, baseLabel: string, headLabel: string, paint: Painter, maxRows = 10): string {
  const b = diff.base.summary;
  const h = diff.head.summary;
  const d = diff.delta;
  const short = (minor: number | undefined, currency: string) => (minor === undefined ? '-' : formatMoneyShort(minor, currency));
  const row = (label: string, before: string, after: string, change: string) =>
    `  ${label.padEnd(17)} ${before} → ${after}  ${paint.bold(change)}`;
  const lines = [paint.bold(`Portfolio diff: ${clean(baseLabel)} → ${clean(headLabel)}`)];
  if (diff.currencyChanged)
    lines.push(
      paint.yellow(`  The summary currency changed from ${b.currency} to ${h.currency}: amounts are not compared (set --currency).`),
    );
  lines.push(
    row('Alignment score', percent(b.alignmentScore), percent(h.alignmentScore), signedPoints(d.alignmentScore)),
    row('Total spend', short(b.totalSpend, b.currency), short(h.totalSpend, h.currency), signedMoney(d.totalSpend, h.currency)),
    row('Aligned spend', short(b.alignedSpend, b.currency), short(h.alignedSpend, h.currency), signedMoney(d.alignedSpend, h.currency)),
    row('Unlinked spend', short(b.unlinkedSpend, b.currency), short(h.unlinkedSpend, h.currency), signedMoney(d.unlinkedSpend, h.currency)),
    row('Measured share', percent(b.measuredShare), percent(h.measuredShare), signedPoints(d.measuredShare)),
  );
  if (b.budget !== undefined || h.budget !== undefined)
    lines.push(row('Budget use', percent(b.budgetUse ?? null), percent(h.budgetUse ?? null), signedPoints(d.budgetUse)));
  for (const [label, snapshot] of [
    [baseLabel, diff.base],
    [headLabel, diff.head],
  ] as const) {
    if (snapshot.unparsed.length > 0)
      lines.push(
        paint.yellow(
          `  At ${clean(label)}, ${someIds(snapshot.unparsed.map(clean))} do${snapshot.unparsed.length === 1 ? 'es' : ''} not parse: what they hold is missing there.`,
        ),
      );
  }
  const i = diff.initiatives;
  lines.push('', `Initiatives: ${i.added.length} added, ${i.removed.length} removed, ${i.changed.length} changed`);
  if (i.added.length > 0) lines.push(`  added    ${clean(someIds(i.added))}`);
  if (i.removed.length > 0) lines.push(`  removed  ${clean(someIds(i.removed))}`);
  if (i.changed.length > 0) lines.push(`  changed  ${clean(someIds(i.changed))}`);
  if (diff.unlinked.added.length > 0) {
    lines.push('', 'More unlinked spend:');
    for (const u of diff.unlinked.added.slice(0, maxRows))
      lines.push(`  ${signedMoney(u.after - u.before, h.currency).padStart(14)}  ${clean(u.id)}  ${paint.dim(clean(u.title))}`);
    if (diff.unlinked.added.length > maxRows) lines.push(paint.dim(`  ...and ${diff.unlinked.added.length - maxRows} more`));
  }
  if (diff.outcomes.length > 0) {
    lines.push('', 'Outcomes:');
    for (const o of diff.outcomes.slice(0, maxRows)) {
      const spend =
        o.change === 'added'
          ? `new, ${short(o.spendAfter ?? 0, h.currency)}`
          : o.change === 'removed'
            ? `removed, was ${short(o.spendBefore ?? 0, b.currency)}`
            : `${short(o.spendBefore ?? 0, b.currency)} → ${short(o.spendAfter ?? 0, h.currency)}`;
      lines.push(`  ${clean(o.id)}  ${spend}`);
    }
    if (diff.outcomes.length > maxRows) lines.push(paint.dim(`  ...and ${diff.outcomes.length - maxRows} more`));
  }
  if (diff.capabilities.length > 0) {
    lines.push('', 'Capabilities:');
    for (const c of diff.capabilities.slice(0, maxRows))
      lines.push(
        `  ${clean(c.capability ?? '(outcomes with no capability)')}  ${short(c.spendBefore, h.currency)} → ${short(c.spendAfter, h.currency)}  ${signedMoney(c.spendAfter - c.spendBefore, h.currency)}`,
      );
  }
  lines.push('', `New findings: ${diff.findings.new.length}`);
  for (const f of diff.findings.new) lines.push(findingLine(f, paint));
  lines.push(`Fixed findings: ${diff.findings.fixed.length}`);
  for (const f of diff.findings.fixed.slice(0, maxRows)) lines.push(findingLine(f, paint));
  if (diff.findings.fixed.length > maxRows)
    lines.push(paint.dim(`  ...and ${plural(diff.findings.fixed.length - maxRows, 'more finding')}`));
  return lines.join('\n');
}
