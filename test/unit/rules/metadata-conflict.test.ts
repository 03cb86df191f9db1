import * as assert from 'node:assert/strict';
import { check, type Fields, portfolio, type PortfolioSpec, rangeIn, withCode } from '../helpers';

/** A file with metadata only, with no relationship model unless it says one. */
const file = (metadata: Fields, spec: PortfolioSpec = {}) =>
  portfolio({ metadata: { relationshipModel: null, ...metadata }, outcomes: null, initiatives: null, ...spec });

const A = 'a.portfolio.yaml';
const B = 'b.portfolio.yaml';

describe('rule metadata-conflict', () => {
  it('fires on each file when two files of a folder declare different names, saying which one the summary uses', () => {
    const a = file({ name: 'Acme IT' });
    const b = file({ name: 'IT portfolio FY2028' });
    const result = check({ [A]: a, [B]: b });
    const inA = withCode(result, 'metadata-conflict', A);
    const inB = withCode(result, 'metadata-conflict', B);
    assert.equal(inA.length, 1);
    assert.equal(inB.length, 1);
    assert.equal(inA[0]!.severity, 'warning');
    assert.deepEqual(inA[0]!.range, rangeIn(a, 'name: Acme IT', 'name'));
    assert.match(
      inB[0]!.message,
      /metadata\.name is "IT portfolio FY2028" here, but "Acme IT" in a\.portfolio\.yaml: the summary uses "Acme IT" from a\.portfolio\.yaml/,
    );
    assert.equal(
      inB[0]!.message,
      'metadata.name is "IT portfolio FY2028" here, but "Acme IT" in a.portfolio.yaml: the summary uses "Acme IT" from a.portfolio.yaml (the first file, by path, that declares it). Declare it in one file of the folder only, or give every file the same value.',
      'the whole message',
    );
    assert.equal(inB[0]!.related?.[0]?.path, A);
    assert.equal(result.summary.name, 'Acme IT', 'the message says what the summary does');
  });

  it('fires for a different model and BRM, and for two budgets (which add up), but not for a different currency', () => {
    const a = file({ name: 'Acme IT', relationshipModel: 'partner', budget: '5M', rates: '{ USD: 0.9 }' });
    const b = file({
      name: 'Acme IT',
      currency: 'USD',
      relationshipModel: 'provider',
      brm: 'Name of your Business Relationship Manager',
      budget: '2M',
      rates: '{ EUR: 1.1 }',
    });
    const messages = withCode(check({ [A]: a, [B]: b }), 'metadata-conflict', B).map((d) => d.message);
    assert.equal(messages.length, 3, messages.join('\n'));
    assert.ok(
      messages.some((m) => /^metadata\.relationshipModel is "provider" here.*files without a model of their own use "partner"/.test(m)),
    );
    assert.ok(!messages.some((m) => /currency/.test(m)), 'files in different currencies are converted, not in conflict');
    assert.ok(messages.some((m) => /^metadata\.brm is "Name of your Business Relationship Manager" here/.test(m)));
    assert.ok(
      messages.some((m) =>
        /^metadata\.budget is "2M" here, but "5M" in a\.portfolio\.yaml: the summary adds every file's budget together/.test(m),
      ),
    );
  });

  it('does not fire when the files agree, or when only one file declares a field', () => {
    assert.deepEqual(
      withCode(check({ [A]: file({ name: 'Acme IT' }, { outcomes: [] }), [B]: file({ name: 'Acme IT' }) }), 'metadata-conflict'),
      [],
    );
    const modelOnce = file({ name: 'Acme IT', currency: null, relationshipModel: 'peer', brm: null, budget: '1M' });
    assert.deepEqual(withCode(check({ [A]: modelOnce, [B]: file({ name: 'Acme IT' }) }), 'metadata-conflict'), []);
  });

  it('can be turned off in a file', () => {
    const quiet = file({ name: 'Other', rules: '{ metadata-conflict: off }' }, { outcomes: [] });
    const result = check({ [A]: file({ name: 'Acme IT' }), [B]: quiet });
    assert.deepEqual(withCode(result, 'metadata-conflict', B), []);
    assert.equal(withCode(result, 'metadata-conflict', A).length, 1);
  });
});

describe('rule metadata-conflict: edges the mutation run found untested', () => {
  const named = (name: string) => `apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  name: ${name}\n`;
  const budgeted = (budget: string) => `apiVersion: portfolio/v1\nkind: Portfolio\nmetadata:\n  budget: ${budget}\n`;
  const messagesIn = (files: Record<string, string>, path: string) =>
    withCode(check(files), 'metadata-conflict', path).map((d) => d.message);

  it('takes an empty or blank value for no declaration, and compares values without their spaces', () => {
    for (const other of ['', '""', '"   "', '" Acme IT "']) {
      assert.deepEqual(withCode(check({ [A]: named('Acme IT'), [B]: named(other) }), 'metadata-conflict'), [], `name: ${other}`);
    }
  });

  it('fires for the same budget declared twice (the two are added up), saying so', () => {
    const result = check({ [A]: budgeted('1M'), [B]: budgeted('1M') });
    const inB = withCode(result, 'metadata-conflict', B);
    assert.deepEqual(
      inB.map((d) => d.message),
      [
        'metadata.budget is "1M" here, but "1M" in a.portfolio.yaml: the summary adds every file\'s budget together. Keep the budget in one file of the folder, unless the budgets are meant to add up (then turn this rule off in these files).',
      ],
    );
    assert.deepEqual(
      inB[0]!.related?.map((r) => [r.path, r.message]),
      [[A, 'metadata.budget is "1M" here']],
    );
    assert.equal(withCode(result, 'metadata-conflict', A).length, 1);
  });

  it('shows a budget split into capex and opex as "{ capex, opex }"', () => {
    const messages = messagesIn({ [A]: budgeted('1M'), [B]: budgeted('{ capex: 1M, opex: 2M }') }, A);
    assert.deepEqual(
      messages.map((m) => m.split(':')[0]),
      ['metadata.budget is "1M" here, but "{ capex, opex }" in b.portfolio.yaml'],
    );
  });

  it('lists up to three other files, then how many more, and relates each file to another one', () => {
    const four = { [A]: named('One'), [B]: named('Two'), 'c.portfolio.yaml': named('Three'), 'd.portfolio.yaml': named('Four') };
    const tail = 'Declare it in one file of the folder only, or give every file the same value.';
    const rule = 'the summary uses "One" from a.portfolio.yaml (the first file, by path, that declares it)';
    assert.deepEqual(messagesIn(four, A), [
      `metadata.name is "One" here, but "Two" in b.portfolio.yaml, "Three" in c.portfolio.yaml, "Four" in d.portfolio.yaml: ${rule}. ${tail}`,
    ]);
    const five = { ...four, 'e.portfolio.yaml': named('Five') };
    assert.deepEqual(messagesIn(five, 'e.portfolio.yaml'), [
      `metadata.name is "Five" here, but "One" in a.portfolio.yaml, "Two" in b.portfolio.yaml, "Three" in c.portfolio.yaml, 1 more: ${rule}. ${tail}`,
    ]);
    const result = check(five);
    assert.deepEqual(
      ['a', 'b', 'e'].map((f) => withCode(result, 'metadata-conflict', `${f}.portfolio.yaml`)[0]!.related?.map((r) => [r.path, r.message])),
      [[[B, 'metadata.name is "Two" here']], [[A, 'metadata.name is "One" here']], [[A, 'metadata.name is "One" here']]],
    );
  });
});
