/** Why an engine operation failed; stable strings the shells branch on. */
export type PaydownErrorReason =
  | 'config-invalid'
  | 'config-unreadable'
  | 'path-unreadable'
  | 'aborted'
  | 'usage'
  | 'ledger-corrupt'
  | 'ledger-newer-version'
  | 'ledger-conflict'
  | 'ledger-locked'
  | 'ledger-not-found'
  | 'git-failed'
  /** No tracker configured, or its project cannot be told (no `repo`, no `origin` remote). */
  | 'tracker-config'
  /** A sync needs a token and none is set (or the tracker refused it). */
  | 'tracker-auth'
  /** The config names a tracker host the user's token was not given for. */
  | 'tracker-untrusted-host';

/**
 * Marks a PaydownError in a way every copy of this module agrees on: the extension's bundles
 * (stages and the budget panel's) each carry their own copy of the engine, so `instanceof` alone
 * would miss an error raised by another bundle's copy.
 */
const BRAND = Symbol.for('paydown.PaydownError');

/** An error the engine raises on purpose; anything else is a bug. */
export class PaydownError extends Error {
  override readonly name = 'PaydownError';
  readonly [BRAND] = true;
  constructor(
    readonly reason: PaydownErrorReason,
    message: string,
    /** A one-line hint on what to do about it. */
    readonly hint?: string,
    options?: { cause?: unknown; details?: readonly string[] },
  ) {
    super(message, options);
    this.details = options?.details ?? [];
  }

  /** Every individual problem behind this error (e.g. each invalid config field with its path). */
  readonly details: readonly string[];

  /** True when `err` is a PaydownError (of `reason`, when given). Never matches on message text. */
  static is(err: unknown, reason?: PaydownErrorReason): err is PaydownError {
    const ours = err instanceof PaydownError || (typeof err === 'object' && err !== null && (err as { [BRAND]?: unknown })[BRAND] === true);
    return ours && (reason === undefined || (err as PaydownError).reason === reason);
  }
}

/**
 * The lines every shell shows for a PaydownError, in this order: its message, each further
 * detail (indented), and its hint as `hint: …`. The CLI prints them to stderr (the first after
 * `paydown: `); the editor logs them and shows the message with its hint.
 */
export function errorLines(err: PaydownError): string[] {
  return [err.message, ...err.details.slice(1).map((d) => `  ${d}`), ...(err.hint ? [hintLine(err.hint)] : [])];
}

/** A hint as every shell words it. */
export function hintLine(hint: string): string {
  return `hint: ${hint}`;
}
