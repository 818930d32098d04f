import * as assert from 'node:assert/strict';
import type { DebtItem } from '../../../src/engine/model';
import type { LedgerItem, TrackerLink } from '../../../src/engine/ledger/model';
import type { RemoteTicket } from '../../../src/engine/trackers/model';
import { githubNaming } from '../../../src/engine/trackers/github/naming';
import { planSync, type PlanInput, type SyncItem } from '../../../src/engine/trackers/plan';
import { describeAction } from '../../../src/engine/trackers/present';
import { item } from '../sprints/helpers';

const REPO = 'acme/pay';

function comment(ledger: LedgerItem, refs: string[] = []): DebtItem {
  return {
    file: ledger.file,
    line: ledger.line,
    column: 4,
    end: { line: ledger.line + 1, column: 1 },
    tag: ledger.tag,
    title: ledger.title,
    body: '',
    owners: [],
    labels: [],
    effort: null,
    effortSpec: null,
    impact: null,
    sprint: null,
    due: null,
    outcome: null,
    issueRefs: refs.map((text) => ({ kind: 'github' as const, text })),
    id: ledger.id,
    language: 'typescript',
    fingerprint: 'f',
    problems: [],
  };
}

function ticket(itemId: string, n: number, fields: Partial<RemoteTicket> = {}): RemoteTicket {
  return { tracker: 'github', key: `${REPO}#${n}`, reference: `GH-${n}`, url: `https://github.com/${REPO}/issues/${n}`, title: 't', state: 'open', stateReason: null, assignees: [], milestone: null, updatedAt: '2026-03-02T09:00:00Z', itemId, ...fields };
}

function linked(ledger: LedgerItem, n: number, state: string | null = 'open'): LedgerItem {
  const link: TrackerLink = { tracker: 'github', key: `${REPO}#${n}`, url: `https://github.com/${REPO}/issues/${n}`, state, stateAt: '2026-03-01T00:00:00Z' };
  return { ...ledger, trackers: [link] };
}

function plan(items: SyncItem[], overrides: Partial<PlanInput> = {}): ReturnType<typeof planSync> {
  return planSync({ tracker: 'github', naming: githubNaming(REPO), items, create: { kind: 'scheduled' }, asked: [], closeRemoved: true, remote: new Map(), onDefaultBranch: () => true, ...overrides });
}

describe('tracker sync: the plan', () => {
  const scheduled = item('PD-AAAA01', { sprint: '2026-S24' });
  const open = item('PD-AAAA02');
  const fixme = { ...item('PD-AAAA03'), tag: 'FIXME' };

  it('creates tickets for scheduled items only, by default; --create adds any item in the code', () => {
    const items = [scheduled, open, fixme].map((i) => ({ item: i, comment: comment(i) }));
    assert.deepEqual(plan(items).map((a) => [a.kind, a.itemId]), [['create', 'PD-AAAA01']]);
    assert.deepEqual(plan(items, { asked: ['PD-AAAA02'] }).map((a) => a.itemId), ['PD-AAAA01', 'PD-AAAA02']);
    assert.deepEqual(plan(items, { create: { kind: 'open' } }).map((a) => a.itemId), ['PD-AAAA01', 'PD-AAAA02', 'PD-AAAA03']);
    assert.deepEqual(plan(items, { create: { kind: 'tags', tags: ['FIXME'] } }).map((a) => a.itemId), ['PD-AAAA03']);
    assert.deepEqual(plan(items, { create: { kind: 'none' } }), []);
  });

  it('never plans a second ticket: an item whose marker the tracker knows is linked, not created', () => {
    const items = [{ item: scheduled, comment: comment(scheduled) }];
    const actions = plan(items, { remote: new Map([['PD-AAAA01', ticket('PD-AAAA01', 7)]]) });
    assert.deepEqual(actions.map((a) => a.kind), ['link', 'write-reference']);
    assert.equal(actions[1]!.kind === 'write-reference' && actions[1]!.reference, 'GH-7');
  });

  it("writes no reference into a directive (Sphinx's .. todo::): the ledger keeps the link", () => {
    const todo = { ...comment(scheduled), directive: 'todo' as const };
    assert.deepEqual(plan([{ item: scheduled, comment: todo }], { remote: new Map([['PD-AAAA01', ticket('PD-AAAA01', 7)]]) }).map((a) => a.kind), ['link']);
    const [create] = plan([{ item: scheduled, comment: todo }]);
    assert.equal(create?.kind === 'create' && create.directive, 'todo');
    // The plan says so where it lists the ticket to create.
    assert.match(describeAction(create!), /a todo the document shows \(a todo directive, a \\todo command, a doc comment's @todo, an Org headline, a placeholder in code such as todo!\(\)\), so the ledger keeps the link and no reference is written/);
  });

  it('a reference written by hand (GH-12) links to that ticket instead of creating one', () => {
    const items = [{ item: scheduled, comment: comment(scheduled, ['GH-12']) }];
    const actions = plan(items, { byKey: new Map([[`${REPO}#12`, ticket('PD-AAAA01', 12)]]) });
    assert.deepEqual(actions.map((a) => a.kind), ['link']);
  });

  it('pulls a changed state, and a ticket closed while its debt is still in the code is a finding', () => {
    const withLink = linked(scheduled, 3);
    const closed = ticket('PD-AAAA01', 3, { state: 'closed', stateReason: 'completed' });
    const actions = plan([{ item: withLink, comment: comment(withLink, ['GH-3']) }], { remote: new Map([['PD-AAAA01', closed]]) });
    assert.deepEqual(actions.map((a) => a.kind), ['pull', 'closed-upstream']);
  });

  it('closes a ticket only when the removal commit reached the default branch', () => {
    const gone = { ...linked(item('PD-AAAA04', { resolvedAt: '2026-03-01' }), 4), resolved: { at: '2026-03-01T00:00:00Z', commit: 'a'.repeat(40), author: 'alice' } };
    const onMain = plan([{ item: gone, comment: null }], { remote: new Map([['PD-AAAA04', ticket('PD-AAAA04', 4)]]) });
    assert.deepEqual(onMain.map((a) => a.kind), ['close']);
    const onBranch = plan([{ item: gone, comment: null }], { remote: new Map([['PD-AAAA04', ticket('PD-AAAA04', 4)]]), onDefaultBranch: () => false });
    assert.deepEqual(onBranch.map((a) => a.kind), ['hold']);
    assert.match(onBranch[0]!.kind === 'hold' ? onBranch[0]!.why : '', /has not reached the default branch/);
    const uncommitted = { ...gone, resolved: { ...gone.resolved, commit: null } };
    assert.match((plan([{ item: uncommitted, comment: null }])[0] as { why: string }).why, /not committed yet/);
    assert.deepEqual(plan([{ item: gone, comment: null }], { closeRemoved: false }), []);
  });

  it('a ticket already closed, or an item in sync, plans nothing', () => {
    const gone = { ...linked(item('PD-AAAA04', { resolvedAt: '2026-03-01' }), 4, 'closed'), resolved: { at: '2026-03-01T00:00:00Z', commit: 'a'.repeat(40), author: null } };
    const inSync = linked(scheduled, 5);
    const actions = plan(
      [
        { item: gone, comment: null },
        { item: inSync, comment: comment(inSync, ['GH-5']) },
      ],
      { remote: new Map([['PD-AAAA04', ticket('PD-AAAA04', 4, { state: 'closed' })], ['PD-AAAA01', ticket('PD-AAAA01', 5, { title: scheduled.title, milestone: '2026-S24' })]]) },
    );
    assert.deepEqual(actions, []);
  });

  describe('updates: what changed in Paydown since the ticket was last told', () => {
    const told = (ledger: LedgerItem, n: number, pushed: TrackerLink['pushed'], state: string | null = 'open'): LedgerItem => {
      const withLink = linked(ledger, n, state);
      return { ...withLink, trackers: [{ ...withLink.trackers[0]!, pushed }] };
    };
    const base = { title: scheduled.title, sprint: '2026-S24', estimate: null };
    const one = (ledger: LedgerItem, overrides: Partial<PlanInput> = {}): ReturnType<typeof planSync> => plan([{ item: ledger, comment: comment(ledger, ['GH-5']) }], { remote: new Map([[ledger.id, ticket(ledger.id, 5, { title: 'renamed in the tracker', milestone: 'Someone else\'s milestone' })]]), ...overrides });

    it('a title and sprint changed in Paydown go to the ticket, each from what it was told to what it is now', () => {
      const moved = told({ ...scheduled, title: 'Replace the retry loop', sprint: '2026-S25' }, 5, base);
      assert.deepEqual(one(moved), [{ kind: 'update', itemId: 'PD-AAAA01', key: `${REPO}#5`, changes: { title: { from: scheduled.title, to: 'Replace the retry loop' }, sprint: { from: '2026-S24', to: '2026-S25' } } }]);
    });

    it('an edit made in the tracker to a field Paydown did not change stays: nothing is sent', () => {
      assert.deepEqual(one(told(scheduled, 5, base)), []);
    });

    it('an estimate goes to trackers that keep one (GitLab, Jira, Linear), never to GitHub', () => {
      const estimated = told({ ...scheduled, effort: { value: 3, source: 'ui', comment: null } }, 5, base);
      assert.deepEqual(one(estimated), [], 'GitHub Issues have no estimate');
      const onGitLab = { ...estimated, trackers: [{ ...estimated.trackers[0]!, tracker: 'gitlab' }] };
      const actions = one(onGitLab, { tracker: 'gitlab', remote: new Map([[onGitLab.id, { ...ticket(onGitLab.id, 5), tracker: 'gitlab' as const }]]) });
      assert.deepEqual(actions.map((a) => a.kind === 'update' && a.changes), [{ estimate: { from: null, to: 3 } }]);
    });

    it('a closed ticket, or debt that left the code, is not updated', () => {
      const retitled = { ...scheduled, title: 'New title' };
      assert.deepEqual(one(told(retitled, 5, base), { remote: new Map([['PD-AAAA01', ticket('PD-AAAA01', 5, { state: 'closed' })]]) }).map((a) => a.kind), ['pull', 'closed-upstream']);
      assert.deepEqual(plan([{ item: told(retitled, 5, base), comment: null }]), []);
    });

    it('offline, the change is planned from the ledger alone (the run queues it)', () => {
      const retitled = told({ ...scheduled, title: 'New title' }, 5, base);
      assert.deepEqual(one(retitled, { remote: null }).map((a) => a.kind), ['update']);
    });

    it('a link recorded before Paydown kept what it sent compares with the ticket as read now', () => {
      const legacy = linked(scheduled, 5);
      assert.deepEqual(one(legacy).map((a) => a.kind === 'update' && Object.keys(a.changes)), [['title', 'sprint']]);
      assert.deepEqual(one(legacy, { remote: null }), [], 'not asked and never told: nothing is known to differ');
    });
  });

  it('offline (the tracker not asked) still plans creates, which run only after a lookup', () => {
    const actions = plan([{ item: scheduled, comment: comment(scheduled) }], { remote: null });
    assert.deepEqual(actions.map((a) => a.kind), ['create']);
  });
});

describe('tracker sync: GitHub naming', () => {
  const naming = githubNaming('Acme/Pay');
  it('maps comment references and ledger keys both ways, for this repository only', () => {
    assert.equal(naming.keyOfReference('GH-412'), 'Acme/Pay#412');
    assert.equal(naming.keyOfReference('acme/pay#9'), 'Acme/Pay#9');
    assert.equal(naming.keyOfReference('other/repo#9'), null);
    assert.equal(naming.keyOfReference('PROJ-9'), null);
    assert.equal(naming.referenceOfKey('Acme/Pay#412'), 'GH-412');
    assert.equal(naming.referenceOfKey('#7'), 'GH-7');
    assert.equal(naming.referenceOfKey('other/repo#7'), null);
  });
});
