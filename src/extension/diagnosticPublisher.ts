// Publishes a file's findings within VS Code's per-file limit, choosing what is shown with the
// policy in core/features/diagnosticBudget.ts: it remembers each file's recent edit lines and its
// findings at the last check, and reads the visible ranges of its editors.
import * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import {
  EDITOR_DIAGNOSTICS_LIMIT,
  findingKey,
  moreFindingsMessage,
  selectDiagnostics,
  type LineSpan,
} from '../core/features/diagnosticBudget';
import { DOCS_BASE } from '../core/check/rules/rule';
import { SOURCE, toDiagnostic } from './convert';

export const MORE_FINDINGS_CODE = 'more-findings';
/** How many recent edit places count as the user's focus. */
const RECENT_EDITS = 8;

export class DiagnosticPublisher {
  private readonly recentEdits = new Map<string, LineSpan[]>();
  private readonly previous = new Map<string, Set<string>>();

  constructor(private readonly collection: vscode.DiagnosticCollection) {}

  /** Remembers where a document was just edited (lines after the edit). */
  noteEdits(event: vscode.TextDocumentChangeEvent): void {
    const key = event.document.uri.toString();
    const spans = this.recentEdits.get(key) ?? [];
    for (const change of event.contentChanges) {
      const added = change.text.split('\n').length - 1;
      spans.push({ start: change.range.start.line, end: change.range.start.line + added });
    }
    this.recentEdits.set(key, spans.slice(-RECENT_EDITS));
  }

  /** Publishes a file's findings; `note` (the engine could not take the file) goes first and takes one place. */
  publish(uri: vscode.Uri, diagnostics: readonly PortfolioDiagnostic[], note?: vscode.Diagnostic): void {
    const key = uri.toString();
    const visible = vscode.window.visibleTextEditors
      .filter((editor) => editor.document.uri.toString() === key)
      .flatMap((editor) => editor.visibleRanges.map((r) => ({ start: r.start.line, end: r.end.line })));
    const focus = [...(this.recentEdits.get(key) ?? []), ...visible];
    const { shown, hidden } = selectDiagnostics({
      diagnostics,
      focus,
      previous: this.previous.get(key),
      limit: EDITOR_DIAGNOSTICS_LIMIT - (note ? 1 : 0),
    });
    this.previous.set(key, new Set(diagnostics.map(findingKey)));
    const published = shown.map((d) => toDiagnostic(d));
    if (shown.length < diagnostics.length) published.unshift(moreFindingsDiagnostic(uri, hidden, diagnostics.length));
    if (note) published.unshift(note);
    this.collection.set(uri, published);
  }

  forget(uri: vscode.Uri): void {
    this.recentEdits.delete(uri.toString());
    this.previous.delete(uri.toString());
  }
}

function moreFindingsDiagnostic(uri: vscode.Uri, hidden: Parameters<typeof moreFindingsMessage>[0], total: number): vscode.Diagnostic {
  const name = uri.path.split('/').pop() ?? uri.path;
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(0, 0, 0, 0),
    moreFindingsMessage(hidden, total, name),
    vscode.DiagnosticSeverity.Information,
  );
  diagnostic.source = SOURCE;
  diagnostic.code = { value: MORE_FINDINGS_CODE, target: vscode.Uri.parse(`${DOCS_BASE}/editor.md#many-findings-in-one-file`) };
  return diagnostic;
}
