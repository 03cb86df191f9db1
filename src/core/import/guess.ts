// --guess-map: a map guessed from the header row, by the words column names tend to use (English),
// written as YAML with comments, to be checked, edited and reused.
import { Document, type YAMLMap } from 'yaml';
import type { FieldMapping } from './mapSchema';
import { IMPORT_API_VERSION, INITIATIVE_FIELDS } from './mapSchema';

/** Header patterns per field, most specific first; the first column that matches wins. */
const PATTERNS: Array<[string, RegExp]> = [
  [
    'id',
    /^(?:(?:project|initiative|investment|item|issue|work ?item)[ _-]*)?(?:id|key|code|no\.?|number|#|identifier)$|unique.*identifier/i,
  ],
  ['title', /^(?:(?:project|initiative|investment|item)[ _-]*)?(?:name|title)$|^summary$|investment title/i],
  ['description', /description|details|summary|scope/i],
  ['actualCost', /actual|spent|projected|to date/i],
  ['cost', /cost|budget|estimate|amount|funding|value/i],
  ['start', /start|begin/i],
  ['end', /\bend\b|finish|due|completion|deadline|go[ -]?live/i],
  ['status', /status|state|phase/i],
  ['category', /category|run.?grow|portfolio class/i],
  ['type', /^type$|kind|investment type|project type/i],
  ['priority', /priority|rank/i],
  ['outcomes', /outcome|goal|objective|okr|benefit/i],
  ['dependsOn', /depends|dependenc|predecessor|blocked by/i],
  ['service', /service|product|application/i],
  ['owner', /owner|manager|agency|department|sponsor|responsible|assignee|lead|team/i],
];

/** "Cost ($ M)" → 1000000: the unit a column's name gives its numbers. */
function scaleOf(header: string): number | undefined {
  if (/\(\s*[$€£]?\s*(?:m|mn|mm|millions?)\s*\)|in millions|\$m\b/i.test(header)) return 1_000_000;
  if (/\(\s*[$€£]?\s*(?:k|thousands?)\s*\)|in thousands|\$k\b/i.test(header)) return 1_000;
  return undefined;
}

function currencyOf(headers: string[]): string | undefined {
  const text = headers.join(' ');
  const code = /\b(USD|EUR|GBP|CHF|JPY|CAD|AUD|SEK|NOK|DKK|PLN|INR)\b/.exec(text);
  if (code) return code[1];
  if (text.includes('€')) return 'EUR';
  if (text.includes('£')) return 'GBP';
  if (text.includes('$')) return 'USD';
  return undefined;
}

export interface GuessedMap {
  fields: Record<string, FieldMapping>;
  currency?: string;
  unused: string[];
}

export function guessMap(header: string[]): GuessedMap {
  const fields: Record<string, FieldMapping> = {};
  const used = new Set<number>();
  for (const [field, pattern] of PATTERNS) {
    const index = header.findIndex((h, i) => !used.has(i) && h.trim() !== '' && pattern.test(h.trim()));
    if (index < 0) continue;
    used.add(index);
    const column = header[index]!;
    const scale = field === 'cost' || field === 'actualCost' ? scaleOf(column) : undefined;
    if (scale) fields[field] = { column, scale };
    else if (field === 'outcomes' || field === 'dependsOn') fields[field] = { column, separator: ';' };
    else fields[field] = column;
  }
  // Without an id column, ids are made from the title.
  if (!fields.id && fields.title) fields.id = fields.title;
  const currency = currencyOf(header);
  const unused = header.filter((h, i) => !used.has(i) && h.trim() !== '');
  return { fields, ...(currency ? { currency } : {}), unused };
}

/** The guessed map as YAML, with comments saying what to check. */
export function guessMapYaml(header: string[], source: { name: string; sheet?: string }): string {
  const guess = guessMap(header);
  const initiatives: Record<string, unknown> = {};
  if (source.sheet) initiatives.sheet = source.sheet;
  // In the portfolio's own key order.
  for (const field of INITIATIVE_FIELDS) if (guess.fields[field] !== undefined) initiatives[field] = guess.fields[field];
  const metadata: Record<string, unknown> = { name: source.name.replace(/\.[^.]+$/, '') };
  if (guess.currency) metadata.currency = guess.currency;
  const doc = new Document({ apiVersion: IMPORT_API_VERSION, metadata, initiatives });
  doc.commentBefore = ` Guessed by portfolio-align import --guess-map from the header row of ${source.name.replace(/\n/g, ' ')}.\n Check every line, then: portfolio-align import ${source.name.replace(/\n/g, ' ')} --map this.map.yaml\n Fields: docs/import.md`;
  const root = doc.contents as unknown as YAMLMap;
  const initiativesNode = root.get('initiatives', true) as unknown as YAMLMap;
  if (!guess.fields.id)
    initiativesNode.commentBefore = ' No id or title column was recognised: name the columns for id and title (both required).';
  if (guess.unused.length > 0) initiativesNode.comment = ` Columns not used: ${guess.unused.map((u) => u.replace(/\n/g, ' ')).join(', ')}`;
  return doc.toString({ lineWidth: 0 });
}
