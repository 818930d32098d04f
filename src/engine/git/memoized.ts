import type { CommitFacts, GitAuthor, GitClient } from '../ports';

/** A git client that asks each question once, and can ask the usual ones ahead of time. */
export interface PrefetchingGitClient extends GitClient {
  /** Starts `isRepository`, `head` and `renames` now, so their answers are ready when needed. */
  prefetch(): void;
}

/**
 * Wraps `git` so every distinct question runs one git process at most. Sync asks its questions
 * while the scan runs (they are subprocesses: real parallelism), and again under the ledger lock
 * without paying twice.
 */
export function memoizeGit(git: GitClient): PrefetchingGitClient {
  const answers = new Map<string, Promise<unknown>>();
  const once = <T>(key: string, ask: () => Promise<T>): Promise<T> => {
    let answer = answers.get(key) as Promise<T> | undefined;
    if (!answer) {
      answer = ask();
      answers.set(key, answer);
      // A failure is reported to whoever awaits it; an unawaited prefetch must not crash the process.
      answer.catch(() => undefined);
    }
    return answer;
  };
  const client: PrefetchingGitClient = {
    cwd: git.cwd,
    // Raw commands are not memoised: their callers decide what they ask.
    run: (args, request) => git.run(args, request),
    isRepository: () => once('isRepository', () => git.isRepository()),
    prefix: () => once('prefix', () => git.prefix()),
    head: () => once('head', () => git.head()),
    renames: (fromCommit) => once(`renames\0${fromCommit ?? ''}`, () => git.renames(fromCommit)),
    removalCommit: (file, text, since): Promise<CommitFacts | null> =>
      once(`removal\0${file}\0${text}\0${since ?? ''}`, () => git.removalCommit(file, text, since)),
    authors: (): Promise<GitAuthor[]> => once('authors', () => git.authors()),
    // Streams and readers are never memoised: each caller reads its own.
    history: (query) => git.history(query),
    firstParentCommits: (query) => git.firstParentCommits(query),
    blobReader: () => git.blobReader(),
    prefetch: () => {
      void client.isRepository().then((inRepo) => {
        if (!inRepo) return;
        void client.head();
        void client.renames();
      }, () => undefined);
    },
  };
  return client;
}
