#!/usr/bin/env node
// Checks the file list of the built .vsix (`npm run package:check` runs `npm run package` first):
// every file the extension needs at run time is in it, and nothing that must stay out is (sources,
// source maps, test bundles, scripts, node_modules, ...). Prints the file count and sizes.
//
//   node scripts/check-vsix.js [file.vsix]     (default: portfolio-alignment-<version>.vsix)
//
// A .vsix is a zip file. This reads its central directory with a few lines of Node (no unzip
// needed) and inflates every entry with zlib to be sure the archive is whole. Offline, < 1 s.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');

const ROOT = path.resolve(__dirname, '..');

class CheckError extends Error {}

/** The entries of a zip file: [{ name, size, compressedSize, data() }]. No zip64, no multi-disk. */
function readZip(buffer) {
  // End of central directory: 22 bytes plus a comment of at most 65535 bytes, at the end.
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new CheckError('not a zip file (no end of central directory record)');
  const count = buffer.readUInt16LE(eocd + 10);
  const directorySize = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff || offset + directorySize > eocd) {
    throw new CheckError('zip64 or damaged central directory (not expected in a .vsix this small)');
  }
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new CheckError(`damaged central directory at entry ${n + 1}`);
    const method = buffer.readUInt16LE(offset + 10);
    const crc = buffer.readUInt32LE(offset + 16);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const size = buffer.readUInt32LE(offset + 24);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    const name = buffer.toString('utf8', offset + 46, offset + 46 + nameLength);
    offset += 46 + nameLength + extraLength + commentLength;
    const data = () => {
      if (buffer.readUInt32LE(localOffset) !== 0x04034b50) throw new CheckError(`${name}: damaged local header`);
      const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
      const raw = buffer.subarray(start, start + compressedSize);
      const content = method === 0 ? raw : method === 8 ? zlib.inflateRawSync(raw) : null;
      if (!content) throw new CheckError(`${name}: unknown compression method ${method}`);
      if (content.length !== size) throw new CheckError(`${name}: inflates to ${content.length} bytes, the directory says ${size}`);
      if (typeof zlib.crc32 === 'function' && zlib.crc32(content) >>> 0 !== crc) throw new CheckError(`${name}: CRC mismatch`);
      return content;
    };
    entries.push({ name, size, compressedSize, data });
  }
  return entries;
}

/** What must be in the package, relative to extension/ (vsce renames LICENSE, CHANGELOG.md, README.md). */
function requiredFiles(manifest) {
  const required = new Map([
    ['package.json', 'the manifest'],
    ['readme.md', 'README.md'],
    ['changelog.md', 'CHANGELOG.md'],
    ['LICENSE.txt', 'LICENSE'],
    ['dist/extension.js', 'the extension for Node hosts (desktop, code-server)'],
    ['dist/engine.js', 'the validation worker of the Node hosts'],
    ['dist/webview.js', 'the summary panel of the Node hosts, loaded on first use'],
    ['dist/web/extension.js', 'the extension for the web (vscode.dev)'],
    ['dist/web/engine.js', 'the validation worker of the web extension'],
    ['dist/cli.js', 'the portfolio-align command line'],
    ['dist/spreadsheet.js', 'the spreadsheet libraries of portfolio-align import and report --format xlsx, and of the editor\'s import and Excel export'],
    ['media/summary.js', 'the summary panel\'s page script'],
    ['media/summary.css', 'the summary panel\'s stylesheet'],
    ['media/icon.png', 'the icon'],
    ['schemas/portfolio.schema.json', 'the JSON Schema (contributes.yamlValidation)'],
    ['docs/README.md', 'the documentation index'],
  ]);
  // Whatever the manifest itself points at.
  const strip = (file) => file.replace(/^\.?\//, '');
  const withJs = (file) => (/\.js$/.test(file) ? file : `${file}.js`);
  if (manifest.main) required.set(withJs(strip(manifest.main)), 'package.json "main"');
  if (manifest.browser) required.set(withJs(strip(manifest.browser)), 'package.json "browser"');
  if (manifest.icon) required.set(strip(manifest.icon), 'package.json "icon"');
  for (const bin of Object.values(manifest.bin ?? {})) required.set(strip(bin), 'package.json "bin"');
  for (const validation of manifest.contributes?.yamlValidation ?? []) {
    if (!/^[a-z][a-z0-9+.-]*:/i.test(validation.url)) required.set(strip(validation.url), 'contributes.yamlValidation');
  }
  // The view container's icon, the views' icons, the walkthrough's media and the snippets.
  for (const container of Object.values(manifest.contributes?.viewsContainers ?? {}).flat()) if (container.icon) required.set(strip(container.icon), `the icon of view container ${container.id}`);
  for (const view of Object.values(manifest.contributes?.views ?? {}).flat()) if (view.icon) required.set(strip(view.icon), `the icon of view ${view.id}`);
  for (const walkthrough of manifest.contributes?.walkthroughs ?? []) {
    for (const step of walkthrough.steps ?? []) {
      const media = step.media ?? {};
      const files = [media.markdown, media.svg, ...(typeof media.image === 'string' ? [media.image] : Object.values(media.image ?? {}))].filter(Boolean);
      for (const file of files) required.set(strip(file), `the media of walkthrough step ${step.id}`);
    }
  }
  for (const snippet of manifest.contributes?.snippets ?? []) required.set(strip(snippet.path), 'contributes.snippets');
  // Show Rule Documentation opens docs/rules/<id>.md: one page per rule of the rules setting.
  const rules = Object.keys(manifest.contributes?.configuration?.properties?.['portfolioAlignment.rules']?.properties ?? {});
  if (rules.length === 0) throw new CheckError('package.json lists no rule ids under portfolioAlignment.rules: cannot check the rule pages');
  for (const rule of rules) required.set(`docs/rules/${rule}.md`, `Show Rule Documentation for ${rule}`);
  return required;
}

/** Why a file (relative to extension/) must not be packed, or undefined. */
function forbidden(file) {
  const checks = [
    [/(^|\/)node_modules\//, 'node_modules (esbuild bundles every dependency)'],
    [/\.map$/, 'a source map'],
    [/\.(ts|tsx|mts|cts)$/, 'TypeScript source'],
    [/^src\//, 'sources'],
    [/(^|\/)tests?\//, 'tests (test/, dist/test/, dist/web/test/)'],
    [/^scripts\//, 'scripts'],
    [/^(bench|dist\/bench)\//, 'benchmarks'],
    [/^dist\/tools\//, 'build tools'],
    [/^examples\//, 'examples'],
    [/(^|\/)\.vscode-test(-web)?\//, 'editor downloads for tests'],
    [/(^|\/)test-art[ei]facts\//, 'test output'],
    [/^docs\/images\//, 'README screenshots (vsce points the README at the repository\'s copies)'],
    [/(^|\/)\.(git|github|ci)\//, 'repository files'],
    [/(^|\/)(\.vscodeignore|\.npmignore|\.gitignore|\.mocharc[^/]*|tsconfig[^/]*\.json|esbuild\.js|package-lock\.json)$/, 'a build or repository file'],
    [/\.vsix$/, 'a package inside the package'],
  ];
  return checks.find(([pattern]) => pattern.test(file))?.[1];
}

function kb(bytes) {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(2)} MB` : `${(bytes / 1024).toFixed(1)} KB`;
}

function main() {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const vsix = path.resolve(process.argv[2] ?? path.join(ROOT, `${pkg.name}-${pkg.version}.vsix`));
  if (!fs.existsSync(vsix)) throw new CheckError(`${path.relative(process.cwd(), vsix)} does not exist: run \`npm run package\` first (or \`npm run package:check\`)`);
  const buffer = fs.readFileSync(vsix);
  const entries = readZip(buffer);
  const problems = [];

  const files = new Map();
  for (const entry of entries) {
    entry.data(); // inflates and checks size and CRC
    if (entry.name.endsWith('/')) continue;
    if (entry.name === 'extension.vsixmanifest' || entry.name === '[Content_Types].xml') continue;
    if (!entry.name.startsWith('extension/')) {
      problems.push(`unexpected file outside extension/: ${entry.name}`);
      continue;
    }
    files.set(entry.name.slice('extension/'.length), entry);
  }
  for (const name of ['extension.vsixmanifest', '[Content_Types].xml']) {
    if (!entries.some((e) => e.name === name)) problems.push(`missing ${name}: not a VS Code extension package`);
  }

  const packed = files.get('package.json');
  if (!packed) throw new CheckError(`${path.basename(vsix)} has no extension/package.json`);
  const manifest = JSON.parse(packed.data().toString('utf8'));
  if (manifest.version !== pkg.version) problems.push(`the packed package.json says version ${manifest.version}, package.json says ${pkg.version}: rebuild with \`npm run package\``);

  for (const [file, why] of requiredFiles(manifest)) {
    if (!files.has(file)) problems.push(`missing required file ${file} (${why})`);
    else if (files.get(file).size === 0) problems.push(`required file ${file} is empty (${why})`);
  }
  for (const file of files.keys()) {
    const why = forbidden(file);
    if (why) problems.push(`forbidden file ${file}: ${why}; keep it out with .vscodeignore`);
  }

  const total = [...files.values()].reduce((sum, e) => sum + e.size, 0);
  const rel = path.relative(process.cwd(), vsix) || vsix;
  const biggest = [...files.values()].sort((a, b) => b.size - a.size).slice(0, 3).map((e) => `${e.name.slice(10)} ${kb(e.size)}`).join(', ');
  console.log(`check-vsix: ${rel}: ${files.size} files in extension/, ${kb(total)} unpacked, ${kb(buffer.length)} packed (largest: ${biggest})`);
  if (problems.length > 0) {
    for (const problem of problems) console.error(`check-vsix: ERROR: ${problem}`);
    console.error(`check-vsix: FAIL: ${problems.length} problem${problems.length === 1 ? '' : 's'} in ${rel}`);
    process.exit(1);
  }
  console.log('check-vsix: OK: every required file is in, nothing forbidden');
}

try {
  main();
} catch (error) {
  console.error(`check-vsix: FAIL: ${error instanceof CheckError ? error.message : error.stack}`);
  process.exit(1);
}
