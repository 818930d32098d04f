/**
 * When the Debt view refreshes after its data changed.
 *
 * VS Code's extension host debounces a tree's refresh events by 200 ms, leading edge first: an
 * event after 200 quiet ms passes at once; one within 200 ms of the last is held until 200 ms
 * after the latest. So a refresh is never sent sooner than {@link REFRESH_SPACING_MS} after the
 * previous one (it then always passes at once), and while changes come in a burst (fast typing,
 * key repeat, a paste arriving in parts) the refresh moves to the burst's end instead of spending
 * the spacing in its middle: the last key's row then shows {@link BURST_GAP_MS} after it, not up
 * to a spacing later. A burst holds refreshes back for at most {@link BURST_HOLD_MS}.
 *
 * No `vscode` import: the clock and the timers come in, so the pacing is tested on its own.
 */

/** Just over the host's 200 ms debounce. */
export const REFRESH_SPACING_MS = 205;
/** Changes of several folders (or a scan's batches) within this are one refresh. */
export const COALESCE_MS = 5;
/** Changes closer together than this are one burst. Slower typing refreshes per key. */
export const BURST_GAP_MS = 50;
/** A longer burst still shows its progress this often. */
export const BURST_HOLD_MS = 1_000;

export interface PacerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: PacerClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class RefreshPacer {
  private timer: unknown;
  private lastChange = Number.NEGATIVE_INFINITY;
  private lastSent = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly refresh: () => void,
    private readonly clock: PacerClock = realClock,
  ) {}

  /** The view's data changed: refresh soon. */
  changed(): void {
    const now = this.clock.now();
    const inBurst = now - this.lastChange < BURST_GAP_MS;
    this.lastChange = now;
    if (this.timer !== undefined) {
      if (!inBurst || now - this.lastSent >= BURST_HOLD_MS) return;
      this.clock.clearTimeout(this.timer);
    }
    const settle = inBurst ? BURST_GAP_MS : COALESCE_MS;
    this.timer = this.clock.setTimeout(
      () => {
        this.timer = undefined;
        this.refresh();
      },
      Math.max(settle, this.lastSent + REFRESH_SPACING_MS - now),
    );
  }

  /** A refresh event went to the view (from a timer, or at once after a user's command). */
  sent(): void {
    this.lastSent = this.clock.now();
  }

  /** A refresh ran outside the pacing: the pending one is no longer needed. */
  cancel(): void {
    if (this.timer === undefined) return;
    this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
