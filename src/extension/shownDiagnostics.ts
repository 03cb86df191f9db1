// What each portfolio file shows in the Problems panel: the engine's diagnostics of its last
// check, chosen within VS Code's per-file limit (diagnosticPublisher.ts), plus a note when the
// engine could not take the file or stopped while working on it.
import * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import { DiagnosticPublisher } from './diagnosticPublisher';

export class ShownDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('portfolio-alignment');
  /** Chooses what fits in VS Code's 1,000 diagnostics per file. */
  /** Chooses what fits in VS Code's 1,000 diagnostics per file (public for the in-editor tests' counters). */
  readonly publisher = new DiagnosticPublisher(this.collection);
  /** The engine's diagnostics per file, with the data quick fixes need. */
  private readonly results = new Map<string, PortfolioDiagnostic[]>();
  /** Files the engine could not take, or was working on when it was given up on: a diagnostic says so. */
  private readonly notes = new Map<string, vscode.Diagnostic>();

  /** The engine's diagnostics of a file; empty if it has none (yet). */
  of(uri: vscode.Uri): PortfolioDiagnostic[] {
    return this.results.get(uri.toString()) ?? [];
  }

  /** Where the user is typing: the publisher keeps those findings in view. */
  noteEdits(event: vscode.TextDocumentChangeEvent): void {
    this.publisher.noteEdits(event);
  }

  /** Shows a check's diagnostics of a file, with the file's note if it has one. */
  publish(uri: vscode.Uri, diagnostics: PortfolioDiagnostic[]): void {
    this.results.set(uri.toString(), diagnostics);
    this.publisher.publish(uri, diagnostics, this.notes.get(uri.toString()));
  }

  /** Adds a note saying what went wrong with the file, beside its last diagnostics. */
  note(uri: vscode.Uri, diagnostic: vscode.Diagnostic): void {
    this.notes.set(uri.toString(), diagnostic);
    this.publisher.publish(uri, this.of(uri), diagnostic);
  }

  /** The engine took the file after all: its note goes. */
  clearNote(uri: vscode.Uri): void {
    if (!this.notes.delete(uri.toString())) return;
    this.publisher.publish(uri, this.of(uri));
  }

  clearAllNotes(): void {
    for (const key of [...this.notes.keys()]) this.clearNote(vscode.Uri.parse(key));
  }

  /** A file too large to check shows only that. */
  tooLarge(uri: vscode.Uri, diagnostic: vscode.Diagnostic): void {
    this.results.set(uri.toString(), []);
    this.collection.set(uri, [diagnostic]);
  }

  /** The file is no portfolio file any more (deleted, or no longer matched). */
  forget(uri: vscode.Uri): void {
    this.results.delete(uri.toString());
    this.collection.delete(uri);
    this.publisher.forget(uri);
  }

  /** Clears what the file shows (its folder was removed from the workspace). */
  hide(uri: vscode.Uri): void {
    this.collection.delete(uri);
  }

  dispose(): void {
    this.collection.dispose();
  }
}
