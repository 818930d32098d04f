/**
 * Ctrl-C and SIGTERM for the whole CLI. One AbortController per process; every command passes
 * its signal to the engine (the one cancellation convention: `AbortSignal`). On the first signal
 * the controller aborts, and the command ends through its AbortError with exit 128 + the
 * signal's number (130 for SIGINT, 143 for SIGTERM). Work that does not notice within
 * `GRACE_MS` is cut short with the same code; a second signal ends the process at once.
 *
 * Node runs signal handlers on the event loop, so a handler waits for synchronous work in
 * progress; output is written in chunks with turns of the loop between them (output.ts), so a
 * signal stops the output too. Ledger writes are crash-safe (journal, atomic renames), so ending
 * in the middle of one leaves the old or the new ledger.
 */

/** How long aborted work gets to stop on its own before the process exits anyway. */
export const GRACE_MS = 1000;

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;
type HandledSignal = keyof typeof EXIT_CODES;

const controller = new AbortController();
let received: HandledSignal | null = null;
let announced = false;

/** The signal every command passes to the engine: aborted on Ctrl-C or SIGTERM. */
export function cliSignal(): AbortSignal {
  return controller.signal;
}

/** The exit code for the signal received (130, 143), or null while none was. */
export function interruptedExitCode(): number | null {
  return received === null ? null : EXIT_CODES[received];
}

/** Says `paydown: interrupted` on stderr, once. */
export function announceInterrupt(): void {
  if (announced) return;
  announced = true;
  try {
    process.stderr.write('paydown: interrupted\n');
  } catch {
    // stderr is gone too: the exit code says it.
  }
}

/** Installs the SIGINT and SIGTERM handlers (once per process). */
export function installInterruptHandlers(graceMs = GRACE_MS): void {
  for (const name of Object.keys(EXIT_CODES) as HandledSignal[]) {
    process.on(name, () => {
      if (received !== null) exitNow(EXIT_CODES[name]);
      received = name;
      const reason = new Error(`${name} received`);
      reason.name = 'AbortError';
      controller.abort(reason);
      setTimeout(() => exitNow(EXIT_CODES[name]), graceMs).unref();
    });
  }
}

function exitNow(code: number): never {
  announceInterrupt();
  process.exit(code);
}
