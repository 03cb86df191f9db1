// Which files `portfolio-align` checks: named files as given; folders searched recursively for
// portfolio files; glob patterns expanded.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { startsLikePortfolio } from '../core/detect';

export const PORTFOLIO_NAME = /\.portfolio\.ya?ml$/i;
const YAML_NAME = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.vscode-test-web']);
/** How much of a YAML file is read to see whether it starts with apiVersion: portfolio/v1. */
const SNIFF_BYTES = 4096;

export class UsageError extends Error {}

function sniff(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
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

function walk(dir: string, out: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    throw new UsageError(`Cannot read folder ${dir}: ${(error as Error).message}`);
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) walk(full, out);
    } else if (entry.isFile() && isPortfolioFile(full)) {
      out.push(full);
    }
  }
}

/** Resolves the command line's paths to a sorted list of files, or throws a UsageError. */
export async function discover(inputs: string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const input of inputs.length > 0 ? inputs : ['.']) {
    const absolute = path.resolve(cwd, input);
    if (fs.existsSync(absolute)) {
      const stat = fs.statSync(absolute);
      if (stat.isDirectory()) {
        const files: string[] = [];
        walk(absolute, files);
        files.forEach((f) => found.add(f));
      } else {
        found.add(absolute);
      }
      continue;
    }
    if (!isDynamicPattern(input)) throw new UsageError(`No such file or folder: ${input}`);
    const matches = await glob(input, { cwd, absolute: true, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
    // A pattern such as '**/*.yaml' also matches CI workflows and the like: keep portfolios only.
    const portfolios = matches.filter((m) => YAML_NAME.test(m) && isPortfolioFile(m));
    if (portfolios.length === 0) throw new UsageError(`No portfolio file matches ${input} (portfolio files are named *.portfolio.yaml or start with apiVersion: portfolio/v1).`);
    portfolios.forEach((f) => found.add(path.resolve(f)));
  }
  return [...found].sort();
}

/** Paths as printed: relative to the working folder, with forward slashes. */
export function displayPath(file: string, cwd: string): string {
  const relative = path.relative(cwd, file);
  return (relative.startsWith('..') || path.isAbsolute(relative) ? file : relative).split(path.sep).join('/');
}
