// Lint keeps the architecture honest: the engine stays free of vscode and of its shells,
// the webview talks only through the protocol.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shells = ['**/cli/**', '**/extension/**', '**/webview/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test/bench/.real-corpus/**', 'test/fixtures/**', 'test/e2e/fixtures/**', '.vscode-test/**', '**/*.vsix'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', Buffer: 'readonly', __dirname: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setImmediate: 'readonly', URL: 'readonly', AbortController: 'readonly', AbortSignal: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['src/engine/**'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [{ name: 'vscode', message: 'src/engine must not depend on vscode: pass what it needs in through an interface.' }],
        patterns: [{ group: shells, message: 'src/engine must not import the CLI, the extension or the webview.' }],
      }],
      'no-console': 'error',
      'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'The engine never exits the process; return or throw.' }],
    },
  },
  {
    files: ['src/protocol/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: [{ group: ['**/engine/**', ...shells], message: 'protocol holds plain types only.' }] }] },
  },
  {
    files: ['src/webview/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: [{ group: ['**/engine/**', '**/cli/**', '**/extension/**'], message: 'The webview only talks through src/protocol.' }] }] },
  },
  {
    files: ['src/cli/**'],
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'The CLI is a shell over the engine.' }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.js', 'test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
