/**
 * Git commands whose output is too large to buffer: a history streamed record by record, and a
 * `git cat-file --batch` process that reads many blobs. Same environment and error rules as
 * {@link runGit}; no timeout (these run as long as the history is long), cancellation by signal.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { PaydownError } from '../errors';
import type { BlobReader, FileChange, FileChangeStatus, HistoryCommit } from '../ports';
import { FIELD } from './parse';
import type { GitRunOptions } from './run';

function spawnGit(args: readonly string[], options: GitRunOptions): ChildProcessWithoutNullStreams {
  return spawn(options.gitPath ?? 'git', ['-c', 'core.quotepath=false', '-c', 'color.ui=false', ...args], {
    cwd: options.cwd,
    windowsHide: true,
    env: { ...options.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C' },
  });
}

function failure(args: readonly string[], options: GitRunOptions, why: string, cause?: unknown): PaydownError {
  return new PaydownError('git-failed', `git ${args.join(' ')} failed in ${options.cwd}: ${why}`, undefined, cause === undefined ? {} : { cause });
}

/**
 * Runs `git args…` and yields its stdout split at NUL bytes, as the records arrive. Rejects with
 * `git-failed` when git exits with an error, `aborted` when the signal fires (git is killed).
 */
export async function* streamGitRecords(args: readonly string[], options: GitRunOptions): AsyncGenerator<string> {
  const child = spawnGit(args, options);
  const signal = options.signal;
  const onAbort = (): void => {
    child.kill('SIGKILL');
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (d: string) => {
    if (stderr.length < 64_000) stderr += d;
  });
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  exited.catch(() => undefined);
  try {
    child.stdout.setEncoding('utf8');
    let rest = '';
    for await (const chunk of child.stdout as AsyncIterable<string>) {
      if (signal?.aborted) break;
      const text = rest + chunk;
      let start = 0;
      for (let nul = text.indexOf('\0'); nul >= 0; nul = text.indexOf('\0', start)) {
        yield text.slice(start, nul);
        start = nul + 1;
      }
      rest = text.slice(start);
    }
    if (signal?.aborted) throw new PaydownError('aborted', `git ${args[0] ?? ''} was cancelled`);
    if (rest !== '') yield rest;
    let code: number | null;
    try {
      code = await exited;
    } catch (err) {
      throw failure(args, options, (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'git is not installed or not on PATH' : String(err), err);
    }
    if (code !== 0) throw failure(args, options, stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${String(code)}`);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}

/** The `--format` of history streams: a 0x01 marker, then hash, author, email, committer date. */
export const HISTORY_FORMAT = `%x01%H${'%x1f'}%an${'%x1f'}%ae${'%x1f'}%cI`;

/**
 * Commits of `git log --raw -z --no-abbrev --format=${HISTORY_FORMAT}` from its NUL-separated
 * records: a header record per commit, then per change a `:modes ids status` record followed by
 * one path (two for renames and copies).
 */
export async function* parseHistoryRecords(records: AsyncIterable<string>): AsyncGenerator<HistoryCommit> {
  let current: HistoryCommit | null = null;
  let pending: { status: FileChangeStatus; blob: string | null; paths: string[]; need: number } | null = null;
  for await (const raw of records) {
    if (pending) {
      pending.paths.push(raw);
      if (pending.paths.length === pending.need) {
        const two = pending.need === 2;
        const change: FileChange = { status: pending.status, from: two ? pending.paths[0]! : null, path: two ? pending.paths[1]! : pending.paths[0]!, blob: pending.blob };
        current?.changes.push(change);
        pending = null;
      }
      continue;
    }
    const record = raw.startsWith('\n') ? raw.replace(/^\n+/, '') : raw;
    if (record.startsWith('\x01')) {
      if (current) yield current;
      const [commit = '', author = '', email = '', date = ''] = record.slice(1).split(FIELD);
      const time = new Date(date);
      current = { commit, author, email, at: Number.isNaN(time.getTime()) ? date : time.toISOString(), changes: [] };
    } else if (record.startsWith(':')) {
      // :oldmode newmode oldblob newblob status
      const parts = record.slice(1).split(' ');
      const letter = (parts[4] ?? 'M').charAt(0) as FileChangeStatus;
      const newMode = parts[1] ?? '';
      const blob = letter === 'D' || /^0+$/.test(parts[3] ?? '') || newMode === '160000' ? null : (parts[3] ?? null);
      pending = { status: letter, blob, paths: [], need: letter === 'R' || letter === 'C' ? 2 : 1 };
    }
  }
  if (current) yield current;
}

/** A blob reader over one `git cat-file --batch` process; requests are answered in order. */
export function catFileBatch(options: GitRunOptions): BlobReader {
  let child: ChildProcessWithoutNullStreams | null = null;
  const waiting: { resolve: (b: Buffer | null) => void; reject: (e: unknown) => void }[] = [];
  let buffer: Buffer = Buffer.alloc(0);
  let broken: PaydownError | null = null;

  const drain = (): void => {
    while (waiting.length > 0) {
      const nl = buffer.indexOf(10);
      if (nl < 0) return;
      const header = buffer.subarray(0, nl).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        buffer = buffer.subarray(nl + 1);
        waiting.shift()!.resolve(null);
        continue;
      }
      const size = Number(header.slice(header.lastIndexOf(' ') + 1));
      if (buffer.length < nl + 1 + size + 1) return;
      const body = Buffer.from(buffer.subarray(nl + 1, nl + 1 + size));
      buffer = buffer.subarray(nl + 1 + size + 1);
      waiting.shift()!.resolve(body);
    }
  };
  const fail = (err: PaydownError): void => {
    broken = err;
    for (const w of waiting.splice(0)) w.reject(err);
  };
  const start = (): ChildProcessWithoutNullStreams => {
    const c = spawnGit(['cat-file', '--batch'], options);
    c.stdout.on('data', (d: Buffer) => {
      buffer = buffer.length === 0 ? d : Buffer.concat([buffer, d]);
      drain();
    });
    c.on('error', (err) => fail(failure(['cat-file', '--batch'], options, String(err), err)));
    c.on('close', (code) => {
      if (waiting.length > 0) fail(failure(['cat-file', '--batch'], options, `exited with code ${String(code)}`));
    });
    c.stdin.on('error', () => undefined);
    return c;
  };
  return {
    read(blob) {
      if (broken) return Promise.reject(broken);
      child ??= start();
      return new Promise<Buffer | null>((resolve, reject) => {
        waiting.push({ resolve, reject });
        child!.stdin.write(`${blob}\n`);
      });
    },
    close() {
      if (child) {
        child.stdin.end();
        child = null;
      }
    },
  };
}
