/**
 * The engine's ports: everything it needs from outside comes in through these small interfaces,
 * so the CLI, the extension and the tests share every line of logic and each gives its own
 * adapters (the real ones: `nodePorts` in adapters.ts).
 *
 * Invariants:
 * - The engine reads no environment variable, no VS Code setting and no OS user: what git's
 *   environment is, who the user is and what time it is all arrive here.
 * - Every git call goes through a {@link GitClient}; there is no other way the engine runs git.
 * - Cancellation is an `AbortSignal` passed to the call that may take long (scan, sync, check,
 *   git). An aborted call rejects with an `AbortError` or `PaydownError('aborted')`; the CLI
 *   ends with exit 130 on Ctrl-C, the extension adapts its `CancellationToken` to a signal.
 */

/** The time. One shape for every use: ledger stamps, lock ages, "today". */
export interface Clock {
  now(): Date;
}

/** The system clock. */
export const systemClock: Clock = { now: () => new Date() };

/** Where the engine says what it did and what it skipped (the CLI: stderr; the extension: its output channel). */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything (tests, tools). */
export const silentLogger: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

/** A person as history records them. */
export interface Person {
  name: string;
  email: string | null;
}

/**
 * Who is working: the name written as `by` in the history events of edits (status, sprint,
 * estimates), the same identity git writes as the author of the commits that resolve items.
 */
export interface Identity {
  /** The current user, or null when unknown (then events carry `by: null`). Never throws. */
  current(): Promise<Person | null>;
}

/** An identity that is always `person` (tests, or a shell that knows better). */
export function fixedIdentity(person: Person | null): Identity {
  return { current: () => Promise.resolve(person) };
}

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

/** What one git command produced. */
export interface GitOutput {
  code: number;
  stdout: string;
  stderr: string;
}

/** How one raw git command is run. */
export interface GitRunRequest {
  /** Exit codes that resolve (default: 0 only); anything else rejects with `git-failed`. */
  okCodes?: readonly number[];
  signal?: AbortSignal;
}

/**
 * Git for one folder (the workspace root). Paths are relative to that folder, with `/`
 * separators; paths outside it are left out. Outside a repository (or without git installed)
 * every query returns an empty answer instead of failing; real failures throw
 * `PaydownError('git-failed')` naming the command and git's message, and a missing git is
 * `git-failed` too (with a hint to install it) wherever a repository is required.
 */
export interface GitClient {
  /** The folder git runs in. */
  readonly cwd: string;
  /**
   * Runs `git args…` in `cwd` with the client's environment (no prompts, no optional locks, no
   * pager, literal pathspecs, C locale). The one way the engine runs git: domain queries below
   * and the scanner's index probe are built on it.
   */
  run(args: readonly string[], request?: GitRunRequest): Promise<GitOutput>;
  /** True inside a git work tree (false outside one, and without git). */
  isRepository(): Promise<boolean>;
  /** Where `cwd` is inside its repository (`services/pay/`, empty at the top), or null outside one. */
  prefix(): Promise<string | null>;
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
  /**
   * The first-parent history of `until` (HEAD), oldest first, streamed as git writes it: merges
   * show their changes against the first parent (what reached the branch). Empty outside git or
   * before the first commit. One git process, whatever the length of the history.
   */
  history(query: HistoryQuery): AsyncIterable<HistoryCommit>;
  /** The first-parent commits after `since` up to `until` (HEAD), oldest first; empty outside git. */
  firstParentCommits(query: Pick<HistoryQuery, 'since' | 'until' | 'signal'>): Promise<string[]>;
  /** A reader of blob contents (`git cat-file --batch`), for many blobs at one process's cost. */
  blobReader(): BlobReader;
}

/** What a file change in a commit is, as git's raw diff says: added, modified, deleted, renamed, copied, type changed. */
export type FileChangeStatus = 'A' | 'M' | 'D' | 'R' | 'C' | 'T';

/** One file a commit changed (paths relative to the client's folder). */
export interface FileChange {
  status: FileChangeStatus;
  /** The path before (renames and copies only; else null). */
  from: string | null;
  /** The path after (the deleted path for `D`). */
  path: string;
  /** The new content's blob id, or null for a deletion (or a submodule). */
  blob: string | null;
}

/** One commit of the first-parent history and the files it changed (of those the query asked about). */
export interface HistoryCommit {
  commit: string;
  author: string;
  email: string;
  /** Committer date, ISO 8601 UTC: when the change reached the branch, not when it was written. */
  at: string;
  changes: FileChange[];
}

/** Which part of the history {@link GitClient.history} streams. */
export interface HistoryQuery {
  /** Only commits after this one (exclusive); the whole history when null or absent. */
  since?: string | null;
  /** Up to this commit (inclusive). Default HEAD. */
  until?: string;
  /**
   * Only the files whose diff adds or removes a line matching this extended regular expression
   * (git's `-G`), and only commits with such a file. Rename detection runs first, so a renamed
   * and edited file comes as one `R` change.
   */
  pickaxe?: string;
  /** The pickaxe ignores case. */
  ignoreCase?: boolean;
  /** Only renames (`--diff-filter=R`), with or without content changes. */
  renamesOnly?: boolean;
  signal?: AbortSignal;
}

/** Reads blobs by id from one long-running git process; close it when done. */
export interface BlobReader {
  /** The blob's bytes, or null when there is no such blob. */
  read(blob: string): Promise<Buffer | null>;
  close(): void;
}

/** An HTTP request, as the tracker clients make them. */
export interface HttpRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Readonly<Record<string, string>>;
  /** A request body, already serialised. */
  body?: string;
  signal?: AbortSignal;
  /** Milliseconds before the request is given up (rejects with `PaydownError('aborted')`). */
  timeoutMs?: number;
}

/** An HTTP response: status, headers (lower-case names) and the body as text. */
export interface HttpResponse {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

/**
 * HTTP for the tracker clients. Rejects only when no response came (network, timeout, abort);
 * any status is a response. Credentials are the caller's business: a client never adds any.
 */
export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

/** What a workspace is opened with: every way the engine reaches outside. */
export interface Ports {
  clock: Clock;
  logger: Logger;
  identity: Identity;
  /** Git for the workspace root, or null to work without git (renames are then found by content). */
  git: GitClient | null;
  /** HTTP for the tracker clients; absent where no tracker is used. */
  http?: HttpClient;
}
