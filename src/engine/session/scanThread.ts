/**
 * Entry point of the editor's scan thread (bundled as `dist/scanThread.js`; see thread.ts): runs
 * one scan or one ledger sync as the CLI would, streams a scan's files as they are found in
 * batches of at most one per {@link STREAM_MS}, then posts the result and waits to be stopped.
 */
import * as os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { scanWorkspace, syncWorkspaceLedger } from '../ledger/service';
import type { FileResult } from '../scanner/cache';
import { toThreadError, type ThreadReply, type ThreadRequest } from './thread';

/** Streamed files are posted at most this often: each post is a structured clone and a view update. */
const STREAM_MS = 100;

const port = parentPort;
if (!port) throw new Error('scanThread must run in a worker thread');
const controller = new AbortController();

function post(reply: ThreadReply): void {
  port!.postMessage(reply);
}

/** Linux gives each thread its own nice value, inherited by the threads and processes it starts. */
function lowerPriority(nice: number): void {
  if (nice <= 0 || process.platform !== 'linux') return;
  try {
    // Never raise it: an editor started with `nice` keeps its scans at least as low.
    if (os.getPriority(0) < nice) os.setPriority(0, Math.min(19, nice));
  } catch {
    // Not allowed here (a container's policy): the scan runs at the editor's priority.
  }
}

/** This thread's priority as the OS sees it (on Linux the thread's own nice value). */
function threadPriority(): number | null {
  try {
    return os.getPriority(0);
  } catch {
    return null;
  }
}

async function handle(request: Exclude<ThreadRequest, { type: 'abort' }>): Promise<ThreadReply> {
  lowerPriority(request.nice);
  const { signal } = controller;
  if (request.type === 'sync') {
    const { changes } = await syncWorkspaceLedger({
      root: request.root,
      config: request.config,
      cacheDir: request.cacheDir,
      // undefined: git found from the root, as the CLI does.
      git: request.git === 'none' ? null : undefined,
      dryRun: request.dryRun,
      signal,
    });
    return { type: 'synced', changes };
  }
  let pending: FileResult[] = [];
  let lastPost = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    post({ type: 'files', files: pending });
    pending = [];
    lastPost = performance.now();
  };
  const onFiles = request.stream
    ? (files: readonly FileResult[]): void => {
        for (const f of files) pending.push(f);
        if (performance.now() - lastPost >= STREAM_MS) flush();
      }
    : undefined;
  const result = await scanWorkspace({ root: request.root, config: request.config, cacheDir: request.cacheDir, signal, onFiles });
  flush();
  return { type: 'scanned', result, priority: threadPriority() };
}

port.on('message', (request: ThreadRequest) => {
  if (request.type === 'abort') {
    controller.abort();
    return;
  }
  handle(request).then(post, (err: unknown) => post({ type: 'failed', error: toThreadError(err) }));
});
