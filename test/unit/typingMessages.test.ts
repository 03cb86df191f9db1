// Messages while a line is half typed: an unclosed quote, a key without its colon, a tab in the
// indentation. Each gives one error at the place to fix, in plain words, with a fix where there is
// an obvious one.
import * as assert from 'node:assert/strict';
import { fixesFor } from '../../src/core/features/fixes';
import { applyEdits } from './helpers';
import { FILE, TODAY, diagnostics, positionOf, workspaceOf, yaml } from './helpers';

function findings(text: string, alwaysChunk = false) {
  return diagnostics(workspaceOf(text, { alwaysChunk }).check({ today: TODAY }));
}

function errors(text: string, alwaysChunk = false) {
  return findings(text, alwaysChunk).filter((d) => d.severity === 'error');
}

const head = yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata:
    name: Typing
    currency: EUR
    brm: Dana Whitfield
  outcomes:
    - id: faster-invoicing
      title: Faster invoicing
      owner: CFO
  initiatives:
`;

/** List items written at the left margin, indented under initiatives:. */
function items(strings: TemplateStringsArray): string {
  return yaml(strings)
    .split('\n')
    .map((line) => (line ? `  ${line}` : line))
    .join('\n');
}

const unclosedQuote =
  head +
  items`
    - id: half-quoted
      title: "Half with broken quote
      owner: Finance IT
      cost: 10k
      outcomes: [faster-invoicing]
`;

describe('messages while typing', () => {
  for (const alwaysChunk of [false, true]) {
    const how = alwaysChunk ? 'read in chunks' : 'read whole';
    it(`reports an unclosed quote at the opening quote, in plain words, without a missing owner (${how})`, () => {
      const all = findings(unclosedQuote, alwaysChunk);
      const found = all.filter((d) => d.code === 'yaml-syntax');
      assert.equal(found.length, 1, JSON.stringify(found));
      const opening = unclosedQuote.indexOf('"Half');
      assert.deepEqual(found[0]!.range.start, positionOf(unclosedQuote, opening));
      assert.equal(found[0]!.range.end.line, found[0]!.range.start.line, 'the range stays on the line of the quote');
      assert.match(found[0]!.message, /quote \(".*never closed.*Add the closing "/);
      assert.ok(!all.some((d) => d.code === 'missing-owner'), 'the owner the quote swallowed is not reported missing');
    });
  }

  it('a key typed without its colon gives one error that suggests the key it starts (prefix match)', () => {
    const text =
      head +
      items`
      - id: half-key
        tit
        owner: Finance IT
        cost: 10k
        outcomes: [faster-invoicing]
    `;
    const found = errors(text);
    assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
    assert.equal(found[0]!.code, 'yaml-syntax');
    assert.deepEqual(found[0]!.range.start, positionOf(text, text.indexOf('tit\n')));
    assert.match(found[0]!.message, /"tit" is not followed by a colon.*Did you mean "title"\?/);
    const analysis = workspaceOf(text).analysis({ today: TODAY });
    const [fix] = fixesFor(analysis, FILE, found[0]!);
    assert.equal(fix?.title, 'Change to "title:"');
    assert.match(applyEdits(text, fix.edits), /\n {4}title:\n {4}owner: Finance IT/);
  });

  it('an unknown key that is the start of a known one suggests it', () => {
    const text =
      head +
      items`
      - id: short-key
        title: Short key
        own: Finance IT
        outcomes: [faster-invoicing]
    `;
    const [found] = findings(text).filter((d) => d.code === 'schema');
    assert.match(found?.message ?? '', /Unknown key "own" in an initiative: did you mean "owner"\?/);
  });

  it('offers to indent a tab-indented line with spaces, aligned with the key above, and the fix leaves no syntax error', () => {
    const text = head + '  - id: tabbed\n\ttitle: Tabbed\n    owner: Finance IT\n    outcomes: [faster-invoicing]\n';
    const analysis = workspaceOf(text).analysis({ today: TODAY });
    const found = analysis.diagnostics.get(FILE)!.find((d) => d.code === 'yaml-syntax' && /Tabs/.test(d.message));
    assert.ok(found, 'the tab is reported');
    assert.deepEqual(found.range.start, positionOf(text, text.indexOf('\ttitle')));
    const [fix] = fixesFor(analysis, FILE, found);
    assert.equal(fix?.title, 'Indent with 4 spaces instead of tabs');
    assert.ok(fix.safe, 'Fix all applies it');
    const fixed = applyEdits(text, fix.edits);
    assert.match(fixed, /\n {4}title: Tabbed\n/);
    assert.deepEqual(errors(fixed), []);
  });
});
