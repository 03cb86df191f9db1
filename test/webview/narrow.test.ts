// The panel beside the editor is narrow (about 660 px, down to 400): words in its tables and
// cards must not be cut inside ("Outcom e"), only wrapped at spaces and hyphens, and neither the
// page nor a table may scroll sideways: wide tables show their rows as stacked cards instead. The
// exported HTML report shares the view and the stylesheet, so it is held to the same. Screenshots
// at each width, in a light and a dark theme, go to test-artefacts/ for people to look at.
import * as assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { Engine, examples, hostile } from './fixtures';
import { artefact, chromiumPerSuite, openPanel, reportPerSuite, showSummary, troubles } from './harness';
import type { ThemeName } from './themes';

const WIDTHS = [400, 660, 1000];
const THEME_NAMES: ThemeName[] = ['dark', 'light'];
/** Where each kind of table turns into stacked rows (media/summary.css). */
const STACKS_BELOW = { 'stack-medium': 760, 'stack-narrow': 520 };

/** Words (split at spaces and after hyphens) of tables and cards that are drawn on more than one line. */
function wordsCutInside(): string[] {
  const cut: string[] = [];
  for (const element of document.querySelectorAll('table.data th, table.data td, .card-label, .card-value, .card-detail, .facts')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const word = /[^\s-]+-?/g;
      for (let match = word.exec(text); match; match = word.exec(text)) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        // A word wider than its whole cell may be cut: there is no other way to show it.
        const box = (node.parentElement ?? element).getBoundingClientRect();
        if (lines.size > 1 && range.getBoundingClientRect().width < box.width) cut.push(match[0]);
      }
    }
  }
  return cut;
}

/** Dates (2027-06-30) drawn on more than one line: they wrap at no hyphen. */
function datesOnTwoLines(): string[] {
  return [...document.querySelectorAll('.date')]
    .filter((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.top))).size > 1)
    .map((e) => e.textContent ?? '');
}

/** What scrolls sideways: the page itself, or a table inside its wrapper. */
function sidewaysScroll(): string[] {
  const out: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth) out.push(`page by ${root.scrollWidth - root.clientWidth}px`);
  for (const wrap of document.querySelectorAll('.table-wrap'))
    if (wrap.scrollWidth > wrap.clientWidth)
      out.push(`${wrap.querySelector('table')?.dataset.table} by ${wrap.scrollWidth - wrap.clientWidth}px`);
  return out;
}

/** The tables shown as stacked rows (their rows laid out as grids of cells, not table rows). */
function stackedTables(): string[] {
  return [...document.querySelectorAll<HTMLTableElement>('table.data')]
    .filter((t) => getComputedStyle(t.querySelector('tbody tr')!).display !== 'table-row')
    .map((t) => t.dataset.table ?? '');
}

/** The tables that should be stacked at this width, by their class. */
function expectedStacked(width: number): (page: Page) => Promise<string[]> {
  return (page) =>
    page.$$eval(
      'table.data',
      (tables, [below, w]) =>
        tables
          .filter((t) =>
            Object.entries(below as Record<string, number>).some(([cls, px]) => t.classList.contains(cls) && (w as number) <= px),
          )
          .map((t) => (t as HTMLElement).dataset.table ?? ''),
      [STACKS_BELOW, width] as const,
    );
}

/** How many tables, rows, headers and cells Chromium's accessibility tree has: what a screen reader gets. */
async function accessibleTableParts(page: Page): Promise<Record<string, number>> {
  const session = await page.context().newCDPSession(page);
  const { nodes } = (await session.send('Accessibility.getFullAXTree')) as { nodes: Array<{ role?: { value?: string } }> };
  await session.detach();
  const count = (role: string) => nodes.filter((n) => n.role?.value === role).length;
  return { table: count('table'), row: count('row'), columnheader: count('columnheader'), cell: count('cell') };
}

async function checkLayout(page: Page, width: number): Promise<void> {
  assert.deepEqual(await page.evaluate(wordsCutInside), []);
  assert.deepEqual(await page.evaluate(datesOnTwoLines), []);
  assert.deepEqual(await page.evaluate(sidewaysScroll), []);
  const stacked = await page.evaluate(stackedTables);
  assert.deepEqual(stacked, await expectedStacked(width)(page));
  // The widest tables are stacked in the panel beside the editor, and none at full width.
  if (width <= 660) assert.ok(stacked.includes('outcomes') && stacked.includes('goals'), stacked.join(', '));
  if (width >= 1000) assert.deepEqual(stacked, []);
  // Stacked or not, every table is still a table of rows, headers and cells to a screen reader.
  const parts = await page.evaluate(() => ({
    table: document.querySelectorAll('table').length,
    row: document.querySelectorAll('table tr').length,
    columnheader: document.querySelectorAll('table th').length,
    cell: document.querySelectorAll('table td').length,
  }));
  assert.deepEqual(await accessibleTableParts(page), parts);
}

describe('summary panel and report at narrow widths', () => {
  const chromium = chromiumPerSuite();
  const engine = new Engine(examples());
  const reportFile = reportPerSuite(engine, 'report-narrow.html');

  for (const theme of THEME_NAMES)
    for (const width of WIDTHS) {
      it(`the panel at ${width} px (${theme}) cuts no word, scrolls nothing sideways, stacks its wide tables`, async () => {
        const panel = await openPanel(chromium.browser, { theme, viewport: { width, height: 900 } });
        await showSummary(panel, engine.message({ pageSize: 5 }));
        await panel.page.screenshot({ path: artefact(`panel-${width}px-${theme}.png`), fullPage: true });
        await checkLayout(panel.page, width);
        // Each stacked cell names its column, as the header row would.
        const labels = await panel.page.$$eval('table[data-table="goals"] tbody tr:first-child td', (cells) =>
          cells.map((c) => c.getAttribute('data-label')),
        );
        assert.deepEqual(labels, ['Outcome', 'Metric', 'Baseline', 'Actual', 'Target', 'Due', 'Status']);
        assert.deepEqual(troubles(panel.seen), []);
        await panel.close();
      });

      it(`the HTML report at ${width} px (${theme}) cuts no word, scrolls nothing sideways, stacks its wide tables`, async () => {
        const context = await chromium.browser.newContext({
          viewport: { width, height: 900 },
          colorScheme: theme === 'light' ? 'light' : 'dark',
        });
        const page = await context.newPage();
        await page.goto(pathToFileURL(reportFile).href);
        await page.screenshot({ path: artefact(`report-${width}px-${theme}.png`), fullPage: true });
        await checkLayout(page, width);
        await context.close();
      });
    }

  it('at 400 px, words of 5,000 letters are cut to fit the stacked rows; a small table of them scrolls', async () => {
    const panel = await openPanel(chromium.browser, { theme: 'dark', viewport: { width: 400, height: 900 } });
    await showSummary(panel, new Engine(hostile()).message());
    await panel.page.screenshot({ path: artefact('panel-400px-hostile.png'), fullPage: true });
    // The owners table (three columns, not stacked) can only scroll in its frame: a table column
    // is as wide as its longest word.
    assert.deepEqual(
      (await panel.page.evaluate(sidewaysScroll)).filter((s) => !s.startsWith('owners ')),
      [],
    );
    assert.deepEqual(troubles(panel.seen), []);
    await panel.close();
  });
});
