/**
 * Parsers for the machine-readable output of the git commands the client runs (all with `-z`,
 * so paths arrive unquoted and may hold any character but NUL).
 */
import type { CommitFacts, GitAuthor } from '../ports';

/** A rename as git reports it, paths relative to the repository root. */
export interface RenamePair {
  from: string;
  to: string;
}

/**
 * Renames in `git log -M --diff-filter=R --name-status -z --format=%x00%H` output, in output
 * order. Commit lines and other statuses are skipped; after an `R<score>` status come the old
 * and the new path.
 */
export function parseLogRenames(out: string): RenamePair[] {
  const tokens = out.split('\0');
  const pairs: RenamePair[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!.replace(/^\n+/, '');
    if (/^[RC]\d*$/.test(token) && i + 2 < tokens.length) {
      if (token.startsWith('R')) pairs.push({ from: tokens[i + 1]!, to: tokens[i + 2]! });
      i += 2;
    }
  }
  return pairs;
}

/**
 * Renames in `git status --porcelain=v2 -z -M` output: entries of type `2` are
 * `2 XY sub mH mI mW hH hI Rscore path` NUL `origPath`.
 */
export function parseStatusRenames(out: string): RenamePair[] {
  const tokens = out.split('\0');
  const pairs: RenamePair[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!token.startsWith('2 ')) continue;
    // Nine space-separated fields precede the path, which may itself contain spaces.
    const fields = token.split(' ');
    if (fields.length >= 10 && fields[8]!.startsWith('R') && i + 1 < tokens.length) {
      pairs.push({ from: tokens[i + 1]!, to: fields.slice(9).join(' ') });
    }
    i++;
  }
  return pairs;
}

/**
 * Applies renames in order to a map old → new, collapsing chains (a → b then b → c gives a → c)
 * and dropping a file renamed back to where it started.
 */
export function composeRenames(map: Map<string, string>, pairs: readonly RenamePair[]): Map<string, string> {
  const origins = new Map<string, string[]>();
  for (const [k, v] of map) origins.set(v, [...(origins.get(v) ?? []), k]);
  for (const { from, to } of pairs) {
    if (from === to) continue;
    const moving = origins.get(from) ?? [];
    origins.delete(from);
    if (!map.has(from)) moving.push(from);
    const arrived = origins.get(to) ?? [];
    for (const k of moving) {
      if (k === to) map.delete(k);
      else {
        map.set(k, to);
        arrived.push(k);
      }
    }
    if (arrived.length > 0) origins.set(to, arrived);
  }
  return map;
}

/** Field separator of the commit formats the client asks for. */
export const FIELD = '\u001f';

/** The `--format` that {@link parseCommitFacts} reads. */
export const COMMIT_FORMAT = `%H${'%x1f'}%an${'%x1f'}%ae${'%x1f'}%aI`;

/** The first commit of output written with {@link COMMIT_FORMAT}, or null when there is none. */
export function parseCommitFacts(out: string): CommitFacts | null {
  const line = out.split('\n').find((l) => l.trim() !== '');
  if (!line) return null;
  const [commit, author, email, date] = line.split(FIELD);
  if (!commit || !/^[0-9a-f]{7,64}$/.test(commit) || date === undefined) return null;
  const time = new Date(date);
  return { commit, author: author ?? '', email: email ?? '', at: Number.isNaN(time.getTime()) ? date : time.toISOString() };
}

/** `git shortlog -sne` output: `   12\tName <email>` per line, most commits first. */
export function parseShortlog(out: string): GitAuthor[] {
  const authors: GitAuthor[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\t(.*?)\s*<([^>]*)>\s*$/.exec(line);
    if (m) authors.push({ commits: Number(m[1]), name: m[2]!, email: m[3]! });
  }
  return authors.sort((a, b) => b.commits - a.commits || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
