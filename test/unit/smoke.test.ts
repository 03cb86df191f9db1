import * as assert from 'node:assert/strict';
import { Workspace } from '../../src/core/workspace';
describe('smoke', () => {
  it('checks', () => {
    const ws = new Workspace();
    ws.setFile('a.yaml', 'apiVersion: portfolio/v1\nkind: Portfolio\n');
    assert.equal(ws.check({ today: '2027-01-01' }).files[0]!.diagnostics.length, 0);
  });
});
