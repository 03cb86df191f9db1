// The summary as the sheets of an Excel workbook (report --format xlsx): amounts as numbers in the
// summary currency with a currency number format, the same figures as check --format json.
// Pure data; the CLI writes it with the spreadsheet library. Text is always a text cell.
import type { Summary } from '../summarize';
import { currencyExponent, toMajor } from '../../model/money';

/** A cell: text (never a formula), a number with an Excel number format, or empty. */
export type ReportCell = string | { n: number; format?: string } | null;

export interface ReportSheet {
  name: string;
  rows: ReportCell[][];
  widths?: number[];
}

const PERCENT = '0.0%';

export function summarySheets(summary: Summary): ReportSheet[] {
  const exponent = currencyExponent(summary.currency);
  const moneyFormat = `"${summary.currency} "#,##0${exponent > 0 ? '.' + '0'.repeat(exponent) : ''}`;
  const money = (minor: number | undefined): ReportCell =>
    minor === undefined ? null : { n: toMajor(minor, summary.currency), format: moneyFormat };
  const share = (value: number | null | undefined): ReportCell =>
    value === null || value === undefined ? null : { n: Number(value.toFixed(6)), format: PERCENT };
  const count = (value: number | undefined): ReportCell => (value === undefined ? null : { n: value });
  const text = (value: string | null | undefined): ReportCell => (value === null || value === undefined ? null : value);

  const headline: Array<[string, ReportCell]> = [
    ['Portfolio', text(summary.name)],
    ['Currency', summary.currency],
    ['Relationship model', summary.relationshipModel],
    ['As of', summary.today],
    ['Total spend', money(summary.totalSpend)],
    ['Aligned spend', money(summary.alignedSpend)],
    ['Unlinked spend', money(summary.unlinkedSpend)],
    ['Alignment score', share(summary.alignmentScore)],
    ['Measured spend', money(summary.measuredSpend)],
    ['Measured share', share(summary.measuredShare)],
    ['Budget', money(summary.budget)],
    ['Budget use', share(summary.budgetUse)],
    ['Run share', share(summary.runShare)],
    ['Run', money(summary.byCategory.run)],
    ['Grow', money(summary.byCategory.grow)],
    ['Transform', money(summary.byCategory.transform)],
    ['Uncategorized', money(summary.byCategory.uncategorized)],
    ['Files', count(summary.counts.files)],
    ['Outcomes', count(summary.counts.outcomes)],
    ['Initiatives', count(summary.counts.initiatives)],
    ['Cancelled initiatives', count(summary.counts.cancelled)],
    ['Errors', count(summary.problems.errors)],
    ['Warnings', count(summary.problems.warnings)],
    ['Infos', count(summary.problems.infos)],
  ];
  if (summary.brm !== undefined) headline.splice(1, 0, ['BRM', summary.brm]);

  const goalsByOutcome = new Map<string, string[]>();
  for (const goal of summary.goals) {
    const list = goalsByOutcome.get(goal.outcome) ?? [];
    list.push(`${goal.metric}: ${goal.status}`);
    goalsByOutcome.set(goal.outcome, list);
  }

  return [
    { name: 'Summary', rows: [['Figure', 'Value'], ...headline.map(([label, value]) => [label, value])], widths: [24, 20] },
    // cost is the spend the summary counts (the cost, else the actual cost); empty when there is none.
    {
      name: 'Initiatives',
      rows: [
        ['id', 'title', 'owner', 'status', 'category', 'type', 'cost', 'linked outcomes', 'unlinked amount', 'file', 'line'],
        ...summary.initiatives.map((r) => [
          r.id,
          r.title,
          text(r.owner),
          text(r.status),
          text(r.category),
          text(r.type),
          r.spend === 0 ? null : money(r.spend),
          r.outcomes.join('; '),
          money(r.unlinked),
          r.path,
          count(r.line),
        ]),
      ],
      widths: [20, 40, 20, 12, 10, 16, 16, 30, 16, 30, 6],
    },
    {
      name: 'Outcomes',
      rows: [
        [
          'id',
          'title',
          'kind',
          'owner',
          'capability',
          'spend',
          'initiatives',
          'budget',
          'budget use',
          'measured',
          'measures and goal status',
          'file',
          'line',
        ],
        ...summary.byOutcome.map((o) => [
          o.id,
          o.title,
          o.kind,
          text(o.owner),
          text(o.capability),
          money(o.spend),
          count(o.initiatives),
          money(o.budget),
          share(o.budgetUse),
          o.measured ? 'yes' : 'no',
          (goalsByOutcome.get(o.id) ?? []).join('; '),
          o.path,
          count(o.line),
        ]),
      ],
      widths: [20, 40, 10, 20, 20, 16, 10, 16, 10, 9, 40, 30, 6],
    },
    {
      name: 'Unlinked',
      rows: [
        ['id', 'title', 'type', 'owner', 'status', 'spend', 'reason', 'file', 'line'],
        ...summary.unlinked.map((u) => [
          u.id,
          u.title,
          text(u.type),
          text(u.owner),
          text(u.status),
          money(u.spend),
          u.reason,
          u.path,
          count(u.line),
        ]),
      ],
      widths: [20, 40, 16, 20, 12, 16, 16, 30, 6],
    },
    {
      name: 'Capabilities',
      rows: [
        ['capability', 'spend', 'outcomes'],
        ...summary.byCapability.map((c) => [c.capability ?? '(none)', money(c.spend), count(c.outcomes)]),
      ],
      widths: [30, 16, 10],
    },
  ];
}
