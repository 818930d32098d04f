// The budget page's bundle (the panel's webview and the HTML report), shared by esbuild.mjs and
// the bundle-size test: browser code, its CSS (uPlot's and ours) written next to it as panel.css.
/** The panel's JavaScript + CSS, minified, must stay within this (issue 12). */
export const WEBVIEW_BUDGET_BYTES = 150 * 1024;

export const webviewBundle = {
  entryPoints: ['src/webview/main.tsx'],
  outfile: 'dist/webview/panel.js',
  platform: 'browser',
  format: 'iife',
  target: ['chrome114', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  mainFields: ['browser', 'module', 'main'],
};
