// "Compare with…" in the summary page, in Chromium: the control says why it is off where there is
// no git, asks the host when on, and a comparison (computed by the real engine, as the host posts
// it) shows on the cards and as clickable lists of what was added and removed and what is new.
import * as assert from 'node:assert/strict';
import { comparisonOf } from '../../src/core/summary/report/compareView';
import type { SummaryMessage } from '../../src/webview/protocol';
import { Engine, examples, examplesEdited } from './fixtures';
import { artefact, chromiumPerSuite, closeChecked, openPanel, showSummary, type PanelPage } from './harness';

describe('summary page: compare with a git ref', () => {
  const chromium = chromiumPerSuite();
  let panel: PanelPage | undefined;
  // Now: examples/ with `late-addition` (EUR 5M, no outcome) typed in; the ref: examples/ as it is.
  const now = new Engine(examplesEdited());
  const atRef = examples().files;
  // Whatever a test did, the page must not have broken its policy or logged an error.
  afterEach(async () => {
    await closeChecked(panel);
    panel = undefined;
  });

  function compared(ref = 'main'): SummaryMessage {
    return { ...now.message(), compare: { available: true }, comparison: comparisonOf(now.compare(atRef), ref) };
  }

  it('says why Compare with… is off where there is no git, as text next to the disabled button', async () => {
    panel = await openPanel(chromium.browser);
    const reason = 'Compare with… needs the Git extension, which this editor does not have (VS Code for the web without a repository).';
    await showSummary(panel, { ...now.message(), compare: { available: false, reason } });
    const button = await panel.page.$eval('button.compare', (b) => ({
      disabled: (b as HTMLButtonElement).disabled,
      describedBy: b.getAttribute('aria-describedby'),
    }));
    assert.deepEqual(button, { disabled: true, describedBy: 'compare-note' });
    assert.equal(await panel.page.$eval('#compare-note', (e) => e.textContent), reason);
    assert.equal(await panel.page.$eval('button.clear-comparison', (b) => (b as HTMLButtonElement).hidden), true);
  });

  it('asks the host to compare when the button is pressed', async () => {
    panel = await openPanel(chromium.browser);
    await showSummary(panel, { ...now.message(), compare: { available: true } });
    await panel.page.click('button.compare');
    assert.deepEqual((await panel.posted()).slice(-1), [{ type: 'compare' }]);
  });

  it('shows the change on the cards and lists what was added and what is new, each opening its line', async () => {
    panel = await openPanel(chromium.browser);
    const message = compared();
    await showSummary(panel, message);
    const page = panel.page;
    // By hand: 5M of unlinked spend more, and the score's fall is aligned/total before and after.
    const before = new Engine(examples()).summary();
    const after = now.summary();
    assert.equal(after.unlinkedSpend - before.unlinkedSpend, 500_000_000);
    const points = (after.alignedSpend / after.totalSpend - before.alignedSpend / before.totalSpend) * 100;
    assert.ok(points < 0);
    const deltas = await page.$$eval('.card-delta', (cells) => cells.map((c) => c.textContent ?? ''));
    assert.ok(deltas.includes(`\u2212${Math.abs(points).toFixed(1)} pts since main`), deltas.join(' | '));
    assert.ok(deltas.includes('+EUR 5M since main'), deltas.join(' | '));
    assert.ok(deltas.includes('+EUR 5M unlinked since main'), deltas.join(' | '));
    assert.equal(await page.$eval('.card.score .card-delta', (e) => e.textContent), `\u2212${Math.abs(points).toFixed(1)} pts since main`);

    assert.equal(await page.$eval('.comparison h2', (e) => e.textContent), 'Changes since main');
    const added = await page.$$eval('[data-table="added-initiatives"] li', (items) => items.map((li) => li.textContent ?? ''));
    assert.deepEqual(added, ['late-addition Printer toner for the new office']);
    assert.equal(await page.$$eval('[data-table="removed-initiatives"]', (lists) => lists.length), 0);
    const findings = await page.$$eval('[data-table="new-findings"] li', (items) => items.map((li) => li.textContent ?? ''));
    assert.ok(
      findings.some((f) => /unlinked-spend/.test(f)),
      findings.join(' | '),
    );

    // Clicking the added initiative asks the host to open its line (the host checks the path).
    const row = message.summary.unlinked.find((u) => u.id === 'late-addition');
    assert.ok(row);
    await page.click('[data-table="added-initiatives"] button.reveal');
    assert.deepEqual((await panel.posted()).slice(-1), [{ type: 'reveal', path: row.path, line: row.line }]);
    // And the control says what it compares with, with a way back.
    assert.equal(await page.$eval('#compare-note', (e) => e.textContent), 'Comparing with main');
    await page.screenshot({ path: artefact('compare-dark.png'), fullPage: false });
    await page.click('button.clear-comparison');
    assert.deepEqual((await panel.posted()).slice(-1), [{ type: 'clearComparison' }]);
  });

  it('lists an initiative removed since the ref, opening the file it was in', async () => {
    panel = await openPanel(chromium.browser);
    const reversed = new Engine(examples());
    const comparison = comparisonOf(reversed.compare(examplesEdited().files), 'v1.0');
    await showSummary(panel, { ...reversed.message(), compare: { available: true }, comparison });
    const removed = await panel.page.$$eval('[data-table="removed-initiatives"] li', (items) => items.map((li) => li.textContent ?? ''));
    assert.deepEqual(removed, ['late-addition Printer toner for the new office']);
    assert.ok(await panel.page.$('[data-table="removed-initiatives"] button.reveal'));
    assert.ok((await panel.page.$$eval('.card-delta', (c) => c.map((e) => e.textContent))).includes('\u2212EUR 5M unlinked since v1.0'));
  });

  it('refuses a comparison that is not well formed, and keeps the summary it shows', async () => {
    panel = await openPanel(chromium.browser);
    await showSummary(panel, now.message());
    const bad = compared();
    await panel.send({ ...bad, comparison: { ...bad.comparison, added: [{ id: 'x', title: 'x', path: 'file:///x', line: 0 }] } });
    const seen = panel.seen;
    while (!seen.console.some((m) => m.type === 'warning' && /ignored a message/.test(m.text)))
      await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(await panel.page.$$eval('.comparison', (s) => s.length), 0);
    assert.ok(await panel.page.$('.card.score'));
  });
});
