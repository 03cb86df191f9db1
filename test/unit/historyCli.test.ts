// portfolio-align history as a child process, against a real git repository with dated commits.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { run as runIn, type Run } from './cli/run';
import { yaml } from './helpers';

const OUTCOMES = yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: History test
    currency: EUR
  outcomes:
    - id: cost
      title: Cut cost
      owner: COO
      measures:
        - { kind: cost, metric: Cost per order, baseline: 12, target: 11 }
`;
const initiative = (id: string, cost: string, outcome?: string) =>
  `  - id: ${id}\n    title: Initiative ${id}\n    category: run\n${outcome ? `    outcomes: [${outcome}]\n` : ''}    cost: ${cost}\n    owner: Team ${id}\n`;
const portfolio = (...items: string[]) => OUTCOMES + 'initiatives:\n' + items.join('');

const folders: string[] = [];

function git(dir: string, args: string[], date?: string): string {
  const env = { ...process.env, ...(date ? { GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date } : {}) };
  const result = spawnSync(
    'git',
    ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false', ...args],
    { cwd: dir, encoding: 'utf8', env },
  );
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout.trim();
}

function commit(dir: string, files: Record<string, string>, date: string): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  git(dir, ['add', '-A']);
  git(dir, ['commit', '-q', '-m', `at ${date}`], date);
  return git(dir, ['rev-parse', 'HEAD']);
}

/** The CLI in `cwd`, outside GitHub Actions. */
function run(args: string[], cwd: string): Run {
  return runIn(args, cwd, { env: { GITHUB_STEP_SUMMARY: undefined } });
}

describe('portfolio-align history (CLI, real git)', function () {
  this.timeout(60_000);
  let repo: string;
  const commits: string[] = [];
  const scores = (stdout: string) => JSON.parse(stdout).points.map((p: any) => p.summary.alignmentScore);

  before(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-align-history-')));
    folders.push(repo);
    git(repo, ['init', '-q', '-b', 'main']);
    // 1. a 600k linked, c 400k unlinked: score 60%.
    commits.push(
      commit(
        repo,
        { 'p/x.portfolio.yaml': portfolio(initiative('a', '600k', 'cost'), initiative('c', '400k')) },
        '2027-01-05T12:00:00+00:00',
      ),
    );
    // 2. only a README beside the portfolio: no new point.
    commits.push(commit(repo, { 'p/README.md': 'notes\n' }, '2027-01-06T12:00:00+00:00'));
    // 3. c linked: 100%.
    commits.push(
      commit(
        repo,
        { 'p/x.portfolio.yaml': portfolio(initiative('a', '600k', 'cost'), initiative('c', '400k', 'cost')) },
        '2027-01-20T12:00:00+00:00',
      ),
    );
    // 4. d 250k unlinked: 1,000k of 1,250k, 80%; tagged v1.
    commits.push(
      commit(
        repo,
        { 'p/x.portfolio.yaml': portfolio(initiative('a', '600k', 'cost'), initiative('c', '400k', 'cost'), initiative('d', '250k')) },
        '2027-02-03T12:00:00+00:00',
      ),
    );
    git(repo, ['tag', 'v1']);
    // 5. d removed again: the same blob as at 3, 100%.
    commits.push(
      commit(
        repo,
        { 'p/x.portfolio.yaml': portfolio(initiative('a', '600k', 'cost'), initiative('c', '400k', 'cost')) },
        '2027-02-04T12:00:00+00:00',
      ),
    );
  });

  after(() => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('gives the summary at each commit that changed a portfolio file, oldest first (JSON)', () => {
    const r = run(['history', 'p', '--format', 'json', '--today', '2027-06-15'], repo);
    assert.equal(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout);
    assert.equal(json.version, 1);
    assert.deepEqual(
      json.points.map((p: any) => p.commit),
      [commits[0], commits[2], commits[3], commits[4]],
    );
    assert.deepEqual(
      json.points.map((p: any) => p.date),
      ['2027-01-05T12:00:00+00:00', '2027-01-20T12:00:00+00:00', '2027-02-03T12:00:00+00:00', '2027-02-04T12:00:00+00:00'],
    );
    assert.deepEqual(scores(r.stdout), [0.6, 1, 0.8, 1]);
    assert.deepEqual(
      json.points.map((p: any) => p.summary.unlinkedSpend),
      [400_000, 0, 250_000, 0],
    );
  });

  it('writes one CSV row a point', () => {
    const r = run(['history', 'p', '--format', 'csv'], repo);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.trimEnd().split('\r\n');
    assert.equal(rows[0], 'date,commit,score,total,aligned,unlinked,measured_share,run_share,currency');
    assert.equal(rows.length, 5);
    assert.equal(rows[1], `2027-01-05T12:00:00+00:00,${commits[0]},0.600000,1000000.00,600000.00,400000.00,0.600000,1.000000,EUR`);
    assert.equal(rows[3], `2027-02-03T12:00:00+00:00,${commits[3]},0.800000,1250000.00,1000000.00,250000.00,0.800000,1.000000,EUR`);
  });

  it('keeps the last commit of each week, month, or the tagged commits', () => {
    // Weeks 2027-W01 (5th, 6th), W03 (20th), W05 (3rd, 4th).
    const weeks = JSON.parse(run(['history', 'p', '--every', 'week', '-f', 'json'], repo).stdout);
    assert.deepEqual(
      weeks.points.map((p: any) => p.commit),
      [commits[1], commits[2], commits[4]],
    );
    assert.deepEqual(scores(run(['history', 'p', '--every', 'month', '-f', 'json'], repo).stdout), [1, 1]);
    assert.deepEqual(scores(run(['history', 'p', '--every', 'day', '-f', 'json'], repo).stdout), [0.6, 0.6, 1, 0.8, 1]);
    const tags = JSON.parse(run(['history', 'p', '--every', 'tag', '-f', 'json'], repo).stdout);
    assert.deepEqual(
      tags.points.map((p: any) => [p.tag, p.commit, p.summary.alignmentScore]),
      [['v1', commits[3], 0.8]],
    );
  });

  it('starts at --since, a date or a commit', () => {
    assert.deepEqual(scores(run(['history', 'p', '--since', '2027-01-20', '-f', 'json'], repo).stdout), [1, 0.8, 1]);
    const fromCommit = JSON.parse(run(['history', 'p', '--since', commits[1]!, '-f', 'json'], repo).stdout);
    // The state at the --since commit comes first, though that commit changed no portfolio file.
    assert.deepEqual(
      fromCommit.points.map((p: any) => [p.commit, p.summary.alignmentScore]),
      [
        [commits[1], 0.6],
        [commits[2], 1],
        [commits[3], 0.8],
        [commits[4], 1],
      ],
    );
  });

  it('prints a line a point in text, and an HTML table with no script', () => {
    const text = run(['history', 'p'], repo).stdout.trimEnd().split('\n');
    assert.equal(text.length, 4);
    assert.match(text[2]!, /^2027-02-03 {2}[0-9a-f]{10} {2}score {2}80\.0% {2}total EUR 1\.25M {2}unlinked EUR 250k {2}-20\.0 pts$/);
    const html = run(['history', 'p', '-f', 'html'], repo).stdout;
    assert.match(html, /<td>80\.0%<\/td>/);
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'sha256-/);
  });

  it('draws the trend above the HTML table: SVG with a dot per point where its date and score put it', () => {
    const html = run(['history', 'p', '-f', 'html'], repo).stdout;
    assert.equal(html.match(/<svg class="trend-chart"[^>]* role="img"/g)?.length, 2);
    assert.ok(html.indexOf('<svg') < html.indexOf('<table'), 'the chart comes before the table');
    // 60%, 100%, 80%, 100% on days 0, 15, 29 and 30 of 30: x = 72 + day/30 * 552, y = 172 - score * 160.
    const dots = [...html.matchAll(/<circle class="trend-dot score" cx="([\d.]+)" cy="([\d.]+)"/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
    ]);
    assert.deepEqual(dots, [
      [72, 76],
      [348, 12],
      [605.6, 44],
      [624, 12],
    ]);
    assert.match(html, /aria-label="Alignment score over time, 4 points from 2027-01-05 to 2027-02-04: 60\.0% at first, 100\.0% at last/);
    // The one stylesheet is the one the policy's hash allows.
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = crypto.createHash('sha256').update(style, 'utf8').digest('base64');
    assert.ok(html.includes(`style-src 'sha256-${hash}'`), 'the policy allows the stylesheet by its hash');
    assert.doesNotMatch(html, /\sstyle=|<script|\son[a-z]+=/i);
  });

  it('follows files added, deleted and broken along the way', () => {
    const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-align-history-')));
    folders.push(dir);
    git(dir, ['init', '-q', '-b', 'main']);
    const extra = 'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n' + initiative('z', '500k');
    commit(
      dir,
      { 'p/x.portfolio.yaml': portfolio(initiative('a', '500k', 'cost')), 'p/y.portfolio.yaml': extra },
      '2027-03-01T12:00:00+00:00',
    );
    commit(dir, { 'p/y.portfolio.yaml': 'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives: [\n' }, '2027-03-02T12:00:00+00:00');
    fs.rmSync(path.join(dir, 'p/y.portfolio.yaml'));
    commit(dir, {}, '2027-03-03T12:00:00+00:00');
    const json = JSON.parse(run(['history', 'p', '-f', 'json'], dir).stdout);
    // 1,000k half linked; then y does not parse (its 500k is missing); then y is gone.
    assert.deepEqual(
      json.points.map((p: any) => [p.summary.counts.files, p.summary.totalSpend, p.summary.alignmentScore, p.summary.problems.errors > 0]),
      [
        [2, 1_000_000, 0.5, false],
        [2, 500_000, 1, true],
        [1, 500_000, 1, false],
      ],
    );
  });

  it('refuses an unknown ref, a ref like an option and a path outside the repository, in one line', () => {
    const unknown = run(['history', 'p', '--ref', 'nope'], repo);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /^portfolio-align: Unknown git ref nope for --ref/);
    const option = run(['history', 'p', '--since=--output=x'], repo);
    assert.equal(option.status, 2);
    assert.match(option.stderr, /is not a git ref/);
    const outside = run(['history', 'p', os.tmpdir()], repo);
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /is outside the git repository/);
    assert.equal(outside.stderr.trimEnd().split('\n').length, 1);
  });
});
