// Completion of outcome ids in `outcomes`, initiative ids in `dependsOn`, catalog services,
// enum values and keys. The context is read from the text around the cursor, so that it works
// while the line is still half typed and the YAML does not parse.
import type { Position, Range } from '../syntax/lineIndex';
import { COMMON_CURRENCIES, currencyCodes } from '../model/money';
import { ruleIds } from '../check/ruleIds';
import {
  API_VERSION,
  categories,
  InitiativeSchema,
  initiativeTypes,
  measureKinds,
  MeasureSchema,
  MetadataSchema,
  outcomeKinds,
  OutcomeSchema,
  relationshipModels,
  severities,
  statuses,
} from '../model/schema';
import type { Analysis } from '../check/workspace';

export type CompletionKind = 'outcome' | 'initiative' | 'service' | 'value' | 'key';

export interface CompletionItem {
  label: string;
  kind: CompletionKind;
  detail?: string;
  documentation?: string;
  insertText?: string;
  sortText?: string;
}

export interface CompletionResult {
  items: CompletionItem[];
  /** The partial word that the chosen item replaces. */
  range: Range;
}

const ID_CHAR = /[A-Za-z0-9._-]/;

interface LineInfo {
  indent: number;
  /** The line's content after its indentation and any "- " item marker. */
  content: string;
  item: boolean;
  blank: boolean;
}

function lineInfo(line: string): LineInfo {
  const indent = line.length - line.trimStart().length;
  let content = line.slice(indent);
  const item = content === '-' || content.startsWith('- ');
  if (item) content = content.slice(1).trimStart();
  const blank = (content === '' && !item) || content.startsWith('#');
  return { indent, content, item, blank };
}

const KEY_LINE = /^([A-Za-z_][A-Za-z0-9_-]*)\s*:(?:\s|$)/;

/** Keys of the enclosing mappings, innermost first: ['measures', 'outcomes'] inside a measure. */
export function ancestors(lines: string[], line: number): string[] {
  const current = lineInfo(lines[line] ?? '');
  let indent = current.indent;
  let afterItem = current.item;
  const chain: string[] = [];
  for (let i = line - 1; i >= 0; i--) {
    const info = lineInfo(lines[i]!);
    if (info.blank) continue;
    const key = KEY_LINE.exec(info.content)?.[1];
    const parent = info.indent < indent || (afterItem && info.indent === indent && !info.item);
    if (!parent) continue;
    if (info.item) {
      indent = info.indent;
      afterItem = true;
      continue;
    }
    if (key) chain.push(key);
    indent = info.indent;
    afterItem = false;
    if (indent === 0) break;
  }
  return chain;
}

function wordRange(lineText: string, line: number, character: number): Range {
  let start = character;
  while (start > 0 && ID_CHAR.test(lineText[start - 1]!)) start--;
  let end = character;
  while (end < lineText.length && ID_CHAR.test(lineText[end]!)) end++;
  return { start: { line, character: start }, end: { line, character: end } };
}

export function completion(analysis: Analysis, path: string, position: Position): CompletionResult | undefined {
  const file = analysis.files.find((f) => f.path === path);
  if (!file) return undefined;
  const lines = file.text.split('\n').map((l) => l.replace(/\r$/, ''));
  const lineText = lines[position.line] ?? '';
  const before = lineText.slice(0, position.character);
  const range = wordRange(lineText, position.line, position.character);
  const info = lineInfo(before);
  const chain = ancestors(lines, position.line);
  const inline = KEY_LINE.exec(info.content);
  if (inline) {
    const key = inline[1]!;
    const value = info.content.slice(inline[0].length);
    if (/#/.test(value)) return undefined;
    const inFlowMapKey = value.trimStart().startsWith('{') && /[{,]\s*[A-Za-z0-9._-]*$/.test(value);
    return { items: valuesFor(analysis, path, key, chain, inFlowMapKey ? 'map-key' : 'value'), range };
  }
  const parent = chain[0];
  if (info.item && parent) return { items: valuesFor(analysis, path, parent, chain.slice(1), 'value'), range };
  if (parent === 'outcomes' && chain[1] === 'initiatives')
    return { items: valuesFor(analysis, path, 'outcomes', chain.slice(1), 'map-key'), range };
  return { items: keysFor(chain, info.item, lines, position.line), range };
}

function valuesFor(analysis: Analysis, path: string, key: string, chain: string[], where: 'value' | 'map-key'): CompletionItem[] {
  const scope = chain[0];
  const values = (list: readonly string[], detail?: string) =>
    list.map((label) => ({ label, kind: 'value' as const, ...(detail ? { detail } : {}) }));
  if (key === 'outcomes' && scope === 'initiatives') return outcomeIds(analysis);
  if (key === 'dependsOn') return initiativeIds(analysis, path);
  if (key === 'service') return services(analysis);
  if (where === 'map-key') return [];
  switch (key) {
    case 'category':
      return values(categories);
    case 'type':
      return values(initiativeTypes);
    case 'status':
      return values(statuses);
    case 'relationshipModel':
      return values(relationshipModels, 'business/IT relationship model');
    case 'currency':
      return [
        ...values(COMMON_CURRENCIES, 'ISO 4217'),
        ...values(
          currencyCodes().filter((c) => !COMMON_CURRENCIES.includes(c)),
          'ISO 4217',
        ).map((i) => ({ ...i, sortText: `z${i.label}` })),
      ];
    case 'apiVersion':
      return values([API_VERSION]);
    case 'kind':
      return scope === 'measures' ? values(measureKinds) : scope === 'outcomes' ? values(outcomeKinds) : values(['Portfolio']);
    default:
      return scope === 'rules' ? values(severities) : [];
  }
}

function outcomeIds(analysis: Analysis): CompletionItem[] {
  return [...analysis.index.outcomes].map(([id, definition]) => {
    const model = definition.item.model;
    const spend = analysis.ledger.byOutcome.get(id)?.spend ?? 0;
    return {
      label: id,
      kind: 'outcome' as const,
      ...(model.title ? { detail: model.title } : {}),
      documentation: [model.kind, model.capability ? `capability ${model.capability}` : '', model.owner ? `owner ${model.owner}` : '']
        .filter(Boolean)
        .join(' · '),
      // Outcomes with more linked spend first: the likely ones for a new initiative.
      sortText: String(1e15 - spend).padStart(16, '0'),
    };
  });
}

function initiativeIds(analysis: Analysis, path: string): CompletionItem[] {
  return [...analysis.index.initiatives].map(([id, definition]) => ({
    label: id,
    kind: 'initiative' as const,
    ...(definition.item.model.title ? { detail: definition.item.model.title } : {}),
    sortText: `${definition.file.path === path ? 0 : 1}${id}`,
  }));
}

function services(analysis: Analysis): CompletionItem[] {
  const seen = new Set<string>();
  for (const file of analysis.files) for (const item of file.metadata?.model.catalog ?? []) seen.add(item.value);
  return [...seen].map((label) => ({ label, kind: 'service' as const, detail: 'from metadata.catalog' }));
}

const KEYS: Record<string, readonly string[]> = {
  '': ['apiVersion', 'kind', 'metadata', 'outcomes', 'initiatives'],
  metadata: Object.keys(MetadataSchema.shape),
  outcomes: Object.keys(OutcomeSchema.shape),
  initiatives: Object.keys(InitiativeSchema.shape),
  measures: Object.keys(MeasureSchema.shape),
  rules: ruleIds,
};

/** Keys of the mapping at the cursor that it does not have yet. */
function keysFor(chain: string[], isItem: boolean, lines: string[], line: number): CompletionItem[] {
  const scope = chain[0] ?? '';
  const known = KEYS[scope];
  if (!known || (scope === 'outcomes' && chain[1] === 'initiatives')) return [];
  const present = siblingKeys(lines, line, isItem);
  const listKeys = new Set(['outcomes', 'initiatives', 'measures', 'dependsOn', 'catalog']);
  return known
    .filter((key) => !present.has(key))
    .map((key, index) => ({
      label: key,
      kind: 'key' as const,
      insertText: scope === 'rules' ? `${key}: ` : listKeys.has(key) && scope === '' ? `${key}:\n  - ` : `${key}: `,
      sortText: String(index).padStart(3, '0'),
    }));
}

/** Keys already written in the mapping that holds the cursor's line. */
function siblingKeys(lines: string[], line: number, isItem: boolean): Set<string> {
  const own = lineInfo(lines[line] ?? '');
  const column = isItem ? own.indent + 2 : own.indent;
  const keys = new Set<string>();
  const scan = (from: number, step: number) => {
    for (let i = from; i >= 0 && i < lines.length; i += step) {
      const info = lineInfo(lines[i]!);
      if (info.blank) continue;
      const keyColumn = info.item ? info.indent + 2 : info.indent;
      if (keyColumn < column) break;
      if (keyColumn === column) {
        // An item marker starts the mapping (going up) or the next one (going down).
        if (info.item && step > 0) break;
        const key = KEY_LINE.exec(info.content)?.[1];
        if (key) keys.add(key);
        if (info.item) break;
      }
    }
  };
  // An item line starts its mapping: nothing above belongs to it.
  if (!isItem) scan(line - 1, -1);
  scan(line + 1, 1);
  return keys;
}
