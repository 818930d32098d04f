/**
 * The budget panel's HTML shell: the webview app's bundle (`dist/webview/panel.js` and
 * `panel.css`, built by esbuild.mjs) under a strict Content Security Policy. Nothing else is
 * loaded: no inline script or style, no remote content; the script runs only by its nonce.
 */
import { randomBytes } from 'node:crypto';
import type * as vscode from 'vscode';

/** The folder the webview may load from (`localResourceRoots`): the app's bundle only. */
export function webviewRoot(vs: typeof vscode, extensionUri: vscode.Uri): vscode.Uri {
  return vs.Uri.joinPath(extensionUri, 'dist', 'webview');
}

/** A fresh nonce per document (base64 of 16 random bytes). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

/** The policy: scripts by nonce only; styles, images and fonts from the webview's own origin. */
export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `img-src ${cspSource} data:`,
    `font-src ${cspSource}`,
  ].join('; ');
}

/** The document: the policy, the stylesheet, an empty root for the app, the script by nonce. */
export function panelHtml(webview: vscode.Webview, root: vscode.Uri, vs: typeof vscode): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vs.Uri.joinPath(root, 'panel.js'));
  const style = webview.asWebviewUri(vs.Uri.joinPath(root, 'panel.css'));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${panelCsp(webview.cspSource, nonce)};">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>Debt Budget</title>
</head>
<body>
<div id="root" data-host="vscode"></div>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}
