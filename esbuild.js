// Builds every bundle: the CLI now; the extension (Node and web), the validation worker and the
// summary page script as they exist. `node esbuild.js --watch` rebuilds on change.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const pkg = require('./package.json');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: 'linked',
  target: 'es2022',
  logLevel: 'warning',
  legalComments: 'none',
  loader: { '.css': 'text', '.yaml': 'text' },
  define: { __VERSION__: JSON.stringify(pkg.version) },
};

// ESM-only code paths (fdir) read import.meta.url, which a CommonJS bundle must provide.
const nodeCjs = {
  platform: 'node',
  format: 'cjs',
  define: { ...common.define, 'import.meta.url': '__importMetaUrl' },
  banner: { js: 'var __importMetaUrl = require("url").pathToFileURL(__filename).href;' },
};

const builds = [
  {
    ...common,
    ...nodeCjs,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    minify: true,
    banner: { js: '#!/usr/bin/env node\n' + nodeCjs.banner.js },
  },
  // The spreadsheet libraries (SheetJS, csv-parse), and for the editor the import's core: loaded by the CLI and
  // the Node extension host only for import and
  // report --format xlsx, so they cost nothing to check.
  { ...common, ...nodeCjs, entryPoints: ['src/spreadsheet/index.ts'], outfile: 'dist/spreadsheet.js', minify: true },
  {
    ...common,
    entryPoints: ['src/tools/generateSchema.ts'],
    outfile: 'dist/tools/generate-schema.js',
    platform: 'node',
    format: 'cjs',
  },
];

// The extension: Node extension hosts (desktop, code-server) run `main`, vscode.dev and github.dev
// run `browser` in a web worker; each starts the engine in a worker of its own kind. The browser
// builds resolve packages' browser fields and fail on any Node built-in.
const vscodeExternal = { external: ['vscode'] };
const webDefine = { ...common.define, 'process.env.NODE_DEBUG': 'false', global: 'globalThis' };
// The first statement of the bundle notes the time, so that activate() can report how long
// evaluating the bundle and activating took (npm run bench reads it).
const loadStart = 'var __portfolioAlignmentLoadStart = performance.now();';
builds.push(
  { ...common, ...nodeCjs, ...vscodeExternal, entryPoints: ['src/extension/node.ts'], outfile: 'dist/extension.js', minify: true, banner: { js: `${nodeCjs.banner.js}\n${loadStart}` } },
  { ...common, ...nodeCjs, entryPoints: ['src/engine/worker.node.ts'], outfile: 'dist/engine.js', minify: true },
  { ...common, ...nodeCjs, ...vscodeExternal, entryPoints: ['src/webview/summary/index.ts'], outfile: 'dist/webview.js', minify: true },
  { ...common, ...vscodeExternal, entryPoints: ['src/extension/web.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', minify: true, define: webDefine, banner: { js: loadStart } },
  { ...common, entryPoints: ['src/engine/worker.web.ts'], outfile: 'dist/web/engine.js', platform: 'browser', format: 'iife', minify: true, define: webDefine },
);

// The benchmark (npm run bench) and its heap-measuring child process.
builds.push(
  { ...common, entryPoints: ['bench/run.ts', 'bench/heap.ts'], outdir: 'dist/bench', platform: 'node', format: 'cjs', packages: 'external' },
  { ...common, entryPoints: ['bench/activationSuite.ts'], outfile: 'dist/bench/activation-suite.js', platform: 'node', format: 'cjs', packages: 'external' },
  { ...common, entryPoints: ['bench/editorSuite.ts'], outfile: 'dist/bench/editor-suite.js', platform: 'node', format: 'cjs', packages: 'external' },
);

// The summary panel's page script: one self-contained file in media/, the only folder the webview
// may load from. It bundles the report's view builder and zod/mini, nothing that needs Node.
builds.push({
  ...common,
  entryPoints: ['src/webview/page/main.ts'],
  outfile: 'media/summary.js',
  platform: 'browser',
  format: 'iife',
  minify: true,
});

// Unit tests run in plain Node from bundles; libraries stay in node_modules.
// Subfolders too (test/unit/rules/*.test.ts); outbase keeps the folder layout under dist/test/unit.
const unitTests = fs.readdirSync(path.join(__dirname, 'test/unit'), { recursive: true })
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => `test/unit/${f.split(path.sep).join('/')}`);
builds.push({
  ...common,
  entryPoints: unitTests,
  outdir: 'dist/test/unit',
  outbase: 'test/unit',
  platform: 'node',
  format: 'cjs',
  packages: 'external',
});

// The page tests drive Chromium from Node; they bundle like the unit tests.
const webviewTests = fs.readdirSync(path.join(__dirname, 'test/webview')).filter((f) => f.endsWith('.test.ts')).map((f) => `test/webview/${f}`);
builds.push({
  ...common,
  entryPoints: webviewTests,
  outdir: 'dist/test/webview',
  platform: 'node',
  format: 'cjs',
  packages: 'external',
});

// A page script for the page tests only: the tree renderer on its own, fed hostile trees.
builds.push({
  ...common,
  entryPoints: ['test/webview/probe/renderProbe.ts'],
  outfile: 'dist/test/webview/render-probe.js',
  platform: 'browser',
  format: 'iife',
});

// In-editor tests (test/integration, see docs/testing.md), one suite for both hosts:
// Node hosts load dist/test/integration/index.node.js, which loads the *.test.js beside it;
// the web worker loads one bundle with every test in it, mocha's browser build and the npm
// `assert` polyfill, and must lie inside the extension folder.
const integrationDir = path.join(__dirname, 'test/integration');
if (fs.existsSync(integrationDir)) {
  const tests = fs.readdirSync(integrationDir).filter((f) => f.endsWith('.test.ts')).sort();
  // Both entries load exactly these, so a test deleted from the sources but still in dist/ is not run.
  const testNames = JSON.stringify(tests.map((f) => f.replace(/\.test\.ts$/, '')));
  builds.push(
    {
      ...common,
      entryPoints: ['test/integration/index.node.ts', ...tests.map((f) => `test/integration/${f}`)],
      outdir: 'dist/test/integration',
      platform: 'node',
      format: 'cjs',
      packages: 'external',
      define: { ...common.define, INTEGRATION_TESTS: testNames },
    },
    {
      ...common,
      ...vscodeExternal,
      entryPoints: ['test/integration/index.web.ts'],
      outfile: 'dist/web/test/integration/index.js',
      platform: 'browser',
      format: 'cjs',
      // The npm assert polyfill reads process.* when it formats a failure; give it an empty one.
      banner: { js: 'var process = globalThis.process || { env: {}, platform: "browser", argv: [], stderr: { isTTY: false }, stdout: { isTTY: false }, emitWarning: function () {}, cwd: function () { return "/"; } };' },
      define: { ...webDefine, INTEGRATION_TESTS: testNames },
    },
  );
}

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('Watching for changes...');
    return;
  }
  // A deleted or renamed test must not leave a stale bundle behind for mocha to run.
  fs.rmSync(path.join(__dirname, 'dist/test/unit'), { recursive: true, force: true });
  await Promise.all(builds.map((options) => esbuild.build(options)));
  fs.chmodSync(path.join(__dirname, 'dist/cli.js'), 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
