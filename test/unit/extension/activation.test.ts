import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8')) as {
  activationEvents: string[];
  contributes: { views: Record<string, { id: string }[]> };
};

describe('extension activation', () => {
  it('activates only where Paydown is used: its files, its view, its commands — never in every window', () => {
    const events = manifest.activationEvents;
    for (const everywhere of ['*', 'onStartupFinished']) assert.ok(!events.includes(everywhere), `activates on ${everywhere}`);
    for (const event of events) {
      assert.match(event, /^(workspaceContains:\.paydown\/|onView:paydown\.|onCommand:paydown\.|onWebviewPanel:paydown\.)/, event);
    }
    // A path without `*` or `?` is a file check per workspace folder; a glob makes VS Code search
    // the whole workspace before it can activate (seconds on a large tree, at window start-up).
    for (const event of events.filter((e) => e.startsWith('workspaceContains:'))) assert.doesNotMatch(event, /[*?]/, event);
    // The second stage starts at once for exactly the folders these name (extension.ts PAYDOWN_DATA).
    const source = readFileSync(path.join(__dirname, '../../../src/extension/extension.ts'), 'utf8');
    const data = JSON.parse(/const PAYDOWN_DATA = (\[[^\]]*\])/.exec(source)![1]!.replace(/'/g, '"')) as string[];
    assert.deepEqual(events.filter((e) => e.startsWith('workspaceContains:')).map((e) => e.slice('workspaceContains:'.length)).sort(), [...data].sort());
    // The view a user opens on purpose activates it; commands activate it implicitly (VS Code ≥ 1.74).
    for (const view of Object.values(manifest.contributes.views).flat()) assert.ok(events.includes(`onView:${view.id}`), view.id);
    assert.ok(events.some((e) => e.includes('.paydown/config.jsonc')), 'a committed config activates it');
    assert.ok(events.some((e) => e.endsWith('.paydown/ledger')), 'a committed ledger activates it');
  });
});
