// dist/spreadsheet.js (SheetJS, csv-parse and the import's core) for the extension: loaded on first
// use, never at activation, and only in a Node extension host (desktop, code-server). Its zip-bomb
// cap inflates with node:zlib, so the web extension host (vscode.dev, github.dev) goes without.
import * as vscode from 'vscode';
import type * as Spreadsheet from '../spreadsheet/index';

export type SpreadsheetModule = typeof Spreadsheet;

/** Why spreadsheets cannot be read or written here, or undefined when they can. */
export function spreadsheetUnavailable(): string | undefined {
  const versions = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions;
  return typeof versions?.node === 'string'
    ? undefined
    : 'Spreadsheets (CSV, XLSX) need the desktop VS Code or a Node extension host such as code-server: the web version (vscode.dev, github.dev) cannot read or write them. Use portfolio-align import or report --format xlsx on the command line.';
}

let loaded: SpreadsheetModule | undefined;

/** The bundle, or an Error whose message says why not. */
export function loadSpreadsheetModule(extensionUri: vscode.Uri): SpreadsheetModule | Error {
  if (loaded) return loaded;
  const why = spreadsheetUnavailable();
  if (why) return new Error(why);
  const file = vscode.Uri.joinPath(extensionUri, 'dist', 'spreadsheet.js').fsPath;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded at run time, on first use
    loaded = require(file) as SpreadsheetModule;
    return loaded;
  } catch (error) {
    return new Error(`The spreadsheet libraries (${file}) could not be loaded: ${(error as Error).message}. Reinstall the extension.`);
  }
}

/** A spreadsheet library's own message about the file (it says what to fix), or undefined. */
export function spreadsheetMessage(error: unknown): string | undefined {
  return error instanceof Error && (error as { spreadsheet?: boolean }).spreadsheet === true ? error.message : undefined;
}
