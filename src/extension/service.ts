// Keeps the engine's view of every portfolio file current (open documents as they are typed,
// closed files from disk through a watcher) and publishes diagnostics. Diagnostics are computed
// off the editor's path: debounced per document, in the engine worker, with stale results dropped.
import * as vscode from 'vscode';
import { startsLikePortfolio } from '../core/syntax/detect';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import type { TextChange } from '../core/syntax/parse';
import type { Request, ResultOf, CheckResult, Headline } from '../engine/protocol';
import { engineSettings, readSettings, SECTION, type Settings } from './config';
import { engineFailedDiagnostic, engineStoppedDiagnostic, tooLargeDiagnostic } from './convert';
import { DiagnosticPublisher } from './diagnosticPublisher';
import type { Transport } from './engineClient';
import { EngineRequestError, EngineSupervisor, pathOfRequest, type EngineFailure } from './engineSupervisor';

/** How many YAML files outside the globs are opened to look for `apiVersion: portfolio/v1`. */
const SNIFF_LIMIT = 500;
const SNIFF_MAX_BYTES = 1_000_000;
/** More edits than this since the last validation are sent as the whole text instead. */
const MAX_PENDING_CHANGES = 1000;
/** An edit that inserts this much text (a paste of hundreds of items) goes to the engine before the delay. */
const EARLY_SEND_CHARS = 20_000;
/** Indexing that takes longer than this shows a progress notification. */
const PROGRESS_AFTER_MS = 1500;
/** A check slower than this is shown in the status bar and logged. */
export const SLOW_CHECK_MS = 1000;

interface FolderEntry {
  key: string;
  folder: vscode.WorkspaceFolder | undefined;
  settings: Settings;
  /** Files of the folder known to the engine (indexed from disk or opened). */
  files: Set<string>;
  headline?: Headline;
  lastCheckMs?: number;
  checking: boolean;
  again: boolean;
  ready: Promise<void>;
  /** Whether the engine has this folder's settings. */
  configured: boolean;
  /** Whether YAML files outside the globs were looked at too. */
  sniffed: boolean;
  /** Why the last check failed, until one succeeds (the status bar says it). */
  checkError?: string;
}

/** The first lines of a document, enough to see whether it starts like a portfolio. */
function headOf(document: vscode.TextDocument): string {
  return document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 40), 0));
}

function isUserDocument(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): boolean {
  if (uri.scheme === 'untitled' || uri.scheme === 'file') return true;
  return folder !== undefined && folder.uri.scheme === uri.scheme;
}

/** The UTF-8 size of a text, as on disk; only counted exactly when it could be near `limit`. */
function utf8Size(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length; // even at 3 bytes a character it fits
  return new TextEncoder().encode(text).length;
}

/** Documents open in editor tabs (textDocuments also holds closed ones VS Code still keeps). */
function openInTabs(): vscode.TextDocument[] {
  const open = new Set(
    vscode.window.tabGroups.all
      .flatMap((group) => group.tabs)
      .flatMap((tab) => (tab.input instanceof vscode.TabInputText ? [tab.input.uri.toString()] : [])),
  );
  return vscode.workspace.textDocuments.filter((doc) => open.has(doc.uri.toString()));
}

/** Whether a file's path matches the folder's portfolio globs (VS Code matches documents only). */
function matchesGlobs(uri: vscode.Uri, folder: vscode.WorkspaceFolder, globs: string[]): boolean {
  const probe = { uri, languageId: 'yaml' } as vscode.TextDocument;
  return globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, probe) > 0);
}

export class PortfolioService implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('portfolio-alignment');
  /** Chooses what fits in VS Code's 1,000 diagnostics per file (public for the in-editor tests' counters). */
  readonly publisher = new DiagnosticPublisher(this.collection);
  private readonly onDidCheckEmitter = new vscode.EventEmitter<string>();
  /** Fires with a folder key after that folder's diagnostics and headline were updated, or a check of it failed. */
  readonly onDidCheck = this.onDidCheckEmitter.event;
  private readonly onDidChangeCheckingEmitter = new vscode.EventEmitter<{ folder: string; checking: boolean }>();
  /** Fires when a folder's check starts and when it ends or fails (checkProgress.ts shows progress). */
  readonly onDidChangeChecking = this.onDidChangeCheckingEmitter.event;
  /** The engine, restarted when its worker dies (engineSupervisor.ts). */
  readonly engine: EngineSupervisor;
  /** Files the engine could not take, or was working on when it was given up on: a diagnostic says so. */
  private readonly engineNotes = new Map<string, vscode.Diagnostic>();
  private readonly folders = new Map<string, FolderEntry>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly sentVersions = new Map<string, number>();
  /** Edits not yet sent to the engine, per document, on top of the version the engine has. */
  private readonly pendingChanges = new Map<string, { base: number | undefined; changes: TextChange[] }>();
  private readonly results = new Map<string, PortfolioDiagnostic[]>();
  /** Length of each open document's text as last sent, followed through edits. */
  private readonly sizes = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    createTransport: () => Transport,
    private readonly output: vscode.LogOutputChannel,
  ) {
    this.engine = new EngineSupervisor(createTransport, {
      log: (message) => this.output.error(message),
      onRestart: () => this.resendAll(),
    });
  }

  start(): void {
    this.disposables.push(
      this.engine.onDidFail((failure) => this.onEngineFailed(failure)),
      { dispose: () => this.engine.dispose() },
      this.collection,
      this.onDidCheckEmitter,
      this.onDidChangeCheckingEmitter,
      vscode.workspace.onDidOpenTextDocument((doc) => this.onOpen(doc)),
      vscode.workspace.onDidChangeTextDocument((event) => this.onChange(event)),
      vscode.workspace.onDidSaveTextDocument((doc) => this.onSave(doc)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.onClose(doc)),
      vscode.workspace.onDidChangeConfiguration((event) => this.onConfiguration(event)),
      vscode.workspace.onDidChangeWorkspaceFolders((event) => this.onFolders(event)),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.recheckAll()),
      // Deletes and renames done in the editor (explorer, refactorings); the watcher covers the rest.
      vscode.workspace.onDidDeleteFiles((event) => this.onDeleted(event.files)),
      vscode.workspace.onDidRenameFiles((event) => {
        this.onDeleted(event.files.map((f) => f.oldUri));
        for (const { newUri } of event.files) {
          const entry = this.folders.get(this.folderKeyOf(newUri));
          if (entry?.folder) void this.onDiskChange(entry, newUri);
        }
      }),
    );
    for (const folder of vscode.workspace.workspaceFolders ?? []) this.addFolder(folder);
    for (const doc of vscode.workspace.textDocuments) this.onOpen(doc);
  }

  // ---- which files, and where they belong ----

  folderKeyOf(uri: vscode.Uri): string {
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return folder ? folder.uri.toString() : `loose:${uri.toString()}`;
  }

  isPortfolioDocument(document: vscode.TextDocument): boolean {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    // Only the user's files: not git's old versions in a diff, local history or other views of them.
    if (!isUserDocument(document.uri, folder)) return false;
    const settings = this.folders.get(folder?.uri.toString() ?? '')?.settings ?? readSettings(document.uri);
    for (const glob of settings.files) {
      const pattern = folder ? new vscode.RelativePattern(folder, glob) : glob;
      if (vscode.languages.match({ pattern }, document) > 0) return true;
    }
    return (document.languageId === 'yaml' || /\.ya?ml$/i.test(document.uri.path)) && startsLikePortfolio(headOf(document));
  }

  headline(folderKey: string): { headline?: Headline; lastCheckMs?: number; settings: Settings; checkError?: string } | undefined {
    const entry = this.folders.get(folderKey);
    return entry
      ? { headline: entry.headline, lastCheckMs: entry.lastCheckMs, settings: entry.settings, checkError: entry.checkError }
      : undefined;
  }

  /** The portfolio files of a folder that the engine knows (URIs as strings); empty if none. */
  filesOf(folderKey: string): ReadonlySet<string> {
    return this.folders.get(folderKey)?.files ?? new Set();
  }

  /** Folders (workspace folders first, in their order) that hold at least one portfolio file. */
  portfolioFolders(): Array<{ key: string; name: string; uri: vscode.Uri | undefined }> {
    const order = (entry: FolderEntry) => entry.folder?.index ?? Number.MAX_SAFE_INTEGER;
    return [...this.folders.values()]
      .filter((entry) => entry.files.size > 0)
      .sort((a, b) => order(a) - order(b))
      .map((entry) => ({ key: entry.key, name: entry.folder?.name ?? entry.key, uri: entry.folder?.uri }));
  }

  /** The workspace folder behind a folder key; undefined for a file outside every folder. */
  workspaceFolderOf(folderKey: string): vscode.WorkspaceFolder | undefined {
    return this.folders.get(folderKey)?.folder;
  }

  /** The engine's diagnostics of a file, with the data quick fixes need. */
  diagnosticsOf(uri: vscode.Uri): PortfolioDiagnostic[] {
    return this.results.get(uri.toString()) ?? [];
  }

  private client(): EngineSupervisor {
    return this.engine;
  }

  request<T extends Request>(request: T): Promise<ResultOf[T['type']]> {
    return this.client().request(request);
  }

  // ---- folders and the index of closed files ----

  private entryFor(key: string, folder: vscode.WorkspaceFolder | undefined, scope: vscode.Uri | undefined): FolderEntry {
    let entry = this.folders.get(key);
    if (!entry) {
      entry = {
        key,
        folder,
        settings: readSettings(scope),
        files: new Set(),
        checking: false,
        again: false,
        ready: Promise.resolve(),
        configured: false,
        sniffed: false,
      };
      this.folders.set(key, entry);
    }
    return entry;
  }

  private addFolder(folder: vscode.WorkspaceFolder): void {
    const entry = this.entryFor(folder.uri.toString(), folder, folder.uri);
    void this.reindex(entry);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.{yaml,yml}'));
    watcher.onDidCreate((uri) => void this.onDiskChange(entry, uri));
    watcher.onDidChange((uri) => void this.onDiskChange(entry, uri));
    watcher.onDidDelete((uri) => void this.onDiskDelete(entry, uri));
    this.disposables.push(watcher);
  }

  private async indexFolder(entry: FolderEntry): Promise<void> {
    const folder = entry.folder;
    if (!folder) return;
    let done = false;
    const started = Date.now();
    const work = this.readFolder(entry, folder).finally(() => (done = true));
    setTimeout(() => {
      if (done) return;
      void vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: `Portfolio Alignment: indexing ${folder.name}…` },
        () => work,
      );
    }, PROGRESS_AFTER_MS);
    await work;
    this.output.info(`Indexed ${entry.files.size} portfolio file(s) in ${folder.name} in ${Date.now() - started} ms`);
  }

  /** Indexes the folder after whatever it is doing now, then checks it. */
  private reindex(entry: FolderEntry): Promise<void> {
    entry.ready = entry.ready
      .then(() => this.indexFolder(entry))
      .catch((error: Error) => this.output.error(`Indexing failed: ${error.message}`));
    return entry.ready.then(() => this.runCheck(entry));
  }

  /**
   * Reads the folder's portfolio files into the engine. Other YAML files are only looked at
   * (for `apiVersion: portfolio/v1`) once the folder is known to hold portfolios, so that a
   * folder of unrelated YAML costs one file search.
   */
  private async readFolder(entry: FolderEntry, folder: vscode.WorkspaceFolder): Promise<void> {
    const matched = (await vscode.workspace.findFiles(new vscode.RelativePattern(folder, `{${entry.settings.files.join(',')}}`))).filter(
      (uri) => !uri.path.includes('/node_modules/'),
    );
    const named = new Set(matched.map((uri) => uri.toString()));
    const openPortfolio = vscode.workspace.textDocuments.some(
      (doc) => vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString() === entry.key && this.isPortfolioDocument(doc),
    );
    entry.sniffed = matched.length > 0 || openPortfolio;
    // Starts the worker (and its warm-up, engine/warmUp.ts) while the files are read.
    if (entry.sniffed) this.client();
    const yaml = entry.sniffed
      ? await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{yaml,yml}'), undefined, SNIFF_LIMIT)
      : [];
    if (yaml.length >= SNIFF_LIMIT)
      this.output.info(
        `${folder.name}: only the first ${SNIFF_LIMIT} YAML files were looked at for apiVersion: portfolio/v1; name portfolio files *.portfolio.yaml so that all are found.`,
      );
    const candidates = [...matched, ...yaml.filter((uri) => !named.has(uri.toString()) && !uri.path.includes('/node_modules/'))];
    const queue = [...candidates];
    const workers = Array.from({ length: 8 }, async () => {
      for (let uri = queue.shift(); uri; uri = queue.shift()) await this.readFromDisk(entry, uri, named.has(uri.toString()));
    });
    await Promise.all(workers);
  }

  /** Reads a closed file into the engine; a file that is open is taken from its document. */
  private async readFromDisk(entry: FolderEntry, uri: vscode.Uri, named: boolean): Promise<void> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === key);
    if (open) {
      if (this.isPortfolioDocument(open)) this.sync(open, entry);
      return;
    }
    let bytes: Uint8Array;
    try {
      if (!named) {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > SNIFF_MAX_BYTES) {
          this.output.info(
            `Not read: ${key} is a YAML file over ${SNIFF_MAX_BYTES / 1_000_000} MB; name it *.portfolio.yaml if it is a portfolio.`,
          );
          return;
        }
      }
      bytes = await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      // A file deleted while its editor was open, or one the watcher could not tell us about.
      if ((error as vscode.FileSystemError).code === 'FileNotFound' || (error as vscode.FileSystemError).code === 'EntryNotFound') {
        if (entry.files.has(key)) this.forget(entry, key);
        return;
      }
      this.output.warn(`Cannot read ${key}: ${(error as Error).message}`);
      return;
    }
    if (bytes.length > entry.settings.maxFileSize) {
      if (named) this.markTooLarge(entry, uri, bytes.length);
      return;
    }
    const text = this.decoder.decode(bytes);
    if (!named && !startsLikePortfolio(text)) {
      if (entry.files.has(key)) this.forget(entry, key);
      return;
    }
    entry.files.add(key);
    this.sentVersions.set(key, 0);
    this.configure(entry);
    this.sendText(entry, uri, text, 0);
  }

  /** Sends the folder's settings before its first file; requests are answered in order. */
  private configure(entry: FolderEntry): void {
    if (entry.configured) return;
    entry.configured = true;
    void this.client()
      .request({ type: 'configure', folder: entry.key, settings: engineSettings(entry.settings) })
      .catch(() => undefined);
  }

  /** Some hosts' watchers also report files outside the folder (local history): ignore those. */
  private inFolder(entry: FolderEntry, uri: vscode.Uri): boolean {
    return (
      entry.folder !== undefined &&
      uri.scheme === entry.folder.uri.scheme &&
      vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() === entry.key
    );
  }

  private async onDiskChange(entry: FolderEntry, uri: vscode.Uri): Promise<void> {
    if (!this.inFolder(entry, uri)) return;
    const key = uri.toString();
    if (vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === key && !doc.isClosed)) return;
    const named = entry.folder !== undefined && matchesGlobs(uri, entry.folder, entry.settings.files);
    await this.readFromDisk(entry, uri, named);
    await this.runCheck(entry);
  }

  private async onDiskDelete(entry: FolderEntry, uri: vscode.Uri): Promise<void> {
    if (!entry.files.has(uri.toString())) return;
    this.forget(entry, uri.toString());
    await this.runCheck(entry);
  }

  /** Forgets deleted files, and every file under a deleted folder. */
  private onDeleted(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const key = uri.toString();
      const prefix = key.endsWith('/') ? key : `${key}/`;
      for (const entry of this.folders.values()) {
        const gone = [...entry.files].filter((file) => file === key || file.startsWith(prefix));
        for (const file of gone) this.forget(entry, file);
        if (gone.length > 0) void this.runCheck(entry);
      }
    }
  }

  private forget(entry: FolderEntry, key: string): void {
    entry.files.delete(key);
    this.sentVersions.delete(key);
    this.pendingChanges.delete(key);
    this.sizes.delete(key);
    this.results.delete(key);
    this.collection.delete(vscode.Uri.parse(key));
    this.publisher.forget(vscode.Uri.parse(key));
    void this.client()
      .request({ type: 'remove', folder: entry.key, path: key })
      .catch(() => undefined);
  }

  private markTooLarge(entry: FolderEntry, uri: vscode.Uri, size: number): void {
    const key = uri.toString();
    if (entry.files.has(key)) this.forget(entry, key);
    this.results.set(key, []);
    this.collection.set(uri, [tooLargeDiagnostic(uri, size, entry.settings.maxFileSize)]);
  }

  private onFolders(event: vscode.WorkspaceFoldersChangeEvent): void {
    for (const folder of event.added) this.addFolder(folder);
    for (const folder of event.removed) {
      const entry = this.folders.get(folder.uri.toString());
      if (!entry) continue;
      for (const key of entry.files) this.collection.delete(vscode.Uri.parse(key));
      this.folders.delete(entry.key);
      if (this.engine.started) void this.engine.request({ type: 'dropFolder', folder: entry.key }).catch(() => undefined);
    }
  }

  // ---- documents as they are edited ----

  private entryOfDocument(document: vscode.TextDocument): FolderEntry {
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const key = folder ? folder.uri.toString() : `loose:${document.uri.toString()}`;
    const existing = this.folders.get(key);
    if (existing) {
      // A portfolio found by its content: the folder's other YAML files may be portfolios too.
      if (existing.folder && !existing.sniffed) {
        existing.sniffed = true;
        void this.reindex(existing);
      }
      return existing;
    }
    return this.entryFor(key, folder, document.uri);
  }

  private onOpen(document: vscode.TextDocument): void {
    if (!this.isPortfolioDocument(document)) return;
    this.schedule(document, 0);
  }

  private onChange(event: vscode.TextDocumentChangeEvent): void {
    const document = event.document;
    if (event.contentChanges.length === 0 || !this.isPortfolioDocument(document)) return;
    this.recordChanges(document.uri.toString(), event.contentChanges);
    this.publisher.noteEdits(event);
    const entry = this.entryOfDocument(document);
    if (entry.settings.run === 'onType') this.schedule(document, entry.settings.delay);
    // A large paste is sent at once, so that the engine parses it during the delay (the check still waits for it).
    if (event.contentChanges.some((change) => change.text.length >= EARLY_SEND_CHARS)) this.sync(document, entry);
  }

  /** Keeps the changes so that the engine gets the edit, not the whole text again. */
  private recordChanges(key: string, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    let pending = this.pendingChanges.get(key);
    if (!pending) this.pendingChanges.set(key, (pending = { base: this.sentVersions.get(key), changes: [] }));
    // The ranges of one event refer to the text before it: apply the last one first.
    const ordered = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
    for (const change of ordered)
      pending.changes.push({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text });
  }

  private onSave(document: vscode.TextDocument): void {
    if (this.isPortfolioDocument(document)) this.schedule(document, 0);
  }

  private onClose(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    this.timers.delete(key);
    const entry = this.folders.get(this.folderKeyOf(document.uri));
    if (!entry || !entry.files.has(key)) return;
    if (!entry.folder) {
      // Not part of any workspace folder's index: forget it entirely.
      this.forget(entry, key);
      this.folders.delete(entry.key);
      if (this.engine.started) void this.engine.request({ type: 'dropFolder', folder: entry.key }).catch(() => undefined);
      return;
    }
    // Back to what is on disk (the closed document may have had unsaved edits).
    void this.readFromDisk(entry, document.uri, true).then(() => this.runCheck(entry));
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    const previous = this.timers.get(key);
    if (previous) clearTimeout(previous);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (document.isClosed) return;
        const entry = this.entryOfDocument(document);
        this.sync(document, entry);
        void this.runCheck(entry);
      }, delay),
    );
  }

  /** Sends the document's text to the engine unless it already has this version. */
  private sync(document: vscode.TextDocument, entry: FolderEntry): void {
    const key = document.uri.toString();
    const base = this.sentVersions.get(key);
    if (base === document.version && entry.files.has(key)) return;
    const pending = this.pendingChanges.get(key);
    this.pendingChanges.delete(key);
    if (entry.files.has(key) && base !== undefined && pending?.base === base && pending.changes.length <= MAX_PENDING_CHANGES) {
      // Only the edit travels to the worker (the whole text is not even read here). The size is
      // followed through the edits; the exact check is made whenever the whole text is sent.
      const size = (this.sizes.get(key) ?? 0) + pending.changes.reduce((n, c) => n + c.text.length - (c.end - c.start), 0);
      if (size <= entry.settings.maxFileSize) {
        this.sizes.set(key, size);
        this.sentVersions.set(key, document.version);
        void this.client()
          .request({ type: 'edit', folder: entry.key, path: key, changes: pending.changes, baseVersion: base, version: document.version })
          .then((applied) => {
            // The worker did not have the text these edits apply to: send the whole text next.
            if (!applied && !document.isClosed) {
              this.sentVersions.delete(key);
              this.schedule(document, 0);
            } else if (applied) {
              this.engineTook(document.uri);
            }
          })
          .catch((error) => this.engineRefused(entry, document.uri, error));
        return;
      }
    }
    const text = document.getText();
    const size = utf8Size(text, entry.settings.maxFileSize);
    this.sentVersions.set(key, document.version);
    if (size > entry.settings.maxFileSize) {
      this.markTooLarge(entry, document.uri, size);
      return;
    }
    this.sizes.set(key, text.length);
    entry.files.add(key);
    this.configure(entry);
    this.sendText(entry, document.uri, text, document.version);
  }

  /** Makes sure the engine has the document's current text: language features call this first. */
  async prepare(document: vscode.TextDocument): Promise<string | undefined> {
    if (!this.isPortfolioDocument(document)) return undefined;
    const entry = this.entryOfDocument(document);
    await entry.ready;
    this.sync(document, entry);
    return entry.files.has(document.uri.toString()) ? entry.key : undefined;
  }

  // ---- checking ----

  /** Whether a check of the document is scheduled or running (symbols and lenses wait for it: checkFirst.ts). */
  checkPending(document: vscode.TextDocument): boolean {
    return this.timers.has(document.uri.toString()) || this.folders.get(this.folderKeyOf(document.uri))?.checking === true;
  }

  /** Checks a folder; while a check runs, further requests fold into one more check after it. */
  async runCheck(entry: FolderEntry): Promise<void> {
    if (entry.checking) {
      entry.again = true;
      return;
    }
    entry.checking = true;
    this.onDidChangeCheckingEmitter.fire({ folder: entry.key, checking: true });
    try {
      do {
        entry.again = false;
        await entry.ready;
        if (!entry.configured) return;
        const started = Date.now();
        let result: CheckResult;
        try {
          result = await this.client().request({ type: 'check', folder: entry.key });
        } catch (error) {
          this.output.error(`Checking failed: ${(error as Error).message}`);
          entry.checkError = (error as Error).message;
          this.onDidCheckEmitter.fire(entry.key);
          return;
        }
        entry.checkError = undefined;
        this.apply(entry, result, Date.now() - started);
      } while (entry.again);
    } finally {
      entry.checking = false;
      this.onDidChangeCheckingEmitter.fire({ folder: entry.key, checking: false });
    }
  }

  private apply(entry: FolderEntry, result: CheckResult, roundTripMs: number): void {
    for (const file of result.changed) {
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === file.path);
      // A newer version is on its way to the engine: these ranges would be out of date.
      if (open && !open.isClosed && file.version !== 0 && open.version !== file.version) continue;
      if (!entry.files.has(file.path)) continue;
      const uri = vscode.Uri.parse(file.path);
      this.results.set(file.path, file.diagnostics);
      this.publisher.publish(uri, file.diagnostics, this.engineNotes.get(file.path));
    }
    entry.headline = result.headline;
    entry.lastCheckMs = result.parseMs + result.checkMs;
    const total = Math.round(result.parseMs + result.checkMs);
    if (total >= SLOW_CHECK_MS)
      this.output.warn(
        `Validation of ${entry.folder?.name ?? 'a file'} took ${total} ms (parse ${Math.round(result.parseMs)} ms, rules and summary ${Math.round(result.checkMs)} ms, round trip ${roundTripMs} ms).`,
      );
    else this.output.trace(`Validated ${entry.folder?.name ?? 'a file'} in ${total} ms (round trip ${roundTripMs} ms)`);
    this.onDidCheckEmitter.fire(entry.key);
  }

  /** Re-indexes every folder and checks it again (the Validate Workspace command). */
  async revalidateAll(): Promise<{ files: number; errors: number; warnings: number }> {
    // An engine that was given up on is started again; it is sent every file below.
    if (this.engine.state === 'stopped') this.engine.restart();
    await Promise.all([...this.folders.values()].map((entry) => (entry.folder ? this.reindex(entry) : this.runCheck(entry))));
    let files = 0;
    let errors = 0;
    let warnings = 0;
    for (const entry of this.folders.values()) {
      files += entry.files.size;
      errors += entry.headline?.errors ?? 0;
      warnings += entry.headline?.warnings ?? 0;
    }
    return { files, errors, warnings };
  }

  private recheckAll(): void {
    for (const entry of this.folders.values()) void this.runCheck(entry);
  }

  private onConfiguration(event: vscode.ConfigurationChangeEvent): void {
    if (!event.affectsConfiguration(SECTION)) return;
    for (const entry of this.folders.values()) {
      const scope = entry.folder?.uri ?? (entry.key.startsWith('loose:') ? vscode.Uri.parse(entry.key.slice(6)) : undefined);
      if (!event.affectsConfiguration(SECTION, scope)) continue;
      const before = entry.settings;
      entry.settings = readSettings(scope);
      const reindex = before.files.join('\n') !== entry.settings.files.join('\n') || before.maxFileSize !== entry.settings.maxFileSize;
      if (entry.configured) {
        void this.client()
          .request({ type: 'configure', folder: entry.key, settings: engineSettings(entry.settings) })
          .catch(() => undefined);
      }
      if (reindex && entry.folder) {
        for (const key of [...entry.files]) this.forget(entry, key);
        void this.reindex(entry);
        for (const doc of openInTabs()) if (this.folderKeyOf(doc.uri) === entry.key) this.onOpen(doc);
      } else {
        void this.runCheck(entry);
      }
    }
  }

  // ---- when the engine fails ----

  /** Sends a file's whole text; if the engine cannot take it, the file says why. */
  private sendText(entry: FolderEntry, uri: vscode.Uri, text: string, version: number): void {
    void this.client()
      .request({ type: 'update', folder: entry.key, path: uri.toString(), text, version })
      .then(
        () => this.engineTook(uri),
        (error) => this.engineRefused(entry, uri, error),
      );
  }

  /** The engine answered with an error for this file: a diagnostic on it says why (a dead engine is restarted and sent the file again). */
  private engineRefused(entry: FolderEntry, uri: vscode.Uri, error: unknown): void {
    if (!(error instanceof EngineRequestError)) return;
    const key = uri.toString();
    if (!entry.files.has(key)) return;
    this.sentVersions.delete(key); // the whole text next time
    this.engineNotes.set(key, engineFailedDiagnostic(uri, error.reason));
    this.publisher.publish(uri, this.results.get(key) ?? [], this.engineNotes.get(key));
  }

  private engineTook(uri: vscode.Uri): void {
    const key = uri.toString();
    if (!this.engineNotes.delete(key)) return;
    this.publisher.publish(uri, this.results.get(key) ?? []);
  }

  /** Given up on: the file it was working on says so (it is the likely cause). */
  private onEngineFailed(failure: EngineFailure): void {
    const key = pathOfRequest(failure.during);
    if (failure.restarting || !key) return;
    const uri = vscode.Uri.parse(key);
    this.engineNotes.set(key, engineStoppedDiagnostic(uri, failure.reason, failure.count));
    this.publisher.publish(uri, this.results.get(key) ?? [], this.engineNotes.get(key));
  }

  /** A new engine knows nothing: send every folder's settings and files again, then check. */
  private resendAll(): void {
    this.sentVersions.clear();
    this.pendingChanges.clear();
    for (const key of [...this.engineNotes.keys()]) this.engineTook(vscode.Uri.parse(key));
    for (const entry of this.folders.values()) {
      entry.configured = false;
      if (entry.folder) void this.reindex(entry);
      for (const document of vscode.workspace.textDocuments) {
        if (!document.isClosed && entry.files.has(document.uri.toString())) this.schedule(document, 0);
      }
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
