// Optional end-of-line text on each initiative whose spend serves no outcome ("EUR 250k unlinked:
// links no outcome"), in the style of Error Lens. Off by default
// (portfolioAlignment.decorations.unlinkedSpend); the amounts come from the engine's analysis
// after each check, like the diagnostics.
import * as vscode from 'vscode';
import type { UnlinkedMark } from '../core/features/portfolioTree';
import { SECTION } from './config';
import type { PortfolioQueries } from './portfolioQueries';

export const UNLINKED_DECORATION_SETTING = 'decorations.unlinkedSpend';

export class UnlinkedSpendDecorations implements vscode.Disposable {
  private readonly type = vscode.window.createTextEditorDecorationType({
    after: { margin: '0 0 0 2em', color: new vscode.ThemeColor('editorWarning.foreground'), fontStyle: 'italic' },
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private readonly disposables: vscode.Disposable[] = [];
  /** What each editor shows, by document URI (for tests, and to skip identical updates). */
  readonly shown = new Map<string, string[]>();
  private readonly onDidUpdateEmitter = new vscode.EventEmitter<string>();
  /** Fires with a document URI after its decorations were set. */
  readonly onDidUpdate = this.onDidUpdateEmitter.event;

  constructor(private readonly service: PortfolioQueries) {
    this.disposables.push(
      this.type,
      this.onDidUpdateEmitter,
      service.onDidCheck(() => this.updateAll()),
      vscode.window.onDidChangeVisibleTextEditors(() => this.updateAll()),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.${UNLINKED_DECORATION_SETTING}`)) this.updateAll();
      }),
    );
    this.updateAll();
  }

  private enabled(uri: vscode.Uri): boolean {
    return vscode.workspace.getConfiguration(SECTION, uri).get<boolean>(UNLINKED_DECORATION_SETTING, false);
  }

  updateAll(): void {
    for (const editor of vscode.window.visibleTextEditors) void this.update(editor);
  }

  private async update(editor: vscode.TextEditor): Promise<void> {
    const document = editor.document;
    const key = document.uri.toString();
    let marks: UnlinkedMark[] = [];
    if (this.enabled(document.uri) && this.service.isPortfolioDocument(document)) {
      const folder = this.service.folderKeyOf(document.uri);
      if (!this.service.filesOf(folder).has(key)) return; // not read by the engine yet: the check after will come here again
      try {
        marks = await this.service.request({ type: 'unlinkedMarks', folder, path: key });
      } catch {
        return; // the engine has stopped; the diagnostics say as much
      }
    }
    if (document.isClosed) return;
    const options = marks
      .filter((m) => m.line < document.lineCount)
      .map((m) => {
        const end = document.lineAt(m.line).range.end;
        return { range: new vscode.Range(end, end), renderOptions: { after: { contentText: m.text } } };
      });
    editor.setDecorations(this.type, options);
    this.shown.set(
      key,
      marks.map((m) => `${m.line + 1}: ${m.text}`),
    );
    this.onDidUpdateEmitter.fire(key);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
