// portfolio-align: the engine on the command line, for CI and for people.
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { terminalJson, terminalLine, terminalText } from '../core/text/controlChars';
import { renderCsv } from '../core/summary/report/csv';
import { renderStandaloneHtml } from '../core/summary/report/html';
import { JSON_CONTRACT_VERSION, toJsonSummary } from '../core/summary/report/json';
import { renderMarkdown } from '../core/summary/report/markdown';
import type { CheckResult } from '../core/check/workspace';
import { Workspace } from '../core/check/workspace';
import { usePlainEnvironment } from '../engine/plainEnvironment';
import reportCss from '../../media/summary.css';
import { HELP, parseCommandLine, type CheckArgs, type CommonArgs, type ReportArgs } from './args';
import { discover, displayPath, UsageError } from './discover';
import { runDiff } from './diffCommand';
import { runHistory } from './historyCommand';
import { formatJson, withDisplayPaths } from './format/json';
import { formatSarif } from './format/sarif';
import { formatDiagnosticLine, formatSummary, painter } from './format/text';
import { runImport, writeXlsxReport } from './import';
import { readInputFile } from './readInput';
import { writeOutput } from './writeFileAtomic';

declare const __VERSION__: string;
const VERSION = typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0';
const SEVERITY_RANK = { info: 1, warning: 2, error: 3 } as const;
const FAIL_RANK = { info: 1, warning: 2, error: 3, never: 4 } as const;

interface Io {
  cwd: string;
  env?: Record<string, string | undefined>;
  out(text: string): void;
  err(text: string): void;
}

async function checkFiles(args: CommonArgs, io: Io): Promise<{ result: CheckResult; display: (p: string) => string; files: string[] }> {
  const files = await discover(args.paths, io.cwd);
  if (files.length === 0) {
    throw new UsageError(
      `No portfolio files found in ${args.paths.length > 0 ? args.paths.join(', ') : 'the current folder'} (looked for *.portfolio.yaml, *.portfolio.yml and YAML files starting with apiVersion: portfolio/v1).`,
    );
  }
  const workspace = new Workspace();
  for (const file of files) {
    const input = readInputFile(file, displayPath(file, io.cwd), args.maxFileSize);
    if ('text' in input) workspace.setFile(file, input.text);
    else workspace.setUnreadableFile(file, input.unreadable);
  }
  const options = {
    today: args.today,
    forceRules: args.rules,
    ...(args.model ? { defaultModel: args.model } : {}),
    ...(args.currency ? { currency: args.currency } : {}),
  };
  const shown = new Map<string, string>();
  const display = (p: string) => shown.get(p) ?? shown.set(p, displayPath(p, io.cwd)).get(p)!;
  return { result: workspace.check(options), display, files };
}

async function runCheck(args: CheckArgs, io: Io): Promise<number> {
  const { result, display } = await checkFiles(args, io);
  if (args.format === 'json') io.out(terminalJson(formatJson(result, display)) + '\n');
  else if (args.format === 'sarif')
    io.out(terminalJson(formatSarif(result, display, VERSION, pathToFileURL(io.cwd + path.sep).href)) + '\n');
  else {
    const paint = painter(args.color);
    const lines = result.files.flatMap((f) => f.diagnostics.map((d) => formatDiagnosticLine(display(f.path), d, paint)));
    io.out((lines.length > 0 ? lines.join('\n') + '\n' : '') + formatSummary(result.summary, result.files.length, paint) + '\n');
  }
  // A loop, not Math.max(...all): spreading hundreds of thousands of findings overflows the stack.
  let worst = 0;
  for (const f of result.files) for (const d of f.diagnostics) worst = Math.max(worst, SEVERITY_RANK[d.severity]);
  let failed = worst >= FAIL_RANK[args.failOn];
  const score = result.summary.alignmentScore;
  // As a percentage rounded to 9 decimals: in floating point 0.57 × 100 is 56.99999999999999,
  // which would fail a portfolio exactly 57% aligned against --min-alignment 57.
  if (args.minAlignment !== undefined && score !== null && Math.round(score * 100 * 1e9) / 1e9 < args.minAlignment) {
    io.err(`Alignment score ${(score * 100).toFixed(1)}% is below --min-alignment ${args.minAlignment}%.\n`);
    failed = true;
  }
  return failed ? 1 : 0;
}

async function runReport(args: ReportArgs, io: Io): Promise<number> {
  const { result, display, files } = await checkFiles(args, io);
  const summary = withDisplayPaths(result.summary, display);
  if (args.format === 'xlsx') return writeXlsxReport(summary, args, io, files);
  let text: string;
  switch (args.format) {
    case 'html':
      text = renderStandaloneHtml(summary, { css: reportCss });
      break;
    case 'csv':
      text = renderCsv(summary);
      break;
    case 'json':
      text = JSON.stringify({ version: JSON_CONTRACT_VERSION, summary: toJsonSummary(summary) }, null, 2) + '\n';
      break;
    default:
      text = renderMarkdown(summary);
  }
  if (args.out === undefined) {
    io.out(args.format === 'json' ? terminalJson(text) : terminalText(text));
    return 0;
  }
  writeOutput(args.out, text, { force: args.force, inputs: files, cwd: io.cwd });
  io.err(`Wrote ${args.format} report to ${args.out}\n`);
  return 0;
}

export async function main(argv: string[], terminal: Io): Promise<number> {
  // Messages quote paths and values from the command line and the files: no control character passes.
  const io: Io = { ...terminal, err: (text) => terminal.err(terminalText(text)) };
  try {
    const args = parseCommandLine(argv);
    switch (args.command) {
      case 'help':
        io.out((HELP[args.topic ?? 'main'] ?? HELP.main!) + '\n');
        return 0;
      case 'version':
        io.out(`portfolio-align ${VERSION}\n`);
        return 0;
      case 'check':
        return await runCheck(args, io);
      case 'report':
        return await runReport(args, io);
      case 'diff':
        return await runDiff(args, io, VERSION);
      case 'history':
        return await runHistory(args, io);
      case 'import':
        return await runImport(args, io);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`portfolio-align: ${error.message}\n`);
      return 2;
    }
    // One line, never a stack trace: what failed, and where to report it.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    io.err(
      `portfolio-align: internal error: ${terminalLine(message).replace(/\.$/, '')}. Please report it at https://github.com/portfolio-alignment/portfolio-alignment/issues with the command you ran.\n`,
    );
    return 2;
  }
}

if (require.main === module) {
  usePlainEnvironment();
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  void main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
  }).then((code) => {
    process.exitCode = code;
  });
}
