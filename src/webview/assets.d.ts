// esbuild bundles imported CSS into dist/webview/panel.css; the import itself has no value.
declare module '*.css';
