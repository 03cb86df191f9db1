// Small things the user reads: Markdown that shows ids as written, counts with separators.
import * as assert from 'node:assert/strict';
import { escapeMarkdown } from '../../src/core/summary/report/markdown';
import { plural } from '../../src/core/text/suggest';

describe('text the user reads', () => {
  it('Markdown export leaves hyphens inside text alone, and still escapes what would add markup', () => {
    assert.equal(escapeMarkdown('datacenter-refresh (phase 2)'), 'datacenter-refresh \\(phase 2\\)');
    assert.equal(escapeMarkdown('- not a list'), '\\- not a list');
    assert.equal(escapeMarkdown('# not a heading'), '\\# not a heading');
    assert.equal(escapeMarkdown('12. not a numbered item'), '12\\. not a numbered item');
    assert.equal(escapeMarkdown('[link](http://x) *bold* a|b <b>'), '\\[link\\]\\(http://x\\) \\*bold\\* a\\|b \\<b\\>');
    assert.equal(escapeMarkdown('one\n- two'), 'one \\- two'.replace(' \\-', ' -'));
  });

  it('counts have thousands separators', () => {
    assert.equal(plural(1552, 'initiative'), '1,552 initiatives');
    assert.equal(plural(1, 'initiative'), '1 initiative');
  });
});
