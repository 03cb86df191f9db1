// Import from Spreadsheet…: pick a CSV or XLSX file (and a sheet), edit the map guessed from its
// header row as an untitled *.map.yaml (the map schema gives completion there), then Run Import
// (a CodeLens on the map) into a new untitled portfolio file or an existing one. An existing file
// is changed by one undoable WorkspaceEdit that keeps its comments and hand edits (the CLI's
// --update merge), and is left unsaved; rejected rows are diagnostics on the map's lines.
import * as vscode from 'vscode';
import type { Rejection } from '../core/import/mapRows';
import { plural } from '../core/text/suggest';
import { loadSpreadsheetModule, spreadsheetMessage, type SpreadsheetModule } from './spreadsheetModule';

export const IMPORT_SPREADSHEET_COMMAND = 'portfolioAlignment.importSpreadsheet';
export const RUN_IMPORT_COMMAND = 'portfolioAlignment.runImport';
const DIAGNOSTIC_SOURCE = 'portfolio-import';
const MAP_NAME = /\.map\.ya?ml$/i;

/** Arguments when the command is run programmatically (tests, other extensions): no dialogs. */
export interface ImportSpreadsheetOptions {
  source?: vscode.Uri;
  sheet?: string;
}

export interface RunImportOptions {
  /** 'new' for a new untitled portfolio file, or the portfolio file to update. */
  target?: 'new' | vscode.Uri;
  /** The spreadsheet, when the map was not opened by Import from Spreadsheet. */
  source?: vscode.Uri;
  sheet?: string;
}

export interface RunImportResult {
  document: vscode.TextDocument;
  imported: number;
  rejectedRows: number;
}

interface Session {
  source: vscode.Uri;
  sheet?: string;
}

class ImportProblem extends Error {}

function baseName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function parentOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** An untitled document path next to `folder`, free on disk and among the open documents. */
async function untitledNear(folder: vscode.Uri, base: string, extension: string): Promise<vscode.Uri> {
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.path));
  for (let n = 1; ; n++) {
    const onDisk = vscode.Uri.joinPath(folder, `${base}${n === 1 ? '' : `-${n}`}${extension}`);
    if (open.has(onDisk.path) || (await exists(onDisk))) continue;
    return vscode.Uri.from({ scheme: 'untitled', path: onDisk.path });
  }
}

export class SpreadsheetImport implements vscode.Disposable, vscode.CodeLensProvider {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(DIAGNOSTIC_SOURCE);
  /** The spreadsheet each map document opened by the command reads, by the map's URI. */
  private readonly sessions = new Map<string, Session>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly extensionUri: vscode.Uri) {
    this.disposables.push(
      this.diagnostics,
      vscode.commands.registerCommand(IMPORT_SPREADSHEET_COMMAND, (options?: ImportSpreadsheetOptions) =>
        this.guard(() => this.openMap(options ?? {})),
      ),
      vscode.commands.registerCommand(RUN_IMPORT_COMMAND, (map?: vscode.Uri, options?: RunImportOptions) =>
        this.guard(() => this.run(map, options ?? {})),
      ),
      vscode.languages.registerCodeLensProvider({ language: 'yaml' }, this),
      vscode.workspace.onDidCloseTextDocument((document) => this.diagnostics.delete(document.uri)),
    );
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (!MAP_NAME.test(document.uri.path) || !/^apiVersion:\s*portfolio-import\//m.test(document.getText(new vscode.Range(0, 0, 40, 0))))
      return [];
    const line = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(line, {
        title: 'Run Import',
        command: RUN_IMPORT_COMMAND,
        arguments: [document.uri],
        tooltip: 'Import the spreadsheet with this map, into a new or an existing portfolio file',
      }),
    ];
  }

  /** Runs a step, turning the problems it reports into an error message (never a stack trace). */
  private async guard<T>(step: () => Promise<T | undefined>): Promise<T | undefined> {
    try {
      return await step();
    } catch (error) {
      const message =
        error instanceof ImportProblem
          ? error.message
          : (spreadsheetMessage(error) ?? `Import from Spreadsheet failed: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  }

  private module(): SpreadsheetModule {
    const loaded = loadSpreadsheetModule(this.extensionUri);
    if (loaded instanceof Error) throw new ImportProblem(loaded.message);
    return loaded;
  }

  private async readWorkbook(sheets: SpreadsheetModule, uri: vscode.Uri) {
    const name = baseName(uri);
    let bytes: Uint8Array;
    try {
      const { size } = await vscode.workspace.fs.stat(uri);
      if (size > sheets.LIMITS.fileBytes)
        throw new ImportProblem(
          `${name} is larger than ${sheets.LIMITS.fileBytes / 1024 / 1024} MB, more than an import takes: split it into smaller files.`,
        );
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      if (error instanceof ImportProblem) throw error;
      throw new ImportProblem(`Cannot read ${name}: ${(error as Error).message}`);
    }
    return sheets.readWorkbook(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), name);
  }

  /** Step 1: the file, the sheet, and the guessed map opened to edit. */
  private async openMap(options: ImportSpreadsheetOptions): Promise<vscode.TextDocument | undefined> {
    const sheets = this.module();
    let source = options.source;
    if (!source) {
      const picked = await vscode.window.showOpenDialog({
        title: 'Import from Spreadsheet',
        openLabel: 'Import',
        canSelectMany: false,
        filters: { Spreadsheets: ['csv', 'xlsx', 'xlsm', 'tsv', 'txt'] },
        ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
      });
      source = picked?.[0];
      if (!source) return undefined;
    }
    const workbook = await this.readWorkbook(sheets, source);
    let sheet = options.sheet;
    if (sheet === undefined && workbook.sheetNames.length > 1) {
      sheet = await vscode.window.showQuickPick(workbook.sheetNames, {
        title: `Which sheet of ${baseName(source)} holds the initiatives?`,
        placeHolder: 'One row per initiative, the column names in the first row',
      });
      if (sheet === undefined) return undefined;
    }
    const table = workbook.table(sheet);
    const header = table.rows.find((row) => row.some((cell) => cell.trim() !== '')) ?? [];
    const text = sheets.guessMapYaml(header, { name: baseName(source), ...(sheet !== undefined ? { sheet } : {}) });
    const mapUri = await untitledNear(parentOf(source), baseName(source).replace(/\.[^.]+$/, ''), '.map.yaml');
    const document = await vscode.workspace.openTextDocument(mapUri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(mapUri, new vscode.Position(0, 0), text);
    await vscode.workspace.applyEdit(edit);
    await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    this.sessions.set(mapUri.toString(), { source, ...(sheet !== undefined ? { sheet } : {}) });
    await vscode.window.showTextDocument(document, { preview: false });
    void vscode.window.showInformationMessage(
      `Check the map guessed from ${baseName(source)}'s header row, then choose Run Import above its first line.`,
    );
    return document;
  }

  /** The map document: the one given, else the active editor's. */
  private async mapDocument(map: vscode.Uri | undefined): Promise<vscode.TextDocument> {
    const uri = map ?? vscode.window.activeTextEditor?.document.uri;
    if (!uri || !MAP_NAME.test(uri.path))
      throw new ImportProblem('Run Import works on an import map (a *.map.yaml file): run Import from Spreadsheet… first, or open a map.');
    return vscode.workspace.openTextDocument(uri);
  }

  private async sessionOf(document: vscode.TextDocument, options: RunImportOptions): Promise<Session | undefined> {
    if (options.source) return { source: options.source, ...(options.sheet !== undefined ? { sheet: options.sheet } : {}) };
    const known = this.sessions.get(document.uri.toString());
    if (known) return known;
    const picked = await vscode.window.showOpenDialog({
      title: `The spreadsheet to import with ${baseName(document.uri)}`,
      openLabel: 'Import',
      canSelectMany: false,
      filters: { Spreadsheets: ['csv', 'xlsx', 'xlsm', 'tsv', 'txt'] },
    });
    if (!picked?.[0]) return undefined;
    const session = { source: picked[0] };
    this.sessions.set(document.uri.toString(), session);
    return session;
  }

  private mapError(document: vscode.TextDocument, messages: string[]): never {
    this.diagnostics.set(
      document.uri,
      messages.map((message) => {
        const line = /^line (\d+): /.exec(message);
        const row = line ? Math.max(0, Number(line[1]) - 1) : 0;
        const diagnostic = new vscode.Diagnostic(
          document.lineAt(Math.min(row, document.lineCount - 1)).range,
          message,
          vscode.DiagnosticSeverity.Error,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        return diagnostic;
      }),
    );
    throw new ImportProblem(`${baseName(document.uri)} is not a valid import map: ${messages.slice(0, 3).join('; ')}. See docs/import.md.`);
  }

  private async chooseTarget(options: RunImportOptions): Promise<'new' | vscode.Uri | undefined> {
    if (options.target) return options.target;
    const files = await vscode.workspace.findFiles('**/*.portfolio.{yaml,yml}', '**/node_modules/**', 200);
    type Choice = vscode.QuickPickItem & { target: 'new' | vscode.Uri };
    const choices: Choice[] = [
      { label: '$(new-file) New portfolio file', detail: 'An untitled file to review and save', target: 'new' },
      ...files.map((uri): Choice => ({
        label: `$(sync) Update ${vscode.workspace.asRelativePath(uri)}`,
        detail: 'Updates the mapped fields of items matched by id and adds new rows; keeps comments and hand edits. Undoable, not saved.',
        target: uri,
      })),
    ];
    return (await vscode.window.showQuickPick(choices, { title: 'Import into', matchOnDetail: false }))?.target;
  }

  /** Step 2: the import, into a new untitled file or merged into an existing one. */
  private async run(map: vscode.Uri | undefined, options: RunImportOptions): Promise<RunImportResult | undefined> {
    const sheets = this.module();
    const document = await this.mapDocument(map);
    const session = await this.sessionOf(document, options);
    if (!session) return undefined;
    const mapText = document.getText();
    const parsed = sheets.parseImportMap(mapText);
    if ('errors' in parsed) this.mapError(document, parsed.errors);
    const importMap = parsed.map;
    const workbook = await this.readWorkbook(sheets, session.source);
    let result;
    try {
      const initiatives = workbook.table(session.sheet ?? importMap.initiatives.sheet);
      let outcomes;
      if (importMap.outcomes?.file !== undefined) {
        // Relative to the map once it is saved; an untitled map sits beside the spreadsheet.
        const base = document.isUntitled ? parentOf(session.source) : parentOf(document.uri);
        outcomes = (await this.readWorkbook(sheets, vscode.Uri.joinPath(base, importMap.outcomes.file))).table(importMap.outcomes.sheet);
      } else if (importMap.outcomes?.sheet !== undefined) outcomes = workbook.table(importMap.outcomes.sheet);
      else if (importMap.outcomes)
        throw new ImportProblem(
          `The map's outcomes table needs sheet: (a sheet of ${baseName(session.source)}) or file: (another spreadsheet).`,
        );
      result = sheets.importTables(importMap, initiatives, outcomes);
    } catch (error) {
      if (error instanceof sheets.MapError) this.mapError(document, [error.message]);
      throw error;
    }
    this.showRejections(document, sheets, mapText, result.initiatives.rejected, result.outcomes?.rejected ?? []);
    const rejectedRows = new Set([...result.initiatives.rejected, ...(result.outcomes?.rejected ?? [])].map((r) => `${r.table}\n${r.row}`))
      .size;
    const target = await this.chooseTarget(options);
    if (!target) return undefined;
    const imported = result.initiatives.items.length;
    const rejectedNote = rejectedRows > 0 ? ` ${plural(rejectedRows, 'row')} rejected: see the problems on ${baseName(document.uri)}.` : '';
    let written: vscode.TextDocument;
    if (target === 'new') {
      const text = sheets.newPortfolioYaml(result, {
        fallbackName: baseName(session.source).replace(/\.[^.]+$/, ''),
        comment: `Imported from ${baseName(session.source)} with ${baseName(document.uri)} by Portfolio Alignment.`,
      });
      const uri = await untitledNear(parentOf(session.source), baseName(session.source).replace(/\.[^.]+$/, ''), '.portfolio.yaml');
      written = await vscode.workspace.openTextDocument(uri);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(0, 0), text);
      await vscode.workspace.applyEdit(edit);
      await vscode.languages.setTextDocumentLanguage(written, 'yaml');
      void vscode.window.showInformationMessage(
        `Imported ${plural(imported, 'initiative')} into a new file: review it and save it.${rejectedNote}`,
      );
    } else {
      written = await vscode.workspace.openTextDocument(target);
      const rejectedIds = new Set(
        [...result.initiatives.rejected, ...(result.outcomes?.rejected ?? [])]
          .map((r) => r.id)
          .filter((id): id is string => id !== undefined),
      );
      let merged;
      try {
        merged = sheets.mergeIntoPortfolio(written.getText(), result, { prune: false, rejectedIds });
      } catch (error) {
        if (error instanceof sheets.MergeError)
          throw new ImportProblem(`Cannot update ${vscode.workspace.asRelativePath(target)}: ${error.message}`);
        throw error;
      }
      if (merged.text !== written.getText()) {
        const edit = new vscode.WorkspaceEdit();
        edit.replace(target, new vscode.Range(0, 0, written.lineCount, 0), merged.text);
        await vscode.workspace.applyEdit(edit);
      }
      const m = merged.initiatives;
      const missing =
        m.missing.length > 0
          ? ` ${plural(m.missing.length, 'initiative')} the sheet no longer has, kept: ${m.missing.slice(0, 10).join(', ')}${m.missing.length > 10 ? '…' : ''}.`
          : '';
      void vscode.window.showInformationMessage(
        `Updated ${vscode.workspace.asRelativePath(target)} (not saved; Undo reverts it): ${m.updated.length} updated, ${m.added.length} added, ${m.unchanged} unchanged.${missing}${rejectedNote}`,
      );
    }
    await vscode.window.showTextDocument(written, { preview: false });
    return { document: written, imported, rejectedRows };
  }

  private showRejections(
    document: vscode.TextDocument,
    sheets: SpreadsheetModule,
    mapText: string,
    initiatives: Rejection[],
    outcomes: Rejection[],
  ): void {
    const locations = sheets.mapLocations(mapText);
    const diagnostics = [...outcomes.map((r) => ['outcomes', r] as const), ...initiatives.map((r) => ['initiatives', r] as const)].map(
      ([table, rejection]) => {
        const at = sheets.rejectionRange(locations, table, rejection);
        const diagnostic = new vscode.Diagnostic(
          new vscode.Range(at.line, at.start, at.line, at.end),
          sheets.formatRejection(rejection),
          vscode.DiagnosticSeverity.Warning,
        );
        diagnostic.source = DIAGNOSTIC_SOURCE;
        diagnostic.code = 'rejected-row';
        return diagnostic;
      },
    );
    this.diagnostics.set(document.uri, diagnostics);
  }

  dispose(): void {
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
  }
}
