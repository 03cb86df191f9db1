// A check that runs longer than a moment (a large paste, a first check of a big folder) shows
// progress in the status bar's progress area, ended when the check ends or fails. Short checks
// show nothing, so that typing does not make the status bar flicker.
import * as vscode from 'vscode';
import type { PortfolioQueries } from './portfolioQueries';

/** How long a check runs before progress is shown. */
export const PROGRESS_AFTER_MS = 1_000;

export class CheckProgress implements vscode.Disposable {
  /** Public so that an in-editor test can make every check "long" without relying on timing. */
  delayMs = PROGRESS_AFTER_MS;
  /** Folders whose check shows progress now (folder keys). */
  readonly showing = new Set<string>();
  /** How many times progress was shown since activation, for the in-editor test. */
  shownCount = 0;
  private readonly pending = new Map<string, { timer?: ReturnType<typeof setTimeout>; end?: () => void }>();
  private readonly subscription: vscode.Disposable;

  constructor(service: PortfolioQueries) {
    this.subscription = service.onDidChangeChecking(({ folder, checking }) => (checking ? this.started(folder) : this.ended(folder)));
  }

  private started(folder: string): void {
    if (this.pending.has(folder)) return;
    const state: { timer?: ReturnType<typeof setTimeout>; end?: () => void } = {};
    this.pending.set(folder, state);
    state.timer = setTimeout(() => this.show(folder, state), this.delayMs);
  }

  private show(folder: string, state: { end?: () => void }): void {
    if (this.pending.get(folder) !== state) return;
    this.showing.add(folder);
    this.shownCount++;
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Portfolio Alignment: checking' },
      () =>
        new Promise<void>((resolve) => {
          state.end = resolve;
        }),
    );
  }

  private ended(folder: string): void {
    const state = this.pending.get(folder);
    if (!state) return;
    this.pending.delete(folder);
    clearTimeout(state.timer);
    state.end?.();
    this.showing.delete(folder);
  }

  dispose(): void {
    for (const folder of [...this.pending.keys()]) this.ended(folder);
    this.subscription.dispose();
  }
}
