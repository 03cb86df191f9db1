// Command-line arguments of `portfolio-align diff` and `history`, checked before git is run.
import { parseArgs } from 'node:util';
import { parseAmountText } from '../core/model/money';
import { COMMON_OPTIONS, oneOf, parseCommon, type CommonArgs, type FailOn } from './args';
import { UsageError } from './discover';

export type DiffFormat = 'text' | 'md' | 'json' | 'sarif';
export type HistoryFormat = 'text' | 'csv' | 'json' | 'html';
export type HistoryEvery = 'commit' | 'day' | 'week' | 'month' | 'tag';

export interface DiffArgs extends CommonArgs {
  command: 'diff';
  /** A git ref, or a baseline file (a path that names an existing file). */
  base?: string;
  /** A git ref; the working tree when absent. */
  head?: string;
  format: DiffFormat;
  failOnNew: FailOn;
  /** As written ("50k", "50000 EUR"): converted in the summary currency. */
  maxUnlinkedIncrease?: string;
  /** Percentage points, may be negative: -2 allows a drop of up to 2 points. */
  minAlignmentDelta?: number;
  quietUnchanged: boolean;
  summaryFile?: string;
  saveBaseline?: string;
}

export interface HistoryArgs extends CommonArgs {
  command: 'history';
  since?: string;
  /** The ref whose history is read (default HEAD). */
  ref: string;
  every: HistoryEvery;
  format: HistoryFormat;
  out?: string;
}

export function parseDiff(argv: string[]): DiffArgs | { command: 'help'; topic: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      base: { type: 'string' },
      head: { type: 'string' },
      format: { type: 'string', short: 'f' },
      'fail-on-new': { type: 'string' },
      'max-unlinked-increase': { type: 'string' },
      'min-alignment-delta': { type: 'string' },
      'quiet-unchanged': { type: 'boolean' },
      'summary-file': { type: 'string' },
      'save-baseline': { type: 'string' },
    },
  });
  if (values.help) return { command: 'help', topic: 'diff' };
  const args: DiffArgs = {
    command: 'diff',
    ...parseCommon(values, positionals),
    format: oneOf('format', values.format, ['text', 'md', 'json', 'sarif'] as const, 'text'),
    failOnNew: oneOf('fail-on-new', values['fail-on-new'], ['error', 'warning', 'info', 'never'] as const, 'error'),
    quietUnchanged: values['quiet-unchanged'] === true,
  };
  if (values.base !== undefined) args.base = values.base;
  if (values.head !== undefined) args.head = values.head;
  if (args.base === undefined && values['save-baseline'] === undefined) {
    throw new UsageError(
      'diff needs --base <git-ref> (such as --base origin/main) or --base <baseline.json>; or --save-baseline <file> to write one.',
    );
  }
  const limit = values['max-unlinked-increase'];
  if (limit !== undefined) {
    if (!parseAmountText(limit.trim()))
      throw new UsageError(`--max-unlinked-increase takes an amount such as 50000, 50k or 1.5M, not "${limit}".`);
    args.maxUnlinkedIncrease = limit.trim();
  }
  const delta = values['min-alignment-delta'];
  if (delta !== undefined) {
    const number = Number(delta.replace(/(pts?|points?|%)$/, '').trim());
    if (delta.trim() === '' || !Number.isFinite(number) || Math.abs(number) > 100)
      throw new UsageError(`--min-alignment-delta takes percentage points from -100 to 100, such as -2 or 0, not "${delta}".`);
    args.minAlignmentDelta = number;
  }
  if (values['summary-file'] !== undefined) args.summaryFile = values['summary-file'];
  if (values['save-baseline'] !== undefined) args.saveBaseline = values['save-baseline'];
  return args;
}

export function parseHistory(argv: string[]): HistoryArgs | { command: 'help'; topic: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      since: { type: 'string' },
      ref: { type: 'string' },
      every: { type: 'string' },
      format: { type: 'string', short: 'f' },
      out: { type: 'string', short: 'o' },
    },
  });
  if (values.help) return { command: 'help', topic: 'history' };
  const args: HistoryArgs = {
    command: 'history',
    ...parseCommon(values, positionals),
    ref: values.ref ?? 'HEAD',
    every: oneOf('every', values.every, ['commit', 'day', 'week', 'month', 'tag'] as const, 'commit'),
    format: oneOf('format', values.format, ['text', 'csv', 'json', 'html'] as const, 'text'),
  };
  if (values.since !== undefined) args.since = values.since;
  if (values.out !== undefined) args.out = values.out;
  return args;
}

export const DIFF_HELP: Record<string, string> = {
  diff: `portfolio-align diff [paths...] --base <ref|baseline.json> [options]

Compares the portfolio files under the paths at the base (read from git, no checkout) with the
working tree, or with --head.

Options:
  --base <ref>|<file.json>       git ref (branch, tag, commit) or a baseline file written by --save-baseline
  --head <ref>                   compare with this ref instead of the working tree
  -f, --format text|md|json|sarif
                                 output (default text); md is a pull-request comment; sarif holds new findings only
  --fail-on-new error|warning|info|never
                                 exit 1 when a new finding of this severity or worse appears (default error)
  --max-unlinked-increase <amount>
                                 exit 1 when unlinked spend grows by more than this (50000, 50k, 1.5M)
  --min-alignment-delta <points> exit 1 when the alignment score moves by less than this (-2 allows a 2-point drop)
  --quiet-unchanged              print nothing (text, md) when nothing relevant changed
  --summary-file <file>          also write the Markdown to this file (GITHUB_STEP_SUMMARY is appended to when set)
  --save-baseline <file>         write the head side as a baseline file (without --base: only that)
  --model, --currency, --today, --rule   as for check, applied to both sides

Exit codes: 0 no gate fails, 1 a gate fails, 2 usage, git or file errors.`,
  history: `portfolio-align history [paths...] [options]

The summary at each commit that touched the portfolio files (first-parent history), oldest first.

Options:
  --since <date|ref>             start at this date (YYYY-MM-DD) or at this commit
  --ref <ref>                    whose history (default HEAD)
  --every commit|day|week|month|tag
                                 one point per commit (default), per period (its last commit) or per tag
  -f, --format text|csv|json|html
                                 output (default text)
  -o, --out <file>               write to a file instead of standard output
  --model, --currency, --today, --rule   as for check`,
};
