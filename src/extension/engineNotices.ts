// Tells the user when the validation engine failed: one message when a restarted engine answers
// again (once a session), one when it was given up on, each with what to do and the output log.
import * as vscode from 'vscode';
import { pathOfRequest, type EngineFailure, type EngineSupervisor } from './engineSupervisor';

const SHOW_LOG = 'Show Log';
const TRY_AGAIN = 'Try Again';

/** "initiatives.portfolio.yaml" from the URI of the file the engine was working on, if any. */
function fileOf(failure: EngineFailure): string | undefined {
  const path = pathOfRequest(failure.during);
  if (!path) return undefined;
  const name = path.split('/').pop() ?? path;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

export class EngineNotices implements vscode.Disposable {
  /** The messages shown, oldest first: the in-editor tests read them. */
  readonly shown: string[] = [];
  private toldOfRestart = false;
  private readonly disposables: Array<{ dispose(): void }> = [];

  constructor(
    engine: EngineSupervisor,
    private readonly output: vscode.LogOutputChannel,
    private readonly tryAgain: () => unknown,
  ) {
    this.disposables.push(
      engine.onDidRecover((failure) => this.recovered(failure)),
      engine.onDidFail((failure) => {
        if (!failure.restarting) this.stopped(failure);
      }),
    );
  }

  private recovered(failure: EngineFailure): void {
    if (this.toldOfRestart) return;
    this.toldOfRestart = true;
    const file = fileOf(failure);
    const cause = file
      ? ` If it happens again, ${file} may be too large or too deeply nested for the editor: split it, or set portfolioAlignment.maxFileSize below its size so that the editor skips it, and check it with "portfolio-align check".`
      : ' If it happens again, reload the window; if it keeps happening, report it with the output log.';
    void this.show(
      'warning',
      `Portfolio Alignment: the validation engine stopped (${failure.reason}${file ? ` while working on ${file}` : ''}) and was restarted; diagnostics are up to date again.${cause}`,
      [SHOW_LOG],
    );
  }

  private stopped(failure: EngineFailure): void {
    const file = fileOf(failure);
    const cause = file
      ? ` ${file} is the likely cause (too large or too deeply nested for the editor): split it, or set portfolioAlignment.maxFileSize below its size so that the editor skips it, and check it with "portfolio-align check".`
      : ' If it keeps happening, report it with the output log.';
    void this.show(
      'error',
      `Portfolio Alignment stopped validating: the validation engine failed ${failure.count} times within a minute (last: ${failure.reason}${file ? ` while working on ${file}` : ''}). Diagnostics and the summary are out of date. Reload the window or choose ${TRY_AGAIN}.${cause}`,
      [SHOW_LOG, TRY_AGAIN],
    );
  }

  private async show(level: 'warning' | 'error', message: string, actions: string[]): Promise<void> {
    this.shown.push(message);
    const picked =
      level === 'error'
        ? await vscode.window.showErrorMessage(message, ...actions)
        : await vscode.window.showWarningMessage(message, ...actions);
    if (picked === SHOW_LOG) this.output.show();
    if (picked === TRY_AGAIN) this.tryAgain();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
