// Keeps CodeLens cheap in large files: lenses are handed out only near the visible lines (the
// engine chooses them, core/features/codeLens.ts lensesNear, so that only those cross to the
// extension host), and asked for again when such a file is scrolled.
import * as vscode from 'vscode';
import type { LineSpan } from '../core/features/diagnosticBudget';

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

  /** The lines the lenses are chosen near: the document's visible ranges, or its first screen if it is in no editor yet. */
  visibleSpans(document: vscode.TextDocument): LineSpan[] {
    const key = document.uri.toString();
    const visible = vscode.window.visibleTextEditors
      .filter((editor) => editor.document.uri.toString() === key)
      .flatMap((editor) => editor.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })));
    return visible.length > 0 ? visible : [{ start: 0, end: 60 }];
  }

  /** Whether the document's last lens list was cut (the engine chose it: lensesNear): then scrolling asks again. */
  noteCut(document: vscode.TextDocument, cut: boolean): void {
    if (cut) this.large.add(document.uri.toString());
    else this.large.delete(document.uri.toString());
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.listener.dispose();
  }
}
