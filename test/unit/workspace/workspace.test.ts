import * as assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { createGitClient, fixedIdentity, openWorkspace, PaydownError, silentLogger, type Ports } from '../../../src/engine';
import { nodeIo } from '../../../src/engine/scanner/walk';
import { git } from '../../support/git';
import { tempWorkspace } from '../ledger/helpers';

/** The ports of a test: a fixed clock and user, no git unless given. */
function ports(overrides: Partial<Ports> = {}): Ports {
  return { clock: { now: () => new Date('2026-11-04T09:30:00.000Z') }, logger: silentLogger, identity: fixedIdentity({ name: 'Alice Adams', email: 'alice@example.com' }), git: null, ...overrides };
}

function folder(files: Record<string, string>): string {
  const root = tempWorkspace('paydown-workspace-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

describe('openWorkspace: the one-shot entry point', () => {
  const roots: string[] = [];
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
  const open = async (files: Record<string, string>, overrides: Partial<Ports> = {}) => {
    const root = folder(files);
    roots.push(root);
    return openWorkspace(root, ports(overrides), { workers: 0 });
  };

  it('sprints(today) never throws: no sprint holding today is a problem in the calendar, not an exception', async () => {
    const none = await open({ 'a.ts': '// TODO: a\n' });
    const calendar = none.sprints({ today: '2026-11-04' });
    assert.deepEqual([calendar.sprints, calendar.current, calendar.problems.map((p) => p.code)], [[], null, ['no-sprints']]);
    const between = await open({ '.paydown/config.jsonc': '{ "sprints": [{ "name": "S1", "start": "2026-10-01", "end": "2026-10-14", "capacity": 40, "debtBudget": "25%" }] }' });
    const later = between.sprints({ today: '2026-11-04' });
    assert.equal(later.current, null);
    assert.deepEqual(later.problems.map((p) => p.code), ['no-current-sprint']);
    assert.match(later.problems[0]!.message, /the last one, S1, ended 2026-10-14/);
    // A use case that needs a sprint turns the problem into a usage error with its hint.
    await assert.rejects(between.budget('current', { today: '2026-11-04' }), (err: unknown) => PaydownError.is(err, 'usage') && /no sprint contains 2026-11-04/.test(err.message));
  });

  it('edits are stamped with the Identity port’s user and the Clock port’s time', async () => {
    const workspace = await open({ 'src/pay.ts': '// DEBT: replace the retry loop effort:3\n' });
    const { changes } = await workspace.sync();
    assert.equal(changes.created.length, 1);
    const id = changes.created[0]!.id;
    const { item } = await workspace.edit(id, { effort: 5 });
    const last = item.history.at(-1)!;
    assert.deepEqual([last.type, last.field, last.from, last.to, last.by, last.at], ['field', 'effort', 3, 5, 'Alice Adams', '2026-11-04T09:30:00.000Z']);
    // The workspace reads its ledger again after writing: what it reports is what it wrote.
    const listed = (await workspace.items()).items.find((l) => l.item.id === id)!;
    assert.equal(listed.item.effort.value, 5);
  });

  it('items() after sync() reads the code sync scanned, without scanning it again (a tracker sync, dry or not, does both)', async () => {
    const root = folder({ 'src/pay.ts': '// DEBT: replace the retry loop effort:3\n', 'src/b.ts': '// TODO: b\n' });
    roots.push(root);
    let listings = 0;
    const io = { ...nodeIo, readdirSync: (dir: string, options: { withFileTypes: true }) => (dir === root && listings++, nodeIo.readdirSync(dir, options)) };
    for (const dryRun of [true, false]) {
      const workspace = await openWorkspace(root, ports(), { workers: 0, io });
      listings = 0;
      await workspace.sync({ dryRun });
      const { items } = await workspace.items();
      assert.equal(listings, 1, `dry run ${dryRun}: one scan`);
      assert.equal(items.filter((l) => l.comment !== null).length, dryRun ? 0 : 2, "after a real sync, both items are in the ledger and matched to their comments");
    }
  });

  it('check --base with git missing says git is missing, not "not a repository"', async () => {
    const root = folder({ 'a.ts': '// TODO: a\n' });
    roots.push(root);
    git(root, 'init', '-q');
    const missing = createGitClient({ cwd: root, env: process.env, gitPath: path.join(root, 'no-such-git') });
    const workspace = await openWorkspace(root, ports({ git: missing }), { workers: 0 });
    await assert.rejects(workspace.check({ base: 'main', today: '2026-11-04' }), (err: unknown) => {
      assert.ok(PaydownError.is(err, 'git-failed'), String(err));
      assert.match(err.message, /git is not installed or not on PATH/);
      assert.doesNotMatch(err.message, /not in one|not a git repository/);
      return true;
    });
  });
});
