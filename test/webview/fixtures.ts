// Portfolios for the page tests, and their summaries computed by the real engine (the same
// EngineServer the extension runs in its worker): no figure in these tests is written by hand.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Summary } from '../../src/core/summary/summarize';
import type { PortfolioDiff } from '../../src/core/summary/diff';
import { DEFAULT_BANDS } from '../../src/core/summary/report/view';
import type { SummaryFilter } from '../../src/engine/protocol';
import { EngineServer } from '../../src/engine/server';
import { summaryMessage } from '../../src/webview/summary/summaryMessage';
import { NO_FILTERS, type Filters, type Scope, type SummaryMessage } from '../../src/webview/protocol';

export const ROOT = path.resolve(__dirname, '../../..');
export const TODAY = '2027-06-30';

export interface PortfolioFiles {
  /** A folder URI, as the service keys folders. */
  folder: string;
  folderName: string;
  /** File URIs and their text. */
  files: Array<{ path: string; text: string }>;
}

/** examples/: the example portfolio the README describes. */
export function examples(): PortfolioFiles {
  const dir = path.join(ROOT, 'examples');
  const files = fs
    .readdirSync(dir)
    .filter((f) => /\.portfolio\.ya?ml$/.test(f))
    .sort()
    .map((f) => ({ path: pathToFileURL(path.join(dir, f)).href, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
  return { folder: pathToFileURL(dir).href, folderName: 'examples', files };
}

/** examples/ with one more initiative, as if it had just been typed: for live updates. */
export function examplesEdited(): PortfolioFiles {
  const base = examples();
  const files = base.files.map((f) =>
    f.path.endsWith('acme-it.portfolio.yaml')
      ? {
          ...f,
          text: `${f.text.trimEnd()}\n\n  - id: late-addition\n    title: Printer toner for the new office\n    category: run\n    type: other\n    cost: 5M\n    owner: Facilities IT\n    status: proposed\n`,
        }
      : f,
  );
  return { ...base, files };
}

const q = (text: string) => JSON.stringify(text);

/** The strings a hostile portfolio file carries: markup, script, handlers, links, bidi controls. */
export const HOSTILE = {
  img: '<img src=x onerror=alert(1)>',
  script: '</script><script>alert(1)</script>',
  js: 'javascript:alert(1)',
  attribute: '" onmouseover="alert(1)',
  rtl: 'invoice\u202Efdp.exe',
  long: 'L'.repeat(5000),
  longOwner: 'O'.repeat(5000),
} as const;

/** A portfolio made of hostile strings, in every place a file's text reaches the summary. */
export function hostile(): PortfolioFiles {
  const h = HOSTILE;
  const text = `apiVersion: portfolio/v1
kind: Portfolio
metadata:
  name: ${q(h.img + ' ' + h.script)}
  currency: EUR
  relationshipModel: peer
  brm: ${q(h.attribute)}
  budget: 1M
outcomes:
  - id: ${q(h.img)}
    title: ${q(h.script)}
    owner: ${q(h.js)}
    capability: ${q(h.attribute)}
    budget: 100k
    measures:
      - kind: cost
        metric: ${q(h.img)}
        unit: ${q(h.script)}
        baseline: 10
        target: 5
        actual: 4
        due: 2027-01-31
  - id: legit-outcome
    title: ${q(h.rtl)}
    owner: ${q(h.long)}
    capability: ${q(h.long)}
initiatives:
  - id: ${q(h.script)}
    title: ${q(h.img)}
    category: run
    type: infrastructure
    cost: 300k
    owner: ${q(h.attribute)}
    status: approved
  - id: ${q(h.js)}
    title: ${q(h.js)}
    category: grow
    type: application
    outcomes: [${q(h.img)}]
    cost: 250k
    owner: ${q(h.longOwner)}
    status: proposed
  - id: plain-id
    title: ${q(h.long)}
    category: transform
    type: data
    outcomes: [no-such-outcome]
    cost: 200k
    owner: ${q(h.js)}
    status: in-progress
  - id: rtl-id
    title: ${q(h.rtl)}
    category: run
    type: software-upgrade
    cost: 150k
    owner: ${q(h.rtl)}
    status: approved
  - id: linked-one
    title: ${q(h.attribute)}
    category: run
    type: application
    outcomes: [legit-outcome]
    cost: 400k
    owner: ${q(h.long)}
    status: done
`;
  const dir = path.join(ROOT, 'test/fixtures/webview');
  return {
    folder: pathToFileURL(dir).href,
    folderName: h.img,
    files: [{ path: pathToFileURL(path.join(dir, `${h.attribute}.portfolio.yaml`)).href, text }],
  };
}

/** A portfolio of `count` initiatives over 20 outcomes; every third one is unlinked. */
export function large(count = 10_000): PortfolioFiles {
  const lines = ['apiVersion: portfolio/v1', 'kind: Portfolio', 'metadata:', '  name: Large portfolio', '  currency: EUR', 'outcomes:'];
  for (let o = 0; o < 20; o++)
    lines.push(
      `  - id: outcome-${o}`,
      `    title: Outcome number ${o}`,
      `    owner: Sponsor ${o % 5}`,
      `    capability: Capability ${o % 7}`,
    );
  lines.push('initiatives:');
  const categories = ['run', 'grow', 'transform'];
  for (let i = 0; i < count; i++) {
    lines.push(
      `  - id: initiative-${i}`,
      `    title: Initiative number ${i}`,
      `    category: ${categories[i % 3]}`,
      '    type: application',
    );
    if (i % 3 !== 0) lines.push(`    outcomes: [outcome-${i % 20}]`);
    lines.push(`    cost: ${1000 + (i % 997) * 10}`, `    owner: Team ${i % 40}`, '    status: approved');
  }
  const dir = path.join(ROOT, 'test/fixtures/webview');
  return {
    folder: pathToFileURL(dir).href,
    folderName: 'large',
    files: [{ path: pathToFileURL(path.join(dir, 'large.portfolio.yaml')).href, text: lines.join('\n') + '\n' }],
  };
}

/** Loads the files into a fresh engine, as the service does, and asks for summaries. */
export class Engine {
  private readonly server = new EngineServer();

  constructor(readonly portfolio: PortfolioFiles) {
    this.server.handle({ type: 'configure', folder: portfolio.folder, settings: { today: TODAY, rules: {}, defaultModel: 'provider' } });
    for (const [version, file] of portfolio.files.entries())
      this.server.handle({ type: 'update', folder: portfolio.folder, path: file.path, text: file.text, version: version + 1 });
    this.server.handle({ type: 'check', folder: portfolio.folder });
  }

  /** The engine's diff of other texts of the files (a git ref's) against these. */
  compare(base: Array<{ path: string; text: string }>): PortfolioDiff {
    return this.server.handle({ type: 'compare', folder: this.portfolio.folder, base });
  }

  summary(filter?: SummaryFilter): Summary {
    return this.server.handle({ type: 'summary', folder: this.portfolio.folder, ...(filter ? { filter } : {}) });
  }

  /** Paths relative to the folder, as the panel shows them. */
  displayPaths(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const file of this.portfolio.files) out[file.path] = decodeURIComponent(file.path.slice(this.portfolio.folder.length + 1));
    return out;
  }

  /** What the panel would post for this scope and these filters. */
  message(options: { scope?: Scope; file?: string | null; filters?: Filters; pageSize?: number } = {}): SummaryMessage {
    const scope = options.scope ?? 'folder';
    const file = options.file === undefined ? this.portfolio.files[0]!.path : options.file;
    const filters = options.filters ?? NO_FILTERS;
    const path = scope === 'file' && file ? file : undefined;
    const base = this.summary(path ? { path } : undefined);
    const filtered = filters.owner !== null || filters.status !== null;
    const shown = filtered
      ? this.summary({
          ...(path ? { path } : {}),
          ...(filters.owner !== null ? { owner: filters.owner } : {}),
          ...(filters.status !== null ? { status: filters.status } : {}),
        })
      : base;
    return summaryMessage({
      folder: this.portfolio.folder,
      folderName: this.portfolio.folderName,
      file: file ? { path: file, name: decodeURIComponent(file.slice(file.lastIndexOf('/') + 1)) } : null,
      scope,
      filters,
      base,
      shown,
      bands: DEFAULT_BANDS,
      pageSize: options.pageSize ?? 50,
      displayPaths: this.displayPaths(),
    });
  }
}
