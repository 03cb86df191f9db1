// Run by npm run bench inside code-server instead of the test suite: reports how long the
// extension took to load and activate, as the extension measured it, and how long a fresh
// require() of its bundle takes (parse and compile included), then exits.
import * as vscode from 'vscode';

const EXTENSION_ID = 'portfolio-alignment.portfolio-alignment';

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<{ activateMs: number; sinceLoadMs?: number }>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const bundle = require.resolve(`${extension.extensionPath}/dist/extension.js`);
  // A second, fresh copy of the bundle: the time to read, compile and evaluate it.
  delete require.cache[bundle];
  const started = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a fresh CommonJS load is what is timed
  require(bundle);
  const requireMs = performance.now() - started;
  console.log(`PORTFOLIO_ACTIVATION ${JSON.stringify({ activateMs: api.activateMs, sinceLoadMs: api.sinceLoadMs, requireMs })}`);
}
