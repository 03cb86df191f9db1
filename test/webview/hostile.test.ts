// A portfolio written to attack the summary: markup, script, event handlers and javascript: links
// as titles, ids and owners, 5,000-character names and right-to-left overrides. In the panel page
// and in the exported report it must show as text, run nothing, load nothing, open no dialog and
// break no policy; and the page's renderer must drop what view.ts would never build.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { VNode } from '../../src/core/summary/report/view';
import { renderExport } from '../../src/webview/summary/exporter';
import { Engine, HOSTILE, hostile } from './fixtures';
import { artefact, chromiumPerSuite, openPanel, showSummary, troubles, violations, watch, type Watch } from './harness';

/** What must hold in any page that showed the hostile portfolio. */
async function assertInert(page: Page, seen: Watch): Promise<void> {
  // Hover and click over everything that carries hostile text: still nothing may run.
  for (const cell of await page.$$('td, h1, .facts, .card-detail, .practice-detail')) {
    await cell.hover({ trial: false, force: true }).catch(() => undefined);
  }
  assert.deepEqual(seen.dialogs, []);
  assert.deepEqual(await violations(page), []);
  assert.deepEqual(troubles(seen), []);
  const dom = await page.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    return {
      handlers: all.flatMap((e) =>
        Array.from(e.attributes)
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${e.tagName} ${a.name}`),
      ),
      styles: all.filter((e) => e.hasAttribute('style')).map((e) => e.tagName),
      images: document.images.length,
      scripts: Array.from(document.scripts, (s) => s.src),
      links: Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? ''),
      text: document.body.textContent ?? '',
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      pwned: (window as unknown as { pwned?: unknown }).pwned,
    };
  });
  assert.deepEqual(dom.handlers, []);
  assert.deepEqual(dom.styles, []);
  assert.equal(dom.images, 0);
  assert.ok(
    dom.links.every((href) => href.startsWith('https://')),
    dom.links.join(' '),
  );
  // Shown as written: markup as text, bidi controls as their code points.
  for (const text of [HOSTILE.img, HOSTILE.script, HOSTILE.js, HOSTILE.attribute, HOSTILE.long])
    assert.ok(dom.text.includes(text), text.slice(0, 40));
  assert.ok(dom.text.includes('invoice[U+202E]fdp.exe'));
  assert.ok(!dom.text.includes('\u202E'));
  // Long names wrap instead of widening the page.
  assert.ok(dom.overflow <= 0, `the page scrolls sideways by ${dom.overflow}px`);
  assert.equal(dom.pwned, undefined);
}

describe('hostile portfolio', () => {
  const chromium = chromiumPerSuite();
  const engine = new Engine(hostile());

  it('is only text in the panel page, and runs or loads nothing', async () => {
    const panel = await openPanel(chromium.browser);
    const message = engine.message();
    await showSummary(panel, message);
    const page = panel.page;
    assert.equal(await page.$eval('h1', (e) => e.textContent), `${HOSTILE.img} ${HOSTILE.script}`);
    const ids = await page.$$eval('table[data-table="unlinked"] button.reveal', (b) => b.map((e) => e.textContent));
    assert.ok(ids.includes(HOSTILE.script));
    // The owners (one is 5,000 characters) are options, as text.
    const owners = await page.$$eval('#owner-filter option', (o) => o.map((e) => e.textContent));
    assert.ok(owners.includes(HOSTILE.attribute) && owners.includes(HOSTILE.longOwner) && owners.includes(HOSTILE.js));
    // Actions still carry the values exactly, so the host can check them.
    await page.click(`table[data-table="unlinked"] button.reveal >> nth=0`);
    const first = message.summary.unlinked[0]!;
    assert.deepEqual((await panel.posted()).at(-1), { type: 'reveal', path: first.path, line: first.line });
    await page.selectOption('#owner-filter', { index: owners.indexOf(HOSTILE.attribute) });
    assert.deepEqual((await panel.posted()).at(-1), { type: 'setFilter', owner: HOSTILE.attribute, status: null });
    await assertInert(page, panel.seen);
    assert.deepEqual(panel.seen.refused, []);
    await panel.close();
  });

  it('is only text in the exported report, which loads nothing', async () => {
    const file = artefact('report-hostile.html');
    fs.writeFileSync(file, renderExport('html', engine.summary(), { displayPath: (p) => engine.displayPaths()[p] ?? p }));
    const context = await chromium.browser.newContext({ viewport: { width: 1100, height: 800 } });
    await context.setOffline(true);
    const page = await context.newPage();
    const seen = await watch(page);
    await page.goto(pathToFileURL(file).href);
    assert.deepEqual(seen.requests, [pathToFileURL(file).href]);
    assert.equal(await page.title(), `${HOSTILE.img} ${HOSTILE.script}: alignment report 2027-06-30`);
    await assertInert(page, seen);
    await page.screenshot({ path: artefact('report-hostile.png') });
    await context.close();
  });

  it('drops elements and attributes the page renderer does not allow', async () => {
    const panel = await openPanel(chromium.browser, { pageScript: path.join(__dirname, 'render-probe.js') });
    const page = panel.page;
    await page.waitForFunction(() => (window as unknown as { probeReady?: boolean }).probeReady === true);
    const tree: VNode = {
      tag: 'main',
      attrs: { class: 'report', onclick: 'alert(1)', style: 'background:url(https://example.com/x)' },
      children: [
        { tag: 'img', attrs: { src: 'x', onerror: 'alert(1)' } },
        { tag: 'script', children: ['alert(1)'] },
        { tag: 'iframe', attrs: { src: 'https://example.com' } },
        { tag: 'a', attrs: { href: 'javascript:alert(1)', id: 'js-link' }, children: ['js'] },
        { tag: 'a', attrs: { href: ' JAVASCRIPT:alert(1)', id: 'js-link-2' }, children: ['js'] },
        { tag: 'a', attrs: { href: 'http://example.com/', id: 'http-link' }, children: ['http'] },
        { tag: 'a', attrs: { href: 'https://example.com/docs', id: 'https-link' }, children: ['https'] },
        {
          tag: 'button',
          attrs: { 'data-action': 'reveal', onmouseover: 'alert(1)', formaction: 'javascript:alert(1)', id: 'b' },
          children: ['<img src=x onerror=alert(1)>'],
        },
        {
          tag: 'svg',
          attrs: { viewBox: '0 0 10 10', onload: 'alert(1)' },
          children: [
            { tag: 'script', children: ['alert(1)'] },
            { tag: 'foreignObject', children: [{ tag: 'img', attrs: { src: 'x' } }] },
            { tag: 'a', attrs: { href: 'javascript:alert(1)' } },
            { tag: 'rect', attrs: { x: '1', width: '2', 'xlink:href': 'javascript:alert(1)' } },
            { tag: 'text', attrs: { x: '1' }, children: ['label'] },
          ],
        },
      ],
    };
    await page.evaluate(
      (t) => (window as unknown as { renderTree: (tree: unknown) => void }).renderTree(t),
      tree as unknown as Record<string, unknown>,
    );
    const result = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      const all = Array.from(main.querySelectorAll('*'));
      return {
        mainAttributes: Array.from(main.attributes, (a) => a.name),
        tags: [main, ...all].map((e) => `${e.namespaceURI === 'http://www.w3.org/2000/svg' ? 'svg:' : ''}${e.tagName.toLowerCase()}`),
        hrefs: Object.fromEntries(Array.from(main.querySelectorAll('a'), (a) => [a.id, a.getAttribute('href')])),
        button: {
          attributes: Array.from(document.getElementById('b')!.attributes, (a) => a.name).sort(),
          text: document.getElementById('b')!.textContent,
        },
      };
    });
    assert.deepEqual(result.mainAttributes, ['class']);
    assert.deepEqual(result.tags, ['main', 'a', 'a', 'a', 'a', 'button', 'svg:svg', 'svg:rect', 'svg:text']);
    assert.deepEqual(result.hrefs, { 'js-link': null, 'js-link-2': null, 'http-link': null, 'https-link': 'https://example.com/docs' });
    assert.deepEqual(result.button, { attributes: ['data-action', 'id', 'type'], text: '<img src=x onerror=alert(1)>' });
    assert.deepEqual(panel.seen.dialogs, []);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(panel.seen.refused, []);
    await panel.close();
  });
});
