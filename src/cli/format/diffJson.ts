// The `diff --format json` contract, version 1 (docs/cli.md): amounts in major units of each
// side's summary currency, shares as 0..1 rounded to 6 decimals.
import type { PortfolioDiff } from '../../core/summary/diff';
import { toMajor } from '../../core/model/money';
import { toJsonSummary } from '../../core/summary/report/json';

export const DIFF_JSON_VERSION = 1;

interface SideInfo {
  ref: string | null;
  commit: string | null;
  label: string;
}

export function formatDiffJson(diff: PortfolioDiff, base: SideInfo, head: SideInfo): string {
  const before = diff.base.summary.currency;
  const after = diff.head.summary.currency;
  const money = (minor: number | null, currency = after) => (minor === null ? null : toMajor(minor, currency));
  const share = (value: number | null) => (value === null ? null : Number(value.toFixed(6)));
  const d = diff.delta;
  const side = (info: SideInfo, snapshot: PortfolioDiff['base']) => ({
    ref: info.ref,
    commit: info.commit,
    label: info.label,
    summary: toJsonSummary(snapshot.summary),
    unparsed: snapshot.unparsed,
  });
  const difference = (a: number | null, b: number | null) => (a === null || b === null || diff.currencyChanged ? null : b - a);
  return JSON.stringify(
    {
      version: DIFF_JSON_VERSION,
      base: side(base, diff.base),
      head: side(head, diff.head),
      currencyChanged: diff.currencyChanged,
      delta: {
        totalSpend: money(d.totalSpend),
        alignedSpend: money(d.alignedSpend),
        unlinkedSpend: money(d.unlinkedSpend),
        measuredSpend: money(d.measuredSpend),
        budget: money(d.budget),
        alignmentScore: share(d.alignmentScore),
        measuredShare: share(d.measuredShare),
        budgetUse: share(d.budgetUse),
        runShare: share(d.runShare),
        counts: d.counts,
        problems: d.problems,
      },
      outcomes: diff.outcomes.map((o) => ({
        id: o.id,
        title: o.title,
        change: o.change,
        spendBefore: money(o.spendBefore, before),
        spendAfter: money(o.spendAfter),
        spendDelta: money(difference(o.spendBefore ?? 0, o.spendAfter ?? 0)),
        budgetUseBefore: share(o.budgetUseBefore),
        budgetUseAfter: share(o.budgetUseAfter),
        initiativesBefore: o.initiativesBefore,
        initiativesAfter: o.initiativesAfter,
      })),
      capabilities: diff.capabilities.map((c) => ({
        capability: c.capability,
        spendBefore: money(c.spendBefore),
        spendAfter: money(c.spendAfter),
        spendDelta: money(c.spendAfter - c.spendBefore),
      })),
      unlinked: {
        added: diff.unlinked.added.map((u) => ({
          id: u.id,
          title: u.title,
          before: money(u.before),
          after: money(u.after),
          delta: money(u.after - u.before),
        })),
        reduced: diff.unlinked.reduced.map((u) => ({
          id: u.id,
          title: u.title,
          before: money(u.before),
          after: money(u.after),
          delta: money(u.after - u.before),
        })),
      },
      initiatives: diff.initiatives,
      findings: diff.findings,
    },
    null,
    2,
  );
}
