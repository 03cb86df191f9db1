// Files of one folder that declare different metadata: each gets a metadata-conflict diagnostic.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, fixtureUri, scenariosPerTest, waitForDiagnostics } from './helpers';

const hasConflict = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'metadata-conflict');

suite('Metadata conflicts between files of a folder', () => {
  const scenarios = scenariosPerTest();

  test('a file naming the folder differently gets a diagnostic, and so does the file whose name it contradicts', async () => {
    const uri = await scenarios.write(
      'renamed.portfolio.yaml',
      'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Another name\n  currency: EUR\n',
    );
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const [diagnostic] = (await waitForDiagnostics(uri, hasConflict, 'metadata-conflict in the new file')).filter(
      (d) => codeOf(d) === 'metadata-conflict',
    );
    assert.match(diagnostic!.message, /metadata\.name is "Another name" here, but "Harness fixture" in/);
    await waitForDiagnostics(fixtureUri('outcomes.portfolio.yaml'), hasConflict, 'metadata-conflict in the fixture');
    await scenarios.remove(uri);
    await waitForDiagnostics(fixtureUri('outcomes.portfolio.yaml'), (ds) => !hasConflict(ds), 'the conflict to go with the file');
  });
});
