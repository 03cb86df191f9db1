// Reading CSV and XLSX files into tables of text cells, and writing XLSX reports. Built as its own
// bundle (dist/spreadsheet.js) that the CLI loads only for `import` and `report --format xlsx`,
// so SheetJS and csv-parse cost nothing to `check`. Every file is read within fixed limits, so a
// hostile one (zip bomb, a million rows, huge shared strings, encrypted) ends in a clear message.
import * as zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Table } from '../core/import/mapRows';
import type { ReportSheet } from '../core/summary/report/sheets';

export const LIMITS = {
  /** Bytes of the file on disk. */
  fileBytes: 50 * 1024 * 1024,
  /** Bytes of an XLSX file's parts once unzipped, all together. */
  uncompressedBytes: 150 * 1024 * 1024,
  /** Data rows of one table. */
  rows: 100_000,
  /** Cells of one table. */
  cells: 5_000_000,
  /** Characters of one cell (Excel's own limit is 32,767). */
  cellChars: 1_000_000,
};

/** A problem with the file itself: the message says what is wrong and how to fix it. */
export class SpreadsheetError extends Error {
  readonly spreadsheet = true;
}

export interface Workbook {
  sheetNames: string[];
  /** The named sheet, or the first; a CSV file has one sheet named after the file. */
  table(sheet?: string): Table;
}

const ZIP_MAGIC = 0x04034b50;
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export function looksLikeZip(buffer: Uint8Array): boolean {
  return buffer.length >= 4 && (buffer[0]! | (buffer[1]! << 8) | (buffer[2]! << 16) | (buffer[3]! << 24)) >>> 0 === ZIP_MAGIC;
}

function looksLikeCfb(buffer: Uint8Array): boolean {
  return CFB_MAGIC.every((byte, i) => buffer[i] === byte);
}

/**
 * Inflates every part of the zip with a cap on its output, so a zip bomb stops at the limit
 * instead of filling memory; sizes the archive declares are not trusted.
 */
export function checkZip(buffer: Buffer, name: string): void {
  let eocd = -1;
  for (let i = buffer.length - 22; i >= Math.max(0, buffer.length - 22 - 0xffff); i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  const damaged = () =>
    new SpreadsheetError(
      `${name} is not a readable XLSX file (its zip directory is damaged): open it in Excel or LibreOffice and save it again as .xlsx.`,
    );
  if (eocd < 0) throw damaged();
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === 0xffffffff)
    throw new SpreadsheetError(
      `${name} is a zip64 archive, larger than an import takes (${LIMITS.fileBytes / 1024 / 1024} MB): split the sheet.`,
    );
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (offset + 46 > buffer.length || buffer.readUInt32LE(offset) !== 0x02014b50) throw damaged();
    const method = buffer.readUInt16LE(offset + 10);
    const compressedSize = buffer.readUInt32LE(offset + 20);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    const localOffset = buffer.readUInt32LE(offset + 42);
    offset += 46 + nameLength + extraLength + commentLength;
    if (localOffset + 30 > buffer.length || buffer.readUInt32LE(localOffset) !== ZIP_MAGIC) throw damaged();
    const start = localOffset + 30 + buffer.readUInt16LE(localOffset + 26) + buffer.readUInt16LE(localOffset + 28);
    const raw = buffer.subarray(start, start + compressedSize);
    const room = LIMITS.uncompressedBytes - total;
    let size: number;
    if (method === 0) size = raw.length;
    else if (method === 8) {
      try {
        size = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, room) }).length;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) size = room + 1;
        else throw damaged();
      }
    } else throw new SpreadsheetError(`${name} uses a zip compression XLSX files do not use (method ${method}): save it again as .xlsx.`);
    total += size;
    if (total > LIMITS.uncompressedBytes) {
      throw new SpreadsheetError(
        `${name} unzips to more than ${LIMITS.uncompressedBytes / 1024 / 1024} MB (a zip bomb, or a sheet too large to import): split it into smaller sheets, or save the sheet as CSV.`,
      );
    }
  }
}

/** Excel's serial day number (days since 1899-12-30; 1904-01-01 in the 1904 system) as a date. */
function serialDate(serial: number, date1904: boolean): string {
  const days = Math.floor(serial) + (date1904 ? 1462 : 0);
  const date = new Date(Date.UTC(1899, 11, 30) + days * 86_400_000);
  const iso = date.toISOString();
  const seconds = Math.round((serial - Math.floor(serial)) * 86_400);
  if (seconds === 0) return iso.slice(0, 10);
  const time = new Date(Date.UTC(1970, 0, 1) + seconds * 1000).toISOString().slice(11, 19);
  return `${iso.slice(0, 10)}T${time}`;
}

/** A cell as text: the value it holds (a formula's cached result, never the formula). */
function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 'n':
      if (cell.z !== undefined && XLSX.SSF.is_date(cell.z as string)) return serialDate(cell.v as number, date1904);
      return String(cell.v);
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    case 'd':
      return (cell.v as Date).toISOString().slice(0, 10);
    default:
      return String(cell.v);
  }
}

function tooManyRows(name: string): SpreadsheetError {
  return new SpreadsheetError(
    `${name} has more than ${LIMITS.rows.toLocaleString('en-US')} rows, more than an import takes: split it into smaller sheets.`,
  );
}

function tooManyCells(name: string): SpreadsheetError {
  return new SpreadsheetError(
    `${name} has more than ${LIMITS.cells.toLocaleString('en-US')} cells, more than an import takes: delete the columns the map does not use, or split the sheet.`,
  );
}

function readXlsx(buffer: Buffer, name: string): Workbook {
  if (looksLikeCfb(buffer)) {
    throw new SpreadsheetError(
      `${name} is a password-protected (encrypted) workbook or an old .xls file: open it in Excel or LibreOffice, remove the password and save it as .xlsx.`,
    );
  }
  if (!looksLikeZip(buffer))
    throw new SpreadsheetError(
      `${name} is not an XLSX file (an XLSX file is a zip archive): save it from the spreadsheet program as .xlsx, or as CSV and import the .csv.`,
    );
  checkZip(buffer, name);
  let workbook: XLSX.WorkBook;
  try {
    // One row more than the limit, to tell a sheet at the limit from one above it.
    workbook = XLSX.read(buffer, {
      type: 'buffer',
      dense: true,
      cellNF: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      sheetRows: LIMITS.rows + 2,
      WTF: false,
    });
  } catch (error) {
    const message = (error as Error).message;
    if (/password/i.test(message))
      throw new SpreadsheetError(`${name} is password-protected: remove the password and save it again as .xlsx.`);
    throw new SpreadsheetError(
      `${name} could not be read as XLSX (${message}): open it in Excel or LibreOffice and save it again as .xlsx.`,
    );
  }
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  return {
    sheetNames: workbook.SheetNames,
    table(sheetName) {
      const chosen = sheetName ?? workbook.SheetNames[0];
      const sheet = chosen === undefined ? undefined : workbook.Sheets[chosen];
      if (!sheet || chosen === undefined) {
        throw new SpreadsheetError(
          `${name} has no sheet named "${sheetName}": its sheets are ${workbook.SheetNames.map((s) => `"${s}"`).join(', ')}.`,
        );
      }
      const label = workbook.SheetNames.length > 1 || sheetName ? `${name} [${chosen}]` : name;
      const range = XLSX.utils.decode_range((sheet['!fullref'] as string | undefined) ?? sheet['!ref'] ?? 'A1');
      if (range.e.r - range.s.r > LIMITS.rows) throw tooManyRows(label);
      if ((range.e.r - range.s.r + 1) * (range.e.c - range.s.c + 1) > LIMITS.cells) throw tooManyCells(label);
      const data = (sheet['!data'] ?? []) as XLSX.CellObject[][];
      const rows: string[][] = [];
      for (let r = range.s.r; r <= range.e.r; r++) {
        const source = data[r] ?? [];
        const row: string[] = [];
        for (let c = range.s.c; c <= range.e.c; c++) row.push(cellText(source[c], date1904));
        rows.push(row);
      }
      return { name: label, rows, firstRow: range.s.r + 1 };
    },
  };
}

/** The delimiter of the header line: the one of , ; tab | that it uses most outside quotes. */
export function detectDelimiter(text: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
    ['|', 0],
  ]);
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  let best = ',';
  for (const [delimiter, count] of counts) if (count > counts.get(best)!) best = delimiter;
  return best;
}

function decodeText(buffer: Buffer, name: string): string {
  if (buffer.length >= 2 && buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer.subarray(2));
  if (buffer.length >= 2 && buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer.subarray(2));
  if (buffer.subarray(0, 8192).includes(0))
    throw new SpreadsheetError(`${name} is not a text file: if it is a spreadsheet, save it as .xlsx or as CSV (UTF-8).`);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    throw new SpreadsheetError(
      `${name} is not UTF-8 text: save it as "CSV UTF-8" (Excel) or with the character set UTF-8 (LibreOffice), then import it again.`,
    );
  }
}

function readCsv(buffer: Buffer, name: string): Workbook {
  if (looksLikeZip(buffer)) throw new SpreadsheetError(`${name} is a zip archive, probably an XLSX file: name it .xlsx.`);
  const text = decodeText(buffer, name).replace(/^\ufeff/, '');
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter: detectDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: LIMITS.cellChars,
      to: LIMITS.rows + 2,
    }) as string[][];
  } catch (error) {
    throw new SpreadsheetError(
      `${name} is not a CSV file that can be read: ${(error as Error).message.replace(/\s+/g, ' ')}. Fix that line (a quote opened and not closed, most often), or save the sheet again as CSV.`,
    );
  }
  if (records.length > LIMITS.rows + 1) throw tooManyRows(name);
  let cells = 0;
  for (const record of records) cells += record.length;
  if (cells > LIMITS.cells) throw tooManyCells(name);
  const sheetName = name.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
  return {
    sheetNames: [sheetName],
    table(sheet) {
      if (sheet !== undefined && sheet !== sheetName)
        throw new SpreadsheetError(`${name} is a CSV file: it has one sheet, no sheet "${sheet}" (leave out --sheet).`);
      return { name, rows: records, firstRow: 1 };
    },
  };
}

export type SpreadsheetKind = 'csv' | 'xlsx';

/** The kind of spreadsheet by the file name, else by its first bytes. */
export function kindOf(name: string, buffer: Buffer): SpreadsheetKind {
  if (/\.(xlsx|xlsm)$/i.test(name)) return 'xlsx';
  if (/\.xls$/i.test(name))
    throw new SpreadsheetError(`${name} is an old .xls workbook: open it in Excel or LibreOffice and save it as .xlsx.`);
  if (/\.(csv|tsv|txt)$/i.test(name)) return 'csv';
  return looksLikeZip(buffer) || looksLikeCfb(buffer) ? 'xlsx' : 'csv';
}

export function readWorkbook(buffer: Buffer, name: string): Workbook {
  if (buffer.length > LIMITS.fileBytes)
    throw new SpreadsheetError(
      `${name} is larger than ${LIMITS.fileBytes / 1024 / 1024} MB, more than an import takes: split it into smaller files.`,
    );
  return kindOf(name, buffer) === 'xlsx' ? readXlsx(buffer, name) : readCsv(buffer, name);
}

/** An XLSX file with these sheets: text cells are strings (t: 's'), so nothing is ever a formula. */
export function writeXlsx(sheets: ReportSheet[]): Buffer {
  const workbook = XLSX.utils.book_new();
  for (const sheet of sheets) {
    const data: XLSX.CellObject[][] = sheet.rows.map((row) =>
      row.map((cell): XLSX.CellObject => {
        if (cell === null) return { t: 'z' };
        if (typeof cell === 'string') return { t: 's', v: cell };
        return cell.format ? { t: 'n', v: cell.n, z: cell.format } : { t: 'n', v: cell.n };
      }),
    );
    const width = Math.max(1, ...sheet.rows.map((r) => r.length));
    const worksheet: XLSX.WorkSheet = {
      '!data': data,
      '!ref': XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: Math.max(0, data.length - 1), c: width - 1 } }),
    };
    if (sheet.widths) worksheet['!cols'] = sheet.widths.map((wch) => ({ wch }));
    XLSX.utils.book_append_sheet(workbook, worksheet, sheet.name);
  }
  return XLSX.write(workbook, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
}
