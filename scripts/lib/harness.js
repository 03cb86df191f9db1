// Shared by the in-editor test runners and the screenshot tool: the test workspace copy, a free
// loopback port, Debian's Chromium through playwright-core, code-server, and the wait for VS
// Code's test exit code. Plain CommonJS for Node 20, no build step.
'use strict';
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');

const ROOT = path.resolve(__dirname, '../..');
const FIXTURE = path.join(ROOT, 'test/fixtures/workspace');
const CODE_SERVER_VERSION = '4.100.3';
const CODE_SERVER_DIR = path.join(ROOT, '.vscode-test/code-server');
const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules/code-server/out/node/entry.js');
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Headless, no GPU, and nothing but loopback: every host name other than localhost (and its
// subdomains, where test-web serves webviews) fails to resolve, so a run never goes online.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox', // root in a container
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-extensions',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE *.localhost, EXCLUDE 127.0.0.1',
];

class HarnessError extends Error {}

function log(message) {
  console.log(`[harness] ${message}`);
}

/** An absolute path that must exist, or a HarnessError saying how to make it. */
function need(file, hint) {
  if (!fs.existsSync(file)) throw new HarnessError(`${path.relative(ROOT, file) || file} is missing: ${hint}`);
  return file;
}

/**
 * The built bundles a runner needs. Missing: a HarnessError. Older than a source file: a warning,
 * since the runners test dist/ as it is (npm test builds first; alone, run `npm run build`).
 */
function needBuilt(...files) {
  for (const file of files) need(path.join(ROOT, file), 'run `npm run build` first');
  const built = Math.min(...files.map((file) => fs.statSync(path.join(ROOT, file)).mtimeMs));
  const newest = (dir) => {
    let latest = { time: 0, file: '' };
    for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
      if (!entry.isFile()) continue;
      const file = path.join(entry.parentPath ?? entry.path, entry.name);
      const time = fs.statSync(file).mtimeMs;
      if (time > latest.time) latest = { time, file };
    }
    return latest;
  };
  const latest = [newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'test/integration'))].sort((a, b) => b.time - a.time)[0];
  if (latest.time > built) log(`WARNING: ${path.relative(ROOT, latest.file)} is newer than the bundles in dist/: run \`npm run build\` to test the current code`);
  return files.map((file) => path.join(ROOT, file));
}

/** A fresh temp folder for one run. */
function makeTempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), `portfolio-${prefix}-`));
}

/** A copy of test/fixtures/workspace in `tmp`: tests may edit it freely. */
function copyWorkspace(tmp) {
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(need(FIXTURE, 'the test workspace fixture'), workspace, { recursive: true });
  return workspace;
}

/** A TCP port free on 127.0.0.1 right now (runs in other worktrees may be using fixed ones). */
function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function launchChromium(options = {}) {
  const { chromium } = require('playwright-core');
  need(CHROMIUM, 'install Debian\'s chromium (apt-get install -y chromium) or set CHROMIUM_PATH');
  const launch = { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, ...options.launch };
  if (options.profile) return chromium.launchPersistentContext(options.profile, { viewport: null, ...launch, ...options.context });
  const browser = await chromium.launch(launch);
  const context = await browser.newContext({ viewport: null, ...options.context });
  context.on('close', () => browser.close().catch(() => {}));
  return context;
}

/**
 * Starts code-server on 127.0.0.1 with a throwaway user-data dir inside `tmp` (plus `settings`
 * in its settings.json). Returns { origin, host, stop(), exited, output() } once it listens.
 */
async function startCodeServer({ tmp, workspace, port, verbose, settings = {} }) {
  need(CODE_SERVER_ENTRY, 'run scripts/install-code-server.sh first (installs code-server offline into .vscode-test/)');
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  // Quiet, offline, deterministic workbench: no welcome page, trust prompt, update or gallery checks.
  fs.writeFileSync(
    path.join(userData, 'User', 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'security.workspace.trust.enabled': false,
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'extensions.ignoreRecommendations': true,
        'update.mode': 'none',
        'telemetry.telemetryLevel': 'off',
        'git.enabled': false,
        'files.autoSave': 'off',
        ...settings,
      },
      null,
      2,
    ),
  );
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\ncert: false\n');
  const args = [
    CODE_SERVER_ENTRY,
    '--config', path.join(tmp, 'config.yaml'),
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--disable-proxy',
    '--user-data-dir', userData,
    '--extensions-dir', path.join(tmp, 'extensions'),
    workspace,
  ];
  const server = spawn(process.execPath, args, {
    cwd: tmp,
    detached: true, // its own process group, so stop() ends the server and its extension hosts
    env: { ...process.env, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'), XDG_DATA_HOME: path.join(tmp, 'xdg-data') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve(signal ?? code)));
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new HarnessError(`code-server did not listen within 120 s:\n${output}`)), 120_000);
    const onData = (data) => {
      output += data;
      if (verbose) process.stderr.write(`[code-server] ${data}`);
      if (/HTTP server listening on/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on('data', onData);
    server.stderr.on('data', onData);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new HarnessError(`code-server exited (${code}) before listening:\n${output}`));
    });
  });
  let stopped;
  const stop = () =>
    (stopped ??= (async () => {
      if (server.exitCode !== null || server.signalCode !== null) return;
      try {
        process.kill(-server.pid, 'SIGTERM');
      } catch {}
      const killed = setTimeout(() => {
        try {
          process.kill(-server.pid, 'SIGKILL');
        } catch {}
      }, 5_000);
      await exited;
      clearTimeout(killed);
    })());
  return { origin: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, stop, exited, output: () => output };
}

/**
 * Opens `url` in `page` and resolves with the exit code VS Code reports through
 * window.codeAutomationExit (0 = every test passed), or a failure code when the page crashes,
 * `abort` resolves, or `timeoutMs` passes. Test output arrives through codeAutomationLog.
 */
async function runTestsInPage(page, url, { timeoutMs, abort, verbose }) {
  let settle;
  const result = new Promise((resolve) => (settle = resolve));
  let galleryNoted = false;
  await page.exposeFunction('codeAutomationLog', (type, args) => {
    // The extension gallery (open-vsx.org) is unreachable offline: harmless, but its stack trace
    // looks like a failure in the log. One line instead, unless VERBOSE.
    if (!verbose && args.some((a) => /ENOTFOUND open-vsx\.org/.test(String(a)))) {
      if (!galleryNoted) console.log('(extension gallery open-vsx.org unreachable, as expected offline)');
      galleryNoted = true;
      return;
    }
    (console[type] || console.log)(...args);
  });
  await page.exposeFunction('codeAutomationExit', (code) => settle({ code }));
  page.on('crash', () => settle({ code: 3, reason: 'the browser page crashed' }));
  page.on('pageerror', (error) => verbose && console.error('[page error]', error));
  if (verbose) page.on('console', (m) => console.log(`[browser ${m.type()}]`, m.text()));
  const timer = setTimeout(() => settle({ code: 2, reason: `timed out after ${timeoutMs / 1000} s (TEST_TIMEOUT_MS)` }), timeoutMs);
  abort?.then((reason) => settle({ code: 4, reason }));
  try {
    await page.goto(url);
  } catch (error) {
    settle({ code: 5, reason: `could not load ${url}: ${error.message}` });
  }
  const outcome = await result;
  clearTimeout(timer);
  return outcome;
}

/** Prints the PASS/FAIL line and exits with 0 only for a pass. */
function finish(name, started, outcome) {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (outcome.code === 0) {
    console.log(`PASS ${name} in ${seconds}s`);
    process.exit(0);
  }
  console.log(`FAIL ${name} (exit code ${outcome.code}${outcome.reason ? `: ${outcome.reason}` : ''}) in ${seconds}s`);
  process.exit(1);
}

module.exports = {
  ROOT,
  FIXTURE,
  CODE_SERVER_VERSION,
  CODE_SERVER_DIR,
  CHROMIUM,
  CHROMIUM_ARGS,
  HarnessError,
  log,
  need,
  needBuilt,
  makeTempDir,
  copyWorkspace,
  freePort,
  launchChromium,
  startCodeServer,
  runTestsInPage,
  finish,
};
