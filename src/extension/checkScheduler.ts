// Checks folders and publishes what the checks find. Checks of one folder are coalesced (asked
// for while one runs, they fold into one more after it); a check still waiting for the engine
// when a newer version of one of the folder's documents is scheduled is superseded and never
// run; a result computed from an older version of an open document is not published.
import * as vscode from 'vscode';
import type { CheckResult, Headline } from '../engine/protocol';
import type { EngineSupervisor } from './engineSupervisor';
import type { FolderEntry } from './folderIndex';
import { SLOW_CHECK_MS } from './portfolioQueries';
import { RequestCancelledError } from './requestQueue';
import type { ShownDiagnostics } from './shownDiagnostics';

interface FolderChecks {
  checking: boolean;
  /** Asked for again while checking: one more check follows. */
  again: boolean;
  /** Cancels the check waiting for the engine, if one is. */
  waiting?: vscode.CancellationTokenSource;
  headline?: Headline;
  lastCheckMs?: number;
  /** Why the last check failed, until one succeeds (the status bar says it). */
  checkError?: string;
}

export class CheckScheduler implements vscode.Disposable {
  private readonly folders = new Map<string, FolderChecks>();
  private readonly onDidCheckEmitter = new vscode.EventEmitter<string>();
  /** Fires with a folder key after that folder's diagnostics and headline were updated, or a check of it failed. */
  readonly onDidCheck = this.onDidCheckEmitter.event;
  private readonly onDidChangeCheckingEmitter = new vscode.EventEmitter<{ folder: string; checking: boolean }>();
  /** Fires when a folder's check starts and when it ends or fails (checkProgress.ts shows progress). */
  readonly onDidChangeChecking = this.onDidChangeCheckingEmitter.event;

  constructor(
    private readonly engine: EngineSupervisor,
    private readonly shown: ShownDiagnostics,
    private readonly output: vscode.LogOutputChannel,
  ) {}

  /** The folder's last check: its headline, how long it took, and why it failed if it did. */
  lastCheckOf(key: string): Readonly<Pick<FolderChecks, 'headline' | 'lastCheckMs' | 'checkError'>> {
    return this.stateOf(key);
  }

  /** A newer version of one of the folder's documents is on its way, with a check after it: the waiting check is not run. */
  supersede(key: string): void {
    this.folders.get(key)?.waiting?.cancel();
  }

  /** Whether a check of the folder is running. */
  isChecking(key: string): boolean {
    return this.folders.get(key)?.checking === true;
  }

  /** The folder is gone: what its checks found goes with it. */
  forget(key: string): void {
    this.folders.delete(key);
  }

  /** Checks a folder; while a check runs, further requests fold into one more check after it. */
  async run(entry: FolderEntry): Promise<void> {
    const state = this.stateOf(entry.key);
    if (state.checking) {
      state.again = true;
      return;
    }
    state.checking = true;
    this.onDidChangeCheckingEmitter.fire({ folder: entry.key, checking: true });
    try {
      do {
        state.again = false;
        await entry.ready;
        if (!entry.configured) return;
        if (!(await this.checkOnce(entry, state))) return;
      } while (state.again);
    } finally {
      state.checking = false;
      this.onDidChangeCheckingEmitter.fire({ folder: entry.key, checking: false });
    }
  }

  /** One check of the folder; false if it failed. */
  private async checkOnce(entry: FolderEntry, state: FolderChecks): Promise<boolean> {
    const started = Date.now();
    const waiting = new vscode.CancellationTokenSource();
    state.waiting = waiting;
    try {
      const result = await this.engine.request({ type: 'check', folder: entry.key }, waiting.token);
      state.checkError = undefined;
      this.apply(entry, state, result, Date.now() - started);
      return true;
    } catch (error) {
      // Superseded before it ran: the check that supersedes it is on its way.
      if (error instanceof RequestCancelledError) return true;
      this.output.error(`Checking failed: ${(error as Error).message}`);
      state.checkError = (error as Error).message;
      this.onDidCheckEmitter.fire(entry.key);
      return false;
    } finally {
      if (state.waiting === waiting) state.waiting = undefined;
      waiting.dispose();
    }
  }

  private apply(entry: FolderEntry, state: FolderChecks, result: CheckResult, roundTripMs: number): void {
    for (const file of result.changed) {
      const open = vscode.workspace.textDocuments.find((doc) => doc.uri.toString() === file.path);
      // A newer version is on its way to the engine: these ranges would be out of date.
      if (open && !open.isClosed && file.version !== 0 && open.version !== file.version) continue;
      if (!entry.files.has(file.path)) continue;
      this.shown.publish(vscode.Uri.parse(file.path), file.diagnostics);
    }
    state.headline = result.headline;
    state.lastCheckMs = result.parseMs + result.checkMs;
    this.logTiming(entry, result, roundTripMs);
    this.onDidCheckEmitter.fire(entry.key);
  }

  private logTiming(entry: FolderEntry, result: CheckResult, roundTripMs: number): void {
    const total = Math.round(result.parseMs + result.checkMs);
    const name = entry.folder?.name ?? 'a file';
    if (total >= SLOW_CHECK_MS)
      this.output.warn(
        `Validation of ${name} took ${total} ms (parse ${Math.round(result.parseMs)} ms, rules and summary ${Math.round(result.checkMs)} ms, round trip ${roundTripMs} ms).`,
      );
    else this.output.trace(`Validated ${name} in ${total} ms (round trip ${roundTripMs} ms)`);
  }

  private stateOf(key: string): FolderChecks {
    let state = this.folders.get(key);
    if (!state) this.folders.set(key, (state = { checking: false, again: false }));
    return state;
  }

  dispose(): void {
    this.onDidCheckEmitter.dispose();
    this.onDidChangeCheckingEmitter.dispose();
  }
}
