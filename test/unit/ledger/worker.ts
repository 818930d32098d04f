/**
 * A separate process that writes the ledger, for the concurrency and crash tests
 * (`node --import tsx test/unit/ledger/worker.ts <mode> …`). Not a test file itself.
 *
 *   concurrent <root> <worker> <updates> <shared>  each update appends one event to a shared item
 *                                                  and creates one item of its own
 *   crash <root> <step> <generation>              rewrites every item to `generation`, killing
 *                                                  itself (SIGKILL) right after commit step <step>
 *   loop <root>                                    rewrites every item to the next generation, again
 *                                                  and again until killed; prints each committed one
 *   sync <root> <step>                             `paydown ledger sync` (the engine's use case), killing
 *                                                  itself (SIGKILL) right after commit step <step>
 */
import { loadConfig } from '../../../src/engine/config/config';
import type { CommitStep } from '../../../src/engine/ledger/atomic';
import { createGitClient } from '../../../src/engine/git';
import { systemClock } from '../../../src/engine/ports';
import { syncWorkspaceLedger } from '../../../src/engine/workspace/sync';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { CRASH_ITEMS, sampleItem, sharedId } from './helpers';

async function concurrent(root: string, worker: number, updates: number, shared: number): Promise<void> {
  const store = LedgerStore.open(root, { lockTimeoutMs: 60_000 });
  for (let k = 0; k < updates; k++) {
    await store.update((tx) => {
      const id = sharedId(k % shared);
      const item = tx.get(id);
      if (!item) throw new Error(`missing ${id}`);
      const at = new Date(Date.UTC(2024, 0, 1, 0, 0, 0, worker * 100_000 + k)).toISOString();
      tx.put({ ...item, history: [...item.history, { id: `W${worker}-${k}`, at, type: 'field', field: 'effort', to: k, by: `worker ${worker}` }] });
      tx.put(sampleItem(`PD-W${worker}K${String(k).padStart(4, '0')}`, { title: `worker ${worker} update ${k}` }));
    });
  }
}

/** Every crash item at `generation`, in one transaction. */
function writeGeneration(store: LedgerStore, generation: number): Promise<void> {
  return store.update((tx) => {
    for (const id of CRASH_ITEMS) tx.put(sampleItem(id, { title: `generation ${generation}`, line: generation }));
  });
}

async function main(): Promise<void> {
  const [mode, root, ...rest] = process.argv.slice(2);
  if (!root) throw new Error('usage: worker.ts <mode> <root> …');
  if (mode === 'concurrent') {
    await concurrent(root, Number(rest[0]), Number(rest[1]), Number(rest[2]));
  } else if (mode === 'crash') {
    const [step, generation] = rest;
    const store = LedgerStore.open(root, {
      commitHook: (s: CommitStep, index: number) => {
        if (s === step && index === 0) process.kill(process.pid, 'SIGKILL');
      },
    });
    await writeGeneration(store, Number(generation));
  } else if (mode === 'loop') {
    const store = LedgerStore.open(root);
    const start = Math.max(0, ...(await store.load()).items.map((i) => i.line)) + 1;
    for (let g = start; ; g++) {
      await writeGeneration(store, g);
      process.stdout.write(`${g}\n`);
    }
  } else if (mode === 'sync') {
    const [step] = rest;
    const commitHook = (s: CommitStep, index: number): void => {
      if (s === step && index === 0) process.kill(process.pid, 'SIGKILL');
    };
    const { config } = loadConfig(root);
    await syncWorkspaceLedger({ root, config, workers: 0, ledger: { commitHook }, git: createGitClient({ cwd: root, env: process.env }), clock: systemClock });
    throw new Error(`sync finished without reaching commit step ${step}`);
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
