// Run by npm run bench inside code-server instead of the test suite (TESTS_ENTRY): what a planner
// feels in the real editor on the 10,000-initiative file of bench/generate.ts. Prints one
// PORTFOLIO_EDITOR line of JSON and returns; bench/editor.ts turns it into rows.
//   keyToSquiggle: a new error typed far down the file, until its diagnostic is published (ms each)
//   typing: 26 characters at 60 ms intervals, the portfolio file and the same text as plain YAML
//   paste: 5,000 initiatives pasted at the end, until the status bar shows a new score
import * as vscode from 'vscode';
import { generatePortfolio } from './generate';
import { cpuTimeOf, Profiles, type CpuTime } from './profile';

const EXTENSION_ID = 'portfolio-alignment.portfolio-alignment';
const N = 10_000;
const PASTED = 5_000;
const SQUIGGLE_SAMPLES = 9;
const TYPING_ROUNDS = 3;
const TYPED = 'abcdefghijklmnopqrstuvwxyz';
const KEY_INTERVAL_MS = 60;

interface Api {
  statusBar: { item: vscode.StatusBarItem };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

async function until(check: () => boolean, what: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await sleep(5);
  }
}

/** Resolves when `check` holds, re-checked at every diagnostics change (and every 50 ms). */
function whenDiagnostics(check: () => boolean, what: string, timeoutMs = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearInterval(poll);
      clearTimeout(timer);
      subscription.dispose();
    };
    const test = () => {
      if (!check()) return;
      done();
      resolve(performance.now());
    };
    const subscription = vscode.languages.onDidChangeDiagnostics(test);
    const poll = setInterval(test, 50);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`bench: timed out waiting for ${what}`));
    }, timeoutMs);
    test();
  });
}

async function write(name: string, text: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders![0]!.uri;
  const uri = vscode.Uri.joinPath(folder, name);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
}

function errorsNear(uri: vscode.Uri, line: number): number {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => d.severity === vscode.DiagnosticSeverity.Error && d.range.start.line >= line - 1 && d.range.start.line <= line + 1)
    .length;
}

function lineOf(document: vscode.TextDocument, text: string): number {
  const at = document.getText().indexOf(text);
  if (at < 0) throw new Error(`bench: "${text}" not found`);
  return document.positionAt(at).line;
}

function revealLine(editor: vscode.TextEditor, line: number): void {
  const position = new vscode.Position(line, editor.document.lineAt(line).text.length);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
}

/** A misspelt key (a schema error) typed far down the file, each sample at another initiative. */
async function keyToSquiggle(editor: vscode.TextEditor): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < SQUIGGLE_SAMPLES; i++) {
    const initiative = 6_000 + i * 431;
    const line = lineOf(editor.document, `  - id: initiative-${initiative}\n`) + 1; // its title
    revealLine(editor, line);
    await sleep(300);
    const insertAt = new vscode.Position(line + 1, 0); // before "    category: …"
    const before = errorsNear(editor.document.uri, line + 1);
    const started = performance.now();
    const shown = whenDiagnostics(() => errorsNear(editor.document.uri, line + 1) > before, `the error typed at line ${line + 2}`);
    await editor.edit((edit) => edit.insert(insertAt, '    sponsr: Dana\n'));
    samples.push((await shown) - started);
    await vscode.commands.executeCommand('undo');
    await whenDiagnostics(() => errorsNear(editor.document.uri, line + 1) <= before, 'the error to go after undo');
  }
  return samples;
}

/** One keystroke: the `type` command when the editor has the focus, else an edit at the cursor. */
async function key(editor: vscode.TextEditor, line: number, char: string, how: { typeWorks?: boolean }): Promise<void> {
  if (how.typeWorks !== false) {
    const before = editor.document.lineAt(line).text.length;
    await vscode.commands.executeCommand('type', { text: char });
    if (how.typeWorks === undefined) how.typeWorks = editor.document.lineAt(line).text.length > before;
    if (how.typeWorks) return;
  }
  await editor.edit((edit) => edit.insert(editor.document.lineAt(line).range.end, char), { undoStopBefore: false, undoStopAfter: false });
}

/** 26 characters at 60 ms intervals at the end of a title far down; ms until the last one is in. */
async function typeInto(editor: vscode.TextEditor, line: number, how: { typeWorks?: boolean }): Promise<number> {
  editor = await vscode.window.showTextDocument(editor.document, { preview: false, preserveFocus: false });
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  revealLine(editor, line);
  await sleep(1_000);
  const started = performance.now();
  for (let i = 0; i < TYPED.length; i++) {
    await sleep(started + i * KEY_INTERVAL_MS - performance.now());
    await key(editor, line, TYPED[i]!, how);
  }
  await until(() => editor.document.lineAt(line).text.endsWith(TYPED), 'the typed text', 30_000);
  const elapsed = performance.now() - started;
  const end = editor.document.lineAt(line).range.end;
  await editor.edit((edit) => edit.delete(new vscode.Range(end.translate(0, -TYPED.length), end)));
  return elapsed;
}

async function typing(
  portfolio: vscode.TextEditor,
  plain: vscode.TextEditor,
): Promise<{ portfolio: number[]; plain: number[]; keystroke: string }> {
  const line = lineOf(portfolio.document, '  - id: initiative-8000\n') + 1;
  const result = { portfolio: [] as number[], plain: [] as number[], keystroke: '' };
  const how: { typeWorks?: boolean } = {};
  for (let round = 0; round < TYPING_ROUNDS; round++) {
    result.plain.push(await typeInto(plain, line, how));
    result.portfolio.push(await typeInto(portfolio, line, how));
  }
  result.keystroke = how.typeWorks ? 'the type command' : 'an edit at the cursor';
  return result;
}

/** The initiatives of another generated file, appended in one edit as a paste is. */
async function paste(editor: vscode.TextEditor, api: Api): Promise<number> {
  const other = generatePortfolio({ initiatives: PASTED, prefix: 'pasted-', withOutcomes: false, outcomeCount: N / 20 });
  const items = other.slice(other.indexOf('initiatives:\n') + 'initiatives:\n'.length);
  await until(() => /aligned/.test(api.statusBar.item.text), 'a score before the paste');
  const before = api.statusBar.item.text;
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  const started = performance.now();
  await editor.edit((edit) => edit.insert(end, `${editor.document.getText().endsWith('\n') ? '' : '\n'}${items}`));
  await until(() => api.statusBar.item.text !== before && /aligned/.test(api.statusBar.item.text), 'the score after the paste');
  return performance.now() - started;
}

export async function run(): Promise<void> {
  const extension = vscode.extensions.getExtension<Api>(EXTENSION_ID);
  if (!extension) throw new Error(`${EXTENSION_ID} is not loaded`);
  const api = await extension.activate();
  const text = generatePortfolio({ initiatives: N });
  const portfolioUri = await write('bench-10k.portfolio.yaml', text);
  // The same text, not a portfolio: no apiVersion/kind of ours, a name no glob matches.
  const plainUri = await write(
    'bench-10k-plain.yaml',
    text.replace('apiVersion: portfolio/v1\nkind: Portfolio', 'apiVersion: inventory/v3\nkind: Inventory'),
  );
  const delay = vscode.workspace.getConfiguration('portfolioAlignment', portfolioUri).get<number>('delay') ?? 250;
  const plain = await open(plainUri);
  const portfolio = await open(portfolioUri);
  await whenDiagnostics(
    () => vscode.languages.getDiagnostics(portfolioUri).length > 0,
    'the first diagnostics of the 10,000-initiative file',
    180_000,
  );
  await until(() => /aligned/.test(api.statusBar.item.text), 'the first score', 180_000);
  await sleep(2_000);
  const profiles = await Profiles.start();
  const phase = <T>(name: string, work: () => Promise<T>) => cpuTimeOf(() => (profiles ? profiles.around(name, work) : work()));
  const cpu: Record<string, CpuTime> = {};
  const squiggled = await phase('squiggle', () => keyToSquiggle(portfolio));
  const squiggle = squiggled.result;
  cpu.keyToSquiggle = squiggled.cpu;
  console.log(`bench: key to squiggle ${squiggle.map((v) => v.toFixed(0)).join(', ')} ms`);
  const typedRun = await phase('typing', () => typing(portfolio, plain));
  const typed = typedRun.result;
  cpu.typing = typedRun.cpu;
  console.log(`bench: typing ${JSON.stringify(typed)}`);
  // typeInto showed the documents again: the editor objects from before may be closed ones.
  const editor = await vscode.window.showTextDocument(portfolio.document, { preview: false });
  const pasted = await phase('paste', () => paste(editor, api));
  const pasteMs = pasted.result;
  cpu.paste = pasted.cpu;
  profiles?.dispose();
  console.log(`PORTFOLIO_EDITOR ${JSON.stringify({ delay, keyToSquiggle: squiggle, typing: typed, paste: pasteMs, cpu })}`);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}
