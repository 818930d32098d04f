/**
 * How often each file changed in a recent window of the first-parent history: the "interest
 * rate" of the debt in it. Read with one `git log --numstat` stream; cached in the workspace's
 * cache folder and refreshed incrementally (only commits after the cached head are read).
 *
 * Invariants:
 * - First-parent history of HEAD: a merged branch counts once, as the merge (what reached the
 *   team), with its diff against the first parent.
 * - Paths are the workspace's (relative to the git client's folder, `/`-separated); a file's
 *   earlier names count for its current name (renames are followed newest to oldest).
 * - Outside git, before the first commit or when git fails, the history is empty: nothing is
 *   interest-bearing, and nothing fails.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../ledger/atomic';
import type { GitClient, Logger } from '../ports';

/** One first-parent commit: when, and the files it changed with their changed lines. */
export interface ChangedCommit {
  commit: string;
  /** Committer time, seconds since the epoch. */
  at: number;
  /** [path, lines added + deleted, path before a rename or null], repository-relative. */
  files: [string, number, string | null][];
}

/** How often one file changed in the window. */
export interface FileChanges {
  commits: number;
  lines: number;
}

/** The change history of a window, per file. */
export interface ChangeHistory {
  /** The window's length in days. */
  days: number;
  /** `YYYY-MM-DD`: the first day counted. */
  since: string;
  /** First-parent commits in the window. */
  commits: number;
  /** Files tracked in the workspace: what "the repository" means in a share. */
  trackedFiles: number;
  /** Changes per workspace-relative path (only files changed in the window). */
  files: ReadonlyMap<string, FileChanges>;
}

const CACHE_FILE = 'change-history.json';
const CACHE_VERSION = 1;

interface CacheFile {
  version: number;
  head: string;
  /** Oldest commit time read (seconds): a wider window than this needs a full read. */
  from: number;
  commits: ChangedCommit[];
}

export interface ChangeHistoryOptions {
  days: number;
  /** The window ends now. */
  now: Date;
  /** Where to keep the commits read, or undefined for no cache. */
  cacheDir?: string;
  logger?: Logger;
  signal?: AbortSignal;
}

/** An empty history (outside git, or when git cannot answer). */
export function emptyChangeHistory(days: number, now: Date): ChangeHistory {
  return { days, since: sinceDay(days, now), commits: 0, trackedFiles: 0, files: new Map() };
}

/** The change history of the last `days` days of HEAD's first-parent line. */
export async function readChangeHistory(git: GitClient | null, options: ChangeHistoryOptions): Promise<ChangeHistory> {
  const { days, now } = options;
  if (!git) return emptyChangeHistory(days, now);
  try {
    const head = await git.head();
    if (!head) return emptyChangeHistory(days, now);
    const to = Math.floor(now.getTime() / 1000);
    const from = to - days * 86_400;
    // Commits after `now` (a day asked for in the past) are kept in the cache but not counted.
    const commits = (await commitsSince(git, head, from, options)).filter((c) => c.at <= to);
    const [prefix, tracked] = await Promise.all([git.prefix(), git.run(['ls-files', '-z'], { signal: options.signal })]);
    const trackedFiles = tracked.stdout.split('\0').filter((f) => f !== '').length;
    return { days, since: sinceDay(days, now), commits: commits.length, trackedFiles, files: perFile(commits, prefix ?? '') };
  } catch (err) {
    if (options.signal?.aborted) throw err;
    options.logger?.warn(`change history: ${err instanceof Error ? err.message : String(err)}; interest is left out`);
    return emptyChangeHistory(days, now);
  }
}

/** The window's commits, newest first: from the cache where it covers them, the rest from git. */
async function commitsSince(git: GitClient, head: string, from: number, options: ChangeHistoryOptions): Promise<ChangedCommit[]> {
  const cached = options.cacheDir ? readCache(options.cacheDir) : null;
  let commits: ChangedCommit[];
  if (cached && cached.from <= from && (cached.head === head || (await isAncestor(git, cached.head, head, options.signal)))) {
    const newer = cached.head === head ? [] : await logCommits(git, [`${cached.head}..${head}`], options.signal);
    commits = [...newer, ...cached.commits];
  } else {
    commits = await logCommits(git, [`--since=@${from}`, head], options.signal);
  }
  const window = commits.filter((c) => c.at >= from);
  if (options.cacheDir && (cached?.head !== head || window.length !== commits.length)) writeCache(options.cacheDir, { version: CACHE_VERSION, head, from, commits: window }, options.logger);
  return window;
}

async function isAncestor(git: GitClient, older: string, newer: string, signal?: AbortSignal): Promise<boolean> {
  const out = await git.run(['merge-base', '--is-ancestor', older, newer], { okCodes: [0, 1, 128], signal });
  return out.code === 0;
}

const RECORD = '\x1e';

async function logCommits(git: GitClient, range: readonly string[], signal?: AbortSignal): Promise<ChangedCommit[]> {
  const out = await git.run(['log', '--first-parent', '--diff-merges=first-parent', '-M', '--numstat', '-z', `--format=${RECORD}%H %ct`, ...range, '--'], { signal });
  return parseNumstatLog(out.stdout);
}

/**
 * Parses `git log --numstat -z --format=<RS>%H %ct`: per commit a header ending in NUL, then per file
 * `added<TAB>deleted<TAB>path<NUL>` or, for a rename, `added<TAB>deleted<TAB><NUL>old<NUL>new<NUL>`
 * (binary files count `-` as 0 lines).
 */
export function parseNumstatLog(text: string): ChangedCommit[] {
  const commits: ChangedCommit[] = [];
  for (const record of text.split(RECORD)) {
    if (record.trim() === '') continue;
    // With -z the header ends in a NUL; the file list follows after a newline.
    const end = record.indexOf('\0');
    const header = end === -1 ? record : record.slice(0, end);
    const [commit, at] = header.trim().split(' ');
    if (!commit || !at || !Number.isFinite(Number(at))) continue;
    const files: ChangedCommit['files'] = [];
    const fields = end === -1 ? [] : record.slice(end + 1).split('\0');
    for (let i = 0; i < fields.length; i++) {
      const field = fields[i]!.replace(/^\n+/, '');
      const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(field);
      if (!m) continue;
      const lines = (m[1] === '-' ? 0 : Number(m[1])) + (m[2] === '-' ? 0 : Number(m[2]));
      if (m[3] !== '') files.push([m[3]!, lines, null]);
      else {
        const before = fields[++i];
        const after = fields[++i];
        if (before !== undefined && after !== undefined) files.push([after, lines, before]);
      }
    }
    commits.push({ commit, at: Number(at), files });
  }
  return commits;
}

/** Changes per current workspace path, following renames from the newest commit back. */
function perFile(newestFirst: readonly ChangedCommit[], prefix: string): Map<string, FileChanges> {
  const currentName = new Map<string, string>();
  const out = new Map<string, FileChanges>();
  for (const commit of newestFirst) {
    const seen = new Set<string>();
    for (const [file, lines, before] of commit.files) {
      const current = currentName.get(file) ?? file;
      if (before !== null) currentName.set(before, current);
      if (!current.startsWith(prefix)) continue;
      const relative = current.slice(prefix.length);
      const entry = out.get(relative) ?? { commits: 0, lines: 0 };
      if (!seen.has(relative)) entry.commits++;
      seen.add(relative);
      entry.lines += lines;
      out.set(relative, entry);
    }
  }
  return out;
}

function sinceDay(days: number, now: Date): string {
  return new Date(now.getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

function readCache(dir: string): CacheFile | null {
  try {
    const doc = JSON.parse(readFileSync(path.join(dir, CACHE_FILE), 'utf8')) as Partial<CacheFile>;
    if (doc.version !== CACHE_VERSION || typeof doc.head !== 'string' || typeof doc.from !== 'number' || !Array.isArray(doc.commits)) return null;
    return doc as CacheFile;
  } catch {
    return null;
  }
}

function writeCache(dir: string, cache: CacheFile, logger?: Logger): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(path.join(dir, CACHE_FILE), JSON.stringify(cache));
  } catch (err) {
    // A cache that cannot be written costs the next run a full read, nothing more.
    logger?.debug(`change history: cache not written (${err instanceof Error ? err.message : String(err)})`);
  }
}
