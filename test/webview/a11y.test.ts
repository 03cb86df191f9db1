// axe-core's WCAG 2.1 A and AA rules on the summary panel (the real page bundle, as the harness
// shows it) and on the exported HTML report, at the widths the panel is used at and in VS Code's
// four kinds of theme. Any violation fails the test with what axe says and where.
//
// axe is put into the page with page.evaluate (the DevTools protocol), which the page's Content
// Security Policy does not govern: the pages keep their real policy, and the test checks that axe
// broke none of it. @axe-core/playwright is not used: it would only wrap the same call.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { comparisonOf } from '../../src/core/summary/report/compareView';
import { Engine, examples, examplesEdited } from './fixtures';
import { chromiumPerSuite, openPanel, reportPerSuite, showSummary, troubles, violations, watch } from './harness';
import type { ThemeName } from './themes';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG_21_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const WIDTHS = [400, 660, 1000];
const THEME_NAMES: ThemeName[] = ['light', 'dark', 'high-contrast', 'high-contrast-light'];

/** The standalone report has no VS Code theme: it follows the system's scheme and forced colours. */
const REPORT_MEDIA: Record<ThemeName, { colorScheme: 'light' | 'dark'; forcedColors: 'active' | 'none' }> = {
  light: { colorScheme: 'light', forcedColors: 'none' },
  dark: { colorScheme: 'dark', forcedColors: 'none' },
  'high-contrast': { colorScheme: 'dark', forcedColors: 'active' },
  'high-contrast-light': { colorScheme: 'light', forcedColors: 'active' },
};

interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; summary: string }>;
}

/** Runs axe on the whole document with the WCAG 2.1 A and AA rules; gives its violations. */
async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: any[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? null,
      help: v.help,
      nodes: v.nodes.map((n: { target: string[]; failureSummary?: string }) => ({ target: n.target, summary: n.failureSummary ?? '' })),
    }));
  }, WCAG_21_AA);
}

/** One line per failing element, readable in a test failure. */
function described(findings: AxeFinding[]): string[] {
  return findings.flatMap((f) =>
    f.nodes.map((n) => `${f.id} (${f.impact}): ${f.help} at ${n.target.join(' ')}: ${n.summary.replace(/\s+/g, ' ')}`),
  );
}

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  const chromium = chromiumPerSuite();
  const engine = new Engine(examples());
  const reportFile = reportPerSuite(engine, 'report-a11y.html');

  for (const theme of THEME_NAMES)
    for (const width of WIDTHS) {
      it(`the panel in the ${theme} theme at ${width} px has no violation`, async () => {
        const panel = await openPanel(chromium.browser, { theme, viewport: { width, height: 900 } });
        await showSummary(panel, engine.message({ pageSize: 5 }));
        assert.deepEqual(described(await axeViolations(panel.page)), []);
        assert.deepEqual(await violations(panel.page), []);
        assert.deepEqual(troubles(panel.seen), []);
        await panel.close();
      });

      it(`the HTML report in the ${theme} theme at ${width} px has no violation`, async () => {
        const context = await chromium.browser.newContext({ viewport: { width, height: 900 }, ...REPORT_MEDIA[theme] });
        const page = await context.newPage();
        const seen = await watch(page);
        await page.goto(pathToFileURL(reportFile).href);
        assert.deepEqual(described(await axeViolations(page)), []);
        assert.deepEqual(await violations(page), []);
        assert.deepEqual(troubles(seen), []);
        await context.close();
      });
    }

  // Compare with…: the card deltas and the lists of what changed, in the narrowest panel.
  for (const theme of ['light', 'dark'] as const)
    it(`the panel with a comparison in the ${theme} theme at 400 px has no violation`, async () => {
      const now = new Engine(examplesEdited());
      const panel = await openPanel(chromium.browser, { theme, viewport: { width: 400, height: 900 } });
      await showSummary(panel, {
        ...now.message({ pageSize: 5 }),
        compare: { available: true },
        comparison: comparisonOf(now.compare(examples().files), 'main'),
      });
      assert.ok(await panel.page.$('.comparison'));
      assert.deepEqual(described(await axeViolations(panel.page)), []);
      assert.deepEqual(troubles(panel.seen), []);
      await panel.close();
    });

  it('finds a violation when one is there: a button with no name, text too faint to read', async () => {
    const panel = await openPanel(chromium.browser, { theme: 'dark', viewport: { width: 660, height: 900 } });
    await showSummary(panel, engine.message({ pageSize: 5 }));
    await panel.page.evaluate(() => {
      const button = document.querySelector('table[data-table="unlinked"] button.link-action')!;
      button.textContent = '';
      button.removeAttribute('title');
      (document.querySelector('.card-label') as HTMLElement).style.opacity = '0.3';
    });
    const found = new Set((await axeViolations(panel.page)).map((f) => f.id));
    assert.ok(found.has('button-name'), [...found].join(', '));
    assert.ok(found.has('color-contrast'), [...found].join(', '));
    await panel.close();
  });
});
