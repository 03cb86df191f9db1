// portfolio-align diff as a child process, against real git repositories made in temporary
// folders: commits, a branch, a rename, a deleted file, a file that does not parse at the base,
// a shallow clone. Expected deltas are worked out by hand in the comments.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertUsageError, CLI, run as runIn, type Run } from './cli/run';
import { OUTCOMES } from './diffFixtures';

const HEADER = 'apiVersion: portfolio/v1\nkind: Portfolio\n';

const initiative = (id: string, cost: string, outcome?: string) =>
  `  - id: ${id}\n    title: Initiative ${id.toUpperCase()}\n    category: grow\n${outcome ? `    outcomes: [${outcome}]\n` : ''}    cost: ${cost}\n    owner: Team ${id}\n`;
const initiatives = (...items: string[]) => HEADER + 'initiatives:\n' + items.join('');

/**
 * main: a 600k→cost, b 200k→growth, c 200k unlinked, l 100k→cost (legacy file), e 100k→growth
 * (old file), and a broken file. Total 1,200k, aligned 1,000k, unlinked 200k, score 83.3%.
 */
const MAIN: Record<string, string> = {
  'p/outcomes.portfolio.yaml': OUTCOMES,
  'p/initiatives.portfolio.yaml': initiatives(initiative('a', '600k', 'cost'), initiative('b', '200k', 'growth'), initiative('c', '200k')),
  'p/legacy.portfolio.yaml': initiatives(initiative('l', '100k', 'cost')),
  'p/old.portfolio.yaml': initiatives(initiative('e', '100k', 'growth')),
  'p/broken.portfolio.yaml': HEADER + 'initiatives: [\n',
};

/**
 * feature: a costs 700k, b is gone, d 150k unlinked is new, legacy is renamed to moved, old is
 * deleted, broken is fixed and holds f 50k→cost. Total 700+150+200+100+50 = 1,200k, aligned
 * 850k, unlinked 350k, score 70.8%: -12.5 points, +150k unlinked.
 */
const FEATURE: Record<string, string | null> = {
  'p/initiatives.portfolio.yaml': initiatives(initiative('a', '700k', 'cost'), initiative('d', '150k'), initiative('c', '200k')),
  'p/legacy.portfolio.yaml': null,
  'p/moved.portfolio.yaml': MAIN['p/legacy.portfolio.yaml']!,
  'p/old.portfolio.yaml': null,
  'p/broken.portfolio.yaml': initiatives(initiative('f', '50k', 'cost')),
};

const folders: string[] = [];

function tempFolder(): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-align-diff-')));
  folders.push(dir);
  return dir;
}

function git(dir: string, ...args: string[]): string {
  const result = spawnSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, `git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

function write(dir: string, files: Record<string, string | null>): void {
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (text === null) fs.rmSync(file, { force: true });
    else {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
    }
  }
}

/** A repository with main (MAIN) and feature (FEATURE, with a rename) checked out. */
function repository(): string {
  const dir = tempFolder();
  git(dir, 'init', '-q', '-b', 'main');
  write(dir, MAIN);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  git(dir, 'checkout', '-q', '-b', 'feature');
  git(dir, 'mv', 'p/legacy.portfolio.yaml', 'p/moved.portfolio.yaml');
  write(dir, FEATURE);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'feature');
  return dir;
}

/** The CLI in `cwd`, outside GitHub Actions unless `env` sets GITHUB_STEP_SUMMARY. */
function run(args: string[], cwd: string, env: Record<string, string | undefined> = {}): Run {
  return runIn(args, cwd, { env: { GITHUB_STEP_SUMMARY: undefined, ...env } });
}

const TODAY = ['--today', '2027-06-15'];
const keys = (findings: Array<{ code: string; subject: string }>) => findings.map((f) => `${f.code} ${f.subject}`).sort();

describe('portfolio-align diff (CLI, real git)', function () {
  this.timeout(60_000);
  let repo: string;

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node esbuild.js first`);
    repo = repository();
  });

  after(() => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
  });

  describe('two refs', () => {
    let json: any;
    let result: Run;

    before(() => {
      result = run(['diff', 'p', '--base', 'main', '--head', 'feature', '--format', 'json', '--fail-on-new', 'never', ...TODAY], repo);
      json = JSON.parse(result.stdout);
    });

    it('gives the summaries and their hand-computed differences', () => {
      assert.equal(result.status, 0, result.stderr);
      assert.equal(json.version, 1);
      assert.equal(json.base.ref, 'main');
      assert.equal(json.head.ref, 'feature');
      assert.match(json.base.commit, /^[0-9a-f]{40}$/);
      assert.equal(json.base.summary.totalSpend, 1_200_000);
      assert.equal(json.base.summary.unlinkedSpend, 200_000);
      assert.equal(json.head.summary.unlinkedSpend, 350_000);
      assert.equal(json.delta.totalSpend, 0);
      assert.equal(json.delta.alignedSpend, -150_000);
      assert.equal(json.delta.unlinkedSpend, 150_000);
      assert.equal(json.delta.alignmentScore, -0.125);
      assert.equal(json.delta.measuredShare, -0.125);
      assert.equal(json.delta.budgetUse, 0);
    });

    it('lists initiatives by id: a rename is no change, a deleted file removes its initiatives', () => {
      assert.deepEqual(json.initiatives, { added: ['d', 'f'], removed: ['b', 'e'], changed: ['a'] });
    });

    it('gives the new unlinked spend and the outcomes that changed', () => {
      assert.deepEqual(json.unlinked.added, [{ id: 'd', title: 'Initiative D', before: 0, after: 150_000, delta: 150_000 }]);
      const cost = json.outcomes.find((o: any) => o.id === 'cost');
      assert.deepEqual(
        [cost.spendBefore, cost.spendAfter, cost.spendDelta, cost.initiativesBefore, cost.initiativesAfter],
        [700_000, 850_000, 150_000, 2, 3],
      );
      const growth = json.outcomes.find((o: any) => o.id === 'growth');
      assert.deepEqual([growth.spendBefore, growth.spendAfter, growth.spendDelta], [300_000, 0, -300_000]);
      const capabilities = Object.fromEntries(json.capabilities.map((c: any) => [c.capability, c.spendDelta]));
      assert.equal(capabilities['Supply chain'], 150_000);
      assert.equal(capabilities.Sales, -300_000);
    });

    it('gives new and fixed findings by rule and subject; the file that did not parse at the base is reported', () => {
      const fresh = keys(json.findings.new);
      assert.ok(fresh.includes('unlinked-spend initiative:d'), fresh.join('\n'));
      assert.ok(fresh.includes('orphan-outcome outcome:growth'), fresh.join('\n'));
      assert.ok(!fresh.some((k) => k.includes('initiative:c') || k.includes('initiative:l')), fresh.join('\n'));
      assert.ok(keys(json.findings.fixed).includes('yaml-syntax file:p/broken.portfolio.yaml'), keys(json.findings.fixed).join('\n'));
      const d = json.findings.new.find((f: any) => f.subject === 'initiative:d' && f.code === 'unlinked-spend');
      assert.deepEqual(Object.keys(d).sort(), ['code', 'message', 'path', 'range', 'severity', 'subject']);
      assert.equal(d.path, 'p/initiatives.portfolio.yaml');
      // The provider model's default for unlinked spend.
      assert.equal(d.severity, 'warning');
      assert.deepEqual(json.base.unparsed, ['p/broken.portfolio.yaml']);
      assert.deepEqual(json.head.unparsed, []);
    });
  });

  describe('the working tree', () => {
    it('compares it with the base, uncommitted edits included', () => {
      write(repo, {
        'p/initiatives.portfolio.yaml': initiatives(initiative('a', '700k', 'cost'), initiative('d', '250k'), initiative('c', '200k')),
      });
      try {
        const r = run(['diff', 'p', '--base', 'main', '-f', 'json', '--fail-on-new', 'never', ...TODAY], repo);
        assert.equal(r.status, 0, r.stderr);
        const json = JSON.parse(r.stdout);
        assert.equal(json.head.ref, null);
        assert.equal(json.head.label, 'working tree');
        // d now costs 250k: unlinked 200 + 250 = 450k, +250k.
        assert.equal(json.delta.unlinkedSpend, 250_000);
      } finally {
        git(repo, 'checkout', '-q', '--', '.');
      }
    });

    it('reads the base from the repository of the paths, run from anywhere inside it', () => {
      const r = run(['diff', '.', '--base', 'main', '-f', 'json', '--fail-on-new', 'never', ...TODAY], path.join(repo, 'p'));
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).delta.unlinkedSpend, 150_000);
    });
  });

  describe('markdown for a pull request', () => {
    it('gives the score before and after, the new unlinked spend with amounts, counts, and folds the lists', () => {
      const r = run(['diff', 'p', '--base', 'main', '-f', 'md', '--fail-on-new', 'never', ...TODAY], repo);
      assert.equal(r.status, 0, r.stderr);
      const lines = r.stdout.split('\n');
      assert.equal(lines[0], '<!-- portfolio-align:diff -->');
      assert.match(r.stdout, /### Portfolio alignment: 83\.3% → 70\.8% \(-12\.5 pts\)/);
      assert.match(r.stdout, /\*\*\+EUR 150k unlinked\*\* in 1 initiative: `d` Initiative D \(\+EUR 150k\)/);
      assert.match(r.stdout, /Initiatives: 2 added, 2 removed, 1 changed · Findings: \d+ new, \d+ fixed/);
      assert.match(r.stdout, /<details><summary>New findings \(\d+\)<\/summary>/);
      assert.match(r.stdout, /<details><summary>Outcomes \(2 changed\)<\/summary>/);
      assert.match(r.stdout, /At main, p\/broken\\\.portfolio\\\.yaml does not parse/);
    });

    it('prints nothing with --quiet-unchanged when nothing changed, and something when it did', () => {
      const same = run(['diff', 'p', '--base', 'feature', '-f', 'md', '--quiet-unchanged', ...TODAY], repo);
      assert.equal(same.status, 0, same.stderr);
      assert.equal(same.stdout, '');
      const text = run(['diff', 'p', '--base', 'HEAD', '--quiet-unchanged', ...TODAY], repo);
      assert.equal(text.stdout, '');
      const changed = run(['diff', 'p', '--base', 'main', '-f', 'md', '--quiet-unchanged', '--fail-on-new', 'never', ...TODAY], repo);
      assert.match(changed.stdout, /portfolio-align:diff/);
    });

    it('writes the Markdown to --summary-file, and appends it to GITHUB_STEP_SUMMARY', () => {
      const out = tempFolder();
      const file = path.join(out, 'summary.md');
      const r = run(['diff', 'p', '--base', 'main', '--summary-file', file, '--fail-on-new', 'never', ...TODAY], repo);
      assert.equal(r.status, 0, r.stderr);
      assert.match(fs.readFileSync(file, 'utf8'), /^<!-- portfolio-align:diff -->\n### Portfolio alignment: 83\.3% → 70\.8%/);
      assert.match(r.stdout, /^Portfolio diff: main → working tree/);
      assert.deepEqual(fs.readdirSync(out), ['summary.md'], 'no temporary file left');
      const step = path.join(out, 'step.md');
      fs.writeFileSync(step, '# Earlier step\n');
      run(['diff', 'p', '--base', 'main', '--fail-on-new', 'never', ...TODAY], repo, { GITHUB_STEP_SUMMARY: step });
      assert.match(fs.readFileSync(step, 'utf8'), /^# Earlier step\n<!-- portfolio-align:diff -->/);
    });
  });

  describe('text and sarif', () => {
    it('prints the figures before → after in text', () => {
      const r = run(['diff', 'p', '--base', 'main', '--fail-on-new', 'never', ...TODAY], repo);
      assert.match(r.stdout, /Alignment score +83\.3% → 70\.8% +-12\.5 pts/);
      assert.match(r.stdout, /Unlinked spend +EUR 200k → EUR 350k +\+EUR 150k/);
      assert.match(r.stdout, /added +d, f/);
      assert.match(r.stdout, /removed +b, e/);
    });

    it('holds only the new findings in sarif', () => {
      const json = JSON.parse(run(['diff', 'p', '--base', 'main', '--head', 'feature', '-f', 'json', ...TODAY], repo).stdout);
      const sarif = JSON.parse(run(['diff', 'p', '--base', 'main', '--head', 'feature', '-f', 'sarif', ...TODAY], repo).stdout);
      const results = sarif.runs[0].results;
      assert.equal(results.length, json.findings.new.length);
      assert.ok(
        results.some(
          (r: any) =>
            r.ruleId === 'unlinked-spend' && r.locations[0].physicalLocation.artifactLocation.uri === 'p/initiatives.portfolio.yaml',
        ),
      );
      assert.ok(!results.some((r: any) => r.ruleId === 'yaml-syntax'));
    });
  });

  describe('gates', () => {
    const gate = (...args: string[]) => run(['diff', 'p', '--base', 'main', '--head', 'feature', '-f', 'json', ...TODAY, ...args], repo);

    it('fails on a new error by default, on a new warning with --fail-on-new warning, never with never', () => {
      assert.equal(gate().status, 0, 'the new findings are warnings and infos');
      const strict = gate('--rule', 'unlinked-spend=error');
      assert.equal(strict.status, 1);
      assert.match(strict.stderr, /^1 new finding of severity error or worse \(--fail-on-new error\)\.$/m);
      assert.equal(gate('--fail-on-new', 'warning').status, 1);
      assert.equal(gate('--rule', 'unlinked-spend=error', '--fail-on-new', 'never').status, 0);
    });

    it('fails when unlinked spend grows by more than --max-unlinked-increase', () => {
      assert.equal(gate('--fail-on-new', 'never', '--max-unlinked-increase', '150k').status, 0);
      const r = gate('--fail-on-new', 'never', '--max-unlinked-increase', '149999.99');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /Unlinked spend grew by EUR 150,000\.00, more than --max-unlinked-increase EUR 149,999\.99/);
    });

    it('fails when the score moves by less than --min-alignment-delta', () => {
      assert.equal(gate('--fail-on-new', 'never', '--min-alignment-delta=-12.5').status, 0);
      const r = gate('--fail-on-new', 'never', '--min-alignment-delta=-12');
      assert.equal(r.status, 1);
      assert.match(r.stderr, /Alignment score moved by -12\.5 points, less than --min-alignment-delta -12/);
    });

    it('applies --rule to both sides', () => {
      const off = JSON.parse(gate('--rule', 'unlinked-spend=off', '--rule', 'orphan-outcome=off', '--fail-on-new', 'never').stdout);
      assert.ok(!off.findings.new.some((f: any) => f.code === 'unlinked-spend' || f.code === 'orphan-outcome'));
      assert.ok(!off.findings.fixed.some((f: any) => f.code === 'unlinked-spend'));
    });
  });

  describe('baseline files', () => {
    it('saves a side with --save-baseline and compares with it as with the ref', () => {
      const out = tempFolder();
      const file = path.join(out, 'base.json');
      git(repo, 'checkout', '-q', 'main');
      try {
        const saved = run(['diff', 'p', '--save-baseline', file, ...TODAY], repo);
        assert.equal(saved.status, 0, saved.stderr);
        assert.match(saved.stderr, /Wrote baseline of working tree \(5 files\)/);
        assert.equal(JSON.parse(fs.readFileSync(file, 'utf8')).kind, 'portfolio-align-baseline');
      } finally {
        git(repo, 'checkout', '-q', 'feature');
      }
      const fromFile = JSON.parse(run(['diff', 'p', '--base', file, '-f', 'json', '--fail-on-new', 'never', ...TODAY], repo).stdout);
      const fromRef = JSON.parse(run(['diff', 'p', '--base', 'main', '-f', 'json', '--fail-on-new', 'never', ...TODAY], repo).stdout);
      assert.deepEqual(fromFile.delta, fromRef.delta);
      assert.deepEqual(fromFile.initiatives, fromRef.initiatives);
      assert.deepEqual(keys(fromFile.findings.new), keys(fromRef.findings.new));
      assert.deepEqual(fromFile.outcomes, fromRef.outcomes);
      assert.deepEqual(fromFile.base.summary, fromRef.base.summary);
    });

    it('refuses a file that is not a baseline, saying how to write one', () => {
      const out = tempFolder();
      fs.writeFileSync(path.join(out, 'x.json'), '{"version":1}');
      assertUsageError(
        run(['diff', 'p', '--base', path.join(out, 'x.json')], repo),
        /is not a portfolio-align baseline: write one with portfolio-align diff --save-baseline/,
      );
    });
  });

  describe('errors: exit 2 and one line saying what to do', () => {
    it('an unknown ref', () => {
      assertUsageError(run(['diff', 'p', '--base', 'no-such-branch'], repo), /Unknown git ref no-such-branch for --base/);
    });

    it('a ref that looks like an option never reaches git', () => {
      const out = tempFolder();
      const target = path.join(out, 'x');
      assertUsageError(run(['diff', 'p', `--base=--output=${target}`], repo), /is not a git ref: refs cannot be empty, start with "-"/);
      assertUsageError(run(['diff', 'p', '--base', 'main', `--head=--output=${target}`], repo), /is not a git ref/);
      assert.equal(fs.existsSync(target), false);
    });

    it('a path outside the repository', () => {
      const outside = tempFolder();
      write(outside, { 'x.portfolio.yaml': MAIN['p/outcomes.portfolio.yaml']! });
      assertUsageError(run(['diff', 'p', outside, '--base', 'main'], repo), /is outside the git repository/);
    });

    it('a folder that is not in a git repository', () => {
      const plain = tempFolder();
      write(plain, { 'x.portfolio.yaml': MAIN['p/outcomes.portfolio.yaml']! });
      assertUsageError(
        run(['diff', '--base', 'main'], plain, { GIT_CEILING_DIRECTORIES: path.dirname(plain) }),
        /is not in a git repository: .*--base FILE\.json/,
      );
    });

    it('no git installed', () => {
      const empty = tempFolder();
      assertUsageError(run(['diff', 'p', '--base', 'main'], repo, { PATH: empty }), /git is not installed or not on PATH/);
    });

    it('a shallow clone without the base', () => {
      const clone = path.join(tempFolder(), 'clone');
      git(path.dirname(clone), 'clone', '-q', '--depth', '1', '--branch', 'feature', `file://${repo}`, clone);
      assertUsageError(
        run(['diff', 'p', '--base', 'HEAD~1'], clone),
        /not in this shallow clone: fetch it \(git fetch --depth=1 origin HEAD~1/,
      );
      // The tip itself is there: comparing with it works.
      assert.equal(run(['diff', 'p', '--base', 'HEAD', '--fail-on-new', 'never'], clone).status, 0);
    });

    it('no base at all', () => {
      assertUsageError(run(['diff', 'p'], repo), /diff needs --base <git-ref>/);
    });
  });
});
