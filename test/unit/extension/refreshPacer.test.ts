/**
 * The Debt view's refresh pacing against VS Code's 200 ms leading-edge debounce of tree refresh
 * events: every refresh must pass the host at once, and the row of the last key typed must not
 * wait for a spacing that a refresh in the middle of the typing started.
 */
import assert from 'node:assert/strict';
import { BURST_GAP_MS, BURST_HOLD_MS, COALESCE_MS, REFRESH_SPACING_MS, RefreshPacer, type PacerClock } from '../../../src/extension/views/refreshPacer';

/** A clock whose timers run when the test moves time on. */
class FakeClock implements PacerClock {
  time = 1_000_000;
  private timers = new Map<number, { at: number; run: () => void }>();
  private next = 1;
  now(): number {
    return this.time;
  }
  setTimeout(run: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.time + ms, run });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = [...this.timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      this.timers.delete(due[0]);
      this.time = due[1].at;
      due[1].run();
    }
    this.time = end;
  }
}

/** A pacer whose refreshes are all sent, with the times they were sent at. */
function paced() {
  const clock = new FakeClock();
  const sentAt: number[] = [];
  const pacer: RefreshPacer = new RefreshPacer(() => {
    sentAt.push(clock.now());
    pacer.sent();
  }, clock);
  return { clock, pacer, sentAt };
}

/** VS Code's debounce (leading edge, 200 ms, restarted by every event): when each event reaches the view. */
function hostDelivers(sentAt: readonly number[]): number[] {
  const out: number[] = [];
  let quietUntil = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < sentAt.length; i++) {
    const t = sentAt[i]!;
    if (t >= quietUntil) out.push(t);
    else {
      // Held until 200 ms after the last of the events that follow within 200 ms of each other.
      let last = t;
      while (i + 1 < sentAt.length && sentAt[i + 1]! < last + 200) last = sentAt[++i]!;
      out.push(last + 200);
      quietUntil = last + 200;
      continue;
    }
    quietUntil = t + 200;
  }
  return out;
}

describe('Debt view: refresh pacing', () => {
  it('a lone change refreshes at once, and refreshes are never closer than the host lets through', () => {
    const { clock, pacer, sentAt } = paced();
    pacer.changed();
    clock.advance(COALESCE_MS);
    assert.deepEqual(sentAt, [clock.time]);
    // Human typing: a key every 120 ms for two seconds.
    for (let i = 0; i < 16; i++) {
      clock.advance(120);
      pacer.changed();
    }
    clock.advance(500);
    for (let i = 1; i < sentAt.length; i++) assert.ok(sentAt[i]! - sentAt[i - 1]! >= REFRESH_SPACING_MS, `refreshes ${sentAt[i - 1]} and ${sentAt[i]}`);
    assert.deepEqual(hostDelivers(sentAt), sentAt, 'every refresh passes the host at once');
    assert.ok(sentAt.length >= 8, `the tree follows slow typing (${sentAt.length} refreshes)`);
  });

  it('fast typing: the last key shows a burst gap after it, not a spacing after a refresh in the middle', () => {
    for (const keys of [3, 7, 12, 20, 33]) {
      const { clock, pacer, sentAt } = paced();
      pacer.changed();
      clock.advance(COALESCE_MS);
      for (let i = 0; i < keys; i++) {
        clock.advance(15);
        pacer.changed();
      }
      const lastKey = clock.time;
      clock.advance(1_000);
      const shown = hostDelivers(sentAt);
      assert.deepEqual(shown, sentAt, 'every refresh passes the host at once');
      const latency = shown[shown.length - 1]! - lastKey;
      assert.ok(latency <= BURST_GAP_MS || lastKey - sentAt[0]! < REFRESH_SPACING_MS - BURST_GAP_MS, `${keys} keys: last key shown ${latency} ms after it`);
      assert.ok(latency <= REFRESH_SPACING_MS);
    }
  });

  it('a long burst still shows its progress', () => {
    const { clock, pacer, sentAt } = paced();
    for (let i = 0; i < 200; i++) {
      pacer.changed();
      clock.advance(20);
    }
    assert.ok(sentAt.length >= 3, `${sentAt.length} refreshes in 4 s of key repeat`);
    for (let i = 1; i < sentAt.length; i++) assert.ok(sentAt[i]! - sentAt[i - 1]! <= BURST_HOLD_MS + BURST_GAP_MS);
  });

  it('a refresh run directly (a command) cancels the pending one', () => {
    const { clock, pacer, sentAt } = paced();
    pacer.changed();
    pacer.cancel();
    clock.advance(1_000);
    assert.deepEqual(sentAt, []);
  });
});
