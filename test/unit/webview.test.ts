// The summary panel's parts that need neither VS Code nor a browser: the HTML shell and its
// policy, the nonce, the message protocol, the export (against the CLI), and the report view's
// handling of hostile text. The page itself is tested in Chromium (test/webview).
import * as assert from 'node:assert/strict';
import { createHash, getRandomValues } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { main } from '../../src/cli/main';
import type { Summary } from '../../src/core/summary/summarize';
import { renderStandaloneHtml } from '../../src/core/summary/report/html';
import { cspHash, sha256, utf8 } from '../../src/core/summary/report/sha256';
import { buildReportView, visibleText, type VElement, type VNode } from '../../src/core/summary/report/view';
import { EngineServer } from '../../src/engine/server';
import { renderExport, exportFileName } from '../../src/webview/summary/exporter';
import { summaryMessage } from '../../src/webview/summary/summaryMessage';
import { makeNonce } from '../../src/webview/summary/nonce';
import { HostMessageSchema, INITIAL_PAGE_STATE, parsePageMessage, parsePageState } from '../../src/webview/protocol';
import { describeFilters } from '../../src/webview/describeFilters';
import { contentSecurityPolicy, panelHtml } from '../../src/webview/summary/shell';
import reportCss from '../../media/summary.css';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'examples');
const TODAY = '2027-06-30';

/** The example portfolio's summary from the engine, keyed by file URIs as in the extension. */
function exampleSummary(): { summary: Summary; displayPath: (p: string) => string } {
  const server = new EngineServer();
  const folder = pathToFileURL(EXAMPLES).href;
  server.handle({ type: 'configure', folder, settings: { today: TODAY, rules: {}, defaultModel: 'provider' } });
  for (const name of fs
    .readdirSync(EXAMPLES)
    .filter((f) => f.endsWith('.yaml'))
    .sort()) {
    server.handle({
      type: 'update',
      folder,
      path: pathToFileURL(path.join(EXAMPLES, name)).href,
      text: fs.readFileSync(path.join(EXAMPLES, name), 'utf8'),
      version: 1,
    });
  }
  return { summary: server.handle({ type: 'summary', folder }), displayPath: (p) => decodeURIComponent(p.slice(folder.length + 1)) };
}

async function cli(args: string[], cwd: string): Promise<string> {
  let out = '';
  const code = await main(args, { cwd, out: (t) => (out += t), err: () => undefined });
  assert.equal(code, 0);
  return out;
}

function walk(node: VNode, visit: (element: VElement) => void): void {
  if (typeof node === 'string') return;
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

describe('summary panel: shell and policy', () => {
  const html = panelHtml({
    cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
    scriptUri: 'https://x.test/media/summary.js',
    styleUri: 'https://x.test/media/summary.css',
    nonce: 'abc123',
  });

  it('has exactly the policy of the design, with the nonce', () => {
    assert.equal(
      contentSecurityPolicy('https://c.test', 'N0NCE'),
      "default-src 'none'; img-src https://c.test data:; style-src https://c.test; script-src 'nonce-N0NCE'",
    );
    assert.ok(
      html.includes(
        `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src https://file+.vscode-resource.vscode-cdn.net data:; style-src https://file+.vscode-resource.vscode-cdn.net; script-src 'nonce-abc123'">`,
      ),
    );
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
  });

  it('loads one script by nonce and one stylesheet, and has no inline script, style or handler', () => {
    assert.deepEqual(html.match(/<script[^>]*>/g), ['<script nonce="abc123" src="https://x.test/media/summary.js">']);
    assert.match(html, /<script[^>]*><\/script>/);
    assert.deepEqual(html.match(/<link[^>]*>/g), ['<link rel="stylesheet" href="https://x.test/media/summary.css">']);
    assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  });

  it('makes nonces of 128 random bits from the cryptographic source', () => {
    const nonce = makeNonce();
    assert.match(nonce, /^[0-9a-f]{32}$/);
    assert.notEqual(makeNonce(), nonce);
    let asked = 0;
    const fixed = makeNonce({
      getRandomValues: <T extends Uint8Array>(a: T) => {
        asked++;
        a.fill(0xab);
        return a;
      },
    });
    assert.equal(fixed, 'ab'.repeat(16));
    assert.equal(asked, 1);
    assert.equal(typeof getRandomValues, 'function');
  });

  it('has no HTML-writing call in the page, its source or the host', () => {
    const files = [
      ...fs
        .readdirSync(path.join(ROOT, 'media'))
        .filter((f) => /\.(js|css|html)$/.test(f))
        .map((f) => path.join(ROOT, 'media', f)),
      ...fs
        .readdirSync(path.join(ROOT, 'src/webview'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.ts'))
        .map((f) => path.join(ROOT, 'src/webview', f)),
    ];
    assert.ok(
      files.some((f) => f.endsWith('summary.js')),
      'build media/summary.js first',
    );
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      assert.doesNotMatch(
        text,
        /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|\beval\(|Math\.random\(|'unsafe-inline'|retainContextWhenHidden\s*:/,
        file,
      );
    }
  });
});

describe('summary panel: protocol', () => {
  it('accepts the messages of the page, and nothing else', () => {
    assert.deepEqual(parsePageMessage({ type: 'reveal', path: 'file:///a.yaml', line: 3 }), {
      type: 'reveal',
      path: 'file:///a.yaml',
      line: 3,
    });
    assert.deepEqual(parsePageMessage({ type: 'setFilter', owner: null, status: 'approved' }), {
      type: 'setFilter',
      owner: null,
      status: 'approved',
    });
    assert.ok(parsePageMessage({ type: 'showProblems', rule: 'unlinked-spend' }));
    assert.ok(parsePageMessage({ type: 'export', format: 'html' }));
    for (const bad of [
      null,
      'ready',
      { type: 'open', path: '/etc/passwd' },
      { type: 'reveal', path: 'file:///a.yaml', line: 0 },
      { type: 'reveal', path: 'file:///a.yaml', line: 1.5 },
      { type: 'reveal', path: 'file:///a.yaml', line: Number.NaN },
      { type: 'reveal', path: 'file:///a.yaml', line: 1, command: 'workbench.action.terminal.new' },
      { type: 'reveal', path: 'x'.repeat(20_001), line: 1 },
      { type: 'showProblems', rule: 'no-such-rule' },
      { type: 'setFilter', owner: 'a', status: 'lost' },
      { type: 'setScope', scope: 'everything' },
      { type: 'export', format: 'pdf' },
    ])
      assert.equal(parsePageMessage(bad), undefined, JSON.stringify(bad)?.slice(0, 80));
  });

  it('validates the summary message the host builds from the engine', () => {
    const { summary, displayPath } = exampleSummary();
    const message = summaryMessage({
      folder: 'file:///w',
      folderName: 'w',
      file: null,
      scope: 'folder',
      filters: { owner: null, status: null },
      base: summary,
      shown: summary,
      bands: { good: 0.9, fair: 0.7 },
      pageSize: 50,
      displayPaths: { x: displayPath('x') },
    });
    assert.equal(HostMessageSchema.safeParse(message).success, true);
    assert.deepEqual(message.summary.initiatives, []);
    assert.deepEqual(
      message.owners,
      [...message.owners].sort((a, b) => a.localeCompare(b)),
    );
    assert.ok(message.owners.includes('ERP team'));
    assert.deepEqual(message.statuses, ['proposed', 'approved', 'in-progress', 'done']);
    assert.equal(HostMessageSchema.safeParse({ ...message, summary: { ...summary, alignmentScore: '99%' } }).success, false);
  });

  it('reads back the state the page saves, and refuses anything else', () => {
    const state = { ...INITIAL_PAGE_STATE, folder: 'file:///w', file: 'file:///w/a.portfolio.yaml', pages: { unlinked: 3 }, scrollY: 120 };
    assert.deepEqual(parsePageState(state), state);
    assert.equal(parsePageState({ ...state, version: 2 }), undefined);
    assert.equal(parsePageState({ ...state, pages: { unlinked: -1 } }), undefined);
    assert.equal(parsePageState(undefined), undefined);
  });

  it('says what a filtered summary is limited to', () => {
    assert.equal(describeFilters('folder', 'a.portfolio.yaml', { owner: null, status: null }), undefined);
    assert.equal(
      describeFilters('file', 'a.portfolio.yaml', { owner: 'ERP team', status: 'approved' }),
      'Limited to file a.portfolio.yaml, owner ERP team, status approved.',
    );
  });
});

describe('summary panel: export', () => {
  it('writes the HTML that `portfolio-align report --format html` writes for the same files', async () => {
    const { summary, displayPath } = exampleSummary();
    assert.equal(
      renderExport('html', summary, { displayPath }),
      await cli(['report', '.', '--format', 'html', '--today', TODAY], EXAMPLES),
    );
    assert.equal(
      renderExport('html', summary, { displayPath, bands: { good: 0.9, fair: 0.7 } }),
      await cli(['report', '.', '--format', 'html', '--today', TODAY], EXAMPLES),
    );
  });

  it('writes the Markdown and CSV of the CLI too', async () => {
    const { summary, displayPath } = exampleSummary();
    assert.equal(renderExport('md', summary, { displayPath }), await cli(['report', '.', '--format', 'md', '--today', TODAY], EXAMPLES));
    assert.equal(renderExport('csv', summary, { displayPath }), await cli(['report', '.', '--format', 'csv', '--today', TODAY], EXAMPLES));
  });

  it('names a filtered export for what it shows', () => {
    const { summary, displayPath } = exampleSummary();
    const html = renderExport('html', summary, { displayPath, filterNote: 'Limited to owner ERP team.' });
    assert.match(html, /<p class="filter-note">Limited to owner ERP team\.<\/p>/);
    assert.equal(exportFileName(summary, 'csv'), 'acme-manufacturing-it-fy2027-alignment.csv');
    assert.equal(exportFileName({ ...summary, name: '../../<x>' }, 'md'), 'x-alignment.md');
  });
});

describe('standalone report', () => {
  it('hashes like node:crypto', () => {
    for (const text of ['', 'abc', 'a'.repeat(55), 'a'.repeat(56), 'a'.repeat(64), 'é€😀\u202E', reportCss]) {
      assert.deepEqual(Buffer.from(sha256(utf8(text))), createHash('sha256').update(text, 'utf8').digest(), text.slice(0, 20));
    }
    assert.equal(cspHash('x'), `'sha256-${createHash('sha256').update('x').digest('base64')}'`);
  });

  it('allows its one style element by hash, never with unsafe-inline', () => {
    const { summary } = exampleSummary();
    const html = renderStandaloneHtml(summary, { css: reportCss.replace(/\n/g, '\r\n') });
    const style = /<style>([\s\S]*)<\/style>/.exec(html)![1]!;
    assert.ok(!style.includes('\r'));
    const policy = /Content-Security-Policy" content="([^"]*)"/.exec(html)![1]!;
    assert.equal(policy, `default-src 'none'; style-src ${cspHash(style)}; img-src data:`);
  });
});

describe('report view', () => {
  const { summary } = exampleSummary();

  it('says the score band in words, not only in colour', () => {
    const view = buildReportView(summary);
    const verdicts: string[] = [];
    walk(view, (e) => e.attrs?.class === 'verdict' && verdicts.push(String(e.children?.[0])));
    assert.deepEqual(verdicts, ['fair']);
    const good: string[] = [];
    walk(
      buildReportView(summary, { bands: { good: 0.5, fair: 0.2 } }),
      (e) => e.attrs?.class === 'verdict' && good.push(String(e.children?.[0])),
    );
    assert.deepEqual(good, ['good']);
  });

  it('shows bidirectional controls as code points, in text only', () => {
    assert.equal(visibleText('invoice\u202Efdp.exe'), 'invoice[U+202E]fdp.exe');
    assert.equal(visibleText('\u2066x\u2069 \u200F'), '[U+2066]x[U+2069] \u200F');
    const named = { ...summary, name: 'A\u202EB', unlinked: summary.unlinked.map((u, i) => (i === 0 ? { ...u, id: 'x\u202Ey' } : u)) };
    const texts: string[] = [];
    const ids: string[] = [];
    walk(buildReportView(named, { interactive: true }), (e) => {
      for (const c of e.children ?? []) if (typeof c === 'string') texts.push(c);
      if (e.attrs?.['data-id']) ids.push(e.attrs['data-id']);
    });
    assert.ok(texts.includes('A[U+202E]B') && texts.includes('x[U+202E]y'));
    assert.ok(texts.every((t) => !t.includes('\u202E')));
    // The value a button sends back stays exact.
    assert.ok(ids.includes('x\u202Ey'));
  });

  it('cuts chart labels between characters, not inside one', () => {
    const long = { ...summary, byOutcome: summary.byOutcome.map((o, i) => (i === 0 ? { ...o, title: '😀'.repeat(40) } : o)) };
    const labels: string[] = [];
    walk(buildReportView(long), (e) => e.attrs?.class === 'bar-label' && labels.push(String(e.children?.[0])));
    assert.equal(labels[0], '😀'.repeat(33) + '…');
  });

  it('gives the panel buttons for every place and action, and the report none', () => {
    const interactive = buildReportView(summary, { interactive: true, pageSize: 2 });
    const actions = new Set<string>();
    walk(interactive, (e) => {
      if (e.attrs?.['data-action']) {
        assert.equal(e.tag, 'button');
        actions.add(e.attrs['data-action']);
      }
    });
    assert.deepEqual([...actions].sort(), ['link', 'page', 'problems', 'reveal']);
    walk(buildReportView(summary), (e) => assert.notEqual(e.tag, 'button'));
  });
});
