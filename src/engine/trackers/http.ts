/**
 * The request layer every tracker client shares (GitHub now; GitLab, Jira and Linear next): JSON
 * over the {@link HttpClient} port, with retries, rate limits, write pacing and credential
 * pinning in one place. Tracker specifics (headers, how a body names its error, which answer is
 * a rate limit, the pacing numbers) come in as {@link TrackerHttpOptions}.
 *
 * Invariants:
 * - A GET is retried (bounded, exponential backoff with jitter) after a network error or a 5xx.
 *   A write is never resent once it may have reached the tracker: a 5xx, a dropped connection or
 *   a timeout after sending throws `TrackerError('outcome-unknown')`. A write the tracker refused
 *   for rate limits did nothing, so it is waited out and resent.
 * - No wait is longer than `maxWaitMs`: a longer one throws `TrackerError('rate-limited')` with
 *   `retryAt`, so the engine queues the rest instead of hanging.
 * - The token goes only to the pinned origin (scheme, host and port). A request anywhere else (a
 *   `Link` or a redirect pointing elsewhere, a config naming another host) is refused before
 *   anything is sent: `TrackerError('untrusted-host')`.
 * - Every message and log line passes {@link redactor}: the token never leaves in text.
 */
import { PaydownError } from '../errors';
import { silentLogger, type Clock, type HttpClient, type HttpRequest, type HttpResponse, type Logger } from '../ports';
import { TrackerError, type TrackerErrorDetails, type TrackerErrorReason } from './model';

/** A token and the API origin it was given for (`https://api.github.com`). */
export interface TrackerCredentials {
  token: string;
  /** A URL whose origin (scheme, host, port) is the only place the token may go. */
  host: string;
}

/** Waits `ms`; rejects when `signal` aborts. Tests pass one that moves a fake clock. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** How fast content-creating requests (POST, PATCH, PUT, DELETE) may go. */
export interface WritePacing {
  /** Least time between the starts of two writes. */
  minIntervalMs: number;
  /** Most writes in any rolling hour (0: no hourly budget). */
  perHour: number;
}

/** What a tracker tells the layer about its own conventions. */
export interface TrackerHttpOptions {
  /** How messages name the tracker: `GitHub`. */
  name: string;
  http: HttpClient;
  clock: Clock;
  credentials: TrackerCredentials | null;
  /** `Authorization` header for a token (default `Bearer <token>`). */
  authorization?: (token: string) => string;
  /** Headers every request carries (Accept, User-Agent, API version). */
  headers?: Readonly<Record<string, string>>;
  sleep?: Sleep;
  /** In [0, 1): jitter. */
  random?: () => number;
  logger?: Logger;
  /** Longest single wait (rate limits, pacing) before giving up with `rate-limited` (default 3 min). */
  maxWaitMs?: number;
  /** Tries per request for network errors and 5xx on reads (default 4). */
  maxAttempts?: number;
  /** First backoff step (default 1 s); doubles per attempt. */
  backoffMs?: number;
  /** Per-request timeout (default: the HttpClient's). */
  timeoutMs?: number;
  pacing?: WritePacing;
  /** The rate-limit budget a URL spends (GitHub: `search` or `core`); one budget when absent. */
  resourceOf?: (url: URL) => string;
  /**
   * True when a refusal is a rate limit the status and headers do not show: GitHub's
   * secondary-limit 403s, Linear's `RATELIMITED` GraphQL error (whatever its status).
   */
  isRateLimited?: (response: HttpResponse, message: string) => boolean;
  /**
   * Reads a budget's state from an answer's headers (default: GitHub's `x-ratelimit-remaining`
   * and `x-ratelimit-reset` in epoch seconds). GitLab names them `ratelimit-*`, Linear
   * `x-ratelimit-requests-*` with a reset in epoch milliseconds.
   */
  limitState?: (headers: Readonly<Record<string, string>>) => LimitState;
  /** The first wait after a rate-limit refusal that says nothing of when to retry (default 60 s). */
  rateLimitFallbackMs?: number;
  /**
   * The reason of a refusal its status does not tell (Linear answers every GraphQL error 400 and
   * names it in the body: `authentication error`, `forbidden`); null: by status.
   */
  errorReason?: (response: HttpResponse) => TrackerErrorReason | null;
}

/** What every tracker client is built with besides its project and credentials (the shell's ports, test seams). */
export interface ClientEnvironment {
  http: HttpClient;
  clock: Clock;
  sleep?: Sleep;
  /** In [0, 1): jitter. */
  random?: () => number;
  logger?: Logger;
  /** Longest single wait for a rate limit before `rate-limited` (default 3 min). */
  maxWaitMs?: number;
  /** Per-request timeout (default: the HttpClient's, 30 s). */
  timeoutMs?: number;
}

/** The {@link ClientEnvironment} fields of `options` that are set: what a client hands to {@link createTrackerHttp}. */
export function clientEnvironment(options: ClientEnvironment): ClientEnvironment {
  const { http, clock, sleep, random, logger, maxWaitMs, timeoutMs } = options;
  return {
    http,
    clock,
    ...(sleep ? { sleep } : {}),
    ...(random ? { random } : {}),
    ...(logger ? { logger } : {}),
    ...(maxWaitMs !== undefined ? { maxWaitMs } : {}),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  };
}

/** What an answer says of its rate-limit budget: how much is left, and when it fills again. */
export interface LimitState {
  /** Requests left in the window, or null when the answer does not say. */
  remaining: number | null;
  /** When the window resets, epoch ms, or null. */
  resetAt: number | null;
  /** The budget's name when the answer says (GitHub's `x-ratelimit-resource`). */
  resource?: string;
}

/** GitHub's headers: `x-ratelimit-remaining`, `x-ratelimit-reset` (epoch seconds), `x-ratelimit-resource`. */
export function githubLimitState(headers: Readonly<Record<string, string>>): LimitState {
  return {
    remaining: numberHeader(headers['x-ratelimit-remaining']),
    resetAt: secondsToMs(numberHeader(headers['x-ratelimit-reset'])),
    ...(headers['x-ratelimit-resource'] ? { resource: headers['x-ratelimit-resource'] } : {}),
  };
}

/** A header's number, or null when absent or not a number. */
export function numberHeader(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

function secondsToMs(seconds: number | null): number | null {
  return seconds === null ? null : seconds * 1000;
}

/** What a request sends. */
export interface JsonRequest {
  method: HttpRequest['method'];
  /** Absolute URL. */
  url: string;
  /** Serialised as JSON. */
  body?: unknown;
  signal?: AbortSignal;
  /**
   * A POST that only reads (a GraphQL query, Jira's search): retried after a network error or a
   * 5xx like a GET, and not paced as a write. Never set it on a request that changes anything.
   */
  readOnly?: boolean;
}

/** A 2xx answer, its body parsed. */
export interface JsonResponse<T> {
  status: number;
  headers: Readonly<Record<string, string>>;
  data: T;
}

/** The shared request layer; one per tracker client (its pacing and limit state live here). */
export interface TrackerHttp {
  request<T>(request: JsonRequest): Promise<JsonResponse<T>>;
  /** Every item of a `Link`-paginated JSON array, following `rel="next"` (same origin only). */
  paginate<T>(url: string, signal?: AbortSignal): Promise<T[]>;
  /** Removes the token from a text (for messages built outside the layer). */
  redact(text: string): string;
}

const WRITES = new Set(['POST', 'PATCH', 'PUT', 'DELETE']);
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 3;
const MAX_PAGES = 1000;
const RATE_LIMIT_RETRIES = 6;
/** Network errors that mean nothing was sent: a write can be queued and replayed safely. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** Real timers; rejects with `PaydownError('aborted')` when `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new PaydownError('aborted', 'cancelled'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(new PaydownError('aborted', 'cancelled'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** A function that replaces `secrets` (and their URL-encoded forms) with `***` in any text. */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const forms = [...new Set(secrets.filter((s) => s.length >= 4).flatMap((s) => [s, encodeURIComponent(s), Buffer.from(s).toString('base64')]))];
  return (text) => forms.reduce((t, s) => t.split(s).join('***'), text);
}

/** The URL of `rel="next"` in an RFC 8288 `Link` header, or null. */
export function nextLink(link: string | undefined): string | null {
  for (const part of (link ?? '').split(',')) {
    const m = /<([^>]+)>\s*;(.*)$/.exec(part.trim());
    if (m && /\brel="?([^";]*\s)?next(\s[^";]*)?"?/.test(m[2]!)) return m[1]!;
  }
  return null;
}

/** The tracker's own words in an error body: `message` (GitHub, GitLab), `errorMessages` and the `errors` field map (Jira), `errors[].message`. */
export function trackerMessage(body: string): { message: string; fields: string[] } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return { message: body.trim().slice(0, 200), fields: [] };
  }
  if (typeof parsed !== 'object' || parsed === null) return { message: String(parsed), fields: [] };
  const o = parsed as Record<string, unknown>;
  const errors = Array.isArray(o.errors) ? (o.errors as unknown[]) : [];
  const parts: string[] = [];
  const fields: string[] = [];
  for (const key of ['message', 'error', 'error_description']) if (typeof o[key] === 'string') parts.push(o[key]);
  if (Array.isArray(o.errorMessages)) parts.push(...o.errorMessages.filter((m): m is string => typeof m === 'string'));
  // Jira names the refused fields as an object: `{ "errors": { "customfield_10016": "Field … cannot be set" } }`.
  if (typeof o.errors === 'object' && o.errors !== null && !Array.isArray(o.errors)) {
    for (const [field, message] of Object.entries(o.errors as Record<string, unknown>)) {
      fields.push(field);
      parts.push(typeof message === 'string' ? `${field}: ${message}` : field);
    }
  }
  for (const e of errors) {
    if (typeof e === 'string') parts.push(e);
    else if (typeof e === 'object' && e !== null) {
      const err = e as Record<string, unknown>;
      if (typeof err.field === 'string') fields.push(err.field);
      const what = [err.field, err.code].filter((x) => typeof x === 'string').join(' ');
      if (typeof err.message === 'string') parts.push(err.message);
      else if (what) parts.push(what);
    }
  }
  return { message: parts.join('; ') || 'no message', fields };
}

function reasonOf(status: number): TrackerErrorReason {
  if (status === 401) return 'unauthorized';
  if (status === 403) return 'forbidden';
  if (status === 404 || status === 410) return 'not-found';
  if (status === 400 || status === 422) return 'invalid';
  return 'failed';
}

function errorCode(err: unknown): string | undefined {
  for (let e: unknown = err, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return undefined;
}

/** Builds the request layer for one tracker client. */
export function createTrackerHttp(options: TrackerHttpOptions): TrackerHttp {
  const { name, http, clock } = options;
  const sleep = options.sleep ?? realSleep;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger;
  const maxWaitMs = options.maxWaitMs ?? 180_000;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const backoffMs = options.backoffMs ?? 1000;
  const fallbackMs = options.rateLimitFallbackMs ?? 60_000;
  const credentials = options.credentials;
  const pinned = credentials ? new URL(credentials.host).origin : null;
  const authHeader = credentials ? (options.authorization ?? ((t) => `Bearer ${t}`))(credentials.token) : '';
  // The header's credential part too: a Basic header's base64 of `email:token` holds no copy of the token itself.
  const redact = redactor(credentials ? [credentials.token, authHeader, authHeader.slice(authHeader.indexOf(' ') + 1)] : []);
  const log = {
    debug: (m: string) => logger.debug(redact(m)),
    info: (m: string) => logger.info(redact(m)),
    warn: (m: string) => logger.warn(redact(m)),
  };
  const fail = (reason: TrackerErrorReason, message: string, details: TrackerErrorDetails = {}): TrackerError =>
    new TrackerError(reason, redact(message), { ...details, ...(details.hint ? { hint: redact(details.hint) } : {}) });

  /** Epoch ms before which each rate-limit budget is spent. */
  const blockedUntil = new Map<string, number>();
  /** Starts of recent writes (epoch ms), for the pacing rules. */
  const writes: number[] = [];

  const where = (method: string, url: URL): string => `${name} ${method} ${url.host}${url.pathname}`;
  const limitStateOf = options.limitState ?? githubLimitState;

  /** Waits `ms`, or throws `rate-limited` when that is longer than the caller allows. */
  async function waitFor(ms: number, why: string, signal?: AbortSignal): Promise<void> {
    if (ms <= 0) return;
    const retryAt = new Date(clock.now().getTime() + ms).toISOString();
    if (ms > maxWaitMs) {
      throw fail('rate-limited', `${why}: ${name} asks to wait until ${retryAt}, longer than the ${Math.round(maxWaitMs / 1000)} s allowed`, { retryAt, hint: 'the rest is queued; run the sync again after that time' });
    }
    if (ms >= 5000) log.info(`${why}: waiting ${Math.round(ms / 1000)} s (until ${retryAt})`);
    await sleep(ms, signal);
  }

  /** Jittered exponential backoff for attempt `n` (0-based). */
  const backoff = (n: number): number => Math.round(backoffMs * 2 ** n * (1 + random() / 2));

  /** Writes take their turn one after another, so concurrent callers cannot both skip a wait. */
  let turn: Promise<void> = Promise.resolve();
  function pace(method: string, url: URL, write: boolean, signal?: AbortSignal): Promise<void> {
    const rules = options.pacing;
    if (!rules || !write) return Promise.resolve();
    const mine = turn.then(() => paceNow(rules, method, url, signal));
    turn = mine.catch(() => undefined);
    return mine;
  }

  async function paceNow(rules: WritePacing, method: string, url: URL, signal?: AbortSignal): Promise<void> {
    let now = clock.now().getTime();
    const hourAgo = now - 3_600_000;
    while (writes.length > 0 && writes[0]! <= hourAgo) writes.shift();
    if (rules.perHour > 0 && writes.length >= rules.perHour) {
      await waitFor(writes[0]! + 3_600_000 - now, `${where(method, url)}: ${rules.perHour} writes an hour reached`, signal);
    }
    const last = writes.at(-1);
    if (last !== undefined) await waitFor(last + rules.minIntervalMs - clock.now().getTime(), `${where(method, url)}: pacing writes`, signal);
    now = clock.now().getTime();
    writes.push(now);
  }

  /** Seconds → wait for a rate-limited answer, or null when it is not one. */
  function limitWait(response: HttpResponse, message: string, refusals: number): number | null {
    const h = response.headers;
    const state = limitStateOf(h);
    const limited = response.status === 429 || options.isRateLimited?.(response, message) === true || (response.status === 403 && (h['retry-after'] !== undefined || state.remaining === 0));
    if (!limited) return null;
    const retryAfter = Number(h['retry-after']);
    if (h['retry-after'] !== undefined && Number.isFinite(retryAfter)) return retryAfter * 1000;
    const httpDate = h['retry-after'] ? Date.parse(h['retry-after']) : NaN;
    if (Number.isFinite(httpDate)) return httpDate - clock.now().getTime();
    if (state.remaining === 0 && state.resetAt !== null) return state.resetAt - clock.now().getTime();
    // GitHub: "If the retry-after response header is not present… wait for at least one minute
    // before retrying… increase the time between retries exponentially."
    return fallbackMs * 2 ** refusals;
  }

  function remember(url: URL, response: HttpResponse): void {
    const state = limitStateOf(response.headers);
    const resource = state.resource ?? options.resourceOf?.(url) ?? 'default';
    if (state.remaining === 0 && state.resetAt !== null) blockedUntil.set(resource, state.resetAt);
    else if (state.remaining !== null) blockedUntil.delete(resource);
  }

  async function request<T>(req: JsonRequest): Promise<JsonResponse<T>> {
    let url = new URL(req.url);
    const method = req.method;
    const write = WRITES.has(method) && req.readOnly !== true;
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    let failures = 0;
    let refusals = 0;
    let redirects = 0;
    for (;;) {
      const headers: Record<string, string> = { ...options.headers };
      if (body !== undefined) headers['content-type'] = 'application/json; charset=utf-8';
      if (credentials) {
        if (url.origin !== pinned) {
          throw fail('untrusted-host', `${where(method, url)}: refused, the ${name} token belongs to ${new URL(pinned!).host}, not ${url.host}`, {
            hint: `a token is only sent to the host it was given for; to use ${url.origin}, give a token for it`,
          });
        }
        headers.authorization = authHeader;
      }
      // Wait out a spent budget instead of running into it.
      const resource = options.resourceOf?.(url) ?? 'default';
      const blocked = blockedUntil.get(resource);
      if (blocked !== undefined) {
        const ms = blocked - clock.now().getTime();
        if (ms > 0) await waitFor(ms + Math.round(random() * 1000), `${where(method, url)}: ${name} rate limit (${resource}) spent`, req.signal);
        blockedUntil.delete(resource);
      }
      await pace(method, url, write, req.signal);

      let response: HttpResponse;
      const started = Date.now();
      try {
        response = await http.request({ method, url: url.href, headers, ...(body !== undefined ? { body } : {}), ...(req.signal ? { signal: req.signal } : {}), ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) });
      } catch (err) {
        if (req.signal?.aborted) throw err;
        const code = errorCode(err);
        const what = redact(err instanceof Error ? `${err.message}${code ? ` (${code})` : ''}` : String(err));
        if (write && !(code && NOT_SENT.has(code))) {
          throw fail('outcome-unknown', `${where(method, url)}: no answer (${what}); the ${name} may or may not have done it`, { hint: 'look the ticket up before trying again' });
        }
        if (++failures >= maxAttempts) throw fail('offline', `${where(method, url)}: no answer after ${failures} tries (${what})`, { hint: `check the network and that ${url.host} is reachable` });
        const ms = backoff(failures - 1);
        log.debug(`${where(method, url)}: ${what}; retrying in ${ms} ms`);
        await sleep(ms, req.signal);
        continue;
      }
      log.debug(`${where(method, url)} → ${response.status} (${Date.now() - started} ms)`);
      remember(url, response);

      if (response.status >= 200 && response.status < 300) {
        let data: unknown = null;
        if (response.body.trim() !== '') {
          try {
            data = JSON.parse(response.body);
          } catch {
            throw fail('failed', `${where(method, url)}: answered ${response.status} with a body that is not JSON`);
          }
        }
        return { status: response.status, headers: response.headers, data: data as T };
      }
      if (REDIRECTS.has(response.status) && response.headers.location) {
        const next = new URL(response.headers.location, url);
        if (++redirects > MAX_REDIRECTS) throw fail('failed', `${where(method, url)}: more than ${MAX_REDIRECTS} redirects`);
        log.debug(`${where(method, url)}: redirected to ${next.host}${next.pathname}`);
        url = next; // the origin check above refuses another host before anything is sent
        continue;
      }
      const { message, fields } = trackerMessage(response.body);
      const wait = limitWait(response, message, refusals);
      if (wait !== null) {
        if (++refusals > RATE_LIMIT_RETRIES) throw fail('rate-limited', `${where(method, url)}: still rate limited after ${RATE_LIMIT_RETRIES} waits (${message})`, { status: response.status, retryAt: new Date(clock.now().getTime() + wait).toISOString() });
        // A refusal did nothing, so even a write is safe to resend after the wait.
        await waitFor(Math.max(0, wait) + Math.round(random() * 1000), `${where(method, url)}: ${name} rate limit (${message})`, req.signal);
        continue;
      }
      if (response.status >= 500) {
        if (write) throw fail('outcome-unknown', `${where(method, url)}: answered ${response.status} (${message}); the ${name} may or may not have done it`, { status: response.status, hint: 'look the ticket up before trying again' });
        if (++failures < maxAttempts) {
          const ms = backoff(failures - 1);
          log.debug(`${where(method, url)}: ${response.status}; retrying in ${ms} ms`);
          await sleep(ms, req.signal);
          continue;
        }
        throw fail('failed', `${where(method, url)}: answered ${response.status} ${failures} times (${message})`, { status: response.status, hint: 'the tracker has trouble; try again later' });
      }
      const reason = options.errorReason?.(response) ?? reasonOf(response.status);
      const hint = reason === 'unauthorized' ? `check the ${name} token (missing, wrong or expired)` : reason === 'forbidden' ? `the ${name} token cannot reach it; check its scopes` : undefined;
      throw fail(reason, `${where(method, url)}: answered ${response.status}: ${message}`, { status: response.status, ...(fields.length ? { fields } : {}), ...(hint ? { hint } : {}) });
    }
  }

  async function paginate<T>(first: string, signal?: AbortSignal): Promise<T[]> {
    const out: T[] = [];
    let url: string | null = first;
    for (let page = 0; url !== null; page++) {
      if (page >= MAX_PAGES) throw fail('failed', `${name} GET ${new URL(first).host}${new URL(first).pathname}: more than ${MAX_PAGES} pages`);
      const r: JsonResponse<T[]> = await request<T[]>({ method: 'GET', url, ...(signal ? { signal } : {}) });
      if (!Array.isArray(r.data)) throw fail('failed', `${name} GET ${new URL(url).host}${new URL(url).pathname}: expected a list`);
      out.push(...r.data);
      const next = nextLink(r.headers.link);
      url = next === null ? null : new URL(next, url).href;
    }
    return out;
  }

  return { request, paginate, redact };
}
