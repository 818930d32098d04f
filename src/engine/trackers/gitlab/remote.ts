/**
 * Where a workspace's GitLab project and API are, from what the machine already knows: the
 * `origin` remote's URL. Pure functions: no git, no network.
 */

/** GitLab.com's REST API. */
export const DEFAULT_GITLAB_API_URL = 'https://gitlab.com/api/v4';

const SEGMENT = /^[A-Za-z0-9_.][A-Za-z0-9_.-]*$/;

/**
 * `{ host, project }` from a git remote URL on any GitLab host, or null when it names no project.
 * Understands `https://host/group/sub/project(.git)` (with or without credentials in it),
 * `git@host:group/project.git`, `ssh://git@host:2222/group/project.git`. `host` is where the web
 * and API live: an https URL keeps its port, an ssh one drops it (that port is SSH's, not the
 * API's). A relative-URL install (`https://host/gitlab/group/project`) cannot be told apart
 * from a group named `gitlab`: its API URL must be configured.
 */
export function parseGitLabRemote(url: string): { host: string; project: string } | null {
  const remote = url.trim();
  let host: string;
  let path: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(remote)) {
    let parsed: URL;
    try {
      parsed = new URL(remote);
    } catch {
      return null;
    }
    if (!['https:', 'http:', 'ssh:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol)) return null;
    host = parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host : parsed.hostname;
    try {
      path = decodeURIComponent(parsed.pathname);
    } catch {
      return null;
    }
  } else {
    // scp-like: [user@]host:group/sub/project(.git)
    const m = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(remote);
    if (!m) return null;
    host = m[1]!;
    path = m[2];
  }
  if (!path || !host) return null;
  const parts = path.replace(/\/+$/, '').replace(/\.git$/i, '').split('/').filter(Boolean);
  if (parts.length < 2 || !parts.every((p) => SEGMENT.test(p))) return null;
  return { host: host.toLowerCase(), project: parts.join('/') };
}

/** The web address of a GitLab API base: `https://gitlab.com/api/v4` → `https://gitlab.com`, `https://acme.dev/gitlab/api/v4` → `https://acme.dev/gitlab`. */
export function gitlabWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  const base = url.pathname.replace(/\/+$/, '').replace(/\/api\/v4$/i, '');
  return `${url.protocol}//${url.host}${base}`;
}

/** The REST base of a web or API address: `https://gitlab.acme.com` → `https://gitlab.acme.com/api/v4`; what is no URL is returned trimmed. */
function apiBaseOf(address: string): string {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return address.trim().replace(/\/+$/, '');
  }
  const base = url.pathname.replace(/\/+$/, '');
  return /\/api\/v4$/i.test(base) ? `${url.protocol}//${url.host}${base}` : `${url.protocol}//${url.host}${base}/api/v4`;
}

/**
 * The REST API's base URL: `GITLAB_URL` (a self-managed instance's web or API address), else
 * `CI_API_V4_URL` (GitLab CI sets it to the running instance's), else gitlab.com's; no trailing slash.
 */
export function gitlabApiUrl(env: Readonly<Record<string, string | undefined>>): string {
  const given = env.GITLAB_URL?.trim() || env.CI_API_V4_URL?.trim();
  return given ? apiBaseOf(given) : DEFAULT_GITLAB_API_URL;
}
