// Says once per file and session that its outline was cut to portfolioAlignment.maxOutlineSymbols
// (symbolBudget.ts), so a missing initiative in the outline is never a silent guess.
import * as vscode from 'vscode';
import { SECTION } from './config';

const told = new Set<string>();

export function noteOutlineCut(document: vscode.TextDocument, shown: number, total: number): void {
  const key = document.uri.toString();
  if (shown >= total || told.has(key)) return;
  told.add(key);
  const name = document.uri.path.split('/').pop() ?? key;
  const change = 'Change the Limit';
  void vscode.window
    .showInformationMessage(
      `The outline of ${name} shows ${shown.toLocaleString('en-US')} of its ${total.toLocaleString('en-US')} symbols: sections, outcomes and initiatives first, in file order. Larger outlines slow every edit.`,
      change,
    )
    .then((choice) => {
      if (choice === change) void vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.maxOutlineSymbols`);
    });
}
