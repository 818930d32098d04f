import * as assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import { PaydownError } from '../../../src/engine/errors';
import { acquireLock, lockStaleReason, readLockOwner } from '../../../src/engine/ledger/lock';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { sampleItem, tempWorkspace } from './helpers';

function lockIn(root: string): string {
  const dir = path.join(root, '.paydown', 'ledger');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, '.lock');
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('ledger lock', () => {
  it('is created exclusively with the holder, and removed on release', async () => {
    const lockFile = lockIn(tempWorkspace());
    const held = await acquireLock(lockFile);
    const owner = readLockOwner(lockFile);
    assert.equal(owner?.pid, process.pid);
    assert.equal(owner?.hostname, hostname());
    assert.ok(Number.isFinite(Date.parse(owner!.at)));
    held.release();
    assert.equal(existsSync(lockFile), false);
  });

  it('makes a second writer wait for the first, then go ahead', async () => {
    const lockFile = lockIn(tempWorkspace());
    const first = await acquireLock(lockFile);
    let secondHeld = false;
    const second = acquireLock(lockFile, { timeoutMs: 5000 }).then((l) => {
      secondHeld = true;
      return l;
    });
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(secondHeld, false);
    first.release();
    (await second).release();
    assert.equal(secondHeld, true);
  });

  it('recovers a lock whose holder died on this host', async () => {
    const root = tempWorkspace();
    const lockFile = lockIn(root);
    writeFileSync(lockFile, JSON.stringify({ pid: deadPid(), hostname: hostname(), at: new Date().toISOString(), token: 'dead' }));
    await LedgerStore.open(root, { lockTimeoutMs: 2000 }).update((tx) => tx.put(sampleItem('PD-AAAAAA')));
    assert.equal(existsSync(lockFile), false);
    assert.ok(existsSync(path.join(root, '.paydown', 'ledger', 'PD-AAAAAA.json')));
  });

  it('recovers a lock older than the stale limit, even from another host', async () => {
    const lockFile = lockIn(tempWorkspace());
    const old = new Date(Date.now() - 10 * 60_000);
    writeFileSync(lockFile, JSON.stringify({ pid: 1, hostname: 'build-agent-7', at: old.toISOString(), token: 'old' }));
    utimesSync(lockFile, old, old);
    const held = await acquireLock(lockFile, { timeoutMs: 2000, staleMs: 60_000 });
    assert.equal(readLockOwner(lockFile)?.token, held.owner.token);
    held.release();
  });

  it('gives up with ledger-locked naming a live holder', async () => {
    const root = tempWorkspace();
    const lockFile = lockIn(root);
    const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      writeFileSync(lockFile, JSON.stringify({ pid: sleeper.pid, hostname: hostname(), at: new Date().toISOString(), token: 'live' }));
      const started = Date.now();
      await assert.rejects(
        LedgerStore.open(root, { lockTimeoutMs: 300 }).update((tx) => tx.put(sampleItem('PD-AAAAAA'))),
        (err: unknown) => PaydownError.is(err, 'ledger-locked') && err.message.includes(`pid ${sleeper.pid} on ${hostname()}`) && Boolean(err.hint),
      );
      assert.ok(Date.now() - started >= 290);
      assert.equal(JSON.parse(readFileSync(lockFile, 'utf8')).token, 'live', 'a live lock is never broken');
    } finally {
      sleeper.kill();
    }
  });

  it('release leaves a lock that is no longer ours', async () => {
    const lockFile = lockIn(tempWorkspace());
    const held = await acquireLock(lockFile);
    writeFileSync(lockFile, JSON.stringify({ pid: process.pid, hostname: hostname(), at: new Date().toISOString(), token: 'someone-else' }));
    held.release();
    assert.equal(readLockOwner(lockFile)?.token, 'someone-else');
  });

  it('lets only one of many racing breakers take over a stale lock', async () => {
    const lockFile = lockIn(tempWorkspace());
    writeFileSync(lockFile, JSON.stringify({ pid: deadPid(), hostname: hostname(), at: new Date().toISOString(), token: 'dead' }));
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        const held = await acquireLock(lockFile, { timeoutMs: 5000 });
        inside++;
        maxInside = Math.max(maxInside, inside);
        await new Promise((r) => setTimeout(r, 5));
        inside--;
        held.release();
      }),
    );
    assert.equal(maxInside, 1);
  });

  it('recovers a lock stamped in the future by another host (clock skew), by its file time', async () => {
    const lockFile = lockIn(tempWorkspace());
    const ahead = new Date(Date.now() + 3 * 60 * 60_000);
    const old = new Date(Date.now() - 10 * 60_000);
    writeFileSync(lockFile, JSON.stringify({ pid: 1, hostname: 'clock-ahead-host', at: ahead.toISOString(), token: 'ahead' }));
    utimesSync(lockFile, old, old);
    const held = await acquireLock(lockFile, { timeoutMs: 2000, staleMs: 60_000 });
    assert.equal(readLockOwner(lockFile)?.token, held.owner.token);
    held.release();
  });

  it('a lock whose stamp and file time are both in the future ages from when it was first seen', () => {
    const now = Date.now();
    const ahead = now + 3 * 60 * 60_000;
    const owner = { pid: 1, hostname: 'clock-ahead-host', at: new Date(ahead).toISOString(), token: 'both-ahead' };
    assert.equal(lockStaleReason(owner, ahead, now, 60_000), null, 'fresh when first seen');
    assert.equal(lockStaleReason(owner, ahead, now + 59_000, 60_000), null);
    assert.match(lockStaleReason(owner, ahead, now + 61_000, 60_000) ?? '', /held for 61 s, longer than the 60 s limit/);
    // A few seconds ahead is ordinary drift: the stamp is believed.
    const drift = { ...owner, at: new Date(now + 2_000).toISOString(), token: 'drift' };
    assert.equal(lockStaleReason(drift, now, now + 61_000, 60_000), null);
  });

  it('a lock it cannot read is an error, not a free lock (no busy loop, nothing broken)', () => {
    // Run apart: before the fix this spun forever without yielding.
    const script = [
      "const fs = require('node:fs'); const path = require('node:path');",
      "const { acquireLock } = require('./src/engine/ledger/lock');",
      'const dir = fs.mkdtempSync(path.join(require("node:os").tmpdir(), "paydown-lock-"));',
      "fs.symlinkSync('.lock', path.join(dir, '.lock'));", // a link to itself: stat fails with ELOOP, not ENOENT
      "acquireLock(path.join(dir, '.lock'), { timeoutMs: 1000 }).then(() => console.log('acquired'), (e) => console.log(e.reason ?? e.code, e.message)).finally(() => fs.rmSync(dir, { recursive: true, force: true }));",
    ].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { cwd: path.join(__dirname, '..', '..', '..'), encoding: 'utf8', timeout: 15_000 });
    assert.equal(run.signal, null, 'it returned instead of spinning');
    assert.match(run.stdout, /^path-unreadable cannot read the ledger lock .*\.lock: ELOOP/m, run.stderr);
  });
});
