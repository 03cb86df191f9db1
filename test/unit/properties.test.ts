// Property-based tests: random and mutated YAML never makes the engine throw, every range it
// reports lies inside the document, and incremental re-parsing gives what a fresh parse gives.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import { generatePortfolio } from '../../bench/generate';
import { buildItemChunk } from '../../src/core/syntax/cst';
import { parseFile, type ChunkParse, type ParsedFile } from '../../src/core/syntax/parse';
import type { CheckResult } from '../../src/core/check/workspace';
import { Workspace } from '../../src/core/check/workspace';
import { REPO_ROOT, TODAY } from './helpers';

// The same cases on every run, so that CI is repeatable; PROPERTY_SEED=<number> explores others
// (a failure prints its seed and counterexample).
fc.configureGlobal({ seed: Number(process.env.PROPERTY_SEED ?? 20261128) });

const SEEDS = [
  ...fs
    .readdirSync(path.join(REPO_ROOT, 'examples'))
    .filter((f) => f.endsWith('.portfolio.yaml'))
    .map((f) => path.join(REPO_ROOT, 'examples', f)),
  ...fs.readdirSync(path.join(REPO_ROOT, 'test/fixtures/summary')).map((f) => path.join(REPO_ROOT, 'test/fixtures/summary', f)),
].map((file) => fs.readFileSync(file, 'utf8'));

/** Characters and fragments that mean something to YAML, plus some that mean nothing. */
const PIECES = [
  ' ',
  '  ',
  '\n',
  '\t',
  '\r\n',
  ':',
  ': ',
  '- ',
  '-',
  '#',
  '[',
  ']',
  '{',
  '}',
  ',',
  '"',
  "'",
  '&a ',
  '*a',
  '!',
  '!!str ',
  '|',
  '>',
  '?',
  '%',
  '@',
  '`',
  '---\n',
  '...\n',
  '\\',
  '0',
  '1.5',
  'k',
  'M',
  'x',
  'id',
  'outcomes',
  'initiatives',
  'cost',
  'USD',
  '100%',
  '\0',
  '\uFEFF',
  '\u2028',
  'é',
  '💥',
];

const piece = fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 3 }));

/** One random edit of a text, as a function so that sequences can be replayed. */
type Edit = (text: string) => string;

const at = (text: string, fraction: number) => Math.floor(fraction * (text.length + 1));
const lineBounds = (text: string, fraction: number) => {
  const lines = text.split('\n');
  const index = Math.min(lines.length - 1, Math.floor(fraction * lines.length));
  const start = lines.slice(0, index).reduce((n, l) => n + l.length + 1, 0);
  return { index, lines, start, end: start + lines[index]!.length };
};

const edit: fc.Arbitrary<Edit> = fc.oneof(
  // insert
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), piece).map(
    ([f, s]): Edit =>
      (t) =>
        t.slice(0, at(t, f)) + s + t.slice(at(t, f)),
  ),
  // delete a few characters
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 1, max: 12 })).map(
    ([f, n]): Edit =>
      (t) =>
        t.slice(0, at(t, f)) + t.slice(at(t, f) + n),
  ),
  // replace a character
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), piece).map(
    ([f, s]): Edit =>
      (t) =>
        t.slice(0, at(t, f)) + s + t.slice(at(t, f) + 1),
  ),
  // delete a line
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Edit => (t) => {
    const { index, lines } = lineBounds(t, f);
    return lines.filter((_, i) => i !== index).join('\n');
  }),
  // duplicate a line
  fc.double({ min: 0, max: 1, noNaN: true }).map((f): Edit => (t) => {
    const { index, lines } = lineBounds(t, f);
    return [...lines.slice(0, index + 1), lines[index]!, ...lines.slice(index + 1)].join('\n');
  }),
  // move a line elsewhere
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })).map(([f, g]): Edit => (t) => {
    const { index, lines } = lineBounds(t, f);
    const rest = lines.filter((_, i) => i !== index);
    const to = Math.floor(g * (rest.length + 1));
    return [...rest.slice(0, to), lines[index]!, ...rest.slice(to)].join('\n');
  }),
  // change the indentation of a line
  fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: -4, max: 4 })).map(([f, n]): Edit => (t) => {
    const { start, end } = lineBounds(t, f);
    const line = t.slice(start, end);
    const changed = n >= 0 ? ' '.repeat(n) + line : line.replace(new RegExp(`^ {0,${-n}}`), '');
    return t.slice(0, start) + changed + t.slice(end);
  }),
);

const mutated = fc
  .tuple(fc.constantFrom(...SEEDS), fc.array(edit, { minLength: 1, maxLength: 8 }))
  .map(([seed, edits]) => edits.reduce((text, e) => e(text), seed));

const randomYaml = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'apiVersion: portfolio/v1\n',
        'kind: Portfolio\n',
        'metadata:\n',
        '  name: x\n',
        '  currency: EUR\n',
        '  rates: { USD: 0.92 }\n',
        'outcomes:\n',
        'initiatives:\n',
        '  - id: a\n',
        '  - id: o\n',
        '    title: T\n',
        '    cost: 1.2M\n',
        '    cost: { capex: 1, opex: 2, currency: USD }\n',
        '    outcomes: [o]\n',
        '    outcomes: { o: 60%, a: 40% }\n',
        '    dependsOn: [a]\n',
        '    measures:\n',
        '      - { kind: cost, metric: m, target: 1 }\n',
      ),
      piece,
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(''));

function assertRangesInside(texts: Map<string, string>, result: CheckResult): void {
  const inside = (
    file: string,
    range: { start: { line: number; character: number }; end: { line: number; character: number } },
    what: string,
  ) => {
    const lines = texts.get(file)!.split('\n');
    for (const p of [range.start, range.end]) {
      assert.ok(Number.isInteger(p.line) && p.line >= 0 && p.line < lines.length, `${what}: line ${p.line} of ${lines.length}`);
      assert.ok(
        Number.isInteger(p.character) && p.character >= 0 && p.character <= lines[p.line]!.length,
        `${what}: character ${p.character} of ${lines[p.line]!.length}`,
      );
    }
    const ordered =
      range.start.line < range.end.line || (range.start.line === range.end.line && range.start.character <= range.end.character);
    assert.ok(ordered, `${what}: start after end`);
  };
  for (const file of result.files) {
    for (const d of file.diagnostics) {
      inside(file.path, d.range, `${d.code} in ${file.path}`);
      for (const r of d.related ?? []) inside(r.path, r.range, `related of ${d.code}`);
    }
  }
}

function checkTexts(texts: Map<string, string>, alwaysChunk: boolean): CheckResult {
  const workspace = new Workspace({ alwaysChunk });
  for (const [file, text] of texts) workspace.setFile(file, text);
  return workspace.check({ today: TODAY });
}

/** The one change that turns `before` into `after`: what an editor would send for the edit. */
function changeBetween(before: string, after: string): { start: number; end: number; text: string } {
  let start = 0;
  while (start < before.length && start < after.length && before[start] === after[start]) start++;
  let end = 0;
  while (end < before.length - start && end < after.length - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return { start, end: before.length - end, text: after.slice(start, after.length - end) };
}

/** Checks `incremental` and a fresh workspace holding `texts`: both must give the same results. */
function assertSameAsFresh(incremental: Workspace, texts: ReadonlyMap<string, string>): void {
  const fresh = new Workspace({ alwaysChunk: true });
  for (const [file, text] of texts) fresh.setFile(file, text);
  const a = incremental.check({ today: TODAY });
  const b = fresh.check({ today: TODAY });
  assert.deepEqual(a.files, b.files);
  assert.deepEqual(a.summary, b.summary);
}

/** A seed file, up to ten edits of it, and after which of them to check in between. */
const editSequence = fc.tuple(
  fc.constantFrom(...SEEDS),
  fc.array(edit, { minLength: 1, maxLength: 10 }),
  fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
);

/**
 * Applies `edits` to one workspace through `apply` and then checks that it gives what a fresh
 * workspace gives for the final text (and holds exactly that text).
 */
function replayEdits(
  seed: string,
  edits: readonly Edit[],
  checkAfter: readonly boolean[],
  apply: (workspace: Workspace, before: string, after: string) => void,
): void {
  const incremental = new Workspace({ alwaysChunk: true });
  let text = seed;
  incremental.setFile('a.portfolio.yaml', text);
  incremental.check({ today: TODAY });
  edits.forEach((e, i) => {
    const next = e(text);
    apply(incremental, text, next);
    text = next;
    // Checking in between exercises the memoised items and models too.
    if (checkAfter[i]) incremental.check({ today: TODAY });
  });
  assert.equal(incremental.getFile('a.portfolio.yaml')!.text, text);
  assertSameAsFresh(incremental, new Map([['a.portfolio.yaml', text]]));
}

describe('properties', function () {
  // Hundreds of checks per property: a guard against a hang on a loaded machine, not a speed test.
  this.timeout(120_000);
  it('mutated example files never make check throw, and every range lies inside its document', () => {
    fc.assert(
      fc.property(mutated, fc.boolean(), (text, alwaysChunk) => {
        const texts = new Map([
          ['a.portfolio.yaml', text],
          ['outcomes.portfolio.yaml', SEEDS[1]!],
        ]);
        assertRangesInside(texts, checkTexts(texts, alwaysChunk));
      }),
      { numRuns: 150 },
    );
  });

  it('random YAML never makes check throw, and every range lies inside the document', () => {
    fc.assert(
      fc.property(randomYaml, fc.boolean(), (text, alwaysChunk) => {
        const texts = new Map([['a.portfolio.yaml', text]]);
        assertRangesInside(texts, checkTexts(texts, alwaysChunk));
      }),
      { numRuns: 200 },
    );
  });

  it('a sequence of edits to one workspace gives what a fresh workspace gives for the final text', () => {
    fc.assert(
      fc.property(editSequence, ([seed, edits, checkAfter]) => {
        replayEdits(seed, edits, checkAfter, (workspace, _before, after) => {
          workspace.setFile('a.portfolio.yaml', after);
        });
      }),
      { numRuns: 100 },
    );
  });

  it('edits sent as text changes give what a fresh workspace gives for the final text', () => {
    fc.assert(
      fc.property(editSequence, ([seed, edits, checkAfter]) => {
        replayEdits(seed, edits, checkAfter, (workspace, before, after) => {
          assert.ok(workspace.editFile('a.portfolio.yaml', [changeBetween(before, after)]));
        });
      }),
      { numRuns: 150 },
    );
  });
});

/** One initiative of the generated file below, as the fields a planner types into. */
interface Initiative {
  id: string;
  title: string;
  cost: string;
  actual?: string;
  outcomes: string;
  status: string;
  type: string;
}

function initiativesText(items: readonly Initiative[]): string {
  const lines = ['apiVersion: portfolio/v1', 'kind: Portfolio', 'metadata:', '  name: Typing', '  currency: EUR', 'initiatives:'];
  for (const item of items) {
    lines.push(
      `  - id: ${item.id}`,
      `    title: ${item.title}`,
      `    owner: Team`,
      `    type: ${item.type}`,
      `    status: ${item.status}`,
      `    cost: ${item.cost}`,
    );
    if (item.actual) lines.push(`    actualCost: ${item.actual}`);
    lines.push(`    outcomes: ${item.outcomes}`);
  }
  return lines.join('\n') + '\n';
}

/** The outcomes, and the USD rate that applies to the other file too. */
const outcomesText = (usdRate: string) =>
  [
    'apiVersion: portfolio/v1',
    'kind: Portfolio',
    'metadata:',
    '  name: Outcomes',
    '  currency: EUR',
    `  rates: { USD: ${usdRate} }`,
    'outcomes:',
    ...['o0', 'o1', 'o2', 'o3'].flatMap((id, i) => [
      `  - id: ${id}`,
      `    title: Outcome ${i}`,
      '    owner: Sponsor',
      `    budget: ${i + 1}M`,
    ]),
  ].join('\n') + '\n';

/** Changes a planner makes inside one initiative (none changes its id), or to the USD rate in the other file (k = -1). */
const fieldChange = fc.tuple(
  fc.integer({ min: -1, max: 7 }),
  fc.oneof(
    fc
      .constantFrom('100k', '2.5M', '0', '1.2M USD', '3m', '{ capex: 10k, opex: 5k }', '"12 GBP"')
      .map((cost) => (i: Initiative) => ({ ...i, cost })),
    fc.constantFrom(undefined, '90k', '3M', '1M USD').map((actual) => (i: Initiative) => ({ ...i, actual })),
    fc
      .constantFrom('[o0]', '[o1, o2]', '{ o0: 60%, o3: 40% }', '[]', '[missing]', '{ o1: 30% }', '[o0, o0]')
      .map((outcomes) => (i: Initiative) => ({ ...i, outcomes })),
    fc.constantFrom('proposed', 'cancelled', 'done', 'in-progress').map((status) => (i: Initiative) => ({ ...i, status })),
    fc.constantFrom('application', 'infrastructure', 'software-upgrade').map((type) => (i: Initiative) => ({ ...i, type })),
    fc.string({ maxLength: 6 }).map((s) => (i: Initiative) => ({ ...i, title: `T${s.replace(/[^A-Za-z0-9 ]/g, '')}` })),
  ),
);

describe('properties of checks updated in place', function () {
  this.timeout(120_000);
  it('typing inside initiatives of a two-file workspace gives, after every change, what a fresh workspace gives', () => {
    const start: Initiative[] = Array.from({ length: 8 }, (_, k) => ({
      id: `i${k}`,
      title: `Initiative ${k}`,
      cost: k % 2 ? `${k + 1}00k` : `${k + 1}00k USD`,
      outcomes: k % 3 === 0 ? '[]' : `[o${k % 4}]`,
      status: 'approved',
      type: 'application',
    }));
    fc.assert(
      fc.property(fc.array(fieldChange, { minLength: 1, maxLength: 12 }), (changes) => {
        const incremental = new Workspace({ alwaysChunk: true });
        let items = start;
        let usdRate = '0.9';
        let text = initiativesText(items);
        incremental.setFile('outcomes.portfolio.yaml', outcomesText(usdRate));
        incremental.setFile('work.portfolio.yaml', text);
        incremental.check({ today: TODAY });
        for (const [k, change] of changes) {
          if (k === -1) {
            const before = outcomesText(usdRate);
            usdRate = usdRate === '0.9' ? '1.25' : '0.9';
            assert.ok(incremental.editFile('outcomes.portfolio.yaml', [changeBetween(before, outcomesText(usdRate))]));
          }
          items = items.map((item, i) => (i === k ? change(item) : item));
          const next = initiativesText(items);
          if (next !== text) assert.ok(incremental.editFile('work.portfolio.yaml', [changeBetween(text, next)]));
          text = next;
          assertSameAsFresh(
            incremental,
            new Map([
              ['outcomes.portfolio.yaml', outcomesText(usdRate)],
              ['work.portfolio.yaml', text],
            ]),
          );
        }
      }),
      { numRuns: 150 },
    );
  });
});

/** Each chunk as the engine reads it: where it starts, its problems, and its tree. */
function chunkTrees(parsed: ParsedFile): Array<{ base: number; tree: unknown; problems: ChunkParse['problems'] }> {
  return parsed.chunks.map((chunk) => ({ base: chunk.base, tree: chunk.parse.root, problems: chunk.parse.problems }));
}

/** Parsed chunk by chunk, each chunk composed by the library as it is (the reference). */
function composedChunkByChunk(text: string): ParsedFile {
  return parseFile(text, { alwaysChunk: true, composeItems: true });
}

describe('properties of opening a file', function () {
  this.timeout(120_000);
  it('reads every item of a plain file straight from the syntax tree, exactly as composing its chunk gives it', () => {
    // The examples and a generated file are in the plain layout (the summary fixtures nest flow
    // collections, which are composed instead).
    const examples = fs
      .readdirSync(path.join(REPO_ROOT, 'examples'))
      .filter((f) => f.endsWith('.portfolio.yaml'))
      .map((f) => fs.readFileSync(path.join(REPO_ROOT, 'examples', f), 'utf8'));
    const emptyAndComments = [
      'apiVersion: portfolio/v1',
      'kind: Portfolio',
      'initiatives:',
      '  - id: a',
      '    title:',
      '    owner:   # to be named',
      '    outcomes: []',
      '    cost: 100k',
      '  # between items',
      '',
      '# A heading at the left margin',
      '  - id: b',
      "    title: 'It''s quoted'",
      '    cost: "1.2M"',
      '    dependsOn:',
      '      - a',
      '      -',
      '      # last',
      '    # the end of b',
      '  -',
      '  - just a scalar # with a comment',
      '  - id: c',
      '    outcomes: {}',
      '    priority: 0x1F',
      '    status: ~',
      // Every kind of plain scalar the core schema reads, and look-alikes that stay text.
      '    scalars: [no, Null, NULL, null, +12, -7, .inf, -.Inf, .NaN, 1e3, -.5, 2., TRUE, false, 0o17, 12abc, nullable, trueish, 0x1G, 1.2M]',
      '',
    ].join('\n');
    const texts = [
      ...examples,
      emptyAndComments,
      initiativesText(
        Array.from({ length: 30 }, (_, k) => ({
          id: `i${k}`,
          title: `T ${k} # not a comment`,
          cost: k % 2 ? '"1.2M USD"' : '{ capex: 900k, opex: 300k, currency: USD }',
          outcomes: k % 3 ? '{ o1: 60%, o2: 40% }' : '[\'o1\', "o2"]',
          status: 'done',
          type: 'data',
        })),
      ),
    ];
    for (const text of texts) {
      const built = parseFile(text, { alwaysChunk: true });
      for (const chunk of built.chunks)
        if (chunk.role) assert.ok(buildItemChunk(chunk.parse.text), `the plain layout is read from the syntax tree: ${chunk.parse.text}`);
      assert.deepEqual(chunkTrees(built), chunkTrees(composedChunkByChunk(text)));
    }
    for (const text of SEEDS) assert.deepEqual(chunkTrees(parseFile(text, { alwaysChunk: true })), chunkTrees(composedChunkByChunk(text)));
  });

  it('reads control characters, bidi overrides and odd line breaks in items as composing their chunk gives them', () => {
    // Raw and escaped C0/C1 controls, DEL, NUL, the Unicode line and paragraph separators, NEL (a
    // line break in YAML 1.1 only) and bidi overrides, in plain, quoted and block scalars and keys.
    const hostile = [
      '\u0000',
      '\u0007',
      '\u001b[2J',
      '\u007f',
      '\u0085',
      '\u009b',
      '\u2028',
      '\u2029',
      '\u202e',
      '\u2066',
      '\ufeff',
      '\r',
      '\t',
    ];
    for (const c of hostile) {
      const text = [
        'apiVersion: portfolio/v1',
        'initiatives:',
        `  - id: a${c}b`,
        `    title: "x${c}y \\e \\x1b \\u202E"`,
        `    owner: 'q${c}'`,
        `    note${c}: v`,
        '    description: |',
        `      line ${c} one`,
        `  - id: c`,
        `    title: plain ${c} end # c${c}`,
        '',
      ].join('\n');
      assert.deepEqual(chunkTrees(parseFile(text, { alwaysChunk: true })), chunkTrees(composedChunkByChunk(text)), JSON.stringify(c));
    }
  });

  it("reads every item of the bench's 10,000-initiative file as composing its chunk gives it", () => {
    const text = generatePortfolio({ initiatives: 10_000 });
    const built = parseFile(text, { alwaysChunk: true });
    assert.ok(built.chunks.length > 10_000);
    assert.deepEqual(chunkTrees(built), chunkTrees(composedChunkByChunk(text)));
  });

  it('reads every item of a mutated file as composing its chunk gives it, from the syntax tree or not', () => {
    fc.assert(
      fc.property(mutated, (text) => {
        assert.deepEqual(chunkTrees(parseFile(text, { alwaysChunk: true })), chunkTrees(composedChunkByChunk(text)));
      }),
      { numRuns: 400 },
    );
  });
});
