// The engine's worker dies while the editor is open; the extension starts a new one, sends it the
// files again and says what happened. The worker is ended from outside by a command that exists
// only in test mode (src/extension/testCommands.ts). In Node hosts its exit is heard at once; in
// the browser a web worker dies without a word, and it is the request timeout that notices.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, openFixture, replaceText, restoreFixtures, waitForCodes, waitUntil } from './helpers';

const OUTCOMES = 'outcomes.portfolio.yaml';
const INITIATIVES = 'initiatives.portfolio.yaml';
const TERMINATE_ENGINE_WORKER = 'portfolioAlignment.test.terminateEngineWorker';

/** The parts of the extension's API (activate's return value) this test reads. */
interface Api {
  service: { engine: { state: string }; request(request: { type: 'ruleCatalog'; folder: string }): Promise<unknown> };
  statusBar: { item: vscode.StatusBarItem };
  engineNotices: { shown: readonly string[] };
}

/** Waits until the engine is in `state` (polling: no fixed sleep). */
function engineState(api: Api, state: string, timeoutMs = 60_000): Promise<true> {
  return waitUntil(
    () => (api.service.engine.state === state ? true : undefined),
    `the engine to be ${state} (it is ${api.service.engine.state})`,
    timeoutMs,
  );
}

/**
 * Puts the fixture's first text back and saves it. These tests wait long enough for an editor
 * with auto-save (VS Code for the web) to save an edit, and the suites after them read the disk.
 */
async function putBack(document: vscode.TextDocument, original: string): Promise<void> {
  if (document.getText() !== original) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), original);
    assert.ok(await vscode.workspace.applyEdit(edit), `could not put back ${document.uri.toString()}`);
  }
  await document.save();
}

function tooltipOf(item: vscode.StatusBarItem): string {
  const tooltip = item.tooltip;
  return typeof tooltip === 'string' ? tooltip : (tooltip?.value ?? '');
}

suite('Engine recovery', () => {
  let api: Api;

  suiteSetup(async () => {
    api = (await activateExtension()).exports as Api;
  });

  teardown(async () => {
    await restoreFixtures();
    // Never leave a stopped engine to the suites after this one.
    if (api.service.engine.state === 'stopped') await vscode.commands.executeCommand('portfolioAlignment.validateWorkspace');
  });

  test('when the engine worker dies, it is restarted: diagnostics follow the next edit, and the user is told once', async function () {
    this.timeout(180_000);
    await openFixture(OUTCOMES);
    const { document } = await openFixture(INITIATIVES);
    const original = document.getText();
    await waitForCodes(document.uri, ['unknown-outcome']);
    const toldBefore = api.engineNotices.shown.length;

    // Both hosts run the engine in a worker (a worker thread, or a web worker in the browser).
    const ended = await vscode.commands.executeCommand<boolean>(TERMINATE_ENGINE_WORKER);
    assert.strictEqual(ended, true, 'the engine has no worker to end: it runs on the extension host thread here');

    // The edit reaches a dead worker; a new one gets the files again and the fix shows.
    await replaceText(document, 'customer-retension', 'customer-retention');
    await waitForCodes(document.uri, [], 150_000);

    const told = await waitUntil(() => api.engineNotices.shown[toldBefore], 'the message about the restart', 30_000);
    assert.match(told, /the validation engine stopped \(.+\).* and was restarted; diagnostics are up to date again/);
    assert.match(told, /If it happens again/);
    assert.strictEqual(
      api.engineNotices.shown.length,
      toldBefore + 1,
      `one message, not: ${api.engineNotices.shown.slice(toldBefore).join(' | ')}`,
    );
    await waitUntil(
      () => (/aligned/.test(api.statusBar.item.text) ? true : undefined),
      `the status bar to show the score again (it shows "${api.statusBar.item.text}")`,
      30_000,
    );
    assert.match(tooltipOf(api.statusBar.item), /validation engine was restarted after it failed/);

    // And it goes on working: breaking the link again is reported.
    await replaceText(document, 'customer-retention]', 'customer-retension]');
    await waitForCodes(document.uri, ['unknown-outcome'], 60_000);
    await putBack(document, original);
  });

  test('a worker that keeps dying is given up on and says so; Validate Workspace starts it again', async function () {
    this.timeout(240_000);
    const { document } = await openFixture(INITIATIVES);
    const original = document.getText();
    await waitForCodes(document.uri, ['unknown-outcome']);
    const toldBefore = api.engineNotices.shown.length;
    // Three deaths within a minute stop it; the one of the test above may be the first of them.
    for (let death = 1; api.service.engine.state !== 'stopped'; death++) {
      assert.ok(death <= 3, `still ${api.service.engine.state} after three deaths`);
      await engineState(api, 'running');
      assert.strictEqual(await vscode.commands.executeCommand<boolean>(TERMINATE_ENGINE_WORKER), true, `death ${death}: no worker to end`);
      // A web worker's death is only noticed by a request that gets no answer.
      void api.service.request({ type: 'ruleCatalog', folder: '' }).catch(() => undefined);
      await waitUntil(() => (api.service.engine.state !== 'running' ? true : undefined), `death ${death} to be noticed`, 60_000);
    }
    assert.match(api.statusBar.item.text, /Alignment stopped/);
    assert.match(tooltipOf(api.statusBar.item), /failed 3 times within a minute/);
    const told = api.engineNotices.shown.slice(toldBefore);
    assert.strictEqual(told.length, 1, `one message: ${told.join(' | ')}`);
    assert.match(
      told[0] ?? '',
      /^Portfolio Alignment stopped validating: the validation engine failed 3 times within a minute .*Reload the window or choose Try Again/,
    );

    await vscode.commands.executeCommand('portfolioAlignment.validateWorkspace');
    await engineState(api, 'running', 5_000);
    await replaceText(document, 'customer-retension', 'customer-retention');
    await waitForCodes(document.uri, [], 60_000);
    await waitUntil(
      () => (/aligned/.test(api.statusBar.item.text) ? true : undefined),
      `the score in the status bar (it shows "${api.statusBar.item.text}")`,
      30_000,
    );
    await putBack(document, original);
    await waitForCodes(document.uri, ['unknown-outcome'], 60_000);
  });
});
