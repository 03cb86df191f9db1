// The entry of dist/spreadsheet.js, the bundle loaded on first use by the CLI (import, report
// --format xlsx) and by the Node extension host (Import from Spreadsheet, the panel's Excel export).
// Besides the file readers and the writer it carries the import's core, so the extension's own
// bundle (loaded at activation) stays without the yaml library and SheetJS.
export * from './spreadsheet';
export { guessMapYaml } from '../core/import/guess';
export { parseImportMap } from '../core/import/loadMap';
export { formatRejection, importTables, MapError } from '../core/import/mapRows';
export { MergeError, mergeIntoPortfolio, newPortfolioYaml } from '../core/import/write';
export { mapLocations, rejectionRange } from '../core/import/mapLocations';
export { summarySheets } from '../core/summary/report/sheets';
