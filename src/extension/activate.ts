// Wires the extension together; shared by the Node (node.ts) and browser (web.ts) entry points.
import * as vscode from 'vscode';
import { registerSummaryPanel, SHOW_SUMMARY_COMMAND, type SummaryModule } from '../webview/register';
import type { SummaryPanels } from '../webview/summary/summaryPanels';
import { PortfolioCodeActions } from './codeActions';
import { registerCommands } from './commands';
import { registerGettingStarted } from './gettingStarted';
import { SpreadsheetImport } from './importSpreadsheet';
import type { Transport } from './engineClient';
import { EngineNotices } from './engineNotices';
import { registerLanguageFeatures, SELECTOR } from './languageFeatures';
import { registerPortfolioView, type PortfolioView } from './portfolioView';
import type { PortfolioQueries } from './portfolioQueries';
import { PortfolioService } from './service';
import { AlignmentStatusBar } from './statusBar';
import { registerTestCommands } from './testCommands';
import { registerTasks } from './tasks';
import { UnlinkedSpendDecorations } from './unlinkedDecorations';
import { CheckProgress } from './checkProgress';

/** What the extension returns from activate(): used by its integration tests. */
export interface PortfolioAlignmentApi {
  service: PortfolioService;
  statusBar: AlignmentStatusBar;
  /** The alignment summary panels, once the summary was first shown. */
  summaryPanels: () => SummaryPanels | undefined;
  /** What the user was told about engine failures. */
  engineNotices: EngineNotices;
  /** The Portfolio view (its tree data provider and tree view). */
  portfolioView: PortfolioView;
  /** The end-of-line unlinked spend decorations (portfolioAlignment.decorations.unlinkedSpend). */
  unlinkedDecorations: UnlinkedSpendDecorations;
  /** Time spent in activate(), in milliseconds (npm run bench adds the bundle's load time). */
  activateMs: number;
  /** From the bundle's first statement to the end of activate(), including VS Code's own work between. */
  sinceLoadMs: number | undefined;
  checkProgress: CheckProgress;
}

declare const __portfolioAlignmentLoadStart: number | undefined;

export function activateExtension(
  context: vscode.ExtensionContext,
  createTransport: () => Transport,
  loadSummary: () => SummaryModule,
): PortfolioAlignmentApi {
  const started = performance.now();
  const output = vscode.window.createOutputChannel('Portfolio Alignment', { log: true });
  // The worker starts on the first portfolio file, so that opening other YAML costs nothing.
  const service = new PortfolioService(createTransport, output);
  /** What the views see of the service: the questions they ask, not the class. */
  const queries: PortfolioQueries = service;
  const statusBar = new AlignmentStatusBar(queries, SHOW_SUMMARY_COMMAND);
  const summary = registerSummaryPanel(context, queries, output, loadSummary);
  const engineNotices = new EngineNotices(service.engine, output, () =>
    vscode.commands.executeCommand('portfolioAlignment.validateWorkspace'),
  );
  const portfolioView = registerPortfolioView(queries);
  const unlinkedDecorations = new UnlinkedSpendDecorations(queries);
  const checkProgress = new CheckProgress(queries);
  context.subscriptions.push(
    output,
    service,
    statusBar,
    ...registerLanguageFeatures(queries),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PortfolioCodeActions(queries), PortfolioCodeActions.metadata),
    ...registerCommands(context, queries),
    ...summary.disposables,
    engineNotices,
    ...registerTestCommands(context, service),
    ...portfolioView.disposables,
    unlinkedDecorations,
    checkProgress,
    ...registerGettingStarted(queries),
    ...registerTasks(context, queries),
    new SpreadsheetImport(context.extensionUri),
  );
  service.start();
  const activateMs = performance.now() - started;
  const sinceLoadMs = typeof __portfolioAlignmentLoadStart === 'number' ? performance.now() - __portfolioAlignmentLoadStart : undefined;
  output.info(
    `Activated in ${activateMs.toFixed(1)} ms${sinceLoadMs === undefined ? '' : ` (${sinceLoadMs.toFixed(1)} ms since the bundle started loading)`}`,
  );
  return {
    service,
    statusBar,
    summaryPanels: summary.panels,
    engineNotices,
    portfolioView,
    unlinkedDecorations,
    checkProgress,
    activateMs,
    sinceLoadMs,
  };
}
