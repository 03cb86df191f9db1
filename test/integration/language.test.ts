// Completion, hover, go to definition, references, rename, outline, CodeLens and the status bar
// in the real editor, against the shared fixture (see diagnostics.test.ts).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, extensionApi, openFixture, rangeOf, restoreFixtures, waitForCodes } from './helpers';

const OUTCOMES = 'outcomes.portfolio.yaml';
const INITIATIVES = 'initiatives.portfolio.yaml';

suite('Language features', () => {
  let outcomes: vscode.TextDocument;
  let initiatives: vscode.TextDocument;

  suiteSetup(async () => {
    await activateExtension();
  });

  setup(async () => {
    outcomes = (await openFixture(OUTCOMES)).document;
    initiatives = (await openFixture(INITIATIVES)).document;
    await waitForCodes(initiatives.uri, ['unknown-outcome']);
  });

  teardown(async () => {
    await restoreFixtures();
  });

  test('completes outcome ids inside an outcomes list, with their titles', async () => {
    const position = rangeOf(initiatives, '[faster-invoicing]').start.translate(0, 1);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      initiatives.uri,
      position,
    );
    const items = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    const labels = items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort();
    assert.deepStrictEqual(labels, ['customer-retention', 'faster-invoicing']);
    assert.strictEqual(items.find((i) => i.label === 'customer-retention')?.detail, 'Keep 95% of key accounts');
  });

  test('completes enum values of a key', async () => {
    const position = rangeOf(initiatives, 'status: approved').start.translate(0, 'status: '.length);
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      initiatives.uri,
      position,
    );
    const values = list.items
      .filter((i) => i.kind === vscode.CompletionItemKind.EnumMember)
      .map((i) => String(i.label))
      .sort();
    assert.deepStrictEqual(values, ['approved', 'cancelled', 'done', 'in-progress', 'proposed']);
  });

  test('hovers an outcome link with its title, owner and the spend linked to it', async () => {
    const position = rangeOf(initiatives, '[faster-invoicing]').start.translate(0, 3);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', initiatives.uri, position);
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /\*\*Send invoices within one day of delivery\*\*/);
    assert.match(text, /owner CFO/);
    assert.match(text, /Linked spend: EUR 180,000\.00 from 1 initiative/);
  });

  test('goes to the definition of an outcome in the other file', async () => {
    const position = rangeOf(initiatives, '[faster-invoicing]').start.translate(0, 2);
    const locations = await vscode.commands.executeCommand<Array<vscode.Location | vscode.LocationLink>>(
      'vscode.executeDefinitionProvider',
      initiatives.uri,
      position,
    );
    assert.strictEqual(locations.length, 1);
    const location = locations[0]!;
    const uri = 'uri' in location ? location.uri : location.targetUri;
    const range = 'range' in location ? location.range : location.targetRange;
    assert.strictEqual(uri.toString(), outcomes.uri.toString());
    assert.ok(range.isEqual(rangeOf(outcomes, 'faster-invoicing')));
  });

  test('finds the references to an outcome across files', async () => {
    const position = rangeOf(outcomes, 'faster-invoicing').start;
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', outcomes.uri, position);
    const places = locations
      .map((l) => `${l.uri.toString() === initiatives.uri.toString() ? 'initiatives' : 'outcomes'}:${l.range.start.line}`)
      .sort();
    assert.deepStrictEqual(places, [
      `initiatives:${rangeOf(initiatives, '[faster-invoicing]').start.line}`,
      `outcomes:${rangeOf(outcomes, 'faster-invoicing').start.line}`,
    ]);
  });

  test('renames an outcome in both files, and refuses to rename what is not an id', async () => {
    const position = rangeOf(outcomes, 'faster-invoicing').start;
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>(
      'vscode.executeDocumentRenameProvider',
      outcomes.uri,
      position,
      'quick-invoicing',
    );
    assert.deepStrictEqual(
      edit
        .entries()
        .map(([uri, edits]) => [uri.toString(), edits.length])
        .sort(),
      [
        [initiatives.uri.toString(), 1],
        [outcomes.uri.toString(), 1],
      ].sort(),
    );
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.match(initiatives.getText(), /outcomes: \[quick-invoicing\]/);
    assert.match(outcomes.getText(), /- id: quick-invoicing/);
    await waitForCodes(initiatives.uri, ['unknown-outcome']); // only the typo is left: the renamed link resolves
    await assert.rejects(
      Promise.resolve(
        vscode.commands.executeCommand('vscode.prepareRename', outcomes.uri, rangeOf(outcomes, 'Keep 95% of key accounts').start),
      ),
      /Only outcome and initiative ids can be renamed/,
    );
  });

  test('outlines the outcomes and initiatives', async () => {
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', initiatives.uri);
    const list = symbols.find((s) => s.name === 'initiatives');
    assert.ok(list, `symbols: ${symbols.map((s) => s.name).join(', ')}`);
    assert.deepStrictEqual(
      list.children.map((c) => c.name),
      ['einvoice-gateway', 'crm-renewal'],
    );
    assert.strictEqual(list.children[0]!.detail, 'E-invoicing gateway · EUR 180k');
  });

  test('puts linked spend above each outcome', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', outcomes.uri, 10);
    const titles = lenses.map((l) => l.command?.title).sort();
    assert.deepStrictEqual(titles, ['EUR 0.00 · 0 initiatives', 'EUR 180k · 1 initiative']);
  });

  test('shows the alignment score of the folder in the status bar', async () => {
    const api = await extensionApi();
    await vscode.window.showTextDocument(initiatives);
    // 180k of 600k is linked (the typo leaves 420k unlinked): 30.0%, below the fair threshold.
    const deadline = Date.now() + 30_000;
    while (api.statusBar.item.text !== '$(pulse) 30.0% aligned' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    assert.strictEqual(api.statusBar.item.text, '$(pulse) 30.0% aligned');
    assert.ok(api.statusBar.item.backgroundColor instanceof vscode.ThemeColor);
  });
});
