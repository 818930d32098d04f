/**
 * A writer killed (SIGKILL) in the middle of a commit leaves the ledger at the full old or the
 * full new state — never half — and the next reader or writer finishes or rolls back what it left.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LedgerStore } from '../../src/engine/ledger/store';
import { buildOnce, paydown } from '../cli/runCli';
import { CRASH_ITEMS, git, gitRepo, sampleItem, tempWorkspace } from '../unit/ledger/helpers';

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

      // The first reader breaks the dead writer's lock (its pid is gone) and finishes or rolls back its commit.
      assert.equal(await generation(root), expect, 'readers see a whole state');
      assert.deepEqual(leftovers(root), []);
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

/**
 * The probe's case: `paydown ledger sync` killed mid-commit, then the next sync (or any reader),
 * then `git commit` and a fresh clone. Whatever the step, the clone must have every item, with
 * the ids already minted, and no lock, journal or temp file.
 */
describe('ledger sync killed mid-commit, then committed and cloned (real processes, SIGKILL, real git)', function () {
  this.timeout(120_000);
  before(buildOnce);

  /** Writes `src/debt.ts` with `count` DEBT comments and commits it. */
  const writeDebt = (root: string, count: number): void => {
    writeFileSync(path.join(root, 'debt.ts'), Array.from({ length: count }, (_, k) => `// DEBT: pay down part ${k} effort:1\nexport const part${k} = ${k};\n`).join(''));
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', `${count} debts`);
  };
  const syncLine = (run: { status: number | null; stdout: string; stderr: string }): string => {
    assert.equal(run.status, 0, run.stderr);
    return /^Synced the ledger: .*$/m.exec(run.stdout)?.[0] ?? run.stdout;
  };
  const ledgerFiles = (root: string): string[] => readdirSync(path.join(root, '.paydown', 'ledger')).sort();

  async function killedSync(root: string, step: string): Promise<void> {
    const { exit } = startWorker(['sync', root, step]);
    const { signal, stderr } = await exit;
    assert.equal(signal, 'SIGKILL', stderr);
    // The .gitignore was in place before the lock, temps and journal: git would add item files only.
    const untracked = git(root, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean);
    for (const line of untracked) assert.match(line, /^\?\? \.paydown\/(\.gitignore|ledger\/PD-[0-9A-Z]{6}\.json)$/, `git would commit ${line}`);
  }

  /** Commits the ledger, clones the repository and checks the clone: every item, no local file, nothing new to mint. */
  function commitAndClone(root: string, total: number): void {
    assert.deepEqual(ledgerFiles(root).filter((n) => n.startsWith('.')), [], 'no lock, journal or temp left');
    git(root, 'add', '-A');
    git(root, 'commit', '-qm', 'ledger');
    const clone = tempWorkspace('paydown-clone-');
    git(clone, 'clone', '-q', root, '.');
    assert.deepEqual(ledgerFiles(clone), ledgerFiles(root), 'the clone has every item file, and only those');
    assert.equal(ledgerFiles(clone).length, total);
    assert.equal(syncLine(paydown(['ledger', 'sync', '--no-cache'], { cwd: clone })), `Synced the ledger: 0 new, 0 updated, 0 resolved, 0 reopened, ${total} unchanged`, 'the clone mints no new ids');
  }

  const steps = [
    { step: 'temps-written', committed: false },
    { step: 'journal-written', committed: true },
    { step: 'renamed', committed: true },
  ];
  for (const { step, committed } of steps) {
    it(`a first-ever sync killed after ${step}: the next sync ${committed ? 'finishes it (nothing new)' : 'starts over'}; a clone has every item`, async () => {
      const root = gitRepo();
      writeDebt(root, 6);
      await killedSync(root, step);
      const next = syncLine(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }));
      assert.equal(next, committed ? 'Synced the ledger: 0 new, 0 updated, 0 resolved, 0 reopened, 6 unchanged' : 'Synced the ledger: 6 new, 0 updated, 0 resolved, 0 reopened, 0 unchanged');
      commitAndClone(root, 6);
    });

    it(`a sync killed after ${step} over a committed ledger: the next sync ${committed ? 'finishes it (nothing changed)' : 'starts over'}; a clone has every item`, async () => {
      const root = gitRepo();
      writeDebt(root, 4);
      syncLine(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }));
      git(root, 'add', '-A');
      git(root, 'commit', '-qm', 'ledger');
      writeDebt(root, 10);
      await killedSync(root, step);
      const next = syncLine(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }));
      assert.equal(next, committed ? 'Synced the ledger: 0 new, 0 updated, 0 resolved, 0 reopened, 10 unchanged' : 'Synced the ledger: 6 new, 0 updated, 0 resolved, 0 reopened, 4 unchanged');
      commitAndClone(root, 10);
    });
  }

  it('after a killed sync, a read-only command (check) finishes the commit too', async () => {
    const root = gitRepo();
    writeDebt(root, 5);
    await killedSync(root, 'journal-written');
    const check = paydown(['check', '--no-cache'], { cwd: root });
    assert.equal(check.status, 0, check.stdout + check.stderr);
    commitAndClone(root, 5);
  });
});
