/**
 * A walker's side of the pool's conversation (workerProtocol.ts): it owns one {@link Walker}, runs
 * the tasks it is given, shares work when another walker waits, posts results in batches and
 * writes its part of the cache. A scan worker thread (scanWorker.ts) runs one to completion per
 * `tasks` message; the calling thread's own walker (workerPool.ts `LocalWalker`) runs one in
 * slices, so that the other walkers' messages get through between them.
 */
import { rmSync } from 'node:fs';
import { loadShards, writePackedShard } from './cache';
import { RecordWriter, type PackedRecords } from './packedRecords';
import { chainFromData, folderRules, type IgnoreLevel } from './ignoreRules';
import { Walker } from './walk';
import { lowerThreadPriority } from './threadPriority';
import { ABORT, HUNGRY, taskToData, type FromWorker, type TaskData, type ToWorker } from './workerProtocol';

const BATCH_MS = 50;
/**
 * A walk that recorded this many folders writes them as a part of its shard and lets them go:
 * the cache of a large tree is never all in memory at once, nor serialised in one piece (on the
 * real bench corpus, 27,000 folders, that kept 25 MB of records and a 16 MB buffer alive at the
 * walk's end). Until then they are held packed (`RecordWriter`), each folder's as soon as it is
 * walked: a record object lives no longer than its folder's step, so it dies young.
 */
const PART_DIRS = 2048;

export interface WalkerSideOptions {
  /** Posts a message to the pool; `transfer` lists buffers a thread moves rather than copies. */
  post: (msg: FromWorker, transfer: ArrayBuffer[]) => void;
  /** On the calling thread: walk `ms` at a time, then let `resume` continue after other events. */
  slices?: { ms: number; resume: (next: () => void) => void };
  /** Whether `init`'s `nice` applies (a worker thread's own priority; never the calling thread's). */
  ownsThread: boolean;
  /** The cache, when the caller loaded it already; else `init`'s shards are loaded. */
  previous?: PackedRecords;
}

export class WalkerSide {
  private walker: Walker | undefined;
  private flags: Int32Array | undefined;
  private shardOut: string | null = null;
  /** Parts of this walker's shard written so far (see {@link writePart}); null once one failed. */
  private parts: string[] | null = [];
  /** The records of the part being gathered, and how many folders it holds. */
  private part: RecordWriter | undefined;
  private partDirs = 0;
  private cacheKey = '';
  /** The cache this walk started from: kept records are copied from it. */
  private previous: PackedRecords | undefined;
  private readonly compiledLevels = new Map<string, IgnoreLevel>();
  /** When results were last posted (a batch goes about every {@link BATCH_MS} of walking). */
  private lastPost = 0;

  constructor(private readonly options: WalkerSideOptions) {}

  handle(msg: ToWorker): void {
    switch (msg.type) {
      case 'init':
        if (msg.nice && this.options.ownsThread) lowerThreadPriority(msg.nice);
        this.flags = new Int32Array(msg.shared);
        this.shardOut = msg.shardOut;
        this.cacheKey = msg.cacheKey;
        this.previous = this.options.previous ?? (msg.shards.length > 0 ? loadShards(msg.shards, msg.cacheKey) : undefined);
        this.walker = new Walker(msg.config, this.previous);
        break;
      case 'tasks':
        this.take(msg.tasks);
        this.lastPost = Date.now();
        this.run();
        break;
      case 'finish': {
        if (this.walker!.records.length > 0) this.pack(this.walker!);
        if (msg.write && this.partDirs > 0) this.writePart();
        const written = msg.write && this.shardOut ? this.parts : null;
        if (!written) for (const part of this.parts ?? []) rmSync(part, { force: true });
        this.options.post({ type: 'done', shards: written }, []);
        break;
      }
    }
  }

  private take(tasks: TaskData[]): void {
    // Same property order as the walker's own tasks: one object shape keeps its hot code monomorphic.
    // `kind` as a literal: a string that came through postMessage is not internalized, and the first
    // one would deoptimize the walker's `kind === 'file'` test.
    // Rules worked out here, from the folder's path: a walk that found every task's rules already made
    // would otherwise meet its first task from another thread after V8 compiled it, and compile it again.
    for (const t of tasks) {
      const chain = chainFromData(t.chain, this.compiledLevels);
      this.walker!.stack.push({ rel: t.rel, kind: t.kind === 'file' ? 'file' : 'dir', chain, dirty: t.dirty, rules: t.kind === 'file' ? undefined : folderRules(chain, t.rel) });
    }
  }

  private run(): void {
    const w = this.walker!;
    const f = this.flags!;
    const slices = this.options.slices;
    const sliceEnd = slices ? Date.now() + slices.ms : Infinity;
    while (w.step()) {
      if (Atomics.load(f, ABORT) !== 0) return;
      const hungry = Atomics.load(f, HUNGRY);
      if (hungry > 0 && w.stack.length > 1 && Atomics.compareExchange(f, HUNGRY, hungry, hungry - 1) === hungry) {
        // The bottom of a depth-first stack holds the shallowest, so largest, subtrees.
        const given = w.stack.splice(0, Math.ceil(w.stack.length / 2));
        this.options.post({ type: 'donate', tasks: given.map(taskToData) }, []);
      }
      const now = Date.now();
      if (now - this.lastPost >= BATCH_MS) {
        this.lastPost = now;
        this.drain('batch', w);
      }
      if (w.records.length > 0) this.pack(w);
      if (slices && now >= sliceEnd && w.stack.length > 0) {
        slices.resume(() => this.run());
        return;
      }
    }
    this.drain('idle', w);
  }

  /** Posts the results and the files left to parse since the last drain (small ones' bytes are moved, not copied). */
  private drain(type: 'batch' | 'idle', w: Walker): void {
    const candidates = w.takeDeferred();
    this.options.post({ type, results: w.results, counters: { ...w.counters }, candidates }, candidates?.bytes ? [candidates.bytes.buffer as ArrayBuffer] : []);
    w.results = [];
  }

  /** Packs the walker's new records into the part being gathered; writes the part once it is full. */
  private pack(w: Walker): void {
    if (this.shardOut && this.parts !== null) {
      this.part ??= new RecordWriter(this.previous);
      for (const record of w.records) this.part.add(record);
      this.partDirs += w.records.length;
    }
    w.records.length = 0;
    if (this.partDirs >= PART_DIRS) this.writePart();
  }

  /** Writes the gathered records as the next part of this walker's shard, and drops them. */
  private writePart(): void {
    const part = this.part;
    this.part = undefined;
    this.partDirs = 0;
    if (!part || !this.shardOut || this.parts === null) return;
    const file = this.shardOut.replace(/\.bin$/, `-${this.parts.length}.bin`);
    if (writePackedShard(file, this.cacheKey, part.finish())) this.parts.push(file);
    else {
      // An incomplete cache is no cache: the scan goes on, the next one starts cold.
      for (const written of this.parts) rmSync(written, { force: true });
      this.parts = null;
    }
  }
}
