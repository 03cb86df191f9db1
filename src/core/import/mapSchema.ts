// The import map (portfolio-import/v1): how the columns of a spreadsheet become portfolio fields.
// Written by people next to their spreadsheet; schemas/portfolio-import.schema.json is generated
// from this zod schema (npm run schema) and a unit test fails when it is stale.
import { boolean, enum as oneOf, literal, number, record, strictObject, string, union, type infer as Infer } from 'zod';
import { MetadataSchema } from '../model/schema';

export const IMPORT_API_VERSION = 'portfolio-import/v1';

/** The date layouts a `format` may give; ISO dates and date-times are always read. */
export const DATE_FORMATS = [
  'YYYY-MM-DD',
  'DD/MM/YYYY',
  'MM/DD/YYYY',
  'DD.MM.YYYY',
  'DD-MM-YYYY',
  'YYYY/MM/DD',
  'D/M/YYYY',
  'M/D/YYYY',
] as const;

const column = string().min(1).meta({ description: "The column's name as written in the header row." });

const FromColumnSchema = strictObject({
  column,
  scale: number().positive().optional().meta({ description: 'Amounts: multiply by this, exactly (1000000 for a column in millions).' }),
  currency: string()
    .regex(/^[A-Z]{3}$/)
    .optional()
    .meta({ description: 'Amounts: the ISO 4217 currency of this column when it is not metadata.currency.' }),
  format: oneOf(DATE_FORMATS)
    .optional()
    .meta({ description: 'Dates: the layout of dates that are not ISO (YYYY-MM-DD), such as DD/MM/YYYY.' }),
  separator: string()
    .min(1)
    .optional()
    .meta({ description: 'Lists (outcomes, dependsOn): what separates the items in one cell. Default ";".' }),
  values: record(string(), string())
    .optional()
    .meta({ description: 'Translates cell values: { "O&M": run, "DME": grow }. With values given, a value not listed rejects the row.' }),
}).meta({ description: 'A column, with how to read it.' });

const TemplateSchema = strictObject({
  template: string().min(1).meta({ description: 'Text with column names in braces: "p-{Project ID}".' }),
}).meta({ description: 'Text made of several columns.' });

const ConstantSchema = strictObject({
  value: union([string(), number(), boolean()]).meta({ description: 'The same value for every row: { value: approved }.' }),
}).meta({ description: 'A constant.' });

export const FieldMappingSchema = union([column, FromColumnSchema, TemplateSchema, ConstantSchema]).meta({
  id: 'FieldMapping',
  description: 'A column name, { column, scale, format, separator, values }, { template } or { value }.',
});

/** Portfolio initiative fields an import can fill (outcome weights are not imported). */
export const INITIATIVE_FIELDS = [
  'id',
  'title',
  'description',
  'category',
  'type',
  'outcomes',
  'cost',
  'actualCost',
  'service',
  'priority',
  'owner',
  'status',
  'start',
  'end',
  'dependsOn',
] as const;
export const OUTCOME_FIELDS = ['id', 'title', 'description', 'kind', 'owner', 'capability', 'budget'] as const;
export type InitiativeField = (typeof INITIATIVE_FIELDS)[number];
export type OutcomeField = (typeof OUTCOME_FIELDS)[number];

const sheet = string().min(1).optional().meta({ description: 'The XLSX sheet to read (default: the first sheet, or --sheet).' });
const file = string().min(1).optional().meta({ description: 'Another CSV or XLSX file to read this table from, relative to the map.' });

const field = FieldMappingSchema;
const optional = FieldMappingSchema.optional();

export const InitiativesMapSchema = strictObject({
  sheet,
  id: field,
  title: field,
  description: optional,
  category: optional,
  type: optional,
  outcomes: optional,
  cost: optional,
  actualCost: optional,
  service: optional,
  priority: optional,
  owner: optional,
  status: optional,
  start: optional,
  end: optional,
  dependsOn: optional,
}).meta({ description: 'Initiative fields, each a column name or { column, ... }. id and title are required.' });

export const OutcomesMapSchema = strictObject({
  sheet,
  file,
  id: field,
  title: field,
  description: optional,
  kind: optional,
  owner: optional,
  capability: optional,
  budget: optional,
}).meta({ description: 'An optional second table of outcomes: { sheet: Outcomes, id: Goal ID, title: Goal }.' });

export const ImportMapSchema = strictObject({
  apiVersion: literal(IMPORT_API_VERSION),
  metadata: MetadataSchema.partial().optional().meta({ description: "Written into the portfolio's metadata." }),
  initiatives: InitiativesMapSchema,
  outcomes: OutcomesMapSchema.optional(),
}).meta({
  title: 'Portfolio Alignment import map portfolio-import/v1',
  description: 'How the columns of a spreadsheet become a portfolio/v1 file (portfolio-align import).',
});

export type FieldMapping = Infer<typeof FieldMappingSchema>;
export type ImportMap = Infer<typeof ImportMapSchema>;
export type InitiativesMap = Infer<typeof InitiativesMapSchema>;
export type OutcomesMap = Infer<typeof OutcomesMapSchema>;
