// Quick fixes matched on each diagnostic's code, and "Fix all" (source.fixAll.portfolioAlignment)
// for the fixes that are safe to apply unseen. Every fix is a WorkspaceEdit, so it can be undone.
import * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import type { Fix } from '../core/features/fixes';
import { codeOf, SOURCE, toRange, toWorkspaceEdit } from './convert';
import type { PortfolioQueries } from './portfolioQueries';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('portfolioAlignment');

function sameRange(a: vscode.Range, b: PortfolioDiagnostic['range']): boolean {
  return (
    a.start.line === b.start.line &&
    a.start.character === b.start.character &&
    a.end.line === b.end.line &&
    a.end.character === b.end.character
  );
}

/** The engine's diagnostic (with its fix data) behind a diagnostic shown in the editor. */
function engineDiagnostic(service: PortfolioQueries, uri: vscode.Uri, shown: vscode.Diagnostic): PortfolioDiagnostic | undefined {
  const code = codeOf(shown);
  return service.diagnosticsOf(uri).find((d) => d.code === code && d.message === shown.message && sameRange(shown.range, d.range));
}

function toAction(fix: Fix, shown: vscode.Diagnostic, uri: vscode.Uri): vscode.CodeAction {
  const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
  action.diagnostics = [shown];
  if (fix.preferred) action.isPreferred = true;
  if (fix.pick) action.command = { title: fix.title, command: 'portfolioAlignment.linkToOutcome', arguments: [uri, fix.pick.initiative] };
  else action.edit = toWorkspaceEdit(fix.edits);
  return action;
}

export class PortfolioCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND] };

  constructor(private readonly service: PortfolioQueries) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const folder = await this.service.prepare(document);
    if (folder === undefined) return [];
    const path = document.uri.toString();
    if (context.only && (context.only.contains(FIX_ALL_KIND) || FIX_ALL_KIND.contains(context.only))) {
      const fixAll = await this.fixAll(document, folder);
      return fixAll ? [fixAll] : [];
    }
    const actions: vscode.CodeAction[] = [];
    for (const shown of context.diagnostics) {
      if (shown.source !== SOURCE) continue;
      const diagnostic = engineDiagnostic(this.service, document.uri, shown);
      if (!diagnostic?.data) continue;
      const fixes = await this.service.request({ type: 'fixes', folder, path, diagnostic });
      actions.push(...fixes.map((fix) => toAction(fix, shown, document.uri)));
    }
    return actions;
  }

  /** All safe fixes of the document in one edit, from one engine request; overlapping ones are left for a second run. */
  private async fixAll(document: vscode.TextDocument, folder: string): Promise<vscode.CodeAction | undefined> {
    const diagnostics = this.service.diagnosticsOf(document.uri).filter((d) => d.data !== undefined);
    if (diagnostics.length === 0) return undefined;
    const edits = await this.service.request({ type: 'fixAll', folder, path: document.uri.toString(), diagnostics });
    if (edits.length === 0) return undefined;
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) edit.replace(document.uri, toRange(e.range), e.newText);
    const action = new vscode.CodeAction('Fix all safe Portfolio Alignment problems', FIX_ALL_KIND);
    action.edit = edit;
    return action;
  }
}
