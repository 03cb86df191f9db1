// A file with more findings than VS Code keeps per file (1,000): the extension chooses what is
// shown, so that a finding typed far down the file is among the diagnostics, and one notice at the
// top says how many more there are.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describeDiagnostic, scenariosPerTest, waitForDiagnostics } from './helpers';

/** Polls an async check until it gives a value; fails after `timeoutMs`. */
async function waitUntil<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const INITIATIVES = 1200;

/** 1,200 initiatives with no owner: 1,200 missing-owner warnings under the partner model. */
function bulkPortfolio(): string {
  let text =
    'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Harness fixture\n  currency: EUR\n  relationshipModel: partner\n  brm: Dana Whitfield\ninitiatives:\n';
  for (let i = 0; i < INITIATIVES; i++) {
    text += `  - id: bulk-${i}\n    title: Bulk initiative ${i}\n    category: run\n    type: application\n    outcomes: [faster-invoicing]\n    cost: 1k\n`;
  }
  return text;
}

/** `n` initiatives with no outcome: each has two lenses (its unlinked spend, and "Link…"). */
function unlinkedPortfolio(n: number): string {
  let text = 'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n';
  for (let i = 0; i < n; i++) text += `  - id: lens-${i}\n    title: Lens initiative ${i}\n    owner: Team\n    cost: 1k\n`;
  return text;
}

/** Every diagnostic in the file, the notice included (it has no rule id). */
function allDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Portfolio Alignment');
}

suite('A file with more than 1,000 findings', () => {
  const scenarios = scenariosPerTest();

  test('a finding typed far down is shown, within the limit, with a notice of how many more', async () => {
    const uri = await scenarios.write('bulk.portfolio.yaml', bulkPortfolio());
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    const hasNotice = (ds: vscode.Diagnostic[]) => ds.some((d) => codeOf(d) === 'more-findings');
    await waitForDiagnostics(uri, () => hasNotice(allDiagnostics(uri)), 'the "more findings" notice');

    // An overrun on the last initiative: a warning after 1,200 others, which VS Code's own cut
    // (errors, then warnings, in file order) would drop.
    const last = editor.document.lineCount - 2; // "    cost: 1k" of the last initiative
    assert.match(editor.document.lineAt(last).text, /cost: 1k/);
    assert.ok(await editor.edit((edit) => edit.insert(editor.document.lineAt(last).range.end, '\n    actualCost: 900k')));
    await waitForDiagnostics(
      uri,
      () => allDiagnostics(uri).some((d) => codeOf(d) === 'cost-overrun'),
      'the typed cost-overrun among the diagnostics',
    );

    const shown = allDiagnostics(uri);
    assert.ok(shown.length <= 1000, `${shown.length} diagnostics published: VS Code would cut them itself`);
    const typed = shown.find((d) => codeOf(d) === 'cost-overrun')!;
    assert.strictEqual(typed.range.start.line, last + 1, describeDiagnostic(typed));
    const notice = shown.find((d) => codeOf(d) === 'more-findings');
    assert.ok(notice, 'the notice is published');
    assert.strictEqual(notice.range.start.line, 0, 'the notice is at the top of the file');
    assert.match(notice.message, /^\d[\d,]* more findings .* not shown here/);
    assert.match(notice.message, /portfolio-align check bulk\.portfolio\.yaml/);
  });

  test('a file with many lenses gets a bounded number, near the visible lines', async () => {
    const uri = await scenarios.write('lenses.portfolio.yaml', unlinkedPortfolio(600));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    const lenses = await waitUntil(async () => {
      const found = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      return found && found.length > 0 ? found : undefined;
    }, 'the lenses of the file');
    assert.ok(lenses.length <= 200, `${lenses.length} lenses: expected at most 200 of the 1,200`);
    assert.ok(
      lenses.every((lens) => lens.range.start.line < 400),
      'the lenses are near the top, where the editor is',
    );
  });
});
