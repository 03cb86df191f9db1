// After an edit, the check comes first: the outline and the lenses VS Code asks for at once wait
// until the document's scheduled check has run (src/extension/checkFirst.ts), so that on a large
// file they do not hold the engine and the extension host while a new error waits to be shown.
// Asserted by order (which came first), never by time.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, scenariosPerTest } from './helpers';

interface CheckApi {
  service: { onDidCheck: vscode.Event<string> };
}

const TEXT =
  'apiVersion: portfolio/v1\nkind: Portfolio\ninitiatives:\n  - id: first-1\n    title: First initiative\n    owner: Team\n    cost: 1k\n';
const ADDED = '  - id: first-2\n    title: Added initiative\n    owner: Team\n    cost: 2k\n';

suite('The check before the outline and the lenses', () => {
  const scenarios = scenariosPerTest();
  let uri: vscode.Uri | undefined;
  let api: CheckApi;

  suiteSetup(async () => {
    api = (await activateExtension()).exports as CheckApi;
  });

  /** Opens the scenario and waits until the engine has checked it (its lenses exist). */
  async function openChecked(name: string): Promise<vscode.TextEditor> {
    uri = await scenarios.write(name, TEXT);
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    let lenses: vscode.CodeLens[] | undefined;
    for (let i = 0; i < 150 && !lenses?.length; i++) {
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      if (!lenses?.length) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    assert.ok(lenses?.length, 'the file was checked');
    return editor;
  }

  test('symbols asked for right after an edit come after its check, and include the edit', async () => {
    const editor = await openChecked('first-symbols.portfolio.yaml');
    let checks = 0;
    const subscription = api.service.onDidCheck(() => checks++);
    try {
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount - 1, 0), ADDED)));
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
      assert.ok(checks > 0, 'the outline was answered before the check of the edit had run');
      const initiatives = symbols.find((s) => s.name === 'initiatives');
      assert.deepStrictEqual(
        initiatives?.children.map((c) => c.name),
        ['first-1', 'first-2'],
      );
    } finally {
      subscription.dispose();
    }
  });

  test('lenses asked for right after an edit come after its check', async () => {
    const editor = await openChecked('first-lenses.portfolio.yaml');
    let checks = 0;
    const subscription = api.service.onDidCheck(() => checks++);
    try {
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount - 1, 0), ADDED)));
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
      assert.ok(checks > 0, 'the lenses were answered before the check of the edit had run');
      assert.ok(
        lenses.some((lens) => /2k not linked to any outcome/.test(lens.command?.title ?? '')),
        `the lenses of the edited text: ${lenses.map((l) => l.command?.title).join(', ')}`,
      );
    } finally {
      subscription.dispose();
    }
  });

  test('the outline shows at most portfolioAlignment.maxOutlineSymbols symbols, the shallowest first', async () => {
    const editor = await openChecked('outline-limit.portfolio.yaml');
    const config = vscode.workspace.getConfiguration('portfolioAlignment');
    // The window keeps an outline per document version: the setting applies from the next edit.
    const editAndAsk = async (text: string) => {
      assert.ok(await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount - 1, 0), text)));
      return vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    };
    await config.update('maxOutlineSymbols', 3, vscode.ConfigurationTarget.Workspace);
    try {
      const symbols = await editAndAsk(ADDED);
      assert.deepStrictEqual(
        symbols.map((s) => [s.name, s.children.length]),
        [
          ['apiVersion', 0],
          ['kind', 0],
          ['initiatives', 0],
        ],
      );
    } finally {
      await config.update('maxOutlineSymbols', undefined, vscode.ConfigurationTarget.Workspace);
    }
    const all = await editAndAsk('# every symbol again\n');
    assert.deepStrictEqual(
      all.find((s) => s.name === 'initiatives')?.children.map((c) => c.name),
      ['first-1', 'first-2'],
    );
  });
});
