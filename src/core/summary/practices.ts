// The practices each business/IT relationship model expects, and whether the portfolio meets them.
// A Provider runs IT as a service menu; a Partner and a Peer tie every spend to a business result.
import type { Summary } from './summarize';
import type { RelationshipModel } from '../model/schema';
import type { Analysis } from '../check/workspace';

export interface Practice {
  id: string;
  title: string;
  met: boolean;
  /** The evidence, such as "12 of 14 initiatives". */
  detail: string;
}

type PracticeCheck = (analysis: Analysis, summary: Summary) => Practice;

const MODEL_PRACTICES: Record<RelationshipModel, readonly string[]> = {
  passive: ['costs-recorded', 'owners-named'],
  provider: ['costs-recorded', 'owners-named', 'service-catalog', 'brm-named'],
  partner: ['costs-recorded', 'brm-named', 'spend-linked', 'infrastructure-linked', 'outcomes-measured', 'outcomes-sponsored'],
  peer: [
    'costs-recorded',
    'brm-named',
    'spend-linked',
    'infrastructure-linked',
    'outcomes-measured',
    'outcomes-sponsored',
    'goals-tracked',
    'run-within-benchmark',
  ],
};

function ratio(count: number, total: number, noun: string): string {
  return `${count} of ${total} ${noun}`;
}

const CHECKS: Record<string, PracticeCheck> = {
  'costs-recorded': ({ ledger }) => {
    const withCost = ledger.initiatives.filter((e) => e.item.model.cost).length;
    return {
      id: 'costs-recorded',
      title: 'Every initiative states its cost',
      met: withCost === ledger.initiatives.length,
      detail: ratio(withCost, ledger.initiatives.length, 'initiatives'),
    };
  },
  'owners-named': ({ files }) => {
    const items = files.flatMap((f) => [...f.outcomes.map((o) => o.model.owner), ...f.initiatives.map((i) => i.model.owner)]);
    const named = items.filter(Boolean).length;
    return {
      id: 'owners-named',
      title: 'Every outcome and initiative has an owner',
      met: named === items.length,
      detail: ratio(named, items.length, 'items'),
    };
  },
  'service-catalog': ({ files, ledger }) => {
    const catalog = new Set(files.flatMap((f) => (f.metadata?.model.catalog ?? []).map((c) => c.value)));
    const inCatalog = ledger.initiatives.filter((e) => e.item.model.service && catalog.has(e.item.model.service.value)).length;
    const detail =
      catalog.size === 0
        ? 'no metadata.catalog declared'
        : ratio(inCatalog, ledger.initiatives.length, 'initiatives name a catalog service');
    return {
      id: 'service-catalog',
      title: 'Spend is ordered from a service catalog',
      met: catalog.size > 0 && inCatalog === ledger.initiatives.length,
      detail,
    };
  },
  'brm-named': ({ files }) => {
    const brm = files.map((f) => f.metadata?.model.brm).find(Boolean);
    return { id: 'brm-named', title: 'A Business Relationship Manager is named', met: brm !== undefined, detail: brm ?? 'no metadata.brm' };
  },
  'spend-linked': ({ ledger }, summary) => {
    const linked = ledger.initiatives.filter((e) => e.unlinked === 0).length;
    return {
      id: 'spend-linked',
      title: 'All spend is linked to business outcomes',
      met: summary.unlinkedSpend === 0,
      detail: ratio(linked, ledger.initiatives.length, 'initiatives fully linked'),
    };
  },
  'infrastructure-linked': ({ ledger }) => {
    const infra = ledger.initiatives.filter((e) => e.item.model.type === 'infrastructure' || e.item.model.type === 'software-upgrade');
    const linked = infra.filter((e) => e.unlinked === 0).length;
    return {
      id: 'infrastructure-linked',
      title: 'Infrastructure and upgrades trace to a business need',
      met: linked === infra.length,
      detail: ratio(linked, infra.length, 'infrastructure initiatives linked'),
    };
  },
  'outcomes-measured': ({ files }) => {
    const outcomes = files.flatMap((f) => f.outcomes.map((o) => o.model)).filter((o) => o.kind !== 'mandate');
    const measured = outcomes.filter((o) => o.measures.some((m) => m.target !== undefined)).length;
    return {
      id: 'outcomes-measured',
      title: 'Outcomes have measures with targets',
      met: measured === outcomes.length,
      detail: ratio(measured, outcomes.length, 'outcomes measured'),
    };
  },
  'outcomes-sponsored': ({ files }) => {
    const outcomes = files.flatMap((f) => f.outcomes.map((o) => o.model));
    const owned = outcomes.filter((o) => o.owner).length;
    return {
      id: 'outcomes-sponsored',
      title: 'Every outcome has a business sponsor',
      met: owned === outcomes.length,
      detail: ratio(owned, outcomes.length, 'outcomes with an owner'),
    };
  },
  'goals-tracked': (_analysis, summary) => {
    const due = summary.goals.filter((g) => g.target !== undefined && g.due !== undefined && g.due < summary.today);
    const tracked = due.filter((g) => g.actual !== undefined).length;
    return {
      id: 'goals-tracked',
      title: 'Goals past their due date have actuals recorded',
      met: tracked === due.length,
      detail: ratio(tracked, due.length, 'due measures with an actual'),
    };
  },
  'run-within-benchmark': (_analysis, summary) => {
    const share = summary.runShare;
    const met = share !== null && share <= summary.runBenchmark.high;
    const detail =
      share === null
        ? 'no spend'
        : `run is ${Math.round(share * 100)}% of spend (benchmark ${Math.round(summary.runBenchmark.low * 100)}-${Math.round(summary.runBenchmark.high * 100)}%)`;
    return { id: 'run-within-benchmark', title: 'Run spend at or below the industry benchmark', met, detail };
  },
};

export function practicesFor(model: RelationshipModel, analysis: Analysis, summary: Summary): Practice[] {
  return MODEL_PRACTICES[model].map((id) => CHECKS[id]!(analysis, summary));
}
