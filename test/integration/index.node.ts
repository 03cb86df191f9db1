// Test entry for Node extension hosts (code-server here, VS Code desktop through
// @vscode/test-electron): VS Code calls run() once the workbench is up; rejecting fails the run.
// Loads the *.test.js next to this file: esbuild.js builds one per test/integration/*.test.ts
// and passes their names in INTEGRATION_TESTS (stale files in dist/ are not run).
import Mocha from 'mocha';
import * as path from 'path';

declare const INTEGRATION_TESTS: string[];

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', color: false, timeout: 60_000, reporter: 'spec' });
  if (INTEGRATION_TESTS.length === 0) return Promise.reject(new Error('no integration tests were built'));
  for (const name of INTEGRATION_TESTS) mocha.addFile(path.join(__dirname, `${name}.test.js`));
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
  });
}
