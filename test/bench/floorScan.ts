// The floor under Paydown's scan design, for `npm run bench -- --only floor` (floor.mjs bundles
// this file and runs it as a whole process, as it runs the CLI). Two worker threads walk the tree
// with none of Paydown's walk: no ignore rules beyond `.git` and `node_modules`, no cache
// records, no language verdicts, no skip reasons; only readdir, open/read/close, a NUL check and
// one search per tag. Each file holding a tag's text goes to Paydown's own lexer and grammar
// (`scanDocument`) on the calling thread the way the scan hands them over: small files' bytes in
// batches as the walkers read them, large ones read again after the walk, smallest first. With
// `--no-lex` the candidates are only counted: a bare walk.
//
// With `--byte-lexer` the candidates go instead to a minimal lexer over their UTF-8 bytes (below):
// no file is decoded, and Paydown's grammar reads only the comments that hold a tag's text. It
// knows `//`, `/* */` or `#` comments and backslash-escaped quotes, nothing else, so its items are
// close to the real lexer's but not exact: it is a measure of what lexing bytes costs in plain
// JavaScript (docs/performance.md, eleventh pass), not a scanner.
//
// With `--on-walkers` each walker lexes the candidates it reads, at once, instead of handing them
// to the calling thread: Paydown's `scanDocument` there, or with `--byte-lexer` the byte lexer,
// whose tagged comments go to the calling thread's grammar. No candidate is read twice and no
// tail is left after the walk; each walker compiles its own lexer (thirteenth pass).
//
//   node floor-scan.cjs ROOT [--no-lex | [--byte-lexer] [--on-walkers]]   → one JSON line: { filesRead, candidates, items }
import { readFileSync, readdirSync, openSync, readSync, fstatSync, closeSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { DEFAULT_ANNOTATION_OPTIONS } from '../../src/engine/model';
import { prepareAnnotationOptions, scanDocument } from '../../src/engine/scanner/document';
import { parseAnnotations } from '../../src/engine/scanner/grammar';
import { languageForFile, type LanguageSpec } from '../../src/engine/scanner/languages';
import { LARGE_CANDIDATE } from '../../src/engine/scanner/walk';
import { v8TuningFlags } from '../../src/cli/v8Tuning';

const BATCH_BYTES = 1 << 20;
const BATCH_MS = 50;
const WALKERS = 2;

/** A comment that holds a tag's text, decoded by a walker's byte lexer for the calling thread's grammar. */
type TaggedComment = [file: string, text: string, block: boolean, marker: string, language: string];

interface Batch {
  /** With `--on-walkers`: items the walker's own `scanDocument` found, and the byte lexer's tagged comments. */
  items: number;
  comments: TaggedComment[];
  /** Candidates counted by a walker that lexed them itself. */
  lexedHere: number;
  files: string[];
  sizes: number[];
  bytes: Uint8Array | null;
  large: Array<[string, number]>;
  filesRead: number;
  done: boolean;
}

interface WalkerData {
  root: string;
  /** Folders two levels down, claimed one at a time through `next`. */
  folders: string[];
  /** Files and folders above them (the first walker reads these). */
  shallowFiles: string[];
  next: SharedArrayBuffer;
  index: number;
  /** `--on-walkers`: lex candidates here; with `byteLexer`, with the byte lexer. */
  onWalkers: boolean;
  byteLexer: boolean;
}

function main(): void {
  // The CLI's own V8 flags, set as it sets them: before anything else runs.
  for (const flag of v8TuningFlags(process.versions.v8)) setFlagsFromString(flag);
  const root = resolve(process.argv[2] ?? '.');
  const lex = !process.argv.includes('--no-lex');
  const byteLexer = process.argv.includes('--byte-lexer');
  const onWalkers = lex && process.argv.includes('--on-walkers');
  const folders: string[] = [];
  const shallowFiles: string[] = [];
  for (const top of entries(root)) {
    if (skipped(top)) continue;
    if (!top.isDirectory()) {
      if (top.isFile()) shallowFiles.push(top.name);
      continue;
    }
    for (const sub of entries(join(root, top.name))) {
      const rel = `${top.name}/${sub.name}`;
      if (sub.isDirectory() && !skipped(sub)) folders.push(rel);
      else if (sub.isFile()) shallowFiles.push(rel);
    }
  }
  const next = new SharedArrayBuffer(4);
  const large: Array<[string, number]> = [];
  let candidates = 0;
  let items = 0;
  let filesRead = 0;
  let running = WALKERS;
  const parse = (file: string, text: string): void => {
    items += scanDocument(text, { file }, compiled).items.length;
  };
  const parseComment = ([file, text, block, marker, language]: TaggedComment): void => {
    const contentEnd = block && text.endsWith('*/') ? text.length - 2 : text.length;
    const comment = { start: 0, end: text.length, contentStart: marker.length, contentEnd, block, marker, language };
    items += parseAnnotations(text, [comment], file, compiled).items.length;
  };
  const parseBytes = (file: string, bytes: Buffer): void => {
    for (const comment of taggedComments(file, bytes)) parseComment(comment);
  };
  for (let index = 0; index < WALKERS; index++) {
    const worker = new Worker(__filename, { workerData: { root, folders, shallowFiles, next, index, onWalkers, byteLexer } satisfies WalkerData, resourceLimits: { maxYoungGenerationSizeMb: 4 } });
    worker.on('error', (err) => {
      process.stderr.write(`floor scan: a walker failed: ${String(err)}\n`);
      process.exit(1);
    });
    worker.on('message', (batch: Batch) => {
      filesRead += batch.filesRead;
      candidates += batch.files.length + batch.large.length + batch.lexedHere;
      items += batch.items;
      for (const comment of batch.comments) parseComment(comment);
      const bytes = batch.bytes ? Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.length) : null;
      let at = 0;
      for (let i = 0; lex && i < batch.files.length; i++) {
        const size = batch.sizes[i]!;
        if (byteLexer) parseBytes(batch.files[i]!, bytes!.subarray(at, at + size));
        else parse(batch.files[i]!, bytes!.toString('utf8', at, at + size));
        at += size;
      }
      for (const entry of batch.large) large.push(entry);
      if (!batch.done || --running > 0) return;
      large.sort((a, b) => a[1] - b[1]);
      for (const [file] of lex ? large : []) {
        if (byteLexer) parseBytes(file, readFileSync(join(root, file)));
        else parse(file, readFileSync(join(root, file), 'utf8'));
      }
      process.stdout.write(`${JSON.stringify({ filesRead, candidates, items, lexed: lex, byteLexer, onWalkers })}\n`);
      process.exit(0);
    });
  }
}

function walk({ root, folders, shallowFiles, next, index, onWalkers, byteLexer }: WalkerData): void {
  const needles = tagNeedles;
  const prefix = `${root}/`;
  const claim = new Int32Array(next);
  let buf = Buffer.allocUnsafe(64 * 1024);
  let batch = fresh();
  let out = Buffer.allocUnsafeSlow(BATCH_BYTES);
  let outLength = 0;
  let sentAt = Date.now();

  function fresh(): Batch {
    return { items: 0, comments: [], lexedHere: 0, files: [], sizes: [], bytes: null, large: [], filesRead: 0, done: false };
  }
  function send(done: boolean): void {
    batch.done = done;
    batch.bytes = outLength > 0 ? new Uint8Array(out.buffer, out.byteOffset, outLength) : null;
    parentPort!.postMessage(batch, batch.bytes ? [batch.bytes.buffer as ArrayBuffer] : []);
    batch = fresh();
    out = Buffer.allocUnsafeSlow(BATCH_BYTES);
    outLength = 0;
    sentAt = Date.now();
  }
  function file(rel: string): void {
    let fd: number;
    try {
      fd = openSync(prefix + rel, 'r');
    } catch {
      return;
    }
    let length: number;
    try {
      length = readSync(fd, buf, 0, buf.length, 0);
      if (length === buf.length) {
        const size = fstatSync(fd).size;
        if (size > buf.length) {
          buf = Buffer.allocUnsafe(size);
          length = readSync(fd, buf, 0, size, 0);
        }
      }
    } finally {
      closeSync(fd);
    }
    batch.filesRead++;
    const bytes = buf.subarray(0, length);
    const nul = bytes.indexOf(0);
    if (nul !== -1 && nul < 8192) return;
    let holds = false;
    for (let i = 0; i < needles.length && !holds; i++) holds = bytes.indexOf(needles[i]!) !== -1;
    if (!holds) return;
    if (onWalkers) {
      batch.lexedHere++;
      if (byteLexer) for (const comment of taggedComments(rel, bytes)) batch.comments.push(comment);
      else batch.items += scanDocument(bytes.toString('utf8'), { file: rel }, compiled).items.length;
    } else if (length >= LARGE_CANDIDATE) batch.large.push([rel, length]);
    else {
      if (outLength + length > out.length) send(false);
      bytes.copy(out, outLength);
      outLength += length;
      batch.files.push(rel);
      batch.sizes.push(length);
    }
    if (Date.now() - sentAt > BATCH_MS) send(false);
  }
  function folder(rel: string): void {
    for (const entry of entries(prefix + rel)) {
      if (skipped(entry)) continue;
      const child = `${rel}/${entry.name}`;
      if (entry.isDirectory()) folder(child);
      else if (entry.isFile()) file(child);
    }
  }

  if (index === 0) for (const rel of shallowFiles) file(rel);
  for (let i = Atomics.add(claim, 0, 1); i < folders.length; i = Atomics.add(claim, 0, 1)) folder(folders[i]!);
  send(true);
}

const SLASH = 47;
const STAR = 42;
const HASH = 35;
const NEWLINE = 10;
const BACKSLASH = 92;
const BACKTICK = 96;
const C_FAMILY = 0;
const HASH_FAMILY = 1;
/** Per family: the bytes that can start a comment or a string. */
const STARTS = [new Uint8Array(256), new Uint8Array(256)] as const;
for (const quote of [34, 39, BACKTICK]) STARTS[C_FAMILY][quote] = 1;
for (const quote of [34, 39]) STARTS[HASH_FAMILY][quote] = 1;
STARTS[C_FAMILY][SLASH] = 1;
STARTS[HASH_FAMILY][HASH] = 1;
/** The byte lexer's comments: [start, end) pairs, reused from file to file. */
let spans = new Int32Array(1 << 16);
const compiled = prepareAnnotationOptions(DEFAULT_ANNOTATION_OPTIONS);
const tagNeedles = DEFAULT_ANNOTATION_OPTIONS.tags.map((tag) => Buffer.from(tag.name));

/** The comments of `bytes` that hold a tag's text, as the byte lexer finds them, decoded. */
function taggedComments(file: string, bytes: Uint8Array): TaggedComment[] {
  const language = languageForFile(file);
  if (!language) return [];
  const family = commentFamily(language);
  const count = lexBytes(bytes, family);
  if (count === 0) return [];
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const tags: number[] = [];
  for (const needle of tagNeedles) for (let at = buffer.indexOf(needle); at !== -1; at = buffer.indexOf(needle, at + 1)) tags.push(at);
  tags.sort((a, b) => a - b);
  const out: TaggedComment[] = [];
  let t = 0;
  for (let k = 0; k < count && t < tags.length; k++) {
    const start = spans[2 * k]!;
    const end = spans[2 * k + 1]!;
    while (t < tags.length && tags[t]! < start) t++;
    if (t === tags.length || tags[t]! >= end) continue;
    const block = family === C_FAMILY && bytes[start + 1] === STAR;
    out.push([file, buffer.toString('utf8', start, end), block, block ? '/*' : family === HASH_FAMILY ? '#' : '//', language.id]);
  }
  return out;
}

function commentFamily(language: LanguageSpec): number {
  return language.lineComments?.some((c) => c.marker === '#') && !language.lineComments.some((c) => c.marker === '//') ? HASH_FAMILY : C_FAMILY;
}

/** The comments of `b` as `spans` pairs; returns how many. Strings end at their quote or, but for backticks, at the line's end. */
function lexBytes(b: Uint8Array, family: number): number {
  const starts = STARTS[family as 0 | 1];
  const length = b.length;
  let count = 0;
  let i = 0;
  while (i < length) {
    let c = b[i]!;
    while (starts[c] === 0) {
      if (++i >= length) return count;
      c = b[i]!;
    }
    const next = i + 1 < length ? b[i + 1]! : 0;
    if (c === HASH || (c === SLASH && next === SLASH)) {
      const nl = b.indexOf(NEWLINE, i + 1);
      const end = nl === -1 ? length : nl;
      setSpan(count++, i, end);
      i = end;
    } else if (c === SLASH && next === STAR) {
      let j = i + 2;
      while (j + 1 < length && !(b[j] === STAR && b[j + 1] === SLASH)) j++;
      const end = j + 1 < length ? j + 2 : length;
      setSpan(count++, i, end);
      i = end;
    } else if (c === SLASH) {
      i++;
    } else {
      let j = i + 1;
      while (j < length) {
        const d = b[j]!;
        if (d === BACKSLASH) j += 2;
        else if (d === c) {
          j++;
          break;
        } else if (d === NEWLINE && c !== BACKTICK) break;
        else j++;
      }
      i = j;
    }
  }
  return count;
}

function setSpan(index: number, start: number, end: number): void {
  if (2 * index + 2 > spans.length) {
    const grown = new Int32Array(spans.length * 2);
    grown.set(spans);
    spans = grown;
  }
  spans[2 * index] = start;
  spans[2 * index + 1] = end;
}

function entries(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
}

function skipped(entry: Dirent): boolean {
  return entry.isDirectory() && (entry.name === '.git' || entry.name === 'node_modules');
}

// Last, once every module-level table above is set.
if (isMainThread) main();
else walk(workerData as WalkerData);
