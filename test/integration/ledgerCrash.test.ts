/**
 * A writer killed (SIGKILL) in the middle of a commit leaves the ledger at the full old or the
 * full new state — never half — and the next writer finishes or rolls back what it left.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync } from 'node:fs';
import * as path from 'node:path';
import { LedgerStore } from '../../src/engine/ledger/store';
import { CRASH_ITEMS, sampleItem, tempWorkspace } from '../unit/ledger/helpers';

const REPO = path.join(__dirname, '..', '..');
const WORKER = path.join(REPO, 'test', 'unit', 'ledger', 'worker.ts');

function startWorker(args: string[]): { child: ChildProcess; stdout: () => string; exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> } {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal, stderr })));
  return { child, stdout: () => stdout, exit };
}

/** The generation every crash item is at; fails if they disagree (a half-applied commit). */
async function generation(root: string): Promise<number> {
  const { items, errors } = await LedgerStore.open(root).load();
  assert.deepEqual(errors, []);
  assert.deepEqual(items.map((i) => i.id), CRASH_ITEMS, 'every item is there');
  const generations = new Set(items.map((i) => i.line));
  assert.equal(generations.size, 1, `half a commit is visible: generations ${[...generations].join(', ')}`);
  for (const item of items) assert.equal(item.title, `generation ${item.line}`);
  return items[0]!.line;
}

async function seed(root: string): Promise<void> {
  await LedgerStore.open(root).update((tx) => CRASH_ITEMS.forEach((id) => tx.put(sampleItem(id, { title: 'generation 1', line: 1 }))));
}

const leftovers = (root: string): string[] => readdirSync(path.join(root, '.paydown', 'ledger')).filter((n) => n.startsWith('.'));

describe('ledger after a writer is killed mid-commit (real processes, SIGKILL)', () => {
  const cases = [
    { step: 'temps-written', after: 'writing its temps', expect: 1 },
    { step: 'journal-written', after: 'writing its journal', expect: 2 },
    { step: 'renamed', after: 'its first rename', expect: 2 },
  ] as const;
  for (const { step, after, expect } of cases) {
    it(`killed right after ${after}: the ${expect === 1 ? 'old' : 'new'} state, whole, and the next writer cleans up`, async () => {
      const root = tempWorkspace();
      await seed(root);
      const { exit } = startWorker(['crash', root, step, '2']);
      const { signal, stderr } = await exit;
      assert.equal(signal, 'SIGKILL', stderr);
      assert.ok(leftovers(root).length > 0, 'the crash left its traces (lock, temps, journal)');

      assert.equal(await generation(root), expect, 'readers see a whole state before any recovery');
      // The dead writer's lock is recovered (its pid is gone), and its commit finished or rolled back.
      await LedgerStore.open(root, { lockTimeoutMs: 5000 }).update(() => undefined);
      assert.equal(await generation(root), expect);
      assert.deepEqual(leftovers(root), []);
    });
  }

  it('killed at random moments, again and again: always one whole generation, never older than the last one committed', async function () {
    this.timeout(60_000);
    const root = tempWorkspace();
    await seed(root);
    let lastSeen = 1;
    for (let round = 0; round < 12; round++) {
      const worker = startWorker(['loop', root]);
      // Let it start (tsx takes a moment) and commit a few generations, then kill it anywhere.
      while (!worker.stdout().includes('\n')) {
        if (worker.child.exitCode !== null) assert.fail(`worker exited: ${(await worker.exit).stderr}`);
        await new Promise((r) => setTimeout(r, 5));
      }
      await new Promise((r) => setTimeout(r, Math.random() * 40));
      worker.child.kill('SIGKILL');
      await worker.exit;
      const committed = worker.stdout().trim().split('\n').map(Number);
      const lastCommitted = committed[committed.length - 1]!;
      const g = await generation(root);
      assert.ok(g >= lastCommitted && g <= lastCommitted + 1, `generation ${g} after committing ${lastCommitted}`);
      assert.ok(g >= lastSeen);
      lastSeen = g;
    }
    await LedgerStore.open(root, { lockTimeoutMs: 5000 }).update(() => undefined);
    assert.equal(await generation(root), lastSeen);
    assert.deepEqual(leftovers(root), []);
  });
});
