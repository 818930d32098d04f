/**
 * Several real processes (think: two editor windows and the CLI) update the ledger at once.
 * Every update survives and every file parses.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { LedgerStore } from '../../src/engine/ledger/store';
import { sampleItem, sharedId, tempWorkspace } from '../unit/ledger/helpers';

const REPO = path.join(__dirname, '..', '..');
const WORKER = path.join(REPO, 'test', 'unit', 'ledger', 'worker.ts');

function run(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: REPO, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`worker ${args.join(' ')} exited ${code}: ${stderr}`))));
  });
}

describe('ledger under concurrent writers (real processes)', () => {
  it('4 processes × 150 updates: no update lost, every file parses', async function () {
    this.timeout(90_000);
    const WORKERS = 4;
    const UPDATES = 150;
    const SHARED = 3;
    const root = tempWorkspace();
    const store = LedgerStore.open(root);
    await store.update((tx) => {
      for (let s = 0; s < SHARED; s++) tx.put(sampleItem(sharedId(s)));
    });

    await Promise.all(Array.from({ length: WORKERS }, (_, w) => run(['concurrent', root, String(w), String(UPDATES), String(SHARED)])));

    const { items, errors } = await store.load();
    assert.deepEqual(errors, [], 'every file parses');
    assert.equal(items.length, SHARED + WORKERS * UPDATES, 'every created item is there');
    const events = new Set(items.filter((i) => i.id.startsWith('PD-SHARE')).flatMap((i) => i.history.map((e) => e.id)));
    for (let w = 0; w < WORKERS; w++) {
      for (let k = 0; k < UPDATES; k++) assert.ok(events.has(`W${w}-${k}`), `update ${k} of worker ${w} is present`);
    }
    assert.equal(events.size, SHARED + WORKERS * UPDATES);
    const leftovers = readdirSync(path.join(root, '.paydown', 'ledger')).filter((n) => n.startsWith('.'));
    assert.deepEqual(leftovers, [], 'no lock, journal or temp left behind');
  });
});
