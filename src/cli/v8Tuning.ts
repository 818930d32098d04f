/**
 * V8 flags for a short-lived CLI process, by the V8 that runs it. A flag this V8 does not know
 * would print an error on every run, so the flags are named per V8 major version, and an unknown
 * version gets none. Applied by `tiering.ts`; the editor's long-lived extension host keeps V8's
 * defaults.
 *
 * - A later tier-up to the optimizing compiler: most of a CLI run's code runs hot only for a
 *   moment, and V8's defaults send much of it to TurboFan just before the run ends. On the
 *   110,000-file real corpus that compiling cost more CPU than it saved; with the later tier-up,
 *   only what stays hot (the lexer, the walk) is optimized. First scan CPU: Node 20 (V8 11,
 *   `--interrupt-budget` eight times the default) about -9%; Node 22 (V8 12, TurboFan after three
 *   times as many calls) 2.59 -> 2.27 s; Node 24 (V8 13, with Maglev) within noise.
 * - Heaps grow by 20% at a time instead of V8's adaptive factor (up to 4 times for small heaps):
 *   the walkers' heaps fill with file records that are garbage once written to the cache, and
 *   V8's larger steps let a cache-writing scan peak about 15 MB higher (157 against 142 MB on
 *   the real corpus), at no measured CPU cost.
 *
 * Figures: docs/performance.md, "Sixth pass".
 */

/** Node 20 ships V8 11.3, Node 22 V8 12.4, Node 24 V8 13.6. */
const KNOWN_MAJORS = { first: 11, last: 13 };
const V8_11_INTERRUPT_BUDGET = 67_584;
const V8_12_TURBOFAN_INVOCATIONS = 3_000;

export function v8TuningFlags(v8Version: string): string[] {
  const major = Number.parseInt(v8Version, 10);
  if (!(major >= KNOWN_MAJORS.first && major <= KNOWN_MAJORS.last)) return [];
  const tierUp = major === 11 ? `--interrupt-budget=${8 * V8_11_INTERRUPT_BUDGET}` : `--invocation-count-for-turbofan=${3 * V8_12_TURBOFAN_INVOCATIONS}`;
  return [tierUp, '--heap-growing-percent=20'];
}
