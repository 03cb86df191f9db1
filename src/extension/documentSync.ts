// What the engine has of each portfolio file, and keeping it current: the edits made since the
// version it has, the length of each document as sent, the debounce timer per document, and the
// update, edit and remove requests that carry text to the engine (only the edit when it can).
import * as vscode from 'vscode';
import type { TextChange } from '../core/syntax/parse';
import { engineSettings } from './config';
import { engineFailedDiagnostic, tooLargeDiagnostic } from './convert';
import { EngineRequestError, type EngineSupervisor } from './engineSupervisor';
import type { FolderEntry } from './folderIndex';
import type { ShownDiagnostics } from './shownDiagnostics';

/** More edits than this since the last validation are sent as the whole text instead. */
const MAX_PENDING_CHANGES = 1000;

/** The UTF-8 size of a text, as on disk; only counted exactly when it could be near `limit`. */
function utf8Size(text: string, limit: number): number {
  if (text.length * 3 <= limit) return text.length; // even at 3 bytes a character it fits
  return new TextEncoder().encode(text).length;
}

/** How the sync tells the service a document is due (its debounce is over). */
export interface SyncHooks {
  /** A document was scheduled: a check of its folder will follow, so one waiting now is out of date. */
  scheduled(document: vscode.TextDocument): void;
  /** The debounce is over: sync the document and check its folder. */
  due(document: vscode.TextDocument): void;
}

export class DocumentSync {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** The document version the engine has (0: read from disk). */
  private readonly sentVersions = new Map<string, number>();
  /** Edits not yet sent to the engine, per document, on top of the version the engine has. */
  private readonly pendingChanges = new Map<string, { base: number | undefined; changes: TextChange[] }>();
  /** Length of each open document's text as last sent, followed through edits. */
  private readonly sizes = new Map<string, number>();

  constructor(
    private readonly engine: EngineSupervisor,
    private readonly shown: ShownDiagnostics,
    private readonly hooks: SyncHooks,
  ) {}

  /** Keeps the changes so that the engine gets the edit, not the whole text again. */
  recordChanges(key: string, changes: readonly vscode.TextDocumentContentChangeEvent[]): void {
    let pending = this.pendingChanges.get(key);
    if (!pending) this.pendingChanges.set(key, (pending = { base: this.sentVersions.get(key), changes: [] }));
    // The ranges of one event refer to the text before it: apply the last one first.
    const ordered = [...changes].sort((a, b) => b.rangeOffset - a.rangeOffset);
    for (const change of ordered)
      pending.changes.push({ start: change.rangeOffset, end: change.rangeOffset + change.rangeLength, text: change.text });
  }

  /** Makes the document due after `delay` ms; a later call for it starts the wait again. */
  schedule(document: vscode.TextDocument, delay: number): void {
    const key = document.uri.toString();
    this.unschedule(document);
    this.hooks.scheduled(document);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        if (!document.isClosed) this.hooks.due(document);
      }, delay),
    );
  }

  /** Stops the document's wait; true if it was waiting (a check of its folder was promised). */
  /** Whether a check of the document waits for its delay. */
  isScheduled(document: vscode.TextDocument): boolean {
    return this.timers.has(document.uri.toString());
  }

  unschedule(document: vscode.TextDocument): boolean {
    const key = document.uri.toString();
    const timer = this.timers.get(key);
    if (timer) clearTimeout(timer);
    return this.timers.delete(key);
  }

  /** Sends the document's text to the engine unless it already has this version. */
  sync(document: vscode.TextDocument, entry: FolderEntry): void {
    const key = document.uri.toString();
    const base = this.sentVersions.get(key);
    if (base === document.version && entry.files.has(key)) return;
    const pending = this.pendingChanges.get(key);
    this.pendingChanges.delete(key);
    const editable = entry.files.has(key) && base !== undefined && pending?.base === base && pending.changes.length <= MAX_PENDING_CHANGES;
    if (editable && this.sendEdit(document, entry, base, pending.changes)) return;
    this.sendDocument(document, entry);
  }

  /**
   * Only the edit travels to the worker (the whole text is not even read here). The size is
   * followed through the edits; the exact check is made whenever the whole text is sent.
   * False if the edit would make the file too large: the whole text is sent and measured instead.
   */
  private sendEdit(document: vscode.TextDocument, entry: FolderEntry, base: number, changes: TextChange[]): boolean {
    const key = document.uri.toString();
    const size = (this.sizes.get(key) ?? 0) + changes.reduce((n, c) => n + c.text.length - (c.end - c.start), 0);
    if (size > entry.settings.maxFileSize) return false;
    this.sizes.set(key, size);
    this.sentVersions.set(key, document.version);
    void this.engine
      .request({ type: 'edit', folder: entry.key, path: key, changes, baseVersion: base, version: document.version })
      .then((applied) => {
        // The worker did not have the text these edits apply to: send the whole text next.
        if (!applied && !document.isClosed) {
          this.sentVersions.delete(key);
          this.schedule(document, 0);
        } else if (applied) {
          this.shown.clearNote(document.uri);
        }
      })
      .catch((error) => this.engineRefused(entry, document.uri, error));
    return true;
  }

  private sendDocument(document: vscode.TextDocument, entry: FolderEntry): void {
    const key = document.uri.toString();
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

  /** Sends a closed file's text as read from disk (version 0). */
  sendFromDisk(entry: FolderEntry, uri: vscode.Uri, text: string): void {
    entry.files.add(uri.toString());
    this.sentVersions.set(uri.toString(), 0);
    this.configure(entry);
    this.sendText(entry, uri, text, 0);
  }

  /** Sends the folder's settings before its first file; requests are answered in order. */
  configure(entry: FolderEntry): void {
    if (entry.configured) return;
    entry.configured = true;
    void this.engine.request({ type: 'configure', folder: entry.key, settings: engineSettings(entry.settings) }).catch(() => undefined);
  }

  /** The file is no portfolio file of the folder any more: the engine and the Problems panel forget it. */
  forget(entry: FolderEntry, key: string): void {
    entry.files.delete(key);
    this.sentVersions.delete(key);
    this.pendingChanges.delete(key);
    this.sizes.delete(key);
    this.shown.forget(vscode.Uri.parse(key));
    void this.engine.request({ type: 'remove', folder: entry.key, path: key }).catch(() => undefined);
  }

  markTooLarge(entry: FolderEntry, uri: vscode.Uri, size: number): void {
    const key = uri.toString();
    if (entry.files.has(key)) this.forget(entry, key);
    this.shown.tooLarge(uri, tooLargeDiagnostic(uri, size, entry.settings.maxFileSize));
  }

  /** A new engine knows nothing: every file is sent whole again. */
  forgetWhatWasSent(): void {
    this.sentVersions.clear();
    this.pendingChanges.clear();
  }

  /** Sends a file's whole text; if the engine cannot take it, the file says why. */
  private sendText(entry: FolderEntry, uri: vscode.Uri, text: string, version: number): void {
    void this.engine.request({ type: 'update', folder: entry.key, path: uri.toString(), text, version }).then(
      () => this.shown.clearNote(uri),
      (error) => this.engineRefused(entry, uri, error),
    );
  }

  /** The engine answered with an error for this file: a diagnostic on it says why (a dead engine is restarted and sent the file again). */
  private engineRefused(entry: FolderEntry, uri: vscode.Uri, error: unknown): void {
    if (!(error instanceof EngineRequestError)) return;
    const key = uri.toString();
    if (!entry.files.has(key)) return;
    this.sentVersions.delete(key); // the whole text next time
    this.shown.note(uri, engineFailedDiagnostic(uri, error.reason));
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}
