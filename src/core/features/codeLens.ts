// CodeLens above each outcome (linked spend, initiatives, budget use) and above each initiative
// with unlinked spend (with a command to link it).
import type { Range } from '../syntax/lineIndex';
import type { LineSpan } from './diagnosticBudget';
import { formatMoneyShort } from '../model/money';
import { percent } from '../summary/report/view';
import type { Analysis } from '../check/workspace';
import { rangeOf } from './locate';

export interface Lens {
  range: Range;
  title: string;
  command?: { kind: 'references'; id: string } | { kind: 'link'; initiative: string };
}

export function codeLenses(analysis: Analysis, path: string): Lens[] {
  const file = analysis.files.find((f) => f.path === path);
  if (!file) return [];
  const { ledger, index } = analysis;
  const lenses: Lens[] = [];
  for (const item of file.outcomes) {
    const id = item.model.id;
    if (!id || index.outcome(id.value)?.item !== item) continue;
    const linked = ledger.byOutcome.get(id.value);
    const spend = linked?.spend ?? 0;
    const count = linked?.initiatives ?? 0;
    const budget = ledger.outcomeBudgets.get(item.model);
    const parts = [formatMoneyShort(spend, ledger.currency), `${count} initiative${count === 1 ? '' : 's'}`];
    if (budget !== undefined && budget > 0) parts.push(`${percent(spend / budget, 0)} of budget`);
    lenses.push({ range: rangeOf(file, item.chunk, id.node), title: parts.join(' · '), command: { kind: 'references', id: id.value } });
  }
  for (const entry of ledger.initiatives) {
    if (entry.file !== file || entry.unlinked <= 0 || entry.reason !== 'no-link') continue;
    const id = entry.item.model.id;
    if (!id) continue;
    const range = rangeOf(file, entry.item.chunk, id.node);
    lenses.push({ range, title: `${formatMoneyShort(entry.spend, ledger.currency)} not linked to any outcome` });
    lenses.push({ range, title: 'Link…', command: { kind: 'link', initiative: id.value } });
  }
  return lenses;
}

/**
 * Above this many lenses in a file, only those near the visible lines are shown: VS Code lays out
 * and renders every lens of a file again after each change, which made typing in a 10,000-item
 * file lag (2,052 lenses). 200 is well above what a screen shows.
 */
export const MAX_LENSES = 200;
/** Lines above and below the visible ranges whose lenses are kept, so that scrolling finds them ready. */
export const LENS_MARGIN_LINES = 100;

/** The lenses to hand to the editor: all of them in a small file, those near the visible lines in a large one. */
export function boundedLenses<T extends { range: Range }>(lenses: readonly T[], visible: readonly LineSpan[], max = MAX_LENSES): T[] {
  if (lenses.length <= max) return [...lenses];
  const near = lenses.filter((lens) =>
    visible.some(
      (span) => lens.range.start.line >= span.start - LENS_MARGIN_LINES && lens.range.start.line <= span.end + LENS_MARGIN_LINES,
    ),
  );
  return near.slice(0, max);
}

/**
 * The lenses of a file as the editor gets them, chosen where they are built (the worker) so that a
 * large file's thousands of lenses are not copied to the extension host only to be dropped there.
 * `cut` says whether some were left out (then the editor asks again when the file is scrolled).
 */
export function lensesNear(analysis: Analysis, path: string, visible: readonly LineSpan[]): { lenses: Lens[]; cut: boolean } {
  const all = codeLenses(analysis, path);
  return { lenses: boundedLenses(all, visible), cut: all.length > MAX_LENSES };
}
