// Command-line arguments of portfolio-align, checked before any file is read.
import { parseArgs } from 'node:util';
import { isRuleId, ruleIds, type RuleId } from '../core/check/ruleIds';
import { relationshipModels, severities, type RelationshipModel, type Severity } from '../core/model/schema';
import { isCurrency } from '../core/model/money';
import { closest, listWords } from '../core/text/suggest';
import { UsageError } from './discover';
import { DIFF_HELP, parseDiff, parseHistory, type DiffArgs, type HistoryArgs } from './diffArgs';
import { IMPORT_HELP, parseImport, type ImportArgs } from './import';
import { DEFAULT_MAX_FILE_SIZE, parseSize } from './readInput';

export type FailOn = 'error' | 'warning' | 'info' | 'never';
export type CheckFormat = 'text' | 'json' | 'sarif';
export type ReportFormat = 'md' | 'html' | 'csv' | 'json' | 'xlsx';

export interface CommonArgs {
  paths: string[];
  today: string;
  currency?: string;
  model?: RelationshipModel;
  rules: Partial<Record<RuleId, Severity>>;
  color: boolean;
  /** Bytes; a larger file stops the command (readInput.ts). */
  maxFileSize: number;
}

export interface CheckArgs extends CommonArgs {
  command: 'check';
  format: CheckFormat;
  failOn: FailOn;
  minAlignment?: number;
}

export interface ReportArgs extends CommonArgs {
  command: 'report';
  format: ReportFormat;
  out?: string;
  force: boolean;
}

export type Args =
  CheckArgs | ReportArgs | DiffArgs | HistoryArgs | ImportArgs | { command: 'help'; topic?: string } | { command: 'version' };

export const COMMON_OPTIONS = {
  today: { type: 'string' },
  currency: { type: 'string' },
  model: { type: 'string' },
  rule: { type: 'string', multiple: true },
  'no-color': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export function oneOf<T extends string>(name: string, value: string | undefined, allowed: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  const suggestion = closest(value, allowed);
  throw new UsageError(
    `--${name} must be ${listWords(allowed as unknown as string[])}, not "${value}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}.`,
  );
}

export function localToday(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function parseToday(value: string | undefined): string {
  if (value === undefined) return localToday();
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(+match[1]!, +match[2]! - 1, +match[3]!)) : undefined;
  if (!date || date.toISOString().slice(0, 10) !== value)
    throw new UsageError(`--today must be a date written YYYY-MM-DD, not "${value}".`);
  return value;
}

function parseRules(values: string[] | undefined): Partial<Record<RuleId, Severity>> {
  const rules: Partial<Record<RuleId, Severity>> = {};
  for (const value of values ?? []) {
    const match = /^([^=]+)=(.*)$/.exec(value);
    if (!match) throw new UsageError(`--rule takes <rule-id>=<severity>, such as --rule unlinked-spend=error, not "${value}".`);
    const [, id, severity] = match as unknown as [string, string, string];
    if (!isRuleId(id)) {
      const suggestion = closest(id, ruleIds);
      throw new UsageError(`Unknown rule "${id}"${suggestion ? `: did you mean ${suggestion}?` : '.'} Rules are listed in docs/rules.`);
    }
    rules[id] = oneOf('rule', severity, severities, 'error');
  }
  return rules;
}

function parseMaxFileSize(value: string | undefined): number {
  if (value === undefined) return DEFAULT_MAX_FILE_SIZE;
  const bytes = parseSize(value);
  if (bytes === undefined)
    throw new UsageError(`--max-file-size takes a size in bytes or with a unit (KB, MB, GB), such as 200MB, not "${value}".`);
  return bytes;
}

export function parseCommon(values: Record<string, unknown>, positionals: string[]): CommonArgs {
  const common: CommonArgs = {
    paths: positionals,
    today: parseToday(values.today as string | undefined),
    rules: parseRules(values.rule as string[] | undefined),
    color: !values['no-color'] && !process.env.NO_COLOR && process.stdout.isTTY === true,
    maxFileSize: parseMaxFileSize(values['max-file-size'] as string | undefined),
  };
  const currency = values.currency as string | undefined;
  if (currency !== undefined) {
    if (!isCurrency(currency)) throw new UsageError(`--currency must be an ISO 4217 code such as EUR, not "${currency}".`);
    common.currency = currency;
  }
  if (values.model !== undefined) common.model = oneOf('model', values.model as string, relationshipModels, 'provider');
  return common;
}

export function parseCommandLine(argv: string[]): Args {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return { command: 'help', topic: rest[0] };
  if (command === '--version' || command === '-v' || command === 'version') return { command: 'version' };
  try {
    if (command === 'check') return parseCheck(rest);
    if (command === 'report') return parseReport(rest);
    if (command === 'diff') return parseDiff(rest);
    if (command === 'history') return parseHistory(rest);
    if (command === 'import') return parseImport(rest);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    // parseArgs errors: unknown option, missing value.
    throw new UsageError(
      `${(error as Error).message.replace(/\. To specify.*$/s, '')}. Run portfolio-align ${command} --help for the options.`,
    );
  }
  const suggestion = closest(command, ['check', 'report', 'diff', 'history', 'import', 'help']);
  throw new UsageError(
    `Unknown command "${command}"${suggestion ? `: did you mean ${suggestion}?` : '.'} Commands: check, report, diff, history, import, help.`,
  );
}

function parseCheck(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      ...COMMON_OPTIONS,
      format: { type: 'string', short: 'f' },
      'fail-on': { type: 'string' },
      'min-alignment': { type: 'string' },
    },
  });
  if (values.help) return { command: 'help', topic: 'check' };
  const args: CheckArgs = {
    command: 'check',
    ...parseCommon(values, positionals),
    format: oneOf('format', values.format, ['text', 'json', 'sarif'] as const, 'text'),
    failOn: oneOf('fail-on', values['fail-on'], ['error', 'warning', 'info', 'never'] as const, 'error'),
  };
  const min = values['min-alignment'];
  if (min !== undefined) {
    const number = Number(min.replace(/%$/, ''));
    if (min.trim() === '' || !Number.isFinite(number) || number < 0 || number > 100)
      throw new UsageError(`--min-alignment takes a percentage from 0 to 100, such as 80, not "${min}".`);
    args.minAlignment = number;
  }
  return args;
}

function parseReport(argv: string[]): Args {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { ...COMMON_OPTIONS, format: { type: 'string', short: 'f' }, out: { type: 'string', short: 'o' }, force: { type: 'boolean' } },
  });
  if (values.help) return { command: 'help', topic: 'report' };
  const args: ReportArgs = {
    command: 'report',
    ...parseCommon(values, positionals),
    format: oneOf('format', values.format, ['md', 'html', 'csv', 'json', 'xlsx'] as const, 'md'),
    force: values.force === true,
  };
  if (values.out !== undefined) args.out = values.out;
  if (args.format === 'xlsx' && args.out === undefined)
    throw new UsageError('--format xlsx writes a binary file: give it --out FILE.xlsx.');
  return args;
}

export const HELP: Record<string, string> = {
  main: `portfolio-align: check IT portfolio files (portfolio/v1) for spend with no business outcome.

Usage:
  portfolio-align check  [paths...] [options]   diagnostics and the alignment summary
  portfolio-align report [paths...] [options]   the summary for people (md, html, csv, json, xlsx)
  portfolio-align diff   [paths...] --base <ref> what a change does to alignment (text, md, json, sarif)
  portfolio-align history [paths...] [options]  the summary at each point of the git history
  portfolio-align import SOURCE --map MAP.yaml  a CSV or XLSX sheet to portfolio YAML (docs/import.md)
  portfolio-align help <command>

Paths are files, folders (searched for *.portfolio.yaml, *.portfolio.yml and YAML files that start
with apiVersion: portfolio/v1) or glob patterns. The default is the current folder.
Documentation: docs/cli.md`,
  check: `portfolio-align check [paths...] [options]

Options:
  -f, --format text|json|sarif   output format (default text)
  --fail-on error|warning|info|never
                                 exit 1 when a problem of this severity or worse is found (default error)
  --min-alignment <percent>      also exit 1 when the alignment score is below this
  --rule <id>=<severity>         override a rule: error, warning, info or off (repeatable)
  --model passive|provider|partner|peer
                                 relationship model when no file declares one in metadata
                                 (default provider; files without one follow the first that has one)
  --currency <code>              summary currency (default: the one the files declare)
  --today YYYY-MM-DD             the date that due and end dates are compared with (default today)
  --max-file-size <size>         largest file read, in bytes or with a unit such as 200MB (default 50MB)
  --no-color                     plain text output

Only regular files are read. Symlinked files and folders are followed, and a file reached by
several paths is checked once.
Exit codes: 0 nothing reaches --fail-on, 1 something does, 2 usage or file errors (a path that is
not a regular file, a file over --max-file-size, an option that is wrong).`,
  report: `portfolio-align report [paths...] [options]

Options:
  -f, --format md|html|csv|json|xlsx
                                 report format (default md; xlsx needs --out)
  -o, --out <file>               write to a file instead of standard output; the file is
                                 written whole or not at all, and never over an input file
  --force                        overwrite --out if it exists
  --model, --currency, --today, --rule, --max-file-size   as for check

The html report is one self-contained file with no script, readable offline in any browser.
The xlsx report has the sheets Summary, Initiatives, Outcomes, Unlinked and Capabilities.`,
  ...DIFF_HELP,
  import: IMPORT_HELP,
};
