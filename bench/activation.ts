// Load and activation time of the extension, measured inside real VS Code (code-server, the Node
// extension host) by bench/activationSuite.ts: the median of a few editor starts.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface Activation {
  /** The time inside activate(), as the extension measures it. */
  activate: number;
  /** A fresh require() of the bundle: read, compile, evaluate. */
  load: number;
  /** From the bundle's first statement to the end of activate() in the real start: VS Code's own work in between included. */
  sinceLoad: number;
  runs: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export async function measureActivation(root: string, runs = 3): Promise<Activation | { error: string }> {
  if (!fs.existsSync(path.join(root, '.vscode-test/code-server')))
    return { error: 'code-server is not installed (npm run install:code-server)' };
  const activate: number[] = [];
  const load: number[] = [];
  const sinceLoad: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = spawnSync(process.execPath, [path.join(root, 'scripts/run-code-server-tests.js')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, TESTS_ENTRY: 'dist/bench/activation-suite.js' },
      timeout: 300_000,
    });
    const line = /PORTFOLIO_ACTIVATION (\{.*\})/.exec(result.stdout ?? '')?.[1];
    if (!line) return { error: `no measurement from code-server: ${(result.stdout + result.stderr).slice(-400)}` };
    const measured = JSON.parse(line) as { activateMs?: number; sinceLoadMs?: number; requireMs: number };
    if (measured.activateMs === undefined) return { error: 'the extension did not report its activation time' };
    activate.push(measured.activateMs);
    load.push(measured.requireMs);
    sinceLoad.push(measured.sinceLoadMs ?? NaN);
  }
  return { activate: median(activate), load: median(load), sinceLoad: median(sinceLoad), runs };
}
