// The panel beside the editor is narrow (about 660 px, down to 400): words in its tables and
// cards must not be cut inside ("Outcom e"), only wrapped at spaces and hyphens. Screenshots at
// each width go to test-artefacts/ for people to look at.
import * as assert from 'node:assert/strict';
import { Engine, examples } from './fixtures';
import { artefact, chromiumPerSuite, openPanel, showSummary, troubles } from './harness';

const WIDTHS = [400, 660, 1000];

/** Words (split at spaces and after hyphens) of tables and cards that are drawn on more than one line. */
function wordsCutInside(): string[] {
  const cut: string[] = [];
  for (const element of document.querySelectorAll('table.data th, table.data td, .card-label, .card-detail')) {
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

describe('summary panel at narrow widths', () => {
  const chromium = chromiumPerSuite();
  const engine = new Engine(examples());

  for (const width of WIDTHS) {
    it(`at ${width} px cuts no word inside`, async () => {
      const panel = await openPanel(chromium.browser, { theme: 'dark', viewport: { width, height: 900 } });
      await showSummary(panel, engine.message({ pageSize: 5 }));
      await panel.page.screenshot({ path: artefact(`panel-${width}px.png`), fullPage: true });
      assert.deepEqual(await panel.page.evaluate(wordsCutInside), []);
      assert.deepEqual(troubles(panel.seen), []);
      await panel.close();
    });
  }
});
