// Entry point of the Node extension host (VS Code desktop, code-server): the engine runs in a
// worker thread.
import * as path from 'node:path';
import type * as vscode from 'vscode';
import type { SummaryModule } from '../webview/register';
import { activateExtension } from './activate';
import { workerThreadTransport } from './workerTransport.node';

export function activate(context: vscode.ExtensionContext) {
  // Node extension hosts always have worker threads; the engine's code is only in dist/engine.js.
  // The summary panel's code is a bundle of its own, loaded the first time it is needed.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded at run time, on first use
  const loadSummary = () => require(path.join(context.extensionPath, 'dist', 'webview.js')) as SummaryModule;
  return activateExtension(context, () => workerThreadTransport(path.join(context.extensionPath, 'dist', 'engine.js')), loadSummary);
}

export function deactivate(): void {}
