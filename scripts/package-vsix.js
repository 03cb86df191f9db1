#!/usr/bin/env node
// `npm run package`: builds the extension and writes portfolio-alignment-<version>.vsix in the
// repository root (or at the path given as the first argument), offline.
//
// vsce runs the `vscode:prepublish` script (node esbuild.js) first, then packs what .vscodeignore
// lets through. It is called through its API, not its command line: in a terminal the command line
// asks the npm registry whether a newer vsce exists. Dependencies are not listed or packed
// (`--no-dependencies`): esbuild bundles every library into dist/. Nothing here reaches the
// network (no marketplace, no registry). `npm run package:check` then checks the file list.
'use strict';
const path = require('node:path');
const { createVSIX } = require('@vscode/vsce');

const ROOT = path.resolve(__dirname, '..');
const { name, version } = require(path.join(ROOT, 'package.json'));
const out = path.resolve(process.argv[2] ?? path.join(ROOT, `${name}-${version}.vsix`));

createVSIX({ cwd: ROOT, packagePath: out, dependencies: false }).catch((error) => {
  console.error(`package-vsix: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
