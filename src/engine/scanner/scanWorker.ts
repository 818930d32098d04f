/**
 * Entry point of a scan worker thread (bundled as `dist/scanWorker.js`). It owns one
 * {@link Walker}, runs the tasks the pool gives it synchronously (the fast way to read many
 * small files), shares work when another worker waits, and posts results in batches.
 */
import { parentPort } from 'node:worker_threads';
import { loadShards, writeShard } from './cache';
import { chainFromData, type IgnoreLevel } from './ignoreRules';
import { Walker } from './walk';
import { ABORT, HUNGRY, lowerThreadPriority, taskToData, type FromWorker, type TaskData, type ToWorker } from './workerPool';

const BATCH_MS = 50;

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
let cacheKey = '';
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

function take(tasks: TaskData[]): void {
  // Same property order as the walker's own tasks: one object shape keeps its hot code monomorphic.
  // `kind` as a literal: a string that came through postMessage is not internalized, and the first
  // one would deoptimize the walker's `kind === 'file'` test.
  for (const t of tasks) walker!.stack.push({ rel: t.rel, kind: t.kind === 'file' ? 'file' : 'dir', chain: chainFromData(t.chain, compiledLevels), dirty: t.dirty });
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
      walker = new Walker(msg.config, msg.shards.length > 0 ? loadShards(msg.shards, msg.cacheKey) : undefined);
      break;
    case 'tasks':
      take(msg.tasks);
      run();
      break;
    case 'finish': {
      const shard = msg.write && shardOut && writeShard(shardOut, cacheKey, walker!.records) ? shardOut : null;
      post({ type: 'done', shard });
      break;
    }
  }
});
