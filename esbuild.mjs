// Builds Paydown's bundles: the extension (vscode external), the CLI, the scan worker both of
// them start, and the editor's scan thread. `--production` minifies and drops sourcemaps; `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync } from 'node:fs';

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

const bundles = [
  { entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] },
  { entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: ['src/engine/scanner/scanWorker.ts'], outfile: 'dist/scanWorker.js' },
  // The editor's scan thread (src/engine/session/thread.ts), which starts scanWorker.js in turn.
  { entryPoints: ['src/engine/session/scanThread.ts'], outfile: 'dist/scanThread.js' },
].filter((bundle) => existsSync(bundle.entryPoints[0]));

if (watch) {
  const contexts = await Promise.all(bundles.map((b) => esbuild.context({ ...common, ...b })));
  await Promise.all(contexts.map((c) => c.watch()));
} else {
  const results = await Promise.all(bundles.map((b) => esbuild.build({ ...common, ...b, metafile: true })));
  if (!process.env.CI && process.stdout.isTTY) {
    for (const r of results) for (const [file, out] of Object.entries(r.metafile.outputs)) {
      if (!file.endsWith('.map')) console.log(`${file.padEnd(24)} ${(out.bytes / 1024).toFixed(1)} KB`);
    }
  }
}
