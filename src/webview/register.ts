// Wires the summary panel into the extension: the command, the serializer, and the context key
// that shows the editor title button on portfolio files.
import * as vscode from 'vscode';
import type { PortfolioQueries } from '../extension/portfolioQueries';
import type { SummaryPanels } from './summary/summaryPanels';
import { VIEW_TYPE } from './viewType';

export const SHOW_SUMMARY_COMMAND = 'portfolioAlignment.showSummary';
/** True when the active editor holds a portfolio file (also one found by apiVersion). */
const EDITOR_CONTEXT = 'portfolioAlignment.portfolioEditor';

function trackPortfolioEditor(service: PortfolioQueries): vscode.Disposable {
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

/** The summary code, loaded on first use (see module.ts). */
export type SummaryModule = typeof import('./summary/index');

export function registerSummaryPanel(
  context: vscode.ExtensionContext,
  service: PortfolioQueries,
  log: vscode.LogOutputChannel,
  load: () => SummaryModule,
): { panels: () => SummaryPanels | undefined; disposables: vscode.Disposable[] } {
  let instance: SummaryPanels | undefined;
  const panels = (): SummaryPanels =>
    (instance ??= new (load().SummaryPanels)(service, context.extensionUri, log, context.extensionMode === vscode.ExtensionMode.Test));
  return {
    panels: () => instance,
    disposables: [
      { dispose: () => instance?.dispose() },
      // Returns the panel, so integration tests can reach its state (testProbe, receive).
      vscode.commands.registerCommand(SHOW_SUMMARY_COMMAND, (resource?: unknown) =>
        panels().show(resource instanceof vscode.Uri ? resource : undefined),
      ),
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
        // What the page saved came from the page: it is validated like any page message.
        deserializeWebviewPanel: async (panel: vscode.WebviewPanel, state: unknown) =>
          void panels().restore(panel, load().parsePageState(state)),
      }),
      trackPortfolioEditor(service),
    ],
  };
}
