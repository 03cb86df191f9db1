// The folder's portfolio files at each of its last commits, read through the built-in git
// extension (vscode.git), for the summary panel's Trend. Only the commits that changed one of the
// folder's current portfolio files count, and only the last MAX_TREND_POINTS of them: the engine
// then checks each point (core/summary/trend.ts).
import * as vscode from 'vscode';
import type { TrendStep } from '../core/summary/trend';
import type { GitRepository } from './gitBase';

/** The parts of the git extension's Commit and Repository.log (API version 1) used here. */
interface GitCommit {
  readonly hash: string;
  readonly message: string;
  readonly authorDate?: Date;
  readonly commitDate?: Date;
}
interface LoggingRepository extends GitRepository {
  log?(options?: { maxEntries?: number; path?: string }): Promise<GitCommit[]>;
}

export interface TrendHistory {
  /** Oldest first: each step names only the files that changed since the one before. */
  steps: TrendStep[];
  /** Whether older commits were left out (more than `maxPoints` changed the files). */
  capped: boolean;
}

const dateOf = (commit: GitCommit) => commit.commitDate ?? commit.authorDate;

/**
 * Reads the history of the folder's portfolio files: which commits changed each (git log), then
 * the text of each file at the first point and at every later commit that changed it (git show).
 */
/** How far back the repository's own log is read to order the commits: see inGitOrder. */
const ORDER_LOG_ENTRIES = 1000;

/**
 * The commits newest first in git's own order, where a commit always comes before its parents:
 * dates alone cannot order commits made in the same second (a rebase makes many). Commits beyond
 * the repository log read here keep their date order, after the others.
 */
async function inGitOrder(repository: LoggingRepository, commits: GitCommit[], maxPoints: number): Promise<GitCommit[]> {
  const order = new Map<string, number>();
  const entries = Math.max(ORDER_LOG_ENTRIES, maxPoints * 4);
  (await repository.log!({ maxEntries: entries })).forEach((commit, i) => order.set(commit.hash, i));
  const time = (c: GitCommit) => dateOf(c)?.getTime() ?? 0;
  return commits.sort((a, b) => {
    const x = order.get(a.hash);
    const y = order.get(b.hash);
    if (x !== undefined && y !== undefined) return x - y;
    if (x !== undefined || y !== undefined) return x !== undefined ? -1 : 1;
    return time(b) - time(a);
  });
}

export async function trendHistory(
  repository: GitRepository,
  files: ReadonlySet<string>,
  maxPoints: number,
  progress: (message: string) => void,
): Promise<TrendHistory> {
  const logging = repository as LoggingRepository;
  if (!logging.log) throw new Error('this version of the Git extension cannot list commits (Repository.log): update VS Code');
  const uris = [...files].map((key) => ({ key, uri: vscode.Uri.parse(key) })).filter((f) => f.uri.scheme === 'file');
  const commits = new Map<string, GitCommit>();
  const touched = new Map<string, Set<string>>(); // commit → keys of the files it changed
  for (const [i, file] of uris.entries()) {
    progress(`Listing the commits of ${i + 1} of ${uris.length} portfolio file${uris.length === 1 ? '' : 's'}…`);
    // One more than needed of each file's log: enough to know whether the trend is capped.
    for (const commit of await logging.log({ path: file.uri.fsPath, maxEntries: maxPoints + 1 })) {
      commits.set(commit.hash, commit);
      touched.set(commit.hash, (touched.get(commit.hash) ?? new Set()).add(file.key));
    }
  }
  const newestFirst = await inGitOrder(logging, [...commits.values()], maxPoints);
  const chosen = newestFirst.slice(0, maxPoints).reverse();
  const texts = new Map<string, string>();
  const steps: TrendStep[] = [];
  for (const [i, commit] of chosen.entries()) {
    progress(`Reading commit ${i + 1} of ${chosen.length}…`);
    // At the first point every file is read; later, a file's text changes only at its own commits.
    const reading = i === 0 ? uris.map((f) => f.key) : [...(touched.get(commit.hash) ?? [])];
    const step: TrendStep = {
      commit: commit.hash,
      date: (dateOf(commit) ?? new Date(0)).toISOString(),
      label: commit.message.split('\n')[0]!.slice(0, 200),
      changed: [],
      removed: [],
    };
    for (const key of reading) {
      const text = await showAt(repository, commit.hash, vscode.Uri.parse(key).fsPath);
      if (text === undefined) {
        if (texts.delete(key)) step.removed.push(key);
      } else if (texts.get(key) !== text) {
        texts.set(key, text);
        step.changed.push({ path: key, text });
      }
    }
    steps.push(step);
  }
  return { steps, capped: newestFirst.length > maxPoints };
}

/** A file's text at a commit; undefined where the commit does not have it (added later, or deleted). */
async function showAt(repository: GitRepository, commit: string, fsPath: string): Promise<string | undefined> {
  try {
    return await repository.show(commit, fsPath);
  } catch {
    return undefined;
  }
}
