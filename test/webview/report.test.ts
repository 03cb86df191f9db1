// The exported standalone HTML (the same renderStandaloneHtml the CLI uses) in Chromium: it shows
// the engine's figures, its one stylesheet is allowed by the policy's hash, and it makes no
// request, logs no error and breaks no policy, offline.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { percent } from '../../src/core/summary/report/view';
import { renderExport } from '../../src/webview/summary/exporter';
import { Engine, examples } from './fixtures';
import { artefact, chromiumPerSuite, troubles, violations, watch } from './harness';

describe('exported HTML report', () => {
  const chromium = chromiumPerSuite();
  const engine = new Engine(examples());

  it('opens offline with no request, no console error and no policy violation', async () => {
    const summary = engine.summary();
    const html = renderExport('html', summary, { displayPath: (p) => engine.displayPaths()[p] ?? p });
    assert.doesNotMatch(html, /unsafe-inline|<script|\son[a-z]+=/i);
    const file = artefact('report-offline.html');
    fs.writeFileSync(file, html);
    const context = await chromium.browser.newContext();
    await context.setOffline(true);
    const page = await context.newPage();
    const seen = await watch(page);
    await page.goto(pathToFileURL(file).href);
    assert.deepEqual(seen.requests, [pathToFileURL(file).href]);
    assert.deepEqual(await violations(page), []);
    assert.deepEqual(troubles(seen), []);
    // The figures are the engine's; the stylesheet applied (its hash matched the policy).
    assert.ok((await page.$eval('.card.score .card-value', (e) => e.textContent ?? '')).startsWith(percent(summary.alignmentScore)));
    assert.deepEqual(
      await page.$$eval('table[data-table="unlinked"] tbody td:first-child', (c) => c.map((e) => e.textContent)),
      summary.unlinked.map((u) => u.id),
    );
    assert.equal(await page.$eval('.card', (e) => getComputedStyle(e).borderLeftWidth), '4px');
    assert.equal(await page.$$eval('button, script', (e) => e.length), 0);
    await context.close();
  });
});
