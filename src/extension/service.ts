// Keeps the engine's view of every portfolio file current (open documents as they are typed,
// closed files from disk through a watcher) and publishes diagnostics. This file wires the parts
// and reacts to the editor's events and settings: folderIndex.ts knows which files are portfolio
// files, documentSync.ts sends their text, checkScheduler.ts checks folders and publishes what
// it finds, shownDiagnostics.ts holds what each file shows. Views see it as portfolioQueries.ts.
import * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import type { Request, ResultOf } from '../engine/protocol';
import { CheckScheduler } from './checkScheduler';
import { engineSettings, readSettings, SECTION } from './config';
import { engineStoppedDiagnostic } from './convert';
import { DocumentSync } from './documentSync';
import type { Transport } from './engineClient';
import { EngineSupervisor, pathOfRequest, type EngineFailure } from './engineSupervisor';
import { FolderIndex, folderKeyOf, type FolderEntry } from './folderIndex';
import type { FolderHeadline, PortfolioFolder, PortfolioQueries } from './portfolioQueries';
import type { CancelSignal } from './requestQueue';
import { ShownDiagnostics } from './shownDiagnostics';

/** An edit that inserts this much text (a paste of hundreds of items) goes to the engine before the delay. */
const EARLY_SEND_CHARS = 20_000;

/** Documents open in editor tabs (textDocuments also holds closed ones VS Code still keeps). */
function openInTabs(): vscode.TextDocument[] {
  const open = new Set(
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])),
  );
  return vscode.workspace.textDocuments.filter((doc) => open.has(doc.uri.toString()));
}

export class PortfolioService implements PortfolioQueries, vscode.Disposable {
  /** The engine, restarted when its worker dies (engineSupervisor.ts). */
  readonly engine: EngineSupervisor;
  private readonly shown = new ShownDiagnostics();
  readonly collection = this.shown.collection;
  private readonly checks: CheckScheduler;
  private readonly sync: DocumentSync;
  private readonly index: FolderIndex;
  readonly onDidCheck: vscode.Event<string>;
  readonly onDidChangeChecking: vscode.Event<{ folder: string; checking: boolean }>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    createTransport: () => Transport,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.engine = new EngineSupervisor(createTransport, {
      log: (message) => this.output.error(message),
      onRestart: () => this.resendAll(),
    });
    this.checks = new CheckScheduler(this.engine, this.shown, output);
    this.sync = new DocumentSync(this.engine, this.shown, {
      scheduled: (document) => this.checks.supersede(folderKeyOf(document.uri)),
      due: (document) => {
        const entry = this.index.entryOfDocument(document);
        this.sync.sync(document, entry);
        void this.checks.run(entry);
      },
    });
    this.index = new FolderIndex(this.sync, output, (entry) => this.checks.run(entry));
    this.onDidCheck = this.checks.onDidCheck;
    this.onDidChangeChecking = this.checks.onDidChangeChecking;
  }

  start(): void {
    this.disposables.push(
      this.engine.onDidFail((failure) => this.onEngineFailed(failure)),
      { dispose: () => this.engine.dispose() },
      this.shown,
      this.checks,
      this.sync,
      this.index,
      vscode.workspace.onDidOpenTextDocument((doc) => this.onOpen(doc)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.onSave(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
      vscode.workspace.onDidChangeConfiguration((event) => this.onConfiguration(event)),
      vscode.workspace.onDidChangeWorkspaceFolders((event) => this.onFolders(event)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheckAll()),
      // Deletes and renames done in the editor (explorer, refactorings); the watcher covers the rest.
      vscode.workspace.onDidDeleteFiles((event) => this.index.onDeleted(event.files)),
      vscode.workspace.onDidRenameFiles((event) => this.index.onRenamed(event.files)),
    );
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.index.addFolder(folder);
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
  }

  // ---- what the views ask (portfolioQueries.ts) ----

  folderKeyOf(uri: vscode.Uri): string {
    return folderKeyOf(uri);
  }

  isPortfolioDocument(document: vscode.TextDocument): boolean {
    return this.index.isPortfolioDocument(document);
  }

  headline(folderKey: string): FolderHeadline | undefined {
    const entry = this.index.entry(folderKey);
    return entry ? { ...this.checks.lastCheckOf(folderKey), settings: entry.settings } : undefined;
  }

  filesOf(folderKey: string): ReadonlySet<string> {
    return this.index.entry(folderKey)?.files ?? new Set();
  }

  portfolioFolders(): PortfolioFolder[] {
    return this.index.portfolioFolders();
  }

  workspaceFolderOf(folderKey: string): vscode.WorkspaceFolder | undefined {
    return this.index.entry(folderKey)?.folder;
  }

  diagnosticsOf(uri: vscode.Uri): PortfolioDiagnostic[] {
    return this.shown.of(uri);
  }

  request<T extends Request>(request: T, token?: CancelSignal): Promise<ResultOf[T['type']]> {
    return this.engine.request(request, token);
  }

  /** Makes sure the engine has the document's current text: language features call this first. */
  async prepare(document: vscode.TextDocument): Promise<string | undefined> {
    if (!this.isPortfolioDocument(document)) return undefined;
    const entry = this.index.entryOfDocument(document);
    await entry.ready;
    this.sync.sync(document, entry);
    return entry.files.has(document.uri.toString()) ? entry.key : undefined;
  }

  /** Re-indexes every folder and checks it again (the Validate Workspace command). */
  async revalidateAll(): Promise<{ files: number; errors: number; warnings: number }> {
    // An engine that was given up on is started again; it is sent every file below.
    if (this.engine.state === 'stopped') this.engine.restart();
    const entries = [...this.index.entries()];
    await Promise.all(entries.map((entry) => (entry.folder ? this.index.reindex(entry) : this.checks.run(entry))));
    let files = 0;
    let errors = 0;
    let warnings = 0;
    for (const entry of this.index.entries()) {
      const { headline } = this.checks.lastCheckOf(entry.key);
      files += entry.files.size;
      errors += headline?.errors ?? 0;
      warnings += headline?.warnings ?? 0;
    }
    return { files, errors, warnings };
  }

  // ---- documents as they are edited ----

  private onOpen(document: vscode.TextDocument): void {
    if (this.isPortfolioDocument(document)) this.sync.schedule(document, 0);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (event.contentChanges.length === 0 || !this.isPortfolioDocument(document)) return;
    this.sync.recordChanges(document.uri.toString(), event.contentChanges);
    this.shown.noteEdits(event);
    const entry = this.index.entryOfDocument(document);
    if (entry.settings.run === 'onType') this.sync.schedule(document, entry.settings.delay);
    // A large paste is sent at once, so that the engine parses it during the delay (the check still waits for it).
    if (event.contentChanges.some((change) => change.text.length >= EARLY_SEND_CHARS)) this.sync.sync(document, entry);
  }

  /** Whether a check of the document is scheduled or running (symbols and lenses wait for it: checkFirst.ts). */
  checkPending(document: vscode.TextDocument): boolean {
    return this.sync.isScheduled(document) || this.checks.isChecking(folderKeyOf(document.uri));
  }

  /** The diagnostic publisher, for the in-editor tests' counters (testCommands.ts). */
  get publisher(): ShownDiagnostics['publisher'] {
    return this.shown.publisher;
  }

  private onSave(document: vscode.TextDocument): void {
    if (this.isPortfolioDocument(document)) this.sync.schedule(document, 0);
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const promised = this.sync.unschedule(document);
    const entry = this.index.entry(folderKeyOf(document.uri));
    if (!entry) return;
    if (!entry.files.has(key)) {
      // Its schedule superseded a waiting check of the folder: that check is still owed.
      if (promised) void this.checks.run(entry);
      return;
    }
    if (!entry.folder) {
      this.index.dropLoose(entry, key);
      this.dropFromEngine(entry);
      return;
    }
    // Back to what is on disk (the closed document may have had unsaved edits).
    void this.index.readFromDisk(entry, document.uri, true).then(() => this.checks.run(entry));
  }

  // ---- folders and settings ----

  private onFolders(event: vscode.WorkspaceFoldersChangeEvent): void {
    for (const folder of event.added) this.index.addFolder(folder);
    for (const folder of event.removed) {
      const entry = this.index.removeFolder(folder);
      if (!entry) continue;
      for (const key of entry.files) this.shown.hide(vscode.Uri.parse(key));
      this.dropFromEngine(entry);
    }
  }

  /** The engine forgets a folder that is gone (no engine is started just for that). */
  private dropFromEngine(entry: FolderEntry): void {
    this.checks.forget(entry.key);
    if (this.engine.started) void this.engine.request({ type: 'dropFolder', folder: entry.key }).catch(() => undefined);
  }

  private recheckAll(): void {
    for (const entry of this.index.entries()) void this.checks.run(entry);
  }

  private onConfiguration(event: vscode.ConfigurationChangeEvent): void {
    if (!event.affectsConfiguration(SECTION)) return;
    for (const entry of this.index.entries()) {
      if (event.affectsConfiguration(SECTION, entry.scope)) this.applySettings(entry);
    }
  }

  /** Reads the folder's settings again: new globs or size limit re-index it, anything else re-checks it. */
  private applySettings(entry: FolderEntry): void {
    const before = entry.settings;
    entry.settings = readSettings(entry.scope);
    const reindex = before.files.join('\n') !== entry.settings.files.join('\n') || before.maxFileSize !== entry.settings.maxFileSize;
    if (entry.configured) {
      void this.engine.request({ type: 'configure', folder: entry.key, settings: engineSettings(entry.settings) }).catch(() => undefined);
    }
    if (reindex && entry.folder) {
      this.index.forgetAndReindex(entry);
      for (const doc of openInTabs()) if (folderKeyOf(doc.uri) === entry.key) this.onOpen(doc);
    } else {
      void this.checks.run(entry);
    }
  }

  // ---- when the engine fails ----

  /** Given up on: the file it was working on says so (it is the likely cause). */
  private onEngineFailed(failure: EngineFailure): void {
    const key = pathOfRequest(failure.during);
    if (failure.restarting || !key) return;
    const uri = vscode.Uri.parse(key);
    this.shown.note(uri, engineStoppedDiagnostic(uri, failure.reason, failure.count));
  }

  /** A new engine knows nothing: send every folder's settings and files again, then check. */
  private resendAll(): void {
    this.sync.forgetWhatWasSent();
    this.shown.clearAllNotes();
    for (const entry of this.index.entries()) {
      entry.configured = false;
      if (entry.folder) void this.index.reindex(entry);
      for (const document of vscode.workspace.textDocuments) {
        if (!document.isClosed && entry.files.has(document.uri.toString())) this.sync.schedule(document, 0);
      }
    }
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
