// 10,000 initiatives: the page renders one page of each long table and moves through the
// unlinked list. Nothing here measures time; the bench is for that.
import * as assert from 'node:assert/strict';
import { Engine, large } from './fixtures';
import { chromiumPerSuite, openPanel, pageInfo, showSummary, troubles, unlinkedIds, violations } from './harness';

describe('large portfolio', () => {
  const chromium = chromiumPerSuite();

  it('renders 10,000 initiatives a page at a time and pages through the unlinked list', async () => {
    const engine = new Engine(large(10_000));
    const message = engine.message();
    const summary = message.summary;
    assert.equal(summary.counts.initiatives, 10_000);
    const unlinked = summary.unlinked.map((u) => u.id);
    assert.ok(unlinked.length > 3000);
    const panel = await openPanel(chromium.browser);
    await showSummary(panel, message);
    const page = panel.page;
    // Only a page of rows is in the document, whatever the size of the portfolio.
    assert.ok((await page.$$eval('tbody tr', (rows) => rows.length)) <= 6 * 50);
    assert.deepEqual(await unlinkedIds(page), unlinked.slice(0, 50));
    const next = 'table[data-table="unlinked"] ~ .pager button:text("Next")';
    for (let i = 1; i <= 3; i++) await page.click(next);
    assert.deepEqual(await unlinkedIds(page), unlinked.slice(150, 200));
    assert.equal(await pageInfo(page, 'unlinked'), `Rows 151–200 of ${unlinked.length}`);
    // Keyboard paging works at this size too.
    await page.keyboard.press('Enter');
    assert.deepEqual(await unlinkedIds(page), unlinked.slice(200, 250));
    // An update of the whole summary keeps the page.
    await showSummary(panel, message);
    assert.deepEqual(await unlinkedIds(page), unlinked.slice(200, 250));
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(troubles(panel.seen), []);
    await panel.close();
  });
});
