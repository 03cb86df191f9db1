// The portfolio/v1 file format as zod schemas: the single source of truth for validation,
// for the TypeScript types and for schemas/portfolio.schema.json (generated from it).
import {
  array,
  enum as oneOf,
  int,
  iso,
  literal,
  number,
  partialRecord,
  record,
  strictObject,
  string,
  union,
  unknown,
  type infer as Infer,
} from 'zod';
import { ruleIds } from '../check/ruleIds';

export const API_VERSION = 'portfolio/v1';

export {
  categories,
  initiativeTypes,
  measureKinds,
  outcomeKinds,
  relationshipModels,
  severities,
  statuses,
  type Category,
  type InitiativeType,
  type MeasureKind,
  type RelationshipModel,
  type Severity,
  type Status,
} from './enums';
import { categories, initiativeTypes, measureKinds, outcomeKinds, relationshipModels, severities, statuses } from './enums';

/** Ids: letters, digits, '.', '_' and '-', starting with a letter or digit. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** A plain amount: digits, optional decimals, optional k/M/B suffix, optional ISO 4217 code. */
export const AMOUNT_PATTERN = /^\d+(?:\.\d+)?[kMB]?(?: [A-Z]{3})?$/;
/** The number part of a capex/opex amount (the currency is the object's). */
export const PLAIN_AMOUNT_PATTERN = /^\d+(?:\.\d+)?[kMB]?$/;
export const CURRENCY_PATTERN = /^[A-Z]{3}$/;
export const PERCENT_PATTERN = /^\d+(?:\.\d+)?%$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const id = string().regex(ID_PATTERN).meta({ description: 'An id: letters, digits, ".", "_" and "-".' });
const text = string();
const currency = string().regex(CURRENCY_PATTERN).meta({ description: 'An ISO 4217 currency code such as EUR or USD.' });
const date = iso.date().meta({ description: 'A date as YYYY-MM-DD.' });

const amountText = string()
  .regex(AMOUNT_PATTERN)
  .meta({ description: 'An amount: 1200000, 900k, 1.2M, 2B, optionally with an ISO 4217 code: "1.2M USD".' });
const plainAmount = union([number().nonnegative(), string().regex(PLAIN_AMOUNT_PATTERN)]).meta({
  description: "An amount in the object's currency: 900000 or 900k, 1.2M, 2B.",
});
const splitAmount = strictObject({
  capex: plainAmount.optional(),
  opex: plainAmount.optional(),
  currency: currency.optional(),
})
  .refine((value) => value.capex !== undefined || value.opex !== undefined, {
    message: 'An amount written as a mapping needs capex, opex or both, such as { capex: 900k, opex: 300k }.',
  })
  .meta({ description: 'Capital and operating expense: { capex: 900k, opex: 300k, currency: USD }.' });

export const AmountSchema = union([number().nonnegative(), amountText, splitAmount]).meta({
  description: 'An amount: 1200000, 900k, 1.2M, "1.2M USD" or { capex: 900k, opex: 300k, currency: USD }.',
});

const weight = union([string().regex(PERCENT_PATTERN), number().min(0).max(1)]).meta({ description: 'A share of the cost: 60% or 0.6.' });
export const OutcomeLinksSchema = union([
  array(id).refine((ids) => new Set(ids).size === ids.length, {
    message: 'An outcome is listed twice: list each outcome once, or weigh them with { a: 60%, b: 40% }.',
  }),
  record(id, weight),
]).meta({ description: 'Outcomes this initiative serves: [a, b] splits equally; { a: 60%, b: 40% } splits by weight.' });

export const MeasureSchema = strictObject({
  kind: oneOf(measureKinds).meta({ description: 'cost, time or quality.' }),
  metric: text.meta({ description: 'What is measured, such as "Cost per shipped order".' }),
  unit: text.optional(),
  baseline: number().optional().meta({ description: 'The value before the change.' }),
  target: number().optional().meta({ description: 'The value to reach.' }),
  actual: number().optional().meta({ description: 'The value measured, once measured.' }),
  due: date.optional(),
});

export const OutcomeSchema = strictObject({
  id,
  title: text,
  description: text.optional(),
  kind: oneOf(outcomeKinds)
    .optional()
    .meta({ description: 'outcome (a business result) or mandate (a regulatory or contractual need). Default: outcome.' }),
  owner: text.optional().meta({ description: 'The business sponsor.' }),
  capability: text.optional().meta({ description: 'The business capability it belongs to: spend is rolled up by it.' }),
  budget: AmountSchema.optional().meta({ description: 'Optional cap on the spend linked to this outcome.' }),
  measures: array(MeasureSchema).optional(),
});

export const InitiativeSchema = strictObject({
  id,
  title: text,
  description: text.optional(),
  category: oneOf(categories).optional().meta({ description: 'run, grow or transform.' }),
  type: oneOf(initiativeTypes).optional(),
  outcomes: OutcomeLinksSchema.optional(),
  cost: AmountSchema.optional().meta({ description: 'The planned cost.' }),
  actualCost: AmountSchema.optional().meta({ description: 'The cost so far or at the end.' }),
  service: id.optional().meta({ description: 'An item of metadata.catalog.' }),
  priority: int().min(0).optional().meta({ description: 'Lower is funded first.' }),
  owner: text.optional(),
  status: oneOf(statuses).optional(),
  start: date.optional(),
  end: date.optional(),
  dependsOn: array(id).optional().meta({ description: 'Initiatives this one needs first.' }),
});

export const MetadataSchema = strictObject({
  name: text,
  currency: currency.optional().meta({ description: 'ISO 4217 code: the default currency of every amount in the file.' }),
  fiscalYear: int().min(1900).max(2999).optional(),
  relationshipModel: oneOf(relationshipModels).optional().meta({
    description:
      'How business and IT work together: passive, provider, partner or peer. Sets how strict the checks are. Default: provider.',
  }),
  brm: text.optional().meta({ description: 'The Business Relationship Manager.' }),
  budget: AmountSchema.optional().meta({ description: 'The IT budget for the period.' }),
  rates: record(currency, number().positive())
    .optional()
    .meta({ description: "Exchange rates into this file's currency: { USD: 0.92 } means 1 USD = 0.92 of metadata.currency." }),
  catalog: array(id).optional().meta({ description: 'The service menu (Provider model).' }),
  rules: partialRecord(oneOf(ruleIds), oneOf(severities))
    .optional()
    .meta({ description: 'Severity overrides for this file: { unmeasured-outcome: error }.' }),
});

export const PortfolioSchema = strictObject({
  apiVersion: literal(API_VERSION),
  kind: literal('Portfolio'),
  metadata: MetadataSchema.optional(),
  outcomes: array(OutcomeSchema).optional(),
  initiatives: array(InitiativeSchema).optional(),
}).meta({
  title: 'Portfolio Alignment portfolio/v1',
  description: 'An IT project portfolio: business outcomes and the initiatives that serve them.',
});

/** The root without its item lists: items are validated one by one (and cached) on their own. */
export const PortfolioShellSchema = PortfolioSchema.extend({
  outcomes: array(unknown()).optional(),
  initiatives: array(unknown()).optional(),
});

export type PortfolioDoc = Infer<typeof PortfolioSchema>;
export type OutcomeDoc = Infer<typeof OutcomeSchema>;
export type InitiativeDoc = Infer<typeof InitiativeSchema>;
export type MeasureDoc = Infer<typeof MeasureSchema>;
export type MetadataDoc = Infer<typeof MetadataSchema>;
