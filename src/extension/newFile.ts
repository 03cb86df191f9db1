// New Portfolio File: an untitled document that already has a *.portfolio.yaml name, so that
// Save suggests that name (in the active workspace folder) and the tab shows it.
import * as vscode from 'vscode';
import { portfolioTemplate } from '../core/model/template';

const BASE_NAME = 'new';
const EXTENSION = '.portfolio.yaml';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * new.portfolio.yaml, or new-2.portfolio.yaml and so on when that name is taken (on disk or open).
 * With no folder the document belongs to none, so it is checked on its own.
 */
export async function untitledPortfolioUri(folder: vscode.Uri | undefined, baseName = BASE_NAME): Promise<vscode.Uri> {
  const open = new Set(vscode.workspace.textDocuments.filter((doc) => !doc.isClosed).map((doc) => doc.uri.path));
  for (let n = 1; ; n++) {
    const name = `${baseName}${n === 1 ? '' : `-${n}`}${EXTENSION}`;
    const onDisk = folder ? vscode.Uri.joinPath(folder, name) : undefined;
    const path = onDisk ? onDisk.path : name;
    if (open.has(path) || (onDisk && (await exists(onDisk)))) continue;
    return vscode.Uri.from({ scheme: 'untitled', path });
  }
}

/** Opens a new untitled document at `uri` holding `text`, the cursor at its top. */
export async function openUntitledWith(uri: vscode.Uri, text: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(document);
  await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), text));
  editor.selection = new vscode.Selection(0, 0, 0, 0);
  return editor;
}

export async function newPortfolioFile(): Promise<void> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  await openUntitledWith(await untitledPortfolioUri(folder?.uri), portfolioTemplate(new Date().getFullYear() + 1));
}
