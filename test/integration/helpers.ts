// Helpers shared by the in-editor tests. They run unchanged in a Node extension host (code-server,
// desktop) and in a web worker (test-web): only the `vscode` API, no Node modules, no environment.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { isRuleId } from '../../src/core/check/ruleIds';

/** publisher.name from package.json. */
export const EXTENSION_ID = 'portfolio-alignment.portfolio-alignment';

/** Activates the extension under test (the runners load it as the development extension). */
export async function activateExtension(): Promise<vscode.Extension<unknown>> {
  const extension = vscode.extensions.getExtension(EXTENSION_ID);
  assert.ok(extension, `extension ${EXTENSION_ID} is not loaded: is the runner's extensionDevelopmentPath the repository root?`);
  await extension.activate();
  return extension;
}

/**
 * A file of the test workspace: a fresh copy of test/fixtures/workspace/ per run, so tests may
 * edit it (file:// in code-server and desktop, vscode-test-web://mount/ in the web host).
 */
export function fixtureUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'no workspace folder is open: the runner must open a copy of test/fixtures/workspace');
  return vscode.Uri.joinPath(folder.uri, ...name.split('/'));
}

/** Opens a fixture in an editor and returns the editor. */
export async function openFixture(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(fixtureUri(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

/** The rule id of a diagnostic, whether its code is a string or { value, target }. */
export function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? String(code.value) : String(code ?? '');
}

/** Diagnostics of this extension (the code is a rule id), in position order. */
export function portfolioDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages
    .getDiagnostics(uri)
    .filter((d) => isRuleId(codeOf(d)))
    .sort((a, b) => a.range.start.compareTo(b.range.start));
}

/** "23:16-23:34 error unknown-outcome: message", 1-based, for assertion messages. */
export function describeDiagnostic(d: vscode.Diagnostic): string {
  const severity = ['error', 'warning', 'info', 'hint'][d.severity];
  return `${describeRange(d.range)} ${severity} ${codeOf(d)}: ${d.message}`;
}

export function describeRange(r: vscode.Range): string {
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/**
 * Waits until the extension's diagnostics for `uri` satisfy `until`, and returns them. Wakes on
 * languages.onDidChangeDiagnostics and also polls (a change may land between checks); fails
 * after `timeoutMs` with what it saw last. Never a fixed sleep.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  until: (diagnostics: vscode.Diagnostic[]) => boolean,
  what: string,
  timeoutMs = 30_000,
): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    let done = false;
    const check = () => {
      if (done) return;
      const diagnostics = portfolioDiagnostics(uri);
      let ok = false;
      try {
        ok = until(diagnostics);
      } catch (error) {
        finish();
        reject(error);
        return;
      }
      if (ok) {
        finish();
        resolve(diagnostics);
      }
    };
    const listener = vscode.languages.onDidChangeDiagnostics((event) => {
      if (event.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const poll = setInterval(check, 200);
    const timer = setTimeout(() => {
      if (done) return;
      finish();
      const seen = portfolioDiagnostics(uri).map(describeDiagnostic);
      reject(
        new Error(
          `timed out after ${timeoutMs} ms waiting for ${what} in ${uri.toString()}; diagnostics now:\n  ${seen.join('\n  ') || '(none)'}`,
        ),
      );
    }, timeoutMs);
    function finish() {
      done = true;
      listener.dispose();
      clearInterval(poll);
      clearTimeout(timer);
    }
    check();
  });
}

/** Waits until the diagnostics for `uri` have exactly these codes, in position order. */
export function waitForCodes(uri: vscode.Uri, codes: string[], timeoutMs?: number): Promise<vscode.Diagnostic[]> {
  const want = JSON.stringify(codes);
  return waitForDiagnostics(uri, (ds) => JSON.stringify(ds.map(codeOf)) === want, `diagnostics ${want}`, timeoutMs);
}

/**
 * The range of `text` in the document, which must appear there once; or of its `occurrence`-th
 * (0-based) appearance.
 */
export function rangeOf(document: vscode.TextDocument, text: string, occurrence?: number): vscode.Range {
  const source = document.getText();
  const found: number[] = [];
  for (let at = source.indexOf(text); at >= 0; at = source.indexOf(text, at + 1)) found.push(at);
  const name = document.uri.toString();
  if (occurrence === undefined) assert.strictEqual(found.length, 1, `"${text}" appears ${found.length} times in ${name}, expected once`);
  const at = found[occurrence ?? 0];
  assert.ok(at !== undefined, `"${text}" (occurrence ${occurrence}) is not in ${name}`);
  return new vscode.Range(document.positionAt(at), document.positionAt(at + text.length));
}

/** Replaces `search` (which must appear once) with `replacement` through a WorkspaceEdit. */
export async function replaceText(document: vscode.TextDocument, search: string, replacement: string): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.replace(document.uri, rangeOf(document, search), replacement);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not edit ${document.uri.toString()}`);
}

/**
 * Puts every edited fixture back as it is on disk (so tests do not depend on each other's edits)
 * and closes the editors. Use in teardown().
 */
export async function restoreFixtures(): Promise<void> {
  for (const document of vscode.workspace.textDocuments) {
    if (!document.isDirty) continue;
    const disk = new TextDecoder().decode(await vscode.workspace.fs.readFile(document.uri));
    if (document.getText() !== disk) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(document.uri, new vscode.Range(document.positionAt(0), document.positionAt(document.getText().length)), disk);
      assert.ok(await vscode.workspace.applyEdit(edit), `could not restore ${document.uri.toString()}`);
    }
    await document.save(); // same text as on disk; leaves no dirty editor to prompt about
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** The extension's API (activate's return value): its service and status bar item. */
export interface ExtensionApi {
  statusBar: { item: vscode.StatusBarItem };
}

export async function extensionApi(): Promise<ExtensionApi> {
  return (await activateExtension()).exports as ExtensionApi;
}

/**
 * Writes a scenario file into the test workspace (scenarios/<name>), for tests that need a
 * portfolio of their own. Its ids must not clash with the shared fixture's.
 */
export async function writeScenario(name: string, text: string): Promise<vscode.Uri> {
  const uri = fixtureUri(`scenarios/${name}`);
  await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
  return uri;
}

/** Deletes a scenario file as the explorer would (a WorkspaceEdit), which the extension hears of. */
export async function removeScenario(uri: vscode.Uri): Promise<void> {
  const edit = new vscode.WorkspaceEdit();
  edit.deleteFile(uri, { ignoreIfNotExists: true });
  assert.ok(await vscode.workspace.applyEdit(edit), `could not delete ${uri.toString()}`);
}

/**
 * For a suite whose tests write scenario files: the extension active before the suite; after each
 * test the fixtures restored and the scenarios it wrote (and did not remove itself) removed.
 */
export function scenariosPerTest(): {
  write(name: string, text: string): Promise<vscode.Uri>;
  remove(uri: vscode.Uri): Promise<void>;
} {
  const written: vscode.Uri[] = [];
  suiteSetup(async () => {
    await activateExtension();
  });
  teardown(async () => {
    await restoreFixtures();
    for (const uri of written.splice(0)) await removeScenario(uri);
  });
  return {
    async write(name, text) {
      const uri = await writeScenario(name, text);
      written.push(uri);
      return uri;
    },
    async remove(uri) {
      const at = written.indexOf(uri);
      if (at >= 0) written.splice(at, 1);
      await removeScenario(uri);
    },
  };
}

/** Whether the extension host runs on Node (code-server, desktop) rather than in a browser. */
export function isNodeHost(): boolean {
  const proc = (globalThis as { process?: { versions?: { node?: string } } }).process;
  return typeof proc?.versions?.node === 'string';
}

/** Closes, unsaved, the new documents that commands opened (Copy CI Workflow, Open Example, the import). */
export async function closeUntitled(): Promise<void> {
  for (const document of vscode.workspace.textDocuments.filter((d) => d.isUntitled && !d.isClosed)) {
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    // The next test may open a new untitled document: this one must be gone first.
    await waitUntil(
      () => (document.isClosed || !vscode.workspace.textDocuments.includes(document) ? true : undefined),
      `${document.uri.toString()} to close`,
    );
  }
}

/** The quick fixes offered for the diagnostics at `range`, by title. */
export async function codeActionsAt(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, kind);
  return (actions ?? []).filter((a) => !kind || a.kind?.value.startsWith(kind));
}

/** Applies the code action titled `title` at `range`, failing with the titles offered if absent. */
export async function applyCodeAction(uri: vscode.Uri, range: vscode.Range, title: string): Promise<void> {
  const actions = await codeActionsAt(uri, range);
  const action = actions.find((a) => a.title === title);
  assert.ok(
    action,
    `no code action "${title}" at ${describeRange(range)}; offered: ${actions.map((a) => a.title).join(' | ') || '(none)'}`,
  );
  assert.ok(action.edit, `code action "${title}" has no edit`);
  assert.ok(await vscode.workspace.applyEdit(action.edit), `could not apply "${title}"`);
}

/** Sets a setting of the extension for the workspace; undefined removes it. */
export async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration('portfolioAlignment').update(key, value, vscode.ConfigurationTarget.Workspace);
}

/** Polls `check` until it returns a value, waking on diagnostics changes too; fails after `timeoutMs`. */
export async function waitUntil<T>(check: () => T | undefined, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise<void>((resolve) => {
      const listener = vscode.languages.onDidChangeDiagnostics(() => done());
      const timer = setTimeout(() => done(), 200);
      function done() {
        listener.dispose();
        clearTimeout(timer);
        resolve();
      }
    });
  }
}
