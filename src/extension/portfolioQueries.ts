// What the editor's views ask of the service: the status bar, language features, code actions,
// the summary panel, the Portfolio view and the decorations see only this, not the service class
// (service.ts implements it; activate.ts hands it out).
import type * as vscode from 'vscode';
import type { PortfolioDiagnostic } from '../core/check/diagnostics';
import type { Headline, Request, ResultOf } from '../engine/protocol';
import type { Settings } from './config';
import type { EngineState, EngineFailure } from './engineSupervisor';
import type { CancelSignal } from './requestQueue';

/** A check slower than this is shown in the status bar and logged. */
export const SLOW_CHECK_MS = 1000;

/** A folder's last check, as the status bar and the panel show it. */
export interface FolderHeadline {
  headline?: Headline;
  lastCheckMs?: number;
  settings: Settings;
  /** Why the last check failed, until one succeeds. */
  checkError?: string;
}

/** A folder that holds at least one portfolio file; `uri` is undefined for a file outside every folder. */
export interface PortfolioFolder {
  key: string;
  name: string;
  uri: vscode.Uri | undefined;
}

/** How the engine is doing, for the status bar. */
export interface EngineStatus {
  readonly state: EngineState;
  readonly lastFailure: EngineFailure | undefined;
  onDidChangeState(listener: (state: EngineState) => void): { dispose(): void };
}

export interface PortfolioQueries {
  /** Fires with a folder key after that folder's diagnostics and headline were updated, or a check of it failed. */
  readonly onDidCheck: vscode.Event<string>;
  /** Fires when a folder's check starts and when it ends or fails. */
  readonly onDidChangeChecking: vscode.Event<{ folder: string; checking: boolean }>;
  readonly engine: EngineStatus;
  /** The folder a file belongs to: its workspace folder, or the file alone. */
  folderKeyOf(uri: vscode.Uri): string;
  isPortfolioDocument(document: vscode.TextDocument): boolean;
  /** Whether a check of the document is scheduled or running (its symbols and lenses wait for it: checkFirst.ts). */
  checkPending(document: vscode.TextDocument): boolean;
  headline(folderKey: string): FolderHeadline | undefined;
  /** The portfolio files of a folder that the engine knows (URIs as strings); empty if none. */
  filesOf(folderKey: string): ReadonlySet<string>;
  /** Folders (workspace folders first, in their order) that hold at least one portfolio file. */
  portfolioFolders(): PortfolioFolder[];
  /** The workspace folder behind a folder key; undefined for a file outside every folder. */
  workspaceFolderOf(folderKey: string): vscode.WorkspaceFolder | undefined;
  /** The engine's diagnostics of a file, with the data quick fixes need. */
  diagnosticsOf(uri: vscode.Uri): PortfolioDiagnostic[];
  /** Makes sure the engine has the document's current text; its folder key, or undefined if it is no portfolio file. */
  prepare(document: vscode.TextDocument): Promise<string | undefined>;
  /** Asks the engine; a request whose `token` is cancelled before its turn is not sent (it rejects with RequestCancelledError). */
  request<T extends Request>(request: T, token?: CancelSignal): Promise<ResultOf[T['type']]>;
  /** Re-indexes every folder and checks it again (the Validate Workspace command). */
  revalidateAll(): Promise<{ files: number; errors: number; warnings: number }>;
}
