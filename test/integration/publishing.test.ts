// A check whose diagnostics did not change does not set the file's diagnostics again (on a large
// file each set sends 1,000 diagnostics to the workbench); one that changed them does, and the
// typed error is among them. Counted through a command that exists only while tests run.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, scenariosPerTest, waitForDiagnostics, waitUntil } from './helpers';

const PUBLISHER_STATS = 'portfolioAlignment.test.publisherStats';

interface CheckApi {
  service: { onDidCheck: vscode.Event<string> };
}

type Stats = { sets: number; unchanged: number };

const TEXT =
  'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n  - id: pub-1\n    title: Published initiative\n    outcomes: [no-such-outcome]\n    owner: Team\n    cost: 1k\n';

suite('Publishing diagnostics', () => {
  const scenarios = scenariosPerTest();
  let uri: vscode.Uri | undefined;
  let api: CheckApi;

  suiteSetup(async () => {
    api = (await activateExtension()).exports as CheckApi;
  });

  /** Applies an edit and waits for the check after it. */
  async function editAndCheck(editor: vscode.TextEditor, at: vscode.Position, text: string): Promise<void> {
    let checks = 0;
    const subscription = api.service.onDidCheck(() => checks++);
    try {
      assert.ok(await editor.edit((edit) => edit.insert(at, text)));
      await waitUntil(() => (checks > 0 ? true : undefined), 'the check after the edit');
    } finally {
      subscription.dispose();
    }
  }

  test('a check that changes no diagnostic does not set them again; one that does, does', async () => {
    uri = await scenarios.write('publish.portfolio.yaml', TEXT);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await waitForDiagnostics(uri, (ds) => ds.some((d) => codeOf(d) === 'unknown-outcome'), 'the unknown outcome');
    const before = vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)} ${d.range.start.line}`);

    const start = await vscode.commands.executeCommand<Stats>(PUBLISHER_STATS);
    // A comment at the end: a new version of the text, the same findings in the same places.
    await editAndCheck(editor, new vscode.Position(editor.document.lineCount - 1, 0), '# a note\n');
    const quiet = await vscode.commands.executeCommand<Stats>(PUBLISHER_STATS);
    assert.strictEqual(quiet.sets, start.sets, 'the unchanged diagnostics were set again');
    assert.ok(quiet.unchanged > start.unchanged, 'the check was published at all');
    assert.deepStrictEqual(
      vscode.languages.getDiagnostics(uri).map((d) => `${codeOf(d)} ${d.range.start.line}`),
      before,
    );

    // A misspelt key: a new error, published.
    await editAndCheck(editor, new vscode.Position(7, 0), '    sponsr: Dana\n');
    await waitForDiagnostics(
      uri,
      (ds) => ds.some((d) => d.range.start.line === 7 && d.severity === vscode.DiagnosticSeverity.Error),
      'the typed error',
    );
    const changed = await vscode.commands.executeCommand<Stats>(PUBLISHER_STATS);
    assert.ok(changed.sets > quiet.sets, 'the changed diagnostics were not set');
  });
});
