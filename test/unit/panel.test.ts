// The summary panel's host code against a stand-in of the vscode module (fakes/vscode.ts) and the
// real engine: what it posts, what it opens, and what it refuses to open.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../../src/core/diagnostics';
import type { Request } from '../../src/engine/protocol';
import { EngineServer } from '../../src/engine/server';
import type { PortfolioService } from '../../src/extension/service';
import { renderExport } from '../../src/webview/exporter';
import { SummaryPanel, type PanelTarget } from '../../src/webview/panel';
import { HostMessageSchema, type HostMessage, type SummaryMessage } from '../../src/webview/protocol';
import { EventEmitter, fake, FakeWebviewPanel, Uri } from './fakes/vscode';

const ROOT = path.resolve(__dirname, '../../..');
const EXAMPLES = path.join(ROOT, 'examples');
const FOLDER = pathToFileURL(EXAMPLES).href;
const FILES = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort().map((f) => pathToFileURL(path.join(EXAMPLES, f)).href);
const ACME = FILES.find((f) => f.endsWith('acme-it.portfolio.yaml'))!;

/** The parts of PortfolioService the panel uses, over a real engine. */
class FakeService {
  private readonly server = new EngineServer();
  private readonly diagnostics = new Map<string, PortfolioDiagnostic[]>();
  readonly checked = new EventEmitter<string>();
  readonly onDidCheck = this.checked.event;
  readonly requests: Request[] = [];

  constructor() {
    this.server.handle({ type: 'configure', folder: FOLDER, settings: { today: '2027-06-30', rules: {}, defaultModel: 'provider' } });
    for (const file of FILES) {
      const text = fs.readFileSync(new URL(file), 'utf8');
      fake.documents.set(file, text);
      this.server.handle({ type: 'update', folder: FOLDER, path: file, text, version: 1 });
    }
    for (const file of this.server.handle({ type: 'check', folder: FOLDER }).changed) this.diagnostics.set(file.path, file.diagnostics);
  }

  headline(key: string) {
    return key === FOLDER ? { headline: {}, settings: { thresholds: { good: 0.9, fair: 0.7 }, summaryPageSize: 25 } } : undefined;
  }
  filesOf(key: string): ReadonlySet<string> {
    return new Set(key === FOLDER ? FILES : []);
  }
  request(request: Request): Promise<unknown> {
    this.requests.push(request);
    return Promise.resolve(this.server.handle(request));
  }
  isPortfolioDocument(document: { uri: Uri }): boolean {
    return FILES.includes(document.uri.toString());
  }
  folderKeyOf(): string {
    return FOLDER;
  }
  workspaceFolderOf(key: string) {
    return key === FOLDER ? { uri: Uri.parse(FOLDER), name: 'examples', index: 0 } : undefined;
  }
  diagnosticsOf(uri: Uri): PortfolioDiagnostic[] {
    return this.diagnostics.get(uri.toString()) ?? [];
  }
}

const logged: string[] = [];
const log = { warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m), info: () => undefined, trace: () => undefined } as unknown as vscode.LogOutputChannel;

function open(target: Partial<PanelTarget> = {}): { panel: FakeWebviewPanel; summary: SummaryPanel; service: FakeService } {
  const service = new FakeService();
  const panel = new FakeWebviewPanel();
  const summary = new SummaryPanel(panel as unknown as vscode.WebviewPanel, service as unknown as PortfolioService, Uri.parse('file:///extension') as unknown as vscode.Uri,
    { folder: FOLDER, file: ACME, scope: 'folder', filters: { owner: null, status: null }, ...target }, log);
  return { panel, summary, service };
}

function nextPost(summary: SummaryPanel): Promise<HostMessage> {
  return new Promise((resolve) => {
    const listener = summary.onDidPost((message) => {
      listener.dispose();
      resolve(message);
    });
  });
}

async function ready(panel: FakeWebviewPanel, summary: SummaryPanel): Promise<SummaryMessage> {
  const posted = nextPost(summary);
  panel.send({ type: 'ready' });
  const message = await posted;
  assert.equal(message.type, 'summary');
  return message as SummaryMessage;
}

/** Lets the panel handle a page message (its handlers are asynchronous). */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

describe('summary panel host', () => {
  let current: SummaryPanel | undefined;
  beforeEach(() => {
    fake.reset();
    logged.length = 0;
  });
  afterEach(() => {
    current?.dispose();
    current = undefined;
  });

  it('loads the page from media/ with the policy, and posts the summary when the page is ready', async () => {
    const { panel, summary } = open();
    current = summary;
    assert.match(panel.webview.html, /script-src 'nonce-[0-9a-f]{32}'/);
    assert.match(panel.webview.html, /src="https:\/\/webview\.test\/extension\/media\/summary\.js"/);
    assert.deepEqual((panel.webview.options as { localResourceRoots: Uri[] }).localResourceRoots.map(String), ['file:///extension/media']);
    assert.deepEqual(panel.posted, [], 'nothing is posted before the page is ready');
    const message = await ready(panel, summary);
    assert.equal(HostMessageSchema.safeParse(message).success, true);
    assert.equal(message.folderName, 'examples');
    assert.equal(message.view.pageSize, 25);
    assert.equal(message.file?.name, 'acme-it.portfolio.yaml');
    assert.deepEqual(summary.lastPosted, message);
    assert.equal(panel.title, 'Alignment: examples');
  });

  it('opens a YAML line of a portfolio file of its folder', async () => {
    const { panel, summary } = open();
    current = summary;
    const message = await ready(panel, summary);
    const item = message.summary.unlinked[0]!;
    panel.send({ type: 'reveal', path: item.path, line: item.line });
    await settle();
    assert.equal(fake.shown.length, 1);
    assert.equal(fake.shown[0]!.uri, item.path);
    const line = fake.documents.get(item.path)!.split('\n')[item.line - 1]!;
    assert.deepEqual({ ...fake.shown[0]!.selection?.start }, { line: item.line - 1, character: /^\s*/.exec(line)![0].length });
  });

  it('refuses to open anything else, whatever the message says', async () => {
    const { panel, summary } = open();
    current = summary;
    await ready(panel, summary);
    fake.documents.set('file:///etc/passwd', 'root:x:0:0');
    for (const message of [
      { type: 'reveal', path: 'file:///etc/passwd', line: 1 },
      { type: 'reveal', path: `${FOLDER}/../../etc/passwd`, line: 1 },
      { type: 'reveal', path: ACME.toUpperCase(), line: 1 },
      { type: 'link', path: 'file:///etc/passwd', initiative: 'erp-upgrade' },
      { type: 'reveal', path: ACME, line: 0 },
      { type: 'reveal', path: ACME, line: 2, extra: 'x' },
      { type: 'runCommand', command: 'workbench.action.terminal.new' },
      'reveal',
    ]) panel.send(message);
    await settle();
    assert.deepEqual(fake.shown, []);
    assert.deepEqual(fake.commands, []);
    assert.equal(logged.length, 8);
  });

  it('runs the link quick fix for an initiative of the folder', async () => {
    const { panel, summary } = open();
    current = summary;
    const message = await ready(panel, summary);
    const item = message.summary.unlinked[0]!;
    panel.send({ type: 'link', path: item.path, initiative: item.id });
    await settle();
    assert.equal(fake.commands.length, 1);
    assert.equal(fake.commands[0]!.id, 'portfolioAlignment.linkToOutcome');
    assert.equal(String(fake.commands[0]!.args[0]), item.path);
    assert.equal(fake.commands[0]!.args[1], item.id);
  });

  it('applies scope and filters from the page, asking the engine with them', async () => {
    const { panel, summary, service } = open();
    current = summary;
    const first = await ready(panel, summary);
    const owner = first.owners.find((o) => o === 'ERP team')!;
    let posted = nextPost(summary);
    panel.send({ type: 'setFilter', owner, status: null });
    const filtered = await posted as SummaryMessage;
    assert.deepEqual(filtered.filters, { owner, status: null });
    assert.deepEqual(filtered.owners, first.owners, 'the choices stay those of the scope');
    assert.ok(filtered.summary.totalSpend < first.summary.totalSpend);
    assert.deepEqual(service.requests.at(-1), { type: 'summary', folder: FOLDER, filter: { owner } });
    posted = nextPost(summary);
    panel.send({ type: 'setScope', scope: 'file' });
    const scoped = await posted as SummaryMessage;
    assert.equal(scoped.scope, 'file');
    assert.deepEqual(service.requests.at(-1), { type: 'summary', folder: FOLDER, filter: { path: ACME, owner } });
    assert.deepEqual(summary.state, { folder: FOLDER, file: ACME, scope: 'file', filters: { owner, status: null } });
  });

  it('follows checks of its folder, and waits while the page is hidden', async () => {
    const { panel, summary, service } = open();
    current = summary;
    await ready(panel, summary);
    const count = panel.posted.length;
    const posted = nextPost(summary);
    service.checked.fire('file:///another-folder');
    service.checked.fire(FOLDER);
    service.checked.fire(FOLDER);
    await posted;
    assert.equal(panel.posted.length, count + 1, 'a burst of checks makes one update');
    // Hidden: the page is unloaded, nothing is posted until it is back and ready.
    panel.setVisible(false);
    service.checked.fire(FOLDER);
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.equal(panel.posted.length, count + 1);
    panel.setVisible(true);
    await ready(panel, summary);
    assert.equal(panel.posted.length, count + 2);
  });

  it('shows the Problems view and the first problem of a rule', async () => {
    const { panel, summary, service } = open();
    current = summary;
    const message = await ready(panel, summary);
    const rule = message.summary.problems.byRule[0]!.rule;
    panel.send({ type: 'showProblems', rule });
    await settle();
    assert.equal(fake.commands[0]!.id, 'workbench.actions.view.problems');
    const first = FILES.flatMap((f) => service.diagnosticsOf(Uri.parse(f)).filter((d) => d.code === rule).map((d) => ({ f, d })))[0]!;
    assert.equal(fake.shown[0]!.uri, first.f);
    assert.deepEqual({ ...fake.shown[0]!.selection?.start }, { line: first.d.range.start.line, character: first.d.range.start.character });
  });

  it('exports what it shows through the save dialog', async () => {
    const { panel, summary, service } = open();
    current = summary;
    await ready(panel, summary);
    fake.saveTarget = Uri.parse(`${FOLDER}/out.html`);
    panel.send({ type: 'export', format: 'html' });
    await settle();
    const full = await service.request({ type: 'summary', folder: FOLDER }) as Parameters<typeof renderExport>[1];
    assert.equal(fake.written.get(`${FOLDER}/out.html`), renderExport('html', full, { displayPath: (p) => p.slice(p.lastIndexOf('/') + 1), bands: { good: 0.9, fair: 0.7 } }));
    assert.match(fake.messages[0]!, /Exported the alignment summary to out\.html/);
    // No file chosen: nothing written.
    fake.saveTarget = undefined;
    panel.send({ type: 'export', format: 'csv' });
    await settle();
    assert.equal(fake.written.size, 1);
  });
});
