import { fake, Uri } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { once } from 'node:events';
import type * as vscode from 'vscode';
import { ScanThreadAhead } from '../../../src/engine/session/threadStart';
import { Sessions } from '../../../src/extension/sessions';

describe("the extension's sessions", () => {
  const temps: string[] = [];
  const temp = (): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'paydown-sessions-'));
    temps.push(dir);
    return dir;
  };
  beforeEach(() => fake.reset());
  after(() => temps.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('a window that opens asks for the first scan before any other task of the extension host runs', async () => {
    // As a window starts, the other extensions' activation takes the extension host's turns; in
    // the e2e's warm starts one `await` before the scan request cost 160–185 ms of the first rows.
    const root = temp();
    mkdirSync(path.join(root, '.paydown'));
    writeFileSync(path.join(root, '.paydown', 'config.jsonc'), JSON.stringify({ tags: ['TODO', 'PERF'] }));
    writeFileSync(path.join(root, 'a.ts'), '// PERF: one\n');
    fake.folders = [{ uri: Uri.file(root), name: 'app', index: 0 }];
    const cacheRoot = temp();
    const logged: string[] = [];
    const log = { info: (line: string) => logged.push(line), warn: (line: string) => logged.push(line), error: (line: string) => logged.push(line) } as unknown as vscode.LogOutputChannel;
    const sessions = new Sessions(log, cacheRoot);
    try {
      let askedBeforeOtherTasks: boolean | undefined;
      setImmediate(() => (askedBeforeOtherTasks = logged.some((line) => line.startsWith(`Scanning ${root}`))));
      const summary = await sessions.rescan();
      assert.equal(askedBeforeOtherTasks, true, `the scan was asked for after another task: ${JSON.stringify(logged)}`);
      assert.equal(summary.count, 1, 'the config (tag PERF) was read');
      assert.ok(existsSync(path.join(cacheRoot, 'scan-cache')), 'the scan cache folder was made');
    } finally {
      sessions.dispose();
    }
  });

  it('the first scan runs on the thread activation started', async () => {
    const root = temp();
    writeFileSync(path.join(root, 'a.ts'), '// TODO: one\n');
    fake.folders = [{ uri: Uri.file(root), name: 'app', index: 0 }];
    const early = new ScanThreadAhead(600_000);
    const thread = early.running!;
    const ended = once(thread, 'exit');
    const log = { info() {}, warn() {}, error() {} } as unknown as vscode.LogOutputChannel;
    const sessions = new Sessions(log, temp(), performance.now(), early);
    try {
      assert.equal((await sessions.rescan()).count, 1);
      let guard: NodeJS.Timeout | undefined;
      await Promise.race([ended, new Promise((_, reject) => (guard = setTimeout(() => reject(new Error('the scan did not run on the thread activation started')), 10_000)))]);
      clearTimeout(guard);
    } finally {
      sessions.dispose();
    }
  });

  it('a config a command wrote is read at once, without waiting for the file watcher', async () => {
    const root = temp();
    writeFileSync(path.join(root, 'a.ts'), '// PERF: one\n// TODO: two\n');
    const folder = { uri: Uri.file(root), name: 'app', index: 0 };
    fake.folders = [folder];
    const log = { info() {}, warn() {}, error() {} } as unknown as vscode.LogOutputChannel;
    const sessions = new Sessions(log, temp());
    try {
      assert.equal((await sessions.rescan()).count, 1, 'the default tags: TODO only');
      mkdirSync(path.join(root, '.paydown'));
      writeFileSync(path.join(root, '.paydown', 'config.jsonc'), JSON.stringify({ tags: ['PERF', 'TODO'] }));
      // The fake's file watcher reports nothing, as a real one may not for a folder just made.
      await sessions.configWritten(folder as unknown as vscode.WorkspaceFolder);
      assert.deepEqual(sessions.summary().byTag, { PERF: 1, TODO: 1 });
    } finally {
      sessions.dispose();
    }
  });
});
