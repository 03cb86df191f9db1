// portfolio-align as a real child process, run in a temporary folder holding fixture files.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  assertUsageError,
  CLI,
  FIXTURES,
  fixtureText as fixture,
  folder,
  removeFolders,
  run as runIn,
  type Run as CliRun,
} from './cli/run';
import { rangeOf } from './helpers';

interface Run extends CliRun {
  dir: string;
}

/** The CLI in the folder `files`, or in a fresh one holding copies of the named fixtures. */
function run(args: string[], files: string[] | string = []): Run {
  const dir = typeof files === 'string' ? files : folder(files);
  return { ...runIn(args, dir), dir };
}

const TEXT_LINE = /^(\S+):(\d+):(\d+) {2}(error|warning|info) +(\S+) {2}(.+)$/;

describe('portfolio-align (CLI)', function () {
  this.timeout(30_000);

  before(() => {
    assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node esbuild.js first`);
  });

  after(() => {
    removeFolders();
  });

  describe('check: exit codes', () => {
    it('exits 0 when the files are clean', () => {
      const r = run(['check', 'clean.portfolio.yaml', '--today', '2027-06-15'], ['clean.portfolio.yaml']);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      assert.equal(r.stderr, '');
      assert.doesNotMatch(r.stdout, TEXT_LINE);
      assert.match(r.stdout, /0 errors, 0 warnings, 0 infos in 1 file/);
    });

    it('exits 1 when an error is found', () => {
      const r = run(['check', 'broken.portfolio.yaml', '--today', '2027-06-15'], ['broken.portfolio.yaml']);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /error +unknown-outcome/);
    });

    it('exits 0 on warnings by default, 1 with --fail-on warning', () => {
      const files = ['unlinked.portfolio.yaml'];
      assert.equal(run(['check', '--today', '2027-06-15'], files).status, 0);
      assert.equal(run(['check', '--today', '2027-06-15', '--fail-on', 'warning'], files).status, 1);
      assert.equal(run(['check', '--today', '2027-06-15', '--fail-on', 'info'], files).status, 1);
    });

    it('exits 0 on errors with --fail-on never', () => {
      assert.equal(run(['check', '--fail-on', 'never', '--today', '2027-06-15'], ['broken.portfolio.yaml']).status, 0);
    });

    it('exits 1 when the alignment score is below --min-alignment, and not when it equals it', () => {
      // unlinked.portfolio.yaml is exactly 57% aligned (570k of 1M).
      const files = ['unlinked.portfolio.yaml'];
      const below = run(['check', '--min-alignment', '57.5', '--today', '2027-06-15'], files);
      assert.equal(below.status, 1);
      assert.match(below.stderr, /Alignment score 57\.0% is below --min-alignment 57\.5%/);
      const equal = run(['check', '--min-alignment', '57', '--today', '2027-06-15'], files);
      assert.equal(equal.status, 0, equal.stderr);
      assert.equal(run(['check', '--min-alignment', '56%', '--today', '2027-06-15'], files).status, 0);
    });

    it('--rule unlinked-spend=off removes the diagnostic', () => {
      const files = ['unlinked.portfolio.yaml'];
      const on = run(['check', '--today', '2027-06-15', '--fail-on', 'warning'], files);
      assert.match(on.stdout, /unlinked-spend/);
      const off = run(['check', '--rule', 'unlinked-spend=off', '--today', '2027-06-15', '--fail-on', 'warning'], files);
      assert.equal(off.status, 0);
      assert.doesNotMatch(off.stdout, /unlinked-spend {2}/);
      const error = run(['check', '--rule', 'unlinked-spend=error', '--today', '2027-06-15'], files);
      assert.equal(error.status, 1);
      assert.match(error.stdout, /error +unlinked-spend/);
    });

    it('--today sets the date that end dates are compared with', () => {
      const files = ['dated.portfolio.yaml'];
      const before = run(['check', '--today', '2027-05-31', '--fail-on', 'warning'], files);
      assert.equal(before.status, 0);
      assert.doesNotMatch(before.stdout, /schedule-slip/);
      const after = run(['check', '--today', '2027-06-01', '--fail-on', 'warning'], files);
      assert.equal(after.status, 1);
      assert.match(after.stdout, /warning +schedule-slip/);
      assert.match(after.stdout, /as of 2027-06-01/);
    });

    it('exits 2 with a one-line message on usage errors', () => {
      const files = ['clean.portfolio.yaml'];
      assertUsageError(run(['check', '--bogus'], files), /bogus/);
      assertUsageError(run(['check', '--rule', 'unlinked-spnd=off'], files), /Unknown rule "unlinked-spnd": did you mean unlinked-spend\?/);
      assertUsageError(run(['check', '--rule', 'unlinked-spend=loud'], files), /error, warning, info or off/);
      assertUsageError(run(['check', '--rule', 'unlinked-spend'], files), /<rule-id>=<severity>/);
      assertUsageError(run(['check', 'missing.portfolio.yaml'], files), /No such file or folder: missing\.portfolio\.yaml/);
      assertUsageError(run(['check', '--format', 'xml'], files), /--format must be text, json or sarif/);
      assertUsageError(run(['check', '--fail-on', 'sometimes'], files), /--fail-on/);
      assertUsageError(run(['check', '--today', '2027-02-30'], files), /--today must be a date/);
      assertUsageError(run(['check', '--min-alignment', 'lots'], files), /--min-alignment/);
      assertUsageError(run(['chek'], files), /did you mean check\?/);
      assertUsageError(run(['check'], folder([])), /No portfolio files found/);
    });
  });

  describe('check: output formats', () => {
    it('prints text lines as path:line:col  severity  code  message, 1-based', () => {
      const text = fixture('broken.portfolio.yaml');
      const r = run(['check', '--today', '2027-06-15'], ['broken.portfolio.yaml']);
      const lines = r.stdout.split('\n').filter((l) => TEXT_LINE.test(l));
      assert.equal(lines.length, 2, r.stdout);
      const typo = rangeOf(text, 'order-to-csh');
      const orphan = rangeOf(text, 'order-to-cash');
      assert.deepEqual(
        lines.map((l) => TEXT_LINE.exec(l)!.slice(1, 6)),
        [
          ['broken.portfolio.yaml', String(orphan.start.line + 1), String(orphan.start.character + 1), 'info', 'orphan-outcome'],
          ['broken.portfolio.yaml', String(typo.start.line + 1), String(typo.start.character + 1), 'error', 'unknown-outcome'],
        ],
      );
      assert.equal(
        lines[1],
        `broken.portfolio.yaml:${typo.start.line + 1}:${typo.start.character + 1}  error    unknown-outcome  Unknown outcome "order-to-csh": did you mean "order-to-cash"? The cost it carries counts as unlinked until the link is fixed.`,
      );
    });

    it('--format json follows the version 1 contract', () => {
      const r = run(['check', '.', '--format', 'json', '--today', '2027-06-15'], ['clean.portfolio.yaml', 'unlinked.portfolio.yaml']);
      assert.equal(r.status, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.equal(json.version, 1);
      // Every file checked is listed, the clean one too.
      assert.deepEqual(
        json.files.map((f: { path: string }) => f.path),
        ['clean.portfolio.yaml', 'unlinked.portfolio.yaml'],
      );
      assert.deepEqual(json.files[0].diagnostics, []);
      const unlinkedText = fixture('unlinked.portfolio.yaml');
      assert.deepEqual(
        json.files[1].diagnostics.map((d: { code: string; severity: string; range: unknown }) => [d.code, d.severity, d.range]),
        [['unlinked-spend', 'warning', rangeOf(unlinkedText, 'intranet-redesign')]],
      );
      const s = json.summary;
      // 850,000.00 + 1,135.80 (1,234.56 USD × 0.92) + 570,000.00 + 430,000.00 = 1,851,135.80 EUR.
      assert.equal(s.currency, 'EUR');
      assert.equal(s.totalSpend, 1851135.8);
      assert.equal(s.alignedSpend, 1421135.8);
      assert.equal(s.unlinkedSpend, 430000);
      assert.equal(s.alignmentScore, Number((142113580 / 185113580).toFixed(6)));
      assert.equal(s.measuredShare, Number((142113580 / 185113580).toFixed(6)));
      assert.deepEqual(
        s.byOutcome.map((o: Record<string, unknown>) => ({ id: o.id, title: o.title, spend: o.spend, initiatives: o.initiatives })),
        [
          { id: 'supply-chain-cost', title: 'Cut supply chain cost', spend: 851135.8, initiatives: 2 },
          { id: 'customer-retention', title: 'Keep key accounts', spend: 570000, initiatives: 1 },
        ],
      );
      assert.deepEqual(
        s.byCapability.map((c: Record<string, unknown>) => ({ capability: c.capability, spend: c.spend })),
        [
          { capability: 'Supply chain', spend: 851135.8 },
          { capability: 'Sales and service', spend: 570000 },
        ],
      );
      assert.deepEqual(
        s.byOwner.map((o: Record<string, unknown>) => [o.owner, o.spend]),
        [
          ['Logistics IT', 850000],
          ['Sales IT', 571135.8],
          ['Communications', 430000],
        ],
      );
      assert.deepEqual(s.byCategory, { run: 571135.8, grow: 1280000, transform: 0, uncategorized: 0 });
      assert.equal(s.unlinked.length, 1);
      const { id, title, path: file, line, spend } = s.unlinked[0];
      assert.deepEqual(
        { id, title, path: file, line, spend },
        {
          id: 'intranet-redesign',
          title: 'Intranet redesign',
          path: 'unlinked.portfolio.yaml',
          line: rangeOf(unlinkedText, 'intranet-redesign').start.line + 1,
          spend: 430000,
        },
      );
      assert.equal(s.goals.length, 2);
      assert.deepEqual(
        s.goals.map((g: { status: string }) => g.status),
        ['not-measured', 'not-measured'],
      );
    });

    it('--format sarif is SARIF 2.1.0 with rule help and 1-based regions', () => {
      const text = fixture('broken.portfolio.yaml');
      const r = run(['check', '--format', 'sarif', '--today', '2027-06-15'], ['broken.portfolio.yaml']);
      assert.equal(r.status, 1);
      const sarif = JSON.parse(r.stdout);
      assert.equal(sarif.version, '2.1.0');
      const run0 = sarif.runs[0];
      assert.equal(run0.tool.driver.name, 'portfolio-align');
      assert.equal(run0.tool.driver.rules.length, 22);
      for (const rule of run0.tool.driver.rules) assert.match(rule.helpUri, new RegExp(`^https://.*/${rule.id}\\.md$`), rule.id);
      const result = run0.results.find((x: { ruleId: string }) => x.ruleId === 'unknown-outcome');
      assert.equal(result.level, 'error');
      const range = rangeOf(text, 'order-to-csh');
      assert.deepEqual(result.locations[0].physicalLocation.region, {
        startLine: range.start.line + 1,
        startColumn: range.start.character + 1,
        endLine: range.end.line + 1,
        endColumn: range.end.character + 1,
      });
      assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'broken.portfolio.yaml');
      assert.equal(run0.tool.driver.rules[result.ruleIndex].id, 'unknown-outcome');
      const orphan = run0.results.find((x: { ruleId: string }) => x.ruleId === 'orphan-outcome');
      assert.equal(orphan.level, 'note');
    });
  });

  describe('check: files', () => {
    it('finds *.portfolio.yaml, *.portfolio.yml and YAML files starting with apiVersion: portfolio/v1 in folders', () => {
      const dir = folder(['clean.portfolio.yaml']);
      fs.mkdirSync(path.join(dir, 'sub/node_modules'), { recursive: true });
      fs.copyFileSync(path.join(FIXTURES, 'unlinked.portfolio.yaml'), path.join(dir, 'sub/second.portfolio.yml'));
      fs.writeFileSync(path.join(dir, 'sub/plain.yaml'), '# a portfolio without the suffix\napiVersion: portfolio/v1\nkind: Portfolio\n');
      fs.writeFileSync(path.join(dir, 'sub/other.yaml'), 'name: not a portfolio\napiVersion: portfolio/v1\n');
      fs.copyFileSync(path.join(FIXTURES, 'broken.portfolio.yaml'), path.join(dir, 'sub/node_modules/dep.portfolio.yaml'));
      const r = run(['check', '--format', 'json', '--today', '2027-06-15'], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(
        JSON.parse(r.stdout).files.map((f: { path: string }) => f.path),
        ['clean.portfolio.yaml', 'sub/plain.yaml', 'sub/second.portfolio.yml'],
      );
    });

    it('keeps control characters from the files out of the terminal', () => {
      const dir = folder([]);
      fs.writeFileSync(path.join(dir, 'escape.portfolio.yaml'), 'apiVersion: portfolio/v1\nkind: Portfolio\n"\\e[2J\\e]0;owned\\a": 1\n');
      const r = run(['check', '--today', '2027-06-15'], dir);
      assert.equal(r.status, 1);
      assert.match(r.stdout, /Unknown key/);
      assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f]/);
    });

    it('a file with 200,000 problems exits 1 and prints every one', function () {
      this.timeout(120_000);
      const dir = folder([]);
      const entries = 200_000;
      fs.writeFileSync(
        path.join(dir, 'many.portfolio.yaml'),
        'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata: { name: Many, currency: EUR, brm: Dana Whitfield }\ninitiatives:\n' +
          '  - 1\n'.repeat(entries),
      );
      const r = run(['check', '--today', '2027-06-15'], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 1);
      assert.equal(r.stdout.split('\n').filter((l) => TEXT_LINE.test(l)).length, entries);
    });

    it('writes SARIF uris that survive spaces and # in file names', () => {
      const dir = folder([]);
      fs.copyFileSync(path.join(FIXTURES, 'broken.portfolio.yaml'), path.join(dir, 'Q1 #2.portfolio.yaml'));
      const r = run(['check', '--format', 'sarif', '--today', '2027-06-15'], dir);
      const uri = JSON.parse(r.stdout).runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri;
      assert.equal(uri, 'Q1%20%232.portfolio.yaml');
      assert.equal(decodeURIComponent(new URL(uri, 'file:///root/').pathname.slice('/root/'.length)), 'Q1 #2.portfolio.yaml');
    });
  });

  describe('report', () => {
    const files = ['clean.portfolio.yaml', 'unlinked.portfolio.yaml'];

    it('--format md', () => {
      const r = run(['report', '--format', 'md', '--today', '2027-06-15'], files);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^# CLI clean: alignment report/);
      assert.match(r.stdout, /\*\*Alignment score: 76\.8%\*\*/);
      assert.match(r.stdout, /Unlinked spend: EUR 430,000\.00 in 1 initiative\n/);
    });

    it('--format csv has one row per initiative with exact amounts', () => {
      const r = run(['report', '--format', 'csv', '--today', '2027-06-15'], files);
      assert.equal(r.status, 0, r.stderr);
      const rows = r.stdout.trimEnd().split('\r\n');
      assert.equal(
        rows[0],
        'id,title,category,type,owner,status,priority,spend_EUR,aligned_EUR,unlinked_EUR,outcomes,unlinked_reason,path,line,note',
      );
      assert.equal(rows.length, 1 + 4);
      const addon = rows.find((row) => row.startsWith('crm-addon,'))!;
      assert.match(addon, /,1135\.80,1135\.80,0\.00,supply-chain-cost,,clean\.portfolio\.yaml,\d+,$/);
    });

    it('--format json', () => {
      const r = run(['report', '--format', 'json', '--today', '2027-06-15'], files);
      assert.equal(r.status, 0, r.stderr);
      const json = JSON.parse(r.stdout);
      assert.equal(json.version, 1);
      assert.equal(json.summary.totalSpend, 1851135.8);
    });

    it('--format html is one standalone page', () => {
      const r = run(['report', '--format', 'html', '--today', '2027-06-15'], files);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /^<!DOCTYPE html>/);
      assert.match(r.stdout, /default-src 'none'/);
      assert.doesNotMatch(r.stdout, /<script/i);
      assert.doesNotMatch(r.stdout, /<link /i);
    });

    it('the html report has no script and escapes hostile text', () => {
      const r = run(['report', '--format', 'html', '--today', '2027-06-15'], ['hostile.portfolio.yaml']);
      assert.equal(r.status, 0, r.stderr);
      const html = r.stdout;
      assert.doesNotMatch(html, /<script/i);
      assert.doesNotMatch(html, /<img/i);
      assert.doesNotMatch(html, /<iframe/i);
      assert.doesNotMatch(html, /<svg onload/i);
      assert.doesNotMatch(html, /<b /i);
      assert.doesNotMatch(html, /<[^>]*\son[a-z]+\s*=/i, 'no event handler attribute');
      assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
      assert.match(html, /&lt;script&gt;alert\(&#39;name&#39;\)&lt;\/script&gt;/);
      assert.equal((html.match(/<style>/g) ?? []).length, 1);
      assert.equal((html.match(/<\/style>/g) ?? []).length, 1, 'file text cannot close the style element');
    });

    it('the csv report defuses cells a spreadsheet would run as a formula', () => {
      const r = run(['report', '--format', 'csv', '--today', '2027-06-15'], ['hostile.portfolio.yaml']);
      const row = r.stdout.split('\r\n').find((l) => l.startsWith('formula,'))!;
      assert.ok(row.startsWith(`formula,"'=HYPERLINK(""http://example.invalid"",""click"")",`), row);
      assert.match(row, /,'@SUM\(A1:A2\),/);
    });

    it('--out writes a file, refuses to overwrite it without --force (exit 2), and overwrites with it', () => {
      const dir = folder(files);
      const target = path.join(dir, 'report.md');
      const first = run(['report', '--out', 'report.md', '--today', '2027-06-15'], dir);
      assert.equal(first.status, 0, first.stderr);
      assert.equal(first.stdout, '');
      assert.match(fs.readFileSync(target, 'utf8'), /as of|As of 2027-06-15/);

      fs.writeFileSync(target, 'keep me');
      const refused = run(['report', '--out', 'report.md', '--today', '2027-06-15'], dir);
      assertUsageError(refused, /report\.md already exists: add --force to overwrite it/);
      assert.equal(fs.readFileSync(target, 'utf8'), 'keep me');

      const forced = run(['report', '--out', 'report.md', '--force', '--format', 'csv', '--today', '2027-06-15'], dir);
      assert.equal(forced.status, 0, forced.stderr);
      assert.match(fs.readFileSync(target, 'utf8'), /^id,title,/);
    });

    it('exits 2 on a bad report format', () => {
      assertUsageError(run(['report', '--format', 'pdf'], files), /--format must be md, html, csv, json or xlsx/);
    });
  });
});
