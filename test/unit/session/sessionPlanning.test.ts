import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { assignInSession, fixedIdentity, LedgerStore, openWorkspace, sessionWorkspace, silentLogger, systemClock, WorkspaceSession, type SessionChange } from '../../../src/engine';

const SAMPLE = path.resolve(__dirname, '../../fixtures/sample-workspace');
const TODAY = '2026-12-03';
const clock = { now: () => new Date(`${TODAY}T10:00:00Z`) };

/** The budget panel's planning and exports run on the editor's session: the engine's one path, no second scan. */
describe('workspace session: planning and exports for the budget panel', () => {
  let root: string;
  let session: WorkspaceSession;
  beforeEach(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'paydown-session-plan-'));
    cpSync(SAMPLE, root, { recursive: true });
    session = await WorkspaceSession.open({ root, git: null, clock, identity: fixedIdentity({ name: 'Lead', email: null }) });
    await session.refresh();
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('accepts the page\'s proposal into the ledger, skipping an item planned since, and the page shows it allocated', async () => {
    // The next sprint: the current one's budget is fully allocated in the sample.
    const next = session.budgetPage({ today: TODAY }).sprints.find((s) => s.phase === 'planned')!.name;
    const page = session.budgetPage({ today: TODAY, sprint: next, planning: true });
    const sprint = page.planning!.sprint;
    const ids = page.planning!.proposed.map((p) => p.id);
    assert.ok(ids.length >= 2, 'the sample proposes at least two items');
    // Someone else plans the first one meanwhile (another window, the CLI).
    await (await openWorkspace(root, { clock, logger: silentLogger, identity: fixedIdentity(null), git: null })).assign([ids[0]!], sprint);
    const changes: SessionChange[] = [];
    session.onDidChange((c) => changes.push(c));
    const { outcomes } = await assignInSession(session, ids, sprint, { today: TODAY, onlyIfUnplanned: true });
    assert.deepEqual(outcomes.map((o) => o.result), ['skipped', ...ids.slice(1).map(() => 'assigned')]);
    const ledger = await LedgerStore.open(root).load();
    for (const id of ids) assert.equal(ledger.items.find((i) => i.id === id)?.sprint, sprint);
    assert.equal(ledger.items.find((i) => i.id === ids[1])?.history.at(-1)?.by, 'Lead');
    assert.ok(changes.length > 0, 'the views hear of the write');
    const after = session.budgetPage({ today: TODAY, sprint: next, planning: true });
    for (const id of ids) assert.ok(after.sprint!.items.some((i) => i.id === id), `${id} is allocated on the page`);
    assert.equal(after.sprint!.allocated, page.sprint!.allocated + page.planning!.proposedEffort);
  });

  it('reviews and exports what the CLI\'s workspace does, from the session\'s own picture', async () => {
    const cli = await openWorkspace(root, { clock: systemClock, logger: silentLogger, identity: fixedIdentity(null), git: null });
    const mine = await sessionWorkspace(session).review('current', { today: TODAY });
    const theirs = await cli.review('current', { today: TODAY });
    assert.deepEqual(mine.review, theirs.review);
    const csv = await sessionWorkspace(session).export({ format: 'csv', sprint: 'current', today: TODAY });
    const cliCsv = await cli.export({ format: 'csv', sprint: 'current', today: TODAY });
    assert.equal(csv.count, cliCsv.count);
    assert.equal(csv.text!.split('\n').slice(1).join('\n'), cliCsv.text!.split('\n').slice(1).join('\n'));
  });
});
