// npm run bench: every figure of docs/performance.md, measured in one process run (child
// processes where a whole process is the thing measured), as medians after a warm-up, with
// ratios against yaml.parseDocument and yaml-language-server measured in the same run.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { Workspace } from '../src/core/check/workspace';
import { EngineServer } from '../src/engine/server';
import { generatePortfolio, outcomesYaml } from './generate';
import { measureActivation } from './activation';
import { measureEditor } from './editor';
import { measureImport } from './import';
import { yamlLanguageServerValidator } from './yamlLanguageServer';

const TODAY = '2027-06-01';
const root = path.resolve(__dirname, '../..');

interface Row {
  what: string;
  value: string;
  target?: string;
  hit?: boolean;
}

const rows: Row[] = [];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Times `run` `times` times after `warmup` runs; returns every sample in milliseconds. */
function sample(run: (i: number) => void, times: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) run(-1 - i);
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run(i);
    out.push(performance.now() - started);
  }
  return out;
}

/**
 * Times `a` and `b` in turns, `times` times each after `warmup` turns: a ratio of the two is then
 * not skewed by the machine's load drifting between a block of one and a block of the other.
 */
function samplePair(a: () => void, b: () => void, times: number, warmup = 2): [number[], number[]] {
  const first = sample(a, 0, warmup);
  const second = sample(b, 0, warmup);
  for (let i = 0; i < times; i++) {
    first.push(...sample(a, 1, 0));
    second.push(...sample(b, 1, 0));
  }
  return [first, second];
}

const ms = (value: number) => `${value.toFixed(value < 10 ? 2 : 1)} ms`;
const ratio = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)}×`;

function cold(n: number, runs: number, warmup: number): void {
  const text = generatePortfolio({ initiatives: n });
  const [engineTimes, parseTimes] = samplePair(
    () => {
      const workspace = new Workspace();
      workspace.setFile('p.portfolio.yaml', text);
      workspace.check({ today: TODAY });
    },
    () => parseDocument(text),
    runs,
    warmup,
  );
  const engine = median(engineTimes);
  const parse = median(parseTimes);
  rows.push({
    what: `Cold validation, N = ${n.toLocaleString('en-US')} (${(text.length / 1e6).toFixed(1)} MB): parse, rules, summary`,
    value: ms(engine),
  });
  rows.push({ what: `  yaml.parseDocument of the same text`, value: ms(parse) });
  rows.push({ what: `  ratio to yaml.parseDocument`, value: ratio(engine / parse), target: '≤ 1.15×', hit: engine / parse <= 1.15 });
}

async function sampleAsync(run: () => Promise<unknown>, times: number, warmup: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await run();
  const out: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    await run();
    out.push(performance.now() - started);
  }
  return out;
}

/** One-character edits inside one initiative each, through the engine the editor uses. */
async function edits(n: number): Promise<void> {
  const text = generatePortfolio({ initiatives: n });
  const server = new EngineServer();
  const folder = 'bench';
  const file = 'file:///bench/p.portfolio.yaml';
  server.handle({ type: 'configure', folder, settings: { today: TODAY, rules: {}, defaultModel: 'provider' } });
  server.handle({ type: 'update', folder, path: file, text, version: 1 });
  server.handle({ type: 'check', folder });
  let current = text;
  let version = 1;
  const times: number[] = [];
  for (let i = -5; i < 60; i++) {
    // Type one letter into the title of an initiative spread over the file. Finding the place is
    // the editor's business, so it is done before the clock starts.
    // A different initiative each time (7919 is prime to n): a title already edited no longer
    // matches, and indexOf would return -1 and put the edit in the file's header.
    const target = `Initiative ${((i + 5) * 7919) % n} for`;
    const found = current.indexOf(target);
    if (found < 0) throw new Error(`bench: "${target}" not found`);
    const at = found + target.length - 4;
    current = current.slice(0, at) + 'x' + current.slice(at);
    const started = performance.now();
    server.handle({
      type: 'edit',
      folder,
      path: file,
      changes: [{ start: at, end: at, text: 'x' }],
      baseVersion: version,
      version: ++version,
    });
    server.handle({ type: 'check', folder });
    if (i >= 0) times.push(performance.now() - started);
  }
  const validator = yamlLanguageServerValidator(path.join(root, 'schemas/portfolio.schema.json'));
  const yls = median(await sampleAsync(() => validator(current), 5, 1));
  const editMedian = median(times);
  rows.push({
    what: `Re-validation after a one-character edit, N = ${n.toLocaleString('en-US')}: median`,
    value: ms(editMedian),
    target: '≤ 30 ms',
    hit: editMedian <= 30,
  });
  rows.push({ what: '  p95', value: ms(percentile(times, 95)) });
  rows.push({ what: '  yaml-language-server doValidation of the same text (full)', value: ms(yls) });
  rows.push({ what: '  speed-up over yaml-language-server', value: ratio(yls / editMedian), target: '≥ 50×', hit: yls / editMedian >= 50 });
}

function workspaceOfFiles(files: number, each: number): void {
  const texts = new Map<string, string>();
  texts.set(
    'file:///w/outcomes.portfolio.yaml',
    `apiVersion: portfolio/v1\nkind: Portfolio\n${outcomesYaml(Math.max(1, Math.floor((files * each) / 20)))}`,
  );
  for (let f = 0; f < files; f++) {
    texts.set(
      `file:///w/team-${f}.portfolio.yaml`,
      generatePortfolio({ initiatives: each, prefix: `t${f}-`, withOutcomes: false, outcomeCount: Math.floor((files * each) / 20) }),
    );
  }
  const coldTimes = sample(
    () => {
      const workspace = new Workspace();
      for (const [p, t] of texts) workspace.setFile(p, t);
      workspace.analysis({ today: TODAY });
    },
    5,
    1,
  );
  const workspace = new Workspace();
  for (const [p, t] of texts) workspace.setFile(p, t);
  workspace.analysis({ today: TODAY });
  const changed = 'file:///w/team-7.portfolio.yaml';
  const original = texts.get(changed)!;
  const updateTimes = sample(
    (i) => {
      workspace.setFile(changed, original.replace('Initiative 3 for', `Initiative 3${i} for`));
      workspace.analysis({ today: TODAY });
    },
    20,
    3,
  );
  rows.push({ what: `Workspace of ${files} files × ${each} initiatives: cold index and check`, value: ms(median(coldTimes)) });
  rows.push({ what: '  update after one file changes', value: ms(median(updateTimes)) });
}

function heap(n: number): void {
  const script = path.join(__dirname, 'heap.js');
  const result = spawnSync(process.execPath, ['--expose-gc', '--max-old-space-size=200', script, String(n)], { encoding: 'utf8' });
  const peak = Number(/peak=(\d+)/.exec(result.stdout)?.[1] ?? NaN) / 1e6;
  const fits = result.status === 0;
  rows.push({
    what: `Peak heap, N = ${n.toLocaleString('en-US')} (sampled; run with --max-old-space-size=200)`,
    value: Number.isFinite(peak) ? `${peak.toFixed(0)} MB${fits ? '' : ' (out of memory)'}` : `failed: ${result.stderr.slice(0, 200)}`,
    target: '≤ 200 MB',
    hit: fits && peak <= 200,
  });
}

function bundles(): void {
  const size = (file: string) => fs.statSync(path.join(root, file)).size;
  const node = size('dist/extension.js');
  const nodeEngine = size('dist/engine.js');
  const web = size('dist/web/extension.js');
  const webEngine = size('dist/web/engine.js');
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`;
  rows.push({ what: 'Node bundle (dist/extension.js), minified', value: kb(node), target: '≤ 500 KB', hit: node <= 500_000 });
  rows.push({ what: '  its engine worker (dist/engine.js), loaded on the first portfolio file', value: kb(nodeEngine) });
  rows.push({ what: 'Web bundle (dist/web/extension.js) and its worker', value: `${kb(web)} + ${kb(webEngine)}` });
}

async function activation(): Promise<void> {
  const result = await measureActivation(root);
  if ('error' in result) {
    rows.push({
      what: 'Load and activate the extension (code-server)',
      value: `not measured: ${result.error}`,
      target: '≤ 50 ms',
      hit: false,
    });
    return;
  }
  const total = result.activate + result.load;
  rows.push({
    what: `Load and activate the extension in code-server (median of ${result.runs} starts)`,
    value: ms(total),
    target: '≤ 50 ms',
    hit: total <= 50,
  });
  rows.push({ what: '  load: a fresh require() of dist/extension.js (read, compile, evaluate)', value: ms(result.load) });
  rows.push({ what: '  activate(), measured by the extension', value: ms(result.activate) });
  rows.push({
    what: "  (first statement of the bundle to the end of activate() at start-up, VS Code's work between included)",
    value: ms(result.sinceLoad),
  });
}

function cliProcess(n: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-cli-'));
  const file = path.join(dir, 'big.portfolio.yaml');
  fs.writeFileSync(file, generatePortfolio({ initiatives: n }));
  const bare = path.join(dir, 'bare.js');
  fs.writeFileSync(
    bare,
    `require(${JSON.stringify(require.resolve('yaml'))}).parseDocument(require('fs').readFileSync(${JSON.stringify(file)}, 'utf8'));\n`,
  );
  const run = (args: string[]) => {
    const started = performance.now();
    const result = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status === null || result.status > 1) throw new Error(`${args.join(' ')} failed: ${result.stderr}`);
    return performance.now() - started;
  };
  const [cliTimes, parseTimes] = samplePair(
    () => run([path.join(root, 'dist/cli.js'), 'check', file, '--format', 'json', '--today', TODAY]),
    () => run([bare]),
    7,
    1,
  );
  const cli = median(cliTimes);
  const parse = median(parseTimes);
  fs.rmSync(dir, { recursive: true, force: true });
  rows.push({ what: `portfolio-align check, N = ${n.toLocaleString('en-US')}, whole process`, value: ms(cli) });
  rows.push({ what: '  bare node process running yaml.parseDocument on it', value: ms(parse) });
  rows.push({ what: '  ratio', value: ratio(cli / parse), target: '≤ 1.2×', hit: cli / parse <= 1.2 });
}

/**
 * portfolio-align history over `commits` commits of an `n`-initiative portfolio, each commit
 * changing one initiative's cost. The repository is written by one `git fast-import`.
 */
function historyProcess(commits: number, n: number): void {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-history-'));
  const git = (args: string[], input?: string) => {
    const result = spawnSync('git', args, { cwd: dir, input, encoding: 'utf8', maxBuffer: 1 << 28 });
    if (result.status !== 0) throw new Error(`git ${args[0]} failed: ${result.stderr}`);
  };
  git(['init', '-q', '-b', 'main']);
  let text = generatePortfolio({ initiatives: n });
  const chunks: string[] = [];
  for (let i = 0; i < commits; i++) {
    // A different initiative's cost each time (7919 is prime to n).
    const target = `  - id: initiative-${(i * 7919) % n}\n`;
    const at = text.indexOf(target);
    const cost = text.indexOf('    cost: ', at);
    const end = text.indexOf('\n', cost);
    text = text.slice(0, cost) + `    cost: ${1000 + i}k` + text.slice(end);
    const message = `commit ${i}`;
    // Successive commits to one branch in one stream follow each other: no `from` needed.
    chunks.push(
      `commit refs/heads/main\ncommitter Bench <bench@example.com> ${1_800_000_000 + i * 3600} +0000\ndata ${Buffer.byteLength(message)}\n${message}\n`,
    );
    chunks.push(`M 100644 inline p/big.portfolio.yaml\ndata ${Buffer.byteLength(text)}\n${text}\n`);
  }
  git(['fast-import', '--quiet'], chunks.join(''));
  if (process.env.BENCH_HISTORY_REPO) fs.cpSync(dir, process.env.BENCH_HISTORY_REPO, { recursive: true });
  const cpu: number[] = [];
  const run = () => {
    const started = performance.now();
    const childCpuBefore = childCpuSeconds();
    const result = spawnSync(
      process.execPath,
      [path.join(root, 'dist/cli.js'), 'history', 'p', '--ref', 'main', '--format', 'csv', '--today', TODAY],
      { cwd: dir, encoding: 'utf8', maxBuffer: 1 << 28 },
    );
    if (result.status !== 0) throw new Error(`history failed: ${result.stderr}`);
    const points = result.stdout.trimEnd().split('\n').length - 1;
    if (points !== commits) throw new Error(`history gave ${points} points, not ${commits}`);
    cpu.push(childCpuSeconds() - childCpuBefore);
    return performance.now() - started;
  };
  const times = [run(), run(), run()];
  fs.rmSync(dir, { recursive: true, force: true });
  const seconds = median(times) / 1000;
  rows.push({
    what: `portfolio-align history, ${commits} commits of N = ${n.toLocaleString('en-US')}, whole process (median of 3)`,
    value: `${seconds.toFixed(1)} s`,
    target: '≤ 30 s',
    hit: seconds <= 30,
  });
  if (cpu.every((c) => c >= 0))
    rows.push({ what: '  CPU time (user + system) of the process and its git processes', value: `${median(cpu).toFixed(1)} s` });
}

/** User + system seconds of the waited-for child processes so far (Linux /proc; -1 elsewhere). */
function childCpuSeconds(): number {
  try {
    const fields = fs
      .readFileSync('/proc/self/stat', 'utf8')
      .replace(/^.*\) /s, '')
      .split(' ');
    // After the command name: cutime and cstime are fields 16 and 17 of stat, 14 and 15 here.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return -1;
  }
}

function print(): void {
  const width = Math.max(...rows.map((r) => r.what.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  const lines = [
    `| ${'Measure'.padEnd(width)} | ${'Result'.padEnd(valueWidth)} | Target | |`,
    `|${'-'.repeat(width + 2)}|${'-'.repeat(valueWidth + 2)}|--------|------|`,
  ];
  for (const r of rows)
    lines.push(
      `| ${r.what.padEnd(width)} | ${r.value.padEnd(valueWidth)} | ${(r.target ?? '').padEnd(6)} | ${r.hit === undefined ? '' : r.hit ? 'hit' : 'MISS'} |`,
    );
  console.log(lines.join('\n'));
  console.log(
    `\n${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  );
}

async function main(): Promise<void> {
  const only = process.argv[2];
  const steps: Array<[string, () => void | Promise<void>]> = [
    [
      'cold',
      () => {
        cold(1_000, 9, 5);
        cold(10_000, 5, 2);
      },
    ],
    ['edit', () => edits(10_000)],
    ['workspace', () => workspaceOfFiles(200, 100)],
    ['heap', () => heap(10_000)],
    ['bundle', () => bundles()],
    ['activation', () => activation()],
    [
      'editor',
      () => {
        rows.push(...measureEditor(root));
      },
    ],
    ['cli', () => cliProcess(10_000)],
    [
      'import',
      () => {
        rows.push(...measureImport(root));
      },
    ],
    ['history', () => historyProcess(500, 1_000)],
  ];
  for (const [name, step] of steps) {
    if (only && only !== name) continue;
    process.stderr.write(`bench: ${name}…\n`);
    await step();
  }
  print();
}

void main();
