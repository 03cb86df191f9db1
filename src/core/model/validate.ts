// Schema validation with zod, turned into problems that point at the exact key or value and say
// how to fix it (with a did-you-mean for unknown keys and enum values).
import type { core } from 'zod';
import { isMap, isScalar, nodeAtPath, toPlain, type PNode, type PPair } from '../syntax/ast';
import type { Problem } from '../check/diagnostics';
import { decimalFromNumber, PLAIN_DECIMAL, suggestCurrencyOrder } from './money';
import { ruleIds } from '../check/ruleIds';
import { InitiativeSchema, MeasureSchema, MetadataSchema, OutcomeSchema, PortfolioShellSchema } from './schema';
import { closest, closestKey, listWords } from '../text/suggest';

export type ItemKind = 'outcome' | 'initiative';
type Scope = 'root' | ItemKind;
type Issue = core.$ZodIssue;
type Path = readonly PropertyKey[];

const AMOUNT_FIELDS = new Set(['cost', 'actualCost', 'budget']);
const DATE_FIELDS = new Set(['start', 'end', 'due']);
const AMOUNT_HELP =
  'Write an amount as 1200000, 900k, 1.2M or 2B, with an optional ISO 4217 code ("1.2M USD"), or as { capex: 900k, opex: 300k, currency: USD }.';
const LINKS_HELP =
  'List the outcome ids it serves, [supply-chain-cost, order-to-cash], or weigh them: { supply-chain-cost: 60%, order-to-cash: 40% }.';
const ID_HELP = 'Ids use letters, digits, ".", "_" and "-", and start with a letter or digit.';

const KNOWN_KEYS: Record<string, readonly string[]> = {
  root: Object.keys(PortfolioShellSchema.shape),
  metadata: Object.keys(MetadataSchema.shape),
  outcome: Object.keys(OutcomeSchema.shape),
  measure: Object.keys(MeasureSchema.shape),
  initiative: Object.keys(InitiativeSchema.shape),
  amount: ['capex', 'opex', 'currency'],
  rules: ruleIds,
};

const PLACEHOLDERS: Record<string, string> = {
  apiVersion: 'portfolio/v1',
  kind: 'Portfolio',
  name: 'Name of the portfolio',
  id: 'new-id',
  title: 'Title',
  metric: 'What is measured',
};

/** Validates one outcome or initiative item; offsets are those of the item's chunk. */
export function validateItem(kind: ItemKind, node: PNode): Problem[] {
  const schema = kind === 'outcome' ? OutcomeSchema : InitiativeSchema;
  const result = schema.safeParse(toPlain(node));
  const problems = numberFormProblems(node);
  if (result.success) return problems;
  for (const issue of result.error.issues) reportIssue(issue, [], kind, node, problems);
  return problems;
}

/** Amounts YAML reads as numbers but the format does not accept: 0x10, 0o20, 1.0e3, .5, 5. */
function numberFormProblems(node: PNode | null | undefined): Problem[] {
  if (!isMap(node)) return [];
  const problems: Problem[] = [];
  for (const pair of node.pairs) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (!AMOUNT_FIELDS.has(key)) continue;
    const parts = isMap(pair.value)
      ? pair.value.pairs.filter((p) => isScalar(p.key) && (p.key.value === 'capex' || p.key.value === 'opex')).map((p) => p.value)
      : [pair.value];
    for (const part of parts) {
      if (
        !isScalar(part) ||
        typeof part.value !== 'number' ||
        part.value < 0 ||
        part.source === undefined ||
        PLAIN_DECIMAL.test(part.source)
      )
        continue;
      problems.push(numberFormProblem(part, part.source, part.value));
    }
  }
  return problems;
}

function numberFormProblem(node: PNode, written: string, value: number): Problem {
  const plain = decimalFromNumber(value);
  // The same value in plain digits, where it is certain: 1.0e3 is 1000, .5 is 0.5; not for hex or octal.
  const fix = /^0[xob]/i.test(written) || !plain || !Number.isFinite(value) ? undefined : plainDigits(written);
  const form = /^0x/i.test(written)
    ? 'a hexadecimal number'
    : /^0o/i.test(written)
      ? 'an octal number'
      : /e/i.test(written)
        ? 'written with an exponent'
        : 'not written in plain digits';
  const message = `"${shown(written)}" is ${form}: write amounts in decimal digits${fix ? `, such as ${fix}` : ''}. ${AMOUNT_HELP}`;
  const problem: Problem = { rule: 'schema', start: node.start, end: node.end, message };
  if (fix) problem.data = { kind: 'replace', text: fix };
  return problem;
}

/** "1.0e3" → "1000", ".5" → "0.5", "5." → "5", exactly from the text; undefined when it is not such a number. */
function plainDigits(written: string): string | undefined {
  const match = /^\+?(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(written);
  if (!match || (match[1] === '' && !match[2])) return undefined;
  const whole = match[1] ?? '';
  const fraction = match[2] ?? '';
  const exponent = Number(match[3] ?? '0');
  if (Math.abs(exponent) > 30) return undefined;
  let digits = whole + fraction;
  let point = whole.length + exponent;
  if (point < 0) {
    digits = '0'.repeat(-point) + digits;
    point = 0;
  }
  if (point > digits.length) digits += '0'.repeat(point - digits.length);
  const int = digits.slice(0, point).replace(/^0+(?=\d)/, '') || '0';
  const frac = digits.slice(point).replace(/0+$/, '');
  return frac ? `${int}.${frac}` : int;
}

export interface RootSection {
  key: string;
  pair: PPair;
  /** Its items were parsed as chunks of their own (parse.ts), so its value is a list. */
  chunkedList?: boolean;
}

/**
 * Validates the root apart from the items of its lists (validated one by one). Problems carry
 * the index of the section they are in, or -1 for the top of the file (a missing key).
 */
export function validateRoot(
  sections: readonly RootSection[],
  top: { start: number; end: number },
): Array<{ section: number; problem: Problem }> {
  const plain: Record<string, unknown> = Object.create(null);
  for (const { key, pair, chunkedList } of sections) {
    const isList = chunkedList || ((key === 'outcomes' || key === 'initiatives') && (pair.value?.kind === 'seq' || pair.value === null));
    const value = isList ? [] : toPlain(pair.value);
    plain[key] = value;
  }
  const result = PortfolioShellSchema.safeParse(plain);
  const metadata = sections.findIndex((s) => s.key === 'metadata');
  const out: Array<{ section: number; problem: Problem }> =
    metadata < 0 ? [] : numberFormProblems(sections[metadata]!.pair.value).map((problem) => ({ section: metadata, problem }));
  if (result.success) return out;
  for (const issue of result.error.issues) {
    if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
      for (const key of issue.keys) {
        const section = sections.findIndex((s) => s.key === key);
        if (section >= 0) out.push({ section, problem: unknownKey(key, [], 'root', sectionRoot(sections[section]!)) });
      }
      continue;
    }
    const section = sections.findIndex((s) => s.key === issue.path[0]);
    if (section < 0) {
      out.push({ section: -1, problem: missingRootKey(issue, top) });
      continue;
    }
    const problems: Problem[] = [];
    reportIssue(issue, [], 'root', sectionRoot(sections[section]!), problems);
    for (const problem of problems) out.push({ section, problem });
  }
  return out;
}

/** A one-pair map around a section, so that paths from the root resolve inside it. */
function sectionRoot(section: RootSection): PNode {
  return { kind: 'map', start: section.pair.start, end: section.pair.end, pairs: [section.pair] };
}

function missingRootKey(issue: Issue, at: { start: number; end: number }): Problem {
  const key = String(issue.path[0] ?? '');
  const value = PLACEHOLDERS[key];
  if (key === 'apiVersion' || key === 'kind') {
    return {
      rule: 'schema',
      ...at,
      message: `Missing "${key}: ${value}": a portfolio file starts with apiVersion: portfolio/v1 and kind: Portfolio.`,
      data: { kind: 'add-field', field: key, placeholder: value! },
    };
  }
  return { rule: 'schema', ...at, message: issue.message };
}

function reportIssue(issue: Issue, prefix: Path, scope: Scope, root: PNode, out: Problem[]): void {
  const path = [...prefix, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      for (const key of issue.keys) out.push(unknownKey(key, path, scope, root));
      return;
    case 'invalid_union':
      reportUnion(issue, path, scope, root, out);
      return;
    case 'invalid_key':
      out.push(at(root, path, 'key', invalidKeyMessage(path, scope)));
      return;
    case 'invalid_type':
      out.push(invalidType(issue, path, scope, root));
      return;
    case 'invalid_value':
      out.push(invalidValue(issue.values, path, root));
      return;
    case 'invalid_format':
      out.push(formatProblem(root, path, scope));
      return;
    case 'too_small':
    case 'too_big':
      out.push(at(root, path, 'value', rangeMessage(issue, path)));
      return;
    default:
      out.push(at(root, path, 'value', /[.!?]$/.test(issue.message) ? issue.message : `${fieldName(path)}: ${issue.message}.`));
  }
}

/** Unions (amounts, outcome links): report the branch that fits the value's shape, if one does. */
function reportUnion(issue: core.$ZodIssueInvalidUnion, path: Path, scope: Scope, root: PNode, out: Problem[]): void {
  const shaped = issue.errors.filter((branch) => !branch.every((inner) => inner.code === 'invalid_type' && inner.path.length === 0));
  if (shaped.length === 1) {
    for (const inner of shaped[0]!) reportIssue(inner, path, scope, root, out);
    return;
  }
  const { node } = nodeAtPath(root, path);
  if (node === null || node === undefined || (isScalar(node) && node.value === null)) {
    out.push(at(root, path, 'value', `"${fieldName(path)}" has no value. ${unionHelp(path)}`));
    return;
  }
  out.push(at(root, path, 'value', `"${fieldName(path)}" has the wrong form. ${unionHelp(path)}`));
}

function unionHelp(path: Path): string {
  return AMOUNT_FIELDS.has(fieldName(path))
    ? AMOUNT_HELP
    : fieldName(path) === 'outcomes'
      ? LINKS_HELP
      : 'See the documentation of the portfolio/v1 format.';
}

function unknownKey(key: string, path: Path, scope: Scope, root: PNode): Problem {
  const context = objectContext(path, scope);
  const known = KNOWN_KEYS[context] ?? [];
  const suggestion = key.length > 200 ? undefined : closestKey(key, known);
  const what = context === 'rules' ? 'rule' : 'key';
  const where = context === 'rules' ? '' : ` in ${contextLabel(context)}`;
  const fix = suggestion ? `did you mean "${suggestion}"?` : `use one of: ${listWords(known as string[])}.`;
  const tail = context === 'rules' ? '' : ' Unknown keys are not read.';
  const { node } = nodeAtPath(root, path);
  const pair = isMap(node) ? node.pairs.find((p) => isScalar(p.key) && String(p.key.value) === key) : undefined;
  const target = pair?.key ?? node ?? root;
  const message = /^\s|\t/.test(key)
    ? `A tab or stray space before "${shown(key.trim())}" makes it a key of its own: indent YAML with spaces only, aligned with the keys around it.`
    : `Unknown ${what} "${shown(key)}"${where}: ${fix}${tail}`;
  const problem: Problem = { rule: 'schema', start: target.start, end: target.end, message };
  if (suggestion) problem.data = { kind: 'replace', text: suggestion };
  return problem;
}

/** Which object a path points into: decides the known keys and the wording. */
function objectContext(path: Path, scope: Scope): string {
  const strings = path.filter((step): step is string => typeof step === 'string');
  const last = strings[strings.length - 1];
  if (last && AMOUNT_FIELDS.has(last)) return 'amount';
  if (last === 'measures' || (strings.includes('measures') && typeof path[path.length - 1] === 'number')) return 'measure';
  if (scope === 'root') return last === 'rules' ? 'rules' : last === 'metadata' ? 'metadata' : 'root';
  return scope;
}

const CONTEXT_LABELS: Record<string, string> = {
  root: 'a portfolio file',
  amount: 'an amount',
  metadata: 'metadata',
  outcome: 'an outcome',
  initiative: 'an initiative',
  measure: 'a measure',
  rules: 'metadata.rules',
};

function contextLabel(context: string): string {
  return CONTEXT_LABELS[context] ?? context;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  array: 'a list',
  object: 'a mapping of keys to values',
  record: 'a mapping of keys to values',
  boolean: 'true or false',
};

function describeValue(node: PNode | null | undefined): string {
  if (!node) return 'nothing';
  if (node.kind === 'map') return 'a mapping';
  if (node.kind === 'seq') return 'a list';
  if (node.value === null) return 'empty';
  if (typeof node.value === 'number') return Number.isInteger(node.value) ? 'a whole number' : 'a number';
  if (typeof node.value === 'boolean') return `${node.value}`;
  return 'text';
}

function invalidType(issue: core.$ZodIssueInvalidType, path: Path, scope: Scope, root: PNode): Problem {
  const { node } = nodeAtPath(root, path);
  const field = fieldName(path);
  const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
  const last = path[path.length - 1];
  const parent = nodeAtPath(root, path.slice(0, -1)).node;
  const missing = typeof last === 'string' && isMap(parent) && !parent.pairs.some((p) => isScalar(p.key) && String(p.key.value) === last);
  if (missing) {
    const owner = contextLabel(objectContext(path.slice(0, -1), scope));
    const anchor = idNode(root, path.slice(0, -1)) ?? nodeAtPath(root, path.slice(0, -1)).pair?.key ?? root;
    const placeholder = PLACEHOLDERS[field] ?? '';
    return {
      rule: 'schema',
      start: anchor.start,
      end: anchor.end,
      message: `Missing required key "${field}" in ${owner}: add ${field}: followed by ${expected}.`,
      data: { kind: 'add-field', field, placeholder },
    };
  }
  if (node && isScalar(node) && node.value === null) {
    return at(root, path, 'value', `"${field}" has no value: give it ${expected}.`);
  }
  if (issue.expected === 'int' && node && isScalar(node) && typeof node.value === 'number') {
    return at(root, path, 'value', `"${field}" must be ${expected}, such as ${Math.round(node.value)}.`);
  }
  if (path.length === 0 && scope !== 'root') {
    // The item itself: a list entry written as a bare value ("- 42") instead of keys.
    return at(
      root,
      path,
      'value',
      `Each entry of ${scope}s must be ${expected} (id:, title:, …), not ${describeValue(node)}: write the entry's keys on the lines under "- ".`,
    );
  }
  const hint = AMOUNT_FIELDS.has(field) ? ' ' + AMOUNT_HELP : field === 'outcomes' ? ' ' + LINKS_HELP : '';
  return at(root, path, 'value', `"${field}" must be ${expected}, not ${describeValue(node)}.${hint}`);
}

/** The `id` scalar of the item (or measure) at `path`, where item-level problems are reported. */
function idNode(root: PNode, path: Path): PNode | undefined {
  const { node } = nodeAtPath(root, path);
  if (!isMap(node)) return undefined;
  const pair =
    node.pairs.find((p) => isScalar(p.key) && p.key.value === 'id') ?? node.pairs.find((p) => isScalar(p.key) && p.key.value === 'metric');
  return pair?.value ?? pair?.key ?? node.pairs[0]?.key;
}

function invalidValue(values: readonly unknown[], path: Path, root: PNode): Problem {
  const { node } = nodeAtPath(root, path);
  const field = fieldName(path);
  const allowed = values.map(String);
  const given = isScalar(node) && node.value !== null ? String(node.value) : undefined;
  if (allowed.length === 1) {
    const problem = at(root, path, 'value', `"${field}" must be ${allowed[0]}.`);
    if (given !== undefined) problem.data = { kind: 'replace', text: allowed[0]! };
    return problem;
  }
  const suggestion = given === undefined || given.length > 200 ? undefined : closest(given, allowed);
  const what = fieldName(path.slice(0, -1)) === 'rules' ? `severity for ${field}` : field;
  const head = given === undefined ? `"${field}" has no value` : `"${shown(given)}" is not a valid ${what}`;
  const problem = at(root, path, 'value', `${head}: use ${listWords(allowed)}.${suggestion ? ` Did you mean "${suggestion}"?` : ''}`);
  if (suggestion) problem.data = { kind: 'replace', text: suggestion };
  return problem;
}

function invalidKeyMessage(path: Path, scope: Scope): string {
  const key = String(path[path.length - 1]);
  const parent = fieldName(path.slice(0, -1));
  if (parent === 'rates') return `"${key}" is not a currency code: rates are keyed by ISO 4217 codes in capitals, such as USD.`;
  if (parent === 'outcomes' && scope === 'initiative') return `"${key}" is not a valid outcome id. ${ID_HELP}`;
  return `"${key}" is not a valid key here.`;
}

function formatProblem(root: PNode, path: Path, scope: Scope): Problem {
  const field = fieldName(path);
  const parent = fieldName(path.slice(0, -1));
  if (AMOUNT_FIELDS.has(field) || field === 'capex' || field === 'opex') {
    const { node } = nodeAtPath(root, path);
    const written = isScalar(node) && typeof node.value === 'string' ? node.value : '';
    const { message, fix } = amountAdvice(written, field);
    const problem = at(root, path, 'value', message);
    if (fix !== undefined) problem.data = { kind: 'replace', text: fix };
    return problem;
  }
  if (DATE_FIELDS.has(field)) return at(root, path, 'value', `"${field}" must be a real date written YYYY-MM-DD, such as 2027-03-31.`);
  if (field === 'currency') return currencyProblem(root, path);
  if (parent === 'outcomes' && scope === 'initiative')
    return at(root, path, 'value', 'Invalid weight: write a percentage such as 60%, or a fraction such as 0.6.');
  return at(root, path, 'value', `"${field}" is not a valid id. ${ID_HELP}`);
}

/** A currency code that is not three capitals, quoted, with the closest real code when one is near. */
function currencyProblem(root: PNode, path: Path): Problem {
  const { node } = nodeAtPath(root, path);
  const given = isScalar(node) && node.value !== null ? String(node.value) : '';
  const suggestion = given.length > 0 && given.length <= 20 ? closest(given, suggestCurrencyOrder()) : undefined;
  const tail = suggestion ? `: did you mean ${suggestion}?` : ': use a code in capitals, such as EUR or USD.';
  const problem = at(root, path, 'value', `"${shown(given)}" is not an ISO 4217 currency code${tail}`);
  if (suggestion) problem.data = { kind: 'replace', text: suggestion };
  return problem;
}

/** Says what is wrong with an amount as written, and the corrected text where it is certain. */
export function amountAdvice(written: string, field: string): { message: string; fix?: string } {
  const text = written.trim();
  const suffix = /^\d+(?:\.\d+)?([a-zA-Z]+)(?: [A-Za-z]{3})?$/.exec(text)?.[1];
  if (suffix && !['k', 'M', 'B'].includes(suffix)) {
    const upper = suffix === 'K' ? 'k' : suffix === 'b' ? 'B' : undefined;
    const hint = suffix === 'm' ? ' ("m" is ambiguous: write M for million, or k for thousand)' : '';
    return {
      message: `Unknown suffix "${suffix}" in "${text}"${hint}: use k (thousand), M (million) or B (billion), such as 1.2M or 900k.`,
      ...(upper ? { fix: text.replace(suffix, upper) } : {}),
    };
  }
  if (/^\d{1,3}(,\d{3})+(\.\d+)?/.test(text)) {
    return { message: `Write "${field}" without thousands separators: 1200000 or 1.2M.`, fix: text.replace(/,/g, '') };
  }
  const lowerCode = /^(\d+(?:\.\d+)?[kMB]?) ([a-z]{3})$/.exec(text);
  if (lowerCode) return { message: 'Currency codes are written in capitals.', fix: `${lowerCode[1]} ${lowerCode[2]!.toUpperCase()}` };
  if (/^[€$£¥]/.test(text)) return { message: `Write the ISO 4217 code after the amount instead of a symbol, such as "1.2M USD".` };
  if (text.startsWith('-')) return { message: `"${field}" cannot be negative.` };
  return { message: `Invalid amount "${text}" for "${field}". ${AMOUNT_HELP}` };
}

function rangeMessage(issue: core.$ZodIssueTooSmall | core.$ZodIssueTooBig, path: Path): string {
  const field = fieldName(path);
  const parent = fieldName(path.slice(0, -1));
  if (parent === 'outcomes') return `A weight is a fraction between 0 and 1, such as 0.6, or a percentage such as 60%.`;
  if (parent === 'rates') return `An exchange rate must be above 0.`;
  if (AMOUNT_FIELDS.has(field) || field === 'capex' || field === 'opex') return `"${field}" cannot be negative.`;
  const bound = issue.code === 'too_small' ? `at least ${String(issue.minimum)}` : `at most ${String(issue.maximum)}`;
  return `"${field}" must be ${bound}.`;
}

/** File text quoted in a message: long text is cut, so a message stays readable. */
export function shown(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** The last key of a path ("cost"), or the key before an index ("dependsOn"). */
function fieldName(path: Path): string {
  for (let i = path.length - 1; i >= 0; i--) {
    if (typeof path[i] === 'string') return path[i] as string;
  }
  return 'value';
}

/** A problem at the node a path leads to: its value, or its key when the value is empty. */
function at(root: PNode, path: Path, prefer: 'value' | 'key', message: string): Problem {
  const { node, pair } = nodeAtPath(root, path);
  let target: PNode | null | undefined = prefer === 'key' ? (pair?.key ?? node) : node;
  if (target && isScalar(target) && target.value === null && target.end === target.start) target = pair?.key ?? target;
  const place = target ?? pair?.key ?? root;
  return { rule: 'schema', start: place.start, end: Math.max(place.end, place.start), message };
}
