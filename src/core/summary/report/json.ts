// The summary in the stable JSON contract (docs/cli.md): amounts in major units of the summary
// currency, rounded to its minor unit.
import type { Summary } from '../summarize';
import { toMajor } from '../../model/money';

export const JSON_CONTRACT_VERSION = 1;

export function toJsonSummary(summary: Summary): Record<string, unknown> {
  const money = (minor: number) => toMajor(minor, summary.currency);
  const round = (share: number | null | undefined) => (share === null || share === undefined ? (share ?? null) : Number(share.toFixed(6)));
  return {
    name: summary.name ?? null,
    brm: summary.brm ?? null,
    fiscalYear: summary.fiscalYear ?? null,
    currency: summary.currency,
    relationshipModel: summary.relationshipModel,
    today: summary.today,
    counts: summary.counts,
    totalSpend: money(summary.totalSpend),
    alignedSpend: money(summary.alignedSpend),
    unlinkedSpend: money(summary.unlinkedSpend),
    alignmentScore: round(summary.alignmentScore),
    measuredSpend: money(summary.measuredSpend),
    measuredShare: round(summary.measuredShare),
    budget: summary.budget === undefined ? null : money(summary.budget),
    budgetUse: round(summary.budgetUse),
    unconverted: summary.unconverted,
    byOutcome: summary.byOutcome.map((o) => ({
      ...o,
      spend: money(o.spend),
      budget: o.budget === undefined ? null : money(o.budget),
      budgetUse: round(o.budgetUse),
    })),
    byCapability: summary.byCapability.map((c) => ({ ...c, spend: money(c.spend) })),
    byOwner: summary.byOwner.map((o) => ({ ...o, spend: money(o.spend) })),
    byCategory: {
      run: money(summary.byCategory.run),
      grow: money(summary.byCategory.grow),
      transform: money(summary.byCategory.transform),
      uncategorized: money(summary.byCategory.uncategorized),
    },
    runShare: round(summary.runShare),
    runBenchmark: summary.runBenchmark,
    unlinked: summary.unlinked.map((u) => ({ ...u, spend: money(u.spend) })),
    goals: summary.goals,
    practices: summary.practices,
    problems: summary.problems,
  };
}
