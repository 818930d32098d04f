// Shared by the extract-*.mjs scripts: takes the operations Paydown uses out of a tracker's
// published OpenAPI document, with every component they reference (transitively), and
// normalises what ajv cannot read as OpenAPI 3.0 writes it. The subsets are committed; these
// scripts only re-make them when a pinned version moves.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * `npm pack <spec>` into a temp folder, untars only `files` (paths inside the package) and hands
 * back a reader for them; the folder is removed when `use` returns.
 */
export function withPackedFiles(spec, files, use) {
  const dir = mkdtempSync(join(tmpdir(), 'paydown-spec-'));
  try {
    const out = execFileSync('npm', ['pack', spec, '--silent', '--pack-destination', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const tgz = out.trim().split('\n').pop();
    execFileSync('tar', ['xzf', join(dir, tgz), '-C', dir, ...files.map((f) => `package/${f}`)]);
    return use((file) => readFileSync(join(dir, 'package', file), 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Resolves a local `#/a/b` pointer in `doc`. */
export function pointer(doc, ref) {
  return ref.slice(2).split('/').reduce((o, k) => o?.[k.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

/**
 * The subset of `doc` holding `operations` ([method, path] pairs, or [method, path, rename]
 * to mount it at another path) and every `#/components/...` they reach. `drop` names keys
 * removed everywhere (e.g. `examples`) before references are collected.
 */
export function subsetOpenApi(doc, operations, { drop = [], info = {} } = {}) {
  const paths = {};
  for (const [method, path, as = path] of operations) {
    const item = doc.paths[path];
    if (!item?.[method]) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
    paths[as] ??= {};
    if (item.parameters) paths[as].parameters = item.parameters;
    paths[as][method] = item[method];
  }
  const stripped = strip({ paths }, new Set(drop));
  const components = {};
  const seen = new Set();
  const visit = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(visit);
    if (typeof node.$ref === 'string' && node.$ref.startsWith('#/components/') && !seen.has(node.$ref)) {
      seen.add(node.$ref);
      const [, , kind, name] = node.$ref.split('/');
      const target = strip(pointer(doc, node.$ref), new Set(drop));
      if (target === undefined) throw new Error(`dangling reference ${node.$ref}`);
      (components[kind] ??= {})[name] = target;
      visit(target);
    }
    for (const v of Object.values(node)) visit(v);
  };
  visit(stripped);
  for (const kind of Object.keys(components)) components[kind] = sortKeys(components[kind]);
  return { openapi: doc.openapi, info: { ...doc.info, ...info }, ...(doc.servers ? { servers: doc.servers } : {}), paths: stripped.paths, components };
}

// Keys of a `properties` map are field names, not keywords: a field called `example` stays.
function strip(node, drop, names = false) {
  if (!node || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map((n) => strip(n, drop));
  const out = {};
  for (const [k, v] of Object.entries(node)) if (names || !drop.has(k)) out[k] = strip(v, drop, !names && k === 'properties');
  return out;
}

function sortKeys(o) {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * OpenAPI 3.0's `nullable` in the two shapes ajv rejects or misreads, rewritten in place:
 * - `nullable: true` without `type` (ajv: "nullable" cannot be used without "type"): a
 *   `oneOf`/`anyOf` gets a `{ enum: [null] }` branch, an `allOf` is wrapped in
 *   `anyOf: [{ allOf }, { enum: [null] }]` (a `$ref` likewise), and a bare one (any value
 *   already) loses the flag;
 * - a nullable `enum` without `null` in it (e.g. GitHub's `issue.state_reason`) gets `null`,
 *   since `enum` is checked on its own and would refuse the null that `nullable` allows.
 * Returns how many of each it rewrote, for the subset's `info`.
 */
export function normaliseNullable(doc) {
  const counts = { untypedNullable: 0, nullableEnum: 0 };
  const walk = (node) => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) return node.forEach(walk);
    for (const v of Object.values(node)) walk(v);
    if (node.nullable !== true) return;
    if (Array.isArray(node.enum) && !node.enum.includes(null)) {
      node.enum.push(null);
      counts.nullableEnum++;
    }
    if (node.type !== undefined) return;
    counts.untypedNullable++;
    delete node.nullable;
    const nullBranch = { enum: [null] };
    if (Array.isArray(node.oneOf)) node.oneOf.push(nullBranch);
    else if (Array.isArray(node.anyOf)) node.anyOf.push(nullBranch);
    else if (Array.isArray(node.allOf)) {
      const allOf = node.allOf;
      delete node.allOf;
      node.anyOf = [{ allOf }, nullBranch];
    } else if (typeof node.$ref === 'string') {
      node.anyOf = [{ $ref: node.$ref }, nullBranch];
      delete node.$ref;
    }
  };
  walk(doc);
  return counts;
}

/** Every operation of a subset as `METHOD path`, for the script's summary line. */
export function listOperations(doc) {
  return Object.entries(doc.paths).flatMap(([p, item]) => HTTP_METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${p}`));
}
