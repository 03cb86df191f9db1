// portfolio-align import and report --format xlsx as a real child process, on real files the
// tests write: CSV as Excel and others export it, XLSX written by SheetJS, hostile files.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { parse } from 'yaml';
import { CLI, folder, removeFolders, run as runIn, type Run } from './cli/run';
import { REPO_ROOT } from './helpers';

/** A fresh temporary folder holding the given files; removed after the suite. */
function tempFolder(files: Record<string, string | Buffer> = {}): string {
  const dir = folder();
  for (const [name, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), content);
  return dir;
}

function run(dir: string, args: string[]): Run {
  return runIn(args, dir);
}

/** A clear one-line message, exit 2, no stack trace. */
function assertRefused(r: Run, pattern: RegExp): void {
  assert.equal(r.status, 2, r.stdout + r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^portfolio-align: /);
  assert.doesNotMatch(r.stderr, /internal error|\n\s+at /);
  assert.match(r.stderr, pattern);
}

/** check --format json on a file: its findings, asserting none is about the YAML's form. */
function checkJson(
  dir: string,
  file: string,
): { summary: { totalSpend: number; initiatives?: unknown }; files: Array<{ diagnostics: Array<{ code: string }> }> } {
  const r = run(dir, ['check', file, '--format', 'json', '--fail-on', 'never', '--today', '2027-01-01']);
  assert.equal(r.status, 0, r.stderr);
  const json = JSON.parse(r.stdout);
  const own = json.files
    .flatMap((f: { diagnostics: Array<{ code: string; message: string }> }) => f.diagnostics)
    .filter((d: { code: string }) => d.code === 'yaml-syntax' || d.code === 'schema');
  assert.deepEqual(own, []);
  return json;
}

const MAP = `apiVersion: portfolio-import/v1
metadata:
  name: US federal IT projects 2012
  currency: USD
initiatives:
  id: { template: "p-{Project ID}" }
  title: Project Name
  owner: Agency Name
  cost: { column: "Planned Cost ($ M)", scale: 1000000 }
  start: Start Date
  end: { column: Completion Date, format: DD/MM/YYYY }
  outcomes: { column: Goals, separator: ";" }
  category: { column: Kind, values: { "O&M": run, "DME": grow } }
  status: { value: approved }
`;

/** A CSV as Excel writes it in a European locale: BOM, ";" between fields, CRLF line ends. */
const CSV =
  '\ufeff' +
  [
    'Project ID;Project Name;Agency Name;Planned Cost ($ M);Start Date;Completion Date;Goals;Kind',
    '1;"Payroll: ""new"" system";"R&amp;D; and #1";2.0E-6;2012-03-01T10:00:00;31/12/2013;"g1; g2";O&M',
    '2;"Two\r\nlines";- Agency;"1,234.56";2012-02-01;;;DME',
    '3;No cost yet;;;;;;',
  ].join('\r\n') +
  '\r\n';

const byId = (text: string) =>
  Object.fromEntries((parse(text) as { initiatives: Array<{ id: string }> }).initiatives.map((i) => [i.id, i]));

describe('portfolio-align import (CLI)', function () {
  this.timeout(60_000);

  before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node esbuild.js first`));
  after(removeFolders);

  describe('CSV', () => {
    it('reads BOM, ";", CRLF, quotes and embedded newlines, and writes a file check reads without a finding about its form', () => {
      const dir = tempFolder({ 'p.csv': CSV, 'p.map.yaml': MAP });
      const r = run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'p.portfolio.yaml']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /Imported 3 initiatives from p\.csv/);
      const text = fs.readFileSync(path.join(dir, 'p.portfolio.yaml'), 'utf8');
      assert.deepEqual(byId(text), {
        'p-1': {
          id: 'p-1',
          title: 'Payroll: "new" system',
          category: 'run',
          outcomes: ['g1', 'g2'],
          cost: 2,
          owner: 'R&amp;D; and #1',
          status: 'approved',
          start: '2012-03-01',
          end: '2013-12-31',
        },
        'p-2': {
          id: 'p-2',
          title: 'Two\r\nlines',
          category: 'grow',
          cost: 1234560000,
          owner: '- Agency',
          status: 'approved',
          start: '2012-02-01',
        },
        'p-3': { id: 'p-3', title: 'No cost yet', status: 'approved' },
      });
      const json = checkJson(dir, 'p.portfolio.yaml');
      assert.equal(json.summary.totalSpend, 1234560002);
    });

    it('gives byte-identical output for the same input, on stdout without --out', () => {
      const dir = tempFolder({ 'p.csv': CSV, 'p.map.yaml': MAP });
      const first = run(dir, ['import', 'p.csv', '--map', 'p.map.yaml']);
      const second = run(dir, ['import', 'p.csv', '--map', 'p.map.yaml']);
      assert.equal(first.status, 0, first.stderr);
      assert.ok(first.stdout.startsWith('# Imported from p.csv with p.map.yaml'));
      assert.equal(first.stdout, second.stdout);
    });

    it('reports every rejected row on stderr and exits 1; --strict writes nothing', () => {
      const csv =
        'Project ID,Project Name,Agency Name,Planned Cost ($ M),Start Date,Completion Date,Goals,Kind\n1,A,,(1,,,,\n1,B,,1,,,,\n,C,,,,,,\n4,D,,,2012-02-30,,,Zzz\n5,E,,,,,,\n';
      const dir = tempFolder({ 'p.csv': csv.replace('(1,', '"(1,234.56)",'), 'p.map.yaml': MAP });
      const r = run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'p.portfolio.yaml']);
      assert.equal(r.status, 1, r.stderr);
      const lines = r.stderr.split('\n');
      assert.ok(
        lines.includes(
          'p.csv: row 2 column "Planned Cost ($ M)" value "(1,234.56)": bad cost: a negative amount: portfolio amounts are never negative; enter the cost as a positive number, or leave the cell empty',
        ),
        r.stderr,
      );
      assert.ok(
        lines.some((l) => l.startsWith('p.csv: row 4 column "Project ID" value "": missing id')),
        r.stderr,
      );
      assert.ok(
        lines.some((l) => l.startsWith('p.csv: row 5 column "Start Date" value "2012-02-30": bad start: no such day')),
        r.stderr,
      );
      assert.ok(
        lines.some((l) => l.startsWith('p.csv: row 5 column "Kind" value "Zzz": bad category: unknown category value')),
        r.stderr,
      );
      assert.match(r.stderr, /3 rows rejected/);
      assert.deepEqual(Object.keys(byId(fs.readFileSync(path.join(dir, 'p.portfolio.yaml'), 'utf8'))), ['p-1', 'p-5']);

      const strict = run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'strict.portfolio.yaml', '--strict']);
      assert.equal(strict.status, 1);
      assert.match(strict.stderr, /Nothing written: 3 rows rejected/);
      assert.ok(!fs.existsSync(path.join(dir, 'strict.portfolio.yaml')));
    });

    it('never overwrites without --force, never an input, and leaves no temporary file', () => {
      const dir = tempFolder({ 'p.csv': CSV, 'p.map.yaml': MAP, 'taken.portfolio.yaml': 'keep me\n' });
      assertRefused(run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'taken.portfolio.yaml']), /already exists: add --force/);
      assert.equal(fs.readFileSync(path.join(dir, 'taken.portfolio.yaml'), 'utf8'), 'keep me\n');
      assertRefused(run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'p.csv', '--force']), /is an input of this import/);
      assertRefused(run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'p.map.yaml', '--force']), /is an input of this import/);
      assert.equal(fs.readFileSync(path.join(dir, 'p.csv'), 'utf8'), CSV);
      assert.equal(run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'taken.portfolio.yaml', '--force']).status, 0);
      assert.match(fs.readFileSync(path.join(dir, 'taken.portfolio.yaml'), 'utf8'), /^# Imported/);
      assert.deepEqual(
        fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
      );
    });

    it('refuses a bad map with where and what, and a column the sheet lacks with the closest name', () => {
      const dir = tempFolder({
        'p.csv': CSV,
        'bad.map.yaml': 'apiVersion: portfolio-import/v1\ninitiatives: { id: Project ID }\n',
        'typo.map.yaml': MAP.replace('title: Project Name', 'title: Project Nam'),
      });
      assertRefused(run(dir, ['import', 'p.csv', '--map', 'bad.map.yaml']), /bad\.map\.yaml is not a valid import map.*initiatives\.title/);
      assertRefused(run(dir, ['import', 'p.csv', '--map', 'typo.map.yaml']), /"Project Nam".*did you mean "Project Name"/);
      assertRefused(run(dir, ['import', 'p.csv']), /needs --map/);
    });

    it('--guess-map prints a map that imports the sheet', () => {
      const dir = tempFolder({ 'p.csv': CSV });
      const guess = run(dir, ['import', 'p.csv', '--guess-map']);
      assert.equal(guess.status, 0, guess.stderr);
      assert.match(guess.stdout, /^# Guessed by portfolio-align import --guess-map/);
      assert.match(guess.stdout, /id: Project ID\n {2}title: Project Name\n/);
      fs.writeFileSync(path.join(dir, 'p.map.yaml'), guess.stdout);
      const r = run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--out', 'p.portfolio.yaml']);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      checkJson(dir, 'p.portfolio.yaml');
    });

    it('--update keeps comments and hand edits, lists what the sheet lost, --prune deletes it', () => {
      const existing =
        '# Kept in step with p.csv\napiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: US federal IT projects 2012\n  currency: USD\ninitiatives:\n  - id: p-1\n    title: Old   # renamed in the sheet\n    dependsOn: [p-2]\n  - id: p-7\n    title: Gone\n';
      const map = MAP.replace(/ {2}outcomes:.*\n/, '');
      const dir = tempFolder({ 'p.csv': CSV, 'p.map.yaml': map, 'p.portfolio.yaml': existing });
      assertRefused(
        run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--update', 'p.portfolio.yaml', '--out', 'p.portfolio.yaml']),
        /--update file: add --force/,
      );
      const r = run(dir, [
        'import',
        'p.csv',
        '--map',
        'p.map.yaml',
        '--update',
        'p.portfolio.yaml',
        '--out',
        'p.portfolio.yaml',
        '--force',
      ]);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /Initiatives: 1 updated, 2 added, 0 unchanged/);
      assert.match(r.stderr, /1 initiative in p\.portfolio\.yaml the sheet no longer has \(kept; --prune deletes them\): p-7/);
      const text = fs.readFileSync(path.join(dir, 'p.portfolio.yaml'), 'utf8');
      assert.match(text, /^# Kept in step with p\.csv\n/);
      assert.match(text, /title: 'Payroll: "new" system' # renamed in the sheet\n {4}dependsOn: \[ p-2 \]\n/);
      assert.deepEqual(Object.keys(byId(text)), ['p-1', 'p-7', 'p-2', 'p-3']);
      checkJson(dir, 'p.portfolio.yaml');
      const pruned = run(dir, ['import', 'p.csv', '--map', 'p.map.yaml', '--update', 'p.portfolio.yaml', '--prune']);
      assert.equal(pruned.status, 0, pruned.stderr);
      assert.deepEqual(Object.keys(byId(pruned.stdout)), ['p-1', 'p-2', 'p-3']);
    });
  });

  it('loads the spreadsheet libraries only for import and xlsx: check runs without them', () => {
    const dir = tempFolder({ 'p.csv': CSV, 'p.map.yaml': MAP, 'a.portfolio.yaml': 'apiVersion: portfolio/v1\nkind: Portfolio\n' });
    fs.copyFileSync(CLI, path.join(dir, 'cli.js'));
    const alone = (args: string[]) => spawnSync(process.execPath, [path.join(dir, 'cli.js'), ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(alone(['check', 'a.portfolio.yaml']).status, 0);
    const r = alone(['import', 'p.csv', '--map', 'p.map.yaml']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /spreadsheet\.js is missing .*install portfolio-align again/);
  });

  describe('the worked example of docs/import.md', () => {
    it('prints what the page shows, and check reads it without a finding about its form', () => {
      const page = fs.readFileSync(path.join(REPO_ROOT, 'docs/import.md'), 'utf8');
      const shown = /unit test \(test\/unit\/importCli\.test\.ts\) fails when it is not\. -->\n```yaml\n([\s\S]*?)```/.exec(page)![1];
      const messages = /\$ portfolio-align import examples\/import\/projects\.csv [^\n]*\n([\s\S]*?)```/.exec(page)![1]!;
      const dir = tempFolder();
      fs.cpSync(path.join(REPO_ROOT, 'examples/import'), path.join(dir, 'examples/import'), { recursive: true });
      const r = run(dir, [
        'import',
        'examples/import/projects.csv',
        '--map',
        'examples/import/projects.map.yaml',
        '--out',
        'projects.portfolio.yaml',
      ]);
      assert.equal(r.status, 1);
      assert.equal(r.stderr, messages);
      assert.equal(fs.readFileSync(path.join(dir, 'projects.portfolio.yaml'), 'utf8'), shown);
      checkJson(dir, 'projects.portfolio.yaml');
    });
  });

  describe('XLSX', () => {
    /** A workbook as SheetJS writes it: numbers, dates with a date format, a formula with its value. */
    function workbook(): Buffer {
      const book = XLSX.utils.book_new();
      const projects = XLSX.utils.aoa_to_sheet(
        [
          ['Project ID', 'Project Name', 'Agency Name', 'Planned Cost ($ M)', 'Start Date', 'Completion Date', 'Goals', 'Kind'],
          [1, '=HYPERLINK("http://x")', 'Agency & Co', 0.000002, new Date(Date.UTC(2012, 2, 1)), '31/12/2013', 'g1', 'O&M'],
          [2, 'Formula cost', 'B', 0, '2012-02-01', '', '', 'DME'],
        ],
        { cellDates: true, UTC: true } as XLSX.AOA2SheetOpts,
      );
      projects['D3'] = { t: 'n', v: 1.5, f: 'SUM(1,0.5)' };
      const goals = XLSX.utils.aoa_to_sheet([
        ['Goal ID', 'Goal'],
        ['g1', 'Goal one'],
      ]);
      XLSX.utils.book_append_sheet(book, goals, 'Goals');
      XLSX.utils.book_append_sheet(book, projects, 'Projects');
      return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
    }

    it('reads values (never formulas), dates and exact amounts from a chosen sheet, and an outcomes sheet', () => {
      const map = MAP + 'outcomes: { sheet: Goals, id: Goal ID, title: Goal }\n';
      const dir = tempFolder({ 'p.xlsx': workbook(), 'p.map.yaml': map });
      const r = run(dir, ['import', 'p.xlsx', '--sheet', 'Projects', '--map', 'p.map.yaml', '--out', 'p.portfolio.yaml']);
      assert.equal(r.status, 0, r.stderr);
      const text = fs.readFileSync(path.join(dir, 'p.portfolio.yaml'), 'utf8');
      assert.deepEqual(byId(text)['p-1'], {
        id: 'p-1',
        title: '=HYPERLINK("http://x")',
        category: 'run',
        outcomes: ['g1'],
        cost: 2,
        owner: 'Agency & Co',
        status: 'approved',
        start: '2012-03-01',
        end: '2013-12-31',
      });
      assert.equal((byId(text)['p-2'] as unknown as { cost: number }).cost, 1500000);
      assert.deepEqual((parse(text) as { outcomes: unknown }).outcomes, [{ id: 'g1', title: 'Goal one' }]);
      const json = checkJson(dir, 'p.portfolio.yaml');
      assert.equal(json.files[0]!.diagnostics.filter((d) => d.code === 'unknown-outcome').length, 0);
    });

    it('names the sheets when the one asked for is missing', () => {
      const dir = tempFolder({ 'p.xlsx': workbook(), 'p.map.yaml': MAP });
      assertRefused(
        run(dir, ['import', 'p.xlsx', '--sheet', 'Nope', '--map', 'p.map.yaml']),
        /no sheet named "Nope": its sheets are "Goals", "Projects"/,
      );
    });
  });

  describe('hostile files end in a clear message', () => {
    it('a sheet with more rows than the limit', () => {
      const csv = 'id,title\n' + Array.from({ length: 100_001 }, (_, i) => `${i},t`).join('\n') + '\n';
      const dir = tempFolder({ 'big.csv': csv, 'm.map.yaml': 'apiVersion: portfolio-import/v1\ninitiatives: { id: id, title: title }\n' });
      assertRefused(run(dir, ['import', 'big.csv', '--map', 'm.map.yaml']), /more than 100,000 rows.*split it/);
    });

    it('an encrypted workbook, a file that is not a spreadsheet, an old .xls, binary named .csv', () => {
      const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
      const dir = tempFolder({
        'secret.xlsx': cfb,
        'junk.xlsx': 'hello, world\n',
        'old.xls': cfb,
        'bin.csv': Buffer.from([1, 0, 2, 0]),
        'm.map.yaml': 'apiVersion: portfolio-import/v1\ninitiatives: { id: id, title: title }\n',
      });
      assertRefused(run(dir, ['import', 'secret.xlsx', '--map', 'm.map.yaml']), /password-protected \(encrypted\).*remove the password/);
      assertRefused(run(dir, ['import', 'junk.xlsx', '--map', 'm.map.yaml']), /not an XLSX file/);
      assertRefused(run(dir, ['import', 'old.xls', '--map', 'm.map.yaml']), /old \.xls workbook.*save it as \.xlsx/);
      assertRefused(run(dir, ['import', 'bin.csv', '--map', 'm.map.yaml']), /not a text file/);
    });

    it('a zip bomb: an XLSX whose sheet unzips to more than the limit', () => {
      const entry = (name: string, data: Buffer) => ({ name, data, deflated: zlib.deflateRawSync(data, { level: 9 }) });
      const entries = [
        entry('[Content_Types].xml', Buffer.from('<Types/>')),
        entry('xl/worksheets/sheet1.xml', Buffer.alloc(160 * 1024 * 1024, 0x20)),
      ];
      const locals: Buffer[] = [];
      const central: Buffer[] = [];
      let offset = 0;
      for (const e of entries) {
        const name = Buffer.from(e.name);
        const local = Buffer.alloc(30);
        local.writeUInt32LE(0x04034b50, 0);
        local.writeUInt16LE(20, 4);
        local.writeUInt16LE(8, 8);
        local.writeUInt32LE(e.deflated.length, 18);
        local.writeUInt32LE(1000, 22);
        local.writeUInt16LE(name.length, 26);
        const head = Buffer.alloc(46);
        head.writeUInt32LE(0x02014b50, 0);
        head.writeUInt16LE(8, 10);
        head.writeUInt32LE(e.deflated.length, 20);
        head.writeUInt32LE(1000, 24);
        head.writeUInt16LE(name.length, 28);
        head.writeUInt32LE(offset, 42);
        locals.push(local, name, e.deflated);
        central.push(head, name);
        offset += 30 + name.length + e.deflated.length;
      }
      const directory = Buffer.concat(central);
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(entries.length, 8);
      end.writeUInt16LE(entries.length, 10);
      end.writeUInt32LE(directory.length, 12);
      end.writeUInt32LE(offset, 16);
      const dir = tempFolder({
        'bomb.xlsx': Buffer.concat([...locals, directory, end]),
        'm.map.yaml': 'apiVersion: portfolio-import/v1\ninitiatives: { id: id, title: title }\n',
      });
      assertRefused(run(dir, ['import', 'bomb.xlsx', '--map', 'm.map.yaml']), /unzips to more than 150 MB \(a zip bomb/);
    });
  });

  describe('report --format xlsx', () => {
    const PORTFOLIO = `apiVersion: portfolio/v1
kind: Portfolio
metadata: { name: R, currency: EUR }
outcomes:
  - id: g1
    title: Goal one
    capability: Supply chain
initiatives:
  - id: a
    title: "=cmd|' /C calc'!A0"
    owner: "@team"
    category: run
    type: application
    outcomes: [g1]
    cost: 1234.56
  - id: b
    title: Unlinked one
    cost: 1.2M
`;

    it('writes the five sheets, amounts as numbers with a currency format equal to check --format json, text never a formula', () => {
      const dir = tempFolder({ 'r.portfolio.yaml': PORTFOLIO });
      assertRefused(run(dir, ['report', '--format', 'xlsx']), /binary file: give it --out FILE\.xlsx/);
      const r = run(dir, ['report', 'r.portfolio.yaml', '--format', 'xlsx', '--out', 'r.xlsx', '--today', '2027-01-01']);
      assert.equal(r.status, 0, r.stderr);
      const book = XLSX.read(fs.readFileSync(path.join(dir, 'r.xlsx')), { cellFormula: true, cellNF: true });
      assert.deepEqual(book.SheetNames, ['Summary', 'Initiatives', 'Outcomes', 'Unlinked', 'Capabilities']);
      const initiatives = book.Sheets.Initiatives!;
      assert.deepEqual(XLSX.utils.sheet_to_json<string[]>(initiatives, { header: 1 })[0], [
        'id',
        'title',
        'owner',
        'status',
        'category',
        'type',
        'cost',
        'linked outcomes',
        'unlinked amount',
        'file',
        'line',
      ]);
      assert.equal(initiatives.B2!.t, 's');
      assert.equal(initiatives.B2!.v, "=cmd|' /C calc'!A0");
      assert.equal(initiatives.B2!.f, undefined);
      assert.equal(initiatives.G2!.t, 'n');
      assert.equal(initiatives.G2!.v, 1234.56);
      assert.match(String(initiatives.G2!.z), /EUR/);
      const json = checkJson(dir, 'r.portfolio.yaml') as unknown as {
        summary: { totalSpend: number; unlinkedSpend: number; alignmentScore: number };
      };
      const summary = Object.fromEntries(XLSX.utils.sheet_to_json<[string, unknown]>(book.Sheets.Summary!, { header: 1 }).slice(1));
      assert.equal(summary['Total spend'], json.summary.totalSpend);
      assert.equal(summary['Unlinked spend'], json.summary.unlinkedSpend);
      assert.equal(summary['Alignment score'], json.summary.alignmentScore);
      assert.equal(XLSX.utils.sheet_to_json<string[]>(book.Sheets.Unlinked!, { header: 1 })[1]![0], 'b');
      assert.deepEqual(XLSX.utils.sheet_to_json<unknown[]>(book.Sheets.Capabilities!, { header: 1 })[1], ['Supply chain', 1234.56, 1]);
    });

    it('round trip: import → report xlsx → import gives the same portfolio', () => {
      const csv =
        'ID,Name,Owner,Status,Category,Type,Cost,Goals\nx-1,First,Team A,approved,run,application,1234.56,\nx-2,"Second, ""quoted""",,in-progress,grow,data,1200000,\nx-3,No cost,Team C,,,,,\n';
      const first =
        'apiVersion: portfolio-import/v1\nmetadata: { name: Round trip, currency: EUR }\ninitiatives: { id: ID, title: Name, owner: Owner, status: Status, category: Category, type: Type, cost: Cost }\n';
      const back =
        'apiVersion: portfolio-import/v1\nmetadata: { name: Round trip, currency: EUR }\ninitiatives: { sheet: Initiatives, id: id, title: title, owner: owner, status: status, category: category, type: type, cost: cost }\n';
      const dir = tempFolder({ 's.csv': csv, 'first.map.yaml': first, 'back.map.yaml': back });
      assert.equal(run(dir, ['import', 's.csv', '--map', 'first.map.yaml', '--out', 'one.portfolio.yaml']).status, 0);
      assert.equal(run(dir, ['report', 'one.portfolio.yaml', '--format', 'xlsx', '--out', 'one.xlsx']).status, 0);
      const again = run(dir, ['import', 'one.xlsx', '--map', 'back.map.yaml']);
      assert.equal(again.status, 0, again.stderr);
      const one = parse(fs.readFileSync(path.join(dir, 'one.portfolio.yaml'), 'utf8')) as { initiatives: unknown };
      assert.deepEqual((parse(again.stdout) as { initiatives: unknown }).initiatives, one.initiatives);
    });
  });
});
