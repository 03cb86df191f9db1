// The commands of the palette.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, extensionApi, portfolioDiagnostics, waitUntil } from './helpers';

suite('Commands', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('New Portfolio File opens a starter named *.portfolio.yaml in which nothing counts yet', async () => {
    await vscode.commands.executeCommand('portfolioAlignment.newPortfolioFile');
    const document = vscode.window.activeTextEditor?.document;
    assert.ok(document, 'an editor is open');
    assert.strictEqual(document.languageId, 'yaml');
    assert.ok(document.isUntitled);
    // Save suggests this name, and the tab shows it (not the first comment line).
    assert.match(document.uri.path, /\/new(-\d+)?\.portfolio\.yaml$/);
    assert.match(document.getText(), /^# A portfolio\/v1 file/);
    assert.match(document.getText(), /^# {3}brm: /m, 'the placeholders are comments');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    assert.deepStrictEqual(
      lenses.map((l) => l.command?.title),
      [],
    );
    // The empty document of the first instant may be checked before the starter is in it: what
    // must hold is that the check of the starter leaves no problem.
    const api = await extensionApi();
    await waitUntil(() => (/aligned/.test(api.statusBar.item.text) ? true : undefined), "the status bar to show the new file's score");
    await waitUntil(
      () => (portfolioDiagnostics(document.uri).length === 0 ? true : undefined),
      `no problem in the starter (has: ${JSON.stringify(portfolioDiagnostics(document.uri).map((d) => d.message))})`,
    );
  });

  test('Validate Workspace reports what it validated', async () => {
    await vscode.commands.executeCommand('portfolioAlignment.validateWorkspace');
    // The shared fixture's typo is found although no editor is open.
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const uri = vscode.Uri.joinPath(folder, 'initiatives.portfolio.yaml');
    await waitUntil(() => (portfolioDiagnostics(uri).length > 0 ? true : undefined), 'diagnostics of the closed fixture');
  });
});
