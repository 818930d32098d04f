// Builds Paydown's bundles: the extension's two stages and its budget panel's host (vscode external), the CLI, the scan worker both of
// them start, and the editor's scan thread. `--production` minifies and drops sourcemaps; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { webviewBundle } from './esbuild.webview.mjs';

const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: production,
  sourcemap: production ? false : 'linked',
  legalComments: 'none',
  // Prefer ESM entry points: jsonc-parser's UMD build hides its requires from the bundler.
  mainFields: ['module', 'main'],
  logLevel: 'warning',
  define: { PAYDOWN_VERSION: JSON.stringify(version) },
};

/**
 * The extension's second stage is a bundle of its own: activation (dist/extension.js) loads it
 * with `import('./features.js')` only when it is wanted. esbuild cannot split a cjs bundle, so
 * that import is left to run time (as a `require` of the second bundle, which the extension host
 * hooks for `vscode` as it does the first), instead of being inlined into the first bundle.
 */
const secondStage = {
  name: 'paydown-second-stage',
  setup(build) {
    build.onResolve({ filter: /^\.\/features(\.js)?$/ }, (args) =>
      args.importer.endsWith(join('src', 'extension', 'extension.ts')) ? { path: './extensionFeatures.js', external: true } : undefined,
    );
  },
};
/**
 * The budget panel and the tracker sync are a third bundle (useCases.ts), loaded by the second
 * stage on the panel's first open or the first sync (useCasesLoader.ts), so
 * neither activation nor start-up carries their code.
 */
const useCasesBundle = {
  name: 'paydown-use-cases-bundle',
  setup(build) {
    build.onResolve({ filter: /^\.\/useCases(\.js)?$/ }, (args) =>
      args.importer.endsWith(join('src', 'extension', 'useCasesLoader.ts')) ? { path: './extensionUseCases.js', external: true } : undefined,
    );
  },
};
// `import()` as `require()`, which VS Code's module hooks see (a native import() of a cjs file
// takes Node's ESM loader).
const extension = { external: ['vscode'], supported: { 'dynamic-import': false } };

const bundles = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', ...extension, plugins: [secondStage] },
  { entryPoints: ['src/extension/features.ts'], outfile: 'dist/extensionFeatures.js', ...extension, plugins: [useCasesBundle] },
  { entryPoints: ['src/extension/useCases.ts'], outfile: 'dist/extensionUseCases.js', ...extension },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/engine/scanner/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
  // The editor's scan thread (src/engine/session/thread.ts), which starts scanWorker.js in turn.
  { entryPoints: ['src/engine/session/scanThread.ts'], outfile: 'dist/scanThread.js' },
  webviewBundle,
].filter((bundle) => existsSync(bundle.entryPoints[0]));

if (watch) {
  const contexts = await Promise.all(bundles.map((b) => esbuild.context({ ...common, ...b })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b, metafile: true })));
  if (!process.env.CI && process.stdout.isTTY) {
    for (const r of results) for (const [file, out] of Object.entries(r.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file.padEnd(26)} ${(out.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
