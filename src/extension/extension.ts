// PLACEHOLDER, to be replaced by the real extension. Just enough for the in-editor test harness
// to prove itself: the engine's diagnostics for every *.portfolio.yaml file, in one collection.
// Runs unchanged in the Node extension host (main) and the web worker one (browser).
import * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../core/diagnostics';
import { Workspace } from '../core/workspace';

const isPortfolio = (uri: vscode.Uri) => /\.portfolio\.ya?ml$/.test(uri.path);
const severities = { error: vscode.DiagnosticSeverity.Error, warning: vscode.DiagnosticSeverity.Warning, info: vscode.DiagnosticSeverity.Information };

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const collection = vscode.languages.createDiagnosticCollection('portfolio');
  const engine = new Workspace();

  const refresh = () => {
    const result = engine.check({ today: new Date().toISOString().slice(0, 10) });
    collection.clear();
    for (const file of result.files) collection.set(vscode.Uri.parse(file.path), file.diagnostics.map(toDiagnostic));
  };
  const update = (document: vscode.TextDocument) => {
    if (!isPortfolio(document.uri)) return;
    engine.setFile(document.uri.toString(), document.getText());
    refresh();
  };

  context.subscriptions.push(
    collection,
    vscode.workspace.onDidOpenTextDocument(update),
    vscode.workspace.onDidChangeTextDocument((event) => update(event.document)),
  );
  // Files not open in an editor are read from disk, so links across files resolve.
  for (const uri of await vscode.workspace.findFiles('**/*.portfolio.{yaml,yml}', '**/node_modules/**')) {
    if (!engine.getFile(uri.toString())) engine.setFile(uri.toString(), new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
  }
  vscode.workspace.textDocuments.forEach(update);
  refresh();
}

export function deactivate(): void {}

function toDiagnostic(d: PortfolioDiagnostic): vscode.Diagnostic {
  const range = new vscode.Range(d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character);
  const diagnostic = new vscode.Diagnostic(range, d.message, severities[d.severity]);
  diagnostic.source = 'portfolio';
  diagnostic.code = d.code;
  return diagnostic;
}
