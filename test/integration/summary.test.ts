// The alignment summary panel in the real editor: the command opens it, the page shows what the
// engine computed, it follows an edit, and its reveal messages open the right line (and only
// lines of the folder's portfolio files).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { HostMessageSchema } from '../../src/webview/protocol';
import { activateExtension, openFixture, rangeOf, replaceText, restoreFixtures, waitForCodes, waitUntil } from './helpers';

interface Rendered {
  score: string;
  unlinked: string[];
}

/** The parts of the panel the tests use (src/webview/summary/panel.ts, testProbe.ts). */
interface Panel {
  panel: vscode.WebviewPanel;
  testProbe?: { lastRendered: Rendered | undefined };
  receive(message: unknown): Promise<void>;
}

async function rendered(panel: Panel, want: (r: Rendered) => boolean, what: string): Promise<Rendered> {
  try {
    assert.ok(panel.testProbe, 'under the in-editor tests the panel has a test probe');
    return await waitUntil(
      () => (panel.testProbe?.lastRendered && want(panel.testProbe.lastRendered) ? panel.testProbe.lastRendered : undefined),
      `the page to show ${what}`,
    );
  } catch (error) {
    const posted = (panel as unknown as { lastPosted?: unknown }).lastPosted;
    const check = HostMessageSchema.safeParse(posted);
    throw new Error(
      `${(error as Error).message}; it shows ${JSON.stringify(panel.testProbe?.lastRendered)}; last posted ${JSON.stringify(posted)?.slice(0, 300)}; valid: ${check.success ? 'yes' : JSON.stringify(check.error.issues).slice(0, 500)}`,
    );
  }
}

suite('Summary panel', () => {
  let panel: Panel | undefined;

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    panel?.panel.dispose();
    panel = undefined;
    await restoreFixtures();
  });

  test('opens from the command and shows the score and unlinked spend the engine computed, then follows an edit', async () => {
    await openFixture('outcomes.portfolio.yaml');
    const { document } = await openFixture('initiatives.portfolio.yaml');
    await waitForCodes(document.uri, ['unknown-outcome']);
    panel = await vscode.commands.executeCommand<Panel>('portfolioAlignment.showSummary');
    assert.ok(panel, 'the command returns the panel');
    assert.strictEqual(panel.panel.viewType, 'portfolioAlignment.summary');
    // 180k of 600k linked: crm-renewal's link has a typo, so its 420k is unlinked.
    const first = await rendered(panel, (r) => r.score === '30.0%', 'a 30.0% score');
    assert.deepStrictEqual(first.unlinked, ['crm-renewal']);
    await replaceText(document, 'customer-retension', 'customer-retention');
    const after = await rendered(panel, (r) => r.score === '100.0%', 'a 100.0% score after the fix');
    assert.deepStrictEqual(after.unlinked, []);
  });

  test('a reveal message opens the file at the line; a path outside the folder is refused', async () => {
    const { document } = await openFixture('initiatives.portfolio.yaml');
    await waitForCodes(document.uri, ['unknown-outcome']);
    panel = await vscode.commands.executeCommand<Panel>('portfolioAlignment.showSummary');
    await rendered(panel, () => true, 'anything');
    const outcomes = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'outcomes.portfolio.yaml');
    const target = await vscode.workspace.openTextDocument(outcomes);
    const line = rangeOf(target, 'customer-retention').start.line + 1;
    await panel.receive({ type: 'reveal', path: outcomes.toString(), line });
    const editor = await waitUntil(() => {
      const active = vscode.window.activeTextEditor;
      return active?.document.uri.toString() === outcomes.toString() ? active : undefined;
    }, 'the outcomes file to be revealed');
    assert.strictEqual(editor.selection.active.line, line - 1);
    const before = vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).sort();
    const outside = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, '.vscode', 'settings.json');
    await panel.receive({ type: 'reveal', path: outside.toString(), line: 1 });
    assert.deepStrictEqual(
      vscode.window.visibleTextEditors.map((e) => e.document.uri.toString()).sort(),
      before,
      'nothing else was opened',
    );
    await panel.receive({ type: 'reveal', path: outcomes.toString(), line: 'not a number' });
    assert.strictEqual(vscode.window.activeTextEditor?.document.uri.toString(), outcomes.toString(), 'a malformed message changes nothing');
  });
});
