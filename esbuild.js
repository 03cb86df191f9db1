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
  loader: { '.css': 'text' },
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
  {
    ...common,
    entryPoints: ['src/tools/generateSchema.ts'],
    outfile: 'dist/tools/generate-schema.js',
    platform: 'node',
    format: 'cjs',
  },
];

// The extension: Node host (desktop, code-server) and browser host (vscode.dev), each with the
// engine in a worker of its own kind.
builds.push(
  { ...common, ...nodeCjs, entryPoints: ['src/extension/node.ts'], outfile: 'dist/extension.js', external: ['vscode'], minify: true },
  { ...common, ...nodeCjs, entryPoints: ['src/engine/worker.node.ts'], outfile: 'dist/engine.js', minify: true },
  { ...common, entryPoints: ['src/extension/web.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', external: ['vscode'], minify: true },
  { ...common, entryPoints: ['src/engine/worker.web.ts'], outfile: 'dist/web/engine.js', platform: 'browser', format: 'iife', minify: true },
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

// Unit tests run in plain Node from bundles; libraries stay in node_modules. Host code that
// imports `vscode` runs against a stand-in that records what it asks VS Code to do.
const unitTests = fs.readdirSync(path.join(__dirname, 'test/unit')).filter((f) => f.endsWith('.test.ts')).map((f) => `test/unit/${f}`);
builds.push({
  ...common,
  entryPoints: unitTests,
  outdir: 'dist/test/unit',
  platform: 'node',
  format: 'cjs',
  packages: 'external',
  alias: { vscode: './test/unit/fakes/vscode.ts' },
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

async function main() {
  if (watch) {
    const contexts = await Promise.all(builds.map((options) => esbuild.context(options)));
    await Promise.all(contexts.map((context) => context.watch()));
    console.log('Watching for changes...');
    return;
  }
  await Promise.all(builds.map((options) => esbuild.build(options)));
  fs.chmodSync(path.join(__dirname, 'dist/cli.js'), 0o755);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
