// Bad input of any kind becomes a diagnostic, never an exception or a hang (docs/design.md).
import * as assert from 'node:assert/strict';
import type { CheckResult } from '../../src/core/check/workspace';
import { check, diagnostics, FILE, positionOf, rangeIn, rangeOf, withCode, yaml } from './helpers';

/** Checks the text; fails if it throws or gives no diagnostic; returns the result. */
function checkBad(text: string): CheckResult {
  const result = check(text);
  assert.ok(diagnostics(result).length > 0, 'bad input gives at least one diagnostic');
  assertRangesInside(text, result);
  return result;
}

function assertRangesInside(text: string, result: CheckResult): void {
  const lines = text.split('\n');
  for (const d of diagnostics(result)) {
    for (const p of [d.range.start, d.range.end]) {
      assert.ok(p.line >= 0 && p.line < lines.length, `line ${p.line} of ${lines.length}`);
      assert.ok(p.character >= 0 && p.character <= lines[p.line]!.length, `character ${p.character} of ${lines[p.line]!.length}`);
    }
  }
}

/** Deterministic pseudo-random bytes (xorshift32), so a failure can be reproduced. */
function randomBytes(count: number, seed: number): Buffer {
  const out = Buffer.alloc(count);
  let x = seed;
  for (let i = 0; i < count; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const HEAD = 'apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: Test portfolio\n  currency: EUR\n  brm: Dana Whitfield\n';

describe('bad input', function () {
  this.timeout(60_000);
  it('several YAML documents in one file: the extra one is flagged, the first is read', () => {
    const text = HEAD + 'initiatives:\n  - { id: a, title: A, cost: 100, owner: T }\n---\napiVersion: portfolio/v1\nkind: Portfolio\n';
    const result = checkBad(text);
    const extra = withCode(result, 'schema').find((d) => /one YAML document/.test(d.message));
    assert.ok(extra, 'the second document is reported');
    assert.equal(extra.range.start.line, positionOf(text, text.indexOf('---')).line);
    assert.equal(result.summary.counts.initiatives, 1);
  });

  it('an empty file', () => {
    for (const text of ['', '\n\n', '# only a comment\n', '---\n']) {
      const d = withCode(checkBad(text), 'schema');
      assert.equal(d.length, 1, JSON.stringify(text));
      assert.match(d[0]!.message, /no portfolio/);
      assert.equal(d[0]!.range.start.line, 0);
    }
  });

  it('a root that is a list', () => {
    const text = '- apiVersion: portfolio/v1\n- kind: Portfolio\n';
    assert.match(withCode(checkBad(text), 'schema')[0]!.message, /not a list/);
  });

  it('a root that is a scalar', () => {
    for (const text of ['hello\n', '42\n', 'true\n', '"apiVersion: portfolio/v1"\n']) {
      assert.match(withCode(checkBad(text), 'schema')[0]!.message, /not a single value/, text);
    }
  });

  it('list entries that are bare values: one schema error each, saying to write keys, and nothing else', () => {
    const text = HEAD + 'outcomes:\n  - 7\ninitiatives:\n  - 42\n  - erp-upgrade\n  -\n';
    const result = checkBad(text);
    const found = diagnostics(result);
    assert.deepEqual(
      found.map((d) => d.code),
      ['schema', 'schema', 'schema', 'schema'],
      found.map((d) => d.message).join('\n'),
    );
    assert.match(found[0]!.message, /^Each entry of outcomes must be a mapping of keys to values \(id:, title:, …\), not a whole number/);
    assert.match(found[1]!.message, /^Each entry of initiatives must be a mapping .* not a whole number/);
    assert.match(found[2]!.message, /not text/);
    assert.deepEqual(found[1]!.range, rangeOf(text, '42'));
    assert.equal(result.summary.counts.initiatives, 0);
  });

  it('tabs for indentation', () => {
    checkBad(HEAD + 'initiatives:\n\t- id: a\n\t  title: A\n');
    checkBad('apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n\tname: Test\n');
    checkBad(HEAD + 'initiatives:\n  - id: a\n\ttitle: A\n');
  });

  it('an alias bomb (billion laughs) finishes with a yaml-syntax diagnostic', () => {
    // Nine levels, each a list of nine aliases of the previous one: 9^9 = 387,420,489 nodes if expanded.
    const lines = [
      HEAD.trimEnd(),
      'outcomes:',
      '  - id: lol',
      '    title: Laughs',
      '    owner: X',
      '    a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
    ];
    for (let level = 1; level <= 9; level++)
      lines.push(
        `    a${level}: &a${level} [${Array(9)
          .fill(`*a${level - 1}`)
          .join(', ')}]`,
      );
    const text = lines.join('\n') + '\n';
    const result = checkBad(text);
    const bomb = withCode(result, 'yaml-syntax');
    assert.ok(bomb.length > 0);
    assert.match(bomb.map((d) => d.message).join(' '), /Aliases expand/);
  });

  it('binary junk: random bytes decoded as text', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const bytes = randomBytes(2000, (seed * 2654435761) >>> 0 || 1);
      checkBad(bytes.toString('utf8'));
      checkBad(bytes.toString('latin1'));
    }
  });

  it('NUL bytes and other control characters', () => {
    checkBad('\0\0\0\0');
    checkBad(HEAD + 'initiatives:\n  - id: a\0b\n    title: "\0"\n');
    checkBad('apiVersion: portfolio/v1\u0007\nkind: Portfolio\u001b[31m\n');
    checkBad('\uFEFF\uFEFFapiVersion: portfolio/v1\n');
    checkBad('\uD800 unpaired surrogate: \uDC00\n');
  });

  it('a __proto__ key is an unknown key and changes no prototype', () => {
    const text =
      HEAD +
      '__proto__: { polluted: yes }\ninitiatives:\n  - id: a\n    title: A\n    owner: T\n    __proto__: { polluted: yes }\n    constructor: { prototype: { polluted: yes } }\n';
    const result = checkBad(text);
    const unknown = withCode(result, 'schema').filter((d) => /Unknown key "__proto__"/.test(d.message));
    assert.deepEqual(
      unknown.map((d) => d.range),
      [rangeOf(text, '__proto__', 1), rangeOf(text, '__proto__', 2)],
    );
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
  });

  it('very long lines', () => {
    const long = 'x'.repeat(300_000);
    const text = HEAD + `initiatives:\n  - id: a\n    title: ${long}\n    owner: T\n    ${long}: 1\n`;
    const unknown = withCode(checkBad(text), 'schema').filter((d) => /^Unknown key/.test(d.message));
    assert.deepEqual(
      unknown.map((d) => d.range),
      [rangeIn(text, `    ${long}: 1`, long)],
    );
    checkBad(long);
    checkBad(HEAD + `initiatives: [${'{ id: a, title: A, owner: T }, '.repeat(2000)}`);
  });

  it('a 40,000-item file is read completely', function () {
    this.timeout(120_000); // a guard against a hang on a loaded machine, not a speed test
    // Every 10th initiative has no outcome: 4,000 unlinked, 36,000 linked, 1.25 each.
    const parts = [
      HEAD,
      'outcomes:\n  - id: o\n    title: O\n    owner: COO\n    measures:\n      - { kind: cost, metric: M, target: 1 }\n',
      'initiatives:\n',
    ];
    for (let i = 0; i < 40_000; i++) {
      parts.push(
        `  - id: i-${i}\n    title: Initiative ${i}\n${i % 10 === 0 ? '' : '    outcomes: [o]\n'}    cost: 1.25\n    owner: Team ${i % 7}\n`,
      );
    }
    const text = parts.join('');
    const result = check(text);
    const s = result.summary;
    assert.deepEqual(s.counts, { files: 1, outcomes: 1, initiatives: 40_000, cancelled: 0 });
    assert.equal(s.totalSpend, 40_000 * 125);
    assert.equal(s.unlinkedSpend, 4_000 * 125);
    assert.equal(s.alignedSpend, 36_000 * 125);
    assert.equal(s.unlinked.length, 4_000);
    assert.equal(s.byOutcome[0]!.initiatives, 36_000);
    const codes = new Map<string, number>();
    for (const d of diagnostics(result, FILE)) codes.set(d.code, (codes.get(d.code) ?? 0) + 1);
    assert.deepEqual(Object.fromEntries(codes), { 'unlinked-spend': 4_000 });
    assert.equal(withCode(result, 'unlinked-spend')[0]!.range.start.line, rangeOf(text, 'i-0\n').start.line);
    // Lines in the summary point at the item, wherever its chunk starts (1-based).
    const last = s.unlinked.find((u) => u.id === 'i-39990')!;
    assert.equal(last.line, rangeOf(text, 'i-39990\n').start.line + 1);
    assert.equal(s.unlinked.find((u) => u.id === 'i-0')!.line, rangeOf(text, 'i-0\n').start.line + 1);
  });
});

describe('bad input of a valid shape', () => {
  it('a well-formed file with every section empty is fine', () => {
    const result = check(yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: Empty, currency: EUR, brm: Dana Whitfield }
      outcomes: []
      initiatives: []
    `);
    assert.deepEqual(diagnostics(result), []);
    assert.equal(result.summary.alignmentScore, null);
  });
});
