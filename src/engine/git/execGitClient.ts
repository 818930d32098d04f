/**
 * The real {@link GitClient}: the `git` executable run with {@link runGit} in the workspace folder,
 * in the environment the shell gives. Revisions always follow `--end-of-options` (git 2.30+), so
 * none is ever read as an option.
 */
import { PaydownError } from '../errors';
import type { CommitFacts, GitAuthor, GitClient, GitRunRequest, HistoryCommit, HistoryQuery, Identity, Person } from '../ports';
import { COMMIT_FORMAT, composeRenames, parseCommitFacts, parseLogRenames, parseShortlog, parseStatusRenames, type RenamePair } from './parse';
import { runGit, type GitRunOptions } from './run';
import { catFileBatch, HISTORY_FORMAT, parseHistoryRecords, streamGitRecords } from './stream';

/** Options of {@link createGitClient}. */
export interface GitClientOptions extends GitRunOptions {
  /** How many commits back `renames()` looks at most. Default 200. */
  maxCommits?: number;
  /** How many commits `authors()` reads at most. Default 5 000. */
  maxAuthorCommits?: number;
}

interface RepoInfo {
  /** Where `cwd` is inside the repository, `sub/dir/` or empty at the top. */
  prefix: string;
}

/** A git client for the work tree that holds `options.cwd`. Whether it is a repository is asked once and remembered. */
export function createGitClient(options: GitClientOptions): GitClient {
  const maxCommits = options.maxCommits ?? 200;
  const maxAuthorCommits = options.maxAuthorCommits ?? 5_000;
  const git = (args: readonly string[], okCodes?: readonly number[]) => runGit(args, options, okCodes);
  const run = (args: readonly string[], request: GitRunRequest = {}) => runGit(args, request.signal ? { ...options, signal: request.signal } : options, request.okCodes);
  let info: Promise<RepoInfo | null> | undefined;

  const repo = (): Promise<RepoInfo | null> =>
    (info ??= (async () => {
      try {
        const out = await git(['rev-parse', '--is-inside-work-tree', '--show-prefix'], [0, 128]);
        if (out.code !== 0) {
          if (/not a git repository/i.test(out.stderr)) return null;
          throw new PaydownError('git-failed', `git rev-parse failed in ${options.cwd}: ${out.stderr.trim()}`, /dubious ownership/i.test(out.stderr) ? 'Mark the folder safe: git config --global --add safe.directory <path>' : undefined, { details: [out.stderr.trim()] });
        }
        const [inside, prefix = ''] = out.stdout.split('\n');
        return inside === 'true' ? { prefix } : null;
      } catch (err) {
        // No git installed: behave as outside a repository.
        if (PaydownError.is(err, 'git-failed') && (err.cause as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return null;
        throw err;
      }
    })());

  const head = async (): Promise<string | null> => {
    if (!(await repo())) return null;
    const out = await git(['rev-parse', '--verify', '-q', 'HEAD^{commit}'], [0, 1]);
    return out.code === 0 ? out.stdout.trim() : null;
  };

  const isCommit = async (rev: string): Promise<boolean> => {
    if (!/^[0-9a-fA-F]{4,64}$/.test(rev)) return false;
    const out = await git(['rev-parse', '--verify', '-q', '--end-of-options', `${rev}^{commit}`], [0, 1, 128]);
    return out.code === 0;
  };

  /** The revisions of a history query, or null when there is no history (outside git, no commit yet). */
  const range = async (query: Pick<HistoryQuery, 'since' | 'until'>): Promise<string[] | null> => {
    if ((await head()) === null) return null;
    const revs = [query.until ?? 'HEAD'];
    if (query.since) revs.push(`^${query.since}`);
    return revs;
  };

  return {
    cwd: options.cwd,
    run,
    isRepository: async () => (await repo()) !== null,
    prefix: async () => (await repo())?.prefix ?? null,
    head,

    async renames(fromCommit) {
      const info = await repo();
      const map = new Map<string, string>();
      if (!info) return map;
      const pairs: RenamePair[] = [];
      // The working tree's renames do not depend on the history's: ask git for both at once.
      const status = git(['status', '--porcelain=v2', '-z', '-M', '--untracked-files=no']);
      // Its failure is reported where it is awaited, or dropped with the history's.
      status.catch(() => undefined);
      if ((await head()) !== null) {
        const revs = ['HEAD'];
        const bound = (await git(['rev-list', '-n', '1', `--skip=${maxCommits}`, 'HEAD'])).stdout.trim();
        if (bound) revs.push(`^${bound}`);
        if (fromCommit && (await isCommit(fromCommit))) revs.push(`^${fromCommit}`);
        const log = await git(['log', '-M', '--diff-filter=R', '--name-status', '-z', '--format=%x00%H', '--reverse', '--end-of-options', ...revs, '--']);
        for (const pair of parseLogRenames(log.stdout)) pairs.push(pair);
      }
      // A loop, not push(...): a reorganisation can rename more files than a call has arguments.
      for (const pair of parseStatusRenames((await status).stdout)) pairs.push(pair);
      composeRenames(map, pairs);
      const local = new Map<string, string>();
      for (const [from, to] of map) {
        if (from.startsWith(info.prefix) && to.startsWith(info.prefix)) local.set(from.slice(info.prefix.length), to.slice(info.prefix.length));
      }
      return local;
    },

    async removalCommit(file, text, since): Promise<CommitFacts | null> {
      const needle = text.trim();
      if (!needle || (await head()) === null) return null;
      const atHead = await git(['grep', '-F', '-q', '-e', needle, 'HEAD', '--', file], [0, 1]);
      if (atHead.code === 0) return null;
      const revs = ['HEAD'];
      if (since && (await isCommit(since))) revs.push(`^${since}`);
      const log = await git(['log', `-S${needle}`, `--format=${COMMIT_FORMAT}`, '-n', '1', '--end-of-options', ...revs, '--', file]);
      return parseCommitFacts(log.stdout);
    },

    async *history(query: HistoryQuery): AsyncGenerator<HistoryCommit> {
      const revs = await range(query);
      if (!revs) return;
      const args = ['log', '--first-parent', '--diff-merges=first-parent', '--reverse', '--raw', '-z', '--no-abbrev', '-M', '--relative', `--format=${HISTORY_FORMAT}`];
      if (query.pickaxe) args.push(`-G${query.pickaxe}`);
      if (query.pickaxe && query.ignoreCase) args.push('--regexp-ignore-case');
      if (query.renamesOnly) args.push('--diff-filter=R');
      args.push('--end-of-options', ...revs, '--');
      yield* parseHistoryRecords(streamGitRecords(args, query.signal ? { ...options, signal: query.signal } : options));
    },

    async firstParentCommits(query): Promise<string[]> {
      const revs = await range(query);
      if (!revs) return [];
      const out = await run(['rev-list', '--first-parent', '--reverse', '--end-of-options', ...revs], query.signal ? { signal: query.signal } : {});
      return out.stdout.split('\n').filter((l) => l !== '');
    },

    blobReader: () => catFileBatch(options),

    async authors(): Promise<GitAuthor[]> {
      if ((await head()) === null) return [];
      const out = await git(['shortlog', '-sne', `--max-count=${maxAuthorCommits}`, 'HEAD']);
      return parseShortlog(out.stdout);
    },
  };
}

/**
 * The user as git knows them (`user.name`, `user.email`): the identity written into history
 * events, the same one git writes as the author of the commits that resolve items. Null when git
 * has no name configured (or is not installed): events then carry `by: null`.
 */
export function gitIdentity(git: GitClient): Identity {
  let known: Promise<Person | null> | undefined;
  const value = async (key: string): Promise<string | null> => {
    const out = await git.run(['config', '--get', key], { okCodes: [0, 1] });
    const text = out.stdout.trim();
    return out.code === 0 && text !== '' ? text : null;
  };
  return {
    current: () =>
      (known ??= (async () => {
        try {
          const name = await value('user.name');
          return name === null ? null : { name, email: await value('user.email') };
        } catch (err) {
          if (PaydownError.is(err, 'git-failed')) return null;
          throw err;
        }
      })()),
  };
}
