// Which files `portfolio-align` checks: named files as given; folders searched recursively for
// portfolio files; glob patterns expanded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { startsLikePortfolio } from '../core/syntax/detect';

export const PORTFOLIO_NAME = /\.portfolio\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.vscode-test-web']);
/** How much of a YAML file is read to see whether it starts with apiVersion: portfolio/v1. */
const SNIFF_BYTES = 4096;

export class UsageError extends Error {}

function sniff(file: string): boolean {
  let fd: number | undefined;
  try {
    // O_NONBLOCK and the fstat: a FIFO named *.yaml must not stop the search waiting for a writer.
    fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
    if (!fs.fstatSync(fd).isFile()) return false;
    const buffer = Buffer.alloc(SNIFF_BYTES);
    const read = fs.readSync(fd, buffer, 0, SNIFF_BYTES, 0);
    return startsLikePortfolio(buffer.subarray(0, read).toString('utf8'));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export function isPortfolioFile(file: string): boolean {
  return PORTFOLIO_NAME.test(file) || (YAML_NAME.test(file) && sniff(file));
}

/** What a path is once symlinks are followed; undefined for a broken link or one that cannot be read. */
function statOf(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function realPathOf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return file;
  }
}

/**
 * Symlinked files and folders are followed like the files and folders they point to; a folder
 * already searched (by its real path) is not searched again, which stops symlink loops.
 */
function walk(dir: string, out: string[], searched: Set<string>): void {
  const real = realPathOf(dir);
  if (searched.has(real)) return;
  searched.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`Cannot read folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    const stat = entry.isSymbolicLink() ? statOf(full) : entry;
    if (!stat) continue;
    if (stat.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(full, out, searched);
    } else if (stat.isFile() && isPortfolioFile(full)) {
      out.push(full);
    }
  }
}

/** Fewer folders first, then by name: of the paths that reach one file, the one that is kept. */
function preferred(a: string, b: string): number {
  const depth = a.split(path.sep).length - b.split(path.sep).length;
  return depth !== 0 ? depth : a < b ? -1 : a > b ? 1 : 0;
}

/** One path per real file: a file reached through symlinks, or named twice, is checked once. */
function onePathPerFile(paths: Iterable<string>): string[] {
  const byRealPath = new Map<string, string>();
  for (const file of [...new Set(paths)].sort(preferred)) {
    const real = realPathOf(file);
    if (!byRealPath.has(real)) byRealPath.set(real, file);
  }
  return [...byRealPath.values()].sort();
}

/** Resolves the command line's paths to a sorted list of files, or throws a UsageError. */
export async function discover(inputs: string[], cwd: string): Promise<string[]> {
  const found: string[] = [];
  const searched = new Set<string>();
  for (const input of inputs.length > 0 ? inputs : ['.']) {
    const absolute = path.resolve(cwd, input);
    if (fs.existsSync(absolute)) {
      if (statOf(absolute)?.isDirectory()) walk(absolute, found, searched);
      // Anything else named is read as given: readInput.ts refuses what is not a regular file.
      else found.push(absolute);
      continue;
    }
    if (!isDynamicPattern(input)) throw new UsageError(`No such file or folder: ${input}`);
    const matches = await glob(input, {
      cwd,
      absolute: true,
      onlyFiles: true,
      followSymbolicLinks: true,
      ignore: ['**/node_modules/**', '**/.git/**'],
    });
    // A pattern such as '**/*.yaml' also matches CI workflows and the like: keep portfolios only,
    // and regular files only, as a folder search does.
    const portfolios = matches.filter((m) => YAML_NAME.test(m) && statOf(m)?.isFile() === true && isPortfolioFile(m));
    if (portfolios.length === 0)
      throw new UsageError(
        `No portfolio file matches ${input} (portfolio files are named *.portfolio.yaml or start with apiVersion: portfolio/v1).`,
      );
    portfolios.forEach((f) => found.push(path.resolve(f)));
  }
  return onePathPerFile(found);
}

/** Paths as printed: relative to the working folder, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
