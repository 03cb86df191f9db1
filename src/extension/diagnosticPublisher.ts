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
import { codeOf, SOURCE, toDiagnostic } from './convert';

export const MORE_FINDINGS_CODE = 'more-findings';
/** How many recent edit places count as the user's focus. */
const RECENT_EDITS = 8;

/** What a finding looks like in the editor: two findings with the same key publish the same vscode.Diagnostic. */
function shownKey(d: PortfolioDiagnostic): string {
  const { start, end } = d.range;
  const key = `${d.severity}\u0000${d.code}\u0000${d.message}\u0000${start.line},${start.character},${end.line},${end.character}`;
  return d.related?.length ? `${key}\u0000${JSON.stringify(d.related)}` : key;
}

function sameList(a: readonly vscode.Diagnostic[], b: readonly vscode.Diagnostic[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

export class DiagnosticPublisher {
  private readonly recentEdits = new Map<string, LineSpan[]>();
  private readonly previous = new Map<string, Set<string>>();
  /** What was last set per file, and its diagnostics by shownKey, reused while a finding looks the same. */
  private readonly published = new Map<string, { list: vscode.Diagnostic[]; byKey: Map<string, vscode.Diagnostic> }>();
  /** For the in-editor tests: how often the collection was set, and how often a publish was skipped as unchanged. */
  readonly stats = { sets: 0, unchanged: 0 };

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

  /**
   * Publishes a file's findings; `note` (the engine could not take the file) goes first and takes
   * one place. Findings that look as they did keep their vscode.Diagnostic, and a list the same
   * as the last one is not set again: on a large file each set sends 1,000 diagnostics to the
   * workbench, and most checks while typing change none of them.
   */
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
    const last = this.published.get(key);
    const byKey = new Map<string, vscode.Diagnostic>();
    const published = shown.map((d) => {
      const shape = shownKey(d);
      const diagnostic = byKey.get(shape) ?? last?.byKey.get(shape) ?? toDiagnostic(d);
      byKey.set(shape, diagnostic);
      return diagnostic;
    });
    if (shown.length < diagnostics.length) {
      const notice = moreFindingsDiagnostic(uri, hidden, diagnostics.length);
      const same = last?.list.find((d) => codeOf(d) === MORE_FINDINGS_CODE && d.message === notice.message);
      published.unshift(same ?? notice);
    }
    if (note) published.unshift(note);
    // A collection emptied from elsewhere (a folder removed) is set again whatever was set last.
    if (last && sameList(last.list, published) && this.collection.has(uri)) {
      this.stats.unchanged++;
      return;
    }
    this.published.set(key, { list: published, byKey });
    this.collection.set(uri, published);
    this.stats.sets++;
  }

  forget(uri: vscode.Uri): void {
    this.recentEdits.delete(uri.toString());
    this.previous.delete(uri.toString());
    this.published.delete(uri.toString());
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
