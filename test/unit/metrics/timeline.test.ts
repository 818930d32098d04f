import * as assert from 'node:assert/strict';
import { buildTimeline, stateAt } from '../../../src/engine/ledger/history';
import { ev, item } from './helpers';

const at = (iso: string) => Date.parse(iso);

describe('metrics: replaying one item', () => {
  it('starts from the first change\'s "from" and applies changes in time order, even when history is out of order', () => {
    const tl = buildTimeline(
      item({
        id: 'PD-AAAAAA',
        firstSeen: '2026-01-01T00:00:00Z',
        status: 'scheduled',
        effort: 2,
        sprint: 'S2',
        events: [
          ev('sprint', '2026-01-05T00:00:00Z', { from: 'S1', to: 'S2' }),
          ev('field', '2026-01-03T00:00:00Z', { field: 'effort', from: 1.5, to: 2 }),
        ],
      }),
    );
    assert.equal(stateAt(tl, at('2025-12-31T00:00:00Z')), null);
    assert.deepEqual(stateAt(tl, at('2026-01-02T00:00:00Z')), { status: 'open', sprint: 'S1', effort: 1.5, tag: 'TODO', outcome: null });
    assert.equal(stateAt(tl, at('2026-01-04T00:00:00Z'))!.effort, 2);
    assert.equal(stateAt(tl, at('2026-01-04T00:00:00Z'))!.sprint, 'S1');
    assert.equal(stateAt(tl, at('2026-01-06T00:00:00Z'))!.sprint, 'S2');
  });

  it('legacy: a status the history does not explain begins at the last event; a resolution at its stamp', () => {
    const scheduled = buildTimeline(
      item({ id: 'PD-BBBBBB', firstSeen: '2026-01-01T00:00:00Z', status: 'scheduled', effort: 1, sprint: 'S1', events: [ev('retitled', '2026-01-04T00:00:00Z', { from: 'a', to: 'b' })] }),
    );
    // Sprint with no sprint event: taken as there from the start; status from the last event.
    assert.deepEqual(stateAt(scheduled, at('2026-01-02T00:00:00Z')), { status: 'open', sprint: 'S1', effort: 1, tag: 'TODO', outcome: null });
    assert.equal(stateAt(scheduled, at('2026-01-04T00:00:00Z'))!.status, 'scheduled');

    const resolved = buildTimeline(item({ id: 'PD-CCCCCC', firstSeen: '2026-01-01T00:00:00Z', status: 'resolved', effort: 1, resolvedAt: '2026-01-09T00:00:00Z', legacy: true }));
    assert.equal(resolved.firstSeen, at('2026-01-01T00:00:00Z'));
    assert.equal(stateAt(resolved, at('2026-01-08T23:59:59Z'))!.status, 'open');
    assert.equal(stateAt(resolved, at('2026-01-09T00:00:00Z'))!.status, 'resolved');
  });

  it('skips events it cannot read and changes that name no known status', () => {
    const tl = buildTimeline(
      item({
        id: 'PD-DDDDDD',
        firstSeen: '2026-01-01T00:00:00Z',
        status: 'open',
        effort: null,
        events: [ev('status', 'not a date', { from: 'open', to: 'wont-fix' }), ev('status', '2026-01-02T00:00:00Z', { from: 'open', to: 'paused' })],
      }),
    );
    assert.deepEqual(tl.states.map((s) => s.state.status), ['open']);
  });
});
