// What the panel's figures are limited to, in words: shown in the panel's header and written into
// an export, so a filtered report never passes for the whole portfolio.
import type { Filters, Scope } from './protocol';

export function describeFilters(scope: Scope, fileName: string | undefined, filters: Filters): string | undefined {
  const parts: string[] = [];
  if (scope === 'file' && fileName) parts.push(`file ${fileName}`);
  if (filters.owner !== null) parts.push(`owner ${filters.owner}`);
  if (filters.status !== null) parts.push(`status ${filters.status}`);
  return parts.length > 0 ? `Limited to ${parts.join(', ')}.` : undefined;
}
