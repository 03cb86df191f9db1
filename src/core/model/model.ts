// Typed views of outcomes, initiatives and metadata, read leniently from the syntax tree: a value
// of the wrong type is left out (the schema check reports it) so that one typo does not hide
// the rest of an item from the rules and the summary.
import { fieldsOf, getPair, getValue, isMap, isScalar, isSeq, keyText, stringValue, type PNode, type PScalar } from '../syntax/ast';
import { decimalFromNumber, parseAmountText, PLAIN_DECIMAL, rationalFromNumber, type Decimal, type Rational } from './money';
import { isRuleId, type RuleId } from '../check/ruleIds';
import {
  categories,
  DATE_PATTERN,
  initiativeTypes,
  measureKinds,
  outcomeKinds,
  PERCENT_PATTERN,
  PLAIN_AMOUNT_PATTERN,
  relationshipModels,
  severities,
  statuses,
  type Category,
  type InitiativeType,
  type MeasureKind,
  type RelationshipModel,
  type Severity,
  type Status,
} from './schema';

/**
 * An amount as written, before its currency is known: one part, or capex and opex parts. It also
 * has a `conversion` field, the memo of its last conversion: a field rather than a WeakMap, for
 * speed, declared with its type by check/currencyConverter.ts (a `declare module` augmentation
 * of this interface) so that model/ needs none of its types. amount() sets it to undefined.
 */
export interface AmountLiteral {
  node: PNode;
  parts: Array<{ value: Decimal; node: PNode; label?: 'capex' | 'opex' }>;
  currency: string | undefined;
  currencyNode: PNode | undefined;
}

function amount(node: PNode, parts: AmountLiteral['parts'], currency?: string, currencyNode?: PNode): AmountLiteral {
  return { node, parts, currency, currencyNode, conversion: undefined };
}

export interface TextField {
  value: string;
  node: PScalar;
}

export interface MeasureModel {
  node: PNode;
  kind?: MeasureKind;
  metric?: string;
  unit?: string;
  baseline?: number;
  target?: number;
  actual?: number;
  actualNode?: PNode;
  due?: string;
}

export interface OutcomeModel {
  node: PNode;
  id?: TextField;
  title?: string;
  kind: 'outcome' | 'mandate';
  owner?: string;
  capability?: string;
  budget?: AmountLiteral;
  measures: MeasureModel[];
}

export interface LinkEntry {
  id: string;
  node: PScalar;
  /** The weight's value node, in the weighted form. */
  weightNode?: PNode;
  /** Share of the cost in millionths: 600000 is 60%. */
  weight: number;
}

export interface LinksModel {
  form: 'none' | 'list' | 'weighted';
  keyNode: PNode | undefined;
  valueNode: PNode | undefined;
  entries: LinkEntry[];
  /** Sum of weights in millionths (1000000 is 100%). */
  weightSum: number;
  /** Some weight could not be read (the schema check reports it). */
  invalidWeight: boolean;
  /** The ledger's memo of the last split (ledger.ts); a field rather than a WeakMap, for speed. */
  split: { spend: number; parts: number[] } | undefined;
}

export interface InitiativeModel {
  node: PNode;
  id?: TextField;
  title?: string;
  category?: Category;
  type?: InitiativeType;
  links: LinksModel;
  cost?: AmountLiteral;
  actualCost?: AmountLiteral;
  service?: TextField;
  priority?: number;
  owner?: string;
  status?: Status;
  start?: TextField;
  end?: TextField;
  dependsOn: TextField[];
}

export interface RateDeclaration {
  currency: string;
  keyNode: PNode;
  valueNode: PNode;
  rate: Rational;
}

export interface MetadataModel {
  keyNode: PNode;
  node: PNode | null;
  name?: string;
  currency?: TextField;
  fiscalYear?: number;
  relationshipModel?: RelationshipModel;
  brm?: string;
  budget?: AmountLiteral;
  rates: RateDeclaration[];
  catalog?: TextField[];
  rules: Partial<Record<RuleId, Severity>>;
}

export const WEIGHT_WHOLE = 1_000_000;

function text(map: PNode | null | undefined, key: string): string | undefined {
  return textOf(getValue(map, key));
}

/** Non-blank text, from a scalar node. */
function textOf(node: PNode | null | undefined): string | undefined {
  const value = stringValue(node);
  return value === undefined || value.trim() === '' ? undefined : value;
}

function textField(node: PNode | null | undefined): TextField | undefined {
  return isScalar(node) && typeof node.value === 'string' && node.value !== '' ? { value: node.value, node } : undefined;
}

/**
 * The same text as a string V8 has interned (property names are): ids are looked up in maps on
 * every check, and an interned key is found about twice as fast as a slice of the parsed text.
 */
function intern(text: string): string {
  return Object.keys({ [text]: 0 })[0] ?? text;
}

/** An id: text, interned. */
function idField(node: PNode | null | undefined): TextField | undefined {
  const field = textField(node);
  if (field) field.value = intern(field.value);
  return field;
}

function oneOf<T extends string>(values: readonly T[], value: string | undefined): T | undefined {
  return value !== undefined && (values as readonly string[]).includes(value) ? (value as T) : undefined;
}

function numberValue(node: PNode | null | undefined): number | undefined {
  return isScalar(node) && typeof node.value === 'number' && Number.isFinite(node.value) ? node.value : undefined;
}

function dateField(node: PNode | null | undefined): TextField | undefined {
  const field = textField(node);
  return field && DATE_PATTERN.test(field.value) && isRealDate(field.value) ? field : undefined;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Whether YYYY-MM-DD names a day of the calendar (2027-02-30 does not). */
export function isRealDate(value: string): boolean {
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= DAYS_IN_MONTH[month - 1]! + (leap ? 1 : 0);
}

/** A number amount written in plain decimals; 0x10, 1e3 and .5 are not (the schema check says so). */
function amountNumber(value: number, source: string | undefined): Decimal | undefined {
  return source === undefined || PLAIN_DECIMAL.test(source) ? decimalFromNumber(value, source) : undefined;
}

/** An amount in any accepted form; undefined when it is not one (the schema check says why). */
export function readAmount(node: PNode | null | undefined): AmountLiteral | undefined {
  if (!node) return undefined;
  if (isScalar(node)) {
    if (typeof node.value === 'number' && node.value >= 0) {
      const value = amountNumber(node.value, node.source);
      return value ? amount(node, [{ value, node }]) : undefined;
    }
    if (typeof node.value !== 'string') return undefined;
    const parsed = parseAmountText(node.value);
    if (!parsed) return undefined;
    return amount(node, [{ value: parsed.value, node }], parsed.currency, parsed.currency ? node : undefined);
  }
  if (!isMap(node)) return undefined;
  const parts: AmountLiteral['parts'] = [];
  for (const label of ['capex', 'opex'] as const) {
    const part = getValue(node, label);
    if (!isScalar(part)) continue;
    const value =
      typeof part.value === 'number' && part.value >= 0
        ? amountNumber(part.value, part.source)
        : typeof part.value === 'string' && PLAIN_AMOUNT_PATTERN.test(part.value)
          ? parseAmountText(part.value)?.value
          : undefined;
    if (value) parts.push({ value, node: part, label });
  }
  if (parts.length === 0) return undefined;
  const currency = textField(getValue(node, 'currency'));
  return amount(node, parts, currency?.value, currency?.node);
}

// The readers below take every field in one pass over the mapping (fieldsOf): with thousands of
// items, looking each key up again would cost more than the rest of the reading.

function readMeasure(node: PNode): MeasureModel {
  const f = fieldsOf(node);
  const measure: MeasureModel = {
    node,
    kind: oneOf(measureKinds, textOf(f.kind)),
    metric: textOf(f.metric),
    unit: textOf(f.unit),
    baseline: numberValue(f.baseline),
    target: numberValue(f.target),
    actual: numberValue(f.actual),
    due: dateField(f.due)?.value,
  };
  if (f.actual) measure.actualNode = f.actual;
  return measure;
}

export function readOutcome(node: PNode): OutcomeModel {
  const f = fieldsOf(node);
  const measures = f.measures;
  return {
    node,
    id: idField(f.id),
    title: textOf(f.title),
    kind: oneOf(outcomeKinds, textOf(f.kind)) ?? 'outcome',
    owner: textOf(f.owner),
    capability: textOf(f.capability),
    budget: readAmount(f.budget),
    measures: isSeq(measures) ? measures.items.filter(isMap).map(readMeasure) : [],
  };
}

function readWeight(node: PNode | null): number | undefined {
  if (!isScalar(node)) return undefined;
  if (typeof node.value === 'number' && node.value >= 0 && node.value <= 1) {
    const decimal = decimalFromNumber(node.value, node.source);
    return decimal ? Math.round(decimal.int * 10 ** (decimal.exp10 + 6)) : undefined;
  }
  if (typeof node.value === 'string' && PERCENT_PATTERN.test(node.value)) {
    const decimal = parseAmountText(node.value.slice(0, -1));
    return decimal ? Math.round(decimal.value.int * 10 ** (decimal.value.exp10 + 4)) : undefined;
  }
  return undefined;
}

export function readLinks(item: PNode, pair = isMap(item) ? getPair(item, 'outcomes') : undefined): LinksModel {
  const links: LinksModel = {
    form: 'none',
    keyNode: undefined,
    valueNode: undefined,
    entries: [],
    weightSum: 0,
    invalidWeight: false,
    split: undefined,
  };
  if (!pair) return links;
  links.keyNode = pair.key;
  const value = pair.value;
  if (value) links.valueNode = value;
  if (isSeq(value)) {
    const ids = value.items.filter((n): n is PScalar => isScalar(n) && typeof n.value === 'string' && n.value !== '');
    if (ids.length === 0) return links;
    links.form = 'list';
    // Equal shares: weights are compared to each other, so 1 each splits evenly.
    links.entries = ids.map((n) => ({ id: intern(n.value as string), node: n, weight: 1 }));
    links.weightSum = WEIGHT_WHOLE;
  } else if (isMap(value) && value.pairs.length > 0) {
    links.form = 'weighted';
    for (const entry of value.pairs) {
      const id = keyText(entry);
      const weight = readWeight(entry.value);
      if (id === undefined || !isScalar(entry.key)) continue;
      if (weight === undefined) links.invalidWeight = true;
      links.entries.push({ id: intern(id), node: entry.key, weight: weight ?? 0, ...(entry.value ? { weightNode: entry.value } : {}) });
      links.weightSum += weight ?? 0;
    }
  }
  return links;
}

function outcomesPair(node: PNode) {
  return isMap(node) ? getPair(node, 'outcomes') : undefined;
}

export function readInitiative(node: PNode): InitiativeModel {
  const f = fieldsOf(node);
  const dependsOn = f.dependsOn;
  const priority = numberValue(f.priority);
  return {
    node,
    id: idField(f.id),
    title: textOf(f.title),
    category: oneOf(categories, textOf(f.category)),
    type: oneOf(initiativeTypes, textOf(f.type)),
    links: readLinks(node, f.outcomes === undefined ? undefined : outcomesPair(node)),
    cost: readAmount(f.cost),
    actualCost: readAmount(f.actualCost),
    service: textField(f.service),
    priority: priority !== undefined && Number.isInteger(priority) && priority >= 0 ? priority : undefined,
    owner: textOf(f.owner),
    status: oneOf(statuses, textOf(f.status)),
    start: dateField(f.start),
    end: dateField(f.end),
    dependsOn: isSeq(dependsOn) ? dependsOn.items.map(idField).filter((t): t is TextField => t !== undefined) : [],
  };
}

export function readMetadata(keyNode: PNode, node: PNode | null): MetadataModel {
  const rates: RateDeclaration[] = [];
  const ratesNode = getValue(node, 'rates');
  if (isMap(ratesNode)) {
    for (const pair of ratesNode.pairs) {
      const currency = keyText(pair);
      const value = pair.value;
      if (!currency || !isScalar(value) || typeof value.value !== 'number' || value.value <= 0) continue;
      const rate = rationalFromNumber(value.value, value.source);
      if (rate) rates.push({ currency, keyNode: pair.key, valueNode: value, rate });
    }
  }
  const rules: Partial<Record<RuleId, Severity>> = {};
  const rulesNode = getValue(node, 'rules');
  if (isMap(rulesNode)) {
    for (const pair of rulesNode.pairs) {
      const id = keyText(pair);
      const severity = oneOf(severities, stringValue(pair.value));
      if (id && isRuleId(id) && severity) rules[id] = severity;
    }
  }
  const catalogNode = getValue(node, 'catalog');
  const fiscalYear = numberValue(getValue(node, 'fiscalYear'));
  const metadata: MetadataModel = {
    keyNode,
    node,
    name: text(node, 'name'),
    currency: textField(getValue(node, 'currency')),
    relationshipModel: oneOf(relationshipModels, text(node, 'relationshipModel')),
    brm: text(node, 'brm'),
    budget: readAmount(getValue(node, 'budget')),
    rates,
    rules,
  };
  if (fiscalYear !== undefined && Number.isInteger(fiscalYear)) metadata.fiscalYear = fiscalYear;
  if (isSeq(catalogNode)) metadata.catalog = catalogNode.items.map(textField).filter((f): f is TextField => f !== undefined);
  return metadata;
}
