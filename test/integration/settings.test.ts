// Settings change what is reported: a severity override, and the size above which files are not
// validated as you type.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  codeOf,
  openFixture,
  removeScenario,
  restoreFixtures,
  setSetting,
  waitForCodes,
  waitForDiagnostics,
  waitUntil,
  writeScenario,
} from './helpers';

suite('Settings', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await setSetting('rules', undefined);
    await setSetting('maxFileSize', undefined);
    await restoreFixtures();
  });

  test("portfolioAlignment.rules changes a rule's severity", async () => {
    await openFixture('outcomes.portfolio.yaml');
    const { document } = await openFixture('initiatives.portfolio.yaml');
    const [before] = await waitForCodes(document.uri, ['unknown-outcome']);
    assert.strictEqual(before!.severity, vscode.DiagnosticSeverity.Error);
    await setSetting('rules', { 'unknown-outcome': 'warning' });
    await waitForDiagnostics(
      document.uri,
      (ds) => ds.length === 1 && ds[0]!.severity === vscode.DiagnosticSeverity.Warning,
      'unknown-outcome as a warning',
    );
    await setSetting('rules', { 'unknown-outcome': 'off' });
    await waitForCodes(document.uri, []);
  });

  test('a file above portfolioAlignment.maxFileSize gets one info diagnostic instead of validation', async () => {
    const big = `apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Harness fixture\n  currency: EUR\n# ${'padding '.repeat(300)}\ninitiatives:\n  - id: big-one\n    title: Unlinked on purpose\n    cost: 1M\n`;
    const uri = await writeScenario('big.portfolio.yaml', big);
    try {
      await setSetting('maxFileSize', 2048);
      await vscode.window.showTextDocument(uri);
      const tooLarge = await waitUntil(
        () => vscode.languages.getDiagnostics(uri).find((d) => codeOf(d) === 'file-too-large'),
        'the file-too-large diagnostic',
      );
      assert.strictEqual(tooLarge.severity, vscode.DiagnosticSeverity.Information);
      assert.match(
        tooLarge.message,
        /This file is \d+\.\d KB, above portfolioAlignment\.maxFileSize \(2\.0 KB\).*"portfolio-align check big\.portfolio\.yaml"/,
      );
      assert.deepStrictEqual(vscode.languages.getDiagnostics(uri).map(codeOf), ['file-too-large'], 'the file is not validated');
    } finally {
      await removeScenario(uri);
    }
  });
});
