import * as assert from 'node:assert/strict';
import type { CheckResult } from '../../../src/core/check/workspace';
import { assertClean, assertOverrides, assertSeverityByModel, check, portfolio, rangeIn, rangeOf, withCode } from '../helpers';

const valid = (model = 'provider') =>
  portfolio({
    metadata: { relationshipModel: model },
    outcomes: [{ measures: [{ kind: 'cost', metric: 'Cost per order', target: 11.4, due: '2027-12-31' }] }],
    initiatives: [
      {
        id: 'erp-upgrade',
        title: 'Upgrade ERP',
        cost: '1.2M',
        category: 'run',
        type: 'software-upgrade',
        status: 'in-progress',
        priority: 1,
        start: '2027-01-15',
        end: '2027-09-30',
      },
    ],
  });

/** The valid text with one line replaced (the old line must occur once). */
function edit(from: string, to: string, model = 'provider'): string {
  const text = valid(model);
  assert.equal(text.split(from).length, 2, `"${from}" occurs once`);
  return text.replace(from, to);
}

function schemaOnly(result: CheckResult) {
  const found = withCode(result, 'schema');
  assert.equal(found.length, 1, JSON.stringify(found.map((d) => d.message)));
  return found[0]!;
}

describe('rule schema', () => {
  it('does not fire for a valid file', () => {
    assertClean(check(valid()));
  });

  it('flags an unknown key at the key, with a did-you-mean', () => {
    const text = edit('    category: run\n', '    categroy: run\n');
    const d = schemaOnly(check(text));
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.range, rangeOf(text, 'categroy'));
    assert.match(d.message, /Unknown key "categroy"/);
    assert.match(d.message, /did you mean "category"\?/);
    assert.deepEqual(d.data, { kind: 'replace', text: 'category' });
  });

  it('flags an unknown top-level key with a did-you-mean', () => {
    const text = valid().replace('initiatives:\n', 'initiative:\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeIn(text, 'initiative:\n', 'initiative'));
    assert.match(d.message, /did you mean "initiatives"\?/);
  });

  it('flags an unknown key in a measure', () => {
    const text = edit('target: 11.4,', 'traget: 11.4,');
    const found = withCode(check(text), 'schema');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range, rangeOf(text, 'traget'));
    assert.match(found[0]!.message, /did you mean "target"\?/);
  });

  it('flags a bad enum value at the value, with the allowed values and a suggestion', () => {
    const text = edit('    status: in-progress\n', '    status: in-progres\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeIn(text, 'status: in-progres', 'in-progres'));
    assert.match(d.message, /"in-progres" is not a valid status/);
    assert.match(d.message, /proposed, approved, in-progress, done or cancelled/);
    assert.match(d.message, /Did you mean "in-progress"\?/);
  });

  it('flags a bad relationship model in metadata', () => {
    const text = edit('relationshipModel: provider', 'relationshipModel: partnr');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeIn(text, 'relationshipModel: partnr', 'partnr'));
    assert.match(d.message, /Did you mean "partner"\?/);
  });

  it('flags a value of the wrong type at the value', () => {
    const text = edit('    priority: 1\n', '    priority: high\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeIn(text, 'priority: high', 'high'));
    assert.match(d.message, /"priority" must be a (whole )?number, not text/);
  });

  it('flags outcomes written as a single id instead of a list', () => {
    const text = edit('    outcomes: [supply-chain-cost]\n', '    outcomes: supply-chain-cost\n');
    const found = withCode(check(text), 'schema');
    assert.equal(found.length, 1);
    assert.deepEqual(found[0]!.range, rangeIn(text, 'outcomes: supply-chain-cost', 'supply-chain-cost'));
    assert.match(found[0]!.message, /\[supply-chain-cost, order-to-cash\]/, 'it shows the accepted forms');
  });

  it("reports a missing required key at the item's id", () => {
    const text = edit('    title: Upgrade ERP\n', '');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeIn(text, 'id: erp-upgrade', 'erp-upgrade'));
    assert.match(d.message, /Missing required key "title" in an initiative/);
  });

  it('reports a missing apiVersion at the top of the file', () => {
    const text = valid().replace('apiVersion: portfolio/v1\n', '');
    const d = schemaOnly(check(text));
    assert.equal(d.range.start.line, 0);
    assert.match(d.message, /apiVersion: portfolio\/v1/);
  });

  it('flags the amount "3m" and says that k, M and B are accepted', () => {
    const text = edit('    cost: 1.2M\n', '    cost: 3m\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeIn(text, 'cost: 3m', '3m'));
    assert.match(d.message, /"m"/);
    assert.match(d.message, /\bk\b.*\bM\b.*\bB\b/);
  });

  it('flags an amount with thousands separators and offers the fix', () => {
    const text = edit('    cost: 1.2M\n', '    cost: "1,200,000"\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeOf(text, '"1,200,000"'));
    assert.deepEqual(d.data, { kind: 'replace', text: '1200000' });
  });

  it('quotes a currency that is not three capitals and suggests the closest code', () => {
    const text = edit('  currency: EUR\n', '  currency: EURO\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeIn(text, 'currency: EURO', 'EURO'));
    assert.equal(d.message, '"EURO" is not an ISO 4217 currency code: did you mean EUR?');
    assert.deepEqual(d.data, { kind: 'replace', text: 'EUR' });
    const lower = schemaOnly(check(edit('  currency: EUR\n', '  currency: usd\n')));
    assert.equal(lower.message, '"usd" is not an ISO 4217 currency code: did you mean USD?');
    const far = schemaOnly(check(edit('  currency: EUR\n', '  currency: Pounds sterling\n')));
    assert.equal(far.message, '"Pounds sterling" is not an ISO 4217 currency code: use a code in capitals, such as EUR or USD.');
    assert.equal(far.data, undefined, 'no fix offered when nothing is close');
  });

  it('refuses amounts YAML reads as numbers but not in plain digits, naming the accepted forms', () => {
    const cases: Array<[string, RegExp, string | undefined]> = [
      [
        '0x10',
        /^"0x10" is a hexadecimal number: write amounts in decimal digits\. Write an amount as 1200000, 900k, 1\.2M or 2B/,
        undefined,
      ],
      ['0o20', /^"0o20" is an octal number/, undefined],
      ['1.0e3', /^"1\.0e3" is written with an exponent: write amounts in decimal digits, such as 1000\./, '1000'],
      ['2.5e6', /such as 2500000\./, '2500000'],
      ['.5', /^"\.5" is not written in plain digits: write amounts in decimal digits, such as 0\.5\./, '0.5'],
    ];
    for (const [written, message, fix] of cases) {
      const text = edit('    cost: 1.2M\n', `    cost: ${written}\n`);
      const result = check(text);
      const d = schemaOnly(result);
      assert.deepEqual(d.range, rangeIn(text, `cost: ${written}`, written), written);
      assert.match(d.message, message, written);
      assert.deepEqual(d.data, fix === undefined ? undefined : { kind: 'replace', text: fix }, written);
      assert.equal(result.summary.totalSpend, 0, `${written} is not counted as an amount`);
    }
    // In capex/opex and in metadata.budget too.
    const split = edit('    cost: 1.2M\n', '    cost: { capex: 1e3, opex: 300k }\n');
    assert.match(schemaOnly(check(split)).message, /^"1e3" is written with an exponent/);
    const budget = edit('  brm: Dana Whitfield\n', '  brm: Dana Whitfield\n  budget: 0x10\n');
    assert.deepEqual(schemaOnly(check(budget)).range, rangeIn(budget, 'budget: 0x10', '0x10'));
    // The plain forms stay valid.
    for (const written of ['1200000', '1200000.50', '0.5', '900k']) assertClean(check(edit('    cost: 1.2M\n', `    cost: ${written}\n`)));
  });

  it('flags a date that does not exist', () => {
    const text = edit('    start: 2027-01-15\n', '    start: 2027-02-30\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeOf(text, '2027-02-30'));
    assert.match(d.message, /YYYY-MM-DD/);
  });

  it('flags a date in the wrong format', () => {
    const text = edit('    end: 2027-09-30\n', '    end: 30.09.2027\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeOf(text, '30.09.2027'));
    assert.match(d.message, /YYYY-MM-DD/);
  });

  it('flags an unknown rule id in metadata.rules, with a did-you-mean', () => {
    const text = edit('  brm: Dana Whitfield\n', '  brm: Dana Whitfield\n  rules: { unlinked-spnd: error }\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeOf(text, 'unlinked-spnd'));
    assert.match(d.message, /Unknown rule "unlinked-spnd"/);
    assert.match(d.message, /did you mean "unlinked-spend"\?/);
  });

  it('flags an unknown severity in metadata.rules', () => {
    const text = edit('  brm: Dana Whitfield\n', '  brm: Dana Whitfield\n  rules: { unlinked-spend: fatal }\n');
    const d = schemaOnly(check(text));
    assert.deepEqual(d.range, rangeOf(text, 'fatal'));
    assert.match(d.message, /error, warning, info or off/);
  });

  it('is an error under every relationship model', () => {
    assertSeverityByModel('schema', (model) => edit('    category: run\n', '    categroy: run\n', model));
  });

  it('follows metadata.rules, the caller rules (below the file) and forceRules (above it)', () => {
    assertOverrides('schema', edit('    category: run\n', '    categroy: run\n'), 'error');
  });
});
