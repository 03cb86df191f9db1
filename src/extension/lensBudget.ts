// Keeps CodeLens cheap in large files: lenses are handed out only near the visible lines
// (core/features/codeLens.ts boundedLenses), and asked for again when such a file is scrolled.
import * as vscode from 'vscode';
import { boundedLenses, MAX_LENSES } from '../core/features/codeLens';
import type { Lens } from '../core/features/codeLens';

/** How long scrolling must pause before the lenses of a large file are asked for again. */
const SCROLL_DEBOUNCE_MS = 150;

export class LensBudget implements vscode.Disposable {
  /** Documents whose last lens list was cut (URIs as strings). */
  private readonly large = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listener: vscode.Disposable;

  constructor(refresh: () => void) {
    this.listener = vscode.window.onDidChangeTextEditorVisibleRanges((event) => {
      if (!this.large.has(event.textEditor.document.uri.toString())) return;
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => refresh(), SCROLL_DEBOUNCE_MS);
    });
  }

  select(document: vscode.TextDocument, lenses: Lens[]): Lens[] {
    const key = document.uri.toString();
    if (lenses.length <= MAX_LENSES) {
      this.large.delete(key);
      return lenses;
    }
    this.large.add(key);
    const visible = vscode.window.visibleTextEditors
      .filter((editor) => editor.document.uri.toString() === key)
      .flatMap((editor) => editor.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })));
    // Not shown in any editor yet: the first screen of the file.
    return boundedLenses(lenses, visible.length > 0 ? visible : [{ start: 0, end: 60 }]);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listener.dispose();
  }
}
