/**
 * What the engine asks git. The ledger uses it to follow renamed files, to find the commit that
 * removed a comment, and to stamp new items with the current commit; completions use the authors.
 * The engine only sees this interface, so tests and shells can give it a fake or the real one
 * ({@link createGitClient}).
 */

/** A commit as the ledger records it. */
export interface CommitFacts {
  /** Full hash. */
  commit: string;
  /** Author name. */
  author: string;
  email: string;
  /** Author date, ISO 8601 UTC. */
  at: string;
}

/** Someone who committed to the repository. */
export interface GitAuthor {
  name: string;
  email: string;
  /** Number of commits (within the bounded history read). */
  commits: number;
}

/**
 * A small git client. Paths are relative to the client's folder (the workspace root), with `/`
 * separators; paths outside it are left out. Outside a repository (or without git installed)
 * every query returns an empty answer instead of failing. Real failures throw
 * `PaydownError('git-failed')` naming the command and git's message.
 */
export interface GitClient {
  /** True inside a git work tree. */
  isRepository(): Promise<boolean>;
  /** The current commit, or null outside git or before the first commit. */
  head(): Promise<string | null>;
  /**
   * Files renamed or moved, old path → new path, chains collapsed (a → b → c gives a → c):
   * committed renames after `fromCommit` (or in the last commits; bounded either way), oldest
   * first, then those of the index and work tree (`git mv`, staged or not).
   */
  renames(fromCommit?: string | null): Promise<Map<string, string>>;
  /**
   * The commit that removed `text` from `file` (git's pickaxe), looking only at commits after
   * `since` when given. Null when the text is still in `file` at HEAD (removed but not committed
   * yet), when no commit removed it, or outside git.
   */
  removalCommit(file: string, text: string, since?: string | null): Promise<CommitFacts | null>;
  /** Everyone who committed, most commits first (bounded history). */
  authors(): Promise<GitAuthor[]>;
}
