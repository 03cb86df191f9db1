// The commands of the palette, and the ones behind CodeLens and quick fixes.
import * as vscode from 'vscode';
import type { RuleId } from '../core/check/ruleIds';
import { isRuleId } from '../core/check/ruleIds';
import { plural } from '../core/text/suggest';
import { fromPosition, toLocation, toWorkspaceEdit } from './convert';
import { newPortfolioFile } from './newFile';
import type { PortfolioQueries } from './portfolioQueries';

async function validateWorkspace(service: PortfolioQueries): Promise<void> {
  const { files, errors, warnings } = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Window, title: 'Validating portfolio files' },
    () => service.revalidateAll(),
  );
  void vscode.window.showInformationMessage(
    files === 0
      ? 'No portfolio files found: name them *.portfolio.yaml or start them with apiVersion: portfolio/v1.'
      : `Validated ${plural(files, 'portfolio file')}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}.`,
  );
}

async function showRuleDocumentation(context: vscode.ExtensionContext, service: PortfolioQueries, id?: unknown): Promise<void> {
  let rule: RuleId | undefined = typeof id === 'string' && isRuleId(id) ? id : undefined;
  if (!rule) {
    // The catalogue comes from the engine, so the extension host does not load the rules' code.
    const catalog = await service.request({ type: 'ruleCatalog', folder: '' });
    const picked = await vscode.window.showQuickPick(
      catalog.map((r) => ({ label: r.id, description: r.title, detail: r.description })),
      { title: 'Portfolio Alignment rules', placeHolder: 'Pick a rule to read its documentation', matchOnDetail: true },
    );
    if (!picked) return;
    rule = picked.label as RuleId;
  }
  // The pages ship inside the extension: no network needed.
  await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'rules', `${rule}.md`));
}

async function linkToOutcome(service: PortfolioQueries, uri: vscode.Uri, initiative: string): Promise<boolean> {
  const document = await vscode.workspace.openTextDocument(uri);
  const folder = await service.prepare(document);
  if (folder === undefined) return false;
  const ranked = await service.request({ type: 'rankOutcomes', folder, initiative });
  if (ranked.length === 0) {
    void vscode.window.showWarningMessage('There is no outcome to link to yet: add one under outcomes first.');
    return false;
  }
  const picked = await vscode.window.showQuickPick(
    ranked.map((o) => ({ label: o.id, description: o.title, detail: o.score > 0 ? 'matches the initiative' : undefined })),
    { title: `Link "${initiative}" to an outcome`, placeHolder: 'Best matches first', matchOnDescription: true },
  );
  if (!picked) return false;
  const edits = await service.request({ type: 'linkEdits', folder, path: uri.toString(), initiative, outcome: picked.label });
  if (edits.length === 0) {
    void vscode.window.showInformationMessage(
      `"${initiative}" already links "${picked.label}", or its outcomes are written in a form that cannot be changed automatically.`,
    );
    return false;
  }
  return vscode.workspace.applyEdit(toWorkspaceEdit(edits));
}

async function showReferences(service: PortfolioQueries, uri: vscode.Uri, position: vscode.Position): Promise<void> {
  const document = await vscode.workspace.openTextDocument(uri);
  const folder = await service.prepare(document);
  if (folder === undefined) return;
  const locations = await service.request({
    type: 'references',
    folder,
    path: uri.toString(),
    position: fromPosition(position),
    includeDeclaration: false,
  });
  await vscode.commands.executeCommand('editor.action.showReferences', uri, position, locations.map(toLocation));
}

export function registerCommands(context: vscode.ExtensionContext, service: PortfolioQueries): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('portfolioAlignment.validateWorkspace', () => validateWorkspace(service)),
    vscode.commands.registerCommand('portfolioAlignment.newPortfolioFile', () => newPortfolioFile()),
    vscode.commands.registerCommand('portfolioAlignment.showRuleDocumentation', (id?: unknown) =>
      showRuleDocumentation(context, service, id),
    ),
    vscode.commands.registerCommand('portfolioAlignment.linkToOutcome', (uri: vscode.Uri, initiative: string) =>
      linkToOutcome(service, uri, initiative),
    ),
    vscode.commands.registerCommand('portfolioAlignment.showReferences', (uri: vscode.Uri, position: vscode.Position) =>
      showReferences(service, uri, position),
    ),
  ];
}
