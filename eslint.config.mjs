// Lint keeps the architecture honest: the engine stays free of vscode and of its shells,
// the webview talks only through the protocol.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const shells = ['**/cli/**', '**/extension/**', '**/webview/**'];

/** Shells import the engine through its index only: what it exports is its API. */
const ENGINE_INDEX_ONLY = { group: ['**/engine/*', '**/engine/**/*', '!**/engine/index'], message: 'Shells import src/engine (its index) only; export what you need from src/engine/index.ts.' };

/** Engine folders in layer order: a folder may import those before it, never those after. */
const LAYERS = [
  ['present', 'git', 'adapters'],
  ['scanner'],
  ['config'],
  ['ledger'],
  ['interest'],
  ['sprints'],
  ['metrics'],
  ['check', 'report', 'export', 'trackers', 'page'],
  ['workspace', 'session'],
];

/** One rule set per layer: vscode and the shells are out everywhere, later layers are out too. */
function engineLayers() {
  const base = {
    'no-console': 'error',
    'no-restricted-properties': ['error', { object: 'process', property: 'exit', message: 'The engine never exits the process; return or throw.' }],
  };
  const rule = (later, from = '../') => [
    'error',
    {
      paths: [{ name: 'vscode', message: 'src/engine must not depend on vscode: pass what it needs in through an interface.' }],
      patterns: [
        { group: shells, message: 'src/engine must not import the CLI, the extension or the webview.' },
        ...(later.length ? [{ group: later.flatMap((d) => [`${from}${d}`, `${from}${d}/**`]), message: `layer order (docs/architecture.md): this layer must not import ${later.join(', ')}.` }] : []),
      ],
    },
  ];
  const all = LAYERS.flat();
  const configs = [
    // The model, errors, ports and small shared concepts (src/engine/*.ts) import no layer.
    { files: ['src/engine/*.ts'], ignores: ['src/engine/index.ts'], rules: { ...base, 'no-restricted-imports': rule(all, './') } },
    { files: ['src/engine/index.ts'], rules: { ...base, 'no-restricted-imports': rule([]) } },
  ];
  LAYERS.forEach((layer, i) => {
    // Folders of one layer do not import each other either (git ← adapters is the one exception).
    const later = LAYERS.slice(i + 1).flat();
    for (const folder of layer) {
      const siblings = layer.filter((d) => d !== folder && !(folder === 'adapters' && d === 'git') && !(folder === 'session' && d === 'workspace'));
      configs.push({ files: [`src/engine/${folder}/**`], rules: { ...base, 'no-restricted-imports': rule([...later, ...siblings]) } });
    }
  });
  return configs;
}

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
  // The engine's layers, each importing only those before it (docs/architecture.md):
  // model/errors/ports ← present/git/adapters ← scanner ← config ← ledger ← sprints ← metrics ←
  // check/report/export/trackers ← workspace (and the session, its long-lived twin).
  ...engineLayers(),
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
    rules: { 'no-restricted-imports': ['error', { paths: ['vscode'], patterns: [{ group: ['**/extension/**', '**/webview/**'], message: 'The CLI is a shell over the engine.' }, ENGINE_INDEX_ONLY] }] },
  },
  {
    files: ['src/extension/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli', '**/cli/**', '**/webview/**'], message: 'The extension never imports the CLI (nor the webview\'s code): both are shells over the engine.' }, ENGINE_INDEX_ONLY] }] },
  },
  {
    // The first stage of activation (extension.ts and what it loads) must stay a few KB: the
    // engine's index would bundle the whole engine into it. It may take the error class alone,
    // and what starts the scan thread early.
    files: ['src/extension/errors.ts', 'src/extension/extension.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli', '**/cli/**', '**/webview/**'], message: 'The extension never imports the CLI (nor the webview\'s code): both are shells over the engine.' }, { regex: String.raw`(^|/)engine/(?!index$|errors$|session/threadStart$)`, message: ENGINE_INDEX_ONLY.message }] }] },
  },
  {
    files: ['**/*.mjs', '**/*.js', 'test/**'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
