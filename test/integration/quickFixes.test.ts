// Every quick fix applied in the real editor, then the file validated again.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  applyCodeAction,
  codeActionsAt,
  codeOf,
  openFixture,
  rangeOf,
  removeScenario,
  restoreFixtures,
  waitForCodes,
  waitForDiagnostics,
  writeScenario,
} from './helpers';

/** A small self-contained portfolio (ids prefixed so they never meet the shared fixture's). */
function scenario(prefix: string, initiatives: string): string {
  return `apiVersion: portfolio/v1
kind: Portfolio
metadata:
  name: Harness fixture
  currency: EUR
  brm: Dana Whitfield
outcomes:
  - id: ${prefix}-supply-chain
    title: Cut the cost to run the supply chain
    owner: COO
    capability: Supply chain
    measures:
      - kind: cost
        metric: Cost per order
        target: 10
  - id: ${prefix}-cash
    title: Get paid faster
    owner: CFO
    capability: Finance
    measures:
      - kind: time
        metric: Days sales outstanding
        target: 40
initiatives:
${initiatives}`;
}

suite('Quick fixes', () => {
  const created: vscode.Uri[] = [];

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    // Scenario files are saved, deleted, then closed: the extension forgets a closed file that is
    // gone (test-web's file system reports no deletions); the shared fixture is put back.
    const scenarios = new Set(created.map((uri) => uri.toString()));
    for (const document of vscode.workspace.textDocuments)
      if (scenarios.has(document.uri.toString()) && document.isDirty) await document.save();
    while (created.length > 0) await removeScenario(created.pop()!);
    await restoreFixtures();
  });

  async function open(name: string, text: string): Promise<vscode.TextDocument> {
    const uri = await writeScenario(name, text);
    created.push(uri);
    return (await vscode.window.showTextDocument(uri)).document;
  }

  test('replaces an unknown outcome with the did-you-mean', async () => {
    await openFixture('outcomes.portfolio.yaml');
    const { document } = await openFixture('initiatives.portfolio.yaml');
    const [diagnostic] = await waitForCodes(document.uri, ['unknown-outcome']);
    await applyCodeAction(document.uri, diagnostic!.range, 'Change to "customer-retention"');
    assert.match(document.getText(), /outcomes: \[customer-retention\]/);
    await waitForCodes(document.uri, []);
  });

  test('creates a stub outcome for an unknown id', async () => {
    const document = await open(
      'stub.portfolio.yaml',
      scenario(
        'stub',
        `  - id: stub-erp
    title: ERP upgrade
    outcomes: [stub-data-quality]
    cost: 100k
    owner: ERP team
`,
      ),
    );
    const [diagnostic] = await waitForCodes(document.uri, ['orphan-outcome', 'orphan-outcome', 'unknown-outcome']).then((ds) =>
      ds.filter((d) => codeOf(d) === 'unknown-outcome'),
    );
    await applyCodeAction(document.uri, diagnostic!.range, 'Create outcome "stub-data-quality"');
    assert.match(document.getText(), / {2}- id: stub-data-quality\n {4}title: Stub data quality\n/);
    // The stub has no measure and no owner yet (reported as info); the unknown link is gone.
    await waitForDiagnostics(document.uri, (ds) => !ds.some((d) => codeOf(d) === 'unknown-outcome'), 'the unknown outcome to be gone');
  });

  test('links an unlinked initiative to the best matching outcome', async () => {
    const document = await open(
      'link.portfolio.yaml',
      scenario(
        'link',
        `  - id: link-warehouse
    title: Warehouse robots for the supply chain
    cost: 400k
    owner: Logistics
`,
      ),
    );
    const diagnostics = await waitForCodes(document.uri, ['orphan-outcome', 'orphan-outcome', 'unlinked-spend']);
    const unlinked = diagnostics.find((d) => codeOf(d) === 'unlinked-spend')!;
    const titles = (await codeActionsAt(document.uri, unlinked.range)).map((a) => a.title);
    assert.deepStrictEqual(titles.slice(0, 2), [
      'Link to outcome "link-supply-chain" (Cut the cost to run the supply chain)',
      'Link to outcome "link-cash" (Get paid faster)',
    ]);
    assert.ok(titles.includes('Link to outcome…'));
    await applyCodeAction(document.uri, unlinked.range, titles[0]!);
    assert.match(document.getText(), / {4}owner: Logistics\n {4}outcomes: \[link-supply-chain\]\n/);
    await waitForCodes(document.uri, ['orphan-outcome']);
  });

  test('makes a split add up to 100%', async () => {
    const document = await open(
      'split.portfolio.yaml',
      scenario(
        'split',
        `  - id: split-portal
    title: Supplier portal
    outcomes: { split-supply-chain: 60%, split-cash: 30% }
    cost: 200k
    owner: Procurement IT
`,
      ),
    );
    const [diagnostic] = await waitForCodes(document.uri, ['split-not-100']);
    await applyCodeAction(document.uri, diagnostic!.range, 'Give the remaining 10% to "split-cash"');
    assert.match(document.getText(), /\{ split-supply-chain: 60%, split-cash: 40% \}/);
    await waitForCodes(document.uri, []);
  });

  test('renames an unknown key and adds a missing one', async () => {
    const document = await open(
      'keys.portfolio.yaml',
      scenario(
        'keys',
        `  - id: keys-edi
    title: EDI onboarding
    outcomes: [keys-supply-chain, keys-cash]
    cost: 120k
    ownr: Logistics IT
  - id: keys-tax
    outcomes: [keys-cash]
    cost: 50k
    owner: ERP team
`,
      ),
    );
    // "ownr" is not read, so keys-edi also has no owner yet.
    const diagnostics = await waitForCodes(document.uri, ['missing-owner', 'schema', 'schema']);
    const unknownKey = diagnostics.find((d) => /Unknown key "ownr"/.test(d.message))!;
    await applyCodeAction(document.uri, unknownKey.range, 'Change to "owner"');
    const missing = (await waitForCodes(document.uri, ['schema']))[0]!;
    assert.match(missing.message, /Missing required key "title"/);
    assert.ok(missing.range.isEqual(rangeOf(document, 'keys-tax')), "reported at the item's id");
    await applyCodeAction(document.uri, missing.range, 'Add "title"');
    await waitForCodes(document.uri, []);
  });

  test('fixes all safe problems at once with source.fixAll', async () => {
    const document = await open(
      'all.portfolio.yaml',
      scenario(
        'all',
        `  - id: all-one
    title: One
    categroy: run
    type: sofware-upgrade
    outcomes: [all-supply-chain, all-cash]
    cost: 10k
    owner: Team
`,
      ),
    );
    await waitForCodes(document.uri, ['schema', 'schema']);
    const whole = new vscode.Range(0, 0, document.lineCount, 0);
    const [fixAll] = await codeActionsAt(document.uri, whole, 'source.fixAll.portfolioAlignment');
    assert.ok(fixAll?.edit, 'a fix-all action with an edit');
    assert.ok(await vscode.workspace.applyEdit(fixAll.edit));
    assert.match(document.getText(), /category: run\n {4}type: software-upgrade/);
    await waitForCodes(document.uri, []);
  });
});
