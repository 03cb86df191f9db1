// An error portfolio-align did not foresee is one line asking for a report, never a stack trace.
// In-process, since a child process cannot be made to fail this way: standard output throws.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { REPO_ROOT } from '../helpers';

describe('portfolio-align internal errors', () => {
  it('print one line with the message and where to report it, and exit 2', async () => {
    const errors: string[] = [];
    const failure = new TypeError('boom \u001b[2J');
    const code = await main(['check', path.join(REPO_ROOT, 'test/fixtures/cli/clean.portfolio.yaml'), '--today', '2027-06-15'], {
      cwd: REPO_ROOT,
      out: () => {
        throw failure;
      },
      err: (text) => errors.push(text),
    });
    assert.equal(code, 2);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.split('\n').length, 2, 'one line');
    assert.match(
      errors[0]!,
      /^portfolio-align: internal error: TypeError: boom \\x1b\[2J\. Please report it at https:\/\/github\.com\/.*\/issues/,
    );
    assert.doesNotMatch(errors[0]!, /\n\s+at /);
  });
});
