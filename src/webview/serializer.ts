// Brings the summary panel back after a window reload. VS Code hands over what the page last saved
// with setState; it came from the page, so it is validated like any page message, and the folder
// it names is used only if the service still knows it.
import type * as vscode from 'vscode';
import { parsePageState } from './protocol';
import type { SummaryPanels } from './summaryPanels';

export class SummaryPanelSerializer implements vscode.WebviewPanelSerializer<unknown> {
  constructor(private readonly panels: SummaryPanels) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    this.panels.restore(panel, parsePageState(state));
  }
}
