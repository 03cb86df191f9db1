// Rows of a spreadsheet to portfolio initiatives and outcomes, by the map. Pure: the CLI reads
// the file into tables of text cells; this decides, cell by cell, what each becomes, and reports
// every row it does not take with the row number, the column, the value and why.
import { categories, initiativeTypes, outcomeKinds, statuses } from '../model/enums';
import { closest } from '../text/suggest';
import { convertAmount, convertDate, convertEnum, convertId, convertIdList, convertPriority, type Converted } from './convert';
import type { FieldMapping, ImportMap, InitiativeField, OutcomeField } from './mapSchema';
import { INITIATIVE_FIELDS, OUTCOME_FIELDS } from './mapSchema';

/** One sheet (or a CSV file) as text cells; `firstRow` is the sheet row number of `rows[0]`. */
export interface Table {
  name: string;
  rows: string[][];
  firstRow?: number;
}

export interface Rejection {
  table: string;
  row: number;
  column?: string;
  value?: string;
  why: string;
  /** The row's id when it has a valid one: --update keeps that item as it is. */
  id?: string;
}

/** A portfolio item as plain data, keys in the schema's order. */
export type Item = Record<string, unknown>;

export interface ImportedItem {
  row: number;
  item: Item;
}

export interface TableResult {
  items: ImportedItem[];
  rejected: Rejection[];
  /** Rows read, not counting the header and wholly empty rows. */
  rows: number;
  emptyRows: number;
  /** The fields the map fills, in the schema's order: --update replaces only these. */
  fields: string[];
}

/** A mistake in the map itself (a column the sheet does not have): no row can be imported. */
export class MapError extends Error {}

type Kind = 'id' | 'text' | 'amount' | 'date' | 'ids' | 'priority' | readonly string[];

const INITIATIVE_KINDS: Record<InitiativeField, Kind> = {
  id: 'id',
  title: 'text',
  description: 'text',
  category: categories,
  type: initiativeTypes,
  outcomes: 'ids',
  cost: 'amount',
  actualCost: 'amount',
  service: 'id',
  priority: 'priority',
  owner: 'text',
  status: statuses,
  start: 'date',
  end: 'date',
  dependsOn: 'ids',
};
const OUTCOME_KINDS: Record<OutcomeField, Kind> = {
  id: 'id',
  title: 'text',
  description: 'text',
  kind: outcomeKinds,
  owner: 'text',
  capability: 'text',
  budget: 'amount',
};
const REQUIRED = ['id', 'title'];

interface Cell {
  text: string;
  column?: string;
}

type CellReader = (row: string[]) => Cell;

/** The header's column index of `name`: exactly, else ignoring case and surrounding spaces. */
function columnIndex(header: string[], name: string, table: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const loose = header.findIndex((h) => h.trim().toLowerCase() === name.trim().toLowerCase());
  if (loose >= 0) return loose;
  const suggestion = closest(
    name,
    header.filter((h) => h.trim() !== ''),
  );
  throw new MapError(
    `The map names column "${name}", which ${table} does not have${suggestion ? `: did you mean "${suggestion}"?` : '.'} Its columns: ${header
      .filter((h) => h !== '')
      .map((h) => `"${h}"`)
      .join(', ')}.`,
  );
}

function readerOf(mapping: FieldMapping, header: string[], table: string): CellReader {
  if (typeof mapping === 'string' || 'column' in mapping) {
    const column = typeof mapping === 'string' ? mapping : mapping.column;
    const index = columnIndex(header, column, table);
    return (row) => ({ text: row[index] ?? '', column: header[index] });
  }
  if ('template' in mapping) {
    const parts = mapping.template.split(/(\{[^{}]+\})/).map((part) => {
      if (!/^\{[^{}]+\}$/.test(part)) return { text: part };
      const index = columnIndex(header, part.slice(1, -1), table);
      return { index };
    });
    const columns = parts
      .filter((p) => 'index' in p)
      .map((p) => header[(p as { index: number }).index]!)
      .join(', ');
    return (row) => {
      // A template with an empty column is empty: "p-" is not an id.
      let text = '';
      for (const part of parts) {
        if ('text' in part) text += part.text;
        else {
          const value = row[part.index] ?? '';
          if (value.trim() === '') return { text: '', column: columns };
          text += value.trim();
        }
      }
      return { text, column: columns };
    };
  }
  const text = String(mapping.value);
  return () => ({ text });
}

function convert(kind: Kind, field: string, text: string, mapping: FieldMapping, fileCurrency: string | undefined): Converted<unknown> {
  const options = typeof mapping === 'object' && 'column' in mapping ? mapping : undefined;
  if (options?.values) {
    const key =
      Object.keys(options.values).find((k) => k === text) ??
      Object.keys(options.values).find((k) => k.trim().toLowerCase() === text.trim().toLowerCase());
    if (key !== undefined) text = options.values[key]!;
    else if (typeof kind === 'string')
      return {
        why: `not one of the map's values for ${field}: ${Object.keys(options.values)
          .map((k) => `"${k}"`)
          .join(', ')}`,
      };
  }
  if (typeof kind !== 'string') return convertEnum(text, kind as readonly string[], field);
  switch (kind) {
    case 'id':
      return convertId(text);
    case 'text':
      return { value: text };
    case 'amount': {
      const amount = convertAmount(text, { scale: options?.scale, currency: options?.currency, fileCurrency });
      if ('why' in amount) return amount;
      return { value: amount.value.currency ? `${amount.value.decimal} ${amount.value.currency}` : amountValue(amount.value.decimal) };
    }
    case 'date':
      return convertDate(text, options?.format);
    case 'ids':
      return convertIdList(text, options?.separator);
    case 'priority':
      return convertPriority(text);
  }
}

/** A plain number when it reads back exactly as these digits, else the digits as text. */
function amountValue(decimal: string): number | string {
  const number = Number(decimal);
  return String(number) === decimal ? number : decimal;
}

function isEmptyRow(row: string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** The header is the first row with any text; rows above it are skipped. */
function headerIndex(table: Table): number {
  const index = table.rows.findIndex((row) => !isEmptyRow(row));
  if (index < 0) throw new MapError(`${table.name} is empty: it needs a header row with the column names, then one row per item.`);
  return index;
}

function importTable(
  table: Table,
  mapping: Partial<Record<string, FieldMapping>>,
  fields: readonly string[],
  kinds: Record<string, Kind>,
  fileCurrency: string | undefined,
): TableResult {
  const start = headerIndex(table);
  const header = table.rows[start]!;
  const firstRow = table.firstRow ?? 1;
  const mapped = fields.filter((f) => mapping[f] !== undefined);
  const readers = mapped.map((field) => ({ field, mapping: mapping[field]!, read: readerOf(mapping[field]!, header, table.name) }));
  const result: TableResult = { items: [], rejected: [], rows: 0, emptyRows: 0, fields: mapped };
  const seen = new Map<string, number>();
  for (let index = start + 1; index < table.rows.length; index++) {
    const row = table.rows[index]!;
    const rowNumber = firstRow + index;
    if (isEmptyRow(row)) {
      result.emptyRows++;
      continue;
    }
    result.rows++;
    const item: Item = {};
    const problems: Rejection[] = [];
    for (const { field, mapping: fieldMapping, read } of readers) {
      const cell = read(row);
      const where = { table: table.name, row: rowNumber, ...(cell.column !== undefined ? { column: cell.column } : {}) };
      if (cell.text.trim() === '') {
        if (REQUIRED.includes(field)) problems.push({ ...where, value: cell.text, why: `missing ${field}: every item needs one` });
        continue;
      }
      const converted = convert(kinds[field]!, field, cell.text, fieldMapping, fileCurrency);
      if ('why' in converted) problems.push({ ...where, value: cell.text, why: `bad ${field}: ${converted.why}` });
      else if (!(Array.isArray(converted.value) && converted.value.length === 0)) item[field] = converted.value;
    }
    const id = item.id as string | undefined;
    if (problems.length === 0 && id !== undefined) {
      const first = seen.get(id);
      if (first !== undefined) {
        const idCell = readers.find((r) => r.field === 'id')!.read(row);
        problems.push({
          table: table.name,
          row: rowNumber,
          ...(idCell.column !== undefined ? { column: idCell.column } : {}),
          value: idCell.text,
          why: `id clash: "${id}" is already the id of row ${first}; make the ids unique in the sheet or in the map's id template`,
        });
      } else seen.set(id, rowNumber);
    }
    if (problems.length > 0) result.rejected.push(...problems.map((p) => (id !== undefined ? { ...p, id } : p)));
    else result.items.push({ row: rowNumber, item });
  }
  return result;
}

export interface ImportResult {
  metadata: Item;
  initiatives: TableResult;
  outcomes?: TableResult;
}

/** Imports the initiatives table (and the outcomes table when the map has one). */
export function importTables(map: ImportMap, initiatives: Table, outcomes?: Table): ImportResult {
  const fileCurrency = map.metadata?.currency;
  const { sheet: _sheet, ...initiativeMapping } = map.initiatives;
  const result: ImportResult = {
    metadata: { ...(map.metadata ?? {}) },
    initiatives: importTable(initiatives, initiativeMapping, INITIATIVE_FIELDS, INITIATIVE_KINDS, fileCurrency),
  };
  if (map.outcomes && outcomes) {
    const { sheet: _s, file: _f, ...outcomeMapping } = map.outcomes;
    result.outcomes = importTable(outcomes, outcomeMapping, OUTCOME_FIELDS, OUTCOME_KINDS, fileCurrency);
  }
  return result;
}

/** Every rejection, in row order, as one line each. */
export function formatRejection(r: Rejection): string {
  const column = r.column !== undefined ? ` column "${r.column}"` : '';
  const value = r.value !== undefined ? ` value ${JSON.stringify(r.value)}` : '';
  return `${r.table}: row ${r.row}${column}${value}: ${r.why}`;
}
