import * as assert from 'node:assert/strict';
import { once } from 'node:events';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultConfig } from '../../../src/engine/config/config';
import { PaydownError } from '../../../src/engine/errors';
import { scanWorkspace } from '../../../src/engine/workspace/scan';
import type { FileResult } from '../../../src/engine/scanner/cache';
import { WorkspaceSession, type SessionChange } from '../../../src/engine/session/session';
import { prestartScanThread, scanOffThread } from '../../../src/engine/session/thread';
import { ScanThreadAhead } from '../../../src/engine/session/threadStart';
import { leaveOutStreamed, putBackStreamed } from '../../../src/engine/session/threadProtocol';
import type { ScanResult } from '../../../src/engine/scanner/scan';
import { git, gitEnv } from '../../support/git';
import { createGitClient } from '../../../src/engine/git';
import { backdate } from '../scan/helpers';

/** A folder of `dirs` folders with `perDir` files each; every other file holds a TODO. */
function tree(dirs: number, perDir: number): string {
  const root = mkdtempSync(path.join(os.tmpdir(), 'paydown-thread-'));
  for (let d = 0; d < dirs; d++) {
    mkdirSync(path.join(root, `pkg${d}`, 'src'), { recursive: true });
    for (let f = 0; f < perDir; f++) {
      const text = f % 2 === 0 ? `// TODO: item ${d}-${f}\nexport const x = ${f};\n` : `export const y = ${f};\n`;
      writeFileSync(path.join(root, `pkg${d}`, 'src', `f${f}.ts`), text);
    }
  }
  return root;
}

describe('the editor scan thread', function () {
  // A thread from TypeScript sources compiles its modules on start (tsx): slower than the bundle.
  this.timeout(60_000);
  const roots: string[] = [];
  const make = (dirs: number, perDir: number): string => {
    const root = tree(dirs, perDir);
    roots.push(root);
    return root;
  };
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('finds what a scan on the calling thread finds, and streams files as it finds them', async () => {
    const root = make(6, 20);
    const config = defaultConfig();
    const here = await scanWorkspace({ root, config, workers: 0 });
    const streamed: FileResult[] = [];
    const result = await scanOffThread({ root, config }, { onFiles: (files) => streamed.push(...files) });
    assert.deepEqual(result.items, here.items);
    assert.equal(result.items.length, 60);
    assert.deepEqual(streamed.map((f) => f.file).sort(), [...new Set(here.items.map((i) => i.file))].sort(), 'every file with an item is streamed');
  });

  it('after streaming, answers with the same items and problems as an unstreamed scan, sent once', async () => {
    const root = make(4, 10);
    // Problems too: in each folder a file with a malformed effort and a second item.
    for (let d = 0; d < 4; d++) writeFileSync(path.join(root, `pkg${d}`, 'src', 'bad.py'), `# TODO: z effort:lots\nx = 1\n# FIXME: second ${d}\n`);
    const config = defaultConfig();
    const whole = await scanOffThread({ root, config }, {});
    const streamed: FileResult[] = [];
    const result = await scanOffThread({ root, config }, { onFiles: (files) => streamed.push(...files) });
    assert.deepEqual(result.items, whole.items);
    assert.deepEqual(result.problems, whole.problems);
    assert.equal(result.items.length, 28);
    assert.equal(result.problems.length, 4);
    assert.deepEqual(result.stats.items, whole.stats.items);
    // The files the view was given are the very objects the result is made of: nothing came twice.
    const streamedItems = new Set(streamed.flatMap((f) => f.items));
    assert.ok(result.items.every((item) => streamedItems.has(item)), 'the result is rebuilt from the streamed files');
  });

  it('leaves streamed findings out of its answer only when the stream carried all of them', () => {
    const item = (file: string, line: number) => ({ file, line, column: 1 }) as unknown as ScanResult['items'][number];
    const a = { file: 'a.ts', items: [item('a.ts', 3), item('a.ts', 1)], problems: [] };
    const b = { file: 'b.ts', items: [item('b.ts', 2)], problems: [] };
    const result = { items: [a.items[1]!, a.items[0]!, b.items[0]!], problems: [], skipped: [], stats: {} } as unknown as ScanResult;
    const answer = leaveOutStreamed(result, { items: 3, problems: 0 });
    assert.ok(answer.type === 'scanned' && answer.streamed === true && answer.result.items.length === 0);
    // Back in the scan's order, whatever order the files came in.
    assert.deepEqual(putBackStreamed(answer, [b, a]).items, result.items);
    // A file that was never streamed (one named on a command line): the result goes whole.
    const whole = leaveOutStreamed(result, { items: 2, problems: 0 });
    assert.ok(whole.type === 'scanned' && !whole.streamed);
    assert.equal(putBackStreamed(whole, [a]).items, result.items);
  });

  it('runs its scan workers at a lower priority than the editor on Linux, and only them', async function () {
    if (process.platform !== 'linux') this.skip();
    const root = make(10, 100);
    const niceOf = (stat: string): number => Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[16]);
    const before = os.getPriority(0);
    const seen = new Set<number>();
    // Every thread of this process while the scan runs: the scan's workers show up among them.
    const sample = setInterval(() => {
      for (const task of readdirSync('/proc/self/task')) {
        try {
          seen.add(niceOf(readFileSync(`/proc/self/task/${task}/stat`, 'utf8')));
        } catch {
          // The thread ended meanwhile.
        }
      }
    }, 2);
    try {
      await scanOffThread({ root, config: defaultConfig() }, { nice: 10 });
    } finally {
      clearInterval(sample);
    }
    assert.ok(seen.has(Math.max(before, 10)), `a thread ran at nice 10 (seen ${[...seen].join(', ')})`);
    assert.equal(os.getPriority(0), before, "the caller's thread keeps its priority");
  });

  it('a thread started ahead is the one the next scan runs on; one left untaken stops by itself', async () => {
    const root = make(3, 10);
    const ahead = prestartScanThread({ idleMs: 600_000 });
    assert.ok(ahead, 'the thread started');
    assert.equal(prestartScanThread(), ahead, 'one waits at a time');
    const ended = once(ahead, 'exit');
    const result = await scanOffThread({ root, config: defaultConfig() }, {});
    assert.equal(result.items.length, 15);
    // The scan's thread ends with its request; a thread left waiting would run for ten minutes.
    let guard: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise((_, reject) => (guard = setTimeout(() => reject(new Error('the scan did not run on the thread started ahead')), 10_000)))]);
    clearTimeout(guard);
    const idle = prestartScanThread({ idleMs: 50 });
    assert.ok(idle && idle !== ahead, 'the next one is a new thread');
    await once(idle, 'exit');
    const next = prestartScanThread();
    assert.ok(next && next !== idle, 'a stopped thread is not handed out');
    await next.terminate();
    // A thread stopped while it waited is not taken: the scan starts its own.
    assert.equal((await scanOffThread({ root, config: defaultConfig() }, {})).items.length, 15);
  });

  it('a thread started even earlier (the editor starts one at activation) is kept for the next scan; one offered while it waits is stopped', async () => {
    const root = make(3, 10);
    const early = new ScanThreadAhead(600_000);
    const thread = early.running;
    assert.ok(thread, 'the thread started');
    assert.equal(prestartScanThread({ started: early }), thread);
    const ended = once(thread, 'exit');
    const offered = new ScanThreadAhead(600_000);
    const extra = offered.running!;
    assert.equal(prestartScanThread({ started: offered }), thread, 'one waits at a time');
    await once(extra, 'exit');
    assert.equal((await scanOffThread({ root, config: defaultConfig() }, {})).items.length, 15);
    let guard: NodeJS.Timeout | undefined;
    await Promise.race([ended, new Promise((_, reject) => (guard = setTimeout(() => reject(new Error('the scan did not run on the thread started earlier')), 10_000)))]);
    clearTimeout(guard);
    const idle = new ScanThreadAhead(50);
    await once(idle.running!, 'exit');
    assert.equal(idle.running, undefined, 'one left untaken stopped by itself');
    assert.equal(idle.take(), undefined);
  });

  it('after answering a first scan of a git work tree, proves it: the next scan returns the kept result without reading the cache', async () => {
    const root = make(6, 20);
    git(root, 'init', '-q');
    backdate(root);
    git(root, 'add', '-A');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '-qm', 'one');
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'paydown-thread-cache-'));
    roots.push(cacheDir);
    const config = defaultConfig();
    const thread = prestartScanThread({ idleMs: 600_000 })!;
    const ended = once(thread, 'exit');
    const first = await scanOffThread({ root, config, cacheDir }, { gitEnv: gitEnv() });
    assert.equal(first.stats.filesFromCache, 0, 'a first scan');
    await ended;
    assert.ok(readdirSync(cacheDir).includes('scan-summary.bin'), 'the thread kept the proof before it ended');
    // Spoilt shards: only the kept result can still answer.
    for (const name of readdirSync(cacheDir)) if (name.startsWith('shard-')) writeFileSync(path.join(cacheDir, name), 'spoilt');
    const next = await scanWorkspace({ root, config, cacheDir, git: createGitClient({ cwd: root, env: gitEnv() }) });
    assert.equal(next.stats.filesRead, 0);
    assert.deepEqual(next.items, first.items);
  });

  it('ends with its answer when there is nothing to prove: no git work tree', async () => {
    const root = make(3, 10);
    const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'paydown-thread-cache-'));
    roots.push(cacheDir);
    const thread = prestartScanThread({ idleMs: 600_000 })!;
    const ended = once(thread, 'exit');
    assert.equal((await scanOffThread({ root, config: defaultConfig(), cacheDir }, { gitEnv: gitEnv() })).items.length, 15);
    await ended;
    assert.ok(!readdirSync(cacheDir).includes('scan-summary.bin'));
  });

  it('keeps a PaydownError’s reason across the thread, and rejects at once when aborted', async () => {
    await assert.rejects(scanOffThread({ root: path.join(os.tmpdir(), 'paydown-no-such-folder'), config: defaultConfig() }, {}), (err: unknown) => PaydownError.is(err, 'path-unreadable'));
    const controller = new AbortController();
    const running = scanOffThread({ root: make(4, 50), config: defaultConfig() }, { signal: controller.signal });
    controller.abort();
    await assert.rejects(running, (err: Error) => err.name === 'AbortError');
  });
});

describe('workspace session with a scan thread', function () {
  this.timeout(60_000);
  const roots: string[] = [];
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  it('shows a first scan’s files as they are found, then the full picture; the ledger stays matched', async () => {
    const root = tree(8, 40);
    roots.push(root);
    git(root, 'init', '-q');
    const plain = await WorkspaceSession.open({ root, git: null });
    await plain.refresh();
    await plain.sync();
    const session = await WorkspaceSession.open({ root, git: null, thread: { nice: 5 } });
    const changes: SessionChange[] = [];
    session.onDidChange((c) => changes.push(c));
    await session.refresh(undefined, { progressive: true });
    assert.deepEqual(changes.at(-1), { files: 'all' });
    const partial = changes.slice(0, -1).flatMap((c) => (c.files === 'all' ? [] : c.files));
    assert.ok(partial.length > 0, 'files were shown before the scan ended');
    assert.deepEqual(
      session.items().map((i) => [i.debt.file, i.debt.line, i.key]),
      plain.items().map((i) => [i.debt.file, i.debt.line, i.key]),
    );
    assert.ok(session.items().every((i) => i.ledger !== null), 'every comment is matched to its ledger item');
  });

  it('a sync on the thread asks git, in the environment the editor passes: a removal is stamped with its commit and author', async () => {
    const root = tree(1, 2);
    roots.push(root);
    const as = ['-c', 'user.name=Alice Adams', '-c', 'user.email=alice@example.com'];
    git(root, 'init', '-q');
    git(root, 'add', '-A');
    git(root, ...as, 'commit', '-qm', 'debt');
    const session = await WorkspaceSession.open({ root, thread: { gitEnv: gitEnv() } });
    await session.refresh();
    assert.equal((await session.sync()).counts.created, 1);
    writeFileSync(path.join(root, 'pkg0', 'src', 'f0.ts'), 'export const x = 0;\n');
    git(root, ...as, 'commit', '-qam', 'pay it down');
    const head = git(root, 'rev-parse', 'HEAD').trim();
    const { resolved } = await session.sync();
    assert.deepEqual(resolved.map((r) => [r.resolved?.commit, r.resolved?.author]), [[head, 'Alice Adams']]);
  });

  it('records debt in the ledger on the thread too', async () => {
    const root = tree(1, 2);
    roots.push(root);
    git(root, 'init', '-q');
    const session = await WorkspaceSession.open({ root, thread: {} });
    await session.refresh();
    const changes = await session.sync();
    assert.equal(changes.counts.created, 1);
    assert.match(session.items()[0]!.key, /^PD-[0-9A-Z]{6}$/);
  });
});
