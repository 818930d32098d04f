/**
 * Everything the CLI writes, in one place:
 *
 * - Standard output in chunks of whole lines with a turn of the event loop before each, waiting
 *   for a slow reader to drain what is queued, so a Ctrl-C during a long report is handled
 *   between chunks and nothing more is written after it.
 * - A standard output the reader closed (EPIPE: `paydown scan | head`) ends the output quietly,
 *   as ripgrep does: no stack trace, and the exit code stays the command's own (0 for listings;
 *   `check` still exits 1 on findings, so a pipe never turns a failing check into a passing one).
 * - Warnings on stderr, with control characters neutralised.
 * - `-o FILE`: a new or regular file is replaced atomically (temp, fsync, rename) keeping its
 *   permission bits; anything else is written in place, like the shell's `>`: through a symlink
 *   to the file it points to (the link stays a link), to a device (`/dev/null`), to a FIFO.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import { PaydownError } from '../engine';
import { writeFileAtomic } from '../engine';
import { cliSignal } from './interrupt';
import { safeText } from './reporters/terminal';

/** Characters per chunk of standard output (cut at the last line end before it). */
const CHUNK = 64 * 1024;

let stdoutClosed = false;
let stdoutFailure: Error | null = null;

/** Routes errors of stdout and stderr (installed once, before any output). */
export function guardStdio(): void {
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') stdoutClosed = true;
    else stdoutFailure ??= err;
  });
  // Nothing is left to tell the user when stderr itself fails.
  process.stderr.on('error', () => undefined);
}

/** A write error of standard output other than a closed pipe (ENOSPC, EIO…), or null. */
export function stdoutError(): PaydownError | null {
  return stdoutFailure && cannotWriteStdout(stdoutFailure);
}

/**
 * Writes `text` (a string, or its pieces: see reporters/jsonDocument.ts) to standard output.
 * Rejects with an AbortError once Ctrl-C (or SIGTERM) was received; resolves without writing the
 * rest once the reader has gone.
 */
export async function emit(text: string | Iterable<string>): Promise<void> {
  const signal = cliSignal();
  for (const chunk of chunksOf(text)) {
    await turnOfTheLoop();
    signal.throwIfAborted();
    if (stdoutFailure) throw cannotWriteStdout(stdoutFailure);
    if (stdoutClosed) return;
    let queued = false;
    try {
      queued = !process.stdout.write(chunk);
    } catch (err) {
      // Files behind stdout are written synchronously and throw here.
      if ((err as NodeJS.ErrnoException).code === 'EPIPE') stdoutClosed = true;
      else throw cannotWriteStdout(err as Error);
    }
    // A pipe or socket whose reader lags queues the rest in memory: wait for it, or the whole
    // report would be queued at once and a Ctrl-C could no longer stop any of it.
    if (queued) await drained(signal);
  }
}

/** `text` in chunks of about {@link CHUNK} characters, each ending after a line end where one is near. */
function* chunksOf(text: string | Iterable<string>): Generator<string> {
  let pending = '';
  for (const piece of typeof text === 'string' ? [text] : text) {
    pending += piece;
    while (pending.length > CHUNK) {
      const end = chunkEnd(pending);
      yield pending.slice(0, end);
      pending = pending.slice(end);
    }
  }
  if (pending) yield pending;
}

/** Resolves when stdout has drained (or failed: see guardStdio); rejects when `signal` aborts. */
function drained(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanUp = (): void => {
      process.stdout.off('drain', done);
      process.stdout.off('error', done);
      process.stdout.off('close', done);
      signal.removeEventListener('abort', aborted);
    };
    const done = (): void => {
      cleanUp();
      resolve();
    };
    const aborted = (): void => {
      cleanUp();
      reject(signal.reason as Error);
    };
    process.stdout.once('drain', done);
    process.stdout.once('error', done);
    process.stdout.once('close', done);
    signal.addEventListener('abort', aborted, { once: true });
  });
}

/** `paydown: warning: …` on stderr. */
export function warn(message: string): void {
  process.stderr.write(`paydown: warning: ${safeText(message)}\n`);
}

/** Where `-o FILE` output goes; `-` is standard output. */
export async function writeOutput(file: string | undefined, text: string | Iterable<string>): Promise<void> {
  if (file === undefined || file === '-') return emit(text);
  await writeOutputFile(file, typeof text === 'string' ? text : [...text].join(''));
}

/** Writes `text` to the file `-o` names (see the module comment for which way). */
export async function writeOutputFile(file: string, text: string): Promise<void> {
  cliSignal().throwIfAborted();
  try {
    const link = fs.lstatSync(file, { throwIfNoEntry: false });
    if (link === undefined) return writeFileAtomic(file, text);
    if (link.isFile() && link.nlink === 1) return writeFileAtomic(file, text, { mode: link.mode & 0o7777 });
    // Through a symlink: what it points to decides; a hard-linked file is written in place, as a
    // rename would split it from its other names.
    const target = link.isSymbolicLink() ? fs.statSync(file, { throwIfNoEntry: false }) : link;
    if (target?.isDirectory()) throw Object.assign(new Error('it is a folder'), { code: 'EISDIR' });
    if (target?.isFIFO() || target?.isSocket()) return await writeToPipe(file, text);
    await fs.promises.writeFile(file, text, { signal: cliSignal() });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw cannotWrite(file, err as NodeJS.ErrnoException);
  }
}

/**
 * A FIFO, opened without blocking a thread (a thread stuck in `open` until a reader comes would
 * keep the process from exiting on Ctrl-C): retried until a reader is there, then written
 * through libuv's non-blocking pipe. A reader that goes away early ends the write quietly.
 */
async function writeToPipe(file: string, text: string): Promise<void> {
  const signal = cliSignal();
  let fd: number | undefined;
  while (fd === undefined) {
    signal.throwIfAborted();
    try {
      fd = fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENXIO') throw err;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  const pipe = new net.Socket({ fd, readable: false, writable: true });
  await new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      pipe.destroy();
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pipe.on('error', (err: NodeJS.ErrnoException) => {
      signal.removeEventListener('abort', onAbort);
      if (err.code === 'EPIPE') resolve();
      else reject(err);
    });
    pipe.end(text, () => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    });
  });
}

/** The end of `text`'s first chunk: after a line end, never inside a surrogate pair. */
function chunkEnd(text: string): number {
  if (text.length <= CHUNK) return text.length;
  const newline = text.lastIndexOf('\n', CHUNK - 1);
  if (newline >= 0) return newline + 1;
  const code = text.charCodeAt(CHUNK - 1);
  return code >= 0xd800 && code <= 0xdbff ? CHUNK - 1 : CHUNK;
}

/**
 * Lets the event loop run its poll phase, where Node dispatches signals. One `setImmediate` can
 * run before the poll of its own turn; two always span one.
 */
function turnOfTheLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(() => setImmediate(resolve)));
}

function cannotWriteStdout(err: Error): PaydownError {
  const code = (err as NodeJS.ErrnoException).code;
  return new PaydownError('path-unreadable', `cannot write to standard output: ${code ?? err.message}`, 'check the disk or the program reading the output', { cause: err });
}

function cannotWrite(file: string, err: NodeJS.ErrnoException): PaydownError {
  const code = err.code;
  const why = code === 'ENOENT' ? 'no such folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : code === 'EISDIR' ? 'it is a folder' : code === 'ENOTDIR' ? 'a part of the path is not a folder' : err.message;
  return new PaydownError('path-unreadable', `cannot write ${safeText(file)}: ${why}`, 'pass -o with a file in an existing, writable folder', { cause: err });
}
