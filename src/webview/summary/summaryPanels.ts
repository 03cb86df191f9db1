// The one summary panel: the command opens it (or brings it forward, switching folder when run
// from a file of another folder), the serializer restores it after a reload.
import * as vscode from 'vscode';
import type { PortfolioQueries } from '../../extension/portfolioQueries';
import { NO_FILTERS, type PageState } from '../protocol';
import { SummaryPanel, VIEW_TYPE, webviewOptions, type PanelTarget } from './panel';
import { SummaryTestProbe } from './testProbe';

export class SummaryPanels implements vscode.Disposable {
  private panel: SummaryPanel | undefined;

  constructor(
    private readonly service: PortfolioQueries,
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.LogOutputChannel,
    /** Under the in-editor tests, each panel gets a probe of its messages. */
    private readonly testMode = false,
  ) {}

  /** The open panel, if any: for tests. */
  get current(): SummaryPanel | undefined {
    return this.panel;
  }

  /**
   * The command: opens the summary of the folder of `resource` (the editor title button passes
   * it), else of the active portfolio file, else of the first folder with portfolio files.
   */
  async show(resource?: vscode.Uri): Promise<SummaryPanel | undefined> {
    const target = await this.pickTarget(resource);
    if (!target) {
      void vscode.window.showInformationMessage(
        'Portfolio Alignment: there is no portfolio file to summarise. Open or create a *.portfolio.yaml file first.',
      );
      return undefined;
    }
    if (this.panel) {
      this.panel.retarget(target.folder, target.file);
      this.panel.panel.reveal(this.panel.panel.viewColumn ?? vscode.ViewColumn.Beside);
      return this.panel;
    }
    const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Alignment summary', vscode.ViewColumn.Beside, {
      ...webviewOptions(this.extensionUri),
      enableFindWidget: true,
    });
    return this.adopt(panel, { ...target, scope: 'folder', filters: NO_FILTERS });
  }

  /** The serializer: the panel as the page last saved it, or the default folder when that is gone. */
  restore(panel: vscode.WebviewPanel, state: PageState | undefined): SummaryPanel {
    const known =
      state?.folder !== undefined &&
      (this.service.workspaceFolderOf(state.folder) !== undefined || this.service.filesOf(state.folder).size > 0);
    const fallback = this.service.portfolioFolders()[0]?.key ?? vscode.workspace.workspaceFolders?.[0]?.uri.toString() ?? '';
    const target: PanelTarget =
      known && state?.folder !== undefined
        ? { folder: state.folder, file: state.file ?? null, scope: state.scope, filters: state.filters }
        : { folder: fallback, file: null, scope: 'folder', filters: NO_FILTERS };
    this.panel?.dispose();
    return this.adopt(panel, target);
  }

  private adopt(panel: vscode.WebviewPanel, target: PanelTarget): SummaryPanel {
    const summary = new SummaryPanel(
      panel,
      this.service,
      this.extensionUri,
      target,
      this.log,
      this.testMode ? new SummaryTestProbe() : undefined,
    );
    this.panel = summary;
    summary.onDidDispose(() => {
      if (this.panel === summary) this.panel = undefined;
    });
    return summary;
  }

  private async pickTarget(resource?: vscode.Uri): Promise<{ folder: string; file: string | null } | undefined> {
    const editor = vscode.window.activeTextEditor;
    const document = resource
      ? (vscode.workspace.textDocuments.find((d) => d.uri.toString() === resource.toString()) ??
        (await vscode.workspace.openTextDocument(resource).then(
          (d) => d,
          () => undefined,
        )))
      : editor?.document;
    if (document && this.service.isPortfolioDocument(document)) {
      // Makes sure the engine has the file, so the folder's summary includes it.
      const folder = await this.service.prepare(document);
      if (folder !== undefined) return { folder, file: document.uri.toString() };
    }
    const first = this.service.portfolioFolders()[0];
    return first ? { folder: first.key, file: null } : undefined;
  }

  dispose(): void {
    this.panel?.dispose();
    this.panel = undefined;
  }
}
