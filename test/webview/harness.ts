// Runs the summary page in real Chromium, as VS Code would: the panel's own HTML shell (same CSP,
// same nonce rule), the built media/summary.js and media/summary.css, and a stub for the API VS
// Code gives a webview (acquireVsCodeApi). Every request goes through a router: the page's files
// are served from a fake https origin (the webview's cspSource), anything else is refused and
// recorded, so a test can assert that nothing reached the network.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { makeNonce } from '../../src/webview/summary/nonce';
import type { HostMessage, PageState } from '../../src/webview/protocol';
import { panelHtml } from '../../src/webview/summary/shell';
import { renderExport } from '../../src/webview/summary/exporter';
import type { Summary } from '../../src/core/summary/summarize';
import { ROOT } from './fixtures';
import { THEMES, themeCss, type ThemeName } from './themes';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ORIGIN = 'https://webview.test';
export const ARTEFACTS = path.join(ROOT, 'test-artefacts');

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium is needed for the webview tests and was not found at ${CHROMIUM}: install it (apt-get install -y chromium) or set CHROMIUM_PATH.`,
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** The suite's Chromium, for use inside describe(): launched before its first test, closed after its last. */
export function chromiumPerSuite(): { readonly browser: Browser } {
  const suite: { browser?: Browser } = {};
  before(async () => {
    suite.browser = await launchChromium();
  });
  after(async () => {
    await suite.browser?.close();
  });
  return {
    get browser(): Browser {
      if (!suite.browser) throw new Error('Chromium is launched in before(): use it inside a test');
      return suite.browser;
    },
  };
}

/** The suite's HTML report of `engine`'s summary, written to test-artefacts/ before its first test. */
export function reportPerSuite(engine: { summary(): Summary; displayPaths(): Record<string, string> }, name: string): string {
  const file = artefact(name);
  before(() => {
    fs.writeFileSync(file, renderExport('html', engine.summary(), { displayPath: (p) => engine.displayPaths()[p] ?? p }));
  });
  return file;
}

/** Closes a test's panel, failing the test if the page broke its policy, logged an error or had a message refused. */
export async function closeChecked(panel: PanelPage | undefined): Promise<void> {
  if (!panel) return;
  assert.deepEqual(await violations(panel.page), []);
  assert.deepEqual(troubles(panel.seen), []);
  assert.deepEqual(panel.seen.refused, []);
  await panel.close();
}

export function artefact(name: string): string {
  fs.mkdirSync(ARTEFACTS, { recursive: true });
  return path.join(ARTEFACTS, name);
}

/** What a page did that a test may want to assert on: all of it should usually stay empty. */
export interface Watch {
  /** Requests the router refused: anything but the page's own files. */
  refused: string[];
  /** Every request made, allowed or not. */
  requests: string[];
  dialogs: string[];
  console: Array<{ type: string; text: string }>;
  pageErrors: string[];
}

/** Records what a page does; a CSP violation listener runs before any of the page's scripts. */
export async function watch(page: Page): Promise<Watch> {
  const seen: Watch = { refused: [], requests: [], dialogs: [], console: [], pageErrors: [] };
  page.on('request', (request) => seen.requests.push(request.url()));
  page.on('dialog', (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('console', (message) => seen.console.push({ type: message.type(), text: message.text() }));
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  // Injected by the test driver (not subject to the page's CSP): records policy violations.
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (event) => w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  return seen;
}

export async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

/** Console messages that mean trouble: errors, and anything about the Content Security Policy. */
export function troubles(seen: Watch): string[] {
  return [
    ...seen.console.filter((m) => m.type === 'error' || /content security policy/i.test(m.text)).map((m) => `${m.type}: ${m.text}`),
    ...seen.pageErrors.map((e) => `page error: ${e}`),
  ];
}

export interface PanelPage {
  context: BrowserContext;
  page: Page;
  seen: Watch;
  /** Posts a message to the page as the extension host would. */
  send(message: HostMessage | Record<string, unknown>): Promise<void>;
  /** Messages the page posted to the host, in order, but for its 'rendered' reports. */
  posted(): Promise<Array<Record<string, unknown>>>;
  /** The page's 'rendered' reports: what it says it shows after each render. */
  rendered(): Promise<Array<Record<string, unknown>>>;
  /** Every state the page saved with setState, in order. */
  states(): Promise<PageState[]>;
  close(): Promise<void>;
}

export interface PanelOptions {
  theme?: ThemeName;
  /** What getState returns: the state VS Code kept from before a reload. */
  state?: unknown;
  viewport?: { width: number; height: number };
  /** Another page script instead of media/summary.js (a file under dist/test/webview). */
  pageScript?: string;
}

/** The stub of VS Code's webview API; like VS Code, it hands the API out once only. */
function stubScript(state: unknown): string {
  return `(() => {
  const h = { posted: [], states: [] };
  let state = ${JSON.stringify(JSON.stringify(state ?? null))};
  state = JSON.parse(state);
  let acquired = false;
  window.__harness = h;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('An instance of the VS Code API has already been acquired');
    acquired = true;
    return Object.freeze({
      postMessage: (message) => h.posted.push(JSON.parse(JSON.stringify(message))),
      getState: () => state,
      setState: (next) => { state = next; h.states.push(JSON.parse(JSON.stringify(next))); },
    });
  };
})();
`;
}

/** The panel's HTML with the theme's stylesheet and the API stub added: nothing else changes. */
function harnessHtml(theme: ThemeName): string {
  const nonce = makeNonce();
  const html = panelHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/media/summary.js`, styleUri: `${ORIGIN}/media/summary.css`, nonce });
  return html
    .replace('<link rel="stylesheet"', `<link rel="stylesheet" href="${ORIGIN}/harness/theme.css">\n<link rel="stylesheet"`)
    .replace('<body class="panel">', `<body class="panel ${THEMES[theme].bodyClass}">`)
    .replace(
      `<script nonce="${nonce}" src=`,
      `<script nonce="${nonce}" src="${ORIGIN}/harness/stub.js"></script>\n<script nonce="${nonce}" src=`,
    );
}

export async function openPanel(browser: Browser, options: PanelOptions = {}): Promise<PanelPage> {
  const theme = options.theme ?? 'dark';
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1100, height: 800 },
    colorScheme: THEMES[theme].colorScheme,
  });
  const page = await context.newPage();
  const seen = await watch(page);
  const files: Record<string, { type: string; body: string | Buffer }> = {
    [`${ORIGIN}/index.html`]: { type: 'text/html', body: harnessHtml(theme) },
    [`${ORIGIN}/harness/stub.js`]: { type: 'text/javascript', body: stubScript(options.state) },
    [`${ORIGIN}/harness/theme.css`]: { type: 'text/css', body: themeCss(theme) },
    [`${ORIGIN}/media/summary.js`]: {
      type: 'text/javascript',
      body: fs.readFileSync(options.pageScript ?? path.join(ROOT, 'media/summary.js')),
    },
    [`${ORIGIN}/media/summary.css`]: { type: 'text/css', body: fs.readFileSync(path.join(ROOT, 'media/summary.css')) },
  };
  await context.route('**/*', async (route) => {
    const url = route.request().url();
    const file = files[url];
    if (file) await route.fulfill({ status: 200, contentType: file.type, body: file.body });
    else {
      seen.refused.push(url);
      await route.abort('blockedbyclient');
    }
  });
  await page.goto(`${ORIGIN}/index.html`);
  if (!options.pageScript)
    await page.waitForFunction(() =>
      (window as unknown as { __harness?: { posted: Array<{ type: string }> } }).__harness?.posted.some((m) => m.type === 'ready'),
    );
  return {
    context,
    page,
    seen,
    send: (message) => page.evaluate((m) => window.postMessage(m, '*'), message as Record<string, unknown>),
    posted: async () =>
      (await page.evaluate(() => (window as unknown as { __harness: { posted: Array<Record<string, unknown>> } }).__harness.posted)).filter(
        (m) => m.type !== 'rendered',
      ),
    rendered: async () =>
      (await page.evaluate(() => (window as unknown as { __harness: { posted: Array<Record<string, unknown>> } }).__harness.posted)).filter(
        (m) => m.type === 'rendered',
      ),
    states: () => page.evaluate(() => (window as unknown as { __harness: { states: PageState[] } }).__harness.states),
    close: () => context.close(),
  };
}

/** Sends a summary and waits until the page has rendered it. */
export async function showSummary(panel: PanelPage, message: HostMessage): Promise<void> {
  const before = await panel.page.evaluateHandle(() => document.querySelector('main.report'));
  await panel.send(message);
  await panel.page.waitForFunction((old) => {
    const main = document.querySelector('main.report');
    return main !== null && main !== old;
  }, before);
}

/** The ids of the unlinked table's current page, as shown. */
export async function unlinkedIds(page: Page): Promise<string[]> {
  return page.$$eval('table[data-table="unlinked"] tbody tr td:first-child', (cells) => cells.map((c) => c.textContent ?? ''));
}

export async function pageInfo(page: Page, table: string): Promise<string> {
  return page.$eval(`table[data-table="${table}"] ~ .pager .page-info`, (e) => e.textContent ?? '');
}
