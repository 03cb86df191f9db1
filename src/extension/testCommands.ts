// Commands for the in-editor tests only: registered when VS Code runs the extension's tests
// (ExtensionMode.Test), never otherwise, and not contributed in package.json.
import * as vscode from 'vscode';
import type { PortfolioService } from './service';

/** Ends the engine's worker from outside, as a crash would; resolves false when the engine has no worker (main-thread engine). */
export const TERMINATE_ENGINE_WORKER = 'portfolioAlignment.test.terminateEngineWorker';

export function registerTestCommands(context: vscode.ExtensionContext, service: PortfolioService): vscode.Disposable[] {
  if (context.extensionMode !== vscode.ExtensionMode.Test) return [];
  return [vscode.commands.registerCommand(TERMINATE_ENGINE_WORKER, () => service.engine.terminateWorker())];
}
