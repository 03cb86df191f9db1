// Bundles the unit tests that mutation testing runs (stryker.config.json), as esbuild.js does for
// npm run test:unit. Stryker runs this in its sandbox after writing the mutated sources there, so
// the bundles hold every mutant (switched on one at a time by Stryker at run time).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const root = path.join(__dirname, '..');
const { spec } = require(path.join(root, 'stryker.config.json')).mochaOptions;
// dist/test/unit/<name>.test.js in the config is test/unit/<name>.test.ts here.
const entryPoints = spec.flatMap((pattern) => {
  const folder = path.dirname(pattern).replace(/^dist\//, '');
  const name = new RegExp('^' + path.basename(pattern).replace(/\./g, '\\.').replace(/\*/g, '.*').replace(/\\\.js$/, '\\.ts') + '$');
  return fs.readdirSync(path.join(root, folder)).filter((f) => name.test(f)).map((f) => `${folder}/${f}`);
});

fs.rmSync(path.join(root, 'dist/test/unit'), { recursive: true, force: true });
esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outdir: 'dist/test/unit',
  outbase: 'test/unit',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'es2022',
  packages: 'external',
  logLevel: 'warning',
  loader: { '.css': 'text' },
  define: { __VERSION__: JSON.stringify(require(path.join(root, 'package.json')).version) },
}).catch((error) => {
  console.error(error);
  process.exit(1);
});
