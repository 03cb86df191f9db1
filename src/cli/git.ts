// Reading portfolio files from git without a checkout: `git` runs as a child process with no
// shell, refs are resolved to commit ids before use, and paths are passed after `--`, so nothing
// from the command line can reach git as an option.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { UsageError } from './discover';

/** Pathspecs as literal paths: a folder named ':(top)' is a folder. */
const GIT_ENV = { ...process.env, GIT_LITERAL_PATHSPECS: '1', GIT_TERMINAL_PROMPT: '0', LC_ALL: 'C' };

interface GitOutput {
  stdout: Buffer;
  stderr: string;
}

class GitFailure extends Error {
  constructor(
    readonly stderr: string,
    readonly code: number | string | undefined,
  ) {
    super(stderr.trim() || `git exited with ${code}`);
  }
}

/** Runs git and resolves with its output, or rejects with a GitFailure (UsageError when git is missing). */
export function runGit(args: readonly string[], cwd: string): Promise<GitOutput> {
  return new Promise((resolve, reject) => {
    execFile('git', args, { cwd, env: GIT_ENV, encoding: 'buffer', maxBuffer: 1 << 30, windowsHide: true }, (error, stdout, stderr) => {
      const errText = stderr.toString('utf8');
      if (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(noGit());
        else reject(new GitFailure(errText, code));
        return;
      }
      resolve({ stdout, stderr: errText });
    });
  });
}

function noGit(): UsageError {
  return new UsageError('git is not installed or not on PATH: install git, or compare with a saved baseline (--base FILE.json).');
}

/** The top folder of the repository that holds `dir` (real path, as git prints it). */
export async function repositoryRoot(dir: string, otherwise = 'or compare with a saved baseline (--base FILE.json)'): Promise<string> {
  try {
    const { stdout } = await runGit(['rev-parse', '--show-toplevel'], dir);
    return path.resolve(stdout.toString('utf8').trim());
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      `${dir} is not in a git repository: run portfolio-align inside a clone of the repository that holds the portfolio files, ${otherwise}.`,
    );
  }
}

/** A ref from the command line may not look like an option: git would read it as one. */
export function checkRef(ref: string, option: string): void {
  if (ref === '' || ref.startsWith('-') || /[\u0000-\u001f\u007f]/.test(ref)) {
    throw new UsageError(`${option} "${ref}" is not a git ref: refs cannot be empty, start with "-" or hold control characters.`);
  }
}

/** The commit id a ref names, or a UsageError saying what to do (fetch it, deepen a shallow clone). */
export async function resolveCommit(root: string, ref: string, option: string): Promise<string> {
  checkRef(ref, option);
  try {
    const { stdout } = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], root);
    const commit = stdout.toString('utf8').trim();
    if (/^[0-9a-f]{40,64}$/.test(commit)) return commit;
  } catch (error) {
    if (error instanceof UsageError) throw error;
  }
  if (await isShallow(root)) {
    throw new UsageError(
      `${option} ${ref} is not in this shallow clone: fetch it (git fetch --depth=1 origin ${ref}, or git fetch --unshallow), or check out with fetch-depth: 0.`,
    );
  }
  throw new UsageError(
    `Unknown git ref ${ref} for ${option}: name a branch, tag or commit of ${root} (git fetch origin ${ref} if it is only on the remote).`,
  );
}

async function isShallow(root: string): Promise<boolean> {
  try {
    const { stdout } = await runGit(['rev-parse', '--is-shallow-repository'], root);
    return stdout.toString('utf8').trim() === 'true';
  } catch {
    return false;
  }
}

export interface TreeFile {
  /** Relative to the repository root, with forward slashes. */
  path: string;
  blob: string;
}

/** The files (blobs) of a commit under some repository-relative folders or files ('' = all). */
export async function listTree(root: string, commit: string, prefixes: readonly string[]): Promise<TreeFile[]> {
  const scoped = prefixes.includes('') ? [] : prefixes;
  const { stdout } = await runGit(['ls-tree', '-r', '-z', '--full-name', commit, '--', ...scoped], root);
  return parseTree(stdout.toString('utf8'));
}

/** `git ls-tree -z` lines: "<mode> <type> <object>\t<path>\0". */
export function parseTree(text: string): TreeFile[] {
  const files: TreeFile[] = [];
  for (const entry of text.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const [, type, blob] = entry.slice(0, tab).split(' ');
    if (type === 'blob' && blob) files.push({ path: entry.slice(tab + 1), blob });
  }
  return files;
}

/**
 * Blob contents from one long-running `git cat-file --batch`: every read of a command goes
 * through the same process, so reading a thousand blobs costs one process start.
 */
export class BlobReader {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly waiting: Array<{ resolve: (text: string | undefined) => void; reject: (error: Error) => void }> = [];
  private buffer: Buffer = Buffer.alloc(0);
  private failure: Error | undefined;

  constructor(root: string) {
    this.child = spawn('git', ['cat-file', '--batch'], { cwd: root, env: GIT_ENV, windowsHide: true });
    this.child.stdout.on('data', (chunk: Buffer) => this.take(chunk));
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', (error: NodeJS.ErrnoException) => this.fail(error.code === 'ENOENT' ? noGit() : error));
    this.child.on('close', () => this.fail(new UsageError('git cat-file stopped before every file was read.')));
  }

  /** A blob's text (UTF-8), or undefined when the object is missing. */
  read(blob: string): Promise<string | undefined> {
    if (!/^[0-9a-f]{40,64}$/.test(blob)) return Promise.reject(new Error(`not an object id: ${blob}`));
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting.push({ resolve, reject });
      this.child.stdin.write(blob + '\n');
    });
  }

  close(): void {
    this.child.stdin.end();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiter of this.waiting.splice(0)) waiter.reject(this.failure);
  }

  private take(chunk: Buffer): void {
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const newline = this.buffer.indexOf(10);
      if (newline < 0) return;
      const header = this.buffer.subarray(0, newline).toString('utf8').split(' ');
      if (header[1] === 'missing' || header.length < 3) {
        this.buffer = this.buffer.subarray(newline + 1);
        this.waiting.shift()?.resolve(undefined);
        continue;
      }
      const size = Number(header[2]);
      if (this.buffer.length < newline + 1 + size + 1) return;
      const content = this.buffer.subarray(newline + 1, newline + 1 + size).toString('utf8');
      this.buffer = this.buffer.subarray(newline + 1 + size + 1);
      this.waiting.shift()?.resolve(content);
    }
  }
}

export interface LogEntry {
  commit: string;
  /** Committer date, ISO 8601 with the committer's offset. */
  date: string;
}

/** Commits on the first-parent line of `commit` that touched the prefixes, oldest first. */
export async function logTouching(root: string, commit: string, prefixes: readonly string[]): Promise<LogEntry[]> {
  const scoped = prefixes.includes('') ? [] : prefixes;
  const { stdout } = await runGit(['log', '--first-parent', '--reverse', '--format=%H %cI', commit, '--', ...scoped], root);
  return stdout
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [hash, date] = line.split(' ');
      return { commit: hash!, date: date! };
    });
}

/** Tags that point (through annotated tags) at commits, with the commit and its date. */
export async function listTags(root: string): Promise<Array<LogEntry & { tag: string }>> {
  const { stdout } = await runGit(['for-each-ref', '--format=%(objectname) %(*objectname) %(refname:short)', 'refs/tags'], root);
  const tags: Array<{ tag: string; commit: string }> = [];
  for (const line of stdout.toString('utf8').split('\n').filter(Boolean)) {
    const [object, peeled, ...name] = line.split(' ');
    tags.push({ tag: name.join(' '), commit: peeled || object! });
  }
  if (tags.length === 0) return [];
  const { stdout: dates } = await runGit(['show', '-s', '--format=%H %cI', ...new Set(tags.map((t) => t.commit)), '--'], root);
  const dateOf = new Map(
    dates
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => l.split(' ') as [string, string]),
  );
  return tags.filter((t) => dateOf.has(t.commit)).map((t) => ({ ...t, date: dateOf.get(t.commit)! }));
}

/** Whether `ancestor` is an ancestor of (or equal to) `commit`. */
export async function isAncestor(root: string, ancestor: string, commit: string): Promise<boolean> {
  try {
    await runGit(['merge-base', '--is-ancestor', ancestor, commit], root);
    return true;
  } catch (error) {
    if (error instanceof GitFailure) return false;
    throw error;
  }
}

/** Commit ids reachable from `tip`, or from `tip` and not from `exclude` (exclude..tip). */
export async function revList(root: string, tip: string, exclude?: string): Promise<string[]> {
  const { stdout } = await runGit(['rev-list', tip, ...(exclude ? [`^${exclude}`] : []), '--'], root);
  return stdout.toString('utf8').split('\n').filter(Boolean);
}

/** A commit's committer date, ISO 8601. */
export async function commitDate(root: string, commit: string): Promise<string> {
  const { stdout } = await runGit(['show', '-s', '--format=%cI', commit, '--'], root);
  return stdout.toString('utf8').trim();
}

export interface LogWithTree extends LogEntry {
  /** The files under the prefixes after this commit (blobs only). */
  tree: TreeFile[];
}

/**
 * Like logTouching, with the files under the prefixes after each commit, from one `git log
 * --raw` process: each commit's changes against its first parent applied to the last state.
 */
export async function logWithTrees(root: string, commit: string, prefixes: readonly string[]): Promise<LogWithTree[]> {
  const scoped = prefixes.includes('') ? [] : prefixes;
  const { stdout } = await runGit(
    [
      'log',
      '--first-parent',
      '-m',
      '--reverse',
      '--raw',
      '-z',
      '--no-abbrev',
      '--no-renames',
      '--format=%x01%H %cI',
      commit,
      '--',
      ...scoped,
    ],
    root,
  );
  const state = new Map<string, string>();
  const out: LogWithTree[] = [];
  for (const record of stdout.toString('utf8').split('\u0001')) {
    if (record === '') continue;
    const tokens = record.split('\0');
    const [hash, date] = tokens[0]!.split(' ');
    for (let i = 1; i + 1 < tokens.length; i += 2) {
      const meta = tokens[i]!.replace(/^\n/, '');
      if (!meta.startsWith(':')) break;
      const [, newMode, , blob, status] = meta.slice(1).split(' ');
      const file = tokens[i + 1]!;
      if (status === 'D' || !newMode!.startsWith('100')) state.delete(file);
      else state.set(file, blob!);
    }
    out.push({
      commit: hash!,
      date: date!,
      tree: [...state].map(([path, blob]) => ({ path, blob })).sort((a, b) => (a.path < b.path ? -1 : 1)),
    });
  }
  return out;
}
