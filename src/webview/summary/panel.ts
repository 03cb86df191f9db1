// The alignment summary panel, host side: asks the engine for the summary of one workspace folder,
// posts it to the page, follows edits, and carries out what the page asks for. The webview itself
// (HTML, policy, ready handshake, validation of page messages) is WebviewHost's; a location is
// opened only when it is a portfolio file the engine knows in this folder: a crafted message
// cannot open anything else.
import * as vscode from 'vscode';
import type { Summary } from '../../core/summary/summarize';
import type { PortfolioDiagnostic } from '../../core/check/diagnostics';
import type { SummaryFilter } from '../../engine/protocol';
import { toRange } from '../../extension/convert';
import type { PortfolioQueries } from '../../extension/portfolioQueries';
import { loadSpreadsheetModule, spreadsheetUnavailable } from '../../extension/spreadsheetModule';
import { EXPORT_KINDS, exportFileName, exportSheets, renderExport } from './exporter';
import { summaryMessage } from './summaryMessage';
import {
  NO_FILTERS,
  parsePageMessage,
  type ExportFormat,
  type Filters,
  type HostMessage,
  type PageMessage,
  type Scope,
  type SummaryMessage,
} from '../protocol';
import { describeFilters } from '../describeFilters';
import type { SummaryTestProbe } from './testProbe';
import { WebviewHost } from './webviewHost';
import { baseTexts, gitAccess, refChoices, type GitAccess } from '../../extension/gitBase';
import { comparisonOf, type Comparison } from '../../core/summary/report/compareView';
import { TrendLoader } from './trendLoader';

export { VIEW_TYPE } from '../viewType';
/** Edits arrive as a burst of checks while typing: wait for a pause before asking again. */
const UPDATE_DELAY_MS = 300;

/** What the panel shows: kept by the host, mirrored in the page's state for window reloads. */
export interface PanelTarget {
  /** Folder key of the service (a workspace folder URI, or `loose:` and a file URI). */
  folder: string;
  /** The portfolio file for the "This file" scope: the last one active in the folder. */
  file: string | null;
  scope: Scope;
  filters: Filters;
}

export { webviewOptions } from './webviewHost';

/** Tells the page why Excel cannot be exported here (the web extension host), so it disables it. */
function excelNote(): { excelUnavailable?: string } {
  const why = spreadsheetUnavailable();
  return why ? { excelUnavailable: why } : {};
}

export class SummaryPanel implements vscode.Disposable {
  private target: PanelTarget;
  private readonly host: WebviewHost<HostMessage, PageMessage>;
  /** Whether the last message predates the latest check, filter or setting. */
  private stale = true;
  private generation = 0;
  private disposed = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** "Compare with…": the ref chosen and the folder's files at it, until cleared or retargeted. */
  private comparing: { folder: string; ref: string; base: Array<{ path: string; text: string }> } | undefined;
  private access: { folder: string; access: Promise<GitAccess> } | undefined;
  private readonly trend: TrendLoader;
  /** Whether the page (re)loaded since the trend was last posted: it has lost it. */
  private trendLost = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDidDisposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.onDidDisposeEmitter.event;

  constructor(
    readonly panel: vscode.WebviewPanel,
    private readonly service: PortfolioQueries,
    private readonly extensionUri: vscode.Uri,
    target: PanelTarget,
    private readonly log: vscode.LogOutputChannel,
    /** Set by the in-editor tests only (ExtensionMode.Test). */
    readonly testProbe?: SummaryTestProbe,
  ) {
    this.target = target;
    this.trend = new TrendLoader((message) => this.host.postAside(message), log);
    this.host = new WebviewHost(
      panel,
      extensionUri,
      { script: 'summary.js', style: 'summary.css', parse: parsePageMessage },
      {
        ready: () => {
          this.trendLost = true;
          return this.host.last && !this.stale ? this.post(this.host.last) : this.refresh(0);
        },
        message: (message) => this.handle(message),
      },
      log,
    );
    this.host.probe = testProbe;
    this.disposables.push(
      this.host,
      this.onDidDisposeEmitter,
      panel.onDidDispose(() => this.dispose()),
      service.onDidCheck((folder) => {
        if (folder === this.target.folder) this.refresh(UPDATE_DELAY_MS);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.followEditor(editor)),
    );
  }

  /** The last message posted (or ready to post) to the page: the figures it shows. */
  get lastPosted(): HostMessage | undefined {
    return this.host.last;
  }

  get state(): Readonly<PanelTarget> {
    return { ...this.target, filters: { ...this.target.filters } };
  }

  /** Takes a message as if the page had sent it (validated like any): the webview's own entry. */
  receive(raw: unknown): Promise<void> {
    return this.host.receive(raw);
  }

  /** Shows another folder (the command run from a file of another folder); filters start over. */
  retarget(folder: string, file: string | null): void {
    if (folder === this.target.folder) {
      if (file && file !== this.target.file) this.setFile(file);
      return;
    }
    this.target = { folder, file, scope: 'folder', filters: NO_FILTERS };
    this.trend.reset();
    this.stale = true;
    this.refresh(0);
  }

  /** Recomputes the summary after `delay` ms; calls within the delay fold into one. */
  refresh(delay = 0): void {
    this.stale = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.update();
    }, delay);
  }

  private followEditor(editor: vscode.TextEditor | undefined): void {
    if (!editor || !this.service.isPortfolioDocument(editor.document)) return;
    if (this.service.folderKeyOf(editor.document.uri) !== this.target.folder) return;
    const file = editor.document.uri.toString();
    if (file !== this.target.file) this.setFile(file);
  }

  private setFile(file: string): void {
    this.target = { ...this.target, file };
    if (this.target.scope === 'file') {
      this.refresh(0);
    } else if (this.host.last?.type === 'summary') {
      // Only the label of the "This file" choice changes: no need to ask the engine.
      this.post({ ...this.host.last, file: this.fileInfo(file) });
    }
  }

  private fileInfo(file: string | null): SummaryMessage['file'] {
    if (!file) return null;
    const uri = vscode.Uri.parse(file);
    return { path: file, name: uri.path.slice(uri.path.lastIndexOf('/') + 1) };
  }

  private filter(filters: Filters = this.target.filters): SummaryFilter | undefined {
    const filter: SummaryFilter = {};
    if (this.target.scope === 'file' && this.target.file) filter.path = this.target.file;
    if (filters.owner !== null) filter.owner = filters.owner;
    if (filters.status !== null) filter.status = filters.status;
    return Object.keys(filter).length > 0 ? filter : undefined;
  }

  private summary(filter: SummaryFilter | undefined): Promise<Summary> {
    return this.service.request({ type: 'summary', folder: this.target.folder, ...(filter ? { filter } : {}) });
  }

  private async update(): Promise<void> {
    const generation = ++this.generation;
    if (!this.panel.visible) return; // The page is unloaded; it asks again when shown.
    const folder = this.target.folder;
    const checked = this.service.headline(folder);
    const files = this.service.filesOf(folder);
    if (!checked?.headline) return this.post({ type: 'status', message: 'Checking the portfolio…', busy: true });
    if (files.size === 0)
      return this.post({
        type: 'status',
        message: 'There are no portfolio files in this folder (*.portfolio.yaml, or YAML starting with apiVersion: portfolio/v1).',
        busy: false,
      });
    // The file of the "This file" scope may have been deleted or renamed: fall back to the folder.
    if (this.target.file && !files.has(this.target.file)) this.target = { ...this.target, file: null };
    if (this.target.scope === 'file' && !this.target.file) this.target = { ...this.target, scope: 'folder' };
    try {
      const scopeOnly = this.filter(NO_FILTERS);
      const base = await this.summary(scopeOnly);
      const filtered = this.target.filters.owner !== null || this.target.filters.status !== null;
      const shown = filtered ? await this.summary(this.filter()) : base;
      const compare = await this.compareInfo(folder);
      if (generation !== this.generation || folder !== this.target.folder) return; // A newer update is on its way.
      this.stale = false;
      const displayPaths: Record<string, string> = {};
      for (const file of files) displayPaths[file] = this.displayPath(file);
      this.post(
        {
          ...summaryMessage({
            folder,
            folderName: this.folderName(),
            file: this.fileInfo(this.target.file),
            scope: this.target.scope,
            filters: this.target.filters,
            base,
            shown,
            bands: checked.settings.thresholds,
            pageSize: checked.settings.summaryPageSize,
            displayPaths,
          }),
          ...excelNote(),
        },
        compare,
      );
    } catch (error) {
      if (generation !== this.generation) return;
      this.log.error(`Summary panel: ${(error as Error).message}`);
      this.post({ type: 'status', message: `The summary could not be computed: ${(error as Error).message}`, busy: false });
    }
  }

  private folderName(): string {
    const folder = this.service.workspaceFolderOf(this.target.folder);
    if (folder) return folder.name;
    return this.fileInfo(this.target.file)?.name ?? 'Portfolio';
  }

  private displayPath(path: string): string {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(path), false);
  }

  /** Whether the folder can be compared with a git ref, and the comparison if one was chosen. */
  private async compareInfo(folder: string): Promise<{ compare: NonNullable<SummaryMessage['compare']>; comparison?: Comparison }> {
    const access = await this.gitAccess(folder);
    const compare = 'reason' in access ? { available: false, reason: access.reason } : { available: true };
    const comparing = this.comparing?.folder === folder ? this.comparing : undefined;
    if (!comparing) return { compare };
    const diff = await this.service.request({ type: 'compare', folder, base: comparing.base });
    return { compare, comparison: comparisonOf(diff, comparing.ref) };
  }

  /** The folder's repository, kept once found; a reason is asked again (git may find it later). */
  private gitAccess(folder: string): Promise<GitAccess> {
    if (this.access?.folder !== folder) {
      const entry = { folder, access: gitAccess(this.service.workspaceFolderOf(folder)?.uri) };
      this.access = entry;
      void entry.access.then((access) => {
        if ('reason' in access && this.access === entry) this.access = undefined;
      });
    }
    return this.access.access;
  }

  /** Reads the folder's portfolio files at a ref (asked with a QuickPick unless given) and compares. */
  async compareWith(ref?: string): Promise<void> {
    const folder = this.target.folder;
    const access = await this.gitAccess(folder);
    if ('reason' in access) {
      void vscode.window.showInformationMessage(access.reason);
      return;
    }
    const chosen =
      ref ??
      (
        await vscode.window.showQuickPick(refChoices(access.repository), {
          title: 'Compare the portfolio with…',
          placeHolder: 'HEAD, a branch or a tag',
        })
      )?.ref;
    if (!chosen) return;
    this.post({ type: 'status', message: `Reading the portfolio at ${chosen}…`, busy: true });
    try {
      const base = await baseTexts(access.repository, chosen, this.service.filesOf(folder));
      this.comparing = { folder, ref: chosen, base };
    } catch (error) {
      this.log.warn(`Summary panel: compare with ${chosen}: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(
        `Portfolio Alignment: could not read ${chosen} from git: is it a branch, tag or commit of this repository? (${(error as Error).message.split('\n')[0]})`,
      );
    }
    this.refresh(0);
  }

  private post(message: HostMessage, compare?: { compare: NonNullable<SummaryMessage['compare']>; comparison?: Comparison }): void {
    if (compare && message.type === 'summary') message = { ...message, ...compare };
    if (message.type === 'summary') this.panel.title = `Alignment: ${message.folderName}`;
    this.host.post(message);
    const kept = message.type === 'summary' && this.trendLost ? this.trend.keptFor(message.folder) : undefined;
    if (message.type === 'summary') this.trendLost = false;
    if (kept) this.host.postAside(kept);
  }

  /** Loads the Trend section (the page's "Show trend"): the folder's git history, apart from the summary. */
  showTrend(): Promise<void> {
    const folder = this.target.folder;
    return this.trend.load({
      folder,
      access: this.gitAccess(folder),
      files: this.service.filesOf(folder),
      check: (steps) => this.service.request({ type: 'trend', folder, steps }),
    });
  }

  // ---- what the page asks for ----

  private async handle(message: PageMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        return; // WebviewHost's (see the constructor).
      case 'reveal':
        if (this.knows(message.path)) await this.reveal(vscode.Uri.parse(message.path, true), message.line);
        return;
      case 'link':
        if (this.knows(message.path))
          await vscode.commands.executeCommand(
            'portfolioAlignment.linkToOutcome',
            vscode.Uri.parse(message.path, true),
            message.initiative,
          );
        return;
      case 'setScope':
        if (message.scope === 'file' && !this.target.file) return;
        this.target = { ...this.target, scope: message.scope };
        this.refresh(0);
        return;
      case 'setFilter':
        this.target = { ...this.target, filters: { owner: message.owner, status: message.status } };
        this.refresh(0);
        return;
      case 'export':
        await this.exportWithDialog(message.format);
        return;
      case 'showProblems':
        await this.showProblems(message.rule);
        return;
      case 'compare':
        await this.compareWith(message.ref);
        return;
      case 'showTrend':
        await this.showTrend();
        return;
      case 'clearComparison':
        this.comparing = undefined;
        this.refresh(0);
        return;
      case 'rendered':
        return; // What the page shows: only the tests' probe looks at it.
    }
  }

  /** Whether a path is a portfolio file of this panel's folder, as the engine knows it. */
  private knows(path: string): boolean {
    if (this.service.filesOf(this.target.folder).has(path)) return true;
    this.log.warn(`Summary panel: refused to open ${JSON.stringify(path.slice(0, 200))}: not a portfolio file of this folder.`);
    return false;
  }

  /** The editor column to open files in: where the file or another editor is, never over the panel. */
  private editorColumn(uri: vscode.Uri): vscode.ViewColumn {
    const editors = vscode.window.visibleTextEditors.filter((e) => e.viewColumn !== undefined && e.viewColumn !== this.panel.viewColumn);
    const column = editors.find((e) => e.document.uri.toString() === uri.toString())?.viewColumn ?? editors[0]?.viewColumn;
    return column ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One);
  }

  /** Opens a file at a 1-based line, the cursor on its first non-blank character. */
  private async reveal(uri: vscode.Uri, line: number): Promise<vscode.TextEditor> {
    const document = await vscode.workspace.openTextDocument(uri);
    const index = Math.min(line, document.lineCount) - 1;
    const position = new vscode.Position(index, document.lineAt(index).firstNonWhitespaceCharacterIndex);
    return vscode.window.showTextDocument(document, {
      viewColumn: this.editorColumn(uri),
      selection: new vscode.Range(position, position),
    });
  }

  /** Shows the Problems view and the first problem of a rule (in file order) in the editor. */
  private async showProblems(rule: PortfolioDiagnostic['code']): Promise<void> {
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    const files =
      this.target.scope === 'file' && this.target.file ? [this.target.file] : [...this.service.filesOf(this.target.folder)].sort();
    for (const file of files) {
      const uri = vscode.Uri.parse(file);
      const first = this.service
        .diagnosticsOf(uri)
        .filter((d) => d.code === rule)
        .sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character)[0];
      if (!first) continue;
      const document = await vscode.workspace.openTextDocument(uri);
      const range = toRange(first.range);
      await vscode.window.showTextDocument(document, { viewColumn: this.editorColumn(uri), selection: range });
      return;
    }
  }

  // ---- export ----

  private async exportWithDialog(format: ExportFormat): Promise<void> {
    const unavailable = format === 'xlsx' ? spreadsheetUnavailable() : undefined;
    if (unavailable) {
      void vscode.window.showWarningMessage(unavailable);
      return;
    }
    const summary = await this.summary(this.filter());
    const kind = EXPORT_KINDS[format];
    const folderUri = this.service.workspaceFolderOf(this.target.folder)?.uri;
    const name = exportFileName(summary, format);
    const target = await vscode.window.showSaveDialog({
      title: `Export the alignment summary as ${kind.label}`,
      saveLabel: 'Export',
      filters: { [kind.label]: [kind.extension] },
      ...(folderUri ? { defaultUri: vscode.Uri.joinPath(folderUri, name) } : {}),
    });
    if (!target) return;
    await this.writeExport(format, target, summary);
    void vscode.window.showInformationMessage(`Exported the alignment summary to ${vscode.workspace.asRelativePath(target, false)}.`);
  }

  /**
   * Writes the summary as it is shown (scope and filters included) to a file, without the dialog:
   * the export command's last step, and what integration tests call.
   */
  async writeExport(format: ExportFormat, target: vscode.Uri, summary?: Summary): Promise<string | Uint8Array> {
    const shown = summary ?? (await this.summary(this.filter()));
    if (format === 'xlsx') {
      // The same sheets and writer as report --format xlsx, from the lazily loaded spreadsheet bundle.
      const sheets = loadSpreadsheetModule(this.extensionUri);
      if (sheets instanceof Error) throw sheets;
      const bytes = new Uint8Array(sheets.writeXlsx(exportSheets(shown, { displayPath: (path) => this.displayPath(path) })));
      await vscode.workspace.fs.writeFile(target, bytes);
      return bytes;
    }
    const settings = this.service.headline(this.target.folder)?.settings;
    const filterNote = describeFilters(this.target.scope, this.fileInfo(this.target.file)?.name, this.target.filters);
    const text = renderExport(format, shown, {
      displayPath: (path) => this.displayPath(path),
      ...(settings ? { bands: settings.thresholds } : {}),
      ...(filterNote ? { filterNote } : {}),
    });
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
    return text;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.generation++;
    this.onDidDisposeEmitter.fire();
    this.testProbe?.dispose();
    for (const disposable of this.disposables.splice(0)) disposable.dispose();
    this.panel.dispose();
  }
}
