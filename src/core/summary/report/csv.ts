// Every initiative that is not cancelled, one row each, for a spreadsheet (RFC 4180).
import type { Summary } from '../summarize';
import { visibleControls } from '../../text/controlChars';
import { formatDecimal } from '../../model/money';

/**
 * Quotes a field when needed, and defuses cells a spreadsheet would run as a formula. A line
 * break in a text becomes a line feed inside the quoted field, so that CRLF ends rows and nothing
 * else does; control characters show as in the HTML report ([U+001B]).
 */
export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : visibleControls(String(value).replace(/\r\n?/g, '\n'));
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function renderCsv(summary: Summary): string {
  const money = (minor: number) => formatDecimal(minor, summary.currency);
  const header = [
    'id',
    'title',
    'category',
    'type',
    'owner',
    'status',
    'priority',
    `spend_${summary.currency}`,
    `aligned_${summary.currency}`,
    `unlinked_${summary.currency}`,
    'outcomes',
    'unlinked_reason',
    'path',
    'line',
    'note',
  ];
  const rows = summary.initiatives.map((r) => {
    // An amount left out of the totals is no zero: its cells stay empty and the note says why.
    const amounts = r.uncounted ? [undefined, undefined, undefined] : [money(r.spend), money(r.aligned), money(r.unlinked)];
    return [
      r.id,
      r.title,
      r.category,
      r.type,
      r.owner,
      r.status,
      r.priority,
      ...amounts,
      r.outcomes.join(' '),
      r.reason,
      r.path,
      r.line,
      r.uncounted,
    ]
      .map(csvField)
      .join(',');
  });
  return [header.join(','), ...rows].join('\r\n') + '\r\n';
}
