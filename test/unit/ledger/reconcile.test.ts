import * as assert from 'node:assert/strict';
import type { DebtItem } from '../../../src/engine/model';
import { annotationFingerprint } from '../../../src/engine/scanner/grammar/fingerprint';
import type { IdSource } from '../../../src/engine/ledger/ids';
import type { LedgerItem } from '../../../src/engine/ledger/model';
import { mergeEditable, pairByLine, reconcile, type ReconcileInput, type ReconcileResult } from '../../../src/engine/ledger/reconcile';
import { titleSimilarity } from '../../../src/engine/ledger/similarity';
import { applyChangeSet } from '../../../src/engine/ledger/sync';

const T0 = '2026-01-05T09:00:00.000Z';
const T1 = '2026-01-06T09:00:00.000Z';

/** A scanned annotation, as the scanner would yield it. */
function debt(file: string, line: number, title: string, more: Partial<DebtItem> = {}): DebtItem {
  const tag = more.tag ?? 'TODO';
  return {
    file,
    line,
    column: 4,
    end: { line, column: 40 },
    tag,
    title,
    body: '',
    owners: [],
    labels: [],
    effort: null,
    effortSpec: null,
    impact: null,
    sprint: null,
    due: null,
    outcome: null,
    issueRefs: [],
    id: null,
    language: 'typescript',
    fingerprint: annotationFingerprint(tag, title),
    problems: [],
    ...more,
  };
}

/** Predictable ids: PD-000001, PD-000002, … and E1, E2, … */
function counterIds(): IdSource {
  let items = 0;
  let events = 0;
  return {
    itemId(taken) {
      let id: string;
      do id = `PD-${String(++items).padStart(6, '0')}`;
      while (taken.has(id));
      return id;
    },
    eventId: () => `E${++events}`,
  };
}

interface Step {
  result: ReconcileResult;
  ledger: LedgerItem[];
}

/** One sync: reconcile `scanned` against `ledger` and apply the changes. */
function step(ledger: readonly LedgerItem[], scanned: DebtItem[], more: Partial<ReconcileInput> = {}): Step {
  const result = reconcile({ scanned, ledger, now: T1, commit: 'c1', ids: counterIds(), ...more });
  return { result, ledger: applyChangeSet(ledger, result) };
}

/** The ledger after a first sync of `scanned`. */
function seed(scanned: DebtItem[]): LedgerItem[] {
  return step([], scanned, { now: T0, commit: 'c0' }).ledger;
}

function kinds(result: ReconcileResult): string[] {
  return result.matches.map((m) => `${m.id}:${m.kind}`);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

describe('reconcile', () => {
  it('records a notebook comment\'s cell with its line, rewrites both together, and drops it once the comment leaves the notebook', () => {
    const inCell = (line: number, cellLine: number, title = 'reconcile totals'): DebtItem => debt('nb/reconcile.ipynb', line, title, { language: 'python', cell: { index: 2, line: cellLine, column: 3 } });
    const first = seed([inCell(23, 4)]);
    assert.deepEqual(first[0]!.cell, { index: 2, line: 4, column: 3, fileLine: 23 });
    // A line that only shifted is not written (the location rule), so neither is the cell.
    const shifted = step(first, [inCell(30, 6)]);
    assert.deepEqual(shifted.ledger[0]!.cell, { index: 2, line: 4, column: 3, fileLine: 23 });
    assert.equal(shifted.ledger[0]!.line, 23);
    const edited = step(first, [inCell(30, 6, 'reconcile totals by currency')]);
    assert.deepEqual([edited.ledger[0]!.line, edited.ledger[0]!.cell], [30, { index: 2, line: 6, column: 3, fileLine: 30 }]);
    assert.deepEqual(kinds(edited.result), ['PD-000001:edited']);
    const moved = step(edited.ledger, [debt('src/reconcile.py', 5, 'reconcile totals by currency', { language: 'python' })]);
    assert.equal(moved.ledger[0]!.file, 'src/reconcile.py');
    assert.equal('cell' in moved.ledger[0]!, false);
  });

  it('records the cell of a notebook item the ledger holds without one (schema 1.3, or a line an older Paydown moved) once, with no event', () => {
    const inCell = (line: number, cellLine: number): DebtItem => debt('nb/reconcile.ipynb', line, 'reconcile totals', { language: 'python', cell: { index: 2, line: cellLine, column: 3 } });
    const { cell: _cell, ...recordedBefore14 } = seed([inCell(23, 4)])[0]!;
    const upgraded = step([recordedBefore14], [inCell(30, 6)]);
    assert.deepEqual([upgraded.ledger[0]!.line, upgraded.ledger[0]!.cell], [30, { index: 2, line: 6, column: 3, fileLine: 30 }]);
    assert.deepEqual(upgraded.ledger[0]!.history, recordedBefore14.history, 'a place recorded is no event');
    assert.equal(step(upgraded.ledger, [inCell(31, 7)]).result.updated.length, 0, 'from then on, a line that only shifted is not written');
    // An older Paydown moved the line and kept the cell it does not know: that cell is stale.
    const movedByOlder = { ...upgraded.ledger[0]!, line: 31 };
    assert.deepEqual(step([movedByOlder], [inCell(31, 7)]).ledger[0]!.cell, { index: 2, line: 7, column: 3, fileLine: 31 });
  });

  describe('new items', () => {
    it('creates an open item per comment, with first seen, the comment values and a created event', () => {
      const { result } = step([], [debt('src/a.ts', 3, 'Replace the retry loop', { effort: 3, impact: 'high', outcome: 'reliability', sprint: 'S14', owners: ['alice'], labels: ['payments'] })]);
      assert.deepEqual(kinds(result), ['PD-000001:new']);
      assert.deepEqual(result.created, [
        {
          id: 'PD-000001',
          status: 'open',
          tag: 'TODO',
          title: 'Replace the retry loop',
          fingerprint: annotationFingerprint('TODO', 'Replace the retry loop'),
          owners: ['alice'],
          labels: ['payments'],
          file: 'src/a.ts',
          line: 3,
          firstSeen: { at: T1, commit: 'c1' },
          resolved: null,
          sprint: 'S14',
          effort: { value: 3, source: 'comment', comment: 3 },
          impact: { value: 'high', source: 'comment', comment: 'high' },
          outcome: { value: 'reliability', source: 'comment', comment: 'reliability' },
          trackers: [],
          history: [{ id: 'E1', at: T1, type: 'created', commit: 'c1' }],
        },
      ]);
      assert.deepEqual([result.updated, result.resolved, result.reopened, result.unchanged], [[], [], [], 0]);
    });

    it('never reuses an id already in the ledger, even a resolved one', () => {
      const ledger = step(seed([debt('a.ts', 1, 'one')]), []).ledger; // PD-000001 now resolved
      const { result } = step(ledger, [debt('b.ts', 1, 'two')]);
      assert.equal(result.created[0]!.id, 'PD-000002');
    });
  });

  describe('1. explicit id', () => {
    it('wins even after a move to a renamed file and a rewrite of the title', () => {
      const ledger = seed([debt('src/a.ts', 3, 'Replace the retry loop', { id: 'PD-7Q2K' })]);
      assert.equal(ledger[0]!.id, 'PD-7Q2K');
      const { result } = step(ledger, [debt('lib/c.ts', 40, 'Something else entirely', { id: 'PD-7Q2K' }), debt('src/a.ts', 3, 'Replace the retry loop')], {
        renames: new Map([['src/a.ts', 'src/b.ts']]),
      });
      assert.deepEqual(kinds(result), ['PD-7Q2K:explicit', 'PD-000001:new']);
      const item = result.updated[0]!;
      assert.deepEqual([item.file, item.line, item.title], ['lib/c.ts', 40, 'Something else entirely']);
      assert.deepEqual(item.history.map((e) => e.type), ['created', 'retitled']);
    });

    it('normalises the id written in the comment (lower case, Crockford aliases)', () => {
      const ledger = seed([debt('a.ts', 1, 'x', { id: 'PD-7Q2K' })]);
      const { result } = step(ledger, [debt('a.ts', 1, 'x', { id: 'pd-7q2k' })]);
      assert.deepEqual(kinds(result), ['PD-7Q2K:explicit']);
      const r2 = step(seed([debt('a.ts', 1, 'x', { id: 'PD-7011' })]), [debt('a.ts', 9, 'x', { id: 'PD-7OIL' })]).result;
      assert.deepEqual(kinds(r2), ['PD-7011:explicit']);
    });

    it('an id the ledger does not know yet becomes a new item with exactly that id', () => {
      const ledger = seed([debt('a.ts', 1, 'one')]);
      const { result } = step(ledger, [debt('a.ts', 1, 'one'), debt('a.ts', 5, 'two', { id: 'PD-7Q2K' })]);
      assert.deepEqual(kinds(result), ['PD-000001:same-place', 'PD-7Q2K:new']);
      assert.equal(result.created[0]!.id, 'PD-7Q2K');
    });

    it('two comments with the same id: the one where the item was keeps it, the copy is a new item and a warning', () => {
      const ledger = seed([debt('b.ts', 10, 'first', { id: 'PD-7Q2K' })]);
      const scanned = [debt('b.ts', 10, 'first', { id: 'PD-7Q2K' }), debt('a.ts', 50, 'copied', { id: 'PD-7Q2K' })];
      const s1 = step(ledger, scanned);
      assert.deepEqual(kinds(s1.result), ['PD-7Q2K:explicit', 'PD-000001:new']);
      assert.equal(s1.result.problems.length, 1);
      const p = s1.result.problems[0]!;
      assert.deepEqual([p.code, p.severity, p.file, p.line, p.id], ['duplicate-id', 'warning', 'a.ts', 50, 'PD-7Q2K']);
      assert.match(p.message, /b\.ts:10/);
      // next sync is stable: the copy keeps the id it got
      const s2 = step(s1.ledger, scanned);
      assert.deepEqual(kinds(s2.result), ['PD-7Q2K:same-place', 'PD-000001:same-place'].map((k, i) => (i === 0 ? 'PD-7Q2K:explicit' : k)));
      assert.deepEqual([s2.result.created, s2.result.resolved, s2.result.updated], [[], [], []]);
    });

    it('an id the ledger does not know, written twice: the first in file order gets it', () => {
      const scanned = [debt('b.ts', 1, 'one', { id: 'PD-7Q2K' }), debt('a.ts', 9, 'two', { id: 'PD-7Q2K' })];
      const { result } = step([], scanned);
      assert.deepEqual(kinds(result), ['PD-000001:new', 'PD-7Q2K:new']);
      assert.deepEqual(result.problems.map((p) => `${p.file}:${p.line}`), ['b.ts:1']);
    });
  });

  describe('2. same file, same text', () => {
    it('keeps the id when the line moved, and writes nothing for a line that only shifted', () => {
      const ledger = seed([debt('a.ts', 3, 'fix the cache'), debt('a.ts', 9, 'drop v1')]);
      const { result } = step(ledger, [debt('a.ts', 13, 'fix the cache'), debt('a.ts', 9, 'drop v1')]);
      assert.deepEqual(kinds(result), ['PD-000001:moved-line', 'PD-000002:same-place']);
      assert.deepEqual(result.matches[0]!.previous, { file: 'a.ts', line: 3 });
      assert.equal(result.matches[0]!.line, 13);
      assert.deepEqual([result.created, result.updated, result.resolved, result.unchanged], [[], [], [], 2]);
    });

    it('updates the line when the item is written anyway for another reason', () => {
      const ledger = seed([debt('a.ts', 3, 'fix the cache')]);
      const { result } = step(ledger, [debt('a.ts', 13, 'fix the cache', { effort: 2 })]);
      assert.equal(result.updated[0]!.line, 13);
      assert.equal(result.updated[0]!.effort.value, 2);
    });

    it('two identical TODOs in one file keep their ids by position', () => {
      const ledger = seed([debt('a.ts', 10, 'handle errors'), debt('a.ts', 20, 'handle errors')]);
      const [first, second] = ledger.map((it) => it.id);
      // 5 lines inserted at the top: both shift, order kept
      let r = step(ledger, [debt('a.ts', 25, 'handle errors'), debt('a.ts', 15, 'handle errors')]).result;
      assert.deepEqual(r.matches.map((m) => [m.line, m.id]), [[25, second], [15, first]]);
      assert.equal(r.unchanged, 2);
      // the first one removed, the second one shifted by one line: the second keeps its id
      r = step(ledger, [debt('a.ts', 19, 'handle errors')]).result;
      assert.deepEqual(r.matches.map((m) => m.id), [second]);
      assert.deepEqual(r.resolved.map((it) => it.id), [first]);
      // a third copy appears between them: the two old ones keep theirs, the new one is new
      r = step(ledger, [debt('a.ts', 10, 'handle errors'), debt('a.ts', 12, 'handle errors'), debt('a.ts', 21, 'handle errors')]).result;
      assert.deepEqual(r.matches.map((m) => m.id), [first, 'PD-000003', second]);
    });

    it('whitespace and case changes keep the fingerprint, so the item, without a retitled event', () => {
      const ledger = seed([debt('a.ts', 3, 'Fix the cache')]);
      const { result } = step(ledger, [debt('a.ts', 3, 'fix  the   CACHE')]);
      assert.deepEqual(kinds(result), ['PD-000001:same-place']);
      assert.equal(result.updated[0]!.title, 'fix  the   CACHE');
      assert.deepEqual(result.updated[0]!.history.map((e) => e.type), ['created']);
    });
  });

  describe('3. renamed or moved file', () => {
    it('follows a rename git reports, without a history event', () => {
      const ledger = seed([debt('src/old.ts', 7, 'fix the cache')]);
      const { result } = step(ledger, [debt('src/new.ts', 8, 'fix the cache')], { renames: new Map([['src/old.ts', 'src/new.ts']]) });
      assert.deepEqual(kinds(result), ['PD-000001:renamed']);
      const item = result.updated[0]!;
      assert.deepEqual([item.file, item.line, item.history.length], ['src/new.ts', 8, 1]);
    });

    it('follows chains of renames (a → b, b → c)', () => {
      const ledger = seed([debt('a.ts', 1, 'fix the cache')]);
      const renames = new Map([
        ['a.ts', 'b.ts'],
        ['b.ts', 'c.ts'],
      ]);
      assert.deepEqual(kinds(step(ledger, [debt('c.ts', 1, 'fix the cache')], { renames }).result), ['PD-000001:renamed']);
    });

    it('without git, follows a unique fingerprint that left its file for another', () => {
      const ledger = seed([debt('src/a.ts', 7, 'fix the cache'), debt('src/a.ts', 9, 'drop v1')]);
      const { result } = step(ledger, [debt('lib/z.ts', 70, 'fix the cache'), debt('src/a.ts', 9, 'drop v1')]);
      assert.deepEqual(kinds(result), ['PD-000001:renamed', 'PD-000002:same-place']);
      assert.equal(result.updated[0]!.file, 'lib/z.ts');
    });

    it('without git, does not guess between several candidates', () => {
      // two items with the same text, both gone from a.ts; one copy shows up in b.ts
      const ledger = seed([debt('a.ts', 1, 'handle errors'), debt('c.ts', 1, 'handle errors')]);
      let r = step(ledger, [debt('b.ts', 5, 'handle errors')]).result;
      assert.deepEqual(kinds(r), ['PD-000003:new']);
      assert.equal(r.resolved.length, 2);
      // one item, but the text appears in two other files
      r = step(seed([debt('a.ts', 1, 'handle errors')]), [debt('b.ts', 5, 'handle errors'), debt('c.ts', 5, 'handle errors')]).result;
      assert.deepEqual(r.matches.map((m) => m.kind), ['new', 'new']);
    });

    it('without git, does not move an item whose file still holds its text', () => {
      const ledger = seed([debt('a.ts', 1, 'handle errors'), debt('a.ts', 9, 'handle errors')]);
      const { result } = step(ledger, [debt('a.ts', 1, 'handle errors'), debt('b.ts', 5, 'handle errors')]);
      assert.deepEqual(kinds(result), ['PD-000001:same-place', 'PD-000003:new']);
      assert.deepEqual(result.resolved.map((it) => it.id), ['PD-000002']);
    });
  });

  describe('4. lightly edited text', () => {
    it('keeps the id for a reworded title in the same file, with a retitled event', () => {
      const ledger = seed([debt('a.ts', 3, 'Replace the retry loop with the backoff helper')]);
      const { result } = step(ledger, [debt('a.ts', 5, 'Replace the hand-rolled retry loop with the shared backoff helper')]);
      assert.deepEqual(kinds(result), ['PD-000001:edited']);
      const item = result.updated[0]!;
      assert.equal(item.title, 'Replace the hand-rolled retry loop with the shared backoff helper');
      assert.equal(item.fingerprint, annotationFingerprint('TODO', item.title));
      assert.equal(item.line, 5);
      assert.deepEqual(item.history[1], { id: 'E1', at: T1, type: 'retitled', from: 'Replace the retry loop with the backoff helper', to: item.title, commit: 'c1' });
    });

    it('keeps the id for a title whose sentence went on, however much was added (a title wrapped onto more lines)', () => {
      const before = 'Ideally, the publish step would happen';
      const after = 'Ideally, the publish step would happen as a publish job within cargo-dist, but we would need to move the credentials first';
      assert.ok(titleSimilarity(before, after) < 0.6, 'below the threshold on its own');
      const ledger = seed([debt('a.ts', 3, before)]);
      const { result } = step(ledger, [debt('a.ts', 3, after)]);
      assert.deepEqual(kinds(result), ['PD-000001:edited']);
      assert.deepEqual(result.resolved, []);
      assert.equal(result.updated[0]!.history[1]!.type, 'retitled');
      // The other way too; but a short start (`fix the`) claims nothing, nor does a word cut in two.
      assert.deepEqual(kinds(step(seed([debt('a.ts', 3, after)]), [debt('a.ts', 3, before)]).result), ['PD-000001:edited']);
      assert.deepEqual(kinds(step(seed([debt('a.ts', 3, 'fix the')]), [debt('a.ts', 3, 'fix the cache eviction in the payments client')]).result), ['PD-000002:new']);
      assert.deepEqual(kinds(step(seed([debt('a.ts', 3, 'Ideally, the publish st')]), [debt('a.ts', 3, after)]).result), ['PD-000002:new']);
    });

    it('a typo fix in a renamed file keeps the id', () => {
      const ledger = seed([debt('a.ts', 3, 'recieve the payload twice')]);
      const { result } = step(ledger, [debt('b.ts', 3, 'receive the payload twice')], { renames: new Map([['a.ts', 'b.ts']]) });
      assert.deepEqual(kinds(result), ['PD-000001:edited']);
      assert.equal(result.updated[0]!.file, 'b.ts');
    });

    it('a heavily edited comment is a new item, and the old one is resolved', () => {
      const ledger = seed([debt('a.ts', 3, 'fix the cache eviction')]);
      const { result } = step(ledger, [debt('a.ts', 3, 'add metrics for slow queries')]);
      assert.deepEqual(kinds(result), ['PD-000002:new']);
      assert.deepEqual(result.resolved.map((it) => it.id), ['PD-000001']);
    });

    it('needs the same tag, and the line within the window', () => {
      const ledger = seed([debt('a.ts', 3, 'fix the cache eviction')]);
      assert.deepEqual(step(ledger, [debt('a.ts', 3, 'fix the cache evictions', { tag: 'FIXME' })]).result.matches[0]!.kind, 'new');
      assert.deepEqual(step(ledger, [debt('a.ts', 900, 'fix the cache evictions')]).result.matches[0]!.kind, 'new');
      assert.deepEqual(step(ledger, [debt('a.ts', 150, 'fix the cache evictions')]).result.matches[0]!.kind, 'edited');
    });

    it('pairs best matches first when several edited comments compete', () => {
      const ledger = seed([debt('a.ts', 10, 'validate the user input'), debt('a.ts', 20, 'validate the user output')]);
      const { result } = step(ledger, [debt('a.ts', 10, 'validate all user output'), debt('a.ts', 20, 'validate all user input')]);
      assert.deepEqual(kinds(result), ['PD-000002:edited', 'PD-000001:edited']);
    });

    it('the threshold is a Dice similarity of 0.6 over character bigrams', () => {
      assert.equal(titleSimilarity('fix the cache', 'Fix the cache!'), 1);
      assert.ok(titleSimilarity('Replace the retry loop with the backoff helper', 'Replace the hand-rolled retry loop with the shared backoff helper') >= 0.6);
      assert.ok(titleSimilarity('fix the cache eviction', 'add metrics for slow queries') < 0.6);
      assert.equal(titleSimilarity('', ''), 0);
    });
  });

  describe('invariants', () => {
    it('one comment never matches two items, one item never two comments', () => {
      // many look-alikes, renames and copies at once
      const ledger = seed([
        debt('a.ts', 1, 'handle errors'),
        debt('a.ts', 2, 'handle errors here'),
        debt('a.ts', 3, 'handle the errors'),
        debt('b.ts', 1, 'handle errors'),
        debt('c.ts', 1, 'handle errors', { id: 'PD-7Q2K' }),
      ]);
      const scanned = [
        debt('a.ts', 1, 'handle errors'),
        debt('a.ts', 4, 'handle errors!'),
        debt('d.ts', 1, 'handle errors'),
        debt('e.ts', 1, 'handle errors', { id: 'PD-7Q2K' }),
        debt('e.ts', 2, 'handle errors', { id: 'PD-7Q2K' }),
      ];
      const { result } = step(ledger, scanned, { renames: new Map([['b.ts', 'd.ts']]) });
      const ids = result.matches.map((m) => m.id);
      assert.equal(new Set(ids).size, ids.length);
      assert.equal(result.matches.length, scanned.length);
      for (const [i, m] of result.matches.entries()) assert.equal(m.index, i);
    });

    it('an item never jumps to an unrelated comment in another file', () => {
      const ledger = seed([debt('a.ts', 3, 'fix the cache eviction')]);
      // a.ts deleted; a similar (but not identical) comment in an unrelated file
      const { result } = step(ledger, [debt('b.ts', 3, 'fix the cache evictions')]);
      assert.deepEqual(kinds(result), ['PD-000002:new']);
      assert.deepEqual(result.resolved.map((it) => it.id), ['PD-000001']);
    });

    it('does not mutate its inputs and is deterministic whatever the input order', () => {
      const ledger = deepFreeze(seed([debt('a.ts', 1, 'one'), debt('a.ts', 5, 'two'), debt('b.ts', 1, 'three'), debt('b.ts', 2, 'three')]));
      const scanned = deepFreeze([debt('a.ts', 2, 'one!'), debt('c.ts', 5, 'two'), debt('b.ts', 1, 'three'), debt('b.ts', 2, 'three'), debt('b.ts', 3, 'four')]);
      const a = step(ledger, [...scanned]).result;
      const b = step([...ledger].reverse(), [...scanned].reverse()).result;
      assert.deepEqual(b.matches.map((m) => m.id).reverse(), a.matches.map((m) => m.id));
      assert.deepEqual([b.created, b.updated, b.resolved], [a.created, a.updated, a.resolved]);
    });
  });

  describe('lifecycle', () => {
    it('an item that disappears is resolved (when; commit and author left to git), never deleted', () => {
      let ledger = seed([debt('a.ts', 1, 'one'), debt('a.ts', 2, 'two')]);
      ledger = ledger.map((it) => (it.id === 'PD-000002' ? { ...it, status: 'scheduled' as const, sprint: 'S14' } : it));
      const { result, ledger: after } = step(ledger, [debt('a.ts', 1, 'one')]);
      assert.equal(result.resolved.length, 1);
      const item = result.resolved[0]!;
      assert.deepEqual([item.id, item.status, item.sprint], ['PD-000002', 'resolved', 'S14']);
      assert.deepEqual(item.resolved, { at: T1, commit: null, author: null });
      assert.deepEqual(item.history.at(-1), { id: 'E1', at: T1, type: 'resolved', from: 'scheduled', to: 'resolved', commit: null, by: null });
      assert.equal(after.length, 2);
      // already resolved: nothing more happens
      const again = step(after, [debt('a.ts', 1, 'one')]).result;
      assert.deepEqual([again.resolved, again.updated], [[], []]);
    });

    it('a resolved item whose comment comes back reopens', () => {
      const gone = step(seed([debt('a.ts', 1, 'fix the cache')]), []).ledger;
      assert.equal(gone[0]!.status, 'resolved');
      const { result } = step(gone, [debt('a.ts', 4, 'fix the cache')]);
      assert.deepEqual(result.reopened, ['PD-000001']);
      const item = result.updated[0]!;
      assert.deepEqual([item.status, item.resolved, item.line], ['open', null, 4]);
      assert.deepEqual(item.history.map((e) => e.type), ['created', 'resolved', 'reopened']);
    });

    it('a comment stays with its open item rather than reopen a resolved one with the same text', () => {
      // PD-000001 was resolved long ago; the same TODO was written again later as PD-000002
      const ledger = seed([debt('a.ts', 10, 'handle errors'), debt('a.ts', 40, 'handle errors')]).map((it) =>
        it.id === 'PD-000001' ? { ...it, status: 'resolved' as const, resolved: { at: T0, commit: null, author: null } } : it,
      );
      const { result } = step(ledger, [debt('a.ts', 12, 'handle errors')]);
      assert.deepEqual([kinds(result), result.reopened, result.resolved], [['PD-000002:moved-line'], [], []]);
    });

    it('a resolved item is not revived by a look-alike or by the same text elsewhere', () => {
      const gone = step(seed([debt('a.ts', 1, 'fix the cache eviction')]), []).ledger;
      assert.deepEqual(step(gone, [debt('a.ts', 1, 'fix the cache evictions')]).result.reopened, []);
      assert.deepEqual(step(gone, [debt('b.ts', 1, 'fix the cache eviction')]).result.reopened, []);
    });

    it('an item in a file the scan did not read stays as it is: not resolved, listed as unchecked, no event', () => {
      const ledger = seed([debt('big.ts', 1, 'split the module'), debt('big.ts', 9, 'drop the shim'), debt('a.ts', 1, 'gone for real')]);
      const { result, ledger: after } = step(ledger, [], { unread: new Set(['big.ts']) });
      // a.ts sorts first: PD-000001 is 'gone for real'.
      assert.deepEqual(result.resolved.map((it) => it.id), ['PD-000001']);
      assert.deepEqual(result.unchecked, ['PD-000002', 'PD-000003']);
      assert.deepEqual(result.updated, []);
      assert.deepEqual(after.filter((it) => it.file === 'big.ts'), ledger.filter((it) => it.file === 'big.ts'));
      // Read again, with the comments gone: now they are resolved.
      assert.deepEqual(step(after, []).result.resolved.map((it) => it.id), ['PD-000002', 'PD-000003']);
    });

    it('an item in an unread file is not taken by a look-alike elsewhere (a copy, not a move)', () => {
      const ledger = seed([debt('big.ts', 1, 'split the module')]);
      const { result } = step(ledger, [debt('copy.ts', 1, 'split the module')], { unread: new Set(['big.ts']) });
      assert.deepEqual([kinds(result), result.unchecked, result.resolved], [['PD-000002:new'], ['PD-000001'], []]);
      // Its explicit id still moves it: the comment itself says which item it is.
      const moved = step(ledger, [debt('copy.ts', 1, 'split the module', { id: 'PD-000001' })], { unread: new Set(['big.ts']) });
      assert.deepEqual([kinds(moved.result), moved.result.unchecked], [['PD-000001:explicit'], []]);
    });

    it("wont-fix stays wont-fix while the comment exists, and doesn't rewrite the item", () => {
      const ledger = seed([debt('a.ts', 1, 'O(n^2) merge, fine under 1k rows')]).map((it) => ({ ...it, status: 'wont-fix' as const }));
      const { result } = step(ledger, [debt('a.ts', 30, 'O(n^2) merge, fine under 1k rows')]);
      assert.deepEqual([result.updated, result.resolved, result.unchanged], [[], [], 1]);
      const gone = step(ledger, []).result.resolved[0]!;
      assert.deepEqual([gone.status, gone.history.at(-1)!.from], ['resolved', 'wont-fix']);
    });
  });

  describe('editable fields', () => {
    it('a UI-edited effort is kept until the comment changes its effort', () => {
      const ledger = seed([debt('a.ts', 1, 'fix', { effort: 3 })]).map((it) => ({ ...it, effort: { value: 8, source: 'ui' as const, comment: 3 } }));
      // comment unchanged: UI value kept, no write
      let r = step(ledger, [debt('a.ts', 1, 'fix', { effort: 3 })]).result;
      assert.deepEqual([r.updated, r.unchanged], [[], 1]);
      // comment changed: the comment wins again, with a field event
      r = step(ledger, [debt('a.ts', 1, 'fix', { effort: 5 })]).result;
      const item = r.updated[0]!;
      assert.deepEqual(item.effort, { value: 5, source: 'comment', comment: 5 });
      assert.deepEqual(item.history.at(-1), { id: 'E1', at: T1, type: 'field', field: 'effort', from: 8, to: 5, commit: 'c1' });
    });

    it('impact and outcome follow the same rule', () => {
      assert.deepEqual(mergeEditable({ value: 'critical', source: 'ui', comment: 'low' }, 'low'), { value: 'critical', source: 'ui', comment: 'low' });
      assert.deepEqual(mergeEditable({ value: 'critical', source: 'ui', comment: 'low' }, null), { value: null, source: 'comment', comment: null });
      assert.deepEqual(mergeEditable({ value: null, source: 'comment', comment: null }, 'retention'), { value: 'retention', source: 'comment', comment: 'retention' });
      const prev = { value: 2, source: 'comment' as const, comment: 2 };
      assert.equal(mergeEditable(prev, 2), prev);
    });
  });

  describe('pairByLine', () => {
    it('pairs in order when the counts match, and least total distance without crossing otherwise', () => {
      assert.deepEqual(pairByLine([15, 25], [10, 20]), [[0, 0], [1, 1]]);
      assert.deepEqual(pairByLine([21], [10, 20]), [[0, 1]]);
      assert.deepEqual(pairByLine([10, 12, 21], [10, 20]), [[0, 0], [2, 1]]);
      assert.deepEqual(pairByLine([], [1]), []);
    });

    it('handles huge groups of identical comments greedily', () => {
      const comments = Array.from({ length: 700 }, (_, i) => i * 2);
      const items = Array.from({ length: 600 }, (_, i) => i * 2 + 1);
      const pairs = pairByLine(comments, items);
      assert.equal(pairs.length, 600);
      assert.equal(new Set(pairs.map((p) => p[0])).size, 600);
      assert.equal(new Set(pairs.map((p) => p[1])).size, 600);
    });
  });

  describe('at scale', () => {
    // Its speed is measured by `npm run bench` (ledger sync on 10,000 items), not here.
    it('reconciles 10,000 items with moves, renames, edits and new comments', () => {
      const files = 500;
      const initial: DebtItem[] = [];
      for (let i = 0; i < 10_000; i++) initial.push(debt(`src/m${i % files}/file${i % files}.ts`, 10 + Math.floor(i / files) * 5, `item number ${i} needs work`, { effort: i % 5 }));
      const ledger = seed(initial);
      const renames = new Map<string, string>();
      for (let f = 0; f < 20; f++) renames.set(`src/m${f}/file${f}.ts`, `src/moved/file${f}.ts`);
      const scanned = initial.map((d, i) => {
        const file = renames.get(d.file) ?? d.file;
        if (i % 100 === 0) return debt(file, d.line + 3, `${d.title}, soon`);
        if (i % 333 === 0) return debt(file, d.line, `something unrelated ${i}`);
        return { ...d, file, line: d.line + (i % 7) };
      });
      const result = reconcile({ scanned, ledger, renames, now: T1, commit: 'c1', ids: counterIds() });
      const count = (k: string) => result.matches.filter((m) => m.kind === k).length;
      // By construction: every 100th title edited (100, 20 of them in renamed files); every 333rd
      // but the first replaced by an unrelated comment (30 new, their 30 items resolved); 20 files
      // of 20 items renamed by git (380 not edited; none replaced); the rest kept their text, on
      // the same line when i % 7 === 0.
      assert.deepEqual(
        { sameLine: count('same-place'), movedLine: count('moved-line'), renamed: count('renamed'), edited: count('edited'), new: count('new'), explicit: count('explicit') },
        { sameLine: 1356, movedLine: 8134, renamed: 380, edited: 100, new: 30, explicit: 0 },
      );
      assert.deepEqual(
        { created: result.created.length, updated: result.updated.length, resolved: result.resolved.length, reopened: result.reopened.length, unchanged: result.unchanged, problems: result.problems.length },
        { created: 30, updated: 480, resolved: 30, reopened: 0, unchanged: 9490, problems: 0 },
      );
    });
  });
});
