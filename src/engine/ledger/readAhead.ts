/**
 * Reads a large ledger's item files on a worker thread, so that the thread loading the ledger
 * (the CLI's, which lexes a scan's candidates at the same time; the editor's extension host)
 * only decodes and parses them: with 10,000 items the opens, reads and closes are most of the
 * load's own time.
 *
 * Invariants:
 * - The worker opens only `dir/<name>` for the names it is given, read-only and without following
 *   a symbolic link. Whatever it cannot read that plainly (a link, any error, a file larger than
 *   what is left of a chunk) it hands back by name, for the caller to read through
 *   `readItemText`, which owns the link and error policy.
 * - Files come back in the order of `names`, in chunks whose bytes are moved, not copied. A file
 *   is read with one `read`: a caller that cannot parse what came back reads the file again.
 * - Every name comes back exactly once, read or handed back; if the worker cannot start or
 *   fails, the names it had not delivered are handed back. Nothing is lost.
 */
import * as fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { READ_NO_FOLLOW } from './atomic';

/** Below this many item files a worker's start costs more than it saves. */
export const READ_AHEAD_FROM = 1_000;

/** True where an open can refuse to follow a link (not on Windows): only there may the worker open files. */
export const CAN_READ_AHEAD = READ_NO_FOLLOW !== fs.constants.O_RDONLY;

/** Files read by the worker, back to back in `bytes`, and the ones it left to the caller. */
export interface ItemFileChunk {
  names: string[];
  /** Where each of `names` ends in `bytes` (each starts where the one before ends). */
  ends: number[];
  bytes: Buffer;
  /** Names for the caller to read itself. */
  leftOver: string[];
}

interface ReaderData {
  dir: string;
  names: readonly string[];
  flags: number;
  chunkBytes: number;
}

const CHUNK_BYTES = 256 * 1024;
/** A chunk with less room than this is sent: item files are about 1 KB. */
const CHUNK_SLACK = 16 * 1024;

// Plain CommonJS run with `eval`: it needs nothing but `fs`, so it needs no bundle of its own.
const READER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const { dir, names, flags, chunkBytes } = workerData;
let bytes = Buffer.allocUnsafeSlow(chunkBytes);
let used = 0;
let read = [];
let ends = [];
let leftOver = [];
function send() {
  parentPort.postMessage({ names: read, ends, bytes: bytes.buffer, used, leftOver }, [bytes.buffer]);
  bytes = Buffer.allocUnsafeSlow(chunkBytes);
  used = 0;
  read = [];
  ends = [];
  leftOver = [];
}
for (const name of names) {
  if (chunkBytes - used < ${CHUNK_SLACK}) send();
  const start = used;
  let fd = -1;
  try {
    fd = fs.openSync(dir + '/' + name, flags);
    // One read: a short one ends a regular file. Where it does not, the text is cut and fails to
    // parse, and the caller reads that file again itself.
    used += fs.readSync(fd, bytes, used, chunkBytes - used, null);
    if (used === chunkBytes) throw new Error('larger than the chunk');
    read.push(name);
    ends.push(used);
  } catch {
    used = start;
    leftOver.push(name);
  } finally {
    if (fd >= 0) fs.closeSync(fd);
  }
}
send();
parentPort.postMessage({ done: true });
`;

type ReaderMessage = { done: true } | { names: string[]; ends: number[]; bytes: ArrayBuffer; used: number; leftOver: string[] };

/**
 * The item files `names` (bare file names in `dir`), read on a worker thread, as chunks in the
 * order of `names`. Stopping the iteration early stops the worker.
 */
export async function* readItemFilesAhead(dir: string, names: readonly string[]): AsyncGenerator<ItemFileChunk> {
  const queue: Array<ItemFileChunk | 'done' | 'failed'> = [];
  let wake: (() => void) | undefined;
  const arrive = (entry: ItemFileChunk | 'done' | 'failed'): void => {
    queue.push(entry);
    wake?.();
    wake = undefined;
  };
  let worker: Worker | undefined;
  try {
    const data: ReaderData = { dir, names, flags: READ_NO_FOLLOW, chunkBytes: CHUNK_BYTES };
    worker = new Worker(READER_SOURCE, { eval: true, workerData: data, resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 32 } });
    worker.on('message', (message: ReaderMessage) => {
      if ('done' in message) arrive('done');
      else arrive({ names: message.names, ends: message.ends, bytes: Buffer.from(message.bytes, 0, message.used), leftOver: message.leftOver });
    });
    worker.on('error', () => arrive('failed'));
    worker.on('exit', () => arrive('failed'));
  } catch {
    arrive('failed');
  }
  let delivered = 0;
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const next = queue.shift() as ItemFileChunk | 'done' | 'failed';
      if (next === 'done') return;
      if (next === 'failed') {
        // Whatever the worker had not delivered is the caller's to read.
        if (delivered < names.length) yield { names: [], ends: [], bytes: Buffer.alloc(0), leftOver: names.slice(delivered) };
        return;
      }
      delivered += next.names.length + next.leftOver.length;
      yield next;
    }
  } finally {
    void worker?.terminate();
  }
}
