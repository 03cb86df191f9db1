// The summary message the host posts to the page, built from the engine's answers. Kept apart from
// panel.ts (which needs vscode) so that the page's tests post exactly what the panel would.
import type { Summary } from '../../core/summary/summarize';
import type { Bands } from '../../core/summary/report/view';
import { STATUSES, type Filters, type Scope, type SummaryMessage } from '../protocol';

export interface SummaryMessageInput {
  folder: string;
  folderName: string;
  file: SummaryMessage['file'];
  scope: Scope;
  filters: Filters;
  /** The summary of the scope without owner or status filter: where the filter choices come from. */
  base: Summary;
  /** The summary shown: the scope with the filters applied (the same object when there are none). */
  shown: Summary;
  bands: Bands;
  pageSize: number;
  displayPaths: Record<string, string>;
}

export function summaryMessage(input: SummaryMessageInput): SummaryMessage {
  const owners = input.base.byOwner
    .map((o) => o.owner)
    .filter((o): o is string => o !== null)
    .sort((a, b) => a.localeCompare(b));
  const present = new Set(input.base.initiatives.map((row) => row.status));
  return {
    type: 'summary',
    folder: input.folder,
    folderName: input.folderName,
    file: input.file,
    scope: input.scope,
    filters: { ...input.filters },
    owners,
    statuses: STATUSES.filter((status) => present.has(status)),
    view: { bands: { good: input.bands.good, fair: input.bands.fair }, pageSize: input.pageSize },
    displayPaths: input.displayPaths,
    // The page does not show the per-initiative rows; for 10,000 initiatives they would double the message.
    summary: { ...input.shown, initiatives: [] },
  };
}
