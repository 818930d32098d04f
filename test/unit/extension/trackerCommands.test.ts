import { fake, Uri } from './fakeVscode';
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { Sessions } from '../../../src/extension/sessions';
import { TrackerCommands } from '../../../src/extension/trackers/trackerCommands';

describe('tracker commands', () => {
  beforeEach(() => fake.reset());

  it('"Sync with Issue Tracker" run while the folders open waits for their sessions before it answers', async () => {
    const folder = { uri: Uri.file('/work/app'), name: 'app', index: 0 };
    // A folder whose config names no tracker: its session opens only once the scan is awaited.
    const opened = [{ folder, session: { settings: { trackers: { github: null, gitlab: null, jira: null, linear: null }, sprintsFrom: null } } }];
    let open = false;
    const sessions = {
      all: () => (open ? opened : []),
      state: { kind: 'scanning' },
      whenScanned: async () => {
        await new Promise((resolve) => setImmediate(resolve));
        open = true;
        return { count: 0, byTag: {}, byFile: {}, problems: 0, folders: 1, files: 0, durationMs: 0 };
      },
    } as unknown as Sessions;
    const log = { info() {}, warn() {}, error() {} } as unknown as vscode.LogOutputChannel;
    const commands = new TrackerCommands(fake.context() as unknown as vscode.ExtensionContext, sessions, log);
    await commands.sync();
    assert.equal(fake.infos.length, 1);
    assert.match(fake.infos[0]!, /^Paydown: no folder names an issue tracker yet/, 'the folder was seen (not "open a folder with debt")');
  });
});
