// The tracker-independent half of the behaviour layer: a clock the test controls, a
// fixed-window request budget, a search index that sees writes late, one-shot faults, and
// page arithmetic. Each fake dresses these in its tracker's headers and bodies (and cites the
// tracker's documentation where it does).
//
// Invariants: nothing here sleeps or reads the wall clock; time moves only through FakeClock.

/** Fake time: starts at a fixed instant and moves only by `tick` per request or `advance`. */
export class FakeClock {
  private t: number;

  /** @param tickMs how far each handled request moves time, so writes get distinct timestamps. */
  constructor(
    start = Date.parse('2026-03-02T09:00:00Z'),
    readonly tickMs = 1000,
  ) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  iso(): string {
    return new Date(this.t).toISOString().replace('.000Z', 'Z');
  }

  advance(ms: number): void {
    this.t += ms;
  }

  /** Called by the server once per request. */
  tick(): void {
    this.t += this.tickMs;
  }
}

/** A request budget that refills at the end of a fixed window (GitHub, GitLab, Jira style). */
export class RateLimitWindow {
  used = 0;
  private windowStart: number;

  constructor(
    private readonly clock: FakeClock,
    public limit: number,
    readonly windowMs: number,
  ) {
    this.windowStart = clock.now();
  }

  private roll(): void {
    if (this.clock.now() >= this.windowStart + this.windowMs) {
      const windows = Math.floor((this.clock.now() - this.windowStart) / this.windowMs);
      this.windowStart += windows * this.windowMs;
      this.used = 0;
    }
  }

  /** Takes `cost` from the budget; false (and nothing taken) when it would go below zero. */
  take(cost = 1): boolean {
    this.roll();
    if (this.used + cost > this.limit) return false;
    this.used += cost;
    return true;
  }

  get remaining(): number {
    this.roll();
    return Math.max(0, this.limit - this.used);
  }

  /** When the budget refills, epoch ms. */
  get resetAt(): number {
    this.roll();
    return this.windowStart + this.windowMs;
  }

  /** Empties the budget now (a test's shortcut to "the limit is reached"). */
  exhaust(): void {
    this.roll();
    this.used = this.limit;
  }
}

/** How long a write takes to reach search: after `requests` more requests and `ms` of fake time. */
export interface SearchLag {
  requests?: number;
  ms?: number;
}

/**
 * What search sees: every write is indexed late, and until then search answers from the
 * previous version (or not at all for a new item) — the stale-read that makes "search for the
 * marker before creating" miss a ticket created a moment ago.
 */
export class SearchIndex<T> {
  private readonly versions = new Map<string, Array<{ value: T; request: number; at: number }>>();
  lag: SearchLag = {};

  constructor(
    private readonly clock: FakeClock,
    private readonly requestCount: () => number,
  ) {}

  /** Records a new version of `id` (a copy: later edits of the caller's object are not seen). */
  put(id: string, value: T): void {
    const list = this.versions.get(id) ?? [];
    list.push({ value: structuredClone(value), request: this.requestCount(), at: this.clock.now() });
    this.versions.set(id, list);
  }

  /** The newest version of every item that search can see now. */
  visible(): T[] {
    const out: T[] = [];
    const now = this.clock.now();
    const req = this.requestCount();
    for (const list of this.versions.values()) {
      for (let i = list.length - 1; i >= 0; i--) {
        const v = list[i]!;
        if (req - v.request >= (this.lag.requests ?? 0) && now - v.at >= (this.lag.ms ?? 0)) {
          out.push(v.value);
          break;
        }
      }
    }
    return out;
  }
}

/** What a fault does to the next matching request(s). */
export type Fault =
  /** Answers with this status, in the tracker's error format (401, 404, 422, 500, 502, 503…). */
  | { kind: 'status'; status: number; message?: string; headers?: Record<string, string> }
  /** The tracker's primary rate-limit answer, as if the budget were spent. */
  | { kind: 'rateLimit' }
  /** GitHub's secondary limit (403/429 with `retry-after`); other fakes treat it as `rateLimit`. */
  | { kind: 'secondaryRateLimit'; retryAfterSeconds?: number }
  /** Never answers: the request stays open until the client gives up or the fake stops. */
  | { kind: 'hang' }
  /** Closes the connection before handling: nothing is stored. */
  | { kind: 'drop' }
  /** Handles the request (a create is stored) and then closes the connection unanswered. */
  | { kind: 'lostResponse' }
  /** Rewrites the response body before it is sent (and checked): proves the response check. */
  | { kind: 'transformResponse'; transform: (body: unknown) => unknown };

/** Which requests a fault applies to; all given fields must match. */
export interface FaultMatch {
  /** operationId, `METHOD /template`, or for GraphQL a root field name (`issueCreate`). */
  operation?: string;
  method?: string;
  /** Tested against the path (without the query). */
  path?: RegExp;
}

export interface ArmedFault {
  fault: Fault;
  match: FaultMatch;
  /** How many more requests it applies to (Infinity: until cleared). */
  remaining: number;
}

/** Faults armed by a test, consumed by the requests they match, in the order armed. */
export class FaultQueue {
  private readonly armed: ArmedFault[] = [];

  add(fault: Fault, match: FaultMatch = {}, times = 1): void {
    this.armed.push({ fault, match, remaining: times });
  }

  clear(): void {
    this.armed.length = 0;
  }

  /** Takes the first fault matching this request, or undefined. */
  take(req: { operations: string[]; method: string; path: string }): Fault | undefined {
    const i = this.armed.findIndex(
      (a) =>
        (a.match.operation === undefined || req.operations.includes(a.match.operation)) &&
        (a.match.method === undefined || a.match.method.toUpperCase() === req.method) &&
        (a.match.path === undefined || a.match.path.test(req.path)),
    );
    if (i < 0) return undefined;
    const a = this.armed[i]!;
    if (--a.remaining <= 0) this.armed.splice(i, 1);
    return a.fault;
  }
}

/** One page of `items` by 1-based `page` and `perPage`, with the numbers Link headers need. */
export function pageOf<T>(items: T[], page: number, perPage: number): { items: T[]; page: number; perPage: number; lastPage: number; total: number } {
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  return { items: items.slice((page - 1) * perPage, page * perPage), page, perPage, lastPage, total: items.length };
}

/** An RFC 8288 `Link` header for page-numbered results: first/prev/next/last as they apply. */
export function linkHeader(requestUrl: URL, page: number, lastPage: number, rels: Array<'first' | 'prev' | 'next' | 'last'> = ['prev', 'next', 'last', 'first']): string | undefined {
  const at = (n: number): string => {
    const u = new URL(requestUrl);
    u.searchParams.set('page', String(n));
    return u.toString();
  };
  const parts: string[] = [];
  if (rels.includes('prev') && page > 1) parts.push(`<${at(page - 1)}>; rel="prev"`);
  if (rels.includes('next') && page < lastPage) parts.push(`<${at(page + 1)}>; rel="next"`);
  if (rels.includes('last') && page < lastPage) parts.push(`<${at(lastPage)}>; rel="last"`);
  if (rels.includes('first') && page > 1) parts.push(`<${at(1)}>; rel="first"`);
  return parts.length ? parts.join(', ') : undefined;
}

/** An opaque cursor (base64url JSON), as Linear, GitLab keyset and Jira tokens look to clients. */
export const cursor = {
  encode: (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64url'),
  decode: <T>(token: string): T | undefined => {
    try {
      return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as T;
    } catch {
      return undefined;
    }
  },
};
