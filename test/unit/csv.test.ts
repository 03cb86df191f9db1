import * as assert from 'node:assert/strict';
import { renderCsv } from '../../src/core/summary/report/csv';
import { check, yaml } from './helpers';

const portfolio = yaml`
  apiVersion: portfolio/v1
  kind: Portfolio
  metadata: { name: CSV, currency: EUR, brm: Dana Whitfield, rates: { USD: 0.92 } }
  outcomes:
    - { id: uptime, title: Uptime, owner: COO, measures: [{ kind: quality, metric: OEE, target: 97 }] }
  initiatives:
    - { id: counted, title: Counted, outcomes: [uptime], cost: 1000, owner: IT }
    - { id: real-zero, title: Real zero, outcomes: [uptime], cost: 0, owner: IT }
    - { id: no-rate, title: No rate, outcomes: [uptime], cost: 500 GBP, owner: IT }
    - { id: invalid, title: Invalid, outcomes: [uptime], cost: 3m, owner: IT }
    - { id: decimals, title: Decimals, outcomes: [uptime], cost: 10.005, owner: IT }
    - { id: actual-only, title: Actual only, outcomes: [uptime], actualCost: 7 GBP, owner: IT }
`;

/** The CSV's rows as objects keyed by the header's column names (RFC 4180 quoting; no line breaks in fields here). */
function rows(text: string): Array<Record<string, string>> {
  const [header, ...lines] = text.trimEnd().split('\r\n').map(fields);
  return lines.map((line) => Object.fromEntries(line.map((value, i) => [header![i]!, value])));
}

function fields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!));
}

describe('CSV report', () => {
  it('leaves the amounts of an initiative whose amount was not counted empty, and says why in note', () => {
    const byId = new Map(rows(renderCsv(check(portfolio).summary)).map((row) => [row.id, row]));
    assert.deepEqual([byId.get('counted')!.spend_EUR, byId.get('counted')!.note], ['1000.00', '']);
    assert.deepEqual(
      [byId.get('real-zero')!.spend_EUR, byId.get('real-zero')!.aligned_EUR, byId.get('real-zero')!.note],
      ['0.00', '0.00', ''],
      'a real zero stays 0.00',
    );
    for (const id of ['no-rate', 'invalid', 'decimals', 'actual-only']) {
      const row = byId.get(id)!;
      assert.deepEqual([row.spend_EUR, row.aligned_EUR, row.unlinked_EUR], ['', '', ''], id);
    }
    assert.match(byId.get('no-rate')!.note!, /^cost not counted: No exchange rate from GBP to EUR/);
    assert.equal(byId.get('invalid')!.note, 'cost not counted: it is not a valid amount (see the schema problem)');
    assert.match(byId.get('decimals')!.note!, /^cost not counted: This amount has more decimals than EUR has \(2\)/);
    assert.match(byId.get('actual-only')!.note!, /^actualCost not counted: No exchange rate from GBP to EUR/);
  });

  it('ends its header with the note column', () => {
    const header = renderCsv(check(portfolio).summary).split('\r\n')[0];
    assert.equal(
      header,
      'id,title,category,type,owner,status,priority,spend_EUR,aligned_EUR,unlinked_EUR,outcomes,unlinked_reason,path,line,note',
    );
  });
});
