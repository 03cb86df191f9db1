// A check that runs longer than a moment shows progress, ended when the check ends. The test makes
// every check "long" (delayMs = 0) instead of relying on how fast this machine is.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, removeScenario, restoreFixtures, waitUntil, writeScenario } from './helpers';

interface ProgressApi {
  checkProgress: { delayMs: number; shownCount: number; showing: Set<string> };
  service: { onDidCheck: vscode.Event<string>; onDidChangeChecking: vscode.Event<{ folder: string; checking: boolean }> };
}

suite('Progress of a long check', () => {
  let uri: vscode.Uri | undefined;
  let api: ProgressApi;
  let delay = 0;
  /** Folders being checked now: a check started before the test changed the delay keeps the old one. */
  const checking = new Set<string>();
  let subscription: vscode.Disposable | undefined;

  suiteSetup(async () => {
    api = (await activateExtension()).exports as ProgressApi;
    delay = api.checkProgress.delayMs;
    subscription = api.service.onDidChangeChecking(({ folder, checking: now }) => (now ? checking.add(folder) : checking.delete(folder)));
  });

  suiteTeardown(() => subscription?.dispose());

  /** Waits until no check runs, so that the next one starts under the delay the test sets. */
  const quiet = () => waitUntil(() => (checking.size === 0 ? true : undefined), 'the checks of earlier suites to end');

  teardown(async () => {
    api.checkProgress.delayMs = delay;
    await restoreFixtures();
    if (uri) await removeScenario(uri);
  });

  test('a check longer than the delay shows progress, and the progress ends with the check', async () => {
    await quiet();
    api.checkProgress.delayMs = 0;
    const before = api.checkProgress.shownCount;
    uri = await writeScenario(
      'progress.portfolio.yaml',
      'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n  - id: progress-1\n    title: Progress initiative\n    owner: Team\n    cost: 1k\n',
    );
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(6, 0), '    status: done\n')));
    await waitUntil(() => (api.checkProgress.shownCount > before ? true : undefined), 'progress to be shown for the check');
    await waitUntil(() => (api.checkProgress.showing.size === 0 ? true : undefined), 'the progress to end with the check');
  });

  test('checks shorter than the delay show no progress', async () => {
    await quiet();
    api.checkProgress.delayMs = 60_000;
    const before = api.checkProgress.shownCount;
    uri = await writeScenario(
      'quick.portfolio.yaml',
      'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n  - id: quick-1\n    title: Quick initiative\n    owner: Team\n    cost: 1k\n',
    );
    let checks = 0;
    const subscription = api.service.onDidCheck(() => checks++);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(6, 0), '    status: done\n')));
      await waitUntil(() => (checks > 0 && api.checkProgress.showing.size === 0 ? true : undefined), 'a check of the edited file');
    } finally {
      subscription.dispose();
    }
    assert.strictEqual(api.checkProgress.shownCount, before, 'no progress was shown');
  });
});
