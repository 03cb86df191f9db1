// The summary panel's "Compare with…" in the real editor. In code-server the test workspace is a
// git repository (scripts/run-code-server-tests.js): the commit tagged `baseline` also holds
// legacy.portfolio.yaml (legacy-fax, EUR 100k with no outcome), deleted since. Where there is no
// git extension (VS Code for the web) or no repository, the control says why instead.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { Comparison } from '../../src/core/summary/report/compareView';
import { NO_GIT_REASON } from '../../src/extension/gitBase';
import type { HostMessage, SummaryMessage } from '../../src/webview/protocol';
import { activateExtension, openFixture, restoreFixtures, waitForCodes, waitUntil } from './helpers';

interface Panel {
  panel: vscode.WebviewPanel;
  readonly lastPosted: HostMessage | undefined;
  receive(message: unknown): Promise<void>;
}

function summaryPosted(panel: Panel, want: (m: SummaryMessage) => boolean, what: string): Promise<SummaryMessage> {
  return waitUntil(() => {
    const last = panel.lastPosted;
    return last?.type === 'summary' && want(last) ? last : undefined;
  }, what);
}

async function isRepository(folder: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder, '.git'));
    return true;
  } catch {
    return false;
  }
}

suite('Summary panel: Compare with…', () => {
  let panel: Panel | undefined;

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    panel?.panel.dispose();
    panel = undefined;
    await restoreFixtures();
  });

  test("compares with a git tag: the deleted file's unlinked spend is gone and the score rose; or it says why it cannot", async () => {
    const { document } = await openFixture('initiatives.portfolio.yaml');
    await waitForCodes(document.uri, ['unknown-outcome']);
    panel = await vscode.commands.executeCommand<Panel>('portfolioAlignment.showSummary');
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const first = await summaryPosted(panel, (m) => m.compare !== undefined, 'a summary that says whether Compare with… works');
    if (!vscode.extensions.getExtension('vscode.git')) {
      assert.deepStrictEqual(first.compare, { available: false, reason: NO_GIT_REASON });
      return;
    }
    if (!(await isRepository(folder))) {
      assert.strictEqual(first.compare?.available, false);
      assert.match(first.compare?.reason ?? '', /not in a git repository/);
      return;
    }
    // The git extension may still be opening the repository when the panel first asks: the
    // compare asks again.
    await panel.receive({ type: 'compare', ref: 'baseline' });
    const compared = await summaryPosted(
      panel,
      (m) => m.comparison !== undefined,
      `the comparison with baseline (first: ${JSON.stringify(first.compare)})`,
    );
    assert.deepStrictEqual(compared.compare, { available: true });
    const comparison = compared.comparison as Comparison;
    // By hand: at baseline 180k of 700k was linked (25.71%), now 180k of 600k (30.00%): +4.29 points;
    // EUR 100k (10,000,000 cents) less in total and unlinked; legacy-fax removed, its file gone.
    assert.strictEqual(comparison.ref, 'baseline');
    assert.strictEqual(comparison.delta.totalSpend, -10_000_000);
    assert.strictEqual(comparison.delta.unlinkedSpend, -10_000_000);
    assert.ok(Math.abs((comparison.delta.alignmentScore ?? 0) - (0.3 - 180 / 700)) < 1e-9, String(comparison.delta.alignmentScore));
    assert.deepStrictEqual(comparison.removed, [{ id: 'legacy-fax', title: 'Fax server maintenance', path: null, line: null }]);
    assert.deepStrictEqual(comparison.added, []);
    assert.deepStrictEqual(comparison.newFindings, []);
    assert.ok(comparison.fixedFindings >= 1, "legacy-fax's unlinked spend finding is fixed");
    await panel.receive({ type: 'clearComparison' });
    await summaryPosted(panel, (m) => m.comparison === undefined, 'the summary without the comparison');
  });
});
