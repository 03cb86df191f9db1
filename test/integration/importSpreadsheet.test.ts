// Import from Spreadsheet… and the summary panel's Excel export in the real editor, driven with
// arguments instead of dialogs. In a Node extension host (code-server, desktop) the command opens
// the guessed map, imports into a new or an existing portfolio file, and puts rejected rows on
// the map; in the web extension host both say they need the desktop or a Node host.
import * as assert from 'assert';
import * as vscode from 'vscode';
import {
  activateExtension,
  closeUntitled,
  isNodeHost,
  openFixture,
  removeScenario,
  restoreFixtures,
  waitForCodes,
  waitUntil,
  writeScenario,
} from './helpers';

const CSV =
  'Project ID,Project Name,Owner,Cost ($ M),Start Date\r\nIMP-A1,"Alpha: ""one""",Ops,1.5,2027-01-01\r\nIMP-A2,Beta,Ops,(0.5),2027-02-01\r\nIMP-A3,Gamma,Sales,2,2027-03-01\r\n';

// What portfolio-align import projects.csv --guess-map prints for CSV.
const GUESSED_MAP = `# Guessed by portfolio-align import --guess-map from the header row of projects.csv.
# Check every line, then: portfolio-align import projects.csv --map this.map.yaml
# Fields: docs/import.md

apiVersion: portfolio-import/v1
metadata:
  name: projects
  currency: USD
initiatives:
  id: Project ID
  title: Project Name
  cost:
    column: Cost ($ M)
    scale: 1000000
  owner: Owner
  start: Start Date
`;

// What portfolio-align import prints with that map, but for the first line.
const IMPORTED = `# Imported from projects.csv with projects.map.yaml by Portfolio Alignment.

apiVersion: portfolio/v1
kind: Portfolio
metadata:
  name: projects
  currency: USD
initiatives:
  - id: imp-a1
    title: 'Alpha: "one"'
    cost: 1500000
    owner: Ops
    start: 2027-01-01

  - id: imp-a3
    title: Gamma
    cost: 2000000
    owner: Sales
    start: 2027-03-01
`;

const EXISTING = `# Kept by hand next to the finance sheet.
apiVersion: portfolio/v1
kind: Portfolio
metadata:
  name: Imported by hand
  currency: USD
outcomes:
  - id: imp-goal
    title: An outcome written in the editor
initiatives:
  - id: imp-a1 # the first one
    title: Old title
    outcomes: [ imp-goal ]   # linked by hand: the sheet has no outcome column
    cost: 1500000
  - id: imp-gone
    title: Not in the sheet any more
    cost: 1
`;

interface RunImportResult {
  document: vscode.TextDocument;
  imported: number;
  rejectedRows: number;
}

interface Panel {
  panel: vscode.WebviewPanel;
  lastPosted?: { type: string; excelUnavailable?: string };
  writeExport(format: string, target: vscode.Uri): Promise<string | Uint8Array>;
}

suite('Import from Spreadsheet and the Excel export', () => {
  const created: vscode.Uri[] = [];

  suiteSetup(async () => {
    await activateExtension();
  });

  teardown(async () => {
    await closeUntitled();
    await restoreFixtures();
    for (const uri of created.splice(0)) await removeScenario(uri);
  });

  test('opens the guessed map, imports into a new file, and shows the rejected row on the map', async () => {
    const source = await writeScenario('import/projects.csv', CSV);
    created.push(source);
    const map = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('portfolioAlignment.importSpreadsheet', { source });
    if (!isNodeHost()) {
      assert.strictEqual(map, undefined, 'the web host does not read spreadsheets: the command says so instead');
      return;
    }
    assert.ok(map, 'the command returns the map document');
    assert.strictEqual(map.uri.scheme, 'untitled');
    assert.match(map.uri.path, /\/import\/projects\.map\.yaml$/, 'named *.map.yaml beside the sheet, so the map schema applies');
    assert.strictEqual(map.languageId, 'yaml');
    assert.strictEqual(map.getText(), GUESSED_MAP);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', map.uri);
    assert.ok(
      lenses.some((lens) => lens.command?.command === 'portfolioAlignment.runImport'),
      'the map offers Run Import',
    );

    const result = await vscode.commands.executeCommand<RunImportResult | undefined>('portfolioAlignment.runImport', map.uri, {
      target: 'new',
    });
    assert.ok(result, 'Run Import returns what it wrote');
    assert.strictEqual(result.document.uri.scheme, 'untitled', 'a new file is untitled: nothing is written until the user saves');
    assert.match(result.document.uri.path, /\/import\/projects\.portfolio\.yaml$/);
    assert.strictEqual(result.document.getText(), IMPORTED);
    assert.deepStrictEqual([result.imported, result.rejectedRows], [2, 1]);

    const problems = vscode.languages.getDiagnostics(map.uri);
    assert.deepStrictEqual(
      problems.map((d) => d.message),
      [
        'projects.csv: row 3 column "Cost ($ M)" value "(0.5)": bad cost: a negative amount: portfolio amounts are never negative; enter the cost as a positive number, or leave the cell empty',
      ],
    );
    assert.strictEqual(map.lineAt(problems[0]!.range.start.line).text, '  cost:', 'the problem is on the map line of the field');
  });

  test('updates an existing portfolio file in place: comments and hand-written links kept, undoable, not saved', async () => {
    const source = await writeScenario('import/projects.csv', CSV);
    const existing = await writeScenario('import/existing.portfolio.yaml', EXISTING);
    created.push(source, existing);
    const map = await vscode.commands.executeCommand<vscode.TextDocument | undefined>('portfolioAlignment.importSpreadsheet', { source });
    if (!isNodeHost()) {
      assert.strictEqual(map, undefined);
      return;
    }
    assert.ok(map);
    const result = await vscode.commands.executeCommand<RunImportResult | undefined>('portfolioAlignment.runImport', map.uri, {
      target: existing,
    });
    assert.ok(result);
    assert.strictEqual(result.document.uri.toString(), existing.toString());
    const text = result.document.getText();
    assert.ok(result.document.isDirty, 'the merge is an edit of the open document, left for the user to save');
    assert.strictEqual(new TextDecoder().decode(await vscode.workspace.fs.readFile(existing)), EXISTING, 'nothing is written to disk');
    assert.match(text, /^# Kept by hand next to the finance sheet\.$/m);
    assert.match(text, /- id: imp-a1 # the first one\n {4}title: 'Alpha: "one"'\n {4}outcomes: \[ imp-goal \] # linked by hand/);
    assert.match(text, /- id: imp-gone\n/, 'an item the sheet no longer has is kept');
    assert.match(text, /- id: imp-a3\n {4}title: Gamma/, 'a new row is added');
    assert.doesNotMatch(text, /imp-a2/, 'the rejected row is not imported');
    await vscode.commands.executeCommand('undo');
    await waitUntil(() => (result.document.getText() === EXISTING ? true : undefined), 'Undo to restore the file');
  });

  test('the summary panel exports Excel: a workbook with the report sheets, read back by the library', async () => {
    const { document } = await openFixture('initiatives.portfolio.yaml');
    await waitForCodes(document.uri, ['unknown-outcome']);
    const panel = await vscode.commands.executeCommand<Panel>('portfolioAlignment.showSummary');
    try {
      await waitUntil(() => (panel.lastPosted?.type === 'summary' ? true : undefined), 'the summary to be posted');
      const target = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'scenarios', 'import', 'summary.xlsx');
      if (!isNodeHost()) {
        assert.match(panel.lastPosted?.excelUnavailable ?? '', /desktop/, 'the page is told why Excel is disabled');
        await assert.rejects(panel.writeExport('xlsx', target), /desktop/);
        return;
      }
      assert.strictEqual(panel.lastPosted?.excelUnavailable, undefined, 'Excel is offered in a Node host');
      created.push(target);
      await panel.writeExport('xlsx', target);
      const bytes = await vscode.workspace.fs.readFile(target);
      assert.deepStrictEqual([...bytes.subarray(0, 4)], [0x50, 0x4b, 0x03, 0x04], 'a zip file, as XLSX is');
      const sheets = await vscode.commands.executeCommand<Record<string, string[][]>>('portfolioAlignment.test.readWorkbook', target);
      assert.deepStrictEqual(Object.keys(sheets), ['Summary', 'Initiatives', 'Outcomes', 'Unlinked', 'Capabilities']);
      const unlinked = sheets.Unlinked!;
      assert.ok(
        unlinked.some((row) => row[0] === 'crm-renewal'),
        `crm-renewal is unlinked: ${JSON.stringify(unlinked)}`,
      );
      assert.ok(
        sheets.Initiatives!.slice(1).every((row) => !/^file:/.test(row[9] ?? '')),
        'paths are relative to the folder, as the report shows them',
      );
    } finally {
      panel.panel.dispose();
    }
  });
});
