import { fake, Uri } from './fakeVscode';
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type * as vscode from 'vscode';
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
});
