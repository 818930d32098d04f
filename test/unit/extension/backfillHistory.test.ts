import { fake, Uri } from './fakeVscode';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { loadConfig } from '../../../src/engine/config/config';
import { createGitClient } from '../../../src/engine/git/execGitClient';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { fixedIdentity, silentLogger, type Ports } from '../../../src/engine/ports';
import type { WorkspaceSession } from '../../../src/engine/session/session';
import { openWorkspace } from '../../../src/engine/workspace/workspace';
import { backfillHistory } from '../../../src/extension/commands/backfillHistory';
import type { Sessions } from '../../../src/extension/sessions';
import { gitEnv } from '../../support/git';
import { TempRepo } from '../../support/tempRepo';

describe('Paydown: Backfill History (the editor command)', function () {
  this.timeout(30_000);
  let repo: TempRepo;
  let reloaded = 0;
  let sessions: Sessions;

  beforeEach(async () => {
    fake.reset();
    repo = new TempRepo(true, 'paydown-ext-backfill-');
    repo.write('a.ts', '// TODO: first thing\n');
    repo.commit('c1', 'Alice', '2024-04-01T09:00:00Z');
    const ports: Ports = { clock: { now: () => new Date('2026-01-01T00:00:00Z') }, logger: silentLogger, identity: fixedIdentity(null), git: createGitClient({ cwd: repo.root, env: gitEnv() }) };
    await (await openWorkspace(repo.root, ports, { workers: 0 })).sync();
    const { config } = loadConfig(repo.root);
    reloaded = 0;
    // The parts of a session the command uses: its use-case parts and a ledger reload.
    const session = {
      root: repo.root,
      useCaseParts: () => ({ root: repo.root, config, cacheDir: undefined, ports, live: () => ({ items: [], unreadable: [] }) }),
      reloadLedger: () => {
        reloaded++;
        return Promise.resolve();
      },
    } as unknown as WorkspaceSession;
    const folder = { uri: Uri.file(repo.root), name: 'repo', index: 0 } as unknown as vscode.WorkspaceFolder;
    sessions = { all: () => [{ folder, session }] } as unknown as Sessions;
  });
  afterEach(() => repo.dispose());

  const log = (): vscode.LogOutputChannel => ({ info: () => undefined, warn: () => undefined, error: () => undefined }) as unknown as vscode.LogOutputChannel;

  it('backfills with a progress notification, reloads the session and says what it did', async () => {
    const result = await backfillHistory(sessions, log());
    assert.equal(result?.plan.counts.firstSeen, 1);
    assert.equal(reloaded, 1);
    const [item] = (await LedgerStore.open(repo.root).load()).items;
    assert.equal(item!.firstSeen.at, '2024-04-01T09:00:00.000Z');
    assert.ok(fake.progressReports.length > 0);
    assert.match(fake.infos[0]!, /backfilled 1 item from 1 commit \(1 first seen, 0 resolved, 0 removed debt recorded\)/);
  });

  it('Cancel stops it without writing, and says the next run carries on', async () => {
    fake.cancelProgress = true;
    const result = await backfillHistory(sessions, log());
    assert.equal(result, undefined);
    assert.equal(reloaded, 0);
    const [item] = (await LedgerStore.open(repo.root).load()).items;
    assert.equal(item!.firstSeen.at, '2026-01-01T00:00:00.000Z');
    assert.match(fake.infos[0]!, /cancelled.*carry on/);
  });
});
