// portfolio-align as a real child process for the tests in this folder: in a temporary folder,
// with a time limit, so that a CLI that hangs (on a FIFO, say) fails its test instead of the suite.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';

export const CLI = path.join(REPO_ROOT, 'dist/cli.js');
export const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/cli');
const TIME_LIMIT_MS = 20_000;

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

const folders: string[] = [];

/** A fresh temporary folder with copies of the named fixtures; removed by removeFolders(). */
export function folder(fixtures: string[] = []): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'portfolio-align-test-'));
  folders.push(dir);
  for (const file of fixtures) fs.copyFileSync(path.join(FIXTURES, file), path.join(dir, file));
  return dir;
}

export function removeFolders(): void {
  for (const dir of folders.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

export function fixtureText(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), 'utf8');
}

export interface RunOptions {
  /** A shell command run before the CLI, in the same process (to set limits, say). */
  shell?: string;
  /** Variables set in (or, when undefined, removed from) the environment, which has NO_COLOR=1. */
  env?: Record<string, string | undefined>;
}

/** Runs the CLI in `dir`; fails the test if it is still running after the time limit. */
export function run(args: string[], dir: string, options: RunOptions = {}): Run {
  const command = options.shell
    ? (['/bin/sh', ['-c', `${options.shell}; exec "$0" "$@"`, process.execPath, CLI, ...args]] as const)
    : ([process.execPath, [CLI, ...args]] as const);
  const result = spawnSync(command[0], command[1], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    timeout: TIME_LIMIT_MS,
    killSignal: 'SIGKILL',
    env: environment({ NO_COLOR: '1', ...options.env }),
  });
  if (result.error && (result.error as NodeJS.ErrnoException).code !== 'ETIMEDOUT') throw result.error;
  assert.equal(result.signal, null, `portfolio-align ${args.join(' ')} was still running after ${TIME_LIMIT_MS / 1000} s (killed)`);
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** This process's environment with `changes`: a variable set to undefined is removed. */
function environment(changes: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: Record<string, string | undefined> = { ...process.env, ...changes };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  return env as NodeJS.ProcessEnv;
}

/** Exit code 2, nothing on standard output, one line on standard error that matches. */
export function assertUsageError(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2, r.stderr);
  assert.equal(r.stdout, '');
  const lines = r.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${JSON.stringify(r.stderr)}`);
  assert.match(lines[0]!, /^portfolio-align: /);
  assert.match(lines[0]!, pattern);
}

/** No C0/C1 control (but tab and line breaks) and no bidi control in text meant for a terminal. */
export const RAW_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;
