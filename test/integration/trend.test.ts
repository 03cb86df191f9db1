// The summary panel's Trend in the real editor. In code-server the test workspace is a git
// repository with one commit (`baseline`, scripts/run-code-server-tests.js); this test adds two
// commits through the git extension's own API (a scenario file added, then changed), so the trend
// of the folder's current portfolio files has 3 points, read through vscode.git and checked by the
// engine, and the page draws 3. Where there is no git extension (VS Code for the web) the section
// says why instead.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { HostMessage, TrendMessage } from '../../src/webview/protocol';
import { activateExtension, openFixture, removeScenario, restoreFixtures, waitUntil, writeScenario } from './helpers';

interface Panel {
  panel: vscode.WebviewPanel;
  readonly lastPosted: HostMessage | undefined;
  receive(message: unknown): Promise<void>;
  testProbe?: { lastRendered: { trendPoints?: number } | undefined; onDidPost: vscode.Event<HostMessage> };
}

/** The parts of the git extension's API (version 1) this test drives. */
interface TestRepository {
  setConfig(key: string, value: string): Promise<string>;
  add(paths: string[]): Promise<void>;
  commit(message: string): Promise<void>;
}

const scenario = (cost: string) =>
  [
    'apiVersion: portfolio/v1',
    'kind: Portfolio',
    'metadata:',
    '  name: Harness fixture',
    '  currency: EUR',
    'initiatives:',
    '  - id: trend-probe',
    '    title: Trend probe',
    '    category: run',
    `    cost: ${cost}`,
    '',
  ].join('\n');

suite('Summary panel: Trend', () => {
  let panel: Panel | undefined;
  let file: vscode.Uri | undefined;

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    panel?.panel.dispose();
    panel = undefined;
    if (file) await removeScenario(file);
    file = undefined;
    await restoreFixtures();
  });

  test('draws one point per commit of the portfolio files (3 commits), or says why it cannot', async () => {
    await openFixture('initiatives.portfolio.yaml');
    panel = await vscode.commands.executeCommand<Panel>('portfolioAlignment.showSummary');
    assert.ok(panel.testProbe, 'under the in-editor tests the panel has a test probe');
    const trends: TrendMessage[] = [];
    panel.testProbe.onDidPost((message) => {
      if (message.type === 'trend') trends.push(message);
    });
    const finished = (what: string) => waitUntil(() => trends.find((m) => m.status !== 'loading'), what, 60_000);
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const git = vscode.extensions.getExtension<{ getAPI(v: 1): { getRepository(uri: vscode.Uri): TestRepository | null } }>('vscode.git');
    await waitUntil(() => (panel!.lastPosted?.type === 'summary' ? true : undefined), 'the first summary');
    if (!git) {
      await panel.receive({ type: 'showTrend' });
      const done = await finished('the trend saying why it is unavailable');
      assert.strictEqual(done.status, 'unavailable');
      assert.match(done.message, /git history, which is not available here/);
      return;
    }
    const api = (git.isActive ? git.exports : await git.activate()).getAPI(1);
    const repository = await waitUntil(() => api.getRepository(folder) ?? undefined, 'the git extension to open the workspace repository');
    await repository.setConfig('user.name', 'Portfolio Tests');
    await repository.setConfig('user.email', 'tests@example.invalid');
    await repository.setConfig('commit.gpgsign', 'false');
    file = await writeScenario('trend.portfolio.yaml', scenario('100k'));
    await repository.add([file.fsPath]);
    await repository.commit('trend: add a probe');
    await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(scenario('300k')));
    await repository.add([file.fsPath]);
    await repository.commit('trend: the probe costs more');
    // The engine knows the new file once the summary lists its unlinked initiative.
    await waitUntil(
      () =>
        panel!.lastPosted?.type === 'summary' && panel!.lastPosted.summary.unlinked.some((u) => u.id === 'trend-probe') ? true : undefined,
      'a summary with the scenario file',
    );

    await panel.receive({ type: 'showTrend' });
    const done = await finished('the trend');
    assert.ok(trends[0]?.status === 'loading', 'progress is posted first');
    assert.strictEqual(done.status, 'ready', done.message);
    const points = done.points ?? [];
    assert.deepStrictEqual(
      points.map((p) => p.label),
      ['baseline', 'trend: add a probe', 'trend: the probe costs more'],
    );
    // By hand: the probe adds EUR 100k (10,000,000 cents) unlinked, then EUR 200k more.
    assert.strictEqual(points[1]!.totalSpend - points[0]!.totalSpend, 10_000_000);
    assert.strictEqual(points[2]!.unlinkedSpend - points[1]!.unlinkedSpend, 20_000_000);
    assert.ok(points[2]!.alignmentScore! < points[0]!.alignmentScore!, 'the score fell as unlinked spend grew');
    // The page drew them: 3 dots on the score chart.
    await waitUntil(() => (panel!.testProbe!.lastRendered?.trendPoints === 3 ? true : undefined), 'the page to draw 3 points');
  });
});
