// The benchmark corpus: a deterministic (seeded) workspace of ~100k realistic source files
// over every language Paydown reads, built once into a temp folder and reused.
//
//   node test/bench/corpus.mjs [--dir DIR] [--seed S] [--files N] [--tag-rate R] [--force]
//
// The folder is a git repo with one commit. A stamp (`.git/paydown-bench-corpus.json`, written
// last) marks it complete; a folder without it is rebuilt.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Bump when the generator's output changes, so old corpora are not reused. */
export const CORPUS_VERSION = 2;
export const DEFAULT_SEED = 'paydown';
export const DEFAULT_FILES = 100_000;
/** Share of comment-capable files that hold annotations (≈2.6 annotations per such file). */
export const DEFAULT_TAG_RATE = 0.022;
const STAMP = join('.git', 'paydown-bench-corpus.json');
/** Present while a build runs: marks a half-built folder as ours, so it may be rebuilt. */
const BUILDING = '.paydown-bench-corpus-building';

export function defaultCorpusDir(seed = DEFAULT_SEED, files = DEFAULT_FILES, tagRate = DEFAULT_TAG_RATE) {
  const base = process.env.TMPDIR || tmpdir();
  const suffix = (files === DEFAULT_FILES ? '' : `-${files}`) + (tagRate === DEFAULT_TAG_RATE ? '' : `-tags${tagRate}`);
  return join(base, `paydown-bench-corpus-${CORPUS_VERSION}-${seed}${suffix}`);
}

// ---------------------------------------------------------------------------------------------
// Random numbers (sfc32, seeded from a string): the same seed gives the same corpus.

export function rng(seed) {
  let h = 1779033703 ^ String(seed).length;
  for (const ch of String(seed)) {
    h = Math.imul(h ^ ch.charCodeAt(0), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  const next32 = () => {
    h = Math.imul(h ^ (h >>> 16), 2246822507);
    h = Math.imul(h ^ (h >>> 13), 3266489909);
    return (h ^= h >>> 16) >>> 0;
  };
  let a = next32(), b = next32(), c = next32(), d = next32();
  const f = () => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 12; i++) f();
  const r = {
    f,
    int: (lo, hi) => lo + Math.floor(f() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(f() * arr.length)],
    chance: (p) => f() < p,
    /** Picks a key of `{ key: weight }`. */
    weighted: (table) => {
      let total = 0;
      for (const k in table) total += table[k];
      let x = f() * total;
      for (const k in table) if ((x -= table[k]) < 0) return k;
      return Object.keys(table)[0];
    },
    normal: () => {
      const u = 1 - f(), v = f();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    lognormal: (median, sigma) => median * Math.exp(sigma * r.normal()),
  };
  return r;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary.

const NOUNS = 'user order payment invoice cart session token account report metric event queue cache config request response handler client server record item batch job worker schedule price currency address profile message channel stream buffer file path node graph edge index query result error retry limit window tenant plan quota ledger budget sprint owner label issue review commit branch build artifact release deploy region zone shard replica lease lock timer clock span trace log audit policy role permission group team member invite webhook signature checksum payload envelope cursor page filter sort column row table schema migration model view widget panel dialog button form field input option menu route layout theme color font icon image asset bundle chunk module package service gateway proxy adapter factory provider registry store state action reducer effect selector hook context'.split(' ');
const VERBS = 'get set load save fetch update create delete build parse render validate compute merge sync flush apply resolve handle process emit map filter normalize encode decode format read write open close start stop reset retry schedule cancel publish subscribe register lookup find count sum collect group split join wrap unwrap check ensure verify sign hash compress expand convert export import migrate refresh invalidate evict track report'.split(' ');
const ADJS = 'active pending stale cached remote local default primary secondary internal external legacy current next previous partial full raw parsed unique shared global nested empty invalid expired'.split(' ');
const PEOPLE = 'alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil trent victor walter yuki'.split(' ');
const LABELS = 'payments perf security ux api db infra billing auth search onboarding flaky cleanup tests build a11y i18n'.split(' ');
const OUTCOMES = 'reliability velocity cost security onboarding'.split(' ');
const PREPS = 'for from into with without before after across over under against'.split(' ');

const cap = (s) => s[0].toUpperCase() + s.slice(1);

/** Everything a content generator needs: randomness and names. */
function makeCtx(r) {
  const g = {
    r,
    noun: () => r.pick(NOUNS),
    verb: () => r.pick(VERBS),
    camel: () => r.pick(VERBS) + cap(r.pick(NOUNS)) + (r.chance(0.3) ? cap(r.pick(NOUNS)) : ''),
    pascal: () => (r.chance(0.3) ? cap(r.pick(ADJS)) : '') + cap(r.pick(NOUNS)) + cap(r.pick(NOUNS)),
    snake: () => r.pick(VERBS) + '_' + r.pick(NOUNS) + (r.chance(0.3) ? '_' + r.pick(NOUNS) : ''),
    kebab: () => r.pick(NOUNS) + '-' + r.pick(NOUNS),
    var: () => (r.chance(0.4) ? r.pick(ADJS) + cap(r.pick(NOUNS)) : r.pick(NOUNS)),
    svar: () => (r.chance(0.4) ? r.pick(ADJS) + '_' + r.pick(NOUNS) : r.pick(NOUNS)),
    num: () => (r.chance(0.6) ? String(r.int(0, 100)) : String(r.int(100, 100000))),
    sentence: () => {
      const n = g.noun(), m = g.noun();
      switch (r.int(0, 7)) {
        case 0: return `${cap(g.verb())}s the ${r.pick(ADJS)} ${n} ${r.pick(PREPS)} the ${m}.`;
        case 1: return `Returns the ${n} ${r.pick(PREPS)} the given ${m}, or null when there is none.`;
        case 2: return `The ${n} must be ${r.pick(ADJS)} before we ${g.verb()} the ${m}.`;
        case 3: return `Called once per ${n}; keep it cheap, it runs on every ${m}.`;
        case 4: return `See the ${n} docs: the ${m} is ${r.pick(ADJS)} until the next ${g.verb()}.`;
        case 5: return `${cap(g.verb())} ${n}s in batches of ${r.int(8, 512)} to stay under the ${m} limit.`;
        case 6: return `Keeps the ${n} and the ${m} in sync; ${g.verb()} both or neither.`;
        default: return `Note: ${n} ids are ${r.pick(ADJS)}, never reuse them across ${m}s.`;
      }
    },
    phrase: () => {
      switch (r.int(0, 9)) {
        case 0: return `${g.verb()} the ${g.noun()} ${r.pick(PREPS)} the ${g.noun()} once the ${g.noun()} API is stable`;
        case 1: return `replace the hand-rolled ${g.noun()} loop with the shared ${g.noun()} helper`;
        case 2: return `O(n^2) ${g.noun()} merge, fine under ${r.int(1, 50)}k rows`;
        case 3: return `drop the v${r.int(1, 3)} fallback once all clients are on v${r.int(2, 5)}`;
        case 4: return `this ${g.verb()}s the ${g.noun()} twice when the ${g.noun()} is ${r.pick(ADJS)}`;
        case 5: return `handle ${r.pick(ADJS)} ${g.noun()}s (currently ignored)`;
        case 6: return `remove after the ${g.noun()} migration ships`;
        case 7: return `${g.noun()} timeout is hard-coded, read it from config`;
        case 8: return `workaround for the ${g.noun()} race in ${g.pascal()}`;
        default: return `split ${g.pascal()} into ${g.noun()} and ${g.noun()} parts`;
      }
    },
    str: () => {
      switch (r.int(0, 5)) {
        case 0: return `${g.noun()}.${g.noun()}`;
        case 1: return `/api/v${r.int(1, 3)}/${g.noun()}s/${g.noun()}`;
        case 2: return `failed to ${g.verb()} ${g.noun()}`;
        case 3: return `${g.kebab()}`;
        case 4: return `${cap(g.noun())} ${g.noun()} is ${r.pick(ADJS)}`;
        default: return `${g.noun()}_${g.noun()}_${r.int(1, 99)}`;
      }
    },
  };
  return g;
}

// ---------------------------------------------------------------------------------------------
// Annotations and decoys.

const TAG_WEIGHTS = { TODO: 55, FIXME: 20, HACK: 8, XXX: 6, DEBT: 11 };
/** Ledger ids are Crockford base32 (no I, L, O, U). */
const ID_CHARS = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The text of one annotation after the comment marker: first line, then body lines. */
function annotationText(g) {
  const { r } = g;
  const tag = r.weighted(TAG_WEIGHTS);
  let head = tag;
  if (r.chance(0.3)) {
    const parts = [];
    if (r.chance(0.6)) parts.push(r.pick(PEOPLE));
    if (tag === 'DEBT' ? r.chance(0.7) : r.chance(0.15)) parts.push('PD-' + Array.from({ length: r.chance(0.8) ? 6 : 4 }, () => r.pick(ID_CHARS)).join(''));
    if (r.chance(0.3)) parts.push(r.chance(0.5) ? `GH-${r.int(1, 2000)}` : `PROJ-${r.int(1, 900)}`);
    if (parts.length) head += `(${parts.join(', ')})`;
  }
  const title = r.chance(0.9) ? g.phrase() : '';
  let first = r.chance(0.93) ? `${head}: ${title}` : `${head} ${title || g.phrase()}`;
  const meta = [];
  if (r.chance(0.35)) {
    if (r.chance(0.6)) meta.push('@' + r.pick(PEOPLE));
    if (r.chance(0.5)) meta.push(`effort:${r.chance(0.8) ? r.pick([1, 2, 3, 5, 8]) : r.pick(['2h', '4h', '1d', '3d'])}`);
    if (r.chance(0.4)) meta.push(`impact:${r.pick(['low', 'medium', 'high', 'critical'])}`);
    if (r.chance(0.4)) meta.push('#' + r.pick(LABELS));
    if (r.chance(0.25)) meta.push(r.chance(0.5) ? `GH-${r.int(1, 2000)}` : `#${r.int(1, 900)}`);
    if (r.chance(0.1)) meta.push(`sprint:2025-S${r.int(1, 26)}`);
    if (r.chance(0.1)) meta.push(`due:2025-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`);
    if (r.chance(0.08)) meta.push(`outcome:${r.pick(OUTCOMES)}`);
    if (r.chance(0.04)) meta.push(r.pick(['effort:lots', 'impact:huge', 'due:someday', 'effort:-1']));
  }
  const lines = [first];
  if (r.chance(0.2)) {
    const n = r.int(1, 2);
    for (let i = 0; i < n; i++) lines.push('  ' + g.sentence());
  }
  if (meta.length) {
    if (lines.length > 1 || r.chance(0.5)) lines.push('  ' + meta.join(' '));
    else lines[0] += '   ' + meta.join(' ');
  }
  return lines;
}

/** Comments that look like tags to a word search but are not debt. */
function decoyCommentText(g) {
  const { r } = g;
  switch (r.int(0, 5)) {
    case 0: return `todo: ${g.phrase()}`;
    case 1: return `TODOS for the ${g.noun()} view live in the ${g.noun()} store`;
    case 2: return `Renders the todo list of the ${g.noun()}`;
    case 3: return `FIXMEs here are tracked elsewhere; keep the ${g.noun()} as is`;
    case 4: return `size XXXL is allowed for ${g.noun()}s`;
    default: return `hackathon ${g.noun()} prototype, see ${g.pascal()}`;
  }
}

/** String contents holding a tag word (debt only inside comments: these must not count). */
function decoyString(g) {
  const { r } = g;
  return r.pick([
    'TODO',
    'FIXME',
    `TODO: ${g.phrase()}`,
    `status is TODO`,
    `HACK mode enabled`,
    `// TODO: not a comment`,
    `# FIXME inside a string`,
    `XXX-${r.int(1, 99)}`,
    `DEBT`,
  ]);
}

// ---------------------------------------------------------------------------------------------
// Languages. Each writes lines into `out` and records "slots": places (line index + indent)
// where a comment line or a statement may be inserted.

/** Base for C-like syntaxes, parameterised by how they declare, call and end statements. */
function cLike(o) {
  const semi = o.semi === false ? '' : ';';
  const lc = o.lc ?? '//';
  const IND = o.indent ?? '  ';
  const q = o.quote ?? '"';
  const S = (g, s) => q + s + q;
  const decl = o.decl ?? ((n, e) => `const ${n} = ${e}${semi}`);
  const call = (g) => {
    const recv = o.self ? o.self + g.var() : g.var();
    return `${recv}.${o.method ? o.method(g) : g.camel()}(${g.r.chance(0.5) ? S(g, g.str()) : g.var()})`;
  };
  const stmt = (g, ind, out, slots, depth) => {
    const { r } = g;
    const k = r.int(0, 11);
    if (k <= 2) out.push(ind + decl(g.var(), call(g)));
    else if (k === 3) out.push(ind + decl(g.var(), S(g, g.str())));
    else if (k === 4) out.push(ind + call(g) + semi);
    else if (k === 5) out.push(ind + decl(g.var(), `${g.var()} ${r.pick(['+', '-', '*', '&&', '||'])} ${g.num()}`));
    else if (k === 6 && depth < 3) {
      out.push(ind + (o.ifOpen ? o.ifOpen(g) : `if (${g.var()} ${r.pick(['==', '!=', '>', '<'])} ${g.num()}) {`));
      const n = r.int(1, 4);
      for (let i = 0; i < n; i++) stmt(g, ind + IND, out, slots, depth + 1);
      out.push(ind + (o.close ?? '}'));
    } else if (k === 7 && depth < 3 && o.loop) {
      out.push(ind + o.loop(g));
      const n = r.int(1, 3);
      for (let i = 0; i < n; i++) stmt(g, ind + IND, out, slots, depth + 1);
      out.push(ind + (o.close ?? '}'));
    } else if (k === 8) {
      out.push(ind + lc + ' ' + g.sentence());
    } else if (k === 9 && o.log) {
      out.push(ind + o.log(g, S(g, g.str())) + semi);
    } else {
      out.push(ind + (o.assign ? o.assign(g) : `${g.var()} = ${call(g)}${semi}`));
    }
    slots.push(out.length, ind);
  };
  return {
    lc: o.lc ?? '//',
    bc: o.bc === null ? null : (o.bc ?? ['/*', '*/']),
    indent: o.indent ?? '  ',
    str: (g, ind, s) => ind + (o.strStmt ? o.strStmt(g, S(g, s)) : decl(g.var(), S(g, s))),
    head: o.head,
    unit: (g, out, slots) => {
      const { r } = g;
      const ind = o.indent ?? '  ';
      if (r.chance(0.55)) {
        if (o.doc === 'line') {
          out.push(`${o.docLc ?? '///'} ${g.sentence()}`);
          if (r.chance(0.5)) out.push(`${o.docLc ?? '///'} ${g.sentence()}`);
        } else {
          out.push('/**', ` * ${g.sentence()}`);
          if (r.chance(0.5)) out.push(' *', ` * ${g.sentence()}`);
          if (r.chance(0.4)) out.push(` * @param ${g.var()} the ${g.noun()} to ${g.verb()}`);
          out.push(' */');
        }
      }
      const cls = o.cls && r.chance(0.3);
      let base = '';
      if (cls) {
        out.push(o.cls(g));
        base = ind;
        const fields = r.int(1, 4);
        for (let i = 0; i < fields; i++) out.push(base + o.field(g));
        out.push('');
      }
      const fns = cls ? r.int(2, 5) : 1;
      for (let f = 0; f < fns; f++) {
        if (cls && r.chance(0.4)) out.push(base + lc + ' ' + g.sentence());
        out.push(base + o.fn(g, cls));
        slots.push(out.length, base + ind);
        const n = r.int(2, 12);
        for (let i = 0; i < n; i++) stmt(g, base + ind, out, slots, 1);
        out.push(base + ind + (o.ret ? o.ret(g) : `return ${g.var()}${semi}`));
        out.push(base + (o.close ?? '}'), '');
        slots.push(out.length - 1, base);
      }
      if (cls) out.push(o.close ?? '}', '');
      slots.push(out.length, '');
    },
  };
}

const jsImports = (g, out, ts) => {
  const n = g.r.int(1, 8);
  for (let i = 0; i < n; i++) {
    const from = g.r.chance(0.4) ? g.r.pick(['react', 'lodash', 'zod', 'express', '@tanstack/query', 'node:fs', 'node:path', 'vitest']) : `${g.r.pick(['./', '../', '../../'])}${g.kebab()}`;
    out.push(g.r.chance(0.8) ? `import { ${g.pascal()}, ${g.camel()} } from '${from}';` : ts && g.r.chance(0.5) ? `import type { ${g.pascal()} } from '${from}';` : `import ${g.var()} from '${from}';`);
  }
  out.push('');
};

const tsOpts = (ts, jsx) => ({
  quote: "'",
  decl: (n, e) => `${ts ? 'const' : gPick(['const', 'let'])} ${n} = ${e};`,
  head: (g, out) => jsImports(g, out, ts),
  fn: (g, inClass) => {
    const args = ts ? `${g.var()}: ${g.pascal()}, ${g.var()}?: ${g.r.pick(['string', 'number', 'boolean'])}` : `${g.var()}, ${g.var()}`;
    if (inClass) return `${g.r.chance(0.3) ? 'async ' : ''}${g.camel()}(${args})${ts ? `: ${g.pascal()}` : ''} {`;
    if (jsx && g.r.chance(0.5)) return `export function ${g.pascal()}({ ${g.var()}, ${g.var()} }${ts ? `: ${g.pascal()}Props` : ''}) {`;
    return g.r.chance(0.3) ? `export const ${g.camel()} = ${g.r.chance(0.3) ? 'async ' : ''}(${args})${ts ? `: ${g.pascal()}` : ''} => {` : `export ${g.r.chance(0.2) ? 'async ' : ''}function ${g.camel()}(${args})${ts ? `: ${g.pascal()}` : ''} {`;
  },
  ret: jsx ? (g) => (g.r.chance(0.5) ? `return (\n    <div className="${g.kebab()}">\n      <${g.pascal()} ${g.var()}={${g.var()}} />\n      {${g.var()} && <span>{${g.var()}.${g.noun()}}</span>}\n    </div>\n  );` : `return ${g.var()};`) : undefined,
  cls: (g) => `export class ${g.pascal()}${g.r.chance(0.3) ? ` extends ${g.pascal()}` : ''} {`,
  field: (g) => ts ? `private ${g.r.chance(0.3) ? 'readonly ' : ''}${g.var()}: ${g.pascal()} | undefined;` : `${g.var()} = null;`,
  loop: (g) => `for (const ${g.noun()} of ${g.var()}) {`,
  log: (g, s) => `${g.r.pick(['console.log', 'logger.debug', 'log.info', 'this.logger.warn'])}(${s})`,
});
let gPickR = null;
const gPick = (arr) => (gPickR ? gPickR.pick(arr) : arr[0]);


/** Base for indentation-based or `end`-terminated scripting languages. */
function script(o) {
  return {
    lc: o.lc ?? '#',
    bc: o.bc ?? null,
    indent: o.indent ?? '    ',
    str: (g, ind, s) => ind + o.strStmt(g, s),
    head: o.head,
    unit: o.unit,
  };
}

const LANGS = {
  typescript: { ext: ['ts'], ...cLike(tsOpts(true, false)) },
  typescriptreact: { ext: ['tsx'], ...cLike(tsOpts(true, true)) },
  javascript: { ext: ['js', 'mjs', 'cjs'], ...cLike(tsOpts(false, false)) },
  javascriptreact: { ext: ['jsx'], ...cLike(tsOpts(false, true)) },
  java: {
    ext: ['java'], ...cLike({
      indent: '    ',
      decl: (n, e) => `${gPick(['var', 'final var', 'String', 'int'])} ${n} = ${e};`,
      head: (g, out) => {
        out.push(`package com.acme.${g.noun()}.${g.noun()};`, '');
        for (let i = g.r.int(2, 10); i > 0; i--) out.push(`import ${g.r.pick(['java.util', 'java.time', 'org.slf4j', 'com.acme.core', 'jakarta.inject'])}.${g.pascal()};`);
        out.push('');
      },
      fn: (g) => `${g.r.pick(['public', 'private', 'protected'])} ${g.r.pick(['void', 'String', 'int', 'boolean', g.pascal()])} ${g.camel()}(${g.pascal()} ${g.var()}, ${g.r.pick(['String', 'long', 'int'])} ${g.var()}) {`,
      cls: (g) => `${g.r.chance(0.3) ? '@Service\n' : ''}public class ${g.pascal()}${g.r.chance(0.3) ? ` implements ${g.pascal()}` : ''} {`,
      field: (g) => `private ${g.r.chance(0.5) ? 'final ' : ''}${g.pascal()} ${g.var()};`,
      loop: (g) => `for (var ${g.noun()} : ${g.var()}) {`,
      log: (g, s) => `log.${g.r.pick(['info', 'debug', 'warn'])}(${s})`,
    }),
  },
  kotlin: {
    ext: ['kt', 'kts'], ...cLike({
      semi: false, indent: '    ',
      decl: (n, e) => `${gPick(['val', 'var'])} ${n} = ${e}`,
      head: (g, out) => {
        out.push(`package com.acme.${g.noun()}`, '');
        for (let i = g.r.int(2, 8); i > 0; i--) out.push(`import ${g.r.pick(['kotlinx.coroutines', 'java.time', 'com.acme.core'])}.${g.pascal()}`);
        out.push('');
      },
      fn: (g) => `${g.r.chance(0.3) ? 'suspend ' : ''}fun ${g.camel()}(${g.var()}: ${g.pascal()}, ${g.var()}: ${g.r.pick(['String', 'Int', 'Boolean'])}): ${g.pascal()} {`,
      cls: (g) => `${g.r.chance(0.3) ? 'data ' : ''}class ${g.pascal()}(private val ${g.var()}: ${g.pascal()}) {`,
      field: (g) => `private val ${g.var()} = ${g.pascal()}()`,
      loop: (g) => `for (${g.noun()} in ${g.var()}) {`,
      log: (g, s) => `logger.info(${s})`,
    }),
  },
  scala: {
    ext: ['scala'], ...cLike({
      semi: false,
      decl: (n, e) => `val ${n} = ${e}`,
      head: (g, out) => {
        out.push(`package com.acme.${g.noun()}`, '');
        for (let i = g.r.int(2, 6); i > 0; i--) out.push(`import ${g.r.pick(['scala.concurrent', 'cats.effect', 'com.acme.core'])}.${g.pascal()}`);
        out.push('');
      },
      fn: (g) => `def ${g.camel()}(${g.var()}: ${g.pascal()}, ${g.var()}: ${g.r.pick(['String', 'Int'])}): ${g.pascal()} = {`,
      cls: (g) => `${g.r.chance(0.4) ? 'case ' : ''}class ${g.pascal()}(${g.var()}: ${g.pascal()}) {`,
      field: (g) => `private val ${g.var()} = ${g.pascal()}()`,
      loop: (g) => `${g.var()}.foreach { ${g.noun()} =>`,
      ret: (g) => g.var(),
    }),
  },
  c: {
    ext: ['c', 'h'], ...cLike({
      decl: (n, e) => `${gPick(['int', 'size_t', 'const char *', 'struct ' + 'ctx *'])} ${n} = ${e};`,
      head: (g, out) => {
        for (let i = g.r.int(2, 8); i > 0; i--) out.push(g.r.chance(0.5) ? `#include <${g.r.pick(['stdio', 'stdlib', 'string', 'stdint', 'errno', 'pthread'])}.h>` : `#include "${g.noun()}_${g.noun()}.h"`);
        out.push('', `#define ${g.noun().toUpperCase()}_MAX ${g.num()}`, '');
      },
      method: (g) => g.snake(), self: '',
      fn: (g) => `${g.r.pick(['static ', ''])}${g.r.pick(['int', 'void', 'size_t', 'bool'])} ${g.snake()}(struct ${g.noun()} *${g.noun()}, ${g.r.pick(['int', 'const char *', 'size_t'])} ${g.noun()}) {`,
      loop: (g) => `for (size_t i = 0; i < ${g.var()}; i++) {`,
      log: (g, s) => `fprintf(stderr, ${s})`,
      assign: (g) => `${g.noun()}->${g.noun()} = ${g.snake()}(${g.noun()});`,
    }),
  },
  cpp: {
    ext: ['cpp', 'cc', 'hpp'], ...cLike({
      decl: (n, e) => `${gPick(['auto', 'const auto', 'std::string', 'int'])} ${n} = ${e};`,
      head: (g, out) => {
        for (let i = g.r.int(2, 8); i > 0; i--) out.push(g.r.chance(0.5) ? `#include <${g.r.pick(['vector', 'string', 'memory', 'unordered_map', 'optional', 'mutex'])}>` : `#include "${g.noun()}/${g.noun()}.h"`);
        out.push('', `namespace ${g.noun()} {`, '');
      },
      fn: (g, c) => `${c ? '' : 'auto '}${c ? g.r.pick(['void', 'bool', 'std::string']) + ' ' : ''}${g.camel()}(const ${g.pascal()}& ${g.var()}, int ${g.var()})${c ? '' : ' -> ' + g.pascal()} {`,
      cls: (g) => `class ${g.pascal()}${g.r.chance(0.3) ? ` : public ${g.pascal()}` : ''} {\n public:`,
      field: (g) => `std::${g.r.pick(['string', 'vector<int>', 'optional<int>'])} ${g.var()}_;`,
      loop: (g) => `for (const auto& ${g.noun()} : ${g.var()}) {`,
      log: (g, s) => `LOG(INFO) << ${s}`,
    }),
  },
  csharp: {
    ext: ['cs'], ...cLike({
      indent: '    ',
      decl: (n, e) => `var ${n} = ${e};`,
      head: (g, out) => {
        for (let i = g.r.int(2, 8); i > 0; i--) out.push(`using ${g.r.pick(['System', 'System.Linq', 'System.Threading.Tasks', 'Acme.Core', 'Microsoft.Extensions.Logging'])};`);
        out.push('', `namespace Acme.${g.pascal()};`, '');
      },
      fn: (g) => `${g.r.pick(['public', 'private', 'internal'])} ${g.r.chance(0.3) ? 'async Task<' + g.pascal() + '>' : g.pascal()} ${g.pascal()}(${g.pascal()} ${g.var()}, string ${g.var()})\n    {`,
      cls: (g) => `public ${g.r.chance(0.3) ? 'sealed ' : ''}class ${g.pascal()}\n{`,
      field: (g) => `private readonly ${g.pascal()} _${g.var()};`,
      loop: (g) => `foreach (var ${g.noun()} in ${g.var()}) {`,
      log: (g, s) => `_logger.LogInformation(${s})`,
      doc: 'line',
    }),
  },
  go: {
    ext: ['go'], ...cLike({
      semi: false, indent: '\t', quote: '"',
      decl: (n, e) => `${n} := ${e}`,
      head: (g, out) => {
        out.push(`package ${g.noun()}`, '', 'import (');
        for (let i = g.r.int(2, 8); i > 0; i--) out.push(`\t"${g.r.pick(['context', 'fmt', 'errors', 'net/http', 'time', 'sync', 'github.com/acme/' + g.noun() + '/' + g.noun()])}"`);
        out.push(')', '');
      },
      fn: (g) => g.r.chance(0.5) ? `func (s *${g.pascal()}) ${g.pascal()}(ctx context.Context, ${g.var()} ${g.pascal()}) (${g.pascal()}, error) {` : `func ${g.camel()}(${g.var()} string, ${g.var()} int) error {`,
      ifOpen: (g) => g.r.chance(0.5) ? 'if err != nil {' : `if ${g.var()} ${g.r.pick(['==', '!='])} nil {`,
      loop: (g) => `for _, ${g.noun()} := range ${g.var()} {`,
      log: (g, s) => `log.Printf(${s})`,
      ret: (g) => g.r.chance(0.5) ? 'return nil' : `return fmt.Errorf("${g.verb()} ${g.noun()}: %w", err)`,
      doc: 'line', docLc: '//',
    }),
  },
  rust: {
    ext: ['rs'], ...cLike({
      indent: '    ',
      decl: (n, e) => `let ${gPick(['', 'mut '])}${n} = ${e};`,
      head: (g, out) => {
        for (let i = g.r.int(2, 8); i > 0; i--) out.push(`use ${g.r.pick(['std::collections', 'crate::' + g.noun(), 'serde', 'tokio::sync', 'anyhow'])}::${g.pascal()};`);
        out.push('');
      },
      method: (g) => g.snake(),
      fn: (g, c) => `${c ? '    ' : ''}pub ${g.r.chance(0.2) ? 'async ' : ''}fn ${g.snake()}(${c ? '&self, ' : ''}${g.noun()}: &${g.pascal()}, ${g.noun()}: usize) -> Result<${g.pascal()}> {`,
      cls: (g) => `impl ${g.pascal()} {`,
      field: (g) => `const ${g.noun().toUpperCase()}: usize = ${g.num()};`,
      ifOpen: (g) => `if ${g.var()} ${g.r.pick(['==', '>', '<'])} ${g.num()} {`,
      loop: (g) => `for ${g.noun()} in ${g.var()}.iter() {`,
      log: (g, s) => `tracing::info!(${s})`,
      ret: (g) => `Ok(${g.var()})`,
      doc: 'line',
    }),
  },
  swift: {
    ext: ['swift'], ...cLike({
      semi: false, indent: '    ',
      decl: (n, e) => `${gPick(['let', 'var'])} ${n} = ${e}`,
      head: (g, out) => {
        for (let i = g.r.int(1, 5); i > 0; i--) out.push(`import ${g.r.pick(['Foundation', 'SwiftUI', 'Combine', 'UIKit', 'AcmeCore'])}`);
        out.push('');
      },
      fn: (g) => `${g.r.chance(0.4) ? 'private ' : ''}func ${g.camel()}(_ ${g.var()}: ${g.pascal()}, ${g.var()}: ${g.r.pick(['String', 'Int', 'Bool'])}) -> ${g.pascal()} {`,
      cls: (g) => `${g.r.pick(['final class', 'struct'])} ${g.pascal()}${g.r.chance(0.4) ? `: ${g.pascal()}` : ''} {`,
      field: (g) => `private var ${g.var()}: ${g.pascal()}?`,
      ifOpen: (g) => `if ${g.r.chance(0.5) ? 'let ' + g.var() + ' = ' + g.var() : g.var() + ' > ' + g.num()} {`,
      loop: (g) => `for ${g.noun()} in ${g.var()} {`,
      log: (g, s) => `print(${s})`,
      doc: 'line',
    }),
  },
  dart: {
    ext: ['dart'], ...cLike({
      quote: "'",
      decl: (n, e) => `${gPick(['final', 'var'])} ${n} = ${e};`,
      head: (g, out) => {
        for (let i = g.r.int(1, 6); i > 0; i--) out.push(`import '${g.r.pick(['package:flutter/material.dart', 'dart:async', 'package:acme/' + g.noun() + '.dart'])}';`);
        out.push('');
      },
      fn: (g) => `${g.r.chance(0.3) ? 'Future<' + g.pascal() + '>' : g.pascal()} ${g.camel()}(${g.pascal()} ${g.var()}, String ${g.var()}) ${g.r.chance(0.3) ? 'async ' : ''}{`,
      cls: (g) => `class ${g.pascal()} extends ${g.r.pick(['StatelessWidget', 'ChangeNotifier', g.pascal()])} {`,
      field: (g) => `final ${g.pascal()} ${g.var()};`,
      loop: (g) => `for (final ${g.noun()} in ${g.var()}) {`,
      log: (g, s) => `debugPrint(${s})`,
      doc: 'line',
    }),
  },
  php: {
    ext: ['php'], ...cLike({
      quote: "'", indent: '    ',
      decl: (n, e) => `$${n} = ${e};`,
      self: '$',
      head: (g, out) => {
        out.push('<?php', '', `namespace App\\${g.pascal()};`, '');
        for (let i = g.r.int(2, 7); i > 0; i--) out.push(`use ${g.r.pick(['Illuminate\\Support', 'App\\Models', 'App\\Services'])}\\${g.pascal()};`);
        out.push('');
      },
      method: (g) => g.camel(),
      fn: (g) => `${g.r.pick(['public', 'private', 'protected'])} function ${g.camel()}(${g.pascal()} $${g.var()}, string $${g.var()}): ${g.r.pick(['void', 'array', 'string', g.pascal()])}\n    {`,
      cls: (g) => `class ${g.pascal()}${g.r.chance(0.4) ? ` extends ${g.pascal()}` : ''}\n{`,
      field: (g) => `private ${g.pascal()} $${g.var()};`,
      ifOpen: (g) => `if ($${g.var()} ${g.r.pick(['===', '!==', '>'])} ${g.num()}) {`,
      loop: (g) => `foreach ($${g.var()} as $${g.noun()}) {`,
      log: (g, s) => `Log::info(${s})`,
      assign: (g) => `$this->${g.var()} = $${g.var()}->${g.camel()}();`,
      ret: (g) => `return $${g.var()};`,
    }),
  },
  python: {
    ext: ['py'], ...script({
      strStmt: (g, s) => `${g.svar()} = "${s}"`,
      head: (g, out) => {
        if (g.r.chance(0.5)) out.push(`"""${g.sentence()}"""`, '');
        for (let i = g.r.int(2, 9); i > 0; i--) out.push(g.r.chance(0.5) ? `from ${g.r.pick(['typing', 'dataclasses', 'app.' + g.noun(), '.' + g.noun()])} import ${g.pascal()}` : `import ${g.r.pick(['os', 'json', 'logging', 'asyncio', 're', 'numpy as np', 'pandas as pd'])}`);
        out.push('', '');
      },
      unit: (g, out, slots) => {
        const { r } = g;
        const cls = r.chance(0.3);
        const ind = cls ? '    ' : '';
        if (cls) {
          out.push(`class ${g.pascal()}${r.chance(0.5) ? `(${g.pascal()})` : ''}:`);
          if (r.chance(0.6)) out.push(`    """${g.sentence()}"""`, '');
        }
        const fns = cls ? r.int(2, 5) : 1;
        for (let f = 0; f < fns; f++) {
          if (r.chance(0.2)) out.push(`${ind}@${r.pick(['property', 'staticmethod', 'cached_property', 'pytest.fixture', 'app.route("/' + g.noun() + '")'])}`);
          out.push(`${ind}${r.chance(0.2) ? 'async ' : ''}def ${g.snake()}(${cls ? 'self, ' : ''}${g.svar()}: ${g.pascal()}, ${g.svar()}: ${r.pick(['str', 'int', 'bool'])} = ${r.pick(['None', '0', 'False', '""'])}) -> ${g.pascal()}:`);
          if (r.chance(0.5)) {
            out.push(`${ind}    """${g.sentence()}`);
            if (r.chance(0.5)) out.push('', `${ind}    Args:`, `${ind}        ${g.svar()}: the ${g.noun()} to ${g.verb()}.`);
            out.push(`${ind}    """`);
          }
          slots.push(out.length, ind + '    ');
          const n = r.int(2, 12);
          for (let i = 0; i < n; i++) {
            const k = r.int(0, 8);
            const ii = ind + '    ';
            if (k <= 2) out.push(`${ii}${g.svar()} = ${g.svar()}.${g.snake()}(${r.chance(0.5) ? `"${g.str()}"` : g.svar()})`);
            else if (k === 3) out.push(`${ii}if ${g.svar()} ${r.pick(['is None', '> 0', '== "' + g.noun() + '"', 'in ' + g.svar()])}:`, `${ii}    ${r.chance(0.5) ? 'return ' + g.svar() : 'raise ' + g.pascal() + 'Error(f"' + g.str() + ' {' + g.svar() + '}")'}`);
            else if (k === 4) out.push(`${ii}for ${g.noun()} in ${g.svar()}:`, `${ii}    ${g.svar()}.append(${g.noun()}.${g.noun()})`);
            else if (k === 5) out.push(`${ii}# ${g.sentence()}`);
            else if (k === 6) out.push(`${ii}logger.${r.pick(['info', 'debug', 'warning'])}("${g.str()} %s", ${g.svar()})`);
            else out.push(`${ii}${g.svar()} = {"${g.noun()}": ${g.svar()}, "${g.noun()}": ${g.num()}}`);
            slots.push(out.length, ii);
          }
          out.push(`${ind}    return ${g.svar()}`, '');
          slots.push(out.length, ind);
        }
        out.push('');
        slots.push(out.length, '');
      },
    }),
  },
  ruby: {
    ext: ['rb'], ...script({
      indent: '  ',
      strStmt: (g, s) => `${g.svar()} = '${s}'`,
      head: (g, out) => {
        out.push('# frozen_string_literal: true', '');
        for (let i = g.r.int(1, 5); i > 0; i--) out.push(`require '${g.r.pick(['json', 'set', 'active_support', g.noun() + '/' + g.noun()])}'`);
        out.push('', `module ${g.pascal()}`);
      },
      unit: (g, out, slots) => {
        const { r } = g;
        out.push(`  class ${g.pascal()}${r.chance(0.4) ? ` < ${g.pascal()}` : ''}`);
        if (r.chance(0.5)) out.push(`    attr_reader :${g.svar()}, :${g.svar()}`, '');
        for (let f = r.int(1, 4); f > 0; f--) {
          if (r.chance(0.5)) out.push(`    # ${g.sentence()}`);
          out.push(`    def ${g.snake()}(${g.svar()}, ${g.svar()}: nil)`);
          slots.push(out.length, '      ');
          for (let i = r.int(2, 10); i > 0; i--) {
            const k = r.int(0, 5);
            if (k <= 2) out.push(`      ${g.svar()} = ${g.svar()}.${g.snake()}(${r.chance(0.5) ? `'${g.str()}'` : ':' + g.svar()})`);
            else if (k === 3) out.push(`      return ${g.svar()} if ${g.svar()}.nil?`);
            else if (k === 4) out.push(`      ${g.svar()}.each do |${g.noun()}|`, `        ${g.noun()}.${g.snake()}!`, '      end');
            else out.push(`      # ${g.sentence()}`);
            slots.push(out.length, '      ');
          }
          out.push(`      ${g.svar()}`, '    end', '');
        }
        out.push('  end', '');
        slots.push(out.length, '  ');
      },
      tail: (g, out) => out.push('end'),
    }),
  },
  elixir: {
    ext: ['ex', 'exs'], ...script({
      indent: '  ',
      strStmt: (g, s) => `${g.svar()} = "${s}"`,
      head: (g, out) => out.push(`defmodule Acme.${g.pascal()} do`, `  @moduledoc """`, `  ${g.sentence()}`, '  """', '', `  alias Acme.${g.pascal()}`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        if (r.chance(0.5)) out.push(`  @doc "${g.sentence()}"`);
        out.push(`  def ${g.snake()}(${g.svar()}, opts \\\\ []) do`);
        slots.push(out.length, '    ');
        for (let i = r.int(2, 9); i > 0; i--) {
          const k = r.int(0, 4);
          if (k <= 2) out.push(`    ${g.svar()} = ${g.pascal()}.${g.snake()}(${g.svar()}, "${g.str()}")`);
          else if (k === 3) out.push(`    ${g.svar()}`, `    |> Enum.map(&${g.snake()}/1)`, `    |> Enum.filter(& &1.${g.noun()})`);
          else out.push(`    # ${g.sentence()}`);
          slots.push(out.length, '    ');
        }
        out.push(`    {:ok, ${g.svar()}}`, '  end', '');
        slots.push(out.length, '  ');
      },
      tail: (g, out) => out.push('end'),
    }),
  },
  lua: {
    ext: ['lua'], ...script({
      lc: '--', bc: ['--[[', ']]'], indent: '  ',
      strStmt: (g, s) => `local ${g.svar()} = "${s}"`,
      head: (g, out) => out.push(`local ${g.noun()} = require("${g.noun()}.${g.noun()}")`, `local M = {}`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        if (r.chance(0.5)) out.push(`--- ${g.sentence()}`);
        out.push(`function M.${g.snake()}(${g.svar()}, ${g.svar()})`);
        slots.push(out.length, '  ');
        for (let i = r.int(2, 9); i > 0; i--) {
          const k = r.int(0, 4);
          if (k <= 2) out.push(`  local ${g.svar()} = ${g.svar()}:${g.snake()}("${g.str()}")`);
          else if (k === 3) out.push(`  if ${g.svar()} == nil then`, `    return ${g.svar()}`, '  end');
          else out.push(`  -- ${g.sentence()}`);
          slots.push(out.length, '  ');
        }
        out.push(`  return ${g.svar()}`, 'end', '');
        slots.push(out.length, '');
      },
      tail: (g, out) => out.push('return M'),
    }),
  },
  shellscript: {
    ext: ['sh', 'bash'], ...script({
      indent: '  ',
      strStmt: (g, s) => `${g.svar().toUpperCase()}="${s}"`,
      head: (g, out) => out.push('#!/usr/bin/env bash', 'set -euo pipefail', '', `ROOT="$(cd "$(dirname "$0")/.." && pwd)"`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        if (r.chance(0.6)) out.push(`# ${g.sentence()}`);
        out.push(`${g.snake()}() {`);
        slots.push(out.length, '  ');
        for (let i = r.int(2, 9); i > 0; i--) {
          const k = r.int(0, 4);
          if (k <= 1) out.push(`  local ${g.svar()}="\${1:-${g.noun()}}"`);
          else if (k === 2) out.push(`  if [[ -z "\${${g.svar().toUpperCase()}:-}" ]]; then`, `    echo "${g.str()}" >&2`, '    return 1', '  fi');
          else if (k === 3) out.push(`  ${r.pick(['curl -fsSL', 'docker compose', 'kubectl apply -f', 'npm run'])} "${g.str()}" | ${r.pick(['jq .', 'tee -a "$LOG"', 'grep -v ' + g.noun()])}`);
          else out.push(`  # ${g.sentence()}`);
          slots.push(out.length, '  ');
        }
        out.push('}', '');
        slots.push(out.length, '');
      },
      tail: (g, out) => out.push('', `main "$@"`),
    }),
  },
  powershell: {
    ext: ['ps1'], ...script({
      bc: ['<#', '#>'],
      strStmt: (g, s) => `$${g.var()} = "${s}"`,
      head: (g, out) => out.push('#Requires -Version 7', 'Set-StrictMode -Version Latest', '$ErrorActionPreference = "Stop"', ''),
      unit: (g, out, slots) => {
        const { r } = g;
        out.push('<#', '.SYNOPSIS', `    ${g.sentence()}`, '#>', `function ${cap(g.verb())}-${g.pascal()} {`, '    param(', `        [string]$${cap(g.noun())},`, `        [int]$${cap(g.noun())} = ${g.num()}`, '    )');
        slots.push(out.length, '    ');
        for (let i = r.int(2, 8); i > 0; i--) {
          const k = r.int(0, 3);
          if (k <= 1) out.push(`    $${g.var()} = Invoke-RestMethod -Uri "${g.str()}" -Method ${r.pick(['Get', 'Post'])}`);
          else if (k === 2) out.push(`    if (-not $${g.var()}) { throw "${g.str()}" }`);
          else out.push(`    # ${g.sentence()}`);
          slots.push(out.length, '    ');
        }
        out.push('}', '');
        slots.push(out.length, '');
      },
    }),
  },
  r: {
    ext: ['R', 'r'], ...script({
      indent: '  ',
      strStmt: (g, s) => `${g.svar()} <- "${s}"`,
      head: (g, out) => { for (let i = g.r.int(1, 5); i > 0; i--) out.push(`library(${g.r.pick(['dplyr', 'ggplot2', 'tidyr', 'readr', 'purrr'])})`); out.push(''); },
      unit: (g, out, slots) => {
        const { r } = g;
        if (r.chance(0.5)) out.push(`#' ${g.sentence()}`);
        out.push(`${g.snake()} <- function(${g.svar()}, ${g.svar()} = ${g.num()}) {`);
        slots.push(out.length, '  ');
        for (let i = r.int(2, 9); i > 0; i--) {
          const k = r.int(0, 3);
          if (k <= 1) out.push(`  ${g.svar()} <- ${g.svar()} %>% filter(${g.noun()} > ${g.num()}) %>% mutate(${g.noun()} = "${g.str()}")`);
          else if (k === 2) out.push(`  if (is.null(${g.svar()})) stop("${g.str()}")`);
          else out.push(`  # ${g.sentence()}`);
          slots.push(out.length, '  ');
        }
        out.push(`  ${g.svar()}`, '}', '');
        slots.push(out.length, '');
      },
    }),
  },
  haskell: {
    ext: ['hs'], ...script({
      lc: '--', bc: ['{-', '-}'], indent: '  ',
      strStmt: (g, s) => `${g.var()} = "${s}"`,
      head: (g, out) => {
        out.push(`module Acme.${g.pascal()}`, `  ( ${g.camel()}`, `  , ${g.pascal()}(..)`, '  ) where', '');
        for (let i = g.r.int(2, 7); i > 0; i--) out.push(`import ${g.r.pick(['qualified Data.Map.Strict as Map', 'Data.Text (Text)', 'Control.Monad', 'Acme.' + g.pascal()])}`);
        out.push('');
      },
      unit: (g, out, slots) => {
        const { r } = g;
        const f = g.camel();
        if (r.chance(0.5)) out.push(`-- | ${g.sentence()}`);
        out.push(`${f} :: ${g.pascal()} -> ${g.pascal()} -> Either Text ${g.pascal()}`, `${f} ${g.var()} ${g.var()}`);
        out.push(`  | ${g.var()} < ${g.num()} = Left "${g.str()}"`, `  | otherwise = do`);
        slots.push(out.length, '      ');
        for (let i = r.int(2, 8); i > 0; i--) {
          out.push(r.chance(0.8) ? `      ${g.var()} <- ${g.camel()} ${g.var()} ${g.var()}` : `      -- ${g.sentence()}`);
          slots.push(out.length, '      ');
        }
        out.push(`      pure ${g.var()}`, '');
        slots.push(out.length, '');
      },
    }),
  },
  erlang: {
    ext: ['erl', 'hrl'], ...script({
      lc: '%',
      strStmt: (g, s) => `${cap(g.var())} = "${s}",`,
      head: (g, out) => out.push(`-module(${g.snake()}).`, `-behaviour(gen_server).`, `-export([${g.snake()}/2, ${g.snake()}/1]).`, `-include("${g.noun()}.hrl").`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        const f = g.snake();
        if (r.chance(0.5)) out.push(`%% @doc ${g.sentence()}`);
        out.push(`${f}(${cap(g.var())}, ${cap(g.var())}) ->`);
        slots.push(out.length, '    ');
        for (let i = r.int(2, 8); i > 0; i--) {
          out.push(r.chance(0.8) ? `    ${cap(g.var())} = ${g.snake()}:${g.snake()}(${cap(g.var())}, <<"${g.str()}">>),` : `    % ${g.sentence()}`);
          slots.push(out.length, '    ');
        }
        out.push(`    {ok, ${cap(g.var())}}.`, '');
        slots.push(out.length, '');
      },
    }),
  },
  clojure: {
    ext: ['clj', 'cljs'], ...script({
      lc: ';', indent: '  ',
      strStmt: (g, s) => `(def ${g.kebab()} "${s}")`,
      head: (g, out) => out.push(`(ns acme.${g.noun()}.${g.noun()}`, `  (:require [clojure.string :as str]`, `            [acme.${g.noun()} :as ${g.noun()}]))`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        if (r.chance(0.4)) out.push(`;; ${g.sentence()}`);
        out.push(`(defn ${g.kebab()}`, `  "${g.sentence()}"`, `  [${g.kebab()} ${g.kebab()}]`, `  (let [${g.kebab()} (${g.noun()}/${g.kebab()} ${g.kebab()})`);
        slots.push(out.length, '        ');
        for (let i = r.int(1, 6); i > 0; i--) {
          out.push(r.chance(0.85) ? `        ${g.kebab()} (get ${g.kebab()} :${g.noun()} "${g.str()}")` : `        ;; ${g.sentence()}`);
          slots.push(out.length, '        ');
        }
        out.push(`    (assoc ${g.kebab()} :${g.noun()} ${g.kebab()})))`, '');
        slots.push(out.length, '');
      },
    }),
  },
  yaml: {
    ext: ['yaml', 'yml'], ...script({
      indent: '  ',
      strStmt: (g, s) => `${g.svar()}: "${s}"`,
      head: (g, out) => out.push(`# ${g.sentence()}`, `version: "${g.r.int(1, 3)}"`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        out.push(`${g.svar()}:`);
        slots.push(out.length, '  ');
        for (let i = r.int(2, 8); i > 0; i--) {
          const k = r.int(0, 4);
          if (k <= 1) out.push(`  ${g.svar()}: ${r.chance(0.5) ? g.num() : `"${g.str()}"`}`);
          else if (k === 2) out.push(`  ${g.svar()}:`, `    - name: ${g.kebab()}`, `      ${r.pick(['image', 'run', 'uses', 'value'])}: ${g.str()}`);
          else if (k === 3) out.push(`  # ${g.sentence()}`);
          else out.push(`  ${g.svar()}: ${r.pick(['true', 'false', 'null'])}`);
          slots.push(out.length, '  ');
        }
        out.push('');
        slots.push(out.length, '');
      },
    }),
  },
  toml: {
    ext: ['toml'], ...script({
      strStmt: (g, s) => `${g.svar()} = "${s}"`,
      head: (g, out) => out.push(`# ${g.sentence()}`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        out.push(`[${g.svar()}${r.chance(0.4) ? '.' + g.svar() : ''}]`);
        slots.push(out.length, '');
        for (let i = r.int(2, 8); i > 0; i--) {
          out.push(r.chance(0.85) ? `${g.svar()} = ${r.chance(0.5) ? `"${g.str()}"` : g.num()}` : `# ${g.sentence()}`);
          slots.push(out.length, '');
        }
        out.push('');
      },
    }),
  },
  ini: {
    ext: ['ini', 'cfg'], ...script({
      lc: ';',
      strStmt: (g, s) => `${g.svar()} = ${s}`,
      head: (g, out) => out.push(`; ${g.sentence()}`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        out.push(`[${g.svar()}]`);
        slots.push(out.length, '');
        for (let i = r.int(2, 8); i > 0; i--) {
          out.push(r.chance(0.85) ? `${g.svar()} = ${r.chance(0.5) ? g.str() : g.num()}` : `${r.pick([';', '#'])} ${g.sentence()}`);
          slots.push(out.length, '');
        }
        out.push('');
      },
    }),
  },
  sql: {
    ext: ['sql'], ...script({
      lc: '--', bc: ['/*', '*/'], indent: '  ',
      strStmt: (g, s) => `INSERT INTO ${g.svar()} (${g.noun()}) VALUES ('${s}');`,
      head: (g, out) => out.push(`-- ${g.sentence()}`, 'BEGIN;', ''),
      unit: (g, out, slots) => {
        const { r } = g;
        const t = g.svar() + 's';
        if (r.chance(0.5)) {
          out.push(`CREATE TABLE IF NOT EXISTS ${t} (`, '  id BIGSERIAL PRIMARY KEY,');
          for (let i = r.int(2, 9); i > 0; i--) out.push(`  ${g.svar()}_${g.noun()} ${r.pick(['TEXT', 'INTEGER', 'TIMESTAMPTZ', 'BOOLEAN', 'NUMERIC(12, 2)'])}${r.chance(0.3) ? ' NOT NULL' : ''},`);
          out.push(`  created_at TIMESTAMPTZ NOT NULL DEFAULT now()`, ');', `CREATE INDEX ${t}_${g.noun()}_idx ON ${t} (${g.noun()});`, '');
        } else {
          out.push(`SELECT ${g.noun()}.id, ${g.noun()}.${g.noun()}, count(*) AS ${g.noun()}_count`, `FROM ${t} ${g.noun()}`, `JOIN ${g.svar()}s ${g.noun()} ON ${g.noun()}.id = ${g.noun()}.${g.noun()}_id`, `WHERE ${g.noun()}.status = '${g.r.pick(ADJS)}'`, `GROUP BY 1, 2`, `ORDER BY 3 DESC;`, '');
        }
        slots.push(out.length, '');
      },
      tail: (g, out) => out.push('COMMIT;'),
    }),
  },
  dockerfile: {
    names: ['Dockerfile'], ext: [], ...script({
      strStmt: (g, s) => `ENV ${g.svar().toUpperCase()}="${s}"`,
      head: (g, out) => out.push(`# syntax=docker/dockerfile:1`, `FROM ${g.r.pick(['node:20-slim', 'python:3.12-slim', 'golang:1.22', 'eclipse-temurin:21'])} AS build`, 'WORKDIR /app'),
      unit: (g, out, slots) => {
        const { r } = g;
        for (let i = r.int(2, 6); i > 0; i--) {
          out.push(r.pick([`COPY ${g.noun()}/ ./${g.noun()}/`, `RUN ${r.pick(['npm ci', 'pip install -r requirements.txt', 'go build ./...', 'apt-get update && apt-get install -y ' + g.noun()])}`, `ENV ${g.noun().toUpperCase()}_${g.noun().toUpperCase()}=${g.num()}`, `# ${g.sentence()}`, `EXPOSE ${r.int(3000, 9000)}`]));
          slots.push(out.length, '');
        }
      },
      tail: (g, out) => out.push(`CMD ["${g.noun()}", "--${g.noun()}"]`),
    }),
  },
  makefile: {
    names: ['Makefile'], ext: ['mk'], ...script({
      indent: '\t',
      strStmt: (g, s) => `${g.svar().toUpperCase()} ?= "${s}"`,
      head: (g, out) => out.push(`.PHONY: all ${g.noun()} ${g.noun()}`, `${g.noun().toUpperCase()} ?= ${g.noun()}`, '', 'all: build'),
      unit: (g, out, slots) => {
        const { r } = g;
        out.push('', `${g.kebab()}: ${g.kebab()}`);
        slots.push(out.length - 1, '');
        for (let i = r.int(1, 5); i > 0; i--) out.push(`\t${r.pick(['$(GO) build', 'npm run', 'docker build -t', 'python -m'])} ${g.str()} $(${g.noun().toUpperCase()})`);
      },
    }),
  },
  terraform: {
    ext: ['tf'], ...script({
      indent: '  ',
      strStmt: (g, s) => `locals { ${g.svar()} = "${s}" }`,
      head: (g, out) => out.push(`# ${g.sentence()}`, ''),
      unit: (g, out, slots) => {
        const { r } = g;
        out.push(`resource "${r.pick(['aws_s3_bucket', 'aws_iam_role', 'google_compute_instance', 'kubernetes_deployment', 'aws_lambda_function'])}" "${g.svar()}" {`);
        slots.push(out.length, '  ');
        for (let i = r.int(2, 8); i > 0; i--) {
          const k = r.int(0, 4);
          if (k <= 2) out.push(`  ${g.svar()} = ${r.chance(0.5) ? `"${g.str()}"` : `var.${g.svar()}`}`);
          else if (k === 3) out.push(`  tags = {`, `    Team = "${g.noun()}"`, `  }`);
          else out.push(`  ${r.pick(['#', '//'])} ${g.sentence()}`);
          slots.push(out.length, '  ');
        }
        out.push('}', '');
        slots.push(out.length, '');
      },
    }),
  },
  css: {
    ext: ['css', 'less'], lc: null, bc: ['/*', '*/'], indent: '  ',
    str: (g, ind, s) => `${ind}.${g.kebab()}::after { content: "${s}"; }`,
    head: (g, out) => out.push(`/* ${g.sentence()} */`, ''),
    unit: (g, out, slots) => cssUnit(g, out, slots),
  },
  scss: {
    ext: ['scss'], lc: '//', bc: ['/*', '*/'], indent: '  ',
    str: (g, ind, s) => `${ind}$${g.kebab()}: "${s}";`,
    head: (g, out) => out.push(`@use "${g.noun()}" as *;`, `$${g.kebab()}: ${g.r.int(2, 40)}px;`, ''),
    unit: (g, out, slots) => cssUnit(g, out, slots, true),
  },
  markdown: {
    ext: ['md'], lc: null, bc: ['<!--', '-->'], indent: '',
    str: (g, ind, s) => `The \`${s}\` marker in the ${g.noun()} column is only a label.`,
    head: (g, out) => out.push(`# ${cap(g.noun())} ${g.noun()}`, '', g.sentence() + ' ' + g.sentence(), ''),
    unit: (g, out, slots) => {
      const { r } = g;
      out.push(`## ${cap(g.verb())} the ${g.noun()}`, '');
      slots.push(out.length, '');
      for (let i = r.int(1, 4); i > 0; i--) {
        const k = r.int(0, 3);
        if (k === 0) out.push(`- ${g.sentence()}`, `- ${g.sentence()}`, `- \`${g.camel()}()\` ${g.sentence()}`);
        else if (k === 1) out.push('```sh', `npm run ${g.kebab()} -- --${g.noun()}`, '```');
        else out.push(`${g.sentence()} ${g.sentence()} ${g.sentence()}`);
        out.push('');
        slots.push(out.length, '');
      }
    },
  },
  json: {
    ext: ['json'], lc: null, bc: null, indent: '  ',
    str: (g, ind, s) => `  "${g.noun()}": "${s}",`,
    head: (g, out) => out.push('{', `  "name": "${g.kebab()}",`),
    unit: (g, out) => { out.push(`  "${g.noun()}${g.r.int(0, 1e6)}": {`, `    "${g.noun()}": "${g.str()}",`, `    "${g.noun()}": ${g.num()}`, '  },'); },
    tail: (g, out) => out.push('  "end": true', '}'),
  },
};

function cssUnit(g, out, slots, scss) {
  const { r } = g;
  if (r.chance(0.3)) out.push(scss && r.chance(0.5) ? `// ${g.sentence()}` : `/* ${g.sentence()} */`);
  out.push(`.${g.kebab()}${r.chance(0.4) ? ' .' + g.kebab() : ''}${r.chance(0.3) ? ':hover' : ''} {`);
  slots.push(out.length, '  ');
  for (let i = r.int(2, 9); i > 0; i--) {
    out.push(`  ${r.pick(['color', 'margin', 'padding', 'display', 'font-size', 'border', 'background', 'gap', 'width'])}: ${r.pick(['var(--' + g.kebab() + ')', r.int(0, 48) + 'px', 'flex', 'none', '#' + r.int(0x100000, 0xffffff).toString(16), '1rem auto', scss ? '$' + g.kebab() : 'inherit'])};`);
    slots.push(out.length, '  ');
  }
  if (scss && r.chance(0.3)) out.push(`  &__${g.noun()} {`, `    @include ${g.kebab()};`, '  }');
  out.push('}', '');
  slots.push(out.length, '');
}

/** HTML-ish (html, vue, svelte): markup with a script and a style part, each in its own syntax. */
function markupFile(g, lang, target, tags, decoys) {
  const out = [];
  const parts = [];
  const { r } = g;
  const add = (text) => { out.push(text); };
  const scriptLang = lang === 'html' ? 'javascript' : 'typescript';
  const budget = Math.max(400, target);
  // markup part
  const markup = [];
  const markupSlots = [];
  if (lang === 'html') markup.push('<!DOCTYPE html>', '<html lang="en">', '<head>', `  <meta charset="utf-8">`, `  <title>${cap(g.noun())} ${g.noun()}</title>`, '</head>', '<body>');
  else markup.push('<template>');
  let size = 0;
  while (size < budget * 0.45) {
    const n = [`  <section class="${g.kebab()}">`, `    <h2>${cap(g.verb())} the ${g.noun()}</h2>`, `    <${g.r.chance(0.5) ? 'p' : 'div'} class="${g.kebab()}">${g.sentence()}</${g.r.chance(0.5) ? 'p' : 'div'}>`.replace(/<\/(p|div)>$/, (m) => m), `    <button type="button" ${lang === 'vue' ? '@click' : lang === 'svelte' ? 'on:click' : 'onclick'}="${g.camel()}">${cap(g.verb())}</button>`];
    if (r.chance(0.3)) n.push(`    <!-- ${g.sentence()} -->`);
    n.push('  </section>');
    for (const l of n) size += l.length + 1;
    markup.push(...n);
    markupSlots.push(markup.length, '  ');
  }
  if (lang === 'html') markup.push('</body>', '</html>'); else markup.push('</template>');
  const htmlSpec = { lc: null, bc: ['<!--', '-->'], str: (g2, ind, s) => `${ind}<input placeholder="${s}">` };
  placeAnnotations(g, htmlSpec, markup, markupSlots, Math.ceil(tags / 3), decoys);
  parts.push(markup);
  // script part
  const spec = LANGS[scriptLang];
  const script = [lang === 'vue' ? '<script setup lang="ts">' : lang === 'svelte' ? '<script lang="ts">' : '<script>'];
  const scriptSlots = [];
  const sBody = [];
  const sSlots = [];
  spec.head(g, sBody);
  let ssize = 0;
  while (ssize < budget * 0.35) {
    const before = sBody.length;
    spec.unit(g, sBody, sSlots);
    for (let i = before; i < sBody.length; i++) ssize += sBody[i].length + 1;
  }
  placeAnnotations(g, spec, sBody, sSlots, tags - Math.ceil(tags / 3), decoys);
  script.push(...sBody, '</script>');
  void scriptSlots;
  // style part
  const style = [lang === 'vue' ? '<style scoped lang="scss">' : '<style>'];
  const stBody = [];
  let stsize = 0;
  while (stsize < budget * 0.2) {
    const before = stBody.length;
    cssUnit(g, stBody, [], lang === 'vue');
    for (let i = before; i < stBody.length; i++) stsize += stBody[i].length + 1;
  }
  style.push(...stBody, '</style>');
  if (lang === 'html') {
    // scripts and styles go inside the document
    const end = markup.lastIndexOf('</body>');
    markup.splice(end, 0, ...style, ...script);
    add(markup.join('\n'));
  } else {
    add([...script, '', ...markup, '', ...style].join('\n'));
  }
  return out.join('\n') + '\n';
}
for (const lang of ['html', 'vue', 'svelte']) LANGS[lang] = { ext: [lang === 'html' ? 'html' : lang], markup: true };

/** Inserts `tags` annotations and (when asked) a few decoys at random slots of `out`. */
function placeAnnotations(g, spec, out, slots, tags, decoys) {
  const n = slots.length / 2;
  if (!n || (!tags && !decoys)) return 0;
  const inserts = [];
  const { r } = g;
  for (let t = 0; t < tags; t++) {
    const s = r.int(0, n - 1);
    const at = slots[2 * s], ind = slots[2 * s + 1];
    const text = annotationText(g);
    inserts.push([at, commentLines(g, spec, ind, text)]);
  }
  if (decoys) {
    const d = r.int(1, 3);
    for (let i = 0; i < d; i++) {
      const s = r.int(0, n - 1);
      const at = slots[2 * s], ind = slots[2 * s + 1];
      if (r.chance(0.6) && spec.str) inserts.push([at, [spec.str(g, ind, decoyString(g))]]);
      else if (spec.lc || spec.bc) inserts.push([at, commentLines(g, spec, ind, [decoyCommentText(g)])]);
    }
  }
  inserts.sort((a, b) => b[0] - a[0]);
  for (const [at, lines] of inserts) out.splice(at, 0, ...lines);
  return tags;
}

function commentLines(g, spec, ind, text) {
  const { r } = g;
  if (spec.lc && (!spec.bc || r.chance(0.85))) return text.map((t) => `${ind}${spec.lc} ${t}`);
  if (!spec.bc) return [];
  const [o, c] = spec.bc;
  if (text.length === 1) return [`${ind}${o} ${text[0]} ${c}`];
  if (o === '/*') return [`${ind}/*`, ...text.map((t) => `${ind} * ${t}`), `${ind} */`];
  return [`${ind}${o}`, ...text.map((t) => `${ind}  ${t}`), `${ind}${c}`];
}

/** The content of one file of `lang`, about `target` bytes, with `tags` annotations. */
export function generateFile(g, lang, target, tags = 0, decoys = false) {
  gPickR = g.r;
  const spec = LANGS[lang];
  if (spec.markup) return markupFile(g, lang, target, tags, decoys);
  const out = [];
  const slots = [];
  if (spec.head) spec.head(g, out);
  let size = 0;
  for (const l of out) size += l.length + 1;
  slots.push(out.length, '');
  while (size < target) {
    const before = out.length;
    spec.unit(g, out, slots);
    for (let i = before; i < out.length; i++) size += out[i].length + 1;
    if (out.length === before) break;
  }
  if (spec.tail) spec.tail(g, out);
  placeAnnotations(g, spec, out, slots, tags, decoys);
  return out.join('\n') + '\n';
}

/** A TypeScript document of exactly `lines` lines with `tags` annotations (the one-document benchmark). */
export function generateDocument(seed, lines = 2000, tags = 20, lang = 'typescript') {
  const g = makeCtx(rng(seed));
  gPickR = g.r;
  const spec = LANGS[lang];
  const out = [];
  const slots = [];
  spec.head(g, out);
  while (out.length < lines * 1.2) spec.unit(g, out, slots);
  // keep slots inside the first `lines - tags*3` lines so annotations survive the cut
  const keep = [];
  for (let i = 0; i < slots.length; i += 2) if (slots[i] < lines - tags * 4) keep.push(slots[i], slots[i + 1]);
  placeAnnotations(g, spec, out, keep, tags, true);
  return out.slice(0, lines).join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// The tree: projects (each with a main language and the files around it) under a monorepo.

const PROJECT_KINDS = {
  // kind: [weight, { lang: weight }]
  'ts-service': [16, { typescript: 80, javascript: 5, json: 4, yaml: 3, markdown: 3, sql: 3, shellscript: 2 }],
  react: [12, { typescriptreact: 45, typescript: 30, css: 7, scss: 8, javascript: 3, javascriptreact: 3, json: 2, markdown: 2 }],
  vue: [3, { vue: 50, typescript: 35, scss: 10, css: 3, json: 2 }],
  svelte: [1.5, { svelte: 55, typescript: 35, css: 10 }],
  'js-legacy': [4, { javascript: 60, javascriptreact: 15, html: 10, css: 10, json: 5 }],
  python: [13, { python: 85, yaml: 4, toml: 2, ini: 2, sql: 3, markdown: 2, shellscript: 2 }],
  go: [8, { go: 88, yaml: 4, sql: 3, markdown: 2, shellscript: 2, makefile: 1 }],
  java: [8, { java: 90, yaml: 4, sql: 3, markdown: 1, html: 2 }],
  kotlin: [3.5, { kotlin: 90, yaml: 5, markdown: 2, sql: 3 }],
  scala: [1.5, { scala: 92, yaml: 3, markdown: 2, sql: 3 }],
  rust: [4.5, { rust: 90, toml: 4, markdown: 3, yaml: 3 }],
  cpp: [4, { cpp: 75, c: 15, markdown: 3, shellscript: 3, yaml: 4 }],
  c: [2.5, { c: 90, shellscript: 4, markdown: 3, makefile: 3 }],
  csharp: [5, { csharp: 90, json: 4, yaml: 3, powershell: 3 }],
  swift: [2.5, { swift: 93, markdown: 3, yaml: 4 }],
  ruby: [3.5, { ruby: 85, yaml: 6, html: 3, sql: 3, markdown: 3 }],
  php: [3.5, { php: 75, html: 6, css: 5, javascript: 8, sql: 3, markdown: 3 }],
  elixir: [1.2, { elixir: 92, markdown: 3, yaml: 5 }],
  erlang: [0.5, { erlang: 95, markdown: 5 }],
  haskell: [0.6, { haskell: 92, yaml: 5, markdown: 3 }],
  clojure: [0.5, { clojure: 95, markdown: 5 }],
  dart: [1.5, { dart: 90, yaml: 6, markdown: 4 }],
  lua: [0.7, { lua: 95, markdown: 5 }],
  r: [0.6, { r: 90, markdown: 10 }],
  infra: [2.5, { terraform: 45, yaml: 30, shellscript: 10, powershell: 5, ini: 3, toml: 3, markdown: 4 }],
  docs: [1.5, { markdown: 80, html: 5, css: 5, yaml: 10 }],
};
const PROJECT_ROOTS = { 'ts-service': 'services', react: 'apps', vue: 'apps', svelte: 'apps', 'js-legacy': 'legacy', infra: 'infra', docs: 'docs' };
const SRC_LAYOUT = {
  java: (g) => `src/main/java/com/acme/${g.noun()}`,
  kotlin: (g) => `src/main/kotlin/com/acme/${g.noun()}`,
  scala: (g) => `src/main/scala/com/acme/${g.noun()}`,
  go: () => 'internal',
  rust: () => 'src',
  python: (g) => g.noun(),
  csharp: (g) => `src/Acme.${g.pascal()}`,
  elixir: (g) => `lib/${g.noun()}`,
  erlang: () => 'src',
  haskell: () => 'src/Acme',
  ruby: () => 'app',
  php: () => 'app',
  swift: (g) => `Sources/${g.pascal()}`,
  dart: () => 'lib',
  clojure: (g) => `src/acme/${g.noun()}`,
};

const DIR_NAMES = 'api core utils lib components hooks models views controllers services handlers store internal common shared config domain adapters routes middleware db migrations jobs workers auth billing search reports admin ui pages features widgets helpers tests fixtures integration e2e cmd pkg server client proto types schemas events queue cache metrics telemetry'.split(' ');
const BINARY_EXTS = ['png', 'jpg', 'ico', 'woff2', 'jar', 'pdf', 'gif', 'zip'];

function fileSize(r, lang) {
  let median = 2600;
  if (lang === 'yaml' || lang === 'toml' || lang === 'ini' || lang === 'json' || lang === 'dockerfile' || lang === 'makefile') median = 1200;
  else if (lang === 'markdown' || lang === 'shellscript' || lang === 'sql') median = 2000;
  let s = r.lognormal(median, 1.1);
  if (s > 100_000) s = 60_000 + r.f() * 50_000;
  return Math.max(120, Math.round(s));
}

/**
 * Builds the corpus into `dir` (removed first). Returns its stats.
 * `files` counts the files a scanner should look at (not ignored); ignored folders come on top.
 */
export function buildCorpus(dir, { seed = DEFAULT_SEED, files = DEFAULT_FILES, tagRate = DEFAULT_TAG_RATE, log = () => {} } = {}) {
  if (!isOurs(dir)) throw new Error(`${dir} is not empty and is not a benchmark corpus: refusing to delete it`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, BUILDING), '');
  const t0 = Date.now();
  const r = rng(seed);
  const g = makeCtx(r);
  const stats = { version: CORPUS_VERSION, seed, requestedFiles: files, files: 0, ignoredFiles: 0, bytes: 0, taggedFiles: 0, tags: 0, decoyFiles: 0, binaryFiles: 0, minifiedFiles: 0, dirs: 0, maxDepth: 0, byLanguage: {} };
  // Only recorded when not the default, so default corpora (and their stamps) stay as they were.
  if (tagRate !== DEFAULT_TAG_RATE) stats.tagRate = tagRate;
  const madeDirs = new Set();
  const ensureDir = (d) => {
    if (madeDirs.has(d)) return;
    mkdirSync(join(dir, d), { recursive: true });
    madeDirs.add(d);
    stats.dirs++;
    stats.maxDepth = Math.max(stats.maxDepth, d.split('/').length);
  };
  const usedNames = new Set();
  const write = (rel, content, ignored = false) => {
    if (usedNames.has(rel)) return false;
    usedNames.add(rel);
    ensureDir(dirname(rel));
    writeFileSync(join(dir, rel), content);
    const len = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
    stats.bytes += len;
    if (ignored) stats.ignoredFiles++;
    else stats.files++;
    return true;
  };
  const uniqueName = (folder, base, ext) => {
    let name = `${folder}/${base}.${ext}`;
    for (let i = 2; usedNames.has(name); i++) name = `${folder}/${base}${i}.${ext}`;
    return name;
  };
  const sourceFile = (folder, lang, ignored = false) => {
    const spec = LANGS[lang];
    const ext = spec.ext.length ? r.pick(spec.ext) : null;
    let rel;
    if (!ext) rel = `${folder}/${spec.names[0]}`;
    else {
      const base = /^(java|kotlin|scala|csharp|swift|dart|haskell)$/.test(lang) || lang === 'typescriptreact' || lang === 'vue' || lang === 'svelte' || lang === 'javascriptreact'
        ? g.pascal()
        : lang === 'python' || lang === 'ruby' || lang === 'rust' || lang === 'elixir' || lang === 'erlang' || lang === 'c' || lang === 'cpp' || lang === 'r' || lang === 'lua' || lang === 'sql'
          ? g.snake()
          : r.chance(0.5) ? g.kebab() : g.camel();
      rel = uniqueName(folder, (lang === 'sql' && r.chance(0.5) ? String(r.int(1, 400)).padStart(4, '0') + '_' : '') + base, ext);
    }
    const tagged = !ignored && (spec.markup || spec.lc || spec.bc) && r.chance(tagRate);
    const tags = tagged ? (r.chance(0.75) ? r.int(1, 2) : r.chance(0.85) ? r.int(3, 6) : r.int(7, 20)) : 0;
    const decoys = r.chance(0.012);
    const content = generateFile(g, lang, fileSize(r, lang), tags, decoys);
    if (!write(rel, content, ignored)) return;
    if (!ignored) {
      if (tags) { stats.taggedFiles++; stats.tags += tags; }
      if (decoys) stats.decoyFiles++;
      stats.byLanguage[lang] = (stats.byLanguage[lang] ?? 0) + 1;
    }
  };
  const binaryFile = (folder, ignored = false) => {
    const ext = r.pick(BINARY_EXTS);
    const n = r.int(500, 60_000);
    const buf = Buffer.alloc(n);
    for (let i = 0; i < n; i++) buf[i] = r.chance(0.1) ? 0 : (r.f() * 256) | 0;
    if (write(uniqueName(folder, g.kebab(), ext), buf, ignored) && !ignored) stats.binaryFiles++;
  };
  const minifiedFile = (folder) => {
    const parts = [];
    let size = 0;
    const target = r.int(20_000, 110_000);
    while (size < target) {
      const p = `function ${g.r.pick('abcdefghijklmnop')}${r.int(0, 99)}(e,t){var n=e.${g.noun()}||"${g.str()}";return t?n+t.${g.noun()}:${g.num()}}`;
      parts.push(p);
      size += p.length;
    }
    if (write(uniqueName(folder, `${g.noun()}.min`, 'js'), `/*! ${g.noun()} v${r.int(1, 5)}.${r.int(0, 20)}.0 | MIT */\n!function(){${parts.join(';')}}();\n`)) stats.minifiedFiles++;
  };

  // a folder and its subfolders, holding `budget` files of the project's languages
  const fillDir = (folder, budget, langs, depth) => {
    let here = Math.min(budget, r.int(10, 30));
    if (budget - here < 10) here = budget;
    for (let i = 0; i < here; i++) {
      if (r.chance(0.004)) binaryFile(folder);
      else sourceFile(folder, r.weighted(langs));
    }
    let rest = budget - here;
    if (rest <= 0) return;
    // a few deep chains
    if (depth < 6 && r.chance(0.02)) {
      let deep = folder;
      for (let i = r.int(4, 9); i > 0; i--) deep += '/' + r.pick(DIR_NAMES);
      const take = Math.min(rest, r.int(5, 20));
      fillDir(deep, take, langs, depth + 8);
      rest -= take;
    }
    const subs = Math.max(1, Math.min(r.int(1, 4), Math.ceil(rest / 35)));
    const names = new Set();
    for (let i = 0; i < subs && rest > 0; i++) {
      let name = r.pick(DIR_NAMES);
      while (names.has(name)) name = r.pick(DIR_NAMES) + (r.chance(0.5) ? '-' + g.noun() : '');
      names.add(name);
      const share = i === subs - 1 ? rest : Math.max(10, Math.round(((rest * (0.5 + r.f())) / (subs - i))));
      const take = Math.min(rest, share);
      fillDir(`${folder}/${name}`, take, langs, depth + 1);
      rest -= take;
    }
  };

  const rootGitignore = ['node_modules/', 'dist/', 'build/', 'target/', 'coverage/', '__pycache__/', '*.pyc', '.venv/', '*.log', '.paydown/cache/', '.DS_Store', ''].join('\n');
  write('.gitignore', rootGitignore);
  write('README.md', generateFile(g, 'markdown', 4000));
  write('Makefile', generateFile(g, 'makefile', 1500));
  const projectNames = new Set();
  let projectIndex = 0;
  while (stats.files < files) {
    const kind = r.weighted(Object.fromEntries(Object.entries(PROJECT_KINDS).map(([k, v]) => [k, v[0]])));
    const langs = PROJECT_KINDS[kind][1];
    const main = Object.keys(langs)[0];
    let name = g.kebab();
    while (projectNames.has(name)) name = g.kebab() + '-' + ++projectIndex;
    projectNames.add(name);
    const rootDir = PROJECT_ROOTS[kind] ?? r.pick(['packages', 'services', 'libs', 'tools']);
    const proj = `${rootDir}/${name}`;
    const size = Math.min(files - stats.files, Math.max(8, Math.round(r.lognormal(150, 1.0))), 3000);
    // project root: readme, build files, configs
    sourceFile(proj, 'markdown');
    if (r.chance(0.5)) sourceFile(proj, 'dockerfile');
    if (r.chance(0.35)) sourceFile(proj, 'makefile');
    if (r.chance(0.3)) sourceFile(proj, 'yaml');
    if (r.chance(0.15)) write(`${proj}/.github/workflows/ci.yml`, generateFile(g, 'yaml', 1500));
    if (r.chance(0.25)) write(`${proj}/.gitignore`, ['generated/', '*.tmp', 'out/', ''].join('\n'));
    const src = SRC_LAYOUT[main] ? SRC_LAYOUT[main](g) : 'src';
    fillDir(`${proj}/${src}`, Math.max(1, size - 4), langs, 1);
    if (r.chance(0.05)) minifiedFile(`${proj}/${r.pick(['vendor', 'static/vendor', 'public/js'])}`);
    // ignored folders: dependencies and build output
    if (/^(ts-service|react|vue|svelte|js-legacy)$/.test(kind) && r.chance(0.35)) {
      for (let p = r.int(2, 8); p > 0; p--) {
        const pkg = `${proj}/node_modules/${r.chance(0.3) ? '@' + g.noun() + '/' : ''}${g.kebab()}`;
        sourceFile(pkg, 'markdown', true);
        for (let i = r.int(3, 15); i > 0; i--) sourceFile(pkg + r.pick(['', '/lib', '/dist', '/src']), r.pick(['javascript', 'typescript', 'json']), true);
      }
    }
    if (r.chance(0.12)) for (let i = r.int(2, 10); i > 0; i--) sourceFile(`${proj}/${r.pick(['dist', 'build', 'target', 'coverage'])}`, main === 'markdown' ? 'html' : r.pick(['javascript', 'json', main]), true);
    if (kind === 'python' && r.chance(0.3)) for (let i = r.int(2, 8); i > 0; i--) binaryFile(`${proj}/${src}/__pycache__`, true);
    if (r.chance(0.03)) for (let i = r.int(1, 5); i > 0; i--) sourceFile(`${proj}/generated`, main, true);
  }
  stats.generateSeconds = (Date.now() - t0) / 1000;
  log(`  wrote ${stats.files.toLocaleString()} files (+${stats.ignoredFiles} ignored), ${(stats.bytes / 1048576).toFixed(0)} MB in ${stats.generateSeconds.toFixed(1)} s; committing…`);
  rmSync(join(dir, BUILDING));
  const t1 = Date.now();
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 26 });
  git('init', '-q');
  git('config', 'user.name', 'Paydown Bench');
  git('config', 'user.email', 'bench@paydown.invalid');
  git('config', 'core.looseCompression', '1');
  git('config', 'gc.auto', '0');
  git('add', '-A');
  git('-c', 'commit.gpgsign=false', 'commit', '-q', '-m', `Benchmark corpus v${CORPUS_VERSION} (seed ${seed})`);
  stats.gitSeconds = (Date.now() - t1) / 1000;
  stats.totalSeconds = (Date.now() - t0) / 1000;
  writeFileSync(join(dir, STAMP), JSON.stringify(stats, null, 2) + '\n');
  return stats;
}

/** The stats of a complete corpus in `dir`, or null when it is missing or incomplete. */
export function readCorpusStamp(dir) {
  const stamp = join(dir, STAMP);
  if (!existsSync(stamp)) return null;
  try {
    const stats = JSON.parse(readFileSync(stamp, 'utf8'));
    return stats.version === CORPUS_VERSION ? stats : null;
  } catch {
    return null;
  }
}

/** True when `dir` is missing, empty, or a (complete or half-built) benchmark corpus. */
export function isOurs(dir) {
  if (!existsSync(dir)) return true;
  if (existsSync(join(dir, BUILDING)) || existsSync(join(dir, STAMP))) return true;
  return readdirSync(dir).length === 0;
}

/**
 * The corpus in `dir`, built unless a complete one is there already. A folder that is not a
 * benchmark corpus (someone's real workspace passed as --corpus) is used as it is: stats null.
 */
export function ensureCorpus(dir, options = {}) {
  if (!isOurs(dir)) return { dir, stats: null, reused: true, foreign: true };
  const existing = !options.force && readCorpusStamp(dir);
  const sameRate = (existing?.tagRate ?? DEFAULT_TAG_RATE) === (options.tagRate ?? DEFAULT_TAG_RATE);
  if (existing && sameRate && (options.files === undefined || existing.requestedFiles === options.files) && (options.seed === undefined || existing.seed === options.seed)) {
    return { dir, stats: existing, reused: true };
  }
  return { dir, stats: buildCorpus(dir, options), reused: false };
}

// CLI
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
  };
  const seed = arg('--seed', DEFAULT_SEED);
  const files = Number(arg('--files', DEFAULT_FILES));
  const tagRate = Number(arg('--tag-rate', DEFAULT_TAG_RATE));
  const dir = arg('--dir', defaultCorpusDir(seed, files, tagRate));
  const force = process.argv.includes('--force');
  console.log(`corpus: ${dir}`);
  const { stats, reused, foreign } = ensureCorpus(dir, { seed, files, tagRate, force, log: console.log });
  if (foreign) {
    console.error(`  ${dir} is not empty and is not a benchmark corpus: left alone`);
    process.exit(2);
  }
  console.log(reused ? '  (reused: complete corpus already there)' : `  built in ${stats.totalSeconds.toFixed(1)} s (git ${stats.gitSeconds.toFixed(1)} s)`);
  console.log(`  ${stats.files.toLocaleString()} files (+${stats.ignoredFiles} ignored), ${(stats.bytes / 1048576).toFixed(0)} MB, ${stats.taggedFiles} tagged files (${((100 * stats.taggedFiles) / stats.files).toFixed(1)}%), ${stats.tags} tags, ${stats.decoyFiles} files with decoys, ${stats.binaryFiles} binary, ${stats.minifiedFiles} minified, ${stats.dirs} folders, max depth ${stats.maxDepth}`);
}
