// The summary page in Chromium with the example portfolio: it shows what the engine computed,
// pages long tables, sends the right messages, keeps its state, and works by keyboard.
import * as assert from 'node:assert/strict';
import { formatMoney } from '../../src/core/model/money';
import { percent } from '../../src/core/summary/report/view';
import { Engine, examples, examplesEdited } from './fixtures';
import { chromiumPerSuite, closeChecked, openPanel, pageInfo, showSummary, unlinkedIds, type PanelPage } from './harness';

describe('summary page', () => {
  const chromium = chromiumPerSuite();
  let panel: PanelPage | undefined;
  const engine = new Engine(examples());
  // Whatever a test did, the page must not have broken its policy or logged an error.
  afterEach(async () => {
    await closeChecked(panel);
    panel = undefined;
  });

  it('asks the host for the summary once loaded, and says it is loading', async () => {
    panel = await openPanel(chromium.browser);
    assert.deepEqual(await panel.posted(), [{ type: 'ready' }]);
    assert.match(await panel.page.$eval('.status-line', (e) => e.textContent ?? ''), /Loading/);
  });

  it('shows the score and the unlinked spend the engine computed', async () => {
    panel = await openPanel(chromium.browser);
    const message = engine.message();
    const summary = message.summary;
    await showSummary(panel, message);
    const page = panel.page;
    assert.equal(await page.$eval('h1', (e) => e.textContent), summary.name);
    const score = await page.$eval('.card.score .card-value', (e) => e.textContent ?? '');
    assert.ok(score.startsWith(percent(summary.alignmentScore)), score);
    assert.ok(summary.alignmentScore !== null && summary.alignmentScore < 0.9);
    assert.match(await page.$eval('.card.score', (e) => e.className), /\b(fair|poor)\b/);
    // The unlinked list: the engine's items, largest first, with the reason and the amount.
    assert.ok(summary.unlinked.length > 0);
    assert.deepEqual(
      await unlinkedIds(page),
      summary.unlinked.map((u) => u.id),
    );
    const rows = await page.$$eval('table[data-table="unlinked"] tbody tr', (trs) =>
      trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells, (c) => c.textContent ?? '')),
    );
    rows.forEach((row, i) => {
      const item = summary.unlinked[i]!;
      assert.equal(row[1], item.title);
      assert.equal(row[3], formatMoney(item.spend, summary.currency));
      assert.equal(row[4], 'Link…');
    });
    assert.match(rows.find((_, i) => summary.unlinked[i]!.reason === 'unknown-outcome')?.[2] ?? '', /unknown outcome/);
    // And it tells the host what it shows, as the editor tests read it.
    assert.deepEqual((await panel.rendered()).at(-1), {
      type: 'rendered',
      score: percent(summary.alignmentScore),
      unlinked: summary.unlinked.map((u) => u.id),
    });
    // Every section of the summary is there, each with its chart or table.
    for (const id of ['practices', 'unlinked', 'outcomes', 'capabilities', 'categories', 'owners', 'goals', 'problems']) {
      assert.ok(await page.$(`section#${id}`), `section ${id}`);
    }
    assert.equal(await page.$$eval('svg', (svgs) => svgs.filter((s) => s.namespaceURI === 'http://www.w3.org/2000/svg').length), 3);
  });

  it('pages through the unlinked list with buttons that keep the focus', async () => {
    panel = await openPanel(chromium.browser);
    const message = engine.message({ pageSize: 2 });
    const all = message.summary.unlinked.map((u) => u.id);
    assert.ok(all.length > 4, 'the example needs more than two pages of unlinked spend');
    await showSummary(panel, message);
    const page = panel.page;
    assert.deepEqual(await unlinkedIds(page), all.slice(0, 2));
    assert.equal(await pageInfo(page, 'unlinked'), `Rows 1–2 of ${all.length}`);
    const next = 'table[data-table="unlinked"] ~ .pager button:text("Next")';
    await page.click(next);
    assert.deepEqual(await unlinkedIds(page), all.slice(2, 4));
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Next');
    // The keyboard: Enter on the focused button turns the page too.
    await page.keyboard.press('Enter');
    assert.deepEqual(await unlinkedIds(page), all.slice(4, 6));
    await page.click('table[data-table="unlinked"] ~ .pager button:text("Previous")');
    assert.deepEqual(await unlinkedIds(page), all.slice(2, 4));
    // The other tables keep their own page.
    assert.deepEqual(await page.$$eval('table[data-table="outcomes"] tbody tr', (r) => r.length), 2);
  });

  it('posts reveal, link, problems, scope, filter and export messages', async () => {
    panel = await openPanel(chromium.browser);
    const message = engine.message();
    const summary = message.summary;
    await showSummary(panel, message);
    const page = panel.page;
    const first = summary.unlinked[0]!;
    await page.click('table[data-table="unlinked"] tbody tr:first-child button.reveal');
    await page.click('table[data-table="unlinked"] tbody tr:first-child button.link-action');
    const goal = summary.goals[0]!;
    await page.click('table[data-table="goals"] tbody tr:first-child button.reveal');
    const rule = summary.problems.byRule[0]!.rule;
    await page.click('table[data-table="problems"] tbody tr:first-child button.rule-link');
    await page.check('#scope-file');
    const owner = [...message.owners].sort((a, b) => a.localeCompare(b))[1]!;
    await page.selectOption('#owner-filter', { label: owner });
    await page.selectOption('#status-filter', { label: 'approved' });
    await page.click('button[aria-label="Export HTML"]');
    await page.click('button[aria-label="Export CSV"]');
    await page.click('button[aria-label="Export Markdown"]');
    assert.deepEqual((await panel.posted()).slice(1), [
      { type: 'reveal', path: first.path, line: first.line },
      { type: 'link', path: first.path, initiative: first.id },
      { type: 'reveal', path: goal.path, line: goal.line },
      { type: 'showProblems', rule },
      { type: 'setScope', scope: 'file' },
      { type: 'setFilter', owner, status: null },
      { type: 'setFilter', owner, status: 'approved' },
      { type: 'export', format: 'html' },
      { type: 'export', format: 'csv' },
      { type: 'export', format: 'md' },
    ]);
    assert.match(await page.$eval('.status-line', (e) => e.textContent ?? ''), /Updating/);
  });

  it('shows the filters and scope the host applied, with choices from the summary', async () => {
    panel = await openPanel(chromium.browser);
    const unfiltered = engine.message();
    const owner = unfiltered.owners[0]!;
    const message = engine.message({ filters: { owner, status: null } });
    await showSummary(panel, message);
    const page = panel.page;
    assert.deepEqual(await page.$$eval('#owner-filter option', (o) => o.map((e) => e.textContent)), ['All owners', ...unfiltered.owners]);
    assert.equal(await page.$eval('#owner-filter', (s) => (s as HTMLSelectElement).selectedOptions[0]?.textContent), owner);
    assert.deepEqual(await page.$$eval('#status-filter option', (o) => o.map((e) => e.textContent)), [
      'All statuses',
      ...unfiltered.statuses,
    ]);
    assert.equal(await page.$eval('.filter-note', (e) => e.textContent), `Limited to owner ${owner}.`);
    assert.equal(await page.$eval('#scope-folder', (e) => (e as HTMLInputElement).checked), true);
    assert.equal(await page.$eval('label[for="scope-file"] .scope-name', (e) => e.textContent), 'acme-it.portfolio.yaml');
    const spend = message.summary.byOwner.find((o) => o.owner === owner)!.spend;
    assert.equal(await page.$eval('.card:nth-child(2) .card-detail', (e) => e.textContent), formatMoney(spend, message.summary.currency));
  });

  it('saves its state with setState, and comes back to it after a reload', async () => {
    panel = await openPanel(chromium.browser, { viewport: { width: 1000, height: 500 } });
    const message = engine.message({ pageSize: 2 });
    await showSummary(panel, message);
    await panel.page.click('table[data-table="unlinked"] ~ .pager button:text("Next")');
    await panel.page.evaluate(() => window.scrollTo(0, 700));
    await panel.page.waitForFunction(() => {
      const states = (window as unknown as { __harness: { states: Array<{ scrollY: number }> } }).__harness.states;
      return states.at(-1)?.scrollY === 700;
    });
    const saved = (await panel.states()).at(-1)!;
    assert.deepEqual(saved.pages, { unlinked: 1 });
    assert.equal(saved.folder, message.folder);
    assert.equal(saved.scope, 'folder');
    assert.deepEqual(saved.filters, { owner: null, status: null });
    await panel.close();

    // A window reload: a new page, with the state VS Code kept (the serializer reopens the same
    // folder and filters, so the host sends the same summary).
    panel = await openPanel(chromium.browser, { viewport: { width: 1000, height: 500 }, state: saved });
    await showSummary(panel, message);
    assert.deepEqual(
      await unlinkedIds(panel.page),
      message.summary.unlinked.slice(2, 4).map((u) => u.id),
    );
    assert.equal(await panel.page.evaluate(() => window.scrollY), 700);
  });

  it('ignores a state it cannot read', async () => {
    panel = await openPanel(chromium.browser, { state: { version: 99, pages: 'all' } });
    await showSummary(panel, engine.message());
    const saved = (await panel.states()).at(-1)!;
    assert.equal(saved.version, 1);
    assert.deepEqual(saved.pages, {});
  });

  it('follows a live update without losing scroll position, page or focus', async () => {
    panel = await openPanel(chromium.browser, { viewport: { width: 1000, height: 500 } });
    await showSummary(panel, engine.message({ pageSize: 2 }));
    const page = panel.page;
    await page.click('table[data-table="unlinked"] ~ .pager button:text("Next")');
    await page.evaluate(() => window.scrollTo(0, 600));
    const edited = new Engine(examplesEdited()).message({ pageSize: 2 });
    await showSummary(panel, edited);
    assert.equal(await page.evaluate(() => window.scrollY), 600);
    assert.equal(await pageInfo(page, 'unlinked'), `Rows 3–4 of ${edited.summary.unlinked.length}`);
    assert.deepEqual(
      await unlinkedIds(page),
      edited.summary.unlinked.slice(2, 4).map((u) => u.id),
    );
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Next');
    assert.ok(edited.summary.unlinked.some((u) => u.id === 'late-addition'));
  });

  it('ignores messages that are not valid', async () => {
    panel = await openPanel(chromium.browser);
    const message = engine.message();
    await showSummary(panel, message);
    const bad: Array<Record<string, unknown>> = [
      { type: 'summary' },
      { ...message, summary: { ...message.summary, totalSpend: 'a lot' } },
      { ...message, extra: true },
      { type: 'status', message: 42, busy: false },
      { type: 'evil', html: '<img src=x onerror=alert(1)>' },
    ];
    for (const m of bad) await panel.send(m);
    await panel.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    assert.equal(await panel.page.$eval('h1', (e) => e.textContent), message.summary.name);
    assert.equal(panel.seen.console.filter((m) => m.type === 'warning').length, bad.length);
    panel.seen.console = panel.seen.console.filter((m) => m.type !== 'warning');
  });

  it("shows the host's status while there is no summary", async () => {
    panel = await openPanel(chromium.browser);
    await panel.send({ type: 'status', message: 'Checking the portfolio…', busy: true });
    await panel.page.waitForFunction(() => document.querySelector('.status-line')?.textContent === 'Checking the portfolio…');
    assert.equal(await panel.page.$('main.report'), null);
  });

  it('can be used with the keyboard alone: labelled controls, tab order, visible focus', async () => {
    panel = await openPanel(chromium.browser);
    await showSummary(panel, engine.message());
    const page = panel.page;
    const order: string[] = [];
    for (let i = 0; i < 9; i++) {
      await page.keyboard.press('Tab');
      order.push(
        await page.evaluate(() => {
          const e = document.activeElement as HTMLElement;
          return e.id || e.getAttribute('aria-label') || e.textContent || e.tagName;
        }),
      );
    }
    // Radios are one tab stop; the report's first button follows the controls.
    assert.deepEqual(order.slice(0, 5), ['scope-folder', 'owner-filter', 'status-filter', 'Export Markdown', 'Export CSV']);
    assert.equal(order[5], 'Export HTML');
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    assert.notEqual(outline, 'none');
    // Every control has a label, every report action is a button.
    const unlabelled = await page.$$eval(
      'select, input',
      (controls) => controls.filter((c) => (c as HTMLInputElement).labels?.length === 0).length,
    );
    assert.equal(unlabelled, 0);
    assert.equal(await page.$$eval('[data-action]', (all) => all.filter((e) => e.tagName !== 'BUTTON').length), 0);
    // Arrow keys move between the scope radios, which posts the new scope.
    await page.focus('#scope-folder');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual((await panel.posted()).at(-1), { type: 'setScope', scope: 'file' });
  });
});
