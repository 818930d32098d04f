/**
 * The run loop and its offline queue, over an in-memory tracker: order, what is queued and why,
 * what survives a restart (a new SyncQueue on the same folder), and that a dry run writes nothing.
 * The real GitHub client against a contract-checked fake is in test/integration/trackerSync.test.ts.
 */
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { silentLogger } from '../../../src/engine/ports';
import { TrackerError, type RemoteTicket, type TicketDraft, type TicketPatch, type TrackerClient } from '../../../src/engine/trackers/model';
import type { SyncAction } from '../../../src/engine/trackers/plan';
import { SyncQueue } from '../../../src/engine/trackers/queue';
import { runSync, type SyncEffects } from '../../../src/engine/trackers/run';

const clock = { now: () => new Date('2026-03-02T09:00:00Z') };

class MemoryTracker implements TrackerClient {
  readonly kind = 'github';
  readonly host = 'api.example.test';
  readonly project = 'acme/pay';
  readonly calls: string[] = [];
  failWith: TrackerError | null = null;
  private next = 1;
  findByMarkers(): Promise<Map<string, RemoteTicket>> {
    return Promise.resolve(new Map());
  }
  get(): Promise<RemoteTicket | null> {
    return Promise.resolve(null);
  }
  create(draft: TicketDraft): Promise<RemoteTicket> {
    this.calls.push(`create ${draft.itemId}`);
    if (this.failWith) return Promise.reject(this.failWith);
    const n = this.next++;
    return Promise.resolve({ tracker: 'github', key: `acme/pay#${n}`, reference: `GH-${n}`, url: `u/${n}`, title: draft.title, state: 'open', stateReason: null, assignees: [], milestone: null, updatedAt: '', itemId: draft.itemId });
  }
  update(key: string, patch: TicketPatch): Promise<RemoteTicket> {
    this.calls.push(`update ${key} ${JSON.stringify(patch)}`);
    if (this.failWith) return Promise.reject(this.failWith);
    const n = Number(key.split('#')[1]);
    return Promise.resolve({ tracker: 'github', key, reference: `GH-${n}`, url: `u/${n}`, title: patch.title ?? 't', state: 'open', stateReason: null, assignees: [], milestone: patch.milestone ?? null, updatedAt: '', itemId: null });
  }
  close(key: string): Promise<RemoteTicket> {
    this.calls.push(`close ${key}`);
    return Promise.reject(new Error('not used'));
  }
  changedSince(): Promise<RemoteTicket[]> {
    return Promise.resolve([]);
  }
}

function effects(recorded: string[], told: string[] = []): SyncEffects {
  return {
    recordLink: (itemId, ticket, pushed) => {
      recorded.push(`${itemId}=${ticket.key}`);
      if (pushed) told.push(`${itemId}: ${pushed.title}`);
      return Promise.resolve();
    },
    pushed: (itemId) => ({ title: `t ${itemId}`, sprint: null, estimate: null }),
    draft: (itemId) => ({ itemId, title: `t ${itemId}`, body: '', labels: [], assignees: [], milestone: null, estimate: null }),
    writeReference: () => Promise.resolve(null),
    removeAnnotation: () => Promise.resolve(null),
    closeComment: () => 'closed',
  };
}

const create = (itemId: string): SyncAction => ({ kind: 'create', itemId, title: itemId, why: 'scheduled', file: 'a.ts', line: 1 });

describe('tracker sync: the run and its offline queue', () => {
  let stateDir: string;
  beforeEach(() => {
    stateDir = mkdtempSync(path.join(tmpdir(), 'paydown-queue-'));
  });
  const queue = (): SyncQueue => SyncQueue.open(stateDir, '/work/acme', 'github:api.example.test/acme/pay', silentLogger);

  it('offline mid-run: the failed create and every later remote action are queued, in order, and survive a restart', async () => {
    const tracker = new MemoryTracker();
    const recorded: string[] = [];
    let calls = 0;
    tracker.create = function (draft) {
      calls++;
      if (calls === 2) return Promise.reject(new TrackerError('offline', 'POST api.example.test/repos/acme/pay/issues: no answer (ECONNREFUSED)'));
      return MemoryTracker.prototype.create.call(this, draft);
    };
    const results = await runSync({ actions: [create('PD-A1'), create('PD-A2'), create('PD-A3')], client: tracker, dryRun: false, apply: false, queue: queue(), effects: effects(recorded), clock });
    assert.deepEqual(results.filter((r) => r.action.kind === 'create').map((r) => r.outcome), ['done', 'queued', 'queued']);
    assert.deepEqual(recorded, ['PD-A1=acme/pay#1']);
    assert.equal(calls, 2, 'after the network went away, nothing more was tried');

    const reopened = queue();
    assert.deepEqual(reopened.list().map((e) => [e.kind, e.itemId, e.attempts]), [['create', 'PD-A2', 1], ['create', 'PD-A3', 1]]);
    assert.match(reopened.list()[0]!.reason, /ECONNREFUSED/);

    // Next run: the plan now lists PD-A4 first, but queued operations go first, in queue order.
    const order: string[] = [];
    tracker.create = (draft) => {
      order.push(draft.itemId);
      return MemoryTracker.prototype.create.call(tracker, draft);
    };
    const again = await runSync({ actions: [create('PD-A4'), create('PD-A3'), create('PD-A2')], client: tracker, dryRun: false, apply: false, queue: reopened, effects: effects(recorded), clock });
    assert.deepEqual(order, ['PD-A2', 'PD-A3', 'PD-A4']);
    assert.ok(again.every((r) => r.outcome === 'done' || r.outcome === 'skipped'));
    assert.deepEqual(queue().list(), []);
  });

  it('a lost answer is queued with what happens next, and other items go on', async () => {
    const tracker = new MemoryTracker();
    tracker.create = (draft) => (draft.itemId === 'PD-B1' ? Promise.reject(new TrackerError('outcome-unknown', 'POST …/issues: the connection closed before an answer')) : MemoryTracker.prototype.create.call(tracker, draft));
    const results = await runSync({ actions: [create('PD-B1'), create('PD-B2')], client: tracker, dryRun: false, apply: false, queue: queue(), effects: effects([]), clock });
    assert.deepEqual(results.filter((r) => r.action.kind === 'create').map((r) => r.outcome), ['queued', 'done']);
    assert.match(results[0]!.message, /looks the ticket up before it tries again/);
  });

  it('no tracker (no token, offline at lookup): remote actions are queued, ledger-only ones still run', async () => {
    const recorded: string[] = [];
    const link: SyncAction = { kind: 'link', itemId: 'PD-C2', ticket: { tracker: 'github', key: 'acme/pay#9', reference: 'GH-9', url: 'u', title: '', state: 'open', stateReason: null, assignees: [], milestone: null, updatedAt: '', itemId: 'PD-C2' } };
    const results = await runSync({ actions: [create('PD-C1'), link], client: null, unreachable: 'api.example.test could not be reached', dryRun: false, apply: false, queue: queue(), effects: effects(recorded), clock });
    assert.deepEqual(results.map((r) => r.outcome), ['queued', 'done']);
    assert.deepEqual(recorded, ['PD-C2=acme/pay#9']);
  });

  it('a dry run sends nothing and writes nothing: no ticket, no ledger, no queue file', async () => {
    const tracker = new MemoryTracker();
    const recorded: string[] = [];
    const q = queue();
    const results = await runSync({ actions: [create('PD-D1')], client: tracker, dryRun: true, apply: true, queue: q, effects: effects(recorded), clock });
    assert.deepEqual(results.map((r) => r.outcome), ['planned']);
    assert.deepEqual(tracker.calls, []);
    assert.deepEqual(recorded, []);
    assert.equal(existsSync(q.file), false);
  });

  it('a created ticket\'s reference is written into its comment with --apply, and only named without it', async () => {
    const tracker = new MemoryTracker();
    const written: string[] = [];
    const fx = { ...effects([]), writeReference: (itemId: string, ref: string) => (written.push(`${itemId}:${ref}`), Promise.resolve(null)) };
    const without = await runSync({ actions: [create('PD-E1')], client: tracker, dryRun: false, apply: false, queue: null, effects: fx, clock });
    assert.deepEqual(without.map((r) => [r.action.kind, r.outcome]), [['create', 'done'], ['write-reference', 'skipped']]);
    assert.match(without[1]!.message, /--apply to write GH-1/);
    const withApply = await runSync({ actions: [create('PD-E2')], client: tracker, dryRun: false, apply: true, queue: null, effects: fx, clock });
    assert.deepEqual(withApply.map((r) => r.outcome), ['done', 'done']);
    assert.deepEqual(written, ['PD-E2:GH-2']);
    // A ticket created for Sphinx's `.. todo::` is linked in the ledger; nothing is written into the directive.
    const todo: SyncAction = { kind: 'create', itemId: 'PD-E3', title: 'PD-E3', why: 'scheduled', file: 'docs/a.rst', line: 4, directive: 'todo' };
    const directive = await runSync({ actions: [todo], client: tracker, dryRun: false, apply: true, queue: null, effects: fx, clock });
    assert.deepEqual(directive.map((r) => [r.action.kind, r.outcome]), [['create', 'done']]);
    assert.deepEqual(written, ['PD-E2:GH-2']);
  });

  it('an update sends only the changed fields, records what the ticket was told, and is queued when the tracker is gone', async () => {
    const tracker = new MemoryTracker();
    const recorded: string[] = [];
    const told: string[] = [];
    const update: SyncAction = { kind: 'update', itemId: 'PD-F1', key: 'acme/pay#4', changes: { title: { from: 'old', to: 'new' }, sprint: { from: 'S1', to: null } } };
    const results = await runSync({ actions: [update], client: tracker, dryRun: false, apply: false, queue: queue(), effects: effects(recorded, told), clock });
    assert.deepEqual(results.map((r) => r.outcome), ['done']);
    assert.deepEqual(tracker.calls, ['update acme/pay#4 {"title":"new","milestone":null}']);
    assert.deepEqual([recorded, told], [['PD-F1=acme/pay#4'], ['PD-F1: t PD-F1']]);

    const offline = await runSync({ actions: [update], client: null, unreachable: 'api.example.test could not be reached', dryRun: false, apply: false, queue: queue(), effects: effects([], []), clock });
    assert.deepEqual(offline.map((r) => r.outcome), ['queued']);
    assert.deepEqual(queue().list().map((e) => [e.kind, e.itemId, e.key]), [['update', 'PD-F1', 'acme/pay#4']]);
  });

  it('a created or linked ticket is recorded with what it was told, so later changes are pushed', async () => {
    const told: string[] = [];
    const link: SyncAction = { kind: 'link', itemId: 'PD-G2', ticket: { tracker: 'github', key: 'acme/pay#9', reference: 'GH-9', url: 'u', title: '', state: 'open', stateReason: null, assignees: [], milestone: null, updatedAt: '', itemId: 'PD-G2' } };
    const pull: SyncAction = { kind: 'pull', itemId: 'PD-G3', ticket: { ...link.ticket, key: 'acme/pay#10', itemId: 'PD-G3' }, from: 'open' };
    await runSync({ actions: [create('PD-G1'), link, pull], client: new MemoryTracker(), dryRun: false, apply: false, queue: null, effects: effects([], told), clock });
    assert.deepEqual(told, ['PD-G1: t PD-G1', 'PD-G2: t PD-G2'], 'a pull only reads the ticket: what it was told stays');
  });

  it('a corrupt queue file is set aside with a warning, not fatal and not lost', () => {
    const q = queue();
    q.save([]);
    writeFileSync(q.file, '{ not json');
    const warnings: string[] = [];
    const reopened = SyncQueue.open(stateDir, '/work/acme', 'github:api.example.test/acme/pay', { ...silentLogger, warn: (m) => warnings.push(m) });
    assert.deepEqual(reopened.list(), []);
    assert.match(warnings[0] ?? '', /set aside as .*\.corrupt-/);
    const aside = warnings[0]!.match(/set aside as (\S+),/)![1]!;
    assert.equal(readFileSync(aside, 'utf8'), '{ not json');
  });
});
