// Wires the extension together; shared by the Node (node.ts) and browser (web.ts) entry points.
import * as vscode from 'vscode';
import { registerSummaryPanel, SHOW_SUMMARY_COMMAND } from '../webview/register';
import type { SummaryPanels } from '../webview/summaryPanels';
import { PortfolioCodeActions } from './codeActions';
import { registerCommands } from './commands';
import type { Transport } from './engineClient';
import { registerLanguageFeatures, SELECTOR } from './languageFeatures';
import { PortfolioService } from './service';
import { AlignmentStatusBar } from './statusBar';

/** What the extension returns from activate(): used by its integration tests. */
export interface PortfolioAlignmentApi {
  service: PortfolioService;
  statusBar: AlignmentStatusBar;
  /** The alignment summary panel (`current` is the open one, with the last state it was sent). */
  summaryPanels: SummaryPanels;
  /** From the bundle's first statement to the end of activate(), in milliseconds (npm run bench). */
  activationMs: number | undefined;
}

declare const __portfolioAlignmentLoadStart: number | undefined;

export function activateExtension(context: vscode.ExtensionContext, createTransport: () => Transport): PortfolioAlignmentApi {
  const output = vscode.window.createOutputChannel('Portfolio Alignment', { log: true });
  // The worker starts on the first portfolio file, so that opening other YAML costs nothing.
  const service = new PortfolioService(createTransport, output);
  const statusBar = new AlignmentStatusBar(service, SHOW_SUMMARY_COMMAND);
  const summary = registerSummaryPanel(context, service, output);
  context.subscriptions.push(
    output,
    service,
    statusBar,
    ...registerLanguageFeatures(service),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PortfolioCodeActions(service), PortfolioCodeActions.metadata),
    ...registerCommands(context, service),
    ...summary.disposables,
  );
  service.start();
  const activationMs = typeof __portfolioAlignmentLoadStart === 'number' ? performance.now() - __portfolioAlignmentLoadStart : undefined;
  if (activationMs !== undefined) output.info(`Loaded and activated in ${activationMs.toFixed(1)} ms`);
  return { service, statusBar, summaryPanels: summary.panels, activationMs };
}
