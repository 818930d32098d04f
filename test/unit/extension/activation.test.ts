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
      assert.match(event, /^(workspaceContains:\*\*\/\.paydown\/|onView:paydown\.|onCommand:paydown\.|onWebviewPanel:paydown\.)/, event);
    }
    // The view a user opens on purpose activates it; commands activate it implicitly (VS Code ≥ 1.74).
    for (const view of Object.values(manifest.contributes.views).flat()) assert.ok(events.includes(`onView:${view.id}`), view.id);
    assert.ok(events.some((e) => e.includes('.paydown/config.jsonc')), 'a committed config activates it');
    assert.ok(events.some((e) => e.includes('.paydown/ledger/')), 'a committed ledger activates it');
  });
});
