// Commands for the in-editor tests only: registered when VS Code runs the extension's tests
// (ExtensionMode.Test), never otherwise, and not contributed in package.json.
import * as vscode from 'vscode';
import type { PortfolioService } from './service';
import { loadSpreadsheetModule } from './spreadsheetModule';

/** Ends the engine's worker from outside, as a crash would; resolves false when the engine has no worker (main-thread engine). */
export const TERMINATE_ENGINE_WORKER = 'portfolioAlignment.test.terminateEngineWorker';

/** The diagnostic publisher's counters: how often it set the collection, and how often a check changed nothing shown. */
export const PUBLISHER_STATS = 'portfolioAlignment.test.publisherStats';

/** Reads a CSV or XLSX file back with the extension's own spreadsheet library: its sheets' cells as text. */
export const READ_WORKBOOK = 'portfolioAlignment.test.readWorkbook';

async function readWorkbook(context: vscode.ExtensionContext, uri: vscode.Uri): Promise<Record<string, string[][]>> {
  const sheets = loadSpreadsheetModule(context.extensionUri);
  if (sheets instanceof Error) throw sheets;
  const bytes = await vscode.workspace.fs.readFile(uri);
  const workbook = sheets.readWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), uri.path);
  return Object.fromEntries(workbook.sheetNames.map((name) => [name, workbook.table(name).rows]));
}

export function registerTestCommands(context: vscode.ExtensionContext, service: PortfolioService): vscode.Disposable[] {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return [];
  return [
    vscode.commands.registerCommand(TERMINATE_ENGINE_WORKER, () => service.engine.terminateWorker()),
    vscode.commands.registerCommand(READ_WORKBOOK, (uri: vscode.Uri) => readWorkbook(context, uri)),
    vscode.commands.registerCommand(PUBLISHER_STATS, () => ({ ...service.publisher.stats })),
  ];
}
