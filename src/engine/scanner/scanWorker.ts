/**
 * Entry point of a scan worker thread (bundled as `dist/scanWorker.js`): a {@link WalkerSide}
 * that runs the tasks the pool gives it synchronously (the fast way to read many small files)
 * and talks to the pool through the thread's port.
 */
import { parentPort } from 'node:worker_threads';
import { WalkerSide } from './walkerSide';
import type { ToWorker } from './workerProtocol';

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
const side = new WalkerSide({ post: (msg, transfer) => port.postMessage(msg, transfer), ownsThread: true });
port.on('message', (msg: ToWorker) => side.handle(msg));
