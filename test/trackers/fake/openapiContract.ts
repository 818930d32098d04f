// An OpenAPI 3.0 document turned into checks: which operation a request is, whether its path,
// query, headers and body are what the document allows, and whether a response (status,
// required headers, body) is one the document describes. ajv compiles every schema straight
// from the document (`$ref`s and all), once per contract and lazily per operation.
//
// Invariants: checking never throws for bad input (it returns issues); request parameters come
// back coerced and with their documented defaults; bodies are never mutated by validation.
import { readFileSync } from 'node:fs';
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

/** The parts of an OpenAPI 3.0 document this module reads. */
export interface OpenApiDocument {
  openapi: string;
  info: Record<string, unknown>;
  paths: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown>>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const;

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Record<string, unknown>;
  style?: string;
  explode?: boolean;
  /** Where the resolved parameter lives in the document, for compiling its schema. */
  pointer: string;
}

/** One operation of the document, with what the checks need precomputed. */
export interface Operation {
  /** `operationId`, or `METHOD template` when the document gives none. */
  readonly id: string;
  /** `METHOD /template/{param}`: the key faults and handlers are registered under. */
  readonly key: string;
  readonly method: string;
  readonly template: string;
  readonly pointer: string;
  readonly parameters: Parameter[];
  readonly spec: Record<string, unknown>;
  readonly regex: RegExp;
  readonly pathNames: string[];
  readonly literalChars: number;
}

/** Request parameters after coercion and defaults, by location. */
export interface RequestParams {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
}

export interface RequestCheck {
  issues: string[];
  params: RequestParams;
  /** The parsed JSON body, `undefined` when there was none. */
  body: unknown;
}

export interface IncomingRequest {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  bodyText: string;
}

const loaded = new Map<string, OpenApiContract>();

const escapePointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The schema checks of one OpenAPI document. */
export class OpenApiContract {
  readonly operations: Operation[] = [];
  private readonly doc: OpenApiDocument;
  /** Parameters arrive as strings: this instance coerces them to their schema's types. */
  private readonly paramAjv: Ajv;
  /** Bodies are checked as sent: no coercion, no defaults. */
  private readonly dataAjv: Ajv;
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(doc: OpenApiDocument) {
    this.doc = doc;
    this.paramAjv = this.makeAjv({ coerceTypes: 'array' });
    this.dataAjv = this.makeAjv({});
    for (const [template, item] of Object.entries(doc.paths)) {
      const shared = (item.parameters as unknown[] | undefined) ?? [];
      for (const method of METHODS) {
        const spec = item[method] as Record<string, unknown> | undefined;
        if (!spec) continue;
        const pointer = `#/paths/${escapePointer(template)}/${method}`;
        const resolve = (list: unknown[], at: string): Parameter[] =>
          list.map((raw, i) => {
            const ref = (raw as { $ref?: string }).$ref;
            return { ...this.deref<Parameter>(raw), pointer: typeof ref === 'string' ? ref : `${at}/${i}` };
          });
        const byKey = new Map<string, Parameter>();
        const own = resolve((spec.parameters as unknown[] | undefined) ?? [], `${pointer}/parameters`);
        for (const p of [...resolve(shared, `#/paths/${escapePointer(template)}/parameters`), ...own]) byKey.set(`${p.in}:${p.name}`, p);
        const pathNames: string[] = [];
        const source = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{([^}]+)\}/g, (_m, name: string) => {
          pathNames.push(name);
          return '([^/]+)';
        });
        const key = `${method.toUpperCase()} ${template}`;
        this.operations.push({
          id: (spec.operationId as string | undefined) ?? key,
          key,
          method: method.toUpperCase(),
          template,
          pointer,
          parameters: [...byKey.values()],
          spec,
          regex: new RegExp(`^${source}$`),
          pathNames,
          literalChars: template.replace(/\{[^}]+\}/g, '').length,
        });
      }
    }
    // A literal segment beats a parameter: `/search/jql` before `/search/{id}`.
    this.operations.sort((a, b) => b.literalChars - a.literalChars);
  }

  /**
   * Loads a committed spec file, once per process: a contract holds no request state, and its
   * compiled validators are most of the cost of starting a fake.
   */
  static fromFile(file: string): OpenApiContract {
    let contract = loaded.get(file);
    if (!contract) {
      contract = new OpenApiContract(JSON.parse(readFileSync(file, 'utf8')) as OpenApiDocument);
      loaded.set(file, contract);
    }
    return contract;
  }

  private makeAjv(options: { coerceTypes?: 'array' }): Ajv {
    // strict off: OpenAPI adds keywords (`example`, `xml`, `discriminator`, `x-…`) that are
    // not JSON Schema; `nullable` (with a `type`) is understood by ajv itself.
    const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, ...options });
    addFormats(ajv);
    for (const format of collectFormats(this.doc)) if (!(format in ajv.formats)) ajv.addFormat(format, true);
    ajv.addSchema(this.doc as object, 'doc');
    return ajv;
  }

  private deref<T>(node: unknown): T {
    let n = node as { $ref?: string };
    for (let i = 0; n && typeof n.$ref === 'string' && i < 10; i++) {
      n = n.$ref
        .slice(2)
        .split('/')
        .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], this.doc) as { $ref?: string };
    }
    return n as T;
  }

  private validator(ajv: Ajv, pointer: string): ValidateFunction {
    const boxed = ajv === this.paramAjv;
    const key = `${boxed ? 'p' : 'd'}${pointer}`;
    let fn = this.compiled.get(key);
    if (!fn) {
      // ajv can coerce a value only inside a parent object, so parameters travel in a box.
      fn = ajv.compile(boxed ? { type: 'object', properties: { value: { $ref: `doc${pointer}` } } } : { $ref: `doc${pointer}` });
      this.compiled.set(key, fn);
    }
    return fn;
  }

  /** The operation for a method and path (without the mount prefix), with its path parameters. */
  match(method: string, pathname: string): { operation: Operation; pathParams: Record<string, string> } | { operation: undefined; pathKnown: boolean } {
    let pathKnown = false;
    for (const op of this.operations) {
      const m = op.regex.exec(pathname);
      if (!m) continue;
      pathKnown = true;
      if (op.method !== method.toUpperCase()) continue;
      const pathParams: Record<string, string> = {};
      op.pathNames.forEach((name, i) => (pathParams[name] = safeDecode(m[i + 1]!)));
      return { operation: op, pathParams };
    }
    return { operation: undefined, pathKnown };
  }

  /** Checks path, query, header parameters and the body of a request to `op`. */
  checkRequest(op: Operation, req: IncomingRequest): RequestCheck {
    const issues: string[] = [];
    const params: RequestParams = { path: {}, query: {}, header: {} };
    const known = new Set(op.parameters.filter((p) => p.in === 'query').map((p) => p.name));
    for (const name of new Set(req.query.keys())) {
      if (!known.has(name)) issues.push(`query parameter "${name}" is not in the contract of ${op.id}`);
    }
    for (const p of op.parameters) {
      if (p.in === 'cookie') continue;
      let raw: unknown;
      if (p.in === 'path') raw = req.pathParams[p.name];
      else if (p.in === 'header') raw = req.headers[p.name.toLowerCase()];
      else {
        const all = req.query.getAll(p.name);
        const isArray = (this.deref<{ type?: string }>(p.schema) ?? {}).type === 'array';
        raw = all.length === 0 ? undefined : isArray ? (p.explode === false ? all.flatMap((v) => v.split(',')) : all) : all.length === 1 ? all[0] : all;
      }
      if (raw === undefined) {
        if (p.required) issues.push(`${p.in} parameter "${p.name}" is required by ${op.id}`);
        const d = this.deref<{ default?: unknown } | undefined>(p.schema)?.default;
        if (d !== undefined) params[p.in][p.name] = structuredClone(d);
        continue;
      }
      if (!p.schema) {
        params[p.in][p.name] = raw;
        continue;
      }
      const validate = this.validator(this.paramAjv, `${p.pointer}/schema`);
      const box = { value: raw };
      if (!validate(box)) issues.push(...formatErrors(validate.errors, `${p.in} parameter "${p.name}"`).map((m) => m.replace('"/value', '"')));
      params[p.in][p.name] = box.value;
    }
    let body: unknown;
    const requestBody = this.deref<{ required?: boolean; content?: Record<string, unknown> } | undefined>(op.spec.requestBody);
    const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (req.bodyText.length === 0) {
      if (requestBody?.required) issues.push(`${op.id} requires a request body`);
    } else if (!requestBody) {
      issues.push(`${op.id} takes no request body, got ${req.bodyText.length} bytes`);
    } else {
      const media = requestBody.content?.[contentType] !== undefined ? contentType : undefined;
      if (!media) issues.push(`request content-type "${contentType || '(none)'}" is not one of ${Object.keys(requestBody.content ?? {}).join(', ')} for ${op.id}`);
      try {
        body = JSON.parse(req.bodyText);
      } catch {
        issues.push(`request body of ${op.id} is not JSON`);
      }
      if (media && body !== undefined) {
        const validate = this.validator(this.dataAjv, `${op.pointer}/requestBody/content/${escapePointer(media)}/schema`);
        const ok = requestBody.content?.[media] && (requestBody.content[media] as { schema?: unknown }).schema ? validate(body) : true;
        if (!ok) issues.push(...formatErrors(validate.errors, 'request body'));
      }
    }
    return { issues, params, body };
  }

  /** Checks that `status`, its headers and its body are a response `op` documents. */
  checkResponse(op: Operation, status: number, headers: Record<string, string>, body: unknown): string[] {
    const responses = (op.spec.responses ?? {}) as Record<string, unknown>;
    const code = String(status);
    const pick = [code, `${code[0]}XX`, `${code[0]}xx`, 'default'].find((c) => responses[c] !== undefined);
    if (!pick) return [`status ${status} is not a documented response of ${op.id} (documented: ${Object.keys(responses).join(', ')})`];
    const issues: string[] = [];
    const response = this.deref<{ content?: Record<string, { schema?: unknown }>; headers?: Record<string, unknown> }>(responses[pick]);
    for (const [name, h] of Object.entries(response.headers ?? {})) {
      if (this.deref<{ required?: boolean }>(h).required && headers[name.toLowerCase()] === undefined) issues.push(`response header "${name}" is required for ${status} of ${op.id}`);
    }
    const content = response.content ?? {};
    // A response the document describes without content (Jira's 401/404) says nothing about a
    // body: the tracker sends one anyway, and so may the fake.
    if (body !== undefined && Object.keys(content).length === 0) return issues;
    if (body === undefined) {
      if (Object.keys(content).length > 0 && status !== 204 && status !== 304) issues.push(`${status} of ${op.id} must have a body (${Object.keys(content).join(', ')})`);
      return issues;
    }
    const contentType = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const media = content[contentType] ? contentType : Object.keys(content).find((m) => m === '*/*' || (m.endsWith('/*') && contentType.startsWith(m.slice(0, -1))));
    if (!media) return [...issues, `response content-type "${contentType}" is not documented for ${status} of ${op.id}`];
    if (!content[media]!.schema) return issues;
    const schemaValidate = this.validatorFor(responses[pick], `${op.pointer}/responses/${escapePointer(pick)}`, media);
    if (!schemaValidate(body)) issues.push(...formatErrors(schemaValidate.errors, `response body (${status})`));
    return issues;
  }

  /** A response may be a `$ref` to `#/components/responses/x`: compile at the target. */
  private validatorFor(response: unknown, pointer: string, media: string): ValidateFunction {
    const ref = (response as { $ref?: string }).$ref;
    const base = typeof ref === 'string' ? ref.slice(1) : pointer.slice(1);
    return this.validator(this.dataAjv, `#${base}/content/${escapePointer(media)}/schema`);
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function collectFormats(node: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((n) => collectFormats(n, out));
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === 'format' && typeof v === 'string') out.add(v);
      else collectFormats(v, out);
    }
  }
  return out;
}

/** ajv's errors as one line each, e.g. `request body/title must be string`. */
export function formatErrors(errors: ErrorObject[] | null | undefined, what: string): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'enum' ? ` (${JSON.stringify((e.params as { allowedValues: unknown[] }).allowedValues)})` : e.keyword === 'additionalProperties' ? ` ("${(e.params as { additionalProperty: string }).additionalProperty}")` : '';
    return `${what}${e.instancePath} ${e.message ?? e.keyword}${extra}`;
  });
}
