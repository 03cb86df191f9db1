// Files of one folder that declare different metadata: each gets a metadata-conflict diagnostic.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, codeOf, fixtureUri, removeScenario, restoreFixtures, waitForDiagnostics, writeScenario } from './helpers';

const hasConflict = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'metadata-conflict');

suite('Metadata conflicts between files of a folder', () => {
  let uri: vscode.Uri | undefined;

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await restoreFixtures();
    if (uri) await removeScenario(uri);
  });

  test('a file naming the folder differently gets a diagnostic, and so does the file whose name it contradicts', async () => {
    uri = await writeScenario(
      'renamed.portfolio.yaml',
      'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Another name\n  currency: EUR\n',
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [diagnostic] = (await waitForDiagnostics(uri, hasConflict, 'metadata-conflict in the new file')).filter(
      (d) => codeOf(d) === 'metadata-conflict',
    );
    assert.match(diagnostic!.message, /metadata\.name is "Another name" here, but "Harness fixture" in/);
    await waitForDiagnostics(fixtureUri('outcomes.portfolio.yaml'), hasConflict, 'metadata-conflict in the fixture');
    await removeScenario(uri);
    uri = undefined;
    await waitForDiagnostics(fixtureUri('outcomes.portfolio.yaml'), (ds) => !hasConflict(ds), 'the conflict to go with the file');
  });
});
