/**
 * The {@link HttpClient} over Node's `fetch` (Node 18+): what the tracker clients get in the CLI
 * and the extension host. It adds nothing to a request (no credentials, no user agent): the
 * caller decides every header, so a token only goes where its tracker client sends it.
 */
import { PaydownError } from '../errors';
import type { HttpClient, HttpRequest, HttpResponse } from '../ports';

/** Default time a request may take. */
const DEFAULT_TIMEOUT_MS = 30_000;

/** An HTTP client over `fetch`; `fetchImpl` replaces it in tests. */
export function fetchHttpClient(fetchImpl: typeof fetch = fetch): HttpClient {
  return {
    async request(request: HttpRequest): Promise<HttpResponse> {
      const timeout = AbortSignal.timeout(request.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
      try {
        const response = await fetchImpl(request.url, { method: request.method, headers: request.headers, body: request.body, signal, redirect: 'manual' });
        const headers: Record<string, string> = {};
        response.headers.forEach((value, name) => {
          headers[name.toLowerCase()] = value;
        });
        return { status: response.status, headers, body: await response.text() };
      } catch (err) {
        if (request.signal?.aborted) throw new PaydownError('aborted', `${request.method} ${new URL(request.url).host} was cancelled`, undefined, { cause: err });
        if (timeout.aborted) throw new PaydownError('aborted', `${request.method} ${new URL(request.url).host} timed out after ${request.timeoutMs ?? DEFAULT_TIMEOUT_MS} ms`, 'check the network, or try again later', { cause: err });
        throw err;
      }
    },
  };
}
