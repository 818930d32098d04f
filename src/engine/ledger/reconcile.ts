/**
 * Reconcile: which ledger item each annotation found in the code is, and what changes in the
 * ledger because of it. A pure, deterministic function: no I/O, no clock, no randomness except
 * through the `IdSource` it is given.
 *
 * Matching ladder (each pass only looks at what is still unmatched):
 *  1. Explicit id: a comment that carries `PD-…` is that item, wherever it moved. An id the
 *     ledger does not know yet becomes a new item with exactly that id. When two comments carry
 *     the same id (a copied comment), the one where the item was (same file, then same text) gets
 *     it, else the first in file order (path, then line); the other is reported as a
 *     `duplicate-id` problem and matched as if it carried no id (so it keeps a stable identity of
 *     its own from the next sync on).
 *  2. Same place: same file and same fingerprint (tag + normalised title). The line may have
 *     moved. Several identical comments in one file pair with the items in line order (least
 *     total distance, never crossing). Items still in the code are paired before resolved ones,
 *     so a comment never reopens an old look-alike while its own item is there.
 *  3. Renamed or moved file: (a) the item's file was renamed according to git (old → new path,
 *     chains followed), and the new file holds the same fingerprint; (b) without git's help, the
 *     same fingerprint appears in exactly one other place, the item is the only unmatched one with
 *     that fingerprint, and the item's last-seen file no longer holds it.
 *  4. Lightly edited: same file (or its git rename), same tag, title similarity at least
 *     {@link TITLE_SIMILARITY_THRESHOLD} (Dice over character bigrams), or one title the other
 *     with words added at its end (`oneExtendsTheOther`), and the line within
 *     {@link EDIT_LINE_WINDOW} lines. Best pairs first (similarity, then distance, then position,
 *     then id), greedily, so the result never depends on input order.
 *  5. Anything else is a new item with a fresh random id.
 * Each rung is one function below (`matchExplicitIds` … `matchEdited`, then `settle`), sharing a
 * {@link Matching} of what is matched so far; `reconcile` runs them in this order.
 * Passes 3b and 4 consider only items still in the code (not `resolved`): a long-resolved item is
 * brought back only by its explicit id or by the same text returning to the same (or git-renamed)
 * file, never by a look-alike.
 *
 * Files that exist but the scan did not read (`unread`: too large, excluded, unreadable, …) hold
 * what they held: their items are neither resolved nor taken by a look-alike elsewhere (pass 3b),
 * only reported in `unchecked`. An item is resolved only when its file was read and its comment
 * is gone, or its file is gone.
 *
 * Location rule: an item's `file` is rewritten when its file changed, but its `line` only when the
 * item is rewritten anyway for another reason. A line that merely shifted (code added above it)
 * does not touch the ledger, so two branches editing the same source file do not conflict over
 * items neither of them changed. Consumers overlay the live position from a scan (the `matches`
 * of the result carry it). Moves never append history events.
 */
import type { CellPosition, DebtItem } from '../model';
import { normaliseTitle } from '../scanner/grammar/fingerprint';
import { normaliseItemId } from '../itemIds';
import { itemPlace } from '../present';
import { randomIdSource, type IdSource } from './ids';
import { ledgerCellOf, movedTo, recordedPlace, type Editable, type LedgerEvent, type LedgerItem, type ResolutionStamp } from './model';
import { bigrams, diceOfBigrams, oneExtendsTheOther, similarityText, TITLE_SIMILARITY_THRESHOLD } from './similarity';

/** How far (in lines) a lightly edited comment may be from the item's last recorded line. */
export const EDIT_LINE_WINDOW = 200;

/** Above this many candidate pairs in one file, the edit pass skips that file (its leftovers become new items). */
const MAX_EDIT_PAIRS_PER_FILE = 250_000;

/** Above this many cells, identical comments in one file are paired in one greedy walk rather than optimally. */
const MAX_LINE_DP_CELLS = 1_000_000;

/** How a scanned comment was matched to its ledger item. */
export type MatchKind = 'explicit' | 'same-place' | 'moved-line' | 'renamed' | 'edited' | 'new';

/** The ledger item one scanned comment is, and how that was decided. */
export interface ItemMatch {
  /** Index of the comment in the `scanned` input. */
  index: number;
  /** Where the comment is now (live position). */
  file: string;
  line: number;
  /** In a Jupyter notebook: the comment's cell and place there. */
  cell?: CellPosition;
  id: string;
  kind: MatchKind;
  /** Where the ledger had the item before; null for a new item. */
  previous: { file: string; line: number } | null;
}

/** Something the user should fix, found while reconciling; never fatal. */
export interface ReconcileProblem {
  code: 'duplicate-id';
  severity: 'warning';
  file: string;
  line: number;
  column: number;
  id: string;
  message: string;
}

/** What reconcile needs. */
export interface ReconcileInput {
  /** Every annotation a scan found (any order). */
  scanned: readonly DebtItem[];
  /** Every item in the ledger, of any status. */
  ledger: readonly LedgerItem[];
  /** Files git saw renamed or moved: old path → new path (workspace-relative). May be empty. */
  renames?: ReadonlyMap<string, string>;
  /** ISO time stamped on new items and events. */
  now: string;
  /** The current commit, or null outside git. */
  commit: string | null;
  /** Id generator; secure random by default. */
  ids?: IdSource;
  /** Files (workspace-relative) that exist but the scan did not read: their items stay as they are. */
  unread?: ReadonlySet<string>;
  /** Overrides of the documented thresholds (tests, tuning). */
  similarityThreshold?: number;
  editLineWindow?: number;
}

/** What changes in the ledger. Input objects are never mutated; every item here is a new object. */
export interface ReconcileResult {
  /** One per scanned comment, in the order of `scanned`. */
  matches: ItemMatch[];
  /** New items, in file order. */
  created: LedgerItem[];
  /** Existing items that must be rewritten (including reopened ones), in id order. */
  updated: LedgerItem[];
  /**
   * Items that left the code, marked resolved with a default stamp (now, commit and author
   * unknown). Re-stamp them with {@link markResolved} when git can tell more. In id order.
   */
  resolved: LedgerItem[];
  /** Ids of resolved items whose comment came back (they are also in `updated`). */
  reopened: string[];
  /** Matched items that need no write (possibly with a shifted line). */
  unchanged: number;
  /** Ids of unmatched items left as they are because their file is in `unread`, in id order. */
  unchecked: string[];
  problems: ReconcileProblem[];
}

interface Pair {
  comment: number;
  item: LedgerItem;
  kind: MatchKind;
}

/** Matches scanned comments with ledger items and computes the ledger's changes. Pure and deterministic. */
export function reconcile(input: ReconcileInput): ReconcileResult {
  const m = new Matching(input);
  const claimed = matchExplicitIds(m);
  matchSamePlace(m);
  matchGitRenames(m);
  matchMovedWithoutGit(m, input.unread ?? new Set<string>());
  matchEdited(m, input.similarityThreshold ?? TITLE_SIMILARITY_THRESHOLD, input.editLineWindow ?? EDIT_LINE_WINDOW);
  return settle(m, claimed, input);
}

/** What the rungs of the ladder share: the input, and what is matched so far. */
class Matching {
  readonly scanned: readonly DebtItem[];
  readonly ledger: readonly LedgerItem[];
  readonly renames: ReadonlyMap<string, string>;
  /** Indexes of `scanned` in file order: every rung walks comments in it. */
  readonly order: number[];
  readonly itemById = new Map<string, LedgerItem>();
  /** Per comment, the item it is (once a rung decided). */
  readonly pairOf: (Pair | undefined)[];
  readonly matchedItems = new Set<string>();
  /** Comments that carry an id the ledger does not know: new items with exactly that id. */
  readonly explicitNew = new Map<number, string>();
  readonly problems: ReconcileProblem[] = [];

  constructor(input: ReconcileInput) {
    this.scanned = input.scanned;
    this.ledger = input.ledger;
    this.renames = input.renames ?? new Map<string, string>();
    this.order = fileOrder(input.scanned);
    for (const item of input.ledger) this.itemById.set(item.id, item);
    this.pairOf = new Array(input.scanned.length);
  }

  match(comment: number, item: LedgerItem, kind: MatchKind): void {
    this.pairOf[comment] = { comment, item, kind };
    this.matchedItems.add(item.id);
  }

  /** The comments no rung has decided yet, in file order. */
  unsettled(): number[] {
    return this.order.filter((i) => this.pairOf[i] === undefined && !this.explicitNew.has(i));
  }

  /** Unmatched items still in the code (not `resolved`). */
  live(): LedgerItem[] {
    return this.ledger.filter((it) => !this.matchedItems.has(it.id) && it.status !== 'resolved');
  }

  renamedPath(file: string): string | null {
    return followRenames(file, this.renames);
  }
}

/** Rung 1: explicit ids (and `duplicate-id` problems). Returns every id a comment carries, for the new items' ids to avoid. */
function matchExplicitIds(m: Matching): ReadonlyMap<string, number[]> {
  const { scanned } = m;
  const claimants = new Map<string, number[]>();
  for (const i of m.order) {
    const raw = scanned[i]!.id;
    if (raw === null) continue;
    const id = normaliseItemId(raw) ?? raw.trim().toUpperCase();
    const list = claimants.get(id);
    if (list) list.push(i);
    else claimants.set(id, [i]);
  }
  for (const [id, list] of claimants) {
    const item = m.itemById.get(id);
    let winner = list[0]!;
    if (item && list.length > 1) {
      // A copied comment does not take the id from the original: prefer the comment where the item was.
      const home = m.renamedPath(item.file) ?? item.file;
      const rank = (i: number): number => (scanned[i]!.file === home ? 0 : 2) + (scanned[i]!.fingerprint === item.fingerprint ? 0 : 1);
      for (const i of list) if (rank(i) < rank(winner)) winner = i;
    }
    if (item) m.match(winner, item, 'explicit');
    else m.explicitNew.set(winner, id);
    const w = scanned[winner]!;
    for (const i of list) {
      if (i === winner) continue;
      const c = scanned[i]!;
      m.problems.push({
        code: 'duplicate-id',
        severity: 'warning',
        file: c.file,
        line: c.line,
        column: c.column,
        id,
        message: `${id} is already used by the comment at ${itemPlace(w)}; this comment is tracked as a separate item. Remove the id from one of them.`,
      });
    }
  }
  return claimants;
}

/**
 * Rung 2: same file, same fingerprint. Items still in the code first, so a comment never reopens
 * an old resolved look-alike while its own item is there.
 */
function matchSamePlace(m: Matching): void {
  for (const resolvedRound of [false, true]) {
    pairGroups(
      m.scanned,
      m.unsettled(),
      m.ledger.filter((it) => !m.matchedItems.has(it.id) && (it.status === 'resolved') === resolvedRound),
      (it) => it.file,
      (i, item) => m.match(i, item, m.scanned[i]!.line === item.line ? 'same-place' : 'moved-line'),
    );
  }
}

/** Rung 3a: the item's file was renamed according to git, and the new file holds the fingerprint (live items first). */
function matchGitRenames(m: Matching): void {
  if (m.renames.size === 0) return;
  for (const resolvedRound of [false, true]) {
    pairGroups(
      m.scanned,
      m.unsettled(),
      m.ledger.filter((it) => !m.matchedItems.has(it.id) && (it.status === 'resolved') === resolvedRound && m.renamedPath(it.file) !== null),
      (it) => m.renamedPath(it.file)!,
      (i, item) => m.match(i, item, 'renamed'),
    );
  }
}

/**
 * Rung 3b: moved without git's help: a fingerprint unique among live items and unsettled
 * comments, gone from the item's file (which was read) and found in another.
 */
function matchMovedWithoutGit(m: Matching, unread: ReadonlySet<string>): void {
  const { scanned } = m;
  let fingerprintsByFile: Map<string, Set<string>> | undefined;
  const fileHolds = (file: string, fp: string): boolean => {
    if (!fingerprintsByFile) {
      fingerprintsByFile = new Map();
      for (const c of scanned) {
        let set = fingerprintsByFile.get(c.file);
        if (!set) fingerprintsByFile.set(c.file, (set = new Set()));
        set.add(c.fingerprint);
      }
    }
    return fingerprintsByFile.get(file)?.has(fp) === true;
  };
  const commentsByFp = groupBy(m.unsettled(), (i) => scanned[i]!.fingerprint);
  const itemsByFp = groupBy(m.live(), (it) => it.fingerprint);
  for (const [fp, items] of itemsByFp) {
    const comments = commentsByFp.get(fp);
    if (items.length !== 1 || comments?.length !== 1) continue;
    const item = items[0]!;
    const i = comments[0]!;
    // An unread file may well still hold it: the look-alike elsewhere is a copy, not a move.
    if (unread.has(item.file)) continue;
    const stillThere = fileHolds(item.file, fp);
    if (!stillThere && scanned[i]!.file !== item.file) m.match(i, item, 'renamed');
  }
}

/** Rung 4: lightly edited titles, within a file (or its git rename), best pairs first. */
function matchEdited(m: Matching, threshold: number, window: number): void {
  const { scanned } = m;
  const commentsByFile = groupBy(m.unsettled(), (i) => scanned[i]!.file);
  const itemsByFile = groupBy(m.live(), (it) => m.renamedPath(it.file) ?? it.file);
  const grams = new Map<number, Map<string, number>>();
  const texts = new Map<number, string>();
  const textOf = (i: number): string => {
    let t = texts.get(i);
    if (t === undefined) texts.set(i, (t = similarityText(scanned[i]!.title)));
    return t;
  };
  const gramsOf = (i: number): Map<string, number> => {
    let g = grams.get(i);
    if (!g) grams.set(i, (g = bigrams(textOf(i))));
    return g;
  };
  for (const file of [...itemsByFile.keys()].sort()) {
    const comments = commentsByFile.get(file);
    const items = itemsByFile.get(file)!;
    if (!comments || comments.length * items.length > MAX_EDIT_PAIRS_PER_FILE) continue;
    const candidates: { i: number; item: LedgerItem; score: number; distance: number }[] = [];
    for (const item of items) {
      const itemText = similarityText(item.title);
      const itemGrams = bigrams(itemText);
      for (const i of comments) {
        const c = scanned[i]!;
        if (c.tag !== item.tag) continue;
        const distance = Math.abs(c.line - item.line);
        if (distance > window) continue;
        let score = diceOfBigrams(itemGrams, gramsOf(i));
        // A sentence that went on (or was cut back) is the same item, however much was added.
        if (score < threshold && oneExtendsTheOther(itemText, textOf(i))) score = threshold;
        if (score >= threshold) candidates.push({ i, item, score, distance });
      }
    }
    candidates.sort(
      (a, b) =>
        b.score - a.score ||
        a.distance - b.distance ||
        scanned[a.i]!.line - scanned[b.i]!.line ||
        scanned[a.i]!.column - scanned[b.i]!.column ||
        compareStrings(a.item.id, b.item.id),
    );
    for (const cand of candidates) {
      if (m.pairOf[cand.i] !== undefined || m.matchedItems.has(cand.item.id)) continue;
      m.match(cand.i, cand.item, 'edited');
    }
  }
}

/**
 * Rung 5 and the result: every comment still unmatched is a new item (its explicit id, else a
 * fresh one none of `claimed` or the ledger's ids); matched items are refreshed from their
 * comments; unmatched items in the code are resolved, or `unchecked` when their file was not read.
 */
function settle(m: Matching, claimed: ReadonlyMap<string, number[]>, input: ReconcileInput): ReconcileResult {
  const { scanned, ledger } = m;
  const { now, commit } = input;
  const ids = input.ids ?? randomIdSource();
  const unread = input.unread ?? new Set<string>();
  const taken = new Set<string>(m.itemById.keys());
  for (const id of claimed.keys()) taken.add(id);
  const matches: ItemMatch[] = new Array(scanned.length);
  const created: LedgerItem[] = [];
  const updated: LedgerItem[] = [];
  const reopened: string[] = [];
  let unchanged = 0;
  for (const i of m.order) {
    const c = scanned[i]!;
    const pair = m.pairOf[i];
    if (pair) {
      const outcome = updateItem(pair.item, c, now, commit, ids);
      if (outcome.item === pair.item) unchanged++;
      else updated.push(outcome.item);
      if (outcome.reopened) reopened.push(pair.item.id);
      matches[i] = { index: i, file: c.file, line: c.line, ...(c.cell ? { cell: c.cell } : {}), id: pair.item.id, kind: pair.kind, previous: { file: pair.item.file, line: pair.item.line } };
      continue;
    }
    const id = m.explicitNew.get(i) ?? ids.itemId(taken);
    taken.add(id);
    created.push(newItem(id, c, now, commit, ids));
    matches[i] = { index: i, file: c.file, line: c.line, ...(c.cell ? { cell: c.cell } : {}), id, kind: 'new', previous: null };
  }

  const resolved: LedgerItem[] = [];
  const unchecked: string[] = [];
  for (const item of ledger) {
    if (m.matchedItems.has(item.id) || item.status === 'resolved') continue;
    if (unread.has(item.file)) unchecked.push(item.id);
    else resolved.push(markResolved(item, { at: now, commit: null, author: null }, ids.eventId()));
  }
  const byId = (a: LedgerItem, b: LedgerItem): number => compareStrings(a.id, b.id);
  updated.sort(byId);
  resolved.sort(byId);
  reopened.sort(compareStrings);
  unchecked.sort(compareStrings);
  return { matches, created, updated, resolved, reopened, unchanged, unchecked, problems: m.problems };
}

/**
 * The item marked as having left the code: status `resolved`, the stamp (when, which commit and
 * who, where git can tell), and a `resolved` history event. The hook sync uses to put git's
 * answer on items reconcile resolved with a default stamp; pass the same `eventId` to keep the
 * event's id.
 */
export function markResolved(item: LedgerItem, stamp: ResolutionStamp, eventId: string): LedgerItem {
  const event: LedgerEvent = { id: eventId, at: stamp.at, type: 'resolved', from: item.status, to: 'resolved', commit: stamp.commit, by: stamp.author };
  return { ...item, status: 'resolved', resolved: stamp, history: [...item.history, event] };
}

/**
 * A resolved item whose resolution git has now answered: the stamp, and its last `resolved` event
 * moved to the same time, commit and author when that event named no commit yet (a sync that
 * knew only its own time), so the history and the stamp tell one story.
 */
export function withResolutionStamp(item: LedgerItem, stamp: ResolutionStamp): LedgerItem {
  let last = -1;
  item.history.forEach((e, i) => {
    if (e.type === 'resolved') last = i;
  });
  const history = item.history.map((e, i): LedgerEvent => (i === last && (e.commit ?? null) === null ? { ...e, at: stamp.at, commit: stamp.commit, by: stamp.author } : e));
  return { ...item, resolved: { ...stamp }, history };
}

function newItem(id: string, c: DebtItem, now: string, commit: string | null, ids: IdSource): LedgerItem {
  return {
    id,
    status: 'open',
    tag: c.tag,
    title: c.title,
    fingerprint: c.fingerprint,
    owners: [...c.owners],
    labels: [...c.labels],
    ...recordedPlace(c),
    firstSeen: { at: now, commit },
    resolved: null,
    sprint: c.sprint,
    effort: fromComment(c.effort),
    impact: fromComment(c.impact),
    outcome: fromComment(c.outcome),
    trackers: [],
    history: [{ id: ids.eventId(), at: now, type: 'created', commit }],
  };
}

function fromComment<T>(value: T | null): Editable<T> {
  return { value, source: 'comment', comment: value };
}

/**
 * The comment's value when it changed since the last reconcile; otherwise a UI edit is kept.
 * Returns `prev` itself when nothing changes.
 */
export function mergeEditable<T>(prev: Editable<T>, comment: T | null): Editable<T> {
  if (prev.comment !== comment) return fromComment(comment);
  if (prev.source === 'ui' || prev.value === comment) return prev;
  return fromComment(comment);
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The item refreshed from its comment; the same object when nothing needs writing. */
function updateItem(prev: LedgerItem, c: DebtItem, now: string, commit: string | null, ids: IdSource): { item: LedgerItem; reopened: boolean } {
  const effort = mergeEditable(prev.effort, c.effort);
  const impact = mergeEditable(prev.impact, c.impact);
  const outcome = mergeEditable(prev.outcome, c.outcome);
  const reopen = prev.status === 'resolved';
  if (
    !reopen &&
    prev.title === c.title &&
    prev.tag === c.tag &&
    prev.fingerprint === c.fingerprint &&
    sameList(prev.owners, c.owners) &&
    sameList(prev.labels, c.labels) &&
    prev.file === c.file &&
    // A notebook item recorded without its cell (before schema 1.4, or whose line an older
    // Paydown moved) is written once, to record it; a line that only shifted is still not.
    (c.cell === undefined || ledgerCellOf(prev) !== null) &&
    effort === prev.effort &&
    impact === prev.impact &&
    outcome === prev.outcome
  ) {
    return { item: prev, reopened: false };
  }

  const events: LedgerEvent[] = [];
  const event = (e: Omit<LedgerEvent, 'id' | 'at' | 'commit'>): void => {
    events.push({ id: ids.eventId(), at: now, ...e, commit });
  };
  const next: LedgerItem = { ...movedTo(prev, c), tag: c.tag, title: c.title, fingerprint: c.fingerprint, owners: [...c.owners], labels: [...c.labels], effort, impact, outcome };
  if (reopen) {
    next.status = 'open';
    next.resolved = null;
    event({ type: 'reopened', from: 'resolved', to: 'open' });
  }
  if (normaliseTitle(prev.title) !== normaliseTitle(c.title)) event({ type: 'retitled', from: prev.title, to: c.title });
  if (prev.tag !== c.tag) event({ type: 'field', field: 'tag', from: prev.tag, to: c.tag });
  if (effort.value !== prev.effort.value) event({ type: 'field', field: 'effort', from: prev.effort.value, to: effort.value });
  if (impact.value !== prev.impact.value) event({ type: 'field', field: 'impact', from: prev.impact.value, to: impact.value });
  if (outcome.value !== prev.outcome.value) event({ type: 'field', field: 'outcome', from: prev.outcome.value, to: outcome.value });
  if (events.length > 0) next.history = [...prev.history, ...events];
  return { item: next, reopened: reopen };
}

/** Where `file` ended up after the renames (chains followed), or null when it was not renamed. */
export function followRenames(file: string, renames: ReadonlyMap<string, string>): string | null {
  let current = file;
  for (let hops = 0; hops < 64; hops++) {
    const next = renames.get(current);
    if (next === undefined || next === file) break;
    current = next;
  }
  return current === file ? null : current;
}

/**
 * Pairs comments and items that share a file (the item's file as `fileOf` says) and a
 * fingerprint, by line within each group.
 */
function pairGroups(
  scanned: readonly DebtItem[],
  comments: readonly number[],
  items: readonly LedgerItem[],
  fileOf: (item: LedgerItem) => string,
  onPair: (comment: number, item: LedgerItem) => void,
): void {
  // file → fingerprint → comments (in file order, as `comments` arrives)
  const commentGroups = new Map<string, Map<string, number[]>>();
  for (const i of comments) {
    const c = scanned[i]!;
    let byFp = commentGroups.get(c.file);
    if (!byFp) commentGroups.set(c.file, (byFp = new Map()));
    const g = byFp.get(c.fingerprint);
    if (g) g.push(i);
    else byFp.set(c.fingerprint, [i]);
  }
  const itemGroups = new Map<number[], LedgerItem[]>();
  for (const item of items) {
    const groupComments = commentGroups.get(fileOf(item))?.get(item.fingerprint);
    if (!groupComments) continue;
    const g = itemGroups.get(groupComments);
    if (g) g.push(item);
    else itemGroups.set(groupComments, [item]);
  }
  for (const [groupComments, groupItems] of itemGroups) {
    if (groupComments.length === 1 && groupItems.length === 1) {
      onPair(groupComments[0]!, groupItems[0]!);
      continue;
    }
    groupItems.sort((a, b) => a.line - b.line || compareStrings(a.id, b.id));
    for (const [ci, ii] of pairByLine(groupComments.map((i) => scanned[i]!.line), groupItems.map((it) => it.line))) {
      onPair(groupComments[ci]!, groupItems[ii]!);
    }
  }
}

/**
 * Pairs two sorted lists of lines so that as many as possible pair and the total distance is
 * smallest, without crossing (the first identical TODO stays the first). Returns index pairs
 * `[comment, item]`.
 */
export function pairByLine(comments: readonly number[], items: readonly number[]): [number, number][] {
  const n = comments.length;
  const m = items.length;
  if (n === m) return comments.map((_, i) => [i, i]);
  const swap = n > m;
  const small = swap ? items : comments;
  const large = swap ? comments : items;
  const s = small.length;
  const l = large.length;
  const out: [number, number][] = [];
  const push = (si: number, li: number): void => {
    out.push(swap ? [li, si] : [si, li]);
  };
  if (s === 0) return out;
  if ((s + 1) * (l + 1) > MAX_LINE_DP_CELLS) {
    // Huge groups of identical comments: walk both lists once, each of the smaller list taking
    // the nearest free line of the larger that still leaves room for the ones after it.
    let from = 0;
    for (let a = 0; a < s; a++) {
      const last = l - (s - a);
      let best = from;
      for (let b = from + 1; b <= last && Math.abs(large[b]! - small[a]!) < Math.abs(large[best]! - small[a]!); b++) best = b;
      push(a, best);
      from = best + 1;
    }
    return out;
  }
  // dp[a][b]: least total distance pairing small[0..a) with a subset of large[0..b).
  const w = l + 1;
  const dp = new Float64Array((s + 1) * w).fill(Infinity);
  for (let b = 0; b <= l; b++) dp[b] = 0;
  for (let a = 1; a <= s; a++) {
    for (let b = a; b <= l; b++) {
      const skip = dp[a * w + b - 1]!;
      const take = dp[(a - 1) * w + b - 1]! + Math.abs(small[a - 1]! - large[b - 1]!);
      dp[a * w + b] = Math.min(skip, take);
    }
  }
  let a = s;
  let b = l;
  while (a > 0) {
    if (b > a && dp[a * w + b] === dp[a * w + b - 1]) {
      b--;
      continue;
    }
    push(a - 1, b - 1);
    a--;
    b--;
  }
  return out.reverse();
}

function groupBy<T>(values: readonly T[], keyOf: (value: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const v of values) {
    const k = keyOf(v);
    const g = groups.get(k);
    if (g) g.push(v);
    else groups.set(k, [v]);
  }
  return groups;
}

/** Indexes of `scanned` in file order (path, line, column); scans usually arrive sorted already. */
function fileOrder(scanned: readonly DebtItem[]): number[] {
  const order = scanned.map((_, i) => i);
  for (let i = 1; i < scanned.length; i++) {
    if (compareComments(scanned[i - 1]!, scanned[i]!) > 0) return order.sort((a, b) => compareComments(scanned[a]!, scanned[b]!) || a - b);
  }
  return order;
}

function compareComments(a: DebtItem, b: DebtItem): number {
  return compareStrings(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
