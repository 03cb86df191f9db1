// Lint: typescript-eslint's recommended rules, and the layers of docs/design.md as errors.
import tseslint from 'typescript-eslint';

const NODE_MODULES = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'url', 'util', 'crypto', 'stream', 'events', 'buffer'];

/** A no-restricted-imports rule forbidding the given module patterns, with why. */
function forbid(groups) {
  return ['error', { patterns: groups.map(([group, message]) => ({ group, message })) }];
}

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.vscode-test/**', '.vscode-test-web/**', 'media/summary.js', 'test-artifacts/**', '**/*.js', '**/*.mjs', 'test/webview/probe/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests read JSON output and poke at internals: `any` is theirs to use.
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The engine runs in a web worker and the CLI: no editor, no Node.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([[['vscode'], 'src/core runs in a web worker and the CLI: it may not import vscode.'], [NODE_MODULES, 'src/core runs in a web worker: it may not import Node modules.'], [['**/extension/**', '**/cli/**', '**/webview/**', '**/engine/**'], 'src/core is the bottom layer: nothing above it may be imported.']]) },
  },
  {
    // The summary page gets plain data from its host: the zod schema stays out of its bundle.
    files: ['src/webview/page/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([[['vscode'], 'The summary page runs in a webview, not the extension host.'], [['**/core/model/schema', '**/core/model/validate', 'zod'], 'The summary page must not load the zod schema: take the words from core/model/enums.ts.'], [NODE_MODULES, 'The summary page runs in a browser.']]) },
  },
  {
    files: ['src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([[['vscode'], 'The CLI runs without VS Code.'], [['**/extension/**', '**/webview/**'], 'The CLI and the extension do not import each other: share code through src/core.']]) },
  },
  {
    files: ['src/extension/**/*.ts'],
    rules: { 'no-restricted-imports': forbid([[['**/cli/**'], 'The extension and the CLI do not import each other: share code through src/core.']]) },
  },
);
