/**
 * The seam every issue tracker plugs into. The sync engine (plan, queue, run) speaks only these
 * types; each tracker (`github/`, and next `gitlab/`, `jira/`, `linear/`) implements
 * {@link TrackerClient} over the {@link TrackerHttp} request layer, which owns retries, rate
 * limits, pacing and where credentials may go.
 *
 * Invariants:
 * - Everything is keyed on the Paydown item id: a ticket's body carries it in a hidden marker
 *   ({@link ticketMarker}), so a ticket can always be found again, whatever happened to the line,
 *   the file, the branch or a lost response.
 * - A client never retries a write whose outcome is unknown (5xx, dropped connection after
 *   sending): it throws `TrackerError('outcome-unknown')`, and the engine looks the marker up
 *   before it tries again. Refused writes (rate limits: the tracker says it did nothing) are
 *   waited out and retried.
 * - A token is attached only to requests for the host it was given for, and appears in no
 *   message, log line, queue entry or ledger field.
 */

/** The trackers Paydown syncs with. */
export type TrackerKind = 'github' | 'gitlab' | 'jira' | 'linear';

export const TRACKER_KINDS: readonly TrackerKind[] = ['github', 'gitlab', 'jira', 'linear'];

/** Whether a tracker keeps an estimate on its tickets (GitLab's weight, Jira's story points, Linear's estimate; GitHub Issues have none). */
export function keepsEstimates(kind: TrackerKind): boolean {
  return kind !== 'github';
}

/** Open or closed: the two states every tracker maps onto (Jira: status category "done"). */
export type TicketState = 'open' | 'closed';

/** A ticket as read from its tracker. */
export interface RemoteTicket {
  tracker: TrackerKind;
  /** The ticket's key as the tracker shows it: `owner/repo#412`, `PROJ-12`, `ENG-7`. */
  key: string;
  /** What a comment carries to point at it: `GH-412` (the configured repository), `PROJ-12`. */
  reference: string;
  url: string;
  title: string;
  state: TicketState;
  /** Why it is in that state, as the tracker says: `completed`, `not_planned`, `reopened`, a Jira status. */
  stateReason: string | null;
  /** Tracker logins. */
  assignees: string[];
  /** Milestone, sprint, iteration or cycle name. */
  milestone: string | null;
  /** ISO 8601. */
  updatedAt: string;
  /** The Paydown item id of the ticket's marker, or null for a ticket Paydown did not create. */
  itemId: string | null;
}

/** What Paydown asks a tracker to create for one item. */
export interface TicketDraft {
  itemId: string;
  title: string;
  /** Markdown, ending with the item's marker. */
  body: string;
  labels: string[];
  /** Tracker logins. */
  assignees: string[];
  /**
   * The item's sprint name. Each tracker sets what it has of that name and leaves the rest out:
   * GitHub a milestone; GitLab a milestone and an iteration; Jira a sprint of the board; Linear a cycle.
   */
  milestone: string | null;
  /** The item's effort in points: GitLab's weight, Jira's story points, Linear's estimate (GitHub has none). */
  estimate: number | null;
}

/**
 * The fields of an existing ticket Paydown keeps in step with its item, each only when it changed
 * in Paydown since it was last sent (an absent field is left as the tracker has it). Everything
 * else — the description, labels, assignees — is written once, at creation, and then belongs to
 * the people working the ticket.
 */
export interface TicketPatch {
  /** The item's new title. */
  title?: string;
  /** The item's new sprint name, or null when it left its sprint (see {@link TicketDraft.milestone}). */
  milestone?: string | null;
  /** The item's new effort in points, or null when it lost its estimate (GitHub has none). */
  estimate?: number | null;
}

/** A sprint, iteration or cycle as its tracker keeps it. */
export interface TrackerSprint {
  /** The tracker's own id, as a string (Jira sprint `12`, GitLab iteration `71`, a Linear cycle's uuid, a GitHub iteration id). */
  id: string;
  /** Its name; trackers where names are optional (GitLab iterations, Linear cycles) get one from their number or dates. */
  name: string;
  /** `YYYY-MM-DD`, UTC calendar day, inclusive. */
  start: string;
  /** `YYYY-MM-DD`, UTC calendar day, inclusive (an end instant at midnight belongs to the day before). */
  end: string;
  /** Capacity in points when the tracker keeps one, else null. */
  capacity: number | null;
  /** Where it stands as the tracker says, or null when it does not say. */
  state: 'closed' | 'active' | 'future' | null;
}

/** Where a tracker keeps a team's sprints: a Jira board, a GitLab group or project, a Linear team, a GitHub project. */
export interface SprintSource {
  readonly kind: TrackerKind;
  /** The API's host, as messages name it. */
  readonly host: string;
  /** What is read, as users name it: `board 12`, `group acme`, `team ENG`, `acme's project 3`. */
  readonly scope: string;
  /** Every sprint the source has (past, current and future), all pages, in start order. */
  listSprints(signal?: AbortSignal): Promise<TrackerSprint[]>;
}

/** One tracker project (a GitHub repository, a GitLab project, a Jira project, a Linear team). */
export interface TrackerClient {
  readonly kind: TrackerKind;
  /** The API's host, as messages name it (`api.github.com`). */
  readonly host: string;
  /** The project as its users name it (`owner/repo`). */
  readonly project: string;
  /**
   * The tickets carrying a Paydown marker for any of `itemIds`, in every state, by item id: the
   * lookup before every create. Reads a consistent listing (not only a lagging search index).
   */
  findByMarkers(itemIds: readonly string[], signal?: AbortSignal): Promise<Map<string, RemoteTicket>>;
  /** One ticket by its key, or null when it no longer exists (deleted, moved, no access). */
  get(key: string, signal?: AbortSignal): Promise<RemoteTicket | null>;
  create(draft: TicketDraft, signal?: AbortSignal): Promise<RemoteTicket>;
  /**
   * Sends `patch` to an open ticket and answers the ticket as the tracker has it then. A sprint
   * name the tracker does not have takes the ticket out of its old one (said in the log): it is
   * not in that sprint any more. Idempotent: sending the same patch twice changes nothing the second time.
   */
  update(key: string, patch: TicketPatch, signal?: AbortSignal): Promise<RemoteTicket>;
  /** Closes a ticket with a comment saying why; closing a closed ticket only adds nothing. */
  close(key: string, comment: string, signal?: AbortSignal): Promise<RemoteTicket>;
  /** Tickets changed at or after `since` (ISO 8601), all pages; every ticket when null. */
  changedSince(since: string | null, signal?: AbortSignal): Promise<RemoteTicket[]>;
}

/** Why a tracker operation failed; what the engine does about it depends on it. */
export type TrackerErrorReason =
  /** No answer (network down, DNS, timeout): queued, replayed later. */
  | 'offline'
  /** A write was sent and no clear answer came back (5xx, dropped): look the marker up before retrying. */
  | 'outcome-unknown'
  /** Limits left no room within the wait the caller allows: queued until `retryAt`. */
  | 'rate-limited'
  /** 401: the token is missing, wrong or expired. */
  | 'unauthorized'
  /** 403 (not a rate limit) or 404 on the project: the token cannot reach it. */
  | 'forbidden'
  /** 404 on a ticket. */
  | 'not-found'
  /** 422 / 400: the tracker refused the content (a label, an assignee). */
  | 'invalid'
  /**
   * A request would have taken the token to another host than the one it was given for (a
   * config's `apiUrl`, a `Link` or a redirect pointing elsewhere): refused before sending.
   */
  | 'untrusted-host'
  /** Anything else the tracker answered. */
  | 'failed';

/** What a TrackerError knows beyond its message. */
export interface TrackerErrorDetails {
  /** The HTTP status answered, when there was one. */
  status?: number;
  /** ISO 8601: when a rate-limited operation may be tried again. */
  retryAt?: string;
  /** A one-line hint on what to do about it. */
  hint?: string;
  /** The request fields the tracker named as invalid (GitHub 422 `errors[].field`: `assignees`). */
  fields?: string[];
}

/** Marks a TrackerError in a way every bundle's copy of this module agrees on. */
const TRACKER_BRAND = Symbol.for('paydown.TrackerError');

/** An error a tracker client raises; messages never hold a token. */
export class TrackerError extends Error {
  override readonly name = 'TrackerError';
  readonly [TRACKER_BRAND] = true;
  constructor(
    readonly reason: TrackerErrorReason,
    message: string,
    readonly details: TrackerErrorDetails = {},
  ) {
    super(message);
  }

  /** True for a TrackerError (of `reason`, when given), across bundles. */
  static is(err: unknown, reason?: TrackerErrorReason): err is TrackerError {
    const ours = typeof err === 'object' && err !== null && (err as Record<symbol, unknown>)[TRACKER_BRAND] === true;
    return ours && (reason === undefined || (err as TrackerError).reason === reason);
  }
}

/** The hidden marker a ticket body ends with: `<!-- paydown:PD-7Q2K -->`. */
export function ticketMarker(itemId: string): string {
  return `<!-- paydown:${itemId} -->`;
}

/**
 * The marker as a line of its own, `paydown:PD-7Q2K`: for trackers whose editors show an HTML
 * comment as text (Jira, Linear), a quiet last line beats a visible `<!-- … -->`.
 */
export function visibleTicketMarker(itemId: string): string {
  return `paydown:${itemId}`;
}

const MARKER = /<!--\s*paydown:(PD-[0-9A-HJKMNP-TV-Z]{4,8})\s*-->/;
/** A line holding only the visible marker; a mention inside a sentence is not one. */
const MARKER_LINE = /^[ \t]*paydown:(PD-[0-9A-HJKMNP-TV-Z]{4,8})[ \t]*$/m;

/** The item id of a ticket body's marker (hidden or visible form), or null. */
export function markerItemId(body: string | null | undefined): string | null {
  return body ? (MARKER.exec(body)?.[1] ?? MARKER_LINE.exec(body)?.[1] ?? null) : null;
}
