// Which folders and files are portfolio files: the folder key of every file (one function), each
// folder's settings, the closed files read from disk through vscode.workspace.fs (YAML outside
// the globs sniffed for `apiVersion: portfolio/v1`), and the watchers that follow them on disk.
import * as vscode from 'vscode';
import { startsLikePortfolio } from '../core/syntax/detect';
import { readSettings, type Settings } from './config';
import type { DocumentSync } from './documentSync';
import type { PortfolioFolder } from './portfolioQueries';

/** How many YAML files outside the globs are opened to look for `apiVersion: portfolio/v1`. */
const SNIFF_LIMIT = 500;
const SNIFF_MAX_BYTES = 1_000_000;
/** Indexing that takes longer than this shows a progress notification. */
const PROGRESS_AFTER_MS = 1500;
/** How many files are read from disk at once. */
const READERS = 8;

export interface FolderEntry {
  key: string;
  folder: vscode.WorkspaceFolder | undefined;
  /** Where its settings are read: the workspace folder, or the file alone outside every folder. */
  scope: vscode.Uri;
  settings: Settings;
  /** Files of the folder known to the engine (indexed from disk or opened). */
  files: Set<string>;
  /** Settles when the folder's indexing (and any queued before it) is over. */
  ready: Promise<void>;
  /** Whether the engine has this folder's settings. */
  configured: boolean;
  /** Whether YAML files outside the globs were looked at too. */
  sniffed: boolean;
}

/** The folder a file belongs to: its workspace folder, or (outside every folder) the file alone. */
export function folderKeyOf(uri: vscode.Uri): string {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  return folder ? folder.uri.toString() : `loose:${uri.toString()}`;
}

/** The first lines of a document, enough to see whether it starts like a portfolio. */
function headOf(document: vscode.TextDocument): string {
  return document.getText(new vscode.Range(0, 0, Math.min(document.lineCount, 40), 0));
}

function isUserDocument(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): boolean {
  if (uri.scheme === 'untitled' || uri.scheme === 'file') return true;
  return folder !== undefined && folder.uri.scheme === uri.scheme;
}

/** Whether a file's path matches the folder's portfolio globs (VS Code matches documents only). */
function matchesGlobs(uri: vscode.Uri, folder: vscode.WorkspaceFolder, globs: string[]): boolean {
  const probe = { uri, languageId: 'yaml' } as vscode.TextDocument;
  return globs.some((glob) => vscode.languages.match({ pattern: new vscode.RelativePattern(folder, glob) }, probe) > 0);
}

function openDocument(key: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === key);
}

function isMissing(error: unknown): boolean {
  const code = (error as vscode.FileSystemError).code;
  return code === 'FileNotFound' || code === 'EntryNotFound';
}

export class FolderIndex implements vscode.Disposable {
  private readonly folders = new Map<string, FolderEntry>();
  private readonly watchers: vscode.Disposable[] = [];
  private readonly decoder = new TextDecoder('utf-8');

  constructor(
    private readonly sync: DocumentSync,
    private readonly output: vscode.LogOutputChannel,
    /** Checks a folder (checkScheduler.ts) after its files changed. */
    private readonly check: (entry: FolderEntry) => Promise<void>,
  ) {}

  entry(key: string): FolderEntry | undefined {
    return this.folders.get(key);
  }

  entries(): IterableIterator<FolderEntry> {
    return this.folders.values();
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

  /** Folders (workspace folders first, in their order) that hold at least one portfolio file. */
  portfolioFolders(): PortfolioFolder[] {
    const order = (entry: FolderEntry) => entry.folder?.index ?? Number.MAX_SAFE_INTEGER;
    return [...this.folders.values()]
      .filter((entry) => entry.files.size > 0)
      .sort((a, b) => order(a) - order(b))
      .map((entry) => ({ key: entry.key, name: entry.folder?.name ?? entry.key, uri: entry.folder?.uri }));
  }

  /** The folder's entry, made with the settings at `first` (its folder, or the document that made it known) if it is new. */
  private entryFor(key: string, folder: vscode.WorkspaceFolder | undefined, first: vscode.Uri): FolderEntry {
    let entry = this.folders.get(key);
    if (!entry) {
      const settings = readSettings(first);
      entry = {
        key,
        folder,
        scope: folder?.uri ?? first,
        settings,
        files: new Set(),
        ready: Promise.resolve(),
        configured: false,
        sniffed: false,
      };
      this.folders.set(key, entry);
    }
    return entry;
  }

  /** The folder of a portfolio document, made known if it was not. */
  entryOfDocument(document: vscode.TextDocument): FolderEntry {
    const key = folderKeyOf(document.uri);
    const existing = this.folders.get(key);
    if (existing) {
      // A portfolio found by its content: the folder's other YAML files may be portfolios too.
      if (existing.folder && !existing.sniffed) {
        existing.sniffed = true;
        void this.reindex(existing);
      }
      return existing;
    }
    return this.entryFor(key, vscode.workspace.getWorkspaceFolder(document.uri), document.uri);
  }

  // ---- workspace folders ----

  addFolder(folder: vscode.WorkspaceFolder): void {
    const entry = this.entryFor(folder.uri.toString(), folder, folder.uri);
    void this.reindex(entry);
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*.{yaml,yml}'));
    watcher.onDidCreate((uri) => void this.onDiskChange(entry, uri));
    watcher.onDidChange((uri) => void this.onDiskChange(entry, uri));
    watcher.onDidDelete((uri) => void this.onDiskDelete(entry, uri));
    this.watchers.push(watcher);
  }

  /** Forgets a removed workspace folder; returns its entry so that its files' diagnostics can go too. */
  removeFolder(folder: vscode.WorkspaceFolder): FolderEntry | undefined {
    const entry = this.folders.get(folder.uri.toString());
    this.folders.delete(folder.uri.toString());
    return entry;
  }

  /** A file outside every folder was closed: it is not part of any index, so forget it entirely. */
  dropLoose(entry: FolderEntry, key: string): void {
    this.sync.forget(entry, key);
    this.folders.delete(entry.key);
  }

  /** Indexes the folder after whatever it is doing now, then checks it. */
  reindex(entry: FolderEntry): Promise<void> {
    entry.ready = entry.ready
      .then(() => this.indexFolder(entry))
      .catch((error: Error) => this.output.error(`Indexing failed: ${error.message}`));
    return entry.ready.then(() => this.check(entry));
  }

  /** Forgets the folder's files and indexes it again (its globs or size limit changed). */
  forgetAndReindex(entry: FolderEntry): void {
    for (const key of [...entry.files]) this.sync.forget(entry, key);
    void this.reindex(entry);
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
    const yaml = entry.sniffed ? await this.otherYaml(folder) : [];
    const candidates = [...matched, ...yaml.filter((uri) => !named.has(uri.toString()) && !uri.path.includes('/node_modules/'))];
    const queue = [...candidates];
    const readers = Array.from({ length: READERS }, async () => {
      for (let uri = queue.shift(); uri; uri = queue.shift()) await this.readFromDisk(entry, uri, named.has(uri.toString()));
    });
    await Promise.all(readers);
  }

  /** The folder's YAML files, up to SNIFF_LIMIT (the log says when there are more). */
  private async otherYaml(folder: vscode.WorkspaceFolder): Promise<vscode.Uri[]> {
    const yaml = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.{yaml,yml}'), undefined, SNIFF_LIMIT);
    if (yaml.length >= SNIFF_LIMIT)
      this.output.info(
        `${folder.name}: only the first ${SNIFF_LIMIT} YAML files were looked at for apiVersion: portfolio/v1; name portfolio files *.portfolio.yaml so that all are found.`,
      );
    return yaml;
  }

  /** Reads a closed file into the engine; a file that is open is taken from its document. */
  async readFromDisk(entry: FolderEntry, uri: vscode.Uri, named: boolean): Promise<void> {
    const key = uri.toString();
    const open = openDocument(key);
    if (open) {
      if (this.isPortfolioDocument(open)) this.sync.sync(open, entry);
      return;
    }
    const bytes = await this.readBytes(entry, uri, named);
    if (!bytes) return;
    if (bytes.length > entry.settings.maxFileSize) {
      if (named) this.sync.markTooLarge(entry, uri, bytes.length);
      return;
    }
    const text = this.decoder.decode(bytes);
    if (!named && !startsLikePortfolio(text)) {
      if (entry.files.has(key)) this.sync.forget(entry, key);
      return;
    }
    this.sync.sendFromDisk(entry, uri, text);
  }

  /** The file's bytes; undefined if it is gone, cannot be read, or is a YAML file too large to sniff. */
  private async readBytes(entry: FolderEntry, uri: vscode.Uri, named: boolean): Promise<Uint8Array | undefined> {
    const key = uri.toString();
    try {
      if (!named) {
        const stat = await vscode.workspace.fs.stat(uri);
        if (stat.size > SNIFF_MAX_BYTES) {
          this.output.info(
            `Not read: ${key} is a YAML file over ${SNIFF_MAX_BYTES / 1_000_000} MB; name it *.portfolio.yaml if it is a portfolio.`,
          );
          return undefined;
        }
      }
      return await vscode.workspace.fs.readFile(uri);
    } catch (error) {
      // A file deleted while its editor was open, or one the watcher could not tell us about.
      if (isMissing(error)) {
        if (entry.files.has(key)) this.sync.forget(entry, key);
        return undefined;
      }
      this.output.warn(`Cannot read ${key}: ${(error as Error).message}`);
      return undefined;
    }
  }

  // ---- changes on disk ----

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
    await this.check(entry);
  }

  private async onDiskDelete(entry: FolderEntry, uri: vscode.Uri): Promise<void> {
    if (!entry.files.has(uri.toString())) return;
    this.sync.forget(entry, uri.toString());
    await this.check(entry);
  }

  /** Forgets deleted files, and every file under a deleted folder (deletes done in the editor). */
  onDeleted(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const key = uri.toString();
      const prefix = key.endsWith('/') ? key : `${key}/`;
      for (const entry of this.folders.values()) {
        const gone = [...entry.files].filter((file) => file === key || file.startsWith(prefix));
        for (const file of gone) this.sync.forget(entry, file);
        if (gone.length > 0) void this.check(entry);
      }
    }
  }

  /** Renames done in the editor: the old name is deleted, the new one read. */
  onRenamed(files: ReadonlyArray<{ oldUri: vscode.Uri; newUri: vscode.Uri }>): void {
    this.onDeleted(files.map((f) => f.oldUri));
    for (const { newUri } of files) {
      const entry = this.folders.get(folderKeyOf(newUri));
      if (entry?.folder) void this.onDiskChange(entry, newUri);
    }
  }

  dispose(): void {
    for (const watcher of this.watchers) watcher.dispose();
  }
}
