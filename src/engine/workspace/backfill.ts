/**
 * `ledger backfill` as a use case: replay the branch's first-parent history (ledger/backfill.ts),
 * lay it over the ledger and (unless a dry run) write what changed in one locked update. The
 * replay's state is checkpointed in `.paydown/cache/` (git-ignored), so an interrupted run
 * carries on where it stopped, and a later run reads only the commits since.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { PaydownConfig } from '../config/config';
import { PaydownError } from '../errors';
import { planBackfill, replayHistory, type BackfillPlan, type ReplayState } from '../ledger/backfill';
import { writeFileAtomic } from '../ledger/atomic';
import { LedgerStore, type LedgerStoreOptions } from '../ledger/store';
import type { GitClient } from '../ports';
import { RESULT_VERSION, type BackfillResult } from './results';
import { assertReadable } from './sync';

/** What the caller asks of a backfill. */
export interface BackfillRequest {
  /** Where the window starts: a date (`YYYY-MM-DD` or ISO; commits of that day on) or a revision (commits after it). The whole history when absent. */
  since?: string | null;
  dryRun?: boolean;
  signal?: AbortSignal;
  /** Progress: first-parent commits of the window replayed, of how many. */
  onProgress?: (done: number, total: number) => void;
  /** Milliseconds between checkpoints (tests set 0). Default 5 000. */
  checkpointEveryMs?: number;
}

/** What the use case needs besides the request. */
export interface BackfillContext {
  root: string;
  config: PaydownConfig;
  git: GitClient | null;
  ledger?: LedgerStoreOptions;
}

/** The checkpoint file of a workspace. */
export function backfillCheckpointFile(root: string): string {
  return path.join(root, '.paydown', 'cache', 'backfill.json');
}

/** Runs a backfill (see the module comment). */
export async function backfillWorkspace(context: BackfillContext, request: BackfillRequest = {}): Promise<BackfillResult> {
  const { git, config, root } = context;
  if (!git || !(await git.isRepository())) throw new PaydownError('git-failed', `${root} is not in a git repository: backfill reads the history from git`, 'Run it inside a git work tree.');
  const started = Date.now();
  const head = await git.head();
  const since = request.since ? await windowStart(git, request.since, request.signal) : null;
  const file = backfillCheckpointFile(root);
  const resume = readCheckpoint(file);
  const save = (state: ReplayState): void => {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      writeFileAtomic(file, JSON.stringify(state));
    } catch {
      // A checkpoint is a convenience: without one, an interrupted run starts again.
    }
  };
  const replay = await replayHistory({
    git,
    annotations: config.annotations,
    include: config.scan.include,
    exclude: config.scan.exclude,
    maxFileSize: config.scan.maxFileSize,
    since: since?.commit ?? null,
    resume,
    signal: request.signal,
    onProgress: request.onProgress,
    onCheckpoint: save,
    checkpointEveryMs: request.checkpointEveryMs,
  });
  const resumed = resume !== null && resume.key === replay.state.key && resume.done > 0;
  save(replay.state);

  const store = LedgerStore.open(root, context.ledger);
  const snapshot = await store.load();
  assertReadable(snapshot.errors, 'backfill again');
  let plan: BackfillPlan = planBackfill(replay.state, snapshot.items);
  if (!request.dryRun && plan.items.length > 0) {
    // Under the lock, against fresh state: another writer may have changed the ledger since the read.
    plan = await store.update((tx) => {
      assertReadable(tx.errors, 'backfill again');
      const fresh = planBackfill(replay.state, tx.all());
      for (const item of fresh.items) tx.put(item);
      return fresh;
    });
  }
  return {
    kind: 'backfill',
    version: RESULT_VERSION,
    dryRun: request.dryRun ?? false,
    // The workspace's use case records the code's debt first and says how much.
    recorded: 0,
    head,
    since,
    commits: replay.commits,
    commitsRead: replay.commitsRead,
    blobs: replay.blobs,
    resumed,
    durationMs: Date.now() - started,
    plan,
  };
}

/** The commit a window starts after: for a date, the last first-parent commit before it; for a revision, that commit. */
async function windowStart(git: GitClient, since: string, signal?: AbortSignal): Promise<BackfillResult['since']> {
  const opts = signal ? { signal } : {};
  if (/^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(since)) {
    const when = /^\d{4}-\d{2}-\d{2}$/.test(since) ? `${since}T00:00:00Z` : since;
    if (Number.isNaN(Date.parse(when))) throw new PaydownError('usage', `--since ${since} is not a date`, 'Give a date as YYYY-MM-DD, or a commit.');
    const out = await git.run(['rev-list', '--first-parent', '-n', '1', `--before=${when}`, 'HEAD'], opts);
    const commit = out.stdout.trim();
    return { input: since, commit: commit === '' ? null : commit };
  }
  const out = await git.run(['rev-parse', '--verify', '-q', '--end-of-options', `${since}^{commit}`], { ...opts, okCodes: [0, 1, 128] });
  if (out.code !== 0) throw new PaydownError('usage', `--since ${since} is neither a date nor a commit git knows`, 'Give a date as YYYY-MM-DD, or a branch, tag or commit.');
  return { input: since, commit: out.stdout.trim() };
}

function readCheckpoint(file: string): ReplayState | null {
  try {
    const state = JSON.parse(fs.readFileSync(file, 'utf8')) as ReplayState;
    return state && state.format === 1 && Array.isArray(state.items) ? state : null;
  } catch {
    return null;
  }
}
