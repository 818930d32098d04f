/** The payload of `paydown sync --format json` (schemas/sync.schema.json). */
import { cellJson, type ActionOutcome, type CellJson, type TicketChanges, type TrackerSyncResult } from '../../engine';

export interface SyncActionJson {
  kind: string;
  itemId: string;
  outcome: ActionOutcome;
  message: string;
  /** The ticket's key (`owner/repo#412`), when there is one. */
  key: string | null;
  url: string | null;
  /** The ticket's state as the tracker answered or the ledger last knew it. */
  state: string | null;
  /** What the comment carries (`GH-412`), for references written back. */
  reference: string | null;
  file: string | null;
  line: number | null;
  /** In a Jupyter notebook: the comment's cell (from 0) and the tag's place there; `line` is the `.ipynb` file's. */
  cell?: CellJson;
  /** The commit that removed the debt, for closes. */
  commit: string | null;
  /** Why it is done (creates) or held (holds). */
  why: string | null;
  /** For updates: each field sent, from what the ticket was last told to the item's value now. */
  changes: TicketChanges | null;
}

export interface TrackerSyncJson {
  tracker: string;
  project: string;
  host: string;
  dryRun: boolean;
  apply: boolean;
  checked: boolean;
  notice: string | null;
  actions: SyncActionJson[];
  queue: { kind: string; itemId: string; key: string | null; queuedAt: string; reason: string; attempts: number; retryAt: string | null }[];
  summary: Record<ActionOutcome, number>;
  items: { considered: number; linked: number; openWithoutTicket: number };
  /** The sprints read from this tracker (`sprints.from`), or null when they do not come from it. */
  sprints: { scope: string; added: number | null; changed: number | null; removed: number | null; total: number | null; written: boolean; problem: string | null; cachedAt: string | null } | null;
}

export function syncJson(result: TrackerSyncResult): TrackerSyncJson {
  const summary: Record<ActionOutcome, number> = { done: 0, planned: 0, queued: 0, failed: 0, skipped: 0 };
  for (const r of result.results) summary[r.outcome]++;
  return {
    tracker: result.tracker,
    project: result.project,
    host: result.host,
    dryRun: result.dryRun,
    apply: result.apply,
    checked: result.checked,
    notice: result.notice,
    actions: result.results.map(({ action: a, outcome, message, ticket }) => {
      const remote = ticket ?? ('ticket' in a ? a.ticket : undefined);
      return {
        kind: a.kind,
        itemId: a.itemId,
        outcome,
        message,
        key: remote?.key ?? ('key' in a ? a.key : null),
        url: remote?.url ?? null,
        state: remote?.state ?? null,
        reference: 'reference' in a ? a.reference : (remote?.reference ?? null),
        file: 'file' in a ? a.file : null,
        line: 'line' in a ? a.line : null,
        ...cellJson('cell' in a ? a.cell : null),
        commit: 'commit' in a ? a.commit : null,
        why: a.kind === 'create' || a.kind === 'hold' ? a.why : null,
        changes: a.kind === 'update' ? a.changes : null,
      };
    }),
    queue: result.queue.map((e) => ({ kind: e.kind, itemId: e.itemId, key: e.key, queuedAt: e.queuedAt, reason: e.reason, attempts: e.attempts, retryAt: e.retryAt })),
    summary,
    items: { ...result.items },
    sprints: result.sprints
      ? {
          scope: result.sprints.scope,
          added: result.sprints.refresh?.added ?? null,
          changed: result.sprints.refresh?.changed ?? null,
          removed: result.sprints.refresh?.removed ?? null,
          total: result.sprints.refresh?.total ?? null,
          written: result.sprints.refresh?.written ?? false,
          problem: result.sprints.failure ? `${result.sprints.failure.reason}: ${result.sprints.failure.message}` : null,
          cachedAt: result.sprints.refresh?.fetchedAt ?? result.sprints.cachedAt,
        }
      : null,
  };
}
