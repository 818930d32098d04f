/**
 * Entry point of the editor's scan thread (bundled as `dist/scanThread.js`; see thread.ts): runs
 * one scan or one ledger sync as the CLI would (its scan workers at the requested `nice`), streams
 * a scan's files as they are found, at most one batch per {@link STREAM_MS}, then posts the result
 * (without what the stream carried), proves a first scan's result for the next one, and waits to be
 * stopped. The messages are written down in threadProtocol.ts.
 */
import { parentPort } from 'node:worker_threads';
import { createGitClient } from '../git/execGitClient';
import { systemClock } from '../ports';
import { scanWorkspace, workspaceScanProof } from '../workspace/scan';
import { syncWorkspaceLedger } from '../workspace/sync';
import type { FileResult } from '../scanner/cache';
import { leaveOutStreamed, toThreadError, type ThreadReply, type ThreadRequest } from './threadProtocol';

/** Streamed files are posted at most this often: each post is a structured clone and a view update. */
const STREAM_MS = 100;

const port = parentPort;
if (!port) throw new Error('scanThread must run in a worker thread');
const controller = new AbortController();

function post(reply: ThreadReply): void {
  port!.postMessage(reply);
}

async function handle(request: Exclude<ThreadRequest, { type: 'abort' }>): Promise<ThreadReply> {
  const { signal } = controller;
  const git = request.gitEnv ? createGitClient({ cwd: request.root, env: request.gitEnv }) : null;
  if (request.type === 'sync') {
    const { changes } = await syncWorkspaceLedger({
      root: request.root,
      config: request.config,
      cacheDir: request.cacheDir,
      git,
      clock: systemClock,
      dryRun: request.dryRun,
      signal,
      workerNice: request.nice,
    });
    return { type: 'synced', changes };
  }
  let pending: FileResult[] = [];
  let lastPost = 0;
  const streamed = { items: 0, problems: 0 };
  const flush = (): void => {
    if (pending.length === 0) return;
    post({ type: 'files', files: pending });
    pending = [];
    lastPost = performance.now();
  };
  const onFiles = request.stream
    ? (files: readonly FileResult[]): void => {
        for (const f of files) {
          pending.push(f);
          streamed.items += f.items.length;
          streamed.problems += f.problems.length;
        }
        if (performance.now() - lastPost >= STREAM_MS) flush();
      }
    : undefined;
  // A scan on workers lowers this thread to their priority and parses their candidates here; a
  // git-assisted re-scan, which runs on this thread, keeps the editor's priority.
  const options = { root: request.root, config: request.config, cacheDir: request.cacheDir, git, signal, workerNice: request.nice, niceCaller: true };
  const result = await scanWorkspace({ ...options, onFiles });
  flush();
  const reply = request.stream ? leaveOutStreamed(result, streamed) : ({ type: 'scanned', result } as const);
  const proof = workspaceScanProof(options, result.stats);
  if (!proof) return reply;
  post({ ...reply, proving: true });
  // Best effort: without the proof, the next scan only takes longer.
  await proof().catch(() => undefined);
  return { type: 'proved' };
}

port.on('message', (request: ThreadRequest) => {
  if (request.type === 'abort') {
    controller.abort();
    return;
  }
  handle(request).then(post, (err: unknown) => post({ type: 'failed', error: toThreadError(err) }));
});
