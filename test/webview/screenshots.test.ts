// Screenshots of the panel page and of the exported report in the light, dark and both high
// contrast themes, written to test-artefacts/ for people to look at (they are not compared with anything).
// `UPDATE_DOCS_SCREENSHOT=1 npm run test:webview` also refreshes docs/images/summary.png.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { renderExport } from '../../src/webview/summary/exporter';
import { Engine, examples, hostile, ROOT } from './fixtures';
import { artefact, chromiumPerSuite, openPanel, showSummary, troubles, violations, watch } from './harness';
import { THEMES, type ThemeName } from './themes';

const THEME_NAMES: ThemeName[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

describe('screenshots', () => {
  const chromium = chromiumPerSuite();
  const engine = new Engine(examples());

  for (const theme of THEME_NAMES) {
    it(`of the panel in the ${theme} theme`, async () => {
      const panel = await openPanel(chromium.browser, { theme, viewport: { width: 1100, height: 900 } });
      await showSummary(panel, engine.message({ pageSize: 5 }));
      // Keyboard focus on the first reveal button, to see the focus ring.
      await panel.page.focus('table[data-table="unlinked"] button.reveal');
      await panel.page.screenshot({ path: artefact(`panel-${theme}.png`), fullPage: true });
      assert.deepEqual(await violations(panel.page), []);
      assert.deepEqual(troubles(panel.seen), []);
      await panel.close();
    });

    it(`of the exported report in the ${theme} theme`, async () => {
      const file = artefact('report-examples.html');
      const displayPath = (p: string) => engine.displayPaths()[p] ?? p;
      fs.writeFileSync(file, renderExport('html', engine.summary(), { displayPath }));
      // The standalone report follows the system: light or dark, and forced colours for contrast.
      const context = await chromium.browser.newContext({
        viewport: { width: 1100, height: 900 },
        colorScheme: THEMES[theme].colorScheme,
        forcedColors: theme.startsWith('high-contrast') ? 'active' : 'none',
      });
      const page = await context.newPage();
      const seen = await watch(page);
      await page.goto(pathToFileURL(file).href);
      await page.screenshot({ path: artefact(`report-${theme}.png`), fullPage: true });
      assert.deepEqual(await violations(page), []);
      assert.deepEqual(troubles(seen), []);
      await context.close();
    });
  }

  it('of the panel with hostile names', async () => {
    const panel = await openPanel(chromium.browser, { theme: 'dark', viewport: { width: 1100, height: 900 } });
    await showSummary(panel, new Engine(hostile()).message());
    await panel.page.screenshot({ path: artefact('panel-hostile.png'), fullPage: true });
    await panel.close();
  });

  it('for the README', async () => {
    const panel = await openPanel(chromium.browser, { theme: 'dark', viewport: { width: 1280, height: 1160 } });
    await showSummary(panel, engine.message({ pageSize: 6 }));
    const file = artefact('summary.png');
    await panel.page.screenshot({ path: file });
    if (process.env.UPDATE_DOCS_SCREENSHOT) {
      fs.mkdirSync(path.join(ROOT, 'docs/images'), { recursive: true });
      fs.copyFileSync(file, path.join(ROOT, 'docs/images/summary.png'));
    }
    await panel.close();
  });
});
