// What every tracker client's integration test needs around its contract fake: a client
// environment whose waits move the fake's clock, a server that must never see the token, and
// small helpers. Nothing here sleeps or reads the wall clock.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { fetchHttpClient } from '../../src/engine/adapters/fetchHttpClient';
import type { HttpClient, HttpResponse, Logger } from '../../src/engine/ports';
import { TrackerError, ticketMarker, type TicketDraft } from '../../src/engine/trackers';
import type { ClientEnvironment } from '../../src/engine/trackers/http';
import type { FakeClock } from '../trackers/fake';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The n-th valid item id: PD-0000, PD-0001, … */
export const itemId = (n: number): string => `PD-${[3, 2, 1, 0].map((p) => CROCKFORD[Math.floor(n / 32 ** p) % 32]).join('')}`;

/** A draft for item `id`, its body ending with the marker. */
export const draft = (id: string, more: Partial<TicketDraft> = {}): TicketDraft => ({
  itemId: id,
  title: `Debt ${id}`,
  body: `Replace the retry loop.\n\n${ticketMarker(id)}`,
  labels: [],
  assignees: [],
  milestone: null,
  estimate: null,
  ...more,
});

/** A {@link ClientEnvironment} on a fake's clock, and what it saw. */
export interface FakeTimeEnvironment extends ClientEnvironment {
  http: HttpClient;
  /** Every wait asked for, in ms. */
  slept: number[];
  /** Every log line, `level: message`. */
  logs: string[];
}

/**
 * A client environment whose sleeps move `clock`, once the requests already on their way are
 * answered (as they would be long before a real wait ends), so concurrent callers see time pass
 * in the order a real run would. `onResponse` sees every answer.
 */
export function fakeTimeEnvironment(clock: FakeClock, options: { http?: HttpClient; onResponse?: (response: HttpResponse) => void } = {}): FakeTimeEnvironment {
  const slept: number[] = [];
  const logs: string[] = [];
  const log = (level: string) => (m: string) => void logs.push(`${level}: ${m}`);
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
  const inner = options.http ?? fetchHttpClient();
  let inFlight = 0;
  const http: HttpClient = {
    request: async (request) => {
      inFlight++;
      try {
        const response = await inner.request(request);
        options.onResponse?.(response);
        return response;
      } finally {
        inFlight--;
      }
    },
  };
  return {
    http,
    clock: { now: () => new Date(clock.now()) },
    sleep: async (ms) => {
      while (inFlight > 0) await new Promise((resolve) => setImmediate(resolve));
      slept.push(ms);
      clock.advance(ms);
    },
    random: () => 0.5,
    logger,
    maxWaitMs: 10 * 60_000,
    slept,
    logs,
  };
}

/** A plain server that records what reaches it and answers `body` (JSON). */
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

/** The TrackerError `promise` rejects with; fails the test when it resolves. */
export async function rejection(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (err) {
    if (TrackerError.is(err)) return err;
    throw err;
  }
  assert.fail('expected a TrackerError');
}
