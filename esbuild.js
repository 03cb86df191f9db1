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
