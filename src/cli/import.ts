// portfolio-align import: a CSV or XLSX file to portfolio YAML by a map (docs/import.md), and
// report --format xlsx. The spreadsheet libraries live in dist/spreadsheet.js, loaded here only.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { guessMapYaml } from '../core/import/guess';
import { parseImportMap } from '../core/import/loadMap';
import { formatRejection, importTables, MapError, type ImportResult, type Table } from '../core/import/mapRows';
import type { ImportMap } from '../core/import/mapSchema';
import { MergeError, mergeIntoPortfolio, newPortfolioYaml, type TableMerge } from '../core/import/write';
import type { Summary } from '../core/summary/summarize';
import { summarySheets } from '../core/summary/report/sheets';
import { plural } from '../core/text/suggest';
import { Workspace } from '../core/check/workspace';
import { displayPath, UsageError } from './discover';
import type * as Spreadsheet from '../spreadsheet/index';
import { writeOutput } from './writeFileAtomic';

export interface ImportArgs {
  command: 'import';
  source: string;
  sheet?: string;
  map?: string;
  out?: string;
  update?: string;
  force: boolean;
  strict: boolean;
  prune: boolean;
  guessMap: boolean;
}

interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

export const IMPORT_HELP = `portfolio-align import SOURCE.csv|SOURCE.xlsx --map MAP.yaml [options]
portfolio-align import SOURCE.csv|SOURCE.xlsx --guess-map

Options:
  --map <file>           the import map (docs/import.md): which column is which field
  --sheet <name>         the XLSX sheet to read (default: the map's, else the first)
  -o, --out <file>       write the portfolio here instead of standard output
  --update <file>        merge into this portfolio: update mapped fields of items matched by id,
                         add new rows, keep comments and hand-written fields, list the rest
  --prune                with --update: delete the items the sheet no longer has
  --force                overwrite --out if it exists (never the source or the map)
  --strict               write nothing when any row is rejected
  --guess-map            print a map guessed from the header row, to edit and reuse

Every row is imported or reported on standard error (row, column, value, why).
Exit codes: 0 every row imported, 1 some row rejected, 2 usage or file errors.`;

export function parseImport(argv: string[]): ImportArgs | { command: 'help'; topic: string } {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      map: { type: 'string' },
      sheet: { type: 'string' },
      out: { type: 'string', short: 'o' },
      update: { type: 'string' },
      force: { type: 'boolean' },
      strict: { type: 'boolean' },
      prune: { type: 'boolean' },
      'guess-map': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return { command: 'help', topic: 'import' };
  if (positionals.length !== 1)
    throw new UsageError(
      `import takes one spreadsheet (a .csv or .xlsx file)${positionals.length > 1 ? `, not ${positionals.length}` : ''}: portfolio-align import SOURCE.csv --map MAP.yaml`,
    );
  const args: ImportArgs = {
    command: 'import',
    source: positionals[0]!,
    force: values.force === true,
    strict: values.strict === true,
    prune: values.prune === true,
    guessMap: values['guess-map'] === true,
  };
  for (const key of ['map', 'sheet', 'out', 'update'] as const) if (values[key] !== undefined) args[key] = values[key];
  if (!args.guessMap && args.map === undefined)
    throw new UsageError(
      'import needs --map MAP.yaml (start from one guessed from the sheet: portfolio-align import SOURCE --guess-map > SOURCE.map.yaml).',
    );
  if (args.prune && args.update === undefined)
    throw new UsageError('--prune deletes items the sheet no longer has from the --update file: give --update too.');
  return args;
}

/** The spreadsheet libraries, loaded on first use from the bundle beside this one. */
export function loadSpreadsheet(): typeof Spreadsheet {
  const file = path.join(__dirname, 'spreadsheet.js');
  if (!fs.existsSync(file))
    throw new UsageError(
      `${file} is missing (the spreadsheet libraries of import and report --format xlsx): install portfolio-align again.`,
    );
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a bundle loaded at run time, on first use
  return require(file) as typeof Spreadsheet;
}

function isSpreadsheetError(error: unknown): error is Error {
  return error instanceof Error && (error as { spreadsheet?: boolean }).spreadsheet === true;
}

/** Reads the spreadsheet, turning its problems into usage errors. */
function readWorkbook(sheets: typeof Spreadsheet, file: string, io: Io): Spreadsheet.Workbook {
  const shown = displayPath(file, io.cwd);
  let buffer: Buffer;
  try {
    const size = fs.statSync(file).size;
    if (size > sheets.LIMITS.fileBytes)
      throw new UsageError(
        `${shown} is larger than ${sheets.LIMITS.fileBytes / 1024 / 1024} MB, more than an import takes: split it into smaller files.`,
      );
    buffer = fs.readFileSync(file);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `No such file: ${shown}` : `Cannot read ${shown}: ${code ?? (error as Error).message}`);
  }
  try {
    return sheets.readWorkbook(buffer, shown);
  } catch (error) {
    if (isSpreadsheetError(error)) throw new UsageError(error.message);
    throw error;
  }
}

function tableOf(workbook: Spreadsheet.Workbook, sheet: string | undefined): Table {
  try {
    return workbook.table(sheet);
  } catch (error) {
    if (isSpreadsheetError(error)) throw new UsageError(error.message);
    throw error;
  }
}

function readMap(file: string, io: Io): ImportMap {
  const shown = displayPath(file, io.cwd);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `No such map file: ${shown}` : `Cannot read ${shown}: ${code ?? (error as Error).message}`);
  }
  const parsed = parseImportMap(text);
  if ('errors' in parsed) throw new UsageError(`${shown} is not a valid import map (docs/import.md): ${parsed.errors.join('; ')}.`);
  return parsed.map;
}

/** Yaml-syntax or schema findings in text the import made: a bug, never the user's to fix. */
function ownFindings(text: string): string[] {
  const workspace = new Workspace();
  workspace.setFile('import.portfolio.yaml', text);
  const result = workspace.check({ today: '2000-01-01' });
  return result.files
    .flatMap((f) => f.diagnostics)
    .filter((d) => d.code === 'yaml-syntax' || d.code === 'schema')
    .map((d) => `line ${d.range.start.line + 1}: ${d.message}`);
}

function describeMerge(label: string, merge: TableMerge, target: string): string[] {
  const lines = [`${label}: ${merge.updated.length} updated, ${merge.added.length} added, ${merge.unchanged} unchanged.`];
  if (merge.missing.length > 0) {
    const list = merge.missing.slice(0, 20).join(', ') + (merge.missing.length > 20 ? `, and ${merge.missing.length - 20} more` : '');
    lines.push(
      merge.pruned
        ? `Deleted ${plural(merge.missing.length, label.toLowerCase().replace(/s$/, ''))} the sheet no longer has (--prune): ${list}.`
        : `${plural(merge.missing.length, label.toLowerCase().replace(/s$/, ''))} in ${target} the sheet no longer has (kept; --prune deletes them): ${list}.`,
    );
  }
  return lines;
}

export async function runImport(args: ImportArgs, io: Io): Promise<number> {
  const sheets = loadSpreadsheet();
  const sourceFile = path.resolve(io.cwd, args.source);
  const sourceShown = displayPath(sourceFile, io.cwd);
  const workbook = readWorkbook(sheets, sourceFile, io);
  const inputs = [sourceFile];
  const outFile = args.out === undefined ? undefined : path.resolve(io.cwd, args.out);

  if (args.guessMap) {
    const table = tableOf(workbook, args.sheet);
    const header = table.rows.find((row) => row.some((cell) => cell.trim() !== '')) ?? [];
    const text = guessMapYaml(header, { name: path.basename(args.source), ...(args.sheet ? { sheet: args.sheet } : {}) });
    if (outFile === undefined) io.out(text);
    else {
      if (outFile === sourceFile) throw new UsageError(`--out ${args.out} is the spreadsheet being read: write the map to another file.`);
      writeOutput(args.out!, text, { force: args.force, cwd: io.cwd, inputs: [sourceFile] });
      io.err(`Wrote a guessed map to ${args.out}: check it, then import with --map ${args.out}\n`);
    }
    return 0;
  }

  const mapFile = path.resolve(io.cwd, args.map!);
  inputs.push(mapFile);
  const map = readMap(mapFile, io);
  const initiatives = tableOf(workbook, args.sheet ?? map.initiatives.sheet);
  let outcomes: Table | undefined;
  if (map.outcomes) {
    if (map.outcomes.file !== undefined) {
      const outcomesFile = path.resolve(path.dirname(mapFile), map.outcomes.file);
      inputs.push(outcomesFile);
      outcomes = tableOf(readWorkbook(sheets, outcomesFile, io), map.outcomes.sheet);
    } else if (map.outcomes.sheet !== undefined) outcomes = tableOf(workbook, map.outcomes.sheet);
    else throw new UsageError(`The map's outcomes table needs sheet: (a sheet of ${sourceShown}) or file: (another spreadsheet).`);
  }

  let result: ImportResult;
  try {
    result = importTables(map, initiatives, outcomes);
  } catch (error) {
    if (error instanceof MapError) throw new UsageError(error.message);
    throw error;
  }
  const rejected = [...(result.outcomes?.rejected ?? []), ...result.initiatives.rejected];
  const rejectedRows = new Set(rejected.map((r) => `${r.table}\n${r.row}`)).size;
  for (const rejection of rejected) io.err(`${formatRejection(rejection)}\n`);
  if (outFile !== undefined && inputs.includes(outFile))
    throw new UsageError(`--out ${args.out} is an input of this import: write the portfolio to another file.`);
  if (args.strict && rejectedRows > 0) {
    io.err(
      `Nothing written: ${plural(rejectedRows, 'row')} rejected, and --strict refuses the whole import. Fix the rows above and import again.\n`,
    );
    return 1;
  }

  let text: string;
  const summary: string[] = [];
  if (args.update !== undefined) {
    const updateFile = path.resolve(io.cwd, args.update);
    const updateShown = displayPath(updateFile, io.cwd);
    if (outFile !== undefined && outFile === updateFile && !args.force)
      throw new UsageError(`--out ${args.out} is the --update file: add --force to replace it with the updated portfolio.`);
    let existing: string;
    try {
      existing = fs.readFileSync(updateFile, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT' ? `No such file to update: ${updateShown}` : `Cannot read ${updateShown}: ${code ?? (error as Error).message}`,
      );
    }
    const rejectedIds = new Set(rejected.flatMap((r) => (r.id !== undefined ? [r.id] : [])));
    try {
      const merged = mergeIntoPortfolio(existing, result, { prune: args.prune, rejectedIds });
      text = merged.text;
      // The merge must not add a finding about the file's form to those it already had.
      const before = ownFindings(existing).length;
      const after = ownFindings(text);
      if (after.length > before) throw new Error(`the updated YAML does not pass check: ${after.slice(0, 5).join('; ')}`);
      if (merged.outcomes) summary.push(...describeMerge('Outcomes', merged.outcomes, updateShown));
      summary.push(...describeMerge('Initiatives', merged.initiatives, updateShown));
    } catch (error) {
      if (error instanceof MergeError) throw new UsageError(`Cannot update ${updateShown}: ${error.message}`);
      throw error;
    }
  } else {
    text = newPortfolioYaml(result, {
      fallbackName: path.basename(args.source).replace(/\.[^.]+$/, ''),
      comment: `Imported from ${path.basename(args.source)} with ${path.basename(args.map!)} by portfolio-align import.`,
    });
    const findings = ownFindings(text);
    if (findings.length > 0) throw new Error(`the imported YAML does not pass check: ${findings.slice(0, 5).join('; ')}`);
    const outcomeCount = result.outcomes?.items.length ?? 0;
    summary.push(
      `Imported ${plural(result.initiatives.items.length, 'initiative')}${outcomeCount > 0 ? ` and ${plural(outcomeCount, 'outcome')}` : ''} from ${sourceShown}.`,
    );
  }
  if (rejectedRows > 0)
    summary.push(`${plural(rejectedRows, 'row')} rejected (listed above): fix them in the sheet or the map and import again.`);

  if (outFile === undefined) io.out(text);
  else {
    // The inputs were refused above; the --update file may be replaced, with --force.
    writeOutput(args.out!, text, { force: args.force, cwd: io.cwd });
    summary.push(`Wrote ${args.out}.`);
  }
  io.err(summary.join('\n') + '\n');
  return rejectedRows > 0 ? 1 : 0;
}

/** report --format xlsx: the summary's sheets, written atomically to --out. */
export function writeXlsxReport(summary: Summary, args: { out?: string; force: boolean }, io: Io, inputs: readonly string[]): number {
  writeOutput(args.out!, loadSpreadsheet().writeXlsx(summarySheets(summary)), { force: args.force, cwd: io.cwd, inputs });
  io.err(`Wrote xlsx report to ${args.out}\n`);
  return 0;
}
