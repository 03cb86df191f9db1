import * as assert from 'node:assert/strict';
import { hover } from '../../../src/core/features/hover';
import { analysisOf, at, INITIATIVES, OUTCOMES } from '../helpers';

const O = 'o.portfolio.yaml';
const I = 'i.portfolio.yaml';

describe('hover', () => {
  const analysis = analysisOf({ [O]: OUTCOMES, [I]: INITIATIVES });

  it('describes an outcome reference: title, owner, capability, measures and linked spend', () => {
    const result = hover(analysis, I, at(INITIATIVES, 'supply-chain-cost]', 4))!;
    assert.deepEqual(result.range, { start: at(INITIATIVES, 'supply-chain-cost]'), end: at(INITIATIVES, 'supply-chain-cost]', 17) });
    const text = result.markdown;
    assert.match(text, /\*\*Cut the cost to run the supply chain\*\*/);
    assert.match(text, /owner COO · capability Supply chain/);
    // 1.5M from erp + 30% of (200k USD at 0.5 = 100k EUR) = 1,530,000.00; budget 2M → 77%.
    assert.match(text, /Linked spend: EUR 1,530,000\.00 from 2 initiatives, 77% of its EUR 2M budget/);
    assert.match(text, /Cost per order: baseline 12, actual 11, target 10, due 2027-12-31 \(on track\)/);
  });

  it('converts an amount in another currency and gives its share of total spend', () => {
    const text = hover(analysis, I, at(INITIATIVES, '"200k USD"', 3))!.markdown;
    assert.match(text, /^USD 200,000\.00\n= EUR 100,000\.00 at the declared rate/);
    // Total: 1.5M + 100k + 400k = 2M; 100k is 5.0%.
    assert.match(text, /5\.0% of total spend \(EUR 2M\)/);
  });

  it('says when a linked outcome does not exist', () => {
    const broken = INITIATIVES.replace('[supply-chain-cost]', '[nowhere]');
    const text = hover(analysisOf({ [O]: OUTCOMES, [I]: broken }), I, at(broken, 'nowhere', 2))!.markdown;
    assert.equal(text, 'No outcome has the id `nowhere`: the spend linked to it counts as unlinked.');
  });

  it('shows file text literally: no markup from a title gets through', () => {
    const hostile = OUTCOMES.replace('Get paid faster', '"[click](https://example.com) **bold** `code`"');
    const text = hover(analysisOf({ [O]: hostile, [I]: INITIATIVES }), I, at(INITIATIVES, 'order-to-cash: 70%', 2))!.markdown;
    assert.ok(text.includes('\\[click\\]\\(https://example\\.com\\) \\*\\*bold\\*\\* \\`code\\`'), text);
  });

  it('has nothing to say about plain text', () => {
    assert.equal(hover(analysis, I, at(INITIATIVES, 'Invoicing', 2)), undefined);
  });
});
