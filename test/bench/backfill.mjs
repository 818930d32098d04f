// `npm run bench -- --only backfill`: `paydown ledger backfill` over a real repository's whole
// first-parent history (target: a repository of ≥ 20,000 commits in under 60 s). The repository
// is `--backfill-repo DIR` (or PAYDOWN_BACKFILL_REPO), default test/bench/.backfill-repo
// (gitignored): any clone or mirror, e.g. `git clone https://github.com/git/git test/bench/.backfill-repo`.
// It is cloned (`--shared`, no objects copied) into the bench's temp folder, synced once
// (untimed), then backfilled from scratch (timed), then once more from the checkpoint.
import { execFileSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** Under this many seconds for the whole history of a ≥ 20,000-commit repository. */
export const BACKFILL_TARGET_S = 60;
export const BACKFILL_MIN_COMMITS = 20_000;

const gitIn = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, stdio: ['ignore', 'pipe', 'pipe'] }).trim();

export async function measureBackfill(ctx, { timeProcess, round }) {
  const source = ctx.backfillRepo;
  if (!source || !existsSync(source)) {
    return [{ id: 'backfill', label: 'ledger backfill', value: null, display: `no repository: git clone https://github.com/git/git ${source ?? 'test/bench/.backfill-repo'}`, note: 'skipped (--backfill-repo DIR or PAYDOWN_BACKFILL_REPO)' }];
  }
  const repo = join(ctx.tmp, 'backfill-repo');
  rmSync(repo, { recursive: true, force: true });
  execFileSync('git', ['clone', '-q', '--shared', source, repo], { stdio: 'ignore' });
  const commits = Number(gitIn(repo, 'rev-list', '--first-parent', '--count', 'HEAD'));
  const cli = ctx.cli;
  const sync = await timeProcess(ctx, process.execPath, [cli, 'ledger', 'sync', '--no-cache'], { cwd: repo });
  const cold = await timeProcess(ctx, process.execPath, [cli, 'ledger', 'backfill', '--format', 'json'], { cwd: repo });
  const doc = JSON.parse(cold.stdout);
  const warm = await timeProcess(ctx, process.execPath, [cli, 'ledger', 'backfill', '--format', 'json'], { cwd: repo });
  const again = JSON.parse(warm.stdout);
  const seconds = cold.ms / 1000;
  const perSecond = Math.round(commits / seconds);
  const enough = commits >= BACKFILL_MIN_COMMITS;
  return [
    {
      id: 'backfill',
      label: `ledger backfill, ${commits.toLocaleString('en-US')} first-parent commits (${source.split('/').slice(-2).join('/')})`,
      value: round(seconds, 1),
      unit: 's',
      display: `${seconds.toFixed(1)} s, ${perSecond.toLocaleString('en-US')} commits/s, ${Math.round(cold.peakKB / 1024)} MB peak`,
      target: { max: BACKFILL_TARGET_S, text: `≤ ${BACKFILL_TARGET_S} s` },
      ok: seconds <= BACKFILL_TARGET_S,
      note: `${doc.commitsRead} commits touched debt, ${doc.blobs} file versions read; ${doc.counts.firstSeen} first seen, ${doc.counts.created} removed debt recorded; the sync before it took ${(sync.ms / 1000).toFixed(1)} s` + (enough ? '' : `; fewer than ${BACKFILL_MIN_COMMITS.toLocaleString('en-US')} commits: not the target's size`),
      commits,
      commitsPerSecond: perSecond,
    },
    {
      id: 'backfillAgain',
      label: 'ledger backfill again (from the checkpoint)',
      value: round(warm.ms / 1000, 2),
      unit: 's',
      display: `${(warm.ms / 1000).toFixed(2)} s, ${again.items.length} items changed`,
      ok: again.items.length === 0,
    },
  ];
}
