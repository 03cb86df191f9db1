// The trend chart in Chromium: the history report (`portfolio-align history --format html`, the
// same formatter the CLI runs) and the summary panel's Trend section, both SVG built from the view
// tree: the expected number of points, the figures in a table, no policy violation, and
// screenshots at 400 and 1000 px in a light and a dark theme (test-artefacts/trend-*.png).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import type { Summary } from '../../src/core/summary/summarize';
import { percent } from '../../src/core/summary/report/view';
import { trendPointOf } from '../../src/core/summary/report/trendView';
import { formatHistoryHtml } from '../../src/cli/format/history';
import { Engine, examples, examplesEdited } from './fixtures';
import { artefact, launchChromium, openPanel, showSummary, troubles, violations, watch, type PanelPage } from './harness';

describe('trend chart', () => {
  let browser: Browser;
  const first = new Engine(examples()).summary();
  const edited = new Engine(examplesEdited()).summary();
  // Five points a month apart: the examples, then with a large unlinked initiative added.
  const summaries: Summary[] = [first, first, edited, edited, first];
  const points = summaries.map((summary, i) => ({
    commit: `${i}`.repeat(40),
    date: `2027-0${i + 1}-15T12:00:00Z`,
    summary,
  }));

  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    for (const width of [400, 1000]) {
      it(`draws the history report's chart with one dot per point (${scheme}, ${width} px)`, async () => {
        const file = artefact('trend-history.html');
        fs.writeFileSync(file, formatHistoryHtml(points));
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: scheme });
        await context.setOffline(true);
        const page = await context.newPage();
        const seen = await watch(page);
        await page.goto(pathToFileURL(file).href);
        assert.deepEqual(await page.$$eval('svg.trend-chart', (s) => s.map((e) => e.getAttribute('role'))), ['img', 'img']);
        assert.equal(await page.$$eval('svg .trend-dot.score', (d) => d.length), 5);
        assert.equal(await page.$$eval('svg .trend-dot.unlinked', (d) => d.length), 5);
        const label = await page.$eval('svg.trend-chart', (s) => s.getAttribute('aria-label') ?? '');
        assert.match(
          label,
          new RegExp(`5 points from 2027-01-15 to 2027-05-15: ${percent(first.alignmentScore).replace('.', '\\.')} at first`),
        );
        // The table has the numbers, oldest first.
        assert.deepEqual(
          await page.$$eval('table.history-table tbody tr td:nth-child(3)', (c) => c.map((e) => e.textContent)),
          summaries.map((s) => percent(s.alignmentScore)),
        );
        // The stylesheet applied (the policy's hash matched): lines have no fill, the theme's stroke.
        assert.equal(await page.$eval('.trend-line.score', (e) => getComputedStyle(e).fill), 'none');
        assert.notEqual(await page.$eval('.trend-line.score', (e) => getComputedStyle(e).stroke), 'none');
        await page.screenshot({ path: artefact(`trend-report-${scheme}-${width}.png`), fullPage: true });
        assert.deepEqual(await violations(page), []);
        assert.deepEqual(troubles(seen), []);
        await context.close();
      });
    }
  }

  describe('in the summary panel', () => {
    let panel: PanelPage | undefined;
    const engine = new Engine(examples());
    const trendPoints = points.map((p) => trendPointOf(p.commit, p.date, p.summary, `commit <img src=x onerror=alert(1)> ${p.date}`));

    afterEach(async () => {
      if (panel) {
        assert.deepEqual(await violations(panel.page), []);
        assert.deepEqual(troubles(panel.seen), []);
        assert.deepEqual(panel.seen.refused, []);
        assert.deepEqual(panel.seen.dialogs, []);
        await panel.close();
      }
      panel = undefined;
    });

    it('asks the host for the trend on "Show trend", says it is loading, then draws the points and their table', async () => {
      panel = await openPanel(browser, { theme: 'dark' });
      const message = { ...engine.message(), compare: { available: true } };
      await showSummary(panel, message);
      assert.equal(await panel.page.$eval('#trend button.trend-load', (b) => b.textContent), 'Show trend');
      await panel.page.click('#trend button.trend-load');
      assert.deepEqual((await panel.posted()).slice(-1), [{ type: 'showTrend' }]);
      assert.equal(await panel.page.$eval('#trend [role="status"]', (e) => e.textContent), 'Reading the git history…');
      await panel.send({ type: 'trend', folder: message.folder, status: 'loading', message: 'Reading commit 2 of 5…' });
      await panel.page.waitForFunction(() => document.querySelector('#trend [role="status"]')?.textContent === 'Reading commit 2 of 5…');
      await panel.send({ type: 'trend', folder: message.folder, status: 'ready', message: 'The 5 commits…', points: trendPoints });
      await panel.page.waitForSelector('#trend svg.trend-chart');
      assert.equal(await panel.page.$$eval('#trend .trend-dot.score', (d) => d.length), 5);
      assert.equal(await panel.page.$$eval('#trend .trend-dot.total', (d) => d.length), 5);
      // The table for screen readers: hidden from sight, with every point; the subject stays text.
      const rows = await panel.page.$$eval('#trend table.trend-table tbody tr', (r) => r.map((e) => e.textContent ?? ''));
      assert.equal(rows.length, 5);
      assert.ok(rows[0]!.includes(percent(first.alignmentScore)), rows[0]);
      assert.ok(rows[0]!.includes('commit <img src=x onerror=alert(1)>'), rows[0]);
      assert.equal(await panel.page.$$eval('#trend img', (i) => i.length), 0);
      assert.equal(await panel.page.$eval('#trend .visually-hidden', (e) => e.getBoundingClientRect().width), 1);
      const last = (await panel.rendered()).at(-1);
      assert.equal(last?.trendPoints, 5);
      // A summary update (an edit) keeps the trend drawn.
      await showSummary(panel, message);
      assert.equal(await panel.page.$$eval('#trend .trend-dot.score', (d) => d.length), 5);
    });

    it('ignores a trend of another folder, and a malformed one', async () => {
      panel = await openPanel(browser);
      const message = { ...engine.message(), compare: { available: true } };
      await showSummary(panel, message);
      await panel.send({ type: 'trend', folder: 'file:///elsewhere', status: 'ready', message: 'x', points: trendPoints });
      await panel.send({ type: 'trend', folder: message.folder, status: 'ready', message: 'x', points: [{ commit: 1 }] });
      await panel.page.waitForFunction(() => performance.now() > 0);
      assert.equal(await panel.page.$$eval('#trend svg', (s) => s.length), 0);
      assert.equal(await panel.page.$eval('#trend button.trend-load', (b) => b.textContent), 'Show trend');
      panel.seen.console.splice(0); // The page warns about the malformed message, as it should.
    });

    it('says why where there is no git, before anything is asked', async () => {
      panel = await openPanel(browser);
      const reason = 'Compare with… needs the Git extension, which this editor does not have (VS Code for the web without a repository).';
      await showSummary(panel, { ...engine.message(), compare: { available: false, reason } });
      assert.equal(await panel.page.$$eval('#trend button', (b) => b.length), 0);
      assert.match(
        await panel.page.$eval('#trend .note', (e) => e.textContent ?? ''),
        /git history, which is not available here\. Compare with… needs the Git extension/,
      );
    });

    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      for (const width of [400, 1000]) {
        it(`screenshot of the panel's trend (${theme}, ${width} px)`, async () => {
          panel = await openPanel(browser, { theme, viewport: { width, height: 900 } });
          const message = { ...engine.message(), compare: { available: true } };
          await showSummary(panel, message);
          await panel.send({
            type: 'trend',
            folder: message.folder,
            status: 'ready',
            message: 'The 5 commits that changed this folder’s portfolio files, oldest first.',
            points: trendPoints,
          });
          await panel.page.waitForSelector('#trend svg.trend-chart');
          const section = await panel.page.$('#trend');
          await section!.screenshot({ path: artefact(`trend-panel-${theme}-${width}.png`) });
        });
      }
    }
  });
});
