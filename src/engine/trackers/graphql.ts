/**
 * One GraphQL operation over the shared request layer (Linear; GitHub Projects v2 iterations).
 * A query is a read (retried, not paced); a mutation is a write (never resent once it may have
 * reached the tracker). GraphQL answers errors in the body, often with status 200: they become
 * {@link TrackerError}s here, so a client never reads `data` from a failed answer.
 */
import { TrackerError, type TrackerErrorReason } from './model';
import type { TrackerHttp } from './http';

/** One entry of a GraphQL answer's `errors`. */
export interface GraphqlError {
  message: string;
  path?: readonly (string | number)[];
  /** Tracker specifics: Linear's `code` (`RATELIMITED`), GitHub's `type` (`NOT_FOUND`, `RATE_LIMITED`). */
  extensions?: Record<string, unknown>;
  /** GitHub puts its error type here, beside `message`. */
  type?: string;
}

export interface GraphqlOperation {
  query: string;
  variables?: Record<string, unknown>;
  /** True for a mutation: sent once, paced as a write. */
  mutation?: boolean;
}

/** How a tracker's GraphQL errors map onto the engine's reasons; null: `failed`. */
export type GraphqlErrorClassifier = (error: GraphqlError) => TrackerErrorReason | null;

/** The operation's `data`; a TrackerError when the answer holds errors (named by `classify`). */
export async function graphqlRequest<T>(http: TrackerHttp, url: string, operation: GraphqlOperation, options: { name: string; classify?: GraphqlErrorClassifier; signal?: AbortSignal }): Promise<T> {
  const body = { query: operation.query, ...(operation.variables ? { variables: operation.variables } : {}) };
  const answer = await http.request<{ data?: T | null; errors?: GraphqlError[] }>({
    method: 'POST',
    url,
    body,
    ...(operation.mutation ? {} : { readOnly: true }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const errors = answer.data?.errors ?? [];
  if (errors.length > 0) {
    const first = errors[0]!;
    const reason = options.classify?.(first) ?? 'failed';
    const text = errors.map((e) => e.message).join('; ');
    throw new TrackerError(reason, http.redact(`${options.name}: ${text}`), { status: answer.status });
  }
  if (answer.data?.data === undefined || answer.data.data === null) throw new TrackerError('failed', `${options.name}: the answer holds no data`, { status: answer.status });
  return answer.data.data;
}
