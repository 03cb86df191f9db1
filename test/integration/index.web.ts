// Test entry for the web worker extension host (@vscode/test-web). Same suite as index.node.ts;
// the worker has no file system to list, so esbuild.js bundles every test/integration/*.test.ts
// into this file and passes their names in INTEGRATION_TESTS.
import 'mocha/mocha'; // mocha's browser build: defines the global `mocha`

declare const INTEGRATION_TESTS: string[];

export function run(): Promise<void> {
  return new Promise((resolve, reject) => {
    mocha.setup({ ui: 'tdd', reporter: undefined, timeout: 60_000 });
    if (INTEGRATION_TESTS.length === 0) throw new Error('no integration tests were bundled');
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- esbuild bundles these by name
    for (const name of INTEGRATION_TESTS) require(`./${name}.test.ts`);
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed.`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
}
