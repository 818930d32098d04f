import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { defaultConfig, type PaydownConfig } from '../../../src/engine/config/config';
import { systemClock } from '../../../src/engine/ports';
import { syncWorkspaceLedger } from '../../../src/engine/workspace/sync';
import type { LedgerChangeSet } from '../../../src/engine/ledger/sync';
import type { NotReadReason } from '../../../src/engine/scanner/coverage';
import { nodeIo, type WalkIo } from '../../../src/engine/scanner/walk';
import { WorkspaceSession } from '../../../src/engine/session/session';
import { tempWorkspace } from './helpers';

const TARGET = 'src/target.ts';
const TARGET_TEXT = '// DEBT: replace the retry loop effort:3\nexport const retry = 1;\n';

function denied(p: string): never {
  throw Object.assign(new Error(`EACCES: permission denied, '${p}'`), { code: 'EACCES' });
}

/** What stops a file from being read, and how to cause it. */
interface Cause {
  name: string;
  reason: NotReadReason;
  /** Changes the workspace or the config; returns what the scan must use. */
  apply(root: string, config: PaydownConfig): { io?: WalkIo };
}

const CAUSES: Cause[] = [
  {
    name: 'the file grew past scan.maxFileSize',
    reason: 'too-large',
    apply(root, config) {
      config.scan.maxFileSize = 4096;
      writeFileSync(path.join(root, TARGET), TARGET_TEXT + '// filler line\n'.repeat(400));
      return {};
    },
  },
  {
    name: 'the file became minified',
    reason: 'minified',
    apply(root) {
      writeFileSync(path.join(root, TARGET), `${TARGET_TEXT}${'var b=function(c){return c+1};'.repeat(400)}\n`);
      return {};
    },
  },
  {
    name: 'the file became binary (a NUL byte)',
    reason: 'binary',
    apply(root) {
      writeFileSync(path.join(root, TARGET), `${TARGET_TEXT}\0\n`);
      return {};
    },
  },
  {
    name: 'the file cannot be opened (EACCES, injected: root reads through chmod 000)',
    reason: 'unreadable',
    apply: () => ({ io: { ...nodeIo, openSync: (f, flags) => (f.endsWith(TARGET) ? denied(f) : nodeIo.openSync(f, flags)) } }),
  },
  {
    name: 'its folder cannot be listed (EACCES, injected)',
    reason: 'unreadable',
    apply: () => ({ io: { ...nodeIo, readdirSync: (d, opts) => (d.endsWith(`${path.sep}src`) ? denied(d) : nodeIo.readdirSync(d, opts)) } }),
  },
  {
    name: 'a new scan.exclude entry',
    reason: 'excluded',
    apply(_root, config) {
      config.scan.exclude = ['src/target.ts'];
      return {};
    },
  },
  {
    name: 'a new .gitignore entry',
    reason: 'ignored',
    apply(root) {
      writeFileSync(path.join(root, '.gitignore'), 'target.ts\n');
      return {};
    },
  },
  {
    name: 'a new .paydownignore entry in its folder',
    reason: 'ignored',
    apply(root) {
      writeFileSync(path.join(root, 'src', '.paydownignore'), 'target.ts\n');
      return {};
    },
  },
];

describe('ledger sync: debt in a file the scan did not read is not paid down', () => {
  const roots: string[] = [];
  after(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

  function workspace(): string {
    const root = tempWorkspace('paydown-unscanned-');
    roots.push(root);
    mkdirSync(path.join(root, 'src'));
    writeFileSync(path.join(root, TARGET), TARGET_TEXT);
    writeFileSync(path.join(root, 'other.ts'), '// TODO: keep me\n');
    return root;
  }

  const sync = (root: string, config: PaydownConfig, io?: WalkIo, dryRun = false): Promise<{ changes: LedgerChangeSet }> =>
    syncWorkspaceLedger({ root, config, git: null, clock: systemClock, workers: 0, io, dryRun });

  function itemFile(root: string, id: string): string {
    return readFileSync(path.join(root, '.paydown', 'ledger', `${id}.json`), 'utf8');
  }

  for (const cause of CAUSES) {
    it(`${cause.name}: the item stays open, untouched, reported as not checked (${cause.reason}); deleting the file resolves it`, async () => {
      const root = workspace();
      const config = defaultConfig();
      const first = await sync(root, config);
      const id = first.changes.created.find((it) => it.file === TARGET)!.id;
      const before = itemFile(root, id);

      const { io } = cause.apply(root, config);
      for (const dryRun of [true, false]) {
        const { changes } = await sync(root, config, io, dryRun);
        assert.deepEqual(changes.resolved, [], `dry run: ${dryRun}`);
        assert.deepEqual(changes.notChecked, [{ id, file: TARGET, reason: cause.reason }]);
        assert.deepEqual([changes.counts.notChecked, changes.counts.notCheckedBy], [1, { [cause.reason]: 1 }]);
      }
      // No history event, no rewrite: the bytes are what the first sync wrote.
      assert.equal(itemFile(root, id), before);

      rmSync(path.join(root, TARGET));
      const { changes } = await sync(root, config, io);
      assert.deepEqual(changes.resolved.map((it) => it.id), [id]);
      assert.deepEqual(changes.notChecked, []);
      assert.equal(JSON.parse(itemFile(root, id)).status, 'resolved');
    });
  }

  it('a file with one 8 KiB data-URL line is still read: its removed comment resolves the item', async () => {
    const root = workspace();
    const config = defaultConfig();
    const id = (await sync(root, config)).changes.created.find((it) => it.file === TARGET)!.id;
    const dataUrl = `data:image/png;base64,${'iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB'.repeat(300)}`;
    writeFileSync(path.join(root, TARGET), `${TARGET_TEXT}export const icon = "${dataUrl}";\n`);
    assert.deepEqual((await sync(root, config)).changes.notChecked, []);
    writeFileSync(path.join(root, TARGET), `export const retry = 1;\nexport const icon = "${dataUrl}";\n`);
    const { changes } = await sync(root, config);
    assert.deepEqual([changes.resolved.map((it) => it.id), changes.notChecked], [[id], []]);
  });

  it('the editor session records with the same rule', async () => {
    const root = workspace();
    const session = await WorkspaceSession.open({ root, git: null });
    const id = (await session.sync()).created.find((it) => it.file === TARGET)!.id;
    mkdirSync(path.join(root, '.paydown'), { recursive: true });
    writeFileSync(path.join(root, '.paydown', 'config.jsonc'), '{ "scan": { "maxFileSize": 4096 } }\n');
    writeFileSync(path.join(root, TARGET), TARGET_TEXT + '// filler line\n'.repeat(400));
    await session.reloadConfig();
    const changes = await session.sync();
    assert.deepEqual([changes.resolved, changes.notChecked], [[], [{ id, file: TARGET, reason: 'too-large' }]]);
    assert.equal(session.ledgerItem(id)?.status, 'open');
  });
});
