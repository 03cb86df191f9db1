// The npm package on its own: `npm pack` of this repository installed into an empty folder with
// no registry (--offline), then its `portfolio-align` run. It installs offline because the
// package has no runtime dependency: dist/cli.js bundles every library it uses.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './helpers';

function npm(args: string[], cwd: string) {
  const result = spawnSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_update_notifier: 'false' },
  });
  assert.equal(result.status, 0, `npm ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

describe('the npm package', function () {
  this.timeout(180_000);
  let dir: string;

  before(() => {
    assert.ok(fs.existsSync(path.join(REPO_ROOT, 'dist/cli.js')), 'dist/cli.js is missing: run node esbuild.js first');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-align-pack-'));
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has no runtime dependency, so that installing it fetches nothing', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    assert.deepEqual(Object.keys(pkg.dependencies ?? {}), []);
  });

  it('installs from its tarball into an empty folder offline, and runs', () => {
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], REPO_ROOT));
    const files = packed[0].files.map((f: { path: string }) => f.path);
    assert.ok(files.includes('dist/cli.js'));
    assert.ok(!files.some((f: string) => f.startsWith('src/') || f.startsWith('test/')), files.join('\n'));
    const tarball = path.join(dir, packed[0].filename);
    const project = path.join(dir, 'project');
    fs.mkdirSync(project);
    fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "empty", "version": "1.0.0", "private": true }\n');
    npm(['install', '--offline', tarball], project);
    const bin = path.join(project, 'node_modules/.bin/portfolio-align');
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    assert.match(version.stdout, /^portfolio-align \d+\.\d+\.\d+/);
    const check = spawnSync(
      process.execPath,
      [bin, 'check', path.join(REPO_ROOT, 'test/fixtures/cli/clean.portfolio.yaml'), '--format', 'json'],
      { encoding: 'utf8' },
    );
    assert.equal(check.status, 0, check.stderr);
    assert.equal(JSON.parse(check.stdout).summary.totalSpend, 851_135.8);
  });
});
