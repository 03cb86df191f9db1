// The import's pure core: cells to exact amounts and dates, rows to items with every rejected row
// reported, the YAML it writes (reads back exactly, passes check), --guess-map and --update merges.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { parse } from 'yaml';
import { convertAmount, convertDate, convertEnum, slugId } from '../../src/core/import/convert';
import { guessMap, guessMapYaml } from '../../src/core/import/guess';
import { importMapJsonSchema } from '../../src/core/import/jsonSchema';
import { parseImportMap } from '../../src/core/import/loadMap';
import { importTables, MapError, type Table } from '../../src/core/import/mapRows';
import type { ImportMap } from '../../src/core/import/mapSchema';
import { mergeIntoPortfolio, newPortfolioYaml } from '../../src/core/import/write';
import { check, diagnostics, REPO_ROOT, yaml } from './helpers';

fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20261201) });

const amount = (cell: string, options: Parameters<typeof convertAmount>[1] = {}) => {
  const result = convertAmount(cell, options);
  return 'value' in result ? result.value : { why: result.why };
};

function mapOf(text: string): ImportMap {
  const parsed = parseImportMap(text);
  if ('errors' in parsed) throw new Error(parsed.errors.join('; '));
  return parsed.map;
}

const MAP = mapOf(yaml`
  apiVersion: portfolio-import/v1
  metadata: { name: Test, currency: USD }
  initiatives:
    id: { template: "p-{Project ID}" }
    title: Project Name
    owner: Agency
    cost: { column: "Cost ($ M)", scale: 1000000 }
    start: Start
    end: { column: End, format: DD/MM/YYYY }
    outcomes: { column: Goals, separator: ";" }
    category: { column: Kind, values: { "O&M": run, "DME": grow } }
    status: { value: approved }
`);
const HEADER = ['Project ID', 'Project Name', 'Agency', 'Cost ($ M)', 'Start', 'End', 'Goals', 'Kind'];
const table = (...rows: string[][]): Table => ({ name: 'p.csv', rows: [HEADER, ...rows] });

/** The findings check makes of its own on a file the import wrote: must be none. */
function formatFindings(text: string): string[] {
  return diagnostics(check(text))
    .filter((d) => d.code === 'yaml-syntax' || d.code === 'schema')
    .map((d) => d.message);
}

describe('import: cells', () => {
  it('reads amounts exactly, whatever way the sheet writes them', () => {
    assert.deepEqual(amount('2.0E-6', { scale: 1_000_000, fileCurrency: 'USD' }), { decimal: '2' });
    assert.deepEqual(amount('0.0000020000000000000002', { scale: 1_000_000, fileCurrency: 'USD' }), { decimal: '2' });
    assert.deepEqual(amount('1,234.56'), { decimal: '1234.56' });
    assert.deepEqual(amount('1.2M USD', { fileCurrency: 'USD' }), { decimal: '1200000' });
    assert.deepEqual(amount('1.2M USD', { fileCurrency: 'EUR' }), { decimal: '1200000', currency: 'USD' });
    assert.deepEqual(amount('USD 900k', { fileCurrency: 'USD' }), { decimal: '900000' });
    assert.deepEqual(amount('€ 1.5 million'), { decimal: '1500000', currency: 'EUR' });
    assert.deepEqual(amount('$1,000', { fileCurrency: 'USD' }), { decimal: '1000' });
    assert.deepEqual(amount('0.1', { scale: 3 }), { decimal: '0.3' });
    assert.deepEqual(amount('12.345'), { decimal: '12.35' });
    assert.deepEqual(amount('1500', { fileCurrency: 'JPY' }), { decimal: '1500' });
  });

  it('rejects negative, unknown and ambiguous amounts with a reason', () => {
    assert.match((amount('(1,234.56)') as { why: string }).why, /negative/);
    assert.match((amount('-5') as { why: string }).why, /negative/);
    assert.match((amount('1,5') as { why: string }).why, /decimal point/);
    assert.match((amount('12 zillion') as { why: string }).why, /unknown unit "zillion"/);
    assert.match((amount('12 ABC') as { why: string }).why, /unknown currency "ABC"/);
    assert.match((amount('n/a') as { why: string }).why, /not an amount/);
    assert.match((amount('1.2M USD', { currency: 'EUR' }) as { why: string }).why, /says USD but the map says/);
    assert.match((amount('99999999999999999') as { why: string }).why, /too large/);
  });

  it('reads ISO dates and date-times (keeping the date) and dates in a given format', () => {
    assert.deepEqual(convertDate('2012-03-01'), { value: '2012-03-01' });
    assert.deepEqual(convertDate('2012-03-01T23:30:00Z'), { value: '2012-03-01' });
    assert.deepEqual(convertDate('2012-03-01 10:00'), { value: '2012-03-01' });
    assert.deepEqual(convertDate('01/02/2012', 'DD/MM/YYYY'), { value: '2012-02-01' });
    assert.deepEqual(convertDate('1/2/2012', 'MM/DD/YYYY'), { value: '2012-01-02' });
    assert.deepEqual(convertDate('31.12.2012 08:15', 'DD.MM.YYYY'), { value: '2012-12-31' });
    assert.match((convertDate('01/02/2012') as { why: string }).why, /format: DD\/MM\/YYYY/);
    assert.match((convertDate('2012-02-30') as { why: string }).why, /no such day/);
    assert.match((convertDate('31/02/2012', 'DD/MM/YYYY') as { why: string }).why, /no such day/);
  });

  it('makes ids valid and matches enum words as spreadsheets write them', () => {
    assert.equal(slugId('Projet Étoile #12'), 'projet-etoile-12');
    assert.equal(slugId('--A/B  C--'), 'a-b-c');
    assert.deepEqual(convertEnum('In Progress', ['proposed', 'in-progress'], 'status'), { value: 'in-progress' });
    assert.match((convertEnum('Zzz', ['run', 'grow'], 'category') as { why: string }).why, /unknown category value: use run, grow/);
  });
});

describe('import: rows', () => {
  it('imports each row, leaves empty cells out, and reports every rejected row with row, column, value and why', () => {
    const result = importTables(
      MAP,
      table(
        ['1', 'Payroll', 'Dept A', '2.0E-6', '2012-03-01T10:00:00', '01/02/2013', 'g1; G 2', 'O&M'],
        ['2', 'No cost yet', '', '', '', '', '', ''],
        ['', '', '', '', '', '', '', ''],
        ['3', 'Negative', '', '(1,234.56)', '', '', '', ''],
        ['', 'No id', '', '', '', '', '', ''],
        ['1', 'Clash', '', '', '', '', '', ''],
        ['6', 'Bad', '', '', '2012-02-30', '', '', 'Zzz'],
      ),
    );
    assert.deepEqual(
      result.initiatives.items.map((i) => i.item),
      [
        {
          id: 'p-1',
          title: 'Payroll',
          category: 'run',
          outcomes: ['g1', 'g-2'],
          cost: 2,
          owner: 'Dept A',
          status: 'approved',
          start: '2012-03-01',
          end: '2013-02-01',
        },
        { id: 'p-2', title: 'No cost yet', status: 'approved' },
      ],
    );
    assert.equal(result.initiatives.emptyRows, 1);
    const rejected = result.initiatives.rejected.map((r) => [r.row, r.column, r.value, r.why.split(':')[0]]);
    assert.deepEqual(rejected, [
      [5, 'Cost ($ M)', '(1,234.56)', 'bad cost'],
      [6, 'Project ID', '', 'missing id'],
      [7, 'Project ID', 'p-1', 'id clash'],
      [8, 'Kind', 'Zzz', 'bad category'],
      [8, 'Start', '2012-02-30', 'bad start'],
    ]);
    assert.match(result.initiatives.rejected[2]!.why, /already the id of row 2/);
  });

  it('refuses a map that names a column the sheet does not have, with the closest name', () => {
    const map = mapOf(yaml`
      apiVersion: portfolio-import/v1
      initiatives: { id: Project ID, title: Project Nme }
    `);
    assert.throws(
      () => importTables(map, table()),
      (e: Error) => e instanceof MapError && /"Project Nme".*did you mean "Project Name"/.test(e.message),
    );
  });

  it('checks the map itself against its schema', () => {
    const bad = parseImportMap('apiVersion: portfolio-import/v1\ninitiatives: { id: A, titel: B }\n');
    assert.ok('errors' in bad);
    assert.match(bad.errors.join(' '), /initiatives/);
    assert.ok('errors' in parseImportMap('apiVersion: portfolio-import/v1\ninitiatives: { id: A, title: { column: B, scale: -1 } }\n'));
  });

  it('writes text that reads back exactly and a file check finds nothing to say about its form', () => {
    const texts = [
      'a: b',
      '# not a comment',
      '- leading dash',
      'R&amp;D',
      'line one\nline two',
      'trailing \n\n',
      '"quoted" \'single\'',
      'true',
      '123',
      '2012-01-01',
      'null',
      '~',
      '@x',
      '`x',
      'é 💥 \u2028',
      ' padded ',
      '{a}',
      '[b]',
      '*alias',
      '&anchor',
      '!tag',
      '%',
      '|',
      '>',
      'tab\there',
      '\r\nwindows',
    ];
    const titles = fc.sample(
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 }).filter((s) => s.trim() !== ''),
      200,
    );
    const rows = [...texts, ...titles].map((title, i) => [String(i + 1), title, title, '', '', '', '', '']);
    const result = importTables(MAP, table(...rows));
    assert.equal(result.initiatives.rejected.length, 0);
    const text = newPortfolioYaml(result, { fallbackName: 'x' });
    const back = parse(text) as { initiatives: Array<{ title: string; owner: string }> };
    assert.deepEqual(
      back.initiatives.map((i) => i.title),
      [...texts, ...titles],
    );
    assert.deepEqual(
      back.initiatives.map((i) => i.owner),
      [...texts, ...titles],
    );
    assert.deepEqual(formatFindings(text), []);
  });

  it('writes any text, made of the pieces YAML gives a meaning to, so that it reads back exactly', () => {
    const piece = fc.constantFrom(
      ' ',
      '  ',
      '\n',
      '\r\n',
      '\t',
      ':',
      ': ',
      '- ',
      '-',
      '#',
      ' #',
      '[',
      ']',
      '{',
      '}',
      ',',
      '"',
      "'",
      '&a',
      '*a',
      '!',
      '|',
      '>',
      '?',
      '%',
      '@',
      '`',
      '---',
      '...',
      '\\',
      '0',
      '1.5',
      '1e3',
      '0x1F',
      'true',
      'null',
      '~',
      'a',
      'é',
      '💥',
      '\u2028',
      '\u0007',
      '\ufeff',
    );
    const title = fc
      .array(piece, { minLength: 1, maxLength: 8 })
      .map((parts) => parts.join(''))
      .filter((t) => t.trim() !== '');
    fc.assert(
      fc.property(fc.array(title, { minLength: 1, maxLength: 5 }), (titles) => {
        const result = importTables(MAP, table(...titles.map((t, i) => [String(i + 1), t, t, '', '', '', '', ''])));
        const back = parse(newPortfolioYaml(result, { fallbackName: 'x' })) as { initiatives: Array<{ title: string; owner: string }> };
        assert.deepEqual(
          back.initiatives.map((i) => [i.title, i.owner]),
          titles.map((t) => [t, t]),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('gives byte-identical text for the same input', () => {
    const rows = [['1', 'A', 'x', '1.5', '2012-01-01', '', 'g', 'DME']];
    const first = newPortfolioYaml(importTables(MAP, table(...rows)), { fallbackName: 'x', comment: 'c' });
    const second = newPortfolioYaml(importTables(MAP, table(...rows)), { fallbackName: 'x', comment: 'c' });
    assert.equal(first, second);
    assert.match(first, /^# c\n/);
    assert.match(first, /outcomes: \[ g \]/);
  });

  it('imports an outcomes table beside the initiatives', () => {
    const map = mapOf(yaml`
      apiVersion: portfolio-import/v1
      metadata: { name: T, currency: EUR }
      initiatives: { id: ID, title: Name, outcomes: Goal, cost: Cost }
      outcomes: { sheet: Outcomes, id: Goal ID, title: Goal, budget: Budget }
    `);
    const result = importTables(
      map,
      {
        name: 'i',
        rows: [
          ['ID', 'Name', 'Goal', 'Cost'],
          ['a', 'A', 'Cut cost', '10'],
        ],
      },
      {
        name: 'o',
        rows: [
          ['Goal ID', 'Goal', 'Budget'],
          ['Cut cost', 'Cut the cost', '1M'],
        ],
      },
    );
    const text = newPortfolioYaml(result, { fallbackName: 'x' });
    assert.deepEqual(formatFindings(text), []);
    const summary = check(text).summary;
    assert.equal(summary.alignmentScore, 1);
    assert.equal(summary.budget, undefined);
    assert.equal(summary.byOutcome[0]!.budget, 100_000_000);
  });
});

describe('import: --guess-map', () => {
  it('guesses the fields from English column names, with the scale the name gives', () => {
    const guess = guessMap([
      'Unique Investment Identifier',
      'Investment Title',
      'Agency Name',
      'Planned Cost ($ M)',
      'Projected/Actual Cost ($ M)',
      'Start Date',
      'Completion Date (B1)',
      'Goals',
      'Status',
      'Notes',
    ]);
    assert.deepEqual(guess.fields, {
      id: 'Unique Investment Identifier',
      title: 'Investment Title',
      owner: 'Agency Name',
      cost: { column: 'Planned Cost ($ M)', scale: 1_000_000 },
      actualCost: { column: 'Projected/Actual Cost ($ M)', scale: 1_000_000 },
      start: 'Start Date',
      end: 'Completion Date (B1)',
      outcomes: { column: 'Goals', separator: ';' },
      status: 'Status',
    });
    assert.equal(guess.currency, 'USD');
    assert.deepEqual(guess.unused, ['Notes']);
  });

  it('prints a map that is valid against the map schema', () => {
    const text = guessMapYaml(['Key', 'Summary', 'Assignee', 'Budget'], { name: 'jira.csv' });
    const parsed = parseImportMap(text);
    assert.ok('map' in parsed, JSON.stringify(parsed));
    assert.equal(parsed.map.initiatives.id, 'Key');
    assert.equal(parsed.map.initiatives.title, 'Summary');
  });
});

describe('import: --update', () => {
  const existing = yaml`
    # The federal projects, kept in step with the finance sheet.
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata:
      name: Test
      currency: USD
    initiatives:
      - id: p-1        # the payroll system
        title: Payroll
        cost: 1.2M     # from finance
        outcomes: { g1: 60%, g2: 40% }
        owner: Old owner # who runs it
        description: Written by hand.

      - id: p-2
        outcomes: [hand-linked]
        title: Old title

      - id: p-9
        title: Gone from the sheet
  `;
  const map = mapOf(yaml`
    apiVersion: portfolio-import/v1
    initiatives: { id: { template: "p-{ID}" }, title: Name, owner: Owner, cost: Cost }
  `);
  const sheet = (...rows: string[][]): Table => ({ name: 's.csv', rows: [['ID', 'Name', 'Owner', 'Cost'], ...rows] });

  it('updates mapped fields in place, adds new rows, keeps comments, key order and hand-written fields', () => {
    const result = importTables(
      map,
      sheet(['1', 'Payroll', 'New owner', '1200000'], ['2', 'New title', '', '5'], ['3', 'Brand new', 'X', '']),
    );
    const merged = mergeIntoPortfolio(existing, result, { prune: false, rejectedIds: new Set() });
    assert.equal(
      merged.text,
      yaml`
      # The federal projects, kept in step with the finance sheet.
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata:
        name: Test
        currency: USD
      initiatives:
        - id: p-1 # the payroll system
          title: Payroll
          cost: 1.2M # from finance
          outcomes: { g1: 60%, g2: 40% }
          owner: New owner # who runs it
          description: Written by hand.

        - id: p-2
          outcomes: [ hand-linked ]
          title: New title
          cost: 5

        - id: p-9
          title: Gone from the sheet

        - id: p-3
          title: Brand new
          owner: X
    `,
    );
    assert.deepEqual(merged.initiatives.updated, ['p-1', 'p-2']);
    assert.deepEqual(merged.initiatives.added, ['p-3']);
    assert.deepEqual(merged.initiatives.missing, ['p-9']);
  });

  it('deletes items the sheet no longer has only with prune, and keeps items whose row was rejected', () => {
    const result = importTables(map, sheet(['1', 'Payroll', 'Old owner', '(5)']));
    const kept = mergeIntoPortfolio(existing, result, { prune: true, rejectedIds: new Set(result.initiatives.rejected.map((r) => r.id!)) });
    assert.deepEqual(kept.initiatives.missing, ['p-2', 'p-9']);
    const back = parse(kept.text) as { initiatives: Array<{ id: string; cost: string }> };
    assert.deepEqual(
      back.initiatives.map((i) => i.id),
      ['p-1'],
    );
    assert.equal(back.initiatives[0]!.cost, '1.2M');
  });

  it('refuses a file that is not valid YAML, saying which line', () => {
    assert.throws(
      () => mergeIntoPortfolio('a: [\n', importTables(map, sheet()), { prune: false, rejectedIds: new Set() }),
      /not valid YAML.*line/,
    );
  });
});

describe('schemas/portfolio-import.schema.json', () => {
  it('is what the zod schema generates (run npm run schema when this fails)', () => {
    const committed = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas/portfolio-import.schema.json'), 'utf8'));
    assert.deepEqual(
      committed,
      JSON.parse(JSON.stringify(importMapJsonSchema())),
      'schemas/portfolio-import.schema.json is stale: run npm run schema and commit the result',
    );
  });

  it('is contributed to Red Hat YAML for *.map.yaml', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
    const entry = manifest.contributes.yamlValidation.find((v: { url: string }) => v.url === './schemas/portfolio-import.schema.json');
    assert.ok(entry?.fileMatch.includes('*.map.yaml'));
  });
});
