import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { panelHtml, webviewRoot } from '../../../src/extension/panel/panelHtml';

/** Just enough of `vscode` for the shell: URIs as paths, the webview's resource scheme. */
const vs = { Uri: { joinPath: (base: { path: string }, ...parts: string[]) => ({ path: [base.path, ...parts].join('/'), toString: () => [base.path, ...parts].join('/') }) } } as unknown as typeof vscode;
const webview = {
  cspSource: 'https://webview.test',
  asWebviewUri: (uri: { path: string }) => ({ toString: () => `https://webview.test${uri.path}` }),
} as unknown as vscode.Webview;

describe('budget panel HTML shell', () => {
  const root = webviewRoot(vs, { path: '/ext' } as vscode.Uri);
  const html = panelHtml(webview, root, vs);
  const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? '';

  it('loads only the bundle folder, the script by a fresh nonce, under a policy that allows nothing else', () => {
    assert.equal(root.toString(), '/ext/dist/webview');
    const nonce = /<script nonce="([^"]+)" src="https:\/\/webview\.test\/ext\/dist\/webview\/panel\.js">/.exec(html)?.[1];
    assert.ok(nonce, 'the script carries a nonce');
    assert.equal(csp, `default-src 'none'; script-src 'nonce-${nonce}'; style-src https://webview.test; img-src https://webview.test data:; font-src https://webview.test;`);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/webview\.test\/ext\/dist\/webview\/panel\.css">/);
    assert.notEqual(/nonce="([^"]+)"/.exec(panelHtml(webview, root, vs))?.[1], nonce, 'each document gets its own nonce');
  });

  it('has no inline script, handler or style, and nothing remote', () => {
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.doesNotMatch(html, /\son[a-z]+=|<style|style=|unsafe-/);
    assert.doesNotMatch(html.replace(/https:\/\/webview\.test/g, ''), /https?:\/\//);
  });
});
