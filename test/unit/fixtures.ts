// One builder for the portfolio texts of the unit tests: portfolio({ ... }) writes a valid,
// finding-free file and each test states only the fields it is about. The layout is fixed (two
// spaces per level, one key a line, measures as flow maps), so tests can still find positions by
// text (rangeOf, rangeIn) and edit a line with String.replace.

/** A value written as is: a scalar, or flow YAML such as '[a, b]' or '{ USD: 0.92 }'. */
export type Scalar = string | number;
/** A field of a mapping: null leaves the key out, undefined keeps the default. */
export type Field = Scalar | readonly Fields[] | null | undefined;
/** A mapping, written in the order of its keys: the default's keys first, then new ones. */
export type Fields = { readonly [key: string]: Field };

export interface PortfolioSpec {
  /** Merged over DEFAULT_METADATA; null leaves out the whole block. */
  readonly metadata?: Fields | null;
  /** Each merged over DEFAULT_OUTCOME (title from the id); [] writes `outcomes: []`, null leaves it out. */
  readonly outcomes?: readonly Fields[] | null;
  /** Each merged over DEFAULT_INITIATIVE, linked to the first outcome by default; [] and null as above. */
  readonly initiatives?: readonly Fields[] | null;
}

export const DEFAULT_METADATA: Fields = {
  name: 'Test portfolio',
  currency: 'EUR',
  relationshipModel: 'provider',
  brm: 'Dana Whitfield',
};

export const DEFAULT_OUTCOME: Fields = {
  id: 'supply-chain-cost',
  title: 'Cut supply chain cost',
  owner: 'COO',
  measures: [{ kind: 'cost', metric: 'Cost per order', target: 11.4 }],
};

export const DEFAULT_INITIATIVE: Fields = {
  id: 'wms-rollout',
  title: 'Warehouse management',
  outcomes: '[supply-chain-cost]',
  cost: '850k',
  owner: 'Logistics IT',
};

/** A second outcome for tests that link or split across two. */
export const ORDER_TO_CASH: Fields = {
  id: 'order-to-cash',
  title: 'Get paid faster',
  owner: 'CFO',
  measures: [{ kind: 'time', metric: 'Days sales outstanding', target: 40 }],
};

/** A quality outcome of the plant, for the tests set in manufacturing. */
export const PLANT_UPTIME: Fields = {
  id: 'plant-uptime',
  title: 'Raise plant uptime',
  owner: 'VP Manufacturing',
  measures: [{ kind: 'quality', metric: 'OEE', target: 97 }],
};

/** The YAML text of a portfolio file: the defaults with the spec's changes. */
export function portfolio(spec: PortfolioSpec = {}): string {
  const outcomes = spec.outcomes === undefined ? [DEFAULT_OUTCOME] : spec.outcomes?.map((o) => item(DEFAULT_OUTCOME, o));
  const firstOutcome = outcomes?.[0]?.['id'];
  const initiativeDefault = { ...DEFAULT_INITIATIVE, outcomes: typeof firstOutcome === 'string' ? `[${firstOutcome}]` : null };
  const initiatives = spec.initiatives === undefined ? [initiativeDefault] : spec.initiatives?.map((i) => item(initiativeDefault, i));
  const metadata = spec.metadata === null ? null : merge(DEFAULT_METADATA, spec.metadata ?? {});
  const lines = ['apiVersion: portfolio/v1', 'kind: Portfolio'];
  if (metadata) lines.push('metadata:', ...mapping(metadata, '  '));
  if (outcomes) lines.push(...list('outcomes', outcomes, ''));
  if (initiatives) lines.push(...list('initiatives', initiatives, ''));
  return lines.join('\n') + '\n';
}

/** An outcome or initiative: the default's fields under the item's, with a title made from a new id. */
function item(defaults: Fields, fields: Fields): Fields {
  const ownId = typeof fields['id'] === 'string' && fields['id'] !== defaults['id'];
  const title = ownId ? sentence(fields['id'] as string) : defaults['title'];
  return merge({ ...defaults, title }, fields);
}

/** 'erp-upgrade' as 'Erp upgrade'. */
function sentence(id: string): string {
  const words = id.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The defaults with the changes: in place where the key exists, after them where it is new. */
function merge(defaults: Fields, changes: Fields): Fields {
  const out: Record<string, Field> = { ...defaults };
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) out[key] = value;
  return out;
}

function mapping(fields: Fields, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') lines.push(...flowList(key, value, indent));
    else lines.push(`${indent}${key}: ${value}`);
  }
  return lines;
}

/** A block list of block mappings, such as the outcomes or the initiatives. */
function list(key: string, items: readonly Fields[], indent: string): string[] {
  if (items.length === 0) return [`${indent}${key}: []`];
  const lines = [`${indent}${key}:`];
  for (const fields of items) {
    const [first, ...rest] = mapping(fields, `${indent}    `);
    if (first !== undefined) lines.push(`${indent}  - ${first.trimStart()}`, ...rest);
  }
  return lines;
}

/** A block list with one flow mapping a line, such as an outcome's measures. */
function flowList(key: string, items: readonly Fields[], indent: string): string[] {
  if (items.length === 0) return [`${indent}${key}: []`];
  return [`${indent}${key}:`, ...items.map((fields) => `${indent}  - { ${flowEntries(fields)} }`)];
}

function flowEntries(fields: Fields): string {
  return Object.entries(fields)
    .filter((entry): entry is [string, Scalar] => entry[1] !== null && entry[1] !== undefined && typeof entry[1] !== 'object')
    .map(([key, value]) => `${key}: ${value}`)
    .join(', ');
}
