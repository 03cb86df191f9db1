// The commands behind the Getting Started walkthrough, the welcome view and the keybindings:
// open the example portfolio, copy the CI workflow, link the initiative under the cursor.
import * as vscode from 'vscode';
import { openUntitledWith, untitledPortfolioUri } from './newFile';
import { CI_WORKFLOW, CI_WORKFLOW_PATH } from '../core/features/ciWorkflow';
import example from '../../examples/acme-it.portfolio.yaml';
import type { PortfolioQueries } from './portfolioQueries';

export const OPEN_EXAMPLE_COMMAND = 'portfolioAlignment.openExample';
export const COPY_CI_WORKFLOW_COMMAND = 'portfolioAlignment.copyCiWorkflow';
export const LINK_AT_CURSOR_COMMAND = 'portfolioAlignment.linkInitiativeAtCursor';

/**
 * The example shipped in the bundle (examples/ is not packaged), as an untitled document. In a Node
 * host it is named acme-it.portfolio.yaml and belongs to no folder, so Save suggests a portfolio
 * name; the web host cannot open a named untitled document outside a folder, so there it is
 * an unnamed one.
 */
async function openExample(): Promise<vscode.TextEditor> {
  if (typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string') {
    return openUntitledWith(await untitledPortfolioUri(undefined, 'acme-it'), example);
  }
  return vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'yaml', content: example }));
}

/** Copies the workflow to the clipboard and shows it, ready to save where the message says. */
async function copyCiWorkflow(): Promise<vscode.TextEditor> {
  await vscode.env.clipboard.writeText(CI_WORKFLOW);
  const document = await vscode.workspace.openTextDocument({ language: 'yaml', content: CI_WORKFLOW });
  const editor = await vscode.window.showTextDocument(document);
  void vscode.window.showInformationMessage(
    `The CI workflow is on the clipboard: save it as ${CI_WORKFLOW_PATH} in the repository that holds the portfolio files.`,
  );
  return editor;
}

/** The initiative whose outline entry holds the cursor, by the engine's document symbols. */
async function initiativeAtCursor(service: PortfolioQueries, editor: vscode.TextEditor): Promise<string | undefined> {
  const folder = await service.prepare(editor.document);
  if (folder === undefined) return undefined;
  const symbols = await service.request({ type: 'symbols', folder, path: editor.document.uri.toString() });
  const line = editor.selection.active.line;
  const section = symbols.find((s) => s.name === 'initiatives');
  const item = section?.children.find((c) => c.range.start.line <= line && line <= c.range.end.line);
  return item && item.name !== '(no id)' ? item.name : undefined;
}

async function linkAtCursor(service: PortfolioQueries): Promise<boolean> {
  const editor = vscode.window.activeTextEditor;
  const initiative = editor && (await initiativeAtCursor(service, editor));
  if (!editor || !initiative) {
    void vscode.window.showInformationMessage(
      'Put the cursor inside an initiative (under initiatives:) of a portfolio file to link it to an outcome.',
    );
    return false;
  }
  return (await vscode.commands.executeCommand<boolean>('portfolioAlignment.linkToOutcome', editor.document.uri, initiative)) ?? false;
}

export function registerGettingStarted(service: PortfolioQueries): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(OPEN_EXAMPLE_COMMAND, () => openExample()),
    vscode.commands.registerCommand(COPY_CI_WORKFLOW_COMMAND, () => copyCiWorkflow()),
    vscode.commands.registerCommand(LINK_AT_CURSOR_COMMAND, () => linkAtCursor(service)),
  ];
}
