#!/usr/bin/env node
// Runs the in-editor tests (dist/test/integration/index.node.js) in code-server 4.100.3: the real
// VS Code 1.100.3 server with a Node extension host, which loads package.json `main`. Debian's
// Chromium drives the workbench; nothing leaves 127.0.0.1. Exit code 0 only when every test
// passes; prints one PASS/FAIL line last.
//
//   npm run build && node scripts/run-code-server-tests.js
//
// Needs scripts/install-code-server.sh to have run. Environment: TEST_TIMEOUT_MS (default 300000),
// VERBOSE=1 (browser console and server log), KEEP_TMP=1 (keep the temp workspace), CHROMIUM_PATH,
// TESTS_ENTRY (another built suite entry, relative to the repository).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');
const h = require('./lib/harness');

const NAME = 'in-editor tests, code-server (Node extension host)';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 300_000);
const VERBOSE = !!process.env.VERBOSE;

const started = Date.now();

/**
 * Makes the workspace copy a git repository for the panel's Compare with… test: the commit tagged
 * `baseline` also holds legacy.portfolio.yaml (EUR 100k with no outcome), deleted since, so the
 * working tree is the fixture as every other test expects it. Git runs without a shell.
 */
function commitBaseline(workspace) {
  const git = (...args) => execFileSync('git', args, { cwd: workspace, stdio: ['ignore', 'ignore', 'pipe'] });
  const legacy = path.join(workspace, 'legacy.portfolio.yaml');
  fs.writeFileSync(legacy, [
    'apiVersion: portfolio/v1',
    'kind: Portfolio',
    'metadata:',
    '  name: Harness fixture',
    '  currency: EUR',
    'initiatives:',
    '  - id: legacy-fax',
    '    title: Fax server maintenance',
    '    category: run',
    '    type: infrastructure',
    '    cost: 100k',
    '    owner: Facilities IT',
    '    status: active',
    '',
  ].join('\n'));
  git('init', '-q', '-b', 'main');
  git('-c', 'user.name=Portfolio Tests', '-c', 'user.email=tests@example.invalid', 'add', '-A');
  git('-c', 'user.name=Portfolio Tests', '-c', 'user.email=tests@example.invalid', 'commit', '-q', '--no-gpg-sign', '-m', 'baseline');
  git('tag', 'baseline');
  fs.rmSync(legacy);
}

async function main() {
  // TESTS_ENTRY runs another suite with the same harness (npm run bench measures activation so).
  const [testsPath] = h.needBuilt(process.env.TESTS_ENTRY || 'dist/test/integration/index.node.js', 'dist/extension.js');
  const tmp = h.makeTempDir('code-server');
  const workspace = h.copyWorkspace(tmp);
  commitBaseline(workspace);
  let server;
  let context;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    await server?.stop();
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    else h.log(`kept ${tmp}`);
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  process.once('SIGTERM', () => cleanup().finally(() => process.exit(143)));
  let outcome;
  try {
    // Git is on here (the harness turns it off elsewhere): the workspace is a repository for Compare with….
    server = await h.startCodeServer({ tmp, workspace, port: await h.freePort(), verbose: VERBOSE, settings: { 'git.enabled': true } });
    h.log(`code-server ${h.CODE_SERVER_VERSION} on ${server.origin}, workspace ${workspace}`);
    // The workbench reads these as remote paths: the extension host sees them as plain file paths.
    const remote = (p) => `vscode-remote://${server.host}${p}`;
    const payload = [
      ['extensionDevelopmentPath', remote(h.ROOT)],
      ['extensionTestsPath', remote(testsPath)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    context = await h.launchChromium();
    const page = await context.newPage();
    const serverDied = server.exited.then((code) => `code-server exited (${code}) during the run:\n${server.output().slice(-4000)}`);
    outcome = await h.runTestsInPage(page, url, { timeoutMs: TIMEOUT_MS, abort: serverDied, verbose: VERBOSE });
  } catch (error) {
    outcome = { code: 1, reason: error instanceof h.HarnessError ? error.message : error.stack };
  } finally {
    await cleanup();
  }
  h.finish(NAME, started, outcome);
}

main().catch((error) => h.finish(NAME, started, { code: 1, reason: error instanceof h.HarnessError ? error.message : error.stack }));
