import { EventEmitter, fake } from './fakeVscode';
import * as assert from 'node:assert/strict';
import type { Sessions, SessionsState } from '../../../src/extension/sessions';
import { StatusBar } from '../../../src/extension/views/statusBar';

/** Sessions as the status bar sees them: two events (with their listeners counted) and a state. */
function fakeSessions() {
  const changed = new EventEmitter<unknown>();
  const stateChanged = new EventEmitter<SessionsState>();
  const sessions = {
    onDidChange: changed.event,
    onDidChangeState: stateChanged.event,
    state: { kind: 'done', summary: { count: 2, byTag: { TODO: 2 }, byFile: { 'a.ts': 2 }, problems: 0, folders: 1, files: 1, durationMs: 1 } } as SessionsState,
    all: () => [],
    summary: () => (sessions.state as Extract<SessionsState, { kind: 'done' }>).summary,
  };
  const listeners = () => changed.listeners.size + stateChanged.listeners.size + fake.activeEditorChanged.listeners.size;
  return { sessions: sessions as unknown as Sessions, listeners };
}

describe('the status bar', () => {
  beforeEach(() => fake.reset());

  it('listens to the sessions and the editor only while paydown.statusBar.enabled is on', () => {
    const { sessions, listeners } = fakeSessions();
    const bar = new StatusBar(sessions);
    try {
      assert.ok(listeners() > 0);
      assert.equal(fake.statusItems[0]?.text, '$(checklist) 2 debt items');
      assert.ok(fake.statusItems[0]?.visible);

      fake.setSetting('statusBar.enabled', false);
      assert.equal(listeners(), 0, 'still listening while off');
      assert.ok(fake.statusItems.every((s) => s.disposed), 'the entry is gone');

      fake.setSetting('statusBar.enabled', true);
      assert.ok(listeners() > 0, 'listening again');
      assert.equal(fake.statusItems.filter((s) => !s.disposed).length, 1, 'one entry');
      assert.ok(fake.statusItems.at(-1)!.visible);
    } finally {
      bar.dispose();
    }
    assert.equal(listeners(), 0, 'disposed: nothing listens');
  });

  it('off from the start: no entry and no listener at all', () => {
    fake.settings['statusBar.enabled'] = false;
    const { sessions, listeners } = fakeSessions();
    const bar = new StatusBar(sessions);
    assert.equal(listeners(), 0);
    assert.equal(fake.statusItems.length, 0);
    bar.dispose();
  });
});
