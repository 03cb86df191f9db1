// The alignment score of the active file's workspace folder, coloured by the score thresholds,
// and a visible hint when validation is slow.
import * as vscode from 'vscode';
import { formatMoneyShort } from '../core/model/money';
import { band, percent } from '../core/summary/report/view';
import { SLOW_CHECK_MS, type PortfolioQueries } from './portfolioQueries';

/** 1,552: counts with thousands separators. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** "less than 1 ms" rather than "0 ms" for a check that reused everything. */
export function checkTime(ms: number): string {
  return ms < 1 ? 'less than 1 ms' : `${count(Math.round(ms))} ms`;
}

export class AlignmentStatusBar implements vscode.Disposable {
  readonly item = vscode.window.createStatusBarItem('portfolioAlignment.score', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly service: PortfolioQueries,
    private readonly command: string,
  ) {
    this.item.name = 'Portfolio Alignment';
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      service.onDidCheck(() => this.update()),
      service.engine.onDidChangeState(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const document = vscode.window.activeTextEditor?.document;
    if (!document || !this.service.isPortfolioDocument(document)) {
      this.item.hide();
      return;
    }
    if (this.showEngineTrouble()) return;
    const state = this.service.headline(this.service.folderKeyOf(document.uri));
    const headline = state?.headline;
    if (state?.checkError && !headline) {
      this.showProblem(
        '$(warning) Alignment',
        `Portfolio Alignment could not check this folder: ${state.checkError}\n\nSee the "Portfolio Alignment" output log.`,
        'statusBarItem.warningBackground',
      );
      return;
    }
    if (!state || !headline) {
      this.item.text = '$(sync~spin) Alignment';
      this.item.tooltip = 'Portfolio Alignment is checking the portfolio…';
      this.item.backgroundColor = undefined;
      this.item.show();
      return;
    }
    const level = band(headline.alignmentScore, state.settings.thresholds);
    const slow = (state.lastCheckMs ?? 0) >= SLOW_CHECK_MS;
    this.item.text = `${slow ? '$(watch) ' : ''}$(pulse) ${percent(headline.alignmentScore)} aligned`;
    this.item.backgroundColor =
      level === 'poor'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : level === 'fair'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    const tooltip = new vscode.MarkdownString(undefined, true);
    tooltip.appendMarkdown(`**Alignment score ${percent(headline.alignmentScore)}** (${level === 'none' ? 'no spend yet' : level})\n\n`);
    tooltip.appendMarkdown(
      `${formatMoneyShort(headline.alignedSpend, headline.currency)} of ${formatMoneyShort(headline.totalSpend, headline.currency)} serves a business outcome.\n\n`,
    );
    tooltip.appendMarkdown(
      `${count(headline.errors)} errors, ${count(headline.warnings)} warnings in ${count(headline.files)} portfolio file${headline.files === 1 ? '' : 's'}.\n\n`,
    );
    if (state.lastCheckMs !== undefined)
      tooltip.appendMarkdown(`${slow ? '$(watch) Slow: ' : ''}last validation took ${checkTime(state.lastCheckMs)}.\n\n`);
    const failure = this.service.engine.lastFailure;
    if (failure) {
      // The reason as text: it may quote an error message.
      tooltip.appendMarkdown('The validation engine was restarted after it failed: ');
      tooltip.appendText(failure.reason);
      tooltip.appendMarkdown('.\n\n');
    }
    tooltip.appendMarkdown('Click to open the alignment summary.');
    this.item.tooltip = tooltip;
    this.item.command = this.command;
    this.item.show();
  }

  /** While the engine restarts or after it was given up on, that is what the item says. */
  private showEngineTrouble(): boolean {
    const engine = this.service.engine;
    if (engine.state === 'restarting') {
      this.showProblem(
        '$(sync~spin) Alignment: restarting',
        `The validation engine failed (${engine.lastFailure?.reason ?? 'unknown'}) and is restarting.`,
        'statusBarItem.warningBackground',
      );
      return true;
    }
    if (engine.state === 'stopped') {
      this.showProblem(
        '$(error) Alignment stopped',
        `Portfolio Alignment stopped validating: the validation engine failed ${engine.lastFailure?.count ?? ''} times within a minute (last: ${engine.lastFailure?.reason ?? 'unknown'}). Diagnostics are out of date.\n\nClick to start it again (Validate Workspace), or reload the window.`,
        'statusBarItem.errorBackground',
        'portfolioAlignment.validateWorkspace',
      );
      return true;
    }
    return false;
  }

  private showProblem(text: string, tooltip: string, background: string, command = this.command): void {
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = new vscode.ThemeColor(background);
    this.item.command = command;
    this.item.show();
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
