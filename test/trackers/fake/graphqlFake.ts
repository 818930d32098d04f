// The GraphQL flavour of the contract fake: one POST endpoint whose every document is parsed
// and validated against the tracker's published schema (graphql-js `validate`), then executed
// against plain objects whose fields are values or functions `(args) => value`.
// graphql-js checks what the resolvers return against the schema (non-null fields, enum
// values, list shapes): an error it raises is a response violation, unless the fake threw it
// on purpose (TrackerGraphQLError: the tracker's own refusals, in its error format).
import { readFileSync } from 'node:fs';
import {
  GraphQLError,
  Kind,
  buildSchema,
  execute,
  isEnumType,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  parse,
  validate,
  type DocumentNode,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import type { Fault } from './behaviours';
import { ContractFake, type ContractFakeOptions, type FakeResponse, type Outcome, type RecordedRequest, type RequestInfo } from './contractFake';

const schemas = new Map<string, GraphQLSchema>();

/** Builds (once per process: a large SDL takes about a second) the schema in `file`. */
export function loadSchema(file: string): GraphQLSchema {
  let schema = schemas.get(file);
  if (!schema) {
    schema = buildSchema(readFileSync(file, 'utf8'), { assumeValidSDL: true });
    schemas.set(file, schema);
  }
  return schema;
}

/** An error the tracker would send (not a contract violation), with its `extensions`. */
export class TrackerGraphQLError extends GraphQLError {
  constructor(message: string, extensions: Record<string, unknown>) {
    super(message, { extensions });
  }
}

/** What a parsed request is about: its operation and root fields (for faults and limits). */
export interface GraphqlRequest {
  info: RequestInfo;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  rootFields: string[];
  variables: Record<string, unknown>;
}

/** A fake whose contract is a GraphQL schema, served at `path`. */
export abstract class GraphqlContractFake extends ContractFake {
  constructor(
    readonly schema: GraphQLSchema,
    readonly path: string,
    options: ContractFakeOptions = {},
  ) {
    super(options);
  }

  /** The request being executed (resolvers run synchronously inside `execute`). */
  private current: RequestInfo | undefined;

  /** Records that the client used something the fake does not implement. */
  protected unsupported(what: string): void {
    if (this.current) this.violation('unsupported', this.current, `the fake does not implement ${what}`);
  }

  /** The root value: `Query` and `Mutation` fields as values or `(args) => value` functions. */
  protected abstract root(): Record<string, unknown>;
  /** The tracker's answer for a transport-level error (status, errors body). */
  protected abstract errorResponse(status: number, message: string, extensions: Record<string, unknown>): FakeResponse;
  /** False answers the tracker's "not authenticated". */
  protected abstract authenticate(info: RequestInfo): boolean;
  /** The limited answer when a limit applies now (or `fault` asks for one); else undefined. */
  protected abstract rateLimit(req: GraphqlRequest, fault?: Fault): FakeResponse | undefined;
  /** Headers every answer carries. */
  protected abstract commonHeaders(req: GraphqlRequest | undefined): Record<string, string>;
  /** HTTP status of an answer whose `errors` hold a deliberate tracker error. */
  protected abstract statusForErrors(errors: readonly GraphQLError[]): number;

  protected async process(info: RequestInfo, bodyText: string, record: RecordedRequest): Promise<Outcome> {
    const fail = (message: string, kind: 'request' | 'unknown-operation' = 'request', status = 400): Outcome => {
      this.violation(kind, info, message);
      const r = this.errorResponse(status, message, { code: 'GRAPHQL_VALIDATION_FAILED', type: 'graphql error', userError: true });
      return { response: { ...r, headers: { ...this.commonHeaders(undefined), ...r.headers } }, deliberate: true };
    };
    if (info.url.pathname !== this.path || info.method !== 'POST') return fail(`${info.method} ${info.url.pathname} is not the GraphQL endpoint (POST ${this.path})`, 'unknown-operation', 404);
    if (!String(info.headers['content-type'] ?? '').startsWith('application/json')) return fail(`content-type must be application/json, got "${info.headers['content-type'] ?? ''}"`);
    let payload: { query?: unknown; variables?: unknown; operationName?: unknown };
    try {
      payload = JSON.parse(bodyText) as typeof payload;
    } catch {
      return fail('the request body is not JSON');
    }
    if (typeof payload.query !== 'string') return fail('the request has no "query" string');
    let document: DocumentNode;
    try {
      document = parse(payload.query);
    } catch (err) {
      return fail(`syntax: ${(err as Error).message}`);
    }
    const errors = validate(this.schema, document);
    if (errors.length > 0) return fail(errors.map((e) => e.message).join('; '));
    const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
    const operation = typeof payload.operationName === 'string' ? operations.find((o) => o.name?.value === payload.operationName) : operations.length === 1 ? operations[0] : undefined;
    if (!operation) return fail('cannot tell which operation to run (operationName)');
    const rootFields = operation.selectionSet.selections.flatMap((s) => (s.kind === Kind.FIELD ? [s.name.value] : []));
    const req: GraphqlRequest = { info, document, operation, rootFields, variables: (payload.variables as Record<string, unknown> | null) ?? {} };
    info.operation = rootFields.join(',');
    record.operation = info.operation;
    const finish = (outcome: Outcome): Outcome => {
      if ('response' in outcome) outcome.response.headers = { ...this.commonHeaders(req), ...outcome.response.headers };
      return outcome;
    };

    const fault = this.faults.take({ operations: [...rootFields, ...(operation.name ? [operation.name.value] : [])], method: info.method, path: info.url.pathname });
    if (fault?.kind === 'hang') return { hang: true };
    if (fault?.kind === 'drop') return { drop: true };
    if (fault?.kind === 'status') {
      const r = this.errorResponse(fault.status, fault.message ?? 'injected fault', { type: 'internal error', code: 'INTERNAL_SERVER_ERROR' });
      return finish({ response: { ...r, headers: { ...r.headers, ...fault.headers } }, deliberate: true });
    }
    if (!this.authenticate(info)) return finish({ response: this.errorResponse(400, 'Authentication required, not authenticated', { type: 'authentication error', code: 'AUTHENTICATION_ERROR', userError: true }), deliberate: true });
    const limited = this.rateLimit(req, fault);
    if (limited) return finish({ response: limited, deliberate: true });

    this.current = info;
    const result = await execute({ schema: this.schema, document, rootValue: this.root(), variableValues: req.variables, ...(operation.name ? { operationName: operation.name.value } : {}) });
    this.current = undefined;
    if (!('data' in result) || result.data === undefined) {
      // Variables that do not fit their declared types: the client's mistake.
      for (const e of result.errors ?? []) this.violation('request', info, e.message);
      return finish({ response: this.errorResponse(400, result.errors?.[0]?.message ?? 'invalid variables', { code: 'GRAPHQL_VALIDATION_FAILED', type: 'graphql error', userError: true }), deliberate: true });
    }
    const deliberate = (result.errors ?? []).filter((e) => e.originalError instanceof TrackerGraphQLError);
    for (const e of result.errors ?? []) {
      if (e.originalError instanceof TrackerGraphQLError) continue;
      // A non-null field the fake's objects lack: a gap of the fake, not of the client.
      const gap = /^Cannot return null for non-nullable field (\S+)\.$/.exec(e.message);
      if (gap) this.violation('unsupported', info, `the fake does not serve ${gap[1]}`);
      else this.violation('response', info, `${e.path?.join('.') ?? ''}: ${e.message}`);
    }
    let body: unknown = { data: result.data, ...(result.errors ? { errors: result.errors.map((e) => ({ message: e.message, path: e.path, extensions: (e.originalError as GraphQLError | undefined)?.extensions ?? e.extensions })) } : {}) };
    if (fault?.kind === 'transformResponse') {
      body = fault.transform(body);
      this.checkTransformed(req, body);
    }
    const outcome: Outcome = { response: { status: deliberate.length ? this.statusForErrors(deliberate) : 200, body } };
    if (fault?.kind === 'lostResponse') outcome.lost = true;
    return finish(outcome);
  }

  /**
   * A rewritten answer is checked the way a client's generated types would read it: nulls in
   * non-null fields, lists, scalar and enum values, unknown fields. Response keys are read as
   * field names (aliases are not followed), which is enough for `transformResponse` tests.
   */
  private checkTransformed(req: GraphqlRequest, body: unknown): void {
    const data = (body as { data?: unknown }).data;
    const problems: string[] = [];
    const walk = (value: unknown, type: GraphQLOutputType, path: string): void => {
      if (isNonNullType(type)) {
        if (value === null || value === undefined) problems.push(`${path} is null but ${String(type)} is non-null`);
        else walk(value, type.ofType, path);
        return;
      }
      if (value === null || value === undefined) return;
      if (isListType(type)) {
        if (!Array.isArray(value)) problems.push(`${path} is not a list (${String(type)})`);
        else value.forEach((v, i) => walk(v, type.ofType, `${path}.${i}`));
        return;
      }
      if (isScalarType(type)) {
        const expected = { Int: 'number', Float: 'number', String: 'string', Boolean: 'boolean', ID: 'string' }[type.name];
        if (expected && typeof value !== expected) problems.push(`${path} is ${typeof value}, not ${type.name}`);
        return;
      }
      if (isEnumType(type)) {
        if (!type.getValue(String(value))) problems.push(`${path} = ${JSON.stringify(value)} is not a value of ${type.name}`);
        return;
      }
      if (isObjectType(type) || isInterfaceType(type) || isUnionType(type)) {
        if (typeof value !== 'object') return void problems.push(`${path} is not an object (${String(type)})`);
        if (!isObjectType(type)) return;
        const fields = type.getFields();
        for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
          const f = fields[k];
          if (!f) problems.push(`${path}.${k} is not a field of ${type.name}`);
          else walk(v, f.type, `${path}.${k}`);
        }
      }
    };
    const rootType = req.operation.operation === 'mutation' ? this.schema.getMutationType() : this.schema.getQueryType();
    if (rootType) walk(data, rootType, 'data');
    for (const p of problems) this.violation('response', req.info, p);
  }
}

/** Relay-style connection over `items` (`first`/`after`, `last`/`before`), as Linear and GitHub page. */
export function connection<T>(items: T[], args: { first?: number | null; after?: string | null; last?: number | null; before?: string | null }, idOf: (item: T) => string, defaultSize = 50): Record<string, unknown> {
  let start = 0;
  let end = items.length;
  if (args.after) {
    const i = items.findIndex((x) => idOf(x) === Buffer.from(args.after!, 'base64url').toString('utf8'));
    if (i < 0) throw new TrackerGraphQLError('Invalid cursor', { code: 'INVALID_INPUT', type: 'invalid input', userError: true });
    start = i + 1;
  }
  if (args.before) {
    const i = items.findIndex((x) => idOf(x) === Buffer.from(args.before!, 'base64url').toString('utf8'));
    if (i >= 0) end = i;
  }
  let slice = items.slice(start, end);
  if (args.last != null) slice = slice.slice(Math.max(0, slice.length - args.last));
  else slice = slice.slice(0, args.first ?? defaultSize);
  const cursorOf = (x: T): string => Buffer.from(idOf(x)).toString('base64url');
  const firstIndex = slice.length ? items.indexOf(slice[0]!) : start;
  const lastIndex = slice.length ? items.indexOf(slice[slice.length - 1]!) : start - 1;
  return {
    nodes: slice,
    edges: slice.map((node) => ({ node, cursor: cursorOf(node) })),
    pageInfo: {
      hasNextPage: lastIndex + 1 < end,
      hasPreviousPage: firstIndex > 0,
      startCursor: slice.length ? cursorOf(slice[0]!) : null,
      endCursor: slice.length ? cursorOf(slice[slice.length - 1]!) : null,
    },
  };
}
