// The summary as a file: Markdown, CSV, the standalone HTML report or an Excel workbook. Each is rendered by the same
// core function the command line uses (`portfolio-align report --format md|csv|html`), with the
// same stylesheet, so an export from the panel is the report CI would write for the same files.
import type { Summary } from '../../core/summary/summarize';
import { renderCsv } from '../../core/summary/report/csv';
import { renderStandaloneHtml } from '../../core/summary/report/html';
import { renderMarkdown } from '../../core/summary/report/markdown';
import { summarySheets, type ReportSheet } from '../../core/summary/report/sheets';
import type { Bands } from '../../core/summary/report/view';
import reportCss from '../../../media/summary.css';
import type { ExportFormat, TextExportFormat } from '../protocol';

export interface ExportOptions {
  /** Paths as the report shows them: relative to the workspace folder, as the CLI run there. */
  displayPath: (path: string) => string;
  bands?: Bands;
  /** What the figures are limited to, when the panel filters them. */
  filterNote?: string;
}

export const EXPORT_KINDS: Record<ExportFormat, { extension: string; label: string }> = {
  md: { extension: 'md', label: 'Markdown' },
  csv: { extension: 'csv', label: 'CSV' },
  html: { extension: 'html', label: 'HTML' },
  xlsx: { extension: 'xlsx', label: 'Excel' },
};

/** The sheets of the Excel export: report --format xlsx's, with paths as the report shows them. */
export function exportSheets(summary: Summary, options: Pick<ExportOptions, 'displayPath'>): ReportSheet[] {
  const shown = (path: string) => options.displayPath(path);
  return summarySheets({
    ...summary,
    initiatives: summary.initiatives.map((row) => ({ ...row, path: shown(row.path) })),
    byOutcome: summary.byOutcome.map((row) => ({ ...row, path: shown(row.path) })),
    unlinked: summary.unlinked.map((row) => ({ ...row, path: shown(row.path) })),
  });
}

export function renderExport(format: TextExportFormat, summary: Summary, options: ExportOptions): string {
  switch (format) {
    case 'md':
      return renderMarkdown(summary, options.filterNote ? { filterNote: options.filterNote } : {});
    case 'csv':
      return renderCsv({ ...summary, initiatives: summary.initiatives.map((row) => ({ ...row, path: options.displayPath(row.path) })) });
    case 'html':
      return renderStandaloneHtml(summary, {
        css: reportCss,
        displayPath: options.displayPath,
        ...(options.bands ? { bands: options.bands } : {}),
        ...(options.filterNote ? { filterNote: options.filterNote } : {}),
      });
  }
}

/** A file name for the save dialog: the portfolio's name, made safe for any file system. */
export function exportFileName(summary: Summary, format: ExportFormat): string {
  const base =
    (summary.name ?? 'portfolio')
      .normalize('NFKD')
      .replace(/[^A-Za-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .toLowerCase()
      .slice(0, 60) || 'portfolio';
  return `${base}-alignment.${EXPORT_KINDS[format].extension}`;
}
