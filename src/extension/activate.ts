// Wires the extension together; shared by the Node (node.ts) and browser (web.ts) entry points.
import * as vscode from 'vscode';
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
}

export function activateExtension(context: vscode.ExtensionContext, createTransport: () => Transport): PortfolioAlignmentApi {
  const output = vscode.window.createOutputChannel('Portfolio Alignment', { log: true });
  // The worker starts on the first portfolio file, so that opening other YAML costs nothing.
  const service = new PortfolioService(createTransport, output);
  const statusBar = new AlignmentStatusBar(service, 'workbench.actions.view.problems');
  context.subscriptions.push(
    output,
    service,
    statusBar,
    ...registerLanguageFeatures(service),
    vscode.languages.registerCodeActionsProvider(SELECTOR, new PortfolioCodeActions(service), PortfolioCodeActions.metadata),
    ...registerCommands(context, service),
  );
  service.start();
  return { service, statusBar };
}
