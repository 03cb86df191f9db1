// The contracts of the ledger's parts: the converter converts exactly or says why not (as data,
// with the place), the ledger reports structured currency problems, and the currency rule's
// findings of an unchanged ledger stay the same objects while typing.
import * as assert from 'node:assert/strict';
import { CurrencyConverter } from '../../src/core/check/currencyConverter';
import { Workspace } from '../../src/core/check/workspace';
import { rationalFromNumber } from '../../src/core/model/money';
import { readAmount, type AmountLiteral } from '../../src/core/model/model';
import { analysisOf, TODAY, yaml } from './helpers';

/** An amount as a file would have it at offset 100: "1.2M USD" and the like. */
function amount(text: string): AmountLiteral {
  return readAmount({ kind: 'scalar', value: text, start: 100, end: 100 + text.length })!;
}

function converter(to: string, rates: Record<string, number> = {}): CurrencyConverter {
  const made = new CurrencyConverter(to);
  for (const [from, rate] of Object.entries(rates)) made.addRate(from, to, rationalFromNumber(rate, String(rate))!);
  return made;
}

describe('currency converter', () => {
  it('converts exactly into minor units of the summary currency', () => {
    const eur = converter('EUR', { USD: 0.92, JPY: 0.0062 });
    assert.equal(eur.conversionOf(amount('1.2M'), 'EUR').minor, 120_000_000);
    assert.equal(eur.conversionOf(amount('1000 USD'), 'USD').minor, 92_000);
    assert.equal(eur.conversionOf(amount('1.2M USD'), 'USD').minor, 110_400_000);
    assert.equal(eur.conversionOf(amount('1000000 JPY'), 'JPY').minor, 620_000, 'JPY has no minor unit');
  });

  it('says why an amount cannot be converted, as data, at the place to fix', () => {
    const eur = converter('EUR', { USD: 0.92, JPY: 1 });
    const failure = (text: string, currency: string) => eur.conversionOf(amount(text), currency).failure;
    assert.deepEqual(failure('420k USX', 'USX'), { problem: { kind: 'unknown-currency', code: 'USX' }, start: 100, end: 108 });
    assert.deepEqual(failure('1.234', 'EUR'), { problem: { kind: 'too-precise', currency: 'EUR' }, start: 100, end: 105 });
    assert.deepEqual(failure('1.5 JPY', 'JPY'), { problem: { kind: 'too-precise', currency: 'JPY' }, start: 100, end: 107 });
    assert.deepEqual(failure('100000000000000B', 'EUR'), { problem: { kind: 'too-large' }, start: 100, end: 116 });
    assert.deepEqual(failure('9000000000000000 JPY', 'JPY'), { problem: { kind: 'too-large-converted', to: 'EUR' }, start: 100, end: 120 });
    assert.deepEqual(failure('10 GBP', 'GBP'), { problem: { kind: 'no-rate', from: 'GBP', to: 'EUR' }, start: 100, end: 106 });
    assert.equal(eur.conversionOf(amount('10 GBP'), 'GBP').minor, undefined, 'no figure with a problem');
  });

  it('keeps its conversion on the amount, and converts again under other rates', () => {
    const literal = amount('1000 USD');
    const first = converter('EUR', { USD: 0.92 });
    const made = first.conversionOf(literal, 'USD');
    assert.equal(first.conversionOf(literal, 'USD'), made, 'looked up, not redone');
    assert.equal(converter('EUR', { USD: 0.5 }).conversionOf(literal, 'USD').minor, 50_000);
    assert.equal(converter('EUR', { USD: 0.92 }).conversionOf(literal, 'USD').minor, 92_000);
  });
});

describe('ledger currency problems', () => {
  const file = (currency: string, rates: string, cost: string) => yaml`
    apiVersion: portfolio/v1
    kind: Portfolio
    metadata: { name: P, currency: ${currency}, rates: ${rates} }
    outcomes:
      - { id: a, title: A, owner: COO, measures: [{ kind: cost, metric: M, target: 1 }] }
    initiatives:
      - { id: crm, title: CRM, outcomes: [a], cost: ${cost}, owner: Sales IT }
  `;

  it('reports an amount it cannot convert as a structured problem at the amount', () => {
    const text = file('EUR', '{}', '420k USD');
    const { ledger } = analysisOf({ 'a.portfolio.yaml': text });
    assert.equal(ledger.currencyProblems.length, 1);
    const [problem] = ledger.currencyProblems;
    assert.equal(problem!.kind, 'no-rate');
    assert.deepEqual(problem!.kind === 'no-rate' && [problem!.from, problem!.to], ['USD', 'EUR']);
    assert.equal(problem!.file.path, 'a.portfolio.yaml');
    const { chunk, start, end } = problem!.span;
    assert.equal(text.slice(chunk.base + start, chunk.base + end), '420k USD');
    const literal = ledger.initiatives[0]!.item.model.cost!;
    assert.deepEqual(ledger.problemOf(literal), { kind: 'no-rate', from: 'USD', to: 'EUR' });
  });

  it('reports conflicting rates with the first declaration, the one it uses', () => {
    const first = file('EUR', '{ USD: 0.92 }', '1000 USD');
    const second = file('EUR', '{ USD: 0.95 }', '10');
    const { ledger } = analysisOf({ 'a.portfolio.yaml': first, 'b.portfolio.yaml': second });
    const [problem] = ledger.currencyProblems;
    assert.ok(problem?.kind === 'conflicting-rates', 'one conflict');
    assert.equal(ledger.currencyProblems.length, 1);
    assert.deepEqual(
      [problem.currency, problem.base, problem.text, problem.first.text, problem.first.file.path, problem.file.path],
      ['USD', 'EUR', '0.95', '0.92', 'a.portfolio.yaml', 'b.portfolio.yaml'],
    );
    assert.equal(ledger.initiatives[0]!.spend, 92_000, 'the first rate is used');
  });

  it('reports amounts with no currency anywhere once, at the first cost', () => {
    const text = yaml`
      apiVersion: portfolio/v1
      kind: Portfolio
      metadata: { name: P }
      initiatives:
        - { id: one, title: One, cost: 10, owner: IT }
        - { id: two, title: Two, cost: 20, owner: IT }
    `;
    const { ledger } = analysisOf({ 'a.portfolio.yaml': text });
    assert.deepEqual(
      ledger.currencyProblems.map((p) => [p.kind, text.slice(p.span.chunk.base + p.span.start, p.span.chunk.base + p.span.end)]),
      [['no-currency', '10']],
    );
  });

  it('gives the same currency finding and diagnostic objects while typing elsewhere', () => {
    const text = file('EUR', '{}', '420k USD') + '  - { id: erp, title: ERP, outcomes: [a], cost: 10, owner: Finance IT }\n';
    const workspace = new Workspace({ alwaysChunk: true });
    workspace.setFile('a.portfolio.yaml', text);
    const currencyOf = () =>
      workspace
        .analysis({ today: TODAY })
        .diagnostics.get('a.portfolio.yaml')!
        .find((d) => d.code === 'currency');
    const ledger = workspace.analysis({ today: TODAY }).ledger;
    const before = currencyOf();
    assert.ok(before, 'the currency problem is reported');
    const at = text.indexOf('Finance IT');
    assert.ok(workspace.editFile('a.portfolio.yaml', [{ start: at, end: at, text: 'X' }]));
    assert.equal(currencyOf(), before);
    assert.equal(workspace.analysis({ today: TODAY }).ledger, ledger, 'updated in place');
  });
});
