// The HTTP half every tracker fake shares: a server on 127.0.0.1 (random port), a recorder of
// every request, the list of contract violations, and the fault queue. The two flavours below
// it check traffic against an OpenAPI document (RestContractFake) or a GraphQL schema
// (GraphqlContractFake, in graphqlFake.ts); the tracker fakes add state and the tracker's own
// ways of saying "no" (error bodies, rate-limit headers).
//
// Invariants: every request is recorded before anything can fail; a violation is recorded
// whatever the client does with the answer, so `assertNoViolations()` in `afterEach` fails a
// test whose client swallowed a 4xx; a fault fires at most `times` times.
import * as assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { FakeClock, FaultQueue, type Fault, type FaultMatch } from './behaviours';
import type { OpenApiContract, Operation, RequestParams } from './openapiContract';

/** One request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path and query, as sent. */
  url: string;
  path: string;
  /** Lower-cased names, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: string;
  /** The contract operation it matched (operationId, or GraphQL root fields). */
  operation?: string;
  /** The status answered; undefined when the fake hung, dropped or lost the answer. */
  status?: number;
}

/** Something a request or response did that the tracker's contract does not allow. */
export interface Violation {
  /** `request`: the client sent what the contract refuses; `response`: the fake answered
   * outside the contract; `unknown-operation`: no such endpoint; `unsupported`: allowed by the
   * contract but not implemented by the fake (so a green test would prove nothing). */
  kind: 'request' | 'response' | 'unknown-operation' | 'unsupported';
  method: string;
  url: string;
  operation?: string;
  message: string;
}

/** What a handler answers. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string; undefined for no body. */
  body?: unknown;
}

/** Thrown by handlers for the tracker's own refusals (404 unknown issue, 422 bad state…). */
export class TrackerHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

/** What the shared server does with a request after the flavour looked at it. */
export type Outcome = { response: FakeResponse; deliberate?: boolean; lost?: boolean } | { hang: true } | { drop: true };

/** The per-request facts a flavour hands to its tracker hooks. */
export interface RequestInfo {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  operation?: string;
}

export interface ContractFakeOptions {
  clock?: FakeClock;
}

/** Server, recorder, violations and faults; the flavours decide what a request means. */
export abstract class ContractFake {
  readonly requests: RecordedRequest[] = [];
  readonly violations: Violation[] = [];
  readonly clock: FakeClock;
  protected readonly faults = new FaultQueue();
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  private base = '';

  constructor(options: ContractFakeOptions = {}) {
    this.clock = options.clock ?? new FakeClock();
  }

  /** `http://127.0.0.1:PORT` once started. */
  get url(): string {
    if (!this.base) throw new Error('the fake is not started');
    return this.base;
  }

  /** Listens on 127.0.0.1, on `port` (a tracker "coming back" where it was) or a free one. */
  async start(port = 0): Promise<this> {
    const server = createServer((req, res) => void this.onRequest(req, res));
    server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', resolve);
    });
    const address = server.address();
    if (!address || typeof address === 'string') throw new Error('no TCP address');
    this.server = server;
    this.base = `http://127.0.0.1:${address.port}`;
    return this;
  }

  /** Closes the server and every open connection (hanging requests included). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Arms `fault` for the next `times` requests that match. */
  inject(fault: Fault, match: FaultMatch = {}, times = 1): void {
    this.faults.add(fault, match, times);
  }

  /** Fails (with every violation listed) unless the contract was kept. */
  assertNoViolations(): void {
    if (this.violations.length === 0) return;
    assert.fail(`${this.constructor.name} saw ${this.violations.length} contract violation(s):\n${this.violations.map((v) => `  [${v.kind}] ${v.method} ${v.url}${v.operation ? ` (${v.operation})` : ''}: ${v.message}`).join('\n')}`);
  }

  /** Returns the violations so far and forgets them (for tests that provoke them on purpose). */
  takeViolations(): Violation[] {
    return this.violations.splice(0);
  }

  protected violation(kind: Violation['kind'], info: RequestInfo, message: string): void {
    this.violations.push({ kind, method: info.method, url: info.url.pathname + info.url.search, ...(info.operation ? { operation: info.operation } : {}), message });
  }

  /** Decides what to answer; called once per request, after it is recorded and time ticked. */
  protected abstract process(info: RequestInfo, bodyText: string, record: RecordedRequest): Promise<Outcome>;

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const bodyText = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', this.base);
    const record: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', path: url.pathname, headers: req.headers, body: bodyText };
    this.requests.push(record);
    this.clock.tick();
    let outcome: Outcome;
    try {
      outcome = await this.process({ method: record.method, url, headers: req.headers }, bodyText, record);
    } catch (err) {
      this.violations.push({ kind: 'response', method: record.method, url: record.url, message: `the fake crashed: ${(err as Error).stack ?? String(err)}` });
      outcome = { response: { status: 500, body: { message: 'fake crashed' } } };
    }
    if ('hang' in outcome) return; // answered never; stop() closes the socket
    if ('drop' in outcome) {
      req.socket.destroy();
      return;
    }
    if (outcome.lost) {
      req.socket.destroy();
      return;
    }
    const { status, headers = {}, body } = outcome.response;
    record.status = status;
    const text = body === undefined ? '' : typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(status, { ...(body !== undefined && !hasHeader(headers, 'content-type') ? { 'content-type': 'application/json; charset=utf-8' } : {}), ...headers });
    res.end(text);
  }
}

function hasHeader(headers: Record<string, string>, name: string): boolean {
  return Object.keys(headers).some((h) => h.toLowerCase() === name);
}

/** A request as a REST handler sees it: checked, coerced parameters and the parsed body. */
export interface RestContext {
  info: RequestInfo;
  operation: Operation;
  params: RequestParams;
  body: unknown;
  /** Records that the client used something the fake does not implement (a filter, a field). */
  unsupported(what: string): void;
}

export type RestHandler = (ctx: RestContext) => FakeResponse | Promise<FakeResponse>;

/** A fake whose contract is an OpenAPI document, mounted at `basePath`. */
export abstract class RestContractFake extends ContractFake {
  private readonly handlers = new Map<string, RestHandler>();

  constructor(
    readonly contract: OpenApiContract,
    readonly basePath: string,
    options: ContractFakeOptions = {},
  ) {
    super(options);
  }

  /** Serves the operation `key` (`METHOD /template` as written in the document). */
  protected route(key: string, handler: RestHandler): void {
    if (!this.contract.operations.some((o) => o.key === key)) throw new Error(`${key} is not in the contract`);
    this.handlers.set(key, handler);
  }

  /** The tracker's answer for an error status, e.g. GitHub's `{ message, documentation_url }`. */
  protected abstract errorResponse(status: number, message: string, info: RequestInfo): FakeResponse;
  /** The tracker's answer to a request its contract refuses (usually 400 or 422). */
  protected abstract invalidRequestResponse(issues: string[], info: RequestInfo): FakeResponse;
  /** False answers 401 (the tracker's "bad credentials"). */
  protected abstract authenticate(info: RequestInfo): boolean;
  /** The limited answer when a rate limit applies now (or `fault` asks for one); else undefined. */
  protected abstract rateLimit(info: RequestInfo, fault?: Fault): FakeResponse | undefined;
  /** Headers every answer carries (rate-limit state). */
  protected abstract commonHeaders(info: RequestInfo): Record<string, string>;

  protected async process(info: RequestInfo, bodyText: string, record: RecordedRequest): Promise<Outcome> {
    const finish = (outcome: Outcome): Outcome => {
      if ('response' in outcome) outcome.response.headers = { ...this.commonHeaders(info), ...outcome.response.headers };
      return outcome;
    };
    const inside = info.url.pathname.startsWith(this.basePath) ? info.url.pathname.slice(this.basePath.length) || '/' : undefined;
    const found = inside === undefined ? { operation: undefined, pathKnown: false } : this.contract.match(info.method, inside);
    if (!found.operation) {
      this.violation('unknown-operation', info, `${info.method} ${info.url.pathname} is not an operation of the contract`);
      return finish({ response: this.errorResponse(found.pathKnown ? 405 : 404, 'Not Found', info), deliberate: true });
    }
    const op = found.operation;
    info.operation = op.id;
    record.operation = op.id;
    const fault = this.faults.take({ operations: [op.id, op.key], method: info.method, path: info.url.pathname });
    if (fault?.kind === 'hang') return { hang: true };
    if (fault?.kind === 'drop') return { drop: true };
    if (fault?.kind === 'status') {
      const r = this.errorResponse(fault.status, fault.message ?? 'injected fault', info);
      return finish(this.checked(op, info, { response: { ...r, headers: { ...r.headers, ...fault.headers } }, deliberate: true }));
    }
    if (!this.authenticate(info)) return finish(this.checked(op, info, { response: this.errorResponse(401, 'Bad credentials', info), deliberate: true }));
    const limited = this.rateLimit(info, fault);
    if (limited) return finish(this.checked(op, info, { response: limited, deliberate: true }));

    const check = this.contract.checkRequest(op, { pathParams: found.pathParams, query: info.url.searchParams, headers: info.headers, bodyText });
    if (check.issues.length > 0) {
      for (const issue of check.issues) this.violation('request', info, issue);
      return finish({ response: this.invalidRequestResponse(check.issues, info), deliberate: true });
    }
    const handler = this.handlers.get(op.key);
    if (!handler) {
      this.violation('unsupported', info, `the fake does not implement ${op.key}`);
      return finish({ response: this.errorResponse(501, 'not implemented by the fake', info), deliberate: true });
    }
    let outcome: Outcome;
    try {
      const response = await handler({ info, operation: op, params: check.params, body: check.body, unsupported: (what) => this.violation('unsupported', info, `the fake does not implement ${what}`) });
      outcome = { response };
    } catch (err) {
      if (!(err instanceof TrackerHttpError)) throw err;
      const r = err.body !== undefined ? { status: err.status, body: err.body } : this.errorResponse(err.status, err.message, info);
      outcome = { response: { ...r, headers: { ...r.headers, ...err.headers } }, deliberate: true };
    }
    if (fault?.kind === 'transformResponse' && 'response' in outcome) outcome.response.body = fault.transform(outcome.response.body);
    const checked = this.checked(op, info, finish(outcome));
    if (fault?.kind === 'lostResponse' && 'response' in checked) checked.lost = true;
    return checked;
  }

  /** Checks an answer against the contract; a deliberate error outside it is the fake's own. */
  private checked(op: Operation, info: RequestInfo, outcome: Outcome): Outcome {
    if (!('response' in outcome)) return outcome;
    const { status, headers = {}, body } = outcome.response;
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    if (body !== undefined && lower['content-type'] === undefined) lower['content-type'] = 'application/json';
    const issues = this.contract.checkResponse(op, status, lower, body === undefined || typeof body === 'string' ? (body === undefined ? undefined : body) : JSON.parse(JSON.stringify(body)));
    const undocumented = issues.length === 1 && issues[0]!.includes('is not a documented response');
    if (outcome.deliberate && undocumented) return outcome;
    for (const issue of issues) this.violation('response', info, issue);
    return outcome;
  }
}
