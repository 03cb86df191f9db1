// Tasks of type `portfolio-align`: the command line (the copy bundled in the extension) run as a
// task, with the $portfolio-align problem matcher reading its text output, so that
// `portfolio-align check` puts clickable problems in the Problems view. Node hosts only: the
// web extension host can run no process, and then no task is offered.
import * as vscode from 'vscode';
import { SECTION } from './config';
import type { PortfolioQueries } from './portfolioQueries';

export const TASK_TYPE = 'portfolio-align';
export const PROBLEM_MATCHER = '$portfolio-align';

export interface PortfolioTaskDefinition extends vscode.TaskDefinition {
  type: typeof TASK_TYPE;
  command: 'check' | 'report';
  /** Files, folders or globs, relative to the workspace folder; the folder itself by default. */
  paths?: string[];
  /** More options, as on the command line: ["--fail-on", "warning"]. */
  args?: string[];
}

declare const process: { execPath?: string; versions?: { node?: string } } | undefined;

/** Whether this extension host can start processes (a Node host: desktop, code-server). */
export function canRunTasks(): boolean {
  return typeof process !== 'undefined' && typeof process?.versions?.node === 'string' && typeof process.execPath === 'string';
}

/** The folder's relationship model and rule overrides, so the task finds what the editor finds. */
function settingsArgs(folder: vscode.WorkspaceFolder): string[] {
  const config = vscode.workspace.getConfiguration(SECTION, folder.uri);
  const args = ['--model', config.get<string>('relationshipModel', 'provider')];
  for (const [rule, severity] of Object.entries(config.get<Record<string, string>>('rules', {})))
    args.push('--rule', `${rule}=${severity}`);
  const asOf = config.get<string>('asOfDate', '');
  if (asOf) args.push('--today', asOf);
  return args;
}

function commandArgs(definition: PortfolioTaskDefinition): string[] {
  if (definition.command === 'report')
    return [
      'report',
      ...(definition.paths ?? []),
      '--format',
      'html',
      '--out',
      'portfolio-report.html',
      '--force',
      ...(definition.args ?? []),
    ];
  return ['check', ...(definition.paths ?? []), '--no-color', ...(definition.args ?? [])];
}

function taskFor(
  extensionUri: vscode.Uri,
  folder: vscode.WorkspaceFolder,
  definition: PortfolioTaskDefinition,
  scope: vscode.TaskScope | vscode.WorkspaceFolder = folder,
): vscode.Task {
  const cli = vscode.Uri.joinPath(extensionUri, 'dist', 'cli.js').fsPath;
  // The extension host's own runtime runs the CLI: no Node on PATH needed (Electron acts as Node).
  const execution = new vscode.ProcessExecution(process!.execPath!, [cli, ...commandArgs(definition), ...settingsArgs(folder)], {
    cwd: folder.uri.fsPath,
    env: { ELECTRON_RUN_AS_NODE: '1' },
  });
  const name = definition.command === 'report' ? 'report (HTML)' : 'check';
  const task = new vscode.Task(definition, scope, name, TASK_TYPE, execution, definition.command === 'check' ? [PROBLEM_MATCHER] : []);
  task.group = definition.command === 'check' ? vscode.TaskGroup.Test : vscode.TaskGroup.Build;
  task.detail =
    definition.command === 'check'
      ? 'portfolio-align check: problems to the Problems view'
      : 'portfolio-align report: portfolio-report.html';
  task.presentationOptions = { reveal: vscode.TaskRevealKind.Silent, clear: true };
  return task;
}

class PortfolioTaskProvider implements vscode.TaskProvider {
  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly service: PortfolioQueries,
  ) {}

  provideTasks(): vscode.Task[] {
    const tasks: vscode.Task[] = [];
    for (const { uri } of this.service.portfolioFolders()) {
      const folder = uri && vscode.workspace.getWorkspaceFolder(uri);
      if (!folder || folder.uri.scheme !== 'file') continue; // the CLI reads files from disk
      for (const command of ['check', 'report'] as const) tasks.push(taskFor(this.extensionUri, folder, { type: TASK_TYPE, command }));
    }
    return tasks;
  }

  resolveTask(task: vscode.Task): vscode.Task | undefined {
    const definition = task.definition as PortfolioTaskDefinition;
    if (definition.command !== 'check' && definition.command !== 'report') return undefined;
    const folder = typeof task.scope === 'object' ? task.scope : vscode.workspace.workspaceFolders?.[0];
    if (!folder || folder.uri.scheme !== 'file') return undefined;
    return taskFor(this.extensionUri, folder, definition, task.scope ?? folder);
  }
}

export function registerTasks(context: vscode.ExtensionContext, service: PortfolioQueries): vscode.Disposable[] {
  if (!canRunTasks()) return [];
  return [vscode.tasks.registerTaskProvider(TASK_TYPE, new PortfolioTaskProvider(context.extensionUri, service))];
}
