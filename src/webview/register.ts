// Wires the summary panel into the extension: the command, the serializer, and the context key
// that shows the editor title button on portfolio files.
import * as vscode from 'vscode';
import type { PortfolioService } from '../extension/service';
import { VIEW_TYPE } from './panel';
import { SummaryPanelSerializer } from './serializer';
import { SummaryPanels } from './summaryPanels';

export const SHOW_SUMMARY_COMMAND = 'portfolioAlignment.showSummary';
/** True when the active editor holds a portfolio file (also one found by apiVersion). */
const EDITOR_CONTEXT = 'portfolioAlignment.portfolioEditor';

function trackPortfolioEditor(service: PortfolioService): vscode.Disposable {
  const update = () => {
    const document = vscode.window.activeTextEditor?.document;
    void vscode.commands.executeCommand('setContext', EDITOR_CONTEXT, document !== undefined && service.isPortfolioDocument(document));
  };
  update();
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor(update),
    // A YAML file becomes a portfolio when `apiVersion: portfolio/v1` is typed at its top.
    service.onDidCheck(update),
  );
}

export function registerSummaryPanel(context: vscode.ExtensionContext, service: PortfolioService, log: vscode.LogOutputChannel): { panels: SummaryPanels; disposables: vscode.Disposable[] } {
  const panels = new SummaryPanels(service, context.extensionUri, log);
  return {
    panels,
    disposables: [
      panels,
      // Returns the panel, so integration tests can reach its state (lastPosted, onDidPost).
      vscode.commands.registerCommand(SHOW_SUMMARY_COMMAND, (resource?: unknown) => panels.show(resource instanceof vscode.Uri ? resource : undefined)),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, new SummaryPanelSerializer(panels)),
      trackPortfolioEditor(service),
    ],
  };
}
