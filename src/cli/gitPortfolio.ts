// Which files of a git commit are portfolio files under the command line's paths, and their text.
// Mirrors discover.ts for the working tree: named files as given, folders searched for portfolio
// files (skipping the same folders), glob patterns matched against the commit's paths.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import { startsLikePortfolio } from '../core/syntax/detect';
import { PORTFOLIO_NAME, UsageError } from './discover';
import type { BlobReader, TreeFile } from './git';

const YAML_NAME = /\.ya?ml$/i;
const SKIPPED_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out', '.vscode-test', '.vscode-test-web']);

/** One command-line path, relative to the repository root. */
export interface Scope {
  /** The folder or file git is asked about ('' = the whole repository). */
  prefix: string;
  /** Whether a tree path belongs to this scope. */
  matches(file: string): boolean;
  /** A file named exactly: kept whatever its name. */
  exact: boolean;
}

/** The command line's paths as scopes in the repository at `root`; a UsageError for a path outside it. */
export function scopesOf(inputs: readonly string[], cwd: string, root: string): Scope[] {
  return (inputs.length > 0 ? inputs : ['.']).map((input) => {
    const dynamic = !fs.existsSync(path.resolve(cwd, input)) && isDynamicPattern(input);
    const relative = path.relative(root, path.resolve(cwd, input)).split(path.sep).join('/');
    if (relative === '..' || relative.startsWith('../') || path.isAbsolute(relative)) {
      throw new UsageError(
        `${input} is outside the git repository ${root}: give paths inside it, or run portfolio-align from the repository that holds them.`,
      );
    }
    if (dynamic) {
      const segments = relative.split('/');
      const fixed = segments.findIndex((s) => isDynamicPattern(s));
      const prefix = segments.slice(0, fixed < 0 ? segments.length : fixed).join('/');
      const pattern = globToRegExp(relative);
      return { prefix, exact: false, matches: (file: string) => pattern.test(file) && !skipped(file, prefix) };
    }
    const isFolder =
      relative === '' ||
      (fs.existsSync(path.resolve(cwd, input)) ? fs.statSync(path.resolve(cwd, input)).isDirectory() : !YAML_NAME.test(relative));
    if (!isFolder) return { prefix: relative, exact: true, matches: (file: string) => file === relative };
    const under = relative === '' ? '' : relative + '/';
    return { prefix: relative, exact: false, matches: (file: string) => file.startsWith(under) && !skipped(file, relative) };
  });
}

/** A path under one of the folders discovery skips (node_modules, dist, ...), below the scope. */
function skipped(file: string, prefix: string): boolean {
  const rest = prefix === '' ? file : file.slice(prefix.length + 1);
  const folders = rest.split('/').slice(0, -1);
  return folders.some((f) => SKIPPED_DIRS.has(f));
}

/** A glob (*, **, ?, [...], {a,b}) as a regular expression over forward-slash paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      out += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      out += '(?:';
      braces++;
    } else if (c === '}' && braces > 0) {
      out += ')';
      braces--;
    } else if (c === ',' && braces > 0) out += '|';
    else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close < 0) out += '\\[';
      else {
        out +=
          '[' +
          glob
            .slice(i + 1, close)
            .replace(/^!/, '^')
            .replace(/\\/g, '\\\\') +
          ']';
        i = close;
      }
    } else out += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

/** The prefixes to ask git about: each scope's, without those inside another. */
export function prefixesOf(scopes: readonly Scope[]): string[] {
  const all = [...new Set(scopes.map((s) => s.prefix))];
  return all.filter((p) => !all.some((q) => q !== p && (q === '' || p.startsWith(q + '/'))));
}

/** Tree files that may be portfolio files: in a scope, and named .yaml/.yml (or named exactly). */
export function candidates(tree: readonly TreeFile[], scopes: readonly Scope[]): Array<TreeFile & { named: boolean }> {
  const out: Array<TreeFile & { named: boolean }> = [];
  for (const file of tree) {
    let named = false;
    let inScope = false;
    for (const scope of scopes) {
      if (!scope.matches(file.path)) continue;
      inScope = true;
      if (scope.exact) named = true;
    }
    if (inScope && (named || YAML_NAME.test(file.path))) out.push({ ...file, named });
  }
  return out;
}

/** Whether a candidate is a portfolio file: named so, named exactly, or starting like one. */
export function isPortfolio(file: TreeFile & { named: boolean }, text: string): boolean {
  return file.named || PORTFOLIO_NAME.test(file.path) || startsLikePortfolio(text.slice(0, 4096));
}

/** The portfolio files of a tree, with their text, read through one blob reader. */
export async function readPortfolioFiles(
  tree: readonly TreeFile[],
  scopes: readonly Scope[],
  blobs: BlobReader,
  root: string,
): Promise<Array<{ path: string; text: string }>> {
  const files = candidates(tree, scopes);
  const texts = await Promise.all(files.map((f) => blobs.read(f.blob)));
  const out: Array<{ path: string; text: string }> = [];
  files.forEach((file, i) => {
    const text = texts[i];
    if (text !== undefined && isPortfolio(file, text)) out.push({ path: path.join(root, ...file.path.split('/')), text });
  });
  return out;
}
