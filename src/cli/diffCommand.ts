// `portfolio-align diff`: the portfolio at a base (git ref or baseline file) against the working
// tree or another ref, its gates and its outputs.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isDynamicPattern } from 'tinyglobby';
import { diffSnapshots, hasChanges, snapshotOf, type PortfolioDiff } from '../core/summary/diff';
import { parseAmountText, toMinorUnits, currencyExponent, formatMoney } from '../core/model/money';
import type { CheckOptions } from '../core/check/workspace';
import { Workspace } from '../core/check/workspace';
import type { CommonArgs } from './args';
import { baselineJson, isBaselineFile, readBaseline, type BaselineSide } from './baseline';
import type { DiffArgs } from './diffArgs';
import { discover, displayPath, UsageError } from './discover';
import { formatDiffJson } from './format/diffJson';
import { formatDiffMarkdown } from './format/diffMarkdown';
import { formatDiffText } from './format/diffText';
import { withDisplayPaths } from './format/json';
import { formatSarif } from './format/sarif';
import { painter } from './format/text';
import { writeOutput } from './writeFileAtomic';
import { BlobReader, listTree, repositoryRoot, resolveCommit } from './git';
import { prefixesOf, readPortfolioFiles, scopesOf } from './gitPortfolio';

export interface DiffIo {
  cwd: string;
  env?: Record<string, string | undefined>;
  out(text: string): void;
  err(text: string): void;
}

export interface Side extends BaselineSide {
  /** How the side is named in output: the ref, "working tree" or the baseline file. */
  label: string;
  files: number;
}

const SEVERITY_RANK = { info: 1, warning: 2, error: 3 } as const;
const FAIL_RANK = { info: 1, warning: 2, error: 3, never: 4 } as const;

export function checkOptionsOf(args: CommonArgs): CheckOptions {
  return {
    today: args.today,
    forceRules: args.rules,
    ...(args.model ? { defaultModel: args.model } : {}),
    ...(args.currency ? { currency: args.currency } : {}),
  };
}

/** Checks a set of texts as one portfolio and keeps what a diff needs of the result. */
export function checkTexts(
  files: ReadonlyArray<{ path: string; text: string }>,
  options: CheckOptions,
  display: (p: string) => string,
): Side['snapshot'] {
  const workspace = new Workspace();
  for (const file of files) workspace.setFile(file.path, file.text);
  const result = workspace.check(options);
  return snapshotOf(workspace.files, result.files, withDisplayPaths(result.summary, display), display);
}

/** A folder to ask git about: the first path's (or its nearest existing parent), else the working folder. */
function startFolder(paths: readonly string[], cwd: string): string {
  let dir = path.resolve(cwd, paths[0] ?? '.');
  while (!fs.existsSync(dir) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return fs.statSync(dir).isDirectory() ? dir : path.dirname(dir);
}

/** The working tree's portfolio files under the paths; paths missing here (deleted) hold none. */
async function workingTreeFiles(paths: readonly string[], cwd: string): Promise<string[]> {
  const found = new Set<string>();
  for (const input of paths.length > 0 ? paths : ['.']) {
    if (!fs.existsSync(path.resolve(cwd, input)) && !isDynamicPattern(input)) continue;
    try {
      for (const file of await discover([input], cwd)) found.add(file);
    } catch (error) {
      if (!(error instanceof UsageError) || !isDynamicPattern(input)) throw error;
    }
  }
  return [...found].sort();
}

async function workingTreeSide(args: DiffArgs, cwd: string, options: CheckOptions, display: (p: string) => string): Promise<Side> {
  const files = (await workingTreeFiles(args.paths, cwd)).map((file) => {
    try {
      return { path: file, text: fs.readFileSync(file, 'utf8') };
    } catch (error) {
      throw new UsageError(`Cannot read ${display(file)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
    }
  });
  return { label: 'working tree', ref: null, commit: null, files: files.length, snapshot: checkTexts(files, options, display) };
}

interface GitContext {
  root: string;
  blobs: BlobReader;
}

async function gitSide(
  git: GitContext,
  ref: string,
  option: string,
  args: DiffArgs,
  cwd: string,
  options: CheckOptions,
  display: (p: string) => string,
): Promise<Side> {
  const commit = await resolveCommit(git.root, ref, option);
  const scopes = scopesOf(args.paths, cwd, git.root);
  const tree = await listTree(git.root, commit, prefixesOf(scopes));
  const files = await readPortfolioFiles(tree, scopes, git.blobs, git.root);
  return { label: ref, ref, commit, files: files.length, snapshot: checkTexts(files, options, display) };
}

/** The amount of --max-unlinked-increase in minor units of the summary currency. */
function unlinkedLimit(text: string, currency: string): number {
  const amount = parseAmountText(text)!;
  if (amount.currency && amount.currency !== currency)
    throw new UsageError(
      `--max-unlinked-increase is in ${amount.currency} but the summary is in ${currency}: give the amount in ${currency} (or set --currency).`,
    );
  const minor = toMinorUnits(amount.value, currencyExponent(currency));
  if ('error' in minor)
    throw new UsageError(`--max-unlinked-increase ${text} does not fit ${currency} (${currencyExponent(currency)} decimals).`);
  return minor.minor;
}

/** The gates that fail, each as one line saying why. */
export function failedGates(
  diff: PortfolioDiff,
  args: Pick<DiffArgs, 'failOnNew' | 'maxUnlinkedIncrease' | 'minAlignmentDelta'>,
): string[] {
  const failed: string[] = [];
  const worst = diff.findings.new.reduce((rank, f) => Math.max(rank, SEVERITY_RANK[f.severity]), 0);
  if (worst >= FAIL_RANK[args.failOnNew]) {
    const count = diff.findings.new.filter((f) => SEVERITY_RANK[f.severity] >= FAIL_RANK[args.failOnNew]).length;
    failed.push(`${count} new finding${count === 1 ? '' : 's'} of severity ${args.failOnNew} or worse (--fail-on-new ${args.failOnNew}).`);
  }
  const currency = diff.head.summary.currency;
  if (args.maxUnlinkedIncrease !== undefined && diff.delta.unlinkedSpend !== null) {
    const limit = unlinkedLimit(args.maxUnlinkedIncrease, currency);
    if (diff.delta.unlinkedSpend > limit)
      failed.push(
        `Unlinked spend grew by ${formatMoney(diff.delta.unlinkedSpend, currency)}, more than --max-unlinked-increase ${formatMoney(limit, currency)}.`,
      );
  }
  const score = diff.delta.alignmentScore;
  // Rounded to 9 decimals, as check's --min-alignment: 0.57 - 0.5 is not exactly 0.07.
  if (args.minAlignmentDelta !== undefined && score !== null && Math.round(score * 100 * 1e9) / 1e9 < args.minAlignmentDelta) {
    failed.push(`Alignment score moved by ${(score * 100).toFixed(1)} points, less than --min-alignment-delta ${args.minAlignmentDelta}.`);
  }
  return failed;
}

export async function runDiff(args: DiffArgs, io: DiffIo, version: string): Promise<number> {
  const cwd = fs.realpathSync(io.cwd);
  const options = checkOptionsOf(args);
  const shown = new Map<string, string>();
  const display = (p: string) => shown.get(p) ?? shown.set(p, displayPath(p, cwd)).get(p)!;
  const baseFile = args.base !== undefined && isBaselineFile(args.base, cwd) ? args.base : undefined;
  const needsGit = (args.base !== undefined && baseFile === undefined) || args.head !== undefined;
  let git: GitContext | undefined;
  try {
    if (needsGit) {
      const root = await repositoryRoot(startFolder(args.paths, cwd));
      git = { root, blobs: new BlobReader(root) };
    }
    const head =
      args.head !== undefined
        ? await gitSide(git!, args.head, '--head', args, cwd, options, display)
        : await workingTreeSide(args, cwd, options, display);
    if (args.saveBaseline !== undefined) {
      writeOutput(args.saveBaseline, baselineJson(head), { force: true, cwd, option: '--save-baseline' });
      io.err(`Wrote baseline of ${head.label} (${head.files} file${head.files === 1 ? '' : 's'}) to ${args.saveBaseline}\n`);
    }
    if (args.base === undefined) return 0;
    let base: Side;
    if (baseFile !== undefined) {
      const saved = readBaseline(baseFile, cwd);
      base = { ...saved, label: saved.ref ? `${saved.ref} (${baseFile})` : baseFile, files: saved.snapshot.summary.counts.files };
    } else {
      base = await gitSide(git!, args.base, '--base', args, cwd, options, display);
    }
    if (base.files === 0 && head.files === 0) {
      throw new UsageError(
        `No portfolio files in ${args.paths.length > 0 ? args.paths.join(', ') : 'the current folder'} at ${base.label} or in ${head.label} (portfolio files are named *.portfolio.yaml or start with apiVersion: portfolio/v1).`,
      );
    }
    const diff = diffSnapshots(base.snapshot, head.snapshot);
    writeOutputs(diff, base, head, args, io, cwd, version);
    const failed = failedGates(diff, args);
    for (const line of failed) io.err(`${line}\n`);
    return failed.length > 0 ? 1 : 0;
  } finally {
    git?.blobs.close();
  }
}

function writeOutputs(diff: PortfolioDiff, base: Side, head: Side, args: DiffArgs, io: DiffIo, cwd: string, version: string): void {
  const quiet = args.quietUnchanged && !hasChanges(diff);
  const markdown = () => formatDiffMarkdown(diff, base.label, head.label);
  switch (args.format) {
    case 'json':
      io.out(formatDiffJson(diff, base, head) + '\n');
      break;
    case 'sarif': {
      const byPath = new Map<string, typeof diff.findings.new>();
      for (const f of diff.findings.new) byPath.set(f.path, [...(byPath.get(f.path) ?? []), f]);
      const files = [...byPath].map(([p, list]) => ({
        path: p,
        diagnostics: list.map(({ code, severity, message, range }) => ({ code, severity, message, range })),
      }));
      io.out(formatSarif({ files, summary: diff.head.summary }, (p) => p, version, pathToFileURL(cwd + path.sep).href) + '\n');
      break;
    }
    case 'md':
      if (!quiet) io.out(markdown());
      break;
    default:
      if (!quiet) io.out(formatDiffText(diff, base.label, head.label, painter(args.color)) + '\n');
  }
  if (quiet) return;
  if (args.summaryFile !== undefined) writeOutput(args.summaryFile, markdown(), { force: true, cwd, option: '--summary-file' });
  else if (io.env?.GITHUB_STEP_SUMMARY && (args.format === 'md' || args.format === 'text')) {
    // Not for json or sarif: a job that runs diff twice (md, then sarif) gets one summary.
    // GitHub's convention: each step appends to the job summary file it is given.
    try {
      fs.appendFileSync(io.env.GITHUB_STEP_SUMMARY, markdown());
    } catch (error) {
      throw new UsageError(
        `Cannot append to GITHUB_STEP_SUMMARY (${io.env.GITHUB_STEP_SUMMARY}): ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
}
