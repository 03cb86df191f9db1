#!/usr/bin/env node
// Screenshots of the extension in the real editor (code-server, VS Code 1.100.3), for the README.
// Not a test. Starts code-server on a temp copy of a workspace with this repository as the
// development extension, opens a file in Chromium, waits for its diagnostics, and saves PNGs.
//
//   npm run build && node scripts/screenshot-code-server.js <file> <out-dir> [options]
//
//   <file>              path inside the workspace, e.g. initiatives.portfolio.yaml
//   <out-dir>           where the PNGs go (created); names start with the file's base name
//   --workspace <dir>   folder to copy and open (default test/fixtures/workspace), e.g. examples
//   --line <n[:c]>      put the cursor there (1-based) instead of on the file's first problem
//   --hover             also show the hover at the cursor (a problem, an id)  -> <name>-hover.png
//   --quickfix          also open the quick-fix menu there (Ctrl+.)           -> <name>-quickfix.png
//   --problems          open the Problems panel in every shot
//   --no-sidebar        hide the side bar (Explorer), for a wider editor and Problems panel
//   --view              show the Portfolio view in the side bar instead of the Explorer
//   --setting <k=v>     a user setting, value as JSON or else a string; repeatable, e.g.
//                       --setting portfolioAlignment.asOfDate=2027-06-30 (dates then do not
//                       depend on the day the screenshot is taken)
//   --theme <name>      colour theme (default "Default Light Modern")
//   --size <WxH>        window size (default 1280x800); --scale <n> pixel ratio (default 1)
//
// Always writes <name>-editor.png (the editor with its squiggles). Needs scripts/install-code-server.sh.
//
// The README's screenshots (docs/images/diagnostics.png, quick-fix.png, hover.png) were taken with
//   S='--workspace examples --no-sidebar --size 1024x640 --scale 1.25 --setting portfolioAlignment.asOfDate=2027-06-30'
//   node scripts/screenshot-code-server.js acme-it.portfolio.yaml out $S --problems --line 130:1   # out/*-editor.png
//   node scripts/screenshot-code-server.js acme-it.portfolio.yaml out $S --quickfix --line 119:9   # out/*-quickfix.png
//   node scripts/screenshot-code-server.js acme-it.portfolio.yaml out $S --hover --line 34:18      # out/*-hover.png
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const h = require('./lib/harness');

function parseArgs(argv) {
  const options = { workspace: h.FIXTURE, theme: 'Default Light Modern', size: '1280x800', scale: 1, hover: false, quickfix: false, problems: false, sidebar: true, settings: {} };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new h.HarnessError(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--hover' || arg === '--quickfix' || arg === '--problems') options[arg.slice(2)] = true;
    else if (arg === '--no-sidebar') options.sidebar = false;
    else if (arg === '--view') options.view = true;
    else if (arg === '--setting') {
      const setting = value();
      const equals = setting.indexOf('=');
      if (equals < 1) throw new h.HarnessError(`--setting needs key=value, got ${setting}`);
      const raw = setting.slice(equals + 1);
      let parsed;
      try {
        parsed = JSON.parse(raw);
      } catch {
        parsed = raw;
      }
      options.settings[setting.slice(0, equals)] = parsed;
    } else if (arg === '--workspace') options.workspace = path.resolve(value());
    else if (arg === '--line') options.line = value();
    else if (arg === '--theme') options.theme = value();
    else if (arg === '--size') options.size = value();
    else if (arg === '--scale') options.scale = Number(value());
    else if (arg === '--help' || arg === '-h') options.help = true;
    else if (arg.startsWith('--')) throw new h.HarnessError(`unknown option ${arg}`);
    else positional.push(arg);
  }
  [options.file, options.out] = positional;
  const [width, height] = options.size.split('x').map(Number);
  options.viewport = { width, height };
  if (!options.help && (!options.file || !options.out || !width || !height)) {
    throw new h.HarnessError('usage: node scripts/screenshot-code-server.js <file> <out-dir> [--workspace dir] [--line n[:c]] [--hover] [--quickfix] [--problems] [--no-sidebar] [--setting key=value] [--theme name] [--size WxH] [--scale n]');
  }
  return options;
}

/** "line:column" (1-based) of the file's first problem, from the engine through the CLI; or undefined. */
function firstProblem(workspace, file) {
  const { execFileSync } = require('node:child_process');
  try {
    const json = execFileSync(process.execPath, [path.join(h.ROOT, 'dist/cli.js'), 'check', '.', '--format', 'json', '--fail-on', 'never'], { cwd: workspace, encoding: 'utf8' });
    const entry = JSON.parse(json).files.find((f) => path.resolve(workspace, f.path) === path.resolve(workspace, file));
    const start = entry?.diagnostics[0]?.range.start;
    return start && `${start.line + 1}:${start.character + 1}`;
  } catch (error) {
    h.log(`WARNING: could not find the first problem with dist/cli.js: ${error.message}`);
    return undefined;
  }
}

const SQUIGGLES = '.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning, .monaco-editor .squiggly-info';

/** Lets pending layout and animations finish before a screenshot (not a test: timing is fine). */
async function settle(page, ms = 200) {
  await page.waitForTimeout(ms);
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  if (options.help) {
    const lines = fs.readFileSync(__filename, 'utf8').split('\n').slice(1);
    console.log(lines.slice(0, lines.findIndex((l) => !l.startsWith('//'))).map((l) => l.replace(/^\/\/ ?/, '')).join('\n'));
    return;
  }
  h.needBuilt('dist/extension.js');
  const tmp = h.makeTempDir('screenshot');
  const workspace = path.join(tmp, 'workspace');
  fs.cpSync(h.need(options.workspace, 'the workspace folder to open'), workspace, { recursive: true });
  h.need(path.join(workspace, options.file), `no such file in ${options.workspace}`);
  fs.mkdirSync(options.out, { recursive: true });
  const name = path.basename(options.file).replace(/\.(ya?ml)$/, '');
  let server;
  let context;
  try {
    server = await h.startCodeServer({
      tmp,
      workspace,
      port: await h.freePort(),
      verbose: !!process.env.VERBOSE,
      settings: {
        'workbench.colorTheme': options.theme,
        'workbench.secondarySideBar.defaultVisibility': 'hidden',
        'chat.commandCenter.enabled': false,
        'workbench.layoutControl.enabled': false,
        'window.commandCenter': false,
        'editor.minimap.enabled': false,
        'breadcrumbs.enabled': false,
        'editor.stickyScroll.enabled': false,
        'workbench.editor.enablePreview': false,
        ...options.settings,
      },
    });
    const payload = [['extensionDevelopmentPath', `vscode-remote://${server.host}${h.ROOT}`], ['skipWelcome', 'true'], ['skipReleaseNotes', 'true']];
    const url = `${server.origin}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    context = await h.launchChromium({ context: { viewport: options.viewport, deviceScaleFactor: options.scale } });
    const page = await context.newPage();
    await page.goto(url);
    await page.locator('.monaco-workbench .part.editor').waitFor({ timeout: 60_000 });
    await page.locator('.statusbar').waitFor({ timeout: 60_000 });

    // Open the file with Quick Open (Ctrl+P), as a person would.
    await page.locator('.monaco-workbench').click({ position: { x: 640, y: 400 } }).catch(() => {});
    await page.keyboard.press('Control+P');
    const quickInput = page.locator('.quick-input-widget input');
    await quickInput.waitFor({ timeout: 20_000 });
    await quickInput.fill(options.file);
    await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 20_000 });
    await page.keyboard.press('Enter');
    const editor = page.locator('.editor-instance .monaco-editor').first();
    await editor.waitFor({ timeout: 20_000 });
    try {
      await page.locator(SQUIGGLES).first().waitFor({ timeout: 30_000 });
    } catch {
      h.log('WARNING: no diagnostic squiggle appeared within 30 s; taking the screenshots anyway');
    }

    // Cursor on --line or the first problem (Ctrl+G takes line:column); focus stays in the editor.
    const target = options.line ?? firstProblem(workspace, options.file);
    if (target) {
      await page.keyboard.press('Control+G');
      await quickInput.waitFor({ timeout: 10_000 });
      await quickInput.fill(`:${target}`); // Go to Line is quick access with the ':' prefix
      await page.keyboard.press('Enter');
      await quickInput.waitFor({ state: 'hidden', timeout: 10_000 });
    }
    if (!options.sidebar) {
      await page.keyboard.press('Control+B'); // View: Toggle Primary Side Bar Visibility
      await page.locator('.part.sidebar').waitFor({ state: 'hidden', timeout: 10_000 });
    }
    if (options.problems) {
      await page.keyboard.press('Control+Shift+M');
      await page.locator('.markers-panel:visible').first().waitFor({ timeout: 20_000 });
      await page.keyboard.press('Control+1'); // focus back in the editor; the cursor stays put
    }
    if (options.view) {
      // The view's focus command, from the Command Palette as a person would run it.
      await page.keyboard.press('Control+Shift+P');
      await quickInput.waitFor({ timeout: 10_000 });
      await quickInput.fill('>Focus on Portfolio View');
      await page.locator('.quick-input-list .monaco-list-row').first().waitFor({ timeout: 20_000 });
      await page.keyboard.press('Enter');
      await page.locator('.part.sidebar .monaco-list-row', { hasText: 'Unlinked spend' }).first().waitFor({ timeout: 30_000 });
      await page.keyboard.press('Control+1'); // focus back in the editor
      await settle(page, 800);
    }
    await settle(page);
    const shots = [];
    const shoot = async (suffix) => {
      const file = path.join(options.out, `${name}-${suffix}.png`);
      await page.screenshot({ path: file });
      shots.push(file);
    };
    await shoot('editor');

    if (options.hover) {
      // The mouse on the character after the cursor, as a person hovering the squiggle.
      const cursor = await page.locator('.editor-instance .monaco-editor .cursors-layer .cursor').first().boundingBox();
      if (!cursor) throw new h.HarnessError('no editor cursor to hover at');
      await page.mouse.move(cursor.x + 40, cursor.y + cursor.height / 2 + 30);
      await page.mouse.move(cursor.x + 5, cursor.y + cursor.height / 2, { steps: 5 });
      await page.locator('.monaco-hover-content:visible').first().waitFor({ timeout: 10_000 });
      await settle(page, 400); // fade-in
      await shoot('hover');
      await page.mouse.move(1, 1);
      await page.keyboard.press('Escape');
    }
    if (options.quickfix) {
      await page.keyboard.press('Control+.');
      await page.locator('.action-widget:visible').first().waitFor({ timeout: 10_000 }).catch(() => h.log('WARNING: no quick-fix menu appeared (no code actions at the cursor?)'));
      await settle(page, 400);
      await shoot('quickfix');
      await page.keyboard.press('Escape');
    }
    for (const file of shots) console.log(path.relative(process.cwd(), file));
  } finally {
    await context?.close().catch(() => {});
    await server?.stop();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`screenshot-code-server: ${error instanceof h.HarnessError ? error.message : error.stack}`);
  process.exit(1);
});
