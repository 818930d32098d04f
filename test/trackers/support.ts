// What tracker client tests share besides the fakes: the error a promise rejects with, and a
// bystander server that must never receive a tracker's credentials.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { TrackerError } from '../../src/engine/trackers';

/** The TrackerError `promise` rejects with; fails the test when it resolves or throws anything else. */
export async function rejection(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (err) {
    if (TrackerError.is(err)) return err;
    throw err;
  }
  assert.fail('expected a TrackerError');
}

/** A plain server on 127.0.0.1 that records the headers of what reaches it and answers `body` (JSON). */
export async function bystander(body = '[]'): Promise<{ url: string; seen: IncomingHttpHeaders[]; stop: () => Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}`, seen, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
