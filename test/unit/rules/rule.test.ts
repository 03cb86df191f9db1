// The helpers every rule shares (rule.ts); the rules themselves have one test file each.
import * as assert from 'node:assert/strict';
import { baseName } from '../../../src/core/check/findingHelpers';

describe('rule helpers: edges the mutation run found untested', () => {
  it('names a file by the last part of its path, decoding a URI but not a plain path', () => {
    assert.equal(baseName('/work/it/a.portfolio.yaml'), 'a.portfolio.yaml');
    assert.equal(baseName('C:\\work\\it\\a.portfolio.yaml'), 'a.portfolio.yaml');
    assert.equal(baseName('file:///work/it/my%20plan.portfolio.yaml'), 'my plan.portfolio.yaml');
    assert.equal(baseName('vscode-vfs://github/acme/it/my%20plan.portfolio.yaml'), 'my plan.portfolio.yaml');
    assert.equal(baseName('x://host/my%20plan.portfolio.yaml'), 'my plan.portfolio.yaml');
    // A plain path keeps its percent signs, also when a folder of it looks like a URI's scheme.
    assert.equal(baseName('/work/it/100%25.portfolio.yaml'), '100%25.portfolio.yaml');
    assert.equal(baseName('/srv/http://my%20plan.portfolio.yaml'), 'my%20plan.portfolio.yaml');
    assert.equal(baseName('1ab://host/my%20plan.portfolio.yaml'), 'my%20plan.portfolio.yaml');
    // A URI whose name is not valid percent-encoding keeps the name as written.
    assert.equal(baseName('file:///work/it/50%.portfolio.yaml'), '50%.portfolio.yaml');
  });
});
