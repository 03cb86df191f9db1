// src/core/syntax/cst.ts mirrors parts of the `yaml` library's composer: an upgrade of the library must
// be checked against it before it ships (cst.ts's header says what to re-check).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { YAML_CHECKED_VERSION } from '../../src/core/syntax/cst';
import { REPO_ROOT } from './helpers';

function readJson(file: string): { version?: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string> } {
  return JSON.parse(fs.readFileSync(path.join(REPO_ROOT, file), 'utf8'));
}

describe('the yaml library version', () => {
  it('installed is the one src/core/syntax/cst.ts was checked against', () => {
    const installed = readJson('node_modules/yaml/package.json').version;
    assert.equal(
      installed,
      YAML_CHECKED_VERSION,
      `yaml ${installed} is installed but cst.ts was checked against ${YAML_CHECKED_VERSION}: re-check the composer functions its header names, run the property tests, then update YAML_CHECKED_VERSION`,
    );
  });

  it('is pinned exactly in package.json (bundled, so a development dependency), so that npm cannot move it', () => {
    assert.equal(readJson('package.json').devDependencies?.yaml, YAML_CHECKED_VERSION);
  });
});
