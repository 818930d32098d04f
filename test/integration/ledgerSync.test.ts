import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PaydownError } from '../../src/engine/errors';
import { createGitClient } from '../../src/engine/git/execGitClient';
import type { LedgerItem } from '../../src/engine/ledger/model';
import { applyChangeSet, syncLedger, type LedgerChangeSet } from '../../src/engine/ledger/sync';
import type { Clock, GitClient } from '../../src/engine/ports';
import { DEFAULT_ANNOTATION_OPTIONS, type DebtItem } from '../../src/engine/model';
import type { FileCoverage } from '../../src/engine/scanner/coverage';
import { scanDocument } from '../../src/engine/scanner/document';
import { TempRepo } from '../support/tempRepo';

/** Scans every file of the folder (but `.git`) with the real annotation grammar. */
function scanFolder(root: string): DebtItem[] {
  const items: DebtItem[] = [];
  const walk = (rel: string): void => {
    for (const name of readdirSync(join(root, rel)).sort()) {
      if (name === '.git') continue;
      const path = rel ? `${rel}/${name}` : name;
      if (statSync(join(root, path)).isDirectory()) walk(path);
      else items.push(...scanDocument(readFileSync(join(root, path), 'utf8'), { file: path }, DEFAULT_ANNOTATION_OPTIONS).items);
    }
  };
  walk('');
  return items;
}

/** `scanFolder` reads every file: whatever exists was read. */
const everyFileRead: FileCoverage = (files) => Promise.resolve(new Map(files.map((f) => [f, 'read'] as const)));

/** A clock that moves one hour per reading, from a fixed start. */
function steppingClock(start = Date.parse('2026-02-01T08:00:00Z')): Clock {
  let t = start;
  return {
    now: () => {
      const d = new Date(t);
      t += 3_600_000;
      return d;
    },
  };
}

class Workspace extends TempRepo {
  ledger: LedgerItem[] = [];
  readonly clock = steppingClock();

  constructor(git = true) {
    super(git, 'paydown-sync-');
  }

  /** Scan, sync and apply, the way `paydown ledger sync` does. */
  async sync(git: GitClient | null | undefined = undefined, dryRun = false): Promise<LedgerChangeSet> {
    // Undefined: git for the workspace, as the shells give it.
    const client = git === undefined ? createGitClient({ cwd: this.root, env: process.env }) : git;
    const changes = await syncLedger({ root: this.root, scanned: scanFolder(this.root), coverage: everyFileRead, ledger: this.ledger, git: client, clock: this.clock, dryRun });
    if (!dryRun) this.ledger = applyChangeSet(this.ledger, changes);
    return changes;
  }

  item(id: string): LedgerItem {
    return this.ledger.find((it) => it.id === id)!;
  }
}

const PAY = (above = '') =>
  `${above}export function pay() {\n  // TODO: Replace the retry loop with the backoff helper\n  return retry();\n}\n\n// FIXME(PD-7Q2K): drop the v1 fallback effort:2\nexport const v1 = true;\n`;

describe('ledger sync (real git)', function () {
  this.timeout(60_000);
  const workspaces: Workspace[] = [];
  const workspace = (git = true): Workspace => {
    const w = new Workspace(git);
    workspaces.push(w);
    return w;
  };
  after(() => workspaces.forEach((w) => w.dispose()));

  it('follows items across commits: add, move line, rename file, edit title, delete, restore', async () => {
    const w = workspace();
    w.write('src/pay.ts', PAY());
    const c1 = w.commit('add pay', 'Alice Adams');

    // add
    let s = await w.sync();
    assert.deepEqual([s.counts.created, s.commit, s.git], [2, c1, true]);
    const todo = s.created.find((it) => it.tag === 'TODO')!;
    assert.match(todo.id, /^PD-[0-9A-HJKMNP-TV-Z]{6}$/);
    assert.deepEqual(todo.firstSeen, { at: '2026-02-01T08:00:00.000Z', commit: c1 });
    assert.deepEqual(w.item('PD-7Q2K').effort, { value: 2, source: 'comment', comment: 2 });

    // move line: same ids, nothing to write
    w.write('src/pay.ts', PAY('import { retry } from "./retry";\n\n'));
    w.commit('import');
    s = await w.sync();
    assert.deepEqual(s.matches.map((m) => [m.id, m.kind]), [
      [todo.id, 'moved-line'],
      ['PD-7Q2K', 'explicit'],
    ]);
    assert.deepEqual([s.counts.created, s.counts.updated, s.counts.unchanged], [0, 0, 2]);
    // the ledger keeps the old line (no write for a shift); the match carries the live one
    assert.deepEqual([w.item(todo.id).line, s.matches[0]!.line], [2, 4]);

    // rename the file (git mv), not committed yet, then committed
    w.mv('src/pay.ts', 'src/payments/pay.ts');
    s = await w.sync();
    assert.deepEqual(s.matches.map((m) => [m.id, m.kind]), [
      [todo.id, 'renamed'],
      ['PD-7Q2K', 'explicit'],
    ]);
    assert.deepEqual([w.item(todo.id).file, w.item(todo.id).line, w.item(todo.id).history.length], ['src/payments/pay.ts', 4, 1]);
    w.commit('move pay');
    s = await w.sync();
    assert.deepEqual([s.counts.updated, s.counts.unchanged], [0, 2]);

    // edit the title lightly
    w.write('src/payments/pay.ts', PAY('import { retry } from "./retry";\n\n').replace('with the backoff helper', 'with the shared backoff helper'));
    w.commit('reword');
    s = await w.sync();
    assert.deepEqual(s.matches.map((m) => m.kind), ['edited', 'explicit']);
    assert.deepEqual(w.item(todo.id).history.map((e) => e.type), ['created', 'retitled']);

    // delete the FIXME in a commit by Dana: resolved with that commit and author
    const withFixme = readFileSync(join(w.root, 'src/payments/pay.ts'), 'utf8');
    w.write('src/payments/pay.ts', withFixme.replace('// FIXME(PD-7Q2K): drop the v1 fallback effort:2\n', ''));
    const removal = w.commit('drop the v1 fallback', 'Dana Diaz');
    s = await w.sync();
    assert.deepEqual(s.resolved.map((it) => it.id), ['PD-7Q2K']);
    const resolved = w.item('PD-7Q2K');
    assert.equal(resolved.status, 'resolved');
    assert.deepEqual([resolved.resolved?.commit, resolved.resolved?.author], [removal, 'Dana Diaz']);
    assert.deepEqual(resolved.history.at(-1), { id: resolved.history.at(-1)!.id, at: resolved.resolved!.at, type: 'resolved', from: 'open', to: 'resolved', commit: removal, by: 'Dana Diaz' });

    // restore it: the same item reopens
    w.write('src/payments/pay.ts', withFixme);
    w.commit('bring v1 back');
    s = await w.sync();
    assert.deepEqual(s.reopened, ['PD-7Q2K']);
    assert.deepEqual([w.item('PD-7Q2K').status, w.item('PD-7Q2K').resolved], ['open', null]);
    assert.deepEqual(w.item('PD-7Q2K').history.map((e) => e.type), ['created', 'resolved', 'reopened']);
    assert.equal(w.ledger.length, 2);
  });

  it('a removal synced before it is committed gets its commit once it is committed', async () => {
    const w = workspace();
    w.write('a.ts', '// TODO: remove the cache shim\nexport {};\n');
    w.commit('add');
    await w.sync();
    const id = w.ledger[0]!.id;
    w.write('a.ts', 'export {};\n');
    let s = await w.sync();
    assert.deepEqual(s.resolved.map((it) => [it.id, it.resolved?.commit]), [[id, null]]);
    const c = w.commit('remove the shim', 'Erin Evans');
    s = await w.sync();
    assert.deepEqual(s.restamped, [id]);
    assert.deepEqual([w.item(id).resolved?.commit, w.item(id).resolved?.author], [c, 'Erin Evans']);
    s = await w.sync();
    assert.deepEqual([s.counts.updated, s.restamped], [0, []]);
  });

  it('without git: a moved file is followed by its content, removals get no commit', async () => {
    const w = workspace(false);
    w.write('src/a.ts', '// HACK: parse dates by hand\n');
    w.write('src/b.ts', '// TODO: add tests\n');
    let s = await w.sync();
    assert.deepEqual([s.git, s.commit, s.counts.created], [false, null, 2]);
    const [a] = s.created;
    rmSync(join(w.root, 'src/a.ts'));
    w.write('lib/dates.ts', '\n\n// HACK: parse dates by hand\n');
    s = await w.sync();
    assert.deepEqual(s.matches.map((m) => [m.file, m.kind, m.id]), [
      ['lib/dates.ts', 'renamed', a!.id],
      ['src/b.ts', 'same-place', s.matches[1]!.id],
    ]);
    rmSync(join(w.root, 'src/b.ts'));
    s = await w.sync();
    assert.deepEqual(s.resolved[0]!.resolved, { at: s.at, commit: null, author: null });
  });

  it('a dry run reports the same change set and leaves the ledger to the caller', async () => {
    const w = workspace();
    w.write('a.ts', '// TODO: one\n');
    w.commit('add');
    const dry = await w.sync(undefined, true);
    assert.equal(dry.dryRun, true);
    assert.equal(dry.counts.created, 1);
    assert.deepEqual(w.ledger, []);
    assert.deepEqual(Object.keys(dry.counts.byKind), ['explicit', 'same-place', 'moved-line', 'renamed', 'edited', 'new']);
  });

  it('a failing git is a warning, not a failed sync', async () => {
    const w = workspace();
    w.write('a.ts', '// TODO: one\n');
    w.commit('add');
    const real = createGitClient({ env: process.env, cwd: w.root });
    const broken: GitClient = {
      ...real,
      renames: () => Promise.reject(new PaydownError('git-failed', 'git log failed: boom')),
    };
    const s = await w.sync(broken);
    assert.equal(s.counts.created, 1);
    assert.deepEqual(s.problems.map((p) => p.code), ['git-failed']);
    assert.match(s.problems[0]!.message, /renamed files: git log failed: boom/);
  });
});
