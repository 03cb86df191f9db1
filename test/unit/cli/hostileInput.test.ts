// The command line against hostile or odd input, each case as a real child process: paths that
// are not files, huge files, --out onto its own input, deep nesting, terminal control characters,
// other encodings, symlink loops.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { REPO_ROOT } from '../helpers';
import { assertUsageError, CLI, fixtureText, folder, RAW_CONTROL, removeFolders, run } from './run';

const TODAY = ['--today', '2027-06-15'];

describe('portfolio-align with hostile input (CLI)', function () {
  this.timeout(60_000);

  before(() => assert.ok(fs.existsSync(CLI), `${CLI} is missing: run node esbuild.js first`));
  after(removeFolders);

  describe('paths that are not regular files', () => {
    it('a FIFO is refused at once with exit 2 and one line (it used to wait forever)', () => {
      const dir = folder();
      execFileSync('mkfifo', [path.join(dir, 'pipe.portfolio.yaml')]);
      assertUsageError(
        run(['check', 'pipe.portfolio.yaml', ...TODAY], dir),
        /pipe\.portfolio\.yaml is a named pipe \(FIFO\), not a regular file/,
      );
    });

    it('/dev/zero is refused at once (it used to read until memory ran out)', () => {
      assertUsageError(run(['check', '/dev/zero', ...TODAY], folder()), /\/dev\/zero is a character device, not a regular file/);
    });

    it('a socket is refused', async function () {
      const dir = folder();
      const socket = path.join(dir, 'socket.portfolio.yaml');
      const server = net.createServer();
      await new Promise<void>((resolve) => server.listen(socket, resolve));
      try {
        assertUsageError(run(['check', 'socket.portfolio.yaml', ...TODAY], dir), /socket\.portfolio\.yaml is a socket, not a regular file/);
      } finally {
        server.close();
      }
    });

    it('a folder search and a glob skip a FIFO named like a portfolio, and do not wait on it', () => {
      const dir = folder(['clean.portfolio.yaml']);
      execFileSync('mkfifo', [path.join(dir, 'pipe.portfolio.yaml')]);
      execFileSync('mkfifo', [path.join(dir, 'pipe.yaml')]);
      for (const paths of [['.'], ['*.yaml']]) {
        const r = run(['check', ...paths, ...TODAY], dir);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stdout, /in 1 file$/m);
      }
    });
  });

  describe('the size limit', () => {
    it('a file over 50 MB is refused without being read, with the option that raises the limit', () => {
      const dir = folder();
      // Sparse: 60 MB of nothing on disk; the limit is checked before reading.
      fs.writeFileSync(path.join(dir, 'huge.portfolio.yaml'), '');
      fs.truncateSync(path.join(dir, 'huge.portfolio.yaml'), 60_000_000);
      assertUsageError(
        run(['check', 'huge.portfolio.yaml', ...TODAY], dir),
        /huge\.portfolio\.yaml is 60 MB, over the limit of 50 MB per file: .*--max-file-size 60MB/,
      );
    });

    it('--max-file-size lowers and raises the limit, and takes bytes or units', () => {
      const dir = folder(['clean.portfolio.yaml']);
      const size = fs.statSync(path.join(dir, 'clean.portfolio.yaml')).size;
      assertUsageError(
        run(['check', 'clean.portfolio.yaml', '--max-file-size', String(size - 1), ...TODAY], dir),
        /is \d+ bytes, over the limit of \d+ bytes per file/,
      );
      assert.equal(run(['check', 'clean.portfolio.yaml', '--max-file-size', String(size), ...TODAY], dir).status, 0);
      assert.equal(run(['check', 'clean.portfolio.yaml', '--max-file-size', '1KB', ...TODAY], dir).status, 0);
      assertUsageError(run(['report', 'clean.portfolio.yaml', '--max-file-size', '0.5KB', ...TODAY], dir), /over the limit of 500 bytes/);
      assertUsageError(
        run(['check', 'clean.portfolio.yaml', '--max-file-size', 'big', ...TODAY], dir),
        /--max-file-size takes a size in bytes or with a unit \(KB, MB, GB\), such as 200MB, not "big"/,
      );
    });
  });

  describe('report --out', () => {
    const files = ['clean.portfolio.yaml'];

    it('refuses to write over one of the input files, even with --force and by another name', () => {
      const dir = folder(files);
      const input = path.join(dir, 'clean.portfolio.yaml');
      fs.mkdirSync(path.join(dir, 'sub'));
      fs.symlinkSync(input, path.join(dir, 'alias.md'));
      for (const out of ['clean.portfolio.yaml', './sub/../clean.portfolio.yaml', 'alias.md', input]) {
        assertUsageError(
          run(['report', 'clean.portfolio.yaml', '--out', out, '--force', ...TODAY], dir),
          /is one of the portfolio files being read: write to another file/,
        );
        assert.equal(fs.readFileSync(input, 'utf8'), fixtureText('clean.portfolio.yaml'), out);
      }
    });

    it('says a folder is a folder, and an empty name is no name', () => {
      const dir = folder(files);
      fs.mkdirSync(path.join(dir, 'reports'));
      assertUsageError(
        run(['report', '--out', 'reports', ...TODAY], dir),
        /reports is a folder: give --out a file name, such as reports\/report\.md/,
      );
      assertUsageError(run(['report', '--out', 'reports', '--force', ...TODAY], dir), /reports is a folder/);
      assertUsageError(run(['report', '--out', '', ...TODAY], dir), /--out needs a file name, such as --out report\.md/);
      assertUsageError(
        run(['report', '--out', 'missing/report.md', ...TODAY], dir),
        /Cannot write missing\/report\.md: the folder missing does not exist/,
      );
    });

    it('a write that fails half-way leaves the old report as it was and no temporary file', () => {
      const dir = folder(files);
      const target = path.join(dir, 'report.html');
      fs.writeFileSync(target, 'the old report');
      // A file size limit of 1 block makes the write fail (EFBIG) as a full disk would (ENOSPC).
      const r = run(['report', '--format', 'html', '--out', 'report.html', '--force', ...TODAY], dir, {
        shell: "ulimit -f 1; trap '' XFSZ",
      });
      assertUsageError(r, /Cannot write report\.html: the file is larger than this system allows\. The file that was there is unchanged\./);
      assert.equal(fs.readFileSync(target, 'utf8'), 'the old report');
      assert.deepEqual(fs.readdirSync(dir).sort(), ['clean.portfolio.yaml', 'report.html']);
    });

    it('writes the whole report, keeping the mode of the file it replaces', () => {
      const dir = folder(files);
      const target = path.join(dir, 'report.md');
      fs.writeFileSync(target, 'old');
      fs.chmodSync(target, 0o640);
      const r = run(['report', '--out', 'report.md', '--force', ...TODAY], dir);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(fs.readFileSync(target, 'utf8'), run(['report', ...TODAY], dir).stdout);
      assert.equal(fs.statSync(target).mode & 0o777, 0o640);
      assert.deepEqual(fs.readdirSync(dir).sort(), ['clean.portfolio.yaml', 'report.md']);
    });
  });

  describe('deep nesting', () => {
    it('1,500 levels of block lists (2.3 MB) are a yaml-syntax error, not a stack overflow', () => {
      const dir = folder();
      let text =
        'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Deep\n  currency: EUR\n  brm: Dana Whitfield\ninitiatives:\n  - id: deep\n    title: Deep\n    x:\n';
      let indent = '      ';
      for (let i = 0; i < 1500; i++) {
        text += `${indent}- k:\n`;
        indent += '  ';
      }
      fs.writeFileSync(path.join(dir, 'deep.portfolio.yaml'), text);
      const r = run(['check', 'deep.portfolio.yaml', ...TODAY], dir);
      assert.equal(r.stderr, '');
      assert.equal(r.status, 1);
      assert.match(r.stdout, /^deep\.portfolio\.yaml:\d+:\d+ {2}error {4}yaml-syntax {2}YAML: nested more than 100 levels deep here/m);
      assert.doesNotMatch(r.stdout + r.stderr, /RangeError|Maximum call stack|\n\s+at /);
    });

    it('no code of the command line prints a stack trace', () => {
      const sources = fs
        .readdirSync(path.join(REPO_ROOT, 'src/cli'), { recursive: true })
        .map(String)
        .filter((f) => f.endsWith('.ts'));
      for (const file of sources) assert.doesNotMatch(fs.readFileSync(path.join(REPO_ROOT, 'src/cli', file), 'utf8'), /\.stack\b/, file);
    });
  });

  describe('terminal control characters', () => {
    const HOSTILE =
      'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: "\\e]0;PWNED\\a\\e[2J\\e[31mRED"\n  currency: EUR\n  brm: Dana Whitfield\n' +
      'initiatives:\n  - { id: a, title: "one\\rtwo \\u202Eexe.pdf \\x9b31m", cost: 100, owner: T }\n';
    const hostileFolder = () => {
      const dir = folder();
      fs.writeFileSync(path.join(dir, 'hostile.portfolio.yaml'), HOSTILE);
      return dir;
    };

    it('report --format md and csv to standard output carry no raw control, and rows stay whole', () => {
      const dir = hostileFolder();
      const md = run(['report', '--format', 'md', ...TODAY], dir);
      assert.equal(md.status, 0, md.stderr);
      assert.doesNotMatch(md.stdout, RAW_CONTROL);
      assert.match(md.stdout, /^# \[U\+001B\]\\\]0;PWNED\[U\+0007\]\[U\+001B\]\\\[2J/m);
      assert.match(
        md.stdout,
        /^\| a \| one two \[U\+202E\]exe\\\.pdf \[U\+009B\]31m \| /m,
        'one row, the override shown as in the HTML report',
      );

      const csv = run(['report', '--format', 'csv', ...TODAY], dir);
      assert.equal(csv.status, 0, csv.stderr);
      assert.doesNotMatch(csv.stdout, RAW_CONTROL);
      const rows = csv.stdout.split('\r\n');
      assert.equal(rows.length, 3, JSON.stringify(rows));
      assert.ok(rows[1]!.startsWith('a,"one\ntwo [U+202E]exe.pdf [U+009B]31m",'), rows[1]);
    });

    it('report --format html and json to standard output carry no raw control; the json reads back the same', () => {
      const dir = hostileFolder();
      for (const format of ['html', 'json']) {
        const r = run(['report', '--format', format, ...TODAY], dir);
        assert.equal(r.status, 0, r.stderr);
        assert.doesNotMatch(r.stdout, RAW_CONTROL, format);
      }
      const json = JSON.parse(run(['report', '--format', 'json', ...TODAY], dir).stdout);
      assert.equal(json.summary.name, '\u001b]0;PWNED\u0007\u001b[2J\u001b[31mRED');
      assert.equal(json.summary.unlinked[0].title, 'one\rtwo \u202Eexe.pdf \u009b31m');
    });

    it('check prints a file name with ESC, and messages quoting content, escaped', () => {
      const dir = folder();
      const name = 'esc\u001b[2J\u202e.portfolio.yaml';
      fs.writeFileSync(path.join(dir, name), HOSTILE + '"\\e[2J": 1\n');
      for (const format of ['text', 'json', 'sarif']) {
        const r = run(['check', '--format', format, '--fail-on', 'never', ...TODAY], dir);
        assert.equal(r.status, 0, r.stderr);
        assert.doesNotMatch(r.stdout, RAW_CONTROL, format);
      }
      const text = run(['check', ...TODAY], dir).stdout;
      assert.match(text, /^esc\\x1b\[2J\\u202e\.portfolio\.yaml:\d+:\d+ {2}error {4}schema {2}Unknown key "\\x1b\[2J"/m);
      assert.match(text, /^\\x1b\]0;PWNED\\x07\\x1b\[2J\\x1b\[31mRED: provider model/m);
      const missing = run(['check', 'no\u001b[31mfile.yaml'], dir);
      assertUsageError(missing, /No such file or folder: no\\x1b\[31mfile\.yaml/);
      assert.doesNotMatch(missing.stderr, RAW_CONTROL);
    });
  });

  describe('encodings', () => {
    // Without its first line, a comment with a non-ASCII sign.
    const text = fixtureText('clean.portfolio.yaml').replace(/^#.*\n/, '');

    it('UTF-16 with a byte order mark is a yaml-syntax error naming the encoding (it was "not a mapping")', () => {
      const dir = folder();
      fs.writeFileSync(path.join(dir, 'le.portfolio.yaml'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
      const be = Buffer.from(text, 'utf16le').swap16();
      fs.writeFileSync(path.join(dir, 'be.portfolio.yaml'), Buffer.concat([Buffer.from([0xfe, 0xff]), be]));
      const r = run(['check', ...TODAY], dir);
      assert.equal(r.status, 1, r.stderr);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /^be\.portfolio\.yaml:1:1 {2}error {4}yaml-syntax {2}This file is in UTF-16 big-endian .* Save it as UTF-8/m);
      assert.match(
        r.stdout,
        /^le\.portfolio\.yaml:1:1 {2}error {4}yaml-syntax {2}This file is in UTF-16 little-endian .* Save it as UTF-8/m,
      );
      assert.doesNotMatch(r.stdout, /not a mapping|schema/);
      assert.match(r.stdout, /2 errors, 0 warnings, 0 infos in 2 files/);
    });

    it('invalid UTF-8 is a yaml-syntax error with its line (it was read as U+FFFD with exit 0)', () => {
      const dir = folder();
      const latin1 = Buffer.from(text.replace('Warehouse management', 'Entrepôt'), 'latin1');
      fs.writeFileSync(path.join(dir, 'latin1.portfolio.yaml'), latin1);
      const line = text.slice(0, text.indexOf('Warehouse management')).split('\n').length;
      const r = run(['check', ...TODAY], dir);
      assert.equal(r.status, 1, r.stdout);
      assert.match(
        r.stdout,
        new RegExp(
          `^latin1\\.portfolio\\.yaml:1:1 {2}error {4}yaml-syntax {2}This file is not valid UTF-8: line ${line} has the byte 0xF4, .*Windows-1252.* Save it as UTF-8`,
          'm',
        ),
      );
      assert.doesNotMatch(r.stdout, /\uFFFD/);
      assert.equal(run(['check', '--fail-on', 'never', ...TODAY], dir).status, 0, '--fail-on applies as to any error');
    });

    it('UTF-8 with a byte order mark is read as before', () => {
      const dir = folder();
      fs.writeFileSync(path.join(dir, 'bom.portfolio.yaml'), '\ufeff' + text);
      const r = run(['check', ...TODAY], dir);
      assert.equal(r.status, 0, r.stdout);
      assert.doesNotMatch(r.stdout, /yaml-syntax/);
    });
  });

  describe('symlinks', () => {
    /** loop/a.portfolio.yaml, loop/sub/b.portfolio.yaml, loop/sub/up -> .. (a loop), loop/link.portfolio.yaml -> sub/b.portfolio.yaml. */
    function loopFolder(): string {
      const dir = folder();
      const loop = path.join(dir, 'loop');
      fs.mkdirSync(path.join(loop, 'sub'), { recursive: true });
      const clean = fixtureText('clean.portfolio.yaml');
      fs.writeFileSync(
        path.join(loop, 'a.portfolio.yaml'),
        clean.replace(/id: wms-rollout/, 'id: wms-a').replace(/id: crm-addon/, 'id: crm-a'),
      );
      fs.writeFileSync(
        path.join(loop, 'sub', 'b.portfolio.yaml'),
        clean
          .replace(/^outcomes:[\s\S]*?(?=^initiatives:)/m, '')
          .replace(/id: wms-rollout/, 'id: wms-b')
          .replace(/id: crm-addon/, 'id: crm-b'),
      );
      fs.symlinkSync('..', path.join(loop, 'sub', 'up'));
      fs.symlinkSync(path.join('sub', 'b.portfolio.yaml'), path.join(loop, 'link.portfolio.yaml'));
      return dir;
    }

    it('a glob through a symlink loop, and a folder search, count each file once and agree', () => {
      const dir = loopFolder();
      const glob = run(['check', 'loop/**/*.yaml', '--format', 'json', ...TODAY], dir);
      const walk = run(['check', 'loop', '--format', 'json', ...TODAY], dir);
      for (const r of [glob, walk]) {
        assert.equal(r.stderr, '');
        const json = JSON.parse(r.stdout);
        assert.deepEqual(
          json.files.map((f: { path: string }) => f.path),
          ['loop/a.portfolio.yaml', 'loop/link.portfolio.yaml'],
        );
        const duplicates = json.files
          .flatMap((f: { diagnostics: Array<{ code: string }> }) => f.diagnostics)
          .filter((d: { code: string }) => d.code === 'duplicate-id');
        assert.deepEqual(duplicates, []);
        assert.equal(json.summary.counts.initiatives, 4);
      }
      assert.equal(glob.stdout, walk.stdout);
    });

    it('a file named twice, or by its link and its own name, is checked once', () => {
      const dir = loopFolder();
      const r = run(['check', 'loop/sub/b.portfolio.yaml', 'loop/link.portfolio.yaml', 'loop/sub/b.portfolio.yaml', ...TODAY], dir);
      assert.equal(r.stderr, '');
      assert.match(r.stdout, /in 1 file$/m);
      assert.doesNotMatch(r.stdout, /duplicate-id/);
    });
  });

  describe('report --format json paths', () => {
    it('are relative to the working folder, as in check --format json (docs/cli.md)', () => {
      const dir = folder(['clean.portfolio.yaml']);
      fs.mkdirSync(path.join(dir, 'plans'));
      fs.renameSync(path.join(dir, 'clean.portfolio.yaml'), path.join(dir, 'plans', 'clean.portfolio.yaml'));
      const report = JSON.parse(run(['report', 'plans', '--format', 'json', ...TODAY], dir).stdout);
      const check = JSON.parse(run(['check', 'plans', '--format', 'json', ...TODAY], dir).stdout);
      const paths = (summary: { unlinked: Array<{ path: string }>; byOutcome: Array<{ path: string }>; goals: Array<{ path: string }> }) =>
        [...summary.unlinked, ...summary.byOutcome, ...summary.goals].map((r) => r.path);
      assert.ok(paths(report.summary).length > 0);
      for (const p of paths(report.summary)) assert.equal(p, 'plans/clean.portfolio.yaml');
      assert.deepEqual(paths(report.summary), paths(check.summary));
      const docs = fs.readFileSync(path.join(REPO_ROOT, 'docs/cli.md'), 'utf8');
      assert.match(docs, /`portfolio-align report --format json` prints[\s\S]{0,200}relative to the folder the command runs in/);
    });
  });
});
