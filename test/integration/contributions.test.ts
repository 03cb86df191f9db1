// What the manifest contributes resolves in the real editor: the walkthrough's steps (their
// media, commands and completion events), the keybindings (commands that exist, keys no default
// binding uses), the snippets, the welcome views, and the portfolio-align task with its problem
// matcher (Node hosts: problems in the Problems view; the web host runs no process: no task).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeUntitled, codeOf, isNodeHost, removeScenario, restoreFixtures, waitUntil, writeScenario } from './helpers';

interface Manifest {
  contributes: {
    walkthroughs: Array<{
      id: string;
      steps: Array<{ id: string; description: string; media: { image: Record<string, string> }; completionEvents: string[] }>;
    }>;
    keybindings: Array<{ command: string; key: string; mac: string; when: string }>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
    snippets: Array<{ language: string; path: string }>;
    menus: Record<string, Array<{ command: string }>>;
  };
}

async function manifest(): Promise<{ extension: vscode.Extension<unknown>; json: Manifest }> {
  const extension = await activateExtension();
  return { extension, json: extension.packageJSON as Manifest };
}

/** The commands a markdown text links to: [title](command:id?args). */
function linkedCommands(markdown: string): string[] {
  return [...markdown.matchAll(/\(command:([\w.-]+)/g)].map((m) => m[1]!);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

suite('Contributions', () => {
  let commands: Set<string>;

  suiteSetup(async () => {
    await activateExtension();
    commands = new Set(await vscode.commands.getCommands(true));
  });

  teardown(async () => {
    await closeUntitled();
    await restoreFixtures();
  });

  test("the walkthrough's steps each have an action, a completion event and light and dark media that exist", async () => {
    const { extension, json } = await manifest();
    const [walkthrough] = json.contributes.walkthroughs;
    assert.ok(walkthrough, 'a walkthrough is contributed');
    assert.deepStrictEqual(
      walkthrough.steps.map((s) => s.id),
      ['openPortfolio', 'linkInitiative', 'showSummary', 'relationshipModel', 'runInCi'],
    );
    for (const step of walkthrough.steps) {
      const actions = linkedCommands(step.description);
      assert.ok(actions.length > 0, `step ${step.id} has an action`);
      for (const command of actions) assert.ok(commands.has(command), `step ${step.id} links ${command}, which does not exist`);
      assert.ok(step.completionEvents.length > 0, `step ${step.id} has a completion event`);
      for (const event of step.completionEvents) {
        assert.match(event, /^(onCommand|onContext|onSettingChanged):/, `step ${step.id}: ${event}`);
        if (event.startsWith('onCommand:'))
          assert.ok(commands.has(event.slice('onCommand:'.length)), `step ${step.id} completes on ${event}, which does not exist`);
      }
      assert.deepStrictEqual(Object.keys(step.media.image).sort(), ['dark', 'hc', 'hcLight', 'light']);
      for (const file of Object.values(step.media.image))
        assert.ok(await exists(vscode.Uri.joinPath(extension.extensionUri, file)), `${file} of step ${step.id} exists`);
    }
    // VS Code knows the walkthrough by its full id and opens it.
    await vscode.commands.executeCommand('workbench.action.openWalkthrough', `${extension.id}#${walkthrough.id}`, false);
  });

  test('Copy CI Workflow puts the workflow on the clipboard', async () => {
    await vscode.env.clipboard.writeText('');
    await vscode.commands.executeCommand('portfolioAlignment.copyCiWorkflow');
    const copied = await vscode.env.clipboard.readText();
    // Some hosts have no clipboard of their own (the test browser): then the editor still shows it.
    const shown = vscode.window.activeTextEditor?.document.getText() ?? '';
    assert.match(shown, /portfolio-align check/);
    if (copied !== '') assert.strictEqual(copied, shown);
  });

  test('Open Example opens a portfolio that the extension validates', async () => {
    const editor = await vscode.commands.executeCommand<vscode.TextEditor>('portfolioAlignment.openExample');
    const document = editor.document;
    assert.ok(document.isUntitled, 'an untitled document');
    if (isNodeHost())
      assert.match(document.uri.path, /acme-it(-\d+)?\.portfolio\.yaml$/, 'named as a portfolio file, so Save suggests a portfolio name');
    assert.match(document.getText(), /^apiVersion: portfolio\/v1\nkind: Portfolio/m);
    // Alone, without the outcomes file beside it in examples/, its links point at nothing.
    await waitUntil(
      () => (vscode.languages.getDiagnostics(document.uri).some((d) => codeOf(d) === 'unknown-outcome') ? true : undefined),
      'the example to be validated',
    );
  });

  test('the keybindings run commands that exist, on keys no default keybinding uses', async () => {
    const { json } = await manifest();
    const bindings = json.contributes.keybindings;
    assert.deepStrictEqual(
      bindings.map((b) => b.command),
      ['portfolioAlignment.showSummary', 'portfolioAlignment.linkInitiativeAtCursor'],
    );
    for (const binding of bindings) assert.ok(commands.has(binding.command), `${binding.command} exists`);
    // The editor's own list of every default keybinding of this platform, extensions' included.
    const defaults = await vscode.workspace.openTextDocument(vscode.Uri.parse('vscode://defaultsettings/keybindings.json'));
    const entries = [...defaults.getText().matchAll(/"key":\s*"([^"]+)",\s*"command":\s*"([^"]+)"/g)].map((m) => ({
      key: m[1]!,
      command: m[2]!,
    }));
    assert.ok(entries.length > 100, `the default keybindings were read (${entries.length})`);
    for (const binding of bindings) {
      const key = defaults.getText().includes('"cmd+') ? binding.mac : binding.key;
      const users = entries.filter((e) => e.key === key);
      assert.deepStrictEqual(
        users.map((e) => e.command),
        [binding.command],
        `${key} is bound only to ${binding.command}`,
      );
    }
  });

  test('the menus, the welcome views and the snippets point at what exists', async () => {
    const { extension, json } = await manifest();
    for (const [menu, items] of Object.entries(json.contributes.menus))
      for (const item of items) assert.ok(commands.has(item.command), `${menu}: ${item.command} exists`);
    for (const welcome of json.contributes.viewsWelcome) {
      for (const command of linkedCommands(welcome.contents)) {
        // The spreadsheet import is another feature's: its link is shown only once it exists.
        if (command === 'portfolioAlignment.importSpreadsheet')
          assert.strictEqual(welcome.when, 'portfolioAlignment.importSpreadsheetAvailable');
        else assert.ok(commands.has(command), `welcome of ${welcome.view} links ${command}, which does not exist`);
      }
    }
    for (const snippets of json.contributes.snippets)
      assert.ok(await exists(vscode.Uri.joinPath(extension.extensionUri, snippets.path)), `${snippets.path} exists`);
  });

  test('portfolio-align check run as a task puts its problems in the Problems view', async function () {
    const tasks = await vscode.tasks.fetchTasks({ type: 'portfolio-align' });
    if (!isNodeHost()) {
      // The web extension host cannot start the command line: it offers no task at all.
      assert.deepStrictEqual(
        tasks.map((t) => t.name),
        [],
      );
      return;
    }
    assert.deepStrictEqual(tasks.map((t) => t.name).sort(), ['check', 'report (HTML)']);
    // A task as tasks.json would define it, on a file of its own: its problems stay in that
    // file, so the other suites see only the extension's own diagnostics.
    const text =
      'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Task scenario\n  currency: EUR\n  brm: Dana Whitfield\ninitiatives:\n  - id: task-scenario-initiative\n    title: Links a missing outcome\n    outcomes: [task-scenario-missing]\n    cost: 10k\n';
    const uri = await writeScenario('task.portfolio.yaml', text);
    try {
      const folder = vscode.workspace.workspaceFolders![0]!;
      // The provider's check task, run on the scenario file only (its CLI, runtime, folder and matcher).
      const check = tasks.find((t) => t.name === 'check')!;
      const execution = check.execution as vscode.ProcessExecution;
      const [cli, command, ...options] = execution.args;
      assert.strictEqual(command, 'check');
      const only = new vscode.ProcessExecution(
        execution.process,
        [cli!, 'check', 'scenarios/task.portfolio.yaml', ...options],
        execution.options,
      );
      assert.deepStrictEqual(check.problemMatchers, ['$portfolio-align']);
      const task = new vscode.Task(check.definition, folder, 'check scenario', 'portfolio-align', only, ['$portfolio-align']);
      const ended = new Promise<number | undefined>((resolve) => {
        const listener = vscode.tasks.onDidEndTaskProcess((event) => {
          if (event.execution.task.name !== 'check scenario') return;
          listener.dispose();
          resolve(event.exitCode);
        });
      });
      await vscode.tasks.executeTask(task);
      assert.strictEqual(await ended, 1, 'the check finds an error and exits with 1');
      const fromTask = await waitUntil(() => {
        // The matcher adds the task's problems as its output arrives: wait for the one asserted on.
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'portfolio-align');
        return found.some((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-outcome') ? found : undefined;
      }, 'the unknown-outcome problem of the portfolio-align problem matcher').catch((error: Error) => {
        const elsewhere = vscode.languages
          .getDiagnostics()
          .flatMap(([u, ds]) => ds.filter((d) => d.source === 'portfolio-align').map((d) => `${u.toString()}: ${d.message}`));
        throw new Error(`${error.message}; portfolio-align problems elsewhere: ${elsewhere.join(' | ') || '(none)'}`);
      });
      const problem = fromTask.find((d) => (typeof d.code === 'object' ? d.code.value : d.code) === 'unknown-outcome');
      assert.ok(problem, `an unknown-outcome problem among ${fromTask.map((d) => d.message).join(' | ')}`);
      const code = typeof problem!.code === 'object' ? problem!.code.value : problem!.code;
      assert.strictEqual(code, 'unknown-outcome');
      assert.strictEqual(problem!.severity, vscode.DiagnosticSeverity.Error);
      assert.strictEqual(
        problem!.range.start.line,
        text.split('\n').findIndex((l) => l.includes('task-scenario-missing')),
        'at the line of the missing outcome',
      );
      assert.match(problem!.message, /task-scenario-missing/);
    } finally {
      await removeScenario(uri);
    }
  });
});
