import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const repo = path.resolve(__dirname, '../../..');

describe('the budget page bundle', () => {
  it('panel.js + panel.css, minified as shipped, stay within 150 KB', async function () {
    this.timeout(60_000);
    const { webviewBundle, WEBVIEW_BUDGET_BYTES } = (await import(path.join(repo, 'esbuild.webview.mjs'))) as { webviewBundle: esbuild.BuildOptions; WEBVIEW_BUDGET_BYTES: number };
    const out = mkdtempSync(path.join(tmpdir(), 'paydown-webview-'));
    await esbuild.build({ ...webviewBundle, absWorkingDir: repo, bundle: true, minify: true, legalComments: 'none', logLevel: 'error', outfile: path.join(out, 'panel.js') });
    const js = statSync(path.join(out, 'panel.js')).size;
    const css = statSync(path.join(out, 'panel.css')).size;
    const gzip = gzipSync(readFileSync(path.join(out, 'panel.js'))).length + gzipSync(readFileSync(path.join(out, 'panel.css'))).length;
    console.log(`      panel.js ${(js / 1024).toFixed(1)} KB + panel.css ${(css / 1024).toFixed(1)} KB = ${((js + css) / 1024).toFixed(1)} KB (${(gzip / 1024).toFixed(1)} KB gzipped)`);
    assert.ok(js + css <= WEBVIEW_BUDGET_BYTES, `${js + css} bytes is over the ${WEBVIEW_BUDGET_BYTES}-byte budget`);
  });
});
