/**
 * Where a tracker lives and whether a token may go there. The shell (CLI: the environment; the
 * editor: its sign-in and secret storage) says which host each token was given for; the
 * workspace's config may say where the project lives, but anyone can commit a config, so a
 * config that names another host gets no token: sync stops and says how to trust that host.
 *
 * Invariant: the token leaves this module only inside a {@link TrackerTarget} whose `apiUrl` has
 * the host the token was given for.
 */
import { PaydownError } from '../errors';

/** A token and the API it was given for, as a shell hands them over. */
export interface TrackerCredential {
  /**
   * The API's base URL the token belongs to (`https://api.github.com`, `GITHUB_API_URL`), or
   * null when the shell knows none (Jira without `JIRA_URL`): then no token is sent anywhere.
   */
  apiUrl: string | null;
  /** The token, or null when the user has none set. */
  token: string | null;
  /** Who the token belongs to, for trackers that sign in with a user and a token (Jira Cloud: the account's email). */
  user?: string | null;
  /** How the user sets the token and trusts another host, for messages (`set PAYDOWN_GITHUB_TOKEN`, …). */
  hints: { token: string; host: string };
}

/** The API a sync talks to, and the token it may send there. */
export interface TrackerTarget {
  apiUrl: string;
  host: string;
  token: string | null;
  user: string | null;
}

/** The host and port of a URL, as tokens are pinned to them (`api.github.com`, `127.0.0.1:8080`). */
export function hostOf(url: string): string {
  return new URL(url).host.toLowerCase();
}

/**
 * The target of a sync: the config's `apiUrl` when it names one, else the credential's. A config
 * that points at another host than the credential's is refused (with both hosts named) rather
 * than sent the token; a dry run is refused too, since its lookups would carry the token.
 */
export function resolveTarget(configApiUrl: string | null, credential: TrackerCredential, tracker: string): TrackerTarget {
  if (credential.apiUrl === null) {
    if (configApiUrl === null) throw new PaydownError('tracker-config', `no ${tracker} address: neither the environment nor the workspace config names one`, credential.hints.host);
    const url = configApiUrl.replace(/\/+$/, '');
    return { apiUrl: url, host: hostOf(url), token: null, user: null };
  }
  const trusted = credential.apiUrl.replace(/\/+$/, '');
  const wanted = (configApiUrl ?? trusted).replace(/\/+$/, '');
  const wantedHost = hostOf(wanted);
  const trustedHost = hostOf(trusted);
  if (wantedHost !== trustedHost) {
    throw new PaydownError(
      'tracker-untrusted-host',
      `the workspace config sends ${tracker} requests to ${wantedHost}, but your token is for ${trustedHost}: no token is sent to a host named only by a config file`,
      `if you trust ${wantedHost}, ${credential.hints.host}; else remove trackers.${tracker}.apiUrl from .paydown/config.jsonc`,
    );
  }
  const origin = (url: string): string => new URL(url).origin.toLowerCase();
  if (origin(wanted) !== origin(trusted)) {
    throw new PaydownError('tracker-untrusted-host', `the workspace config sends ${tracker} requests to ${origin(wanted)}, but your token is for ${origin(trusted)}`, credential.hints.host);
  }
  return { apiUrl: wanted, host: wantedHost, token: credential.token, user: credential.user ?? null };
}
