/** `paydown ledger backfill`: its text, its JSON payload (schemas/ledger-backfill.schema.json) and its progress bar. */
import { formatNumber, plural, type BackfillResult } from '../../engine';
import type { Style } from './style';
import { safeText } from './terminal';

interface StampJson {
  at: string;
  commit: string | null;
}

export interface BackfillJson {
  dryRun: boolean;
  /** Items recorded first, as `ledger sync` does. */
  recorded: number;
  head: string | null;
  since: { input: string; commit: string | null } | null;
  commits: number;
  commitsRead: number;
  blobs: number;
  resumed: boolean;
  durationMs: number;
  commitsPerSecond: number;
  counts: { matched: number; firstSeen: number; resolved: number; created: number; unrecorded: number; unexplained: number };
  /** The files of the `unrecorded` debt, sorted. */
  unrecordedFiles: string[];
  items: {
    id: string;
    file: string;
    title: string;
    action: 'created' | 'updated';
    firstSeen: { from: StampJson | null; to: StampJson } | null;
    resolved: { from: (StampJson & { author: string | null }) | null; to: StampJson & { author: string | null } } | null;
  }[];
}

function rate(result: BackfillResult): number {
  return result.durationMs > 0 ? Math.round((result.commits / result.durationMs) * 1000) : result.commits;
}

/** The `ledger-backfill` payload. */
export function backfillJson(result: BackfillResult): BackfillJson {
  return {
    dryRun: result.dryRun,
    recorded: result.recorded,
    head: result.head,
    since: result.since,
    commits: result.commits,
    commitsRead: result.commitsRead,
    blobs: result.blobs,
    resumed: result.resumed,
    durationMs: result.durationMs,
    commitsPerSecond: rate(result),
    counts: { ...result.plan.counts },
    unrecordedFiles: [...result.plan.unrecordedFiles],
    items: result.plan.outcomes.map((o) => ({
      id: o.id,
      file: o.file,
      title: o.title,
      action: o.action,
      firstSeen: o.firstSeen ? { from: o.firstSeen.from ? { at: o.firstSeen.from.at, commit: o.firstSeen.from.commit } : null, to: { at: o.firstSeen.to.at, commit: o.firstSeen.to.commit } } : null,
      resolved: o.resolved ? { from: o.resolved.from ? { ...o.resolved.from } : null, to: { ...o.resolved.to } } : null,
    })),
  };
}

const short = (commit: string | null): string => (commit ? commit.slice(0, 7) : 'no commit');
const day = (at: string): string => at.slice(0, 10);

/** The text of a backfill: one line of totals, then one line per item written. */
export function backfillToText(result: BackfillResult, style: Style): string {
  const { counts } = result.plan;
  const verb = result.dryRun ? 'Would backfill' : 'Backfilled';
  const window = result.since ? ` since ${safeText(result.since.input)}` : '';
  const lines = [
    ...(result.recorded > 0 ? [`Recorded ${plural(result.recorded, 'new item')} in the ledger first, as \`paydown ledger sync\` does.`] : []),
    `${verb} the ledger from ${plural(result.commits, 'commit')}${window} (${formatNumber(rate(result))} commits/s${result.resumed ? ', resumed from a checkpoint' : ''}): ` +
      `${counts.firstSeen} first seen, ${counts.resolved} resolved, ${counts.created} removed debt recorded`,
  ];
  for (const o of result.plan.outcomes) {
    const parts: string[] = [];
    if (o.firstSeen) parts.push(`first seen ${day(o.firstSeen.to.at)} ${short(o.firstSeen.to.commit)}`);
    if (o.resolved) parts.push(`resolved ${day(o.resolved.to.at)} ${short(o.resolved.to.commit)}${o.resolved.to.author ? ` by ${safeText(o.resolved.to.author)}` : ''}`);
    lines.push(`  ${o.action === 'created' ? style.green('+') : style.yellow('~')} ${o.id} ${safeText(o.title)} (${safeText(o.file)}): ${parts.join(', ')}`);
  }
  if (counts.unrecorded > 0) lines.push(`  ! ${unrecordedAdvice(result)}`);
  return `${lines.join('\n')}\n`;
}

/**
 * What to make of debt the history holds and the ledger does not. A real run has recorded the
 * code's debt first, so what is left is debt `ledger sync` never records: in a file git tracks but
 * the scan ignores, or one the work tree changed since the commit. A dry run recorded nothing.
 */
function unrecordedAdvice(result: BackfillResult): string {
  const { counts, unrecordedFiles } = result.plan;
  const shown = unrecordedFiles.slice(0, 3).map(safeText).join(', ');
  const more = unrecordedFiles.length > 3 ? ` and ${plural(unrecordedFiles.length - 3, 'more file')}` : '';
  const one = unrecordedFiles.length === 1;
  const where = `${one ? 'in' : 'in files'} ${shown}${more}`;
  if (result.dryRun) return `${counts.unrecorded} in the last commit but not in the ledger, ${where}: \`paydown ledger sync\` records those the scan reads (a backfill without --dry-run does it first)`;
  const them = one ? 'it' : 'them';
  return `${counts.unrecorded} in the last commit that \`paydown ledger sync\` does not record, ${where}: git tracks ${them}, but the scan ignores ${them} (.gitignore, .paydownignore) or the work tree changed ${them} since`;
}

/** A one-line progress bar on a terminal; nothing when `stream` is not one. */
export function progressBar(stream: NodeJS.WriteStream): { update(done: number, total: number): void; end(): void } {
  if (!stream.isTTY) return { update: () => undefined, end: () => undefined };
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = total > 0 ? Math.round((done / total) * width) : width;
      stream.write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${formatNumber(done)}/${formatNumber(total)} commits`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\u001b[K');
    },
  };
}
