/**
 * Entry point of a scan worker thread (bundled as `dist/scanWorker.js`). It owns one
 * {@link Walker}, runs the tasks the pool gives it synchronously (the fast way to read many
 * small files), shares work when another worker waits, and posts results in batches. Its side of
 * the conversation with the pool is in workerProtocol.ts.
 */
import { rmSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { loadShards, writeShard } from './cache';
import type { PackedRecords } from './packedRecords';
import { chainFromData, folderRules, type IgnoreLevel } from './ignoreRules';
import { Walker } from './walk';
import { lowerThreadPriority } from './workerPool';
import { ABORT, HUNGRY, taskToData, type FromWorker, type TaskData, type ToWorker } from './workerProtocol';

const BATCH_MS = 50;
/**
 * A walk that recorded this many folders writes them as a part of its shard and lets them go:
 * the cache of a large tree is never all in memory at once, nor serialised in one piece (on the
 * real bench corpus, 27,000 folders, that kept 25 MB of records and a 16 MB buffer alive at the
 * walk's end).
 */
const PART_DIRS = 2048;

// Moving a batch's bytes to the calling thread detaches an ArrayBuffer; the first detach in an
// isolate invalidates a V8 protector and deoptimizes every function compiled under it. Detach a
// dummy now, before anything is hot, so the walker is compiled once.
try {
  const detached = new ArrayBuffer(0);
  structuredClone(detached, { transfer: [detached] });
} catch {
  // Only a warm-up: without it the walker is compiled twice, nothing else changes.
}

const port = parentPort;
if (!port) throw new Error('scanWorker must run in a worker thread');

let walker: Walker | undefined;
let flags: Int32Array | undefined;
let shardOut: string | null = null;
/** Parts of this worker's shard written so far (see {@link writePart}); null once one failed. */
let parts: string[] | null = [];
let cacheKey = '';
/** The cache this worker's walk started from: kept records are copied from it. */
let previous: PackedRecords | undefined;
const compiledLevels = new Map<string, IgnoreLevel>();

function post(msg: FromWorker): void {
  port!.postMessage(msg);
}

/** Posts the results and the files left to parse since the last drain (small ones' bytes are moved, not copied). */
function drain(type: 'batch' | 'idle', w: Walker): void {
  const candidates = w.takeDeferred();
  port!.postMessage({ type, results: w.results, counters: { ...w.counters }, candidates } satisfies FromWorker, candidates?.bytes ? [candidates.bytes.buffer as ArrayBuffer] : []);
  w.results = [];
}

/** Writes the walker's records as the next part of this worker's shard, and drops them. */
function writePart(w: Walker): void {
  const records = w.records.splice(0);
  if (!shardOut || parts === null) return;
  const file = shardOut.replace(/\.bin$/, `-${parts.length}.bin`);
  if (writeShard(file, cacheKey, records, previous)) parts.push(file);
  else {
    // An incomplete cache is no cache: the scan goes on, the next one starts cold.
    for (const part of parts) rmSync(part, { force: true });
    parts = null;
  }
}

function take(tasks: TaskData[]): void {
  // Same property order as the walker's own tasks: one object shape keeps its hot code monomorphic.
  // `kind` as a literal: a string that came through postMessage is not internalized, and the first
  // one would deoptimize the walker's `kind === 'file'` test.
  // Rules worked out here, from the folder's path: a walk that found every task's rules already made
  // would otherwise meet its first task from another thread after V8 compiled it, and compile it again.
  for (const t of tasks) {
    const chain = chainFromData(t.chain, compiledLevels);
    walker!.stack.push({ rel: t.rel, kind: t.kind === 'file' ? 'file' : 'dir', chain, dirty: t.dirty, rules: t.kind === 'file' ? undefined : folderRules(chain, t.rel) });
  }
}

function run(): void {
  const w = walker!;
  const f = flags!;
  let lastPost = Date.now();
  while (w.step()) {
    if (Atomics.load(f, ABORT) !== 0) return;
    const hungry = Atomics.load(f, HUNGRY);
    if (hungry > 0 && w.stack.length > 1 && Atomics.compareExchange(f, HUNGRY, hungry, hungry - 1) === hungry) {
      // The bottom of a depth-first stack holds the shallowest, so largest, subtrees.
      const given = w.stack.splice(0, Math.ceil(w.stack.length / 2));
      post({ type: 'donate', tasks: given.map(taskToData) });
    }
    const now = Date.now();
    if (now - lastPost >= BATCH_MS) {
      lastPost = now;
      drain('batch', w);
    }
    if (w.records.length >= PART_DIRS) writePart(w);
  }
  drain('idle', w);
}

port.on('message', (msg: ToWorker) => {
  switch (msg.type) {
    case 'init':
      if (msg.nice) lowerThreadPriority(msg.nice);
      flags = new Int32Array(msg.shared);
      shardOut = msg.shardOut;
      cacheKey = msg.cacheKey;
      previous = msg.shards.length > 0 ? loadShards(msg.shards, msg.cacheKey) : undefined;
      walker = new Walker(msg.config, previous);
      break;
    case 'tasks':
      take(msg.tasks);
      run();
      break;
    case 'finish': {
      if (msg.write && walker!.records.length > 0) writePart(walker!);
      const written = msg.write && shardOut ? parts : null;
      if (!written) for (const part of parts ?? []) rmSync(part, { force: true });
      post({ type: 'done', shards: written });
      break;
    }
  }
});
