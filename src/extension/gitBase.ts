// The portfolio as it was at a git ref, read through the built-in git extension (vscode.git), for
// the summary panel's "Compare with…". Only the few parts of its API used here are typed; where
// there is no git extension (VS Code for the web) or no repository, a reason says why.
import * as vscode from 'vscode';

/** The parts of the git extension's API (version 1) used here. */
interface GitRef {
  /** 0 head (branch), 1 remote head, 2 tag. */
  type: number;
  name?: string;
  commit?: string;
}
interface GitChange {
  readonly uri: vscode.Uri;
  readonly originalUri: vscode.Uri;
  readonly renameUri: vscode.Uri | undefined;
}
export interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: { readonly HEAD: GitRef | undefined; readonly refs?: GitRef[] };
  getRefs?(query?: unknown): Promise<GitRef[]>;
  show(ref: string, path: string): Promise<string>;
  diffWith(ref: string): Promise<GitChange[]>;
}
interface GitApi {
  readonly state?: 'uninitialized' | 'initialized';
  readonly onDidChangeState?: vscode.Event<'uninitialized' | 'initialized'>;
  readonly onDidOpenRepository?: vscode.Event<GitRepository>;
  getRepository(uri: vscode.Uri): GitRepository | null;
}
interface GitExtension {
  readonly enabled: boolean;
  readonly onDidChangeEnablement?: vscode.Event<boolean>;
  getAPI(version: 1): GitApi;
}

export type GitAccess = { repository: GitRepository } | { reason: string };

/** How long to wait for the git extension to find the repositories when it has just started. */
const INITIALIZE_MS = 5000;

export const NO_GIT_REASON =
  'Compare with… needs the Git extension, which this editor does not have (VS Code for the web without a repository).';

/** The repository that holds a folder, or why there is none. */
export async function gitAccess(folder: vscode.Uri | undefined): Promise<GitAccess> {
  if (!folder) return { reason: 'Compare with… works on the files of a workspace folder: open the folder that holds this portfolio.' };
  const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
  if (!extension) return { reason: NO_GIT_REASON };
  let git: GitExtension;
  try {
    git = extension.isActive ? extension.exports : await extension.activate();
  } catch (error) {
    return { reason: `The Git extension could not start: ${(error as Error).message}` };
  }
  if (vscode.workspace.getConfiguration('git', folder).get<boolean>('enabled') === false)
    return { reason: 'Git is turned off (the git.enabled setting): turn it on to compare with a branch or tag.' };
  if (!git?.enabled && !(await enabled(git)))
    return { reason: 'The Git extension found no git: install git to compare with a branch or tag.' };
  const api = git.getAPI(1);
  await initialized(api);
  const repository = api.getRepository(folder) ?? (await opened(api, folder));
  return repository
    ? { repository }
    : { reason: 'This folder is not in a git repository: commit it to git to compare with a branch or tag.' };
}

/** Git turns enabled once the extension has found the git executable, a moment after it starts. */
function enabled(git: GitExtension | undefined): Promise<boolean> {
  if (!git?.onDidChangeEnablement) return Promise.resolve(false);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(false), INITIALIZE_MS);
    const listener = git.onDidChangeEnablement!((on) => {
      if (on) done(true);
    });
    function done(on: boolean): void {
      clearTimeout(timer);
      listener.dispose();
      resolve(on);
    }
  });
}

function initialized(api: GitApi): Promise<void> {
  if (api.state !== 'uninitialized' || !api.onDidChangeState) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, INITIALIZE_MS);
    const listener = api.onDidChangeState!((state) => {
      if (state === 'initialized') done();
    });
    function done(): void {
      clearTimeout(timer);
      listener.dispose();
      resolve();
    }
  });
}

/** The folder's repository if git opens it soon: when the editor starts, git opens them one by one. */
function opened(api: GitApi, folder: vscode.Uri): Promise<GitRepository | null> {
  if (!api.onDidOpenRepository) return Promise.resolve(null);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(null), INITIALIZE_MS);
    const listener = api.onDidOpenRepository!(() => {
      const repository = api.getRepository(folder);
      if (repository) done(repository);
    });
    function done(repository: GitRepository | null): void {
      clearTimeout(timer);
      listener.dispose();
      resolve(repository);
    }
  });
}

/** HEAD, the branches and the tags, for the QuickPick. */
export async function refChoices(repository: GitRepository): Promise<Array<vscode.QuickPickItem & { ref: string }>> {
  const refs = (repository.getRefs ? await repository.getRefs() : repository.state.refs) ?? [];
  const head = repository.state.HEAD;
  const choices: Array<vscode.QuickPickItem & { ref: string }> = [
    { label: 'HEAD', description: head?.name ? `the last commit of ${head.name}` : 'the last commit', ref: 'HEAD' },
  ];
  const kinds: Record<number, string> = { 0: 'branch', 1: 'remote branch', 2: 'tag' };
  for (const ref of refs) {
    if (!ref.name || kinds[ref.type] === undefined) continue;
    choices.push({ label: ref.name, description: `${kinds[ref.type]}${ref.commit ? ' ' + ref.commit.slice(0, 8) : ''}`, ref: ref.name });
  }
  return choices;
}

const PORTFOLIO_NAME = /\.portfolio\.ya?ml$/i;

/**
 * The texts of the portfolio files at a ref: the folder's current files that exist there, and
 * those deleted or renamed away since (by their old URI). A file missing at the ref is new.
 */
export async function baseTexts(
  repository: GitRepository,
  ref: string,
  current: ReadonlySet<string>,
): Promise<Array<{ path: string; text: string }>> {
  const candidates = new Map<string, vscode.Uri>();
  for (const key of current) candidates.set(key, vscode.Uri.parse(key));
  for (const change of await repository.diffWith(ref)) {
    const old = change.originalUri;
    if (PORTFOLIO_NAME.test(old.path) && !current.has(old.toString())) candidates.set(old.toString(), old);
  }
  const texts: Array<{ path: string; text: string }> = [];
  for (const [key, uri] of candidates) {
    if (uri.scheme !== 'file') continue;
    try {
      texts.push({ path: key, text: await repository.show(ref, uri.fsPath) });
    } catch {
      // Not at the ref: the file was added since.
    }
  }
  return texts;
}
