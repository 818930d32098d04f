/** Why an engine operation failed; stable strings the shells branch on. */
export type PaydownErrorReason =
  | 'config-invalid'
  | 'config-unreadable'
  | 'path-unreadable'
  | 'aborted'
  | 'usage';

/** An error the engine raises on purpose; anything else is a bug. */
export class PaydownError extends Error {
  override readonly name = 'PaydownError';
  constructor(
    readonly reason: PaydownErrorReason,
    message: string,
    /** A one-line hint on what to do about it. */
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }

  /** True when `err` is a PaydownError (of `reason`, when given). Never matches on message text. */
  static is(err: unknown, reason?: PaydownErrorReason): err is PaydownError {
    return err instanceof PaydownError && (reason === undefined || err.reason === reason);
  }
}
