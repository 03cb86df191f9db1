#!/usr/bin/env node
// Runs the same in-editor suite (dist/test/integration/index.node.js) in VS Code desktop through
// @vscode/test-electron. It downloads VS Code from update.code.visualstudio.com into
// .vscode-test/, so it only works on a machine with internet access (the offline CI uses
// test:code-server and test:web instead). On Linux without a display: xvfb-run -a npm run test:electron
//
// Environment: VSCODE_VERSION ('stable', the default, or e.g. 1.100.3, the oldest engines.vscode
// allows), KEEP_TMP=1 (keep the temp workspace).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const h = require('./lib/harness');

const NAME = 'in-editor tests, VS Code desktop (@vscode/test-electron)';

const started = Date.now();

async function main() {
  const version = process.env.VSCODE_VERSION || 'stable';
  const { runTests, downloadAndUnzipVSCode } = require('@vscode/test-electron');
  const [testsPath] = h.needBuilt('dist/test/integration/index.node.js', 'dist/extension.js');
  let executable;
  try {
    executable = await downloadAndUnzipVSCode({ version, cachePath: path.join(h.ROOT, '.vscode-test') });
  } catch (error) {
    const offline = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|ENETUNREACH|getaddrinfo/.test(String(error?.stack ?? error));
    console.error(String(error?.message ?? error));
    return h.finish(NAME, started, {
      code: 1,
      reason: offline
        ? `could not download VS Code ${version} from update.code.visualstudio.com (no network access to it). ` +
          'test:electron needs a machine that can download VS Code desktop; offline, use `npm run test:vscode` (code-server and web hosts).'
        : `could not download VS Code ${version}`,
    });
  }
  const tmp = h.makeTempDir('electron');
  const workspace = h.copyWorkspace(tmp);
  const launchArgs = [
    workspace,
    '--disable-extensions', // other installed extensions; the one under test still loads
    '--disable-workspace-trust',
    '--skip-welcome',
    '--skip-release-notes',
    '--disable-gpu',
    '--user-data-dir', path.join(tmp, 'user-data'),
    '--extensions-dir', path.join(tmp, 'extensions'),
  ];
  if (process.getuid?.() === 0) launchArgs.push('--no-sandbox'); // Electron refuses root without it
  let code;
  try {
    code = await runTests({ vscodeExecutablePath: executable, extensionDevelopmentPath: h.ROOT, extensionTestsPath: testsPath, launchArgs });
  } catch (error) {
    // runTests rejects with "Test run failed with code N" when tests fail.
    console.error(String(error?.message ?? error));
    code = 1;
  } finally {
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  }
  h.finish(NAME, started, { code });
}

main().catch((error) => h.finish(NAME, started, { code: 1, reason: error instanceof h.HarnessError ? error.message : error.stack }));
