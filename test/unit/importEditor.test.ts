// The pure parts of the editor's Import from Spreadsheet: where a rejected row's problem goes in
// the map (src/core/import/mapLocations.ts), and the Excel export's sheets with the report's paths.
import * as assert from 'node:assert/strict';
import { mapLocations, rejectionField, rejectionRange } from '../../src/core/import/mapLocations';
import { importTables, type Table } from '../../src/core/import/mapRows';
import { parseImportMap } from '../../src/core/import/loadMap';
import { exportSheets } from '../../src/webview/summary/exporter';
import { check, yaml } from './helpers';

const MAP_TEXT = yaml`
  # a comment first
  apiVersion: portfolio-import/v1
  initiatives:
    id: { template: "p-{Project ID}" }
    title: Project Name
    cost:
      column: Cost
      scale: 1000
  outcomes:
    file: goals.csv
    id: Goal ID
    title: Goal
`;

describe('import map locations (editor diagnostics)', () => {
  it('finds each field key of initiatives and outcomes, zero-based', () => {
    const at = mapLocations(MAP_TEXT);
    assert.deepEqual(at.initiatives.cost, { line: 5, start: 2, end: 6 });
    assert.deepEqual(at.initiatives.id, { line: 3, start: 2, end: 4 });
    assert.deepEqual(at.initiatives[''], { line: 2, start: 0, end: 11 });
    assert.deepEqual(at.outcomes.title, { line: 11, start: 2, end: 7 });
  });

  it('puts each rejection of a real import on the line of its field', () => {
    const parsed = parseImportMap(MAP_TEXT);
    assert.ok('map' in parsed);
    const table: Table = {
      name: 'p.csv',
      rows: [
        ['Project ID', 'Project Name', 'Cost'],
        ['1', 'A', 'lots'],
        ['2', '', '5'],
        ['1', 'C', '5'],
      ],
    };
    const result = importTables(parsed.map, table);
    const lines = result.initiatives.rejected.map((r) => [
      rejectionField(r),
      rejectionRange(mapLocations(MAP_TEXT), 'initiatives', r).line,
    ]);
    // Row 2's cost, row 3's missing title; row 4 clashes with no one (row 2 was rejected), so it is imported.
    assert.deepEqual(lines, [
      ['cost', 5],
      ['title', 4],
    ]);
  });

  it('falls back to the table key, then the first line, for text that is not a map', () => {
    const rejection = { table: 't', row: 2, why: 'something else' };
    assert.deepEqual(rejectionRange(mapLocations(MAP_TEXT), 'initiatives', rejection), { line: 2, start: 0, end: 11 });
    assert.deepEqual(rejectionRange(mapLocations('[: not yaml'), 'outcomes', rejection), { line: 0, start: 0, end: 0 });
    assert.equal(rejectionField({ ...rejection, why: 'id clash: "a" is already...' }), 'id');
  });
});

describe('Excel export sheets', () => {
  it('are report --format xlsx sheets with paths as the report shows them', () => {
    const summary = check({
      'a.portfolio.yaml': yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      outcomes: [{ id: o, title: O }]
      initiatives:
        - { id: i, title: I, cost: 5, outcomes: [o] }
        - { id: j, title: J, cost: 7 }
    `,
    }).summary;
    const sheets = exportSheets(summary, { displayPath: (p) => `shown/${p}` });
    assert.deepEqual(
      sheets.map((s) => s.name),
      ['Summary', 'Initiatives', 'Outcomes', 'Unlinked', 'Capabilities'],
    );
    const paths = (name: string, column: number) =>
      sheets
        .find((s) => s.name === name)!
        .rows.slice(1)
        .map((r) => r[column]);
    assert.deepEqual(paths('Initiatives', 9), ['shown/a.portfolio.yaml', 'shown/a.portfolio.yaml']);
    assert.deepEqual(paths('Outcomes', 11), ['shown/a.portfolio.yaml']);
    assert.deepEqual(paths('Unlinked', 7), ['shown/a.portfolio.yaml']);
  });
});
