// action.yml's entry point run as GitHub runs it: `node action/main.js`, the inputs as INPUT_*
// environment variables, GITHUB_OUTPUT a file, in a real git repository.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers';

const ENTRY = path.join(REPO_ROOT, 'action/main.js');
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/cli');

function git(dir: string, ...args: string[]): void {
  const result = spawnSync('git', ['-c', 'user.email=test@example.com', '-c', 'user.name=Test', '-c', 'commit.gpgsign=false', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  assert.equal(result.status, 0, result.stderr);
}

describe('the GitHub action (action.yml)', function () {
  this.timeout(60_000);
  let repo: string;

  before(() => {
    repo = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-align-action-')));
    git(repo, 'init', '-q', '-b', 'main');
    fs.copyFileSync(path.join(FIXTURES, 'clean.portfolio.yaml'), path.join(repo, 'plan.portfolio.yaml'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    // The pull request: an initiative with no outcome.
    fs.appendFileSync(
      path.join(repo, 'plan.portfolio.yaml'),
      '  - id: shadow-it\n    title: Shadow IT\n    category: run\n    cost: 75k\n    owner: Somebody\n',
    );
  });

  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  /** Runs the entry point with these inputs, as the runner would. */
  function runAction(inputs: Record<string, string>) {
    const outputs = path.join(repo, '..', `${path.basename(repo)}-outputs`);
    fs.writeFileSync(outputs, '');
    const env: Record<string, string | undefined> = { ...process.env, GITHUB_OUTPUT: outputs, NO_COLOR: '1' };
    delete env.GITHUB_STEP_SUMMARY;
    for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
    const result = spawnSync(process.execPath, [ENTRY], { cwd: repo, encoding: 'utf8', env: env as NodeJS.ProcessEnv });
    const text = fs.readFileSync(outputs, 'utf8');
    fs.rmSync(outputs);
    return { ...result, outputs: text };
  }

  it('declares every input the entry point reads, and runs action/main.js', () => {
    const action = parse(fs.readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8'));
    assert.equal(action.runs.main, 'action/main.js');
    assert.match(action.runs.using, /^node\d+$/);
    const source = fs.readFileSync(ENTRY, 'utf8');
    const read = new Set([...source.matchAll(/(?:input|list)\('([a-z-]+)'\)/g)].map((m) => m[1]));
    for (const name of read) assert.ok(name! in action.inputs, `input ${name} is declared`);
    for (const name of [
      'fail-on',
      'min-alignment',
      'fail-on-new',
      'max-unlinked-increase',
      'min-alignment-delta',
      'format',
      'base',
      'head',
    ])
      assert.ok(name in action.inputs, name);
  });

  it('runs diff with the inputs: Markdown to the output file, the gate as the exit code and output', () => {
    const comment = path.join(repo, '..', `${path.basename(repo)}-comment.md`);
    const r = runAction({
      command: 'diff',
      paths: '.',
      base: 'main',
      format: 'md',
      'max-unlinked-increase': '50k',
      'fail-on-new': 'never',
      output: comment,
    });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /Unlinked spend grew by EUR 75,000\.00, more than --max-unlinked-increase EUR 50,000\.00/);
    assert.match(fs.readFileSync(comment, 'utf8'), /^<!-- portfolio-align:diff -->\n### Portfolio alignment: 100\.0% → /);
    assert.equal(r.outputs, 'exit-code=1\n');
    fs.rmSync(comment);
    const passing = runAction({
      command: 'diff',
      base: 'main',
      'max-unlinked-increase': '75k',
      'fail-on-new': 'never',
      'min-alignment-delta': '-10',
    });
    assert.equal(passing.status, 0, passing.stderr);
    assert.equal(passing.outputs, 'exit-code=0\n');
  });

  it('runs check by default, with rule overrides', () => {
    const r = runAction({ rules: 'unlinked-spend=error' });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /unlinked-spend/);
    assert.equal(runAction({ 'fail-on': 'never' }).status, 0);
  });

  it('refuses an unknown command in one annotation', () => {
    const r = runAction({ command: 'deploy' });
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^::error::The input command must be check, report, diff, history, not "deploy"\.\n$/);
    assert.equal(r.outputs, 'exit-code=2\n');
  });
});
