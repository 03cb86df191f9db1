// The Portfolio view in the real editor: its groups and counts come from the engine, an item
// opens its YAML line, the tree and its badge follow an edit, and the unlinked spend decoration
// appears only with its setting on.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, fixtureUri, openFixture, rangeOf, replaceText, restoreFixtures, setSetting } from './helpers';

/** The parts of the view the tests use (src/extension/portfolioView.ts). */
interface ViewElement {
  type: string;
  node?: { id: string; label: string; description: string; count?: number; expandable: boolean; initiative?: string };
}
interface ViewApi {
  portfolioView: {
    provider: {
      getChildren(element?: ViewElement): Promise<ViewElement[]>;
      getTreeItem(element: ViewElement): vscode.TreeItem;
      onDidChangeTreeData: vscode.Event<ViewElement | undefined>;
    };
    view: vscode.TreeView<ViewElement>;
  };
  unlinkedDecorations: { shown: Map<string, string[]> };
}

async function api(): Promise<ViewApi> {
  return (await activateExtension()).exports as ViewApi;
}

/** Polls an async check until it gives a value; fails with the last value it saw. */
async function eventually<T>(
  check: () => Promise<T | undefined>,
  what: string,
  describe: () => Promise<string>,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; the view shows:\n${await describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

type Rows = Record<string, string>;

/** The children of a group as label -> description. */
async function rowsOf(provider: ViewApi['portfolioView']['provider'], group: string): Promise<Rows> {
  const top = await provider.getChildren();
  const element = top.find((e) => e.node?.id === group);
  if (!element) return {};
  const rows: Rows = { '': `${element.node!.label}: ${element.node!.description}` };
  for (const child of element.node!.expandable ? await provider.getChildren(element) : [])
    if (child.node) rows[child.node.label] = child.node.description;
  return rows;
}

async function describeTree(provider: ViewApi['portfolioView']['provider']): Promise<string> {
  const lines: string[] = [];
  for (const group of ['unlinked', 'outcomes', 'capabilities', 'problems']) lines.push(JSON.stringify(await rowsOf(provider, group)));
  return lines.join('\n');
}

suite('Portfolio view', () => {
  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await setSetting('decorations.unlinkedSpend', undefined);
    await restoreFixtures();
  });

  test('shows unlinked spend first, outcomes with their initiatives and spend, capabilities and problems by rule, with counts and a badge', async () => {
    const { portfolioView } = await api();
    const { provider, view } = portfolioView;
    const top = await eventually(
      async () => {
        const items = await provider.getChildren();
        return items.length === 4 && items[0]!.node?.count === 1 ? items : undefined;
      },
      'the four groups, with one unlinked initiative',
      () => describeTree(provider),
    );
    assert.deepStrictEqual(
      top.map((e) => e.node!.label),
      ['Unlinked spend', 'Outcomes', 'Capabilities', 'Problems'],
    );
    assert.deepStrictEqual(top.map((e) => e.node!.description).slice(0, 2), ['EUR 420k · 1', 'EUR 180k · 2']);
    const unlinked = await provider.getChildren(top[0]);
    assert.deepStrictEqual(
      unlinked.map((e) => [e.node!.label, e.node!.description]),
      [['crm-renewal', 'EUR 420k · CRM subscription renewal']],
    );
    const outcomes = await provider.getChildren(top[1]);
    assert.deepStrictEqual(
      outcomes.map((e) => [e.node!.label, e.node!.description]),
      [
        ['faster-invoicing', 'EUR 180k · 1 · Send invoices within one day of delivery'],
        ['customer-retention', 'EUR 0.00 · 0 · Keep 95% of key accounts'],
      ],
    );
    const serving = await provider.getChildren(outcomes[0]);
    assert.deepStrictEqual(
      serving.map((e) => e.node!.label),
      ['einvoice-gateway'],
    );
    const problems = await provider.getChildren(top[3]);
    const unknown = problems.find((e) => e.node!.label === 'unknown-outcome');
    assert.ok(unknown, `rules: ${problems.map((e) => e.node!.label).join(', ')}`);
    assert.strictEqual(unknown.node!.description, '1');
    assert.strictEqual(view.badge?.value, 1, 'the badge counts the unlinked initiatives');
    // The tree items VS Code shows: the group expanded, the initiative with its context actions.
    assert.strictEqual(provider.getTreeItem(top[0]!).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.strictEqual(provider.getTreeItem(unlinked[0]!).contextValue, 'portfolio.initiative.unlinked.located');
  });

  test('an item opens its YAML line', async () => {
    const { provider } = (await api()).portfolioView;
    const top = await provider.getChildren();
    const [crm] = await provider.getChildren(top[0]);
    const command = provider.getTreeItem(crm!).command;
    assert.ok(command, 'the item has a command');
    await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor, 'an editor is open');
    assert.strictEqual(editor.document.uri.toString(), fixtureUri('initiatives.portfolio.yaml').toString());
    assert.deepStrictEqual(editor.selection.active, rangeOf(editor.document, 'id: crm-renewal').start.translate(0, 4));
  });

  test('follows an edit: the fixed link leaves no unlinked spend, and the outcome gains the initiative', async () => {
    const { portfolioView } = await api();
    const { provider, view } = portfolioView;
    const { document } = await openFixture('initiatives.portfolio.yaml');
    // VS Code asks again only when the provider says the tree changed: it must, after the check.
    let changed = false;
    const listener = provider.onDidChangeTreeData(() => (changed = true));
    await replaceText(document, 'customer-retension', 'customer-retention');
    await eventually(
      async () => (changed ? true : undefined),
      'the tree to be told it changed',
      async () => 'no onDidChangeTreeData event',
    ).finally(() => listener.dispose());
    const outcomes = await eventually(
      async () => {
        const rows = await rowsOf(provider, 'outcomes');
        return rows['customer-retention'] === 'EUR 420k · 1 · Keep 95% of key accounts' ? rows : undefined;
      },
      'customer-retention to be served by crm-renewal',
      () => describeTree(provider),
    );
    assert.strictEqual(outcomes[''], 'Outcomes: EUR 600k · 2');
    assert.deepStrictEqual(await rowsOf(provider, 'unlinked'), { '': 'Unlinked spend: EUR 0.00 · 0' });
    assert.strictEqual(view.badge, undefined, 'no badge without unlinked spend');
  });

  test('the unlinked spend decoration shows the amount at the end of the line, only when its setting is on', async () => {
    const { unlinkedDecorations } = await api();
    const { document } = await openFixture('initiatives.portfolio.yaml');
    const key = document.uri.toString();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.deepStrictEqual(unlinkedDecorations.shown.get(key) ?? [], [], 'off by default');
    await setSetting('decorations.unlinkedSpend', true);
    const line = rangeOf(document, 'id: crm-renewal').start.line + 1;
    const want = `${line}: EUR 420k unlinked: links an outcome that does not exist`;
    await eventually(
      async () => (unlinkedDecorations.shown.get(key)?.[0] === want ? true : undefined),
      want,
      async () => JSON.stringify(unlinkedDecorations.shown.get(key)),
    );
    await setSetting('decorations.unlinkedSpend', false);
    await eventually(
      async () => (unlinkedDecorations.shown.get(key)?.length === 0 ? true : undefined),
      'no decoration',
      async () => JSON.stringify(unlinkedDecorations.shown.get(key)),
    );
  });
});
