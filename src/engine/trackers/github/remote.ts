/**
 * Where a workspace's GitHub repository and API are, from what the machine already knows: the
 * `origin` remote's URL and the environment. Pure functions: no git, no network.
 */

/** GitHub.com's REST API; GitHub Actions and GitHub Enterprise Server set `GITHUB_API_URL`. */
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/**
 * `owner/name` from a git remote URL, or null when it names no repository. Understands
 * `https://github.com/o/n(.git)` (with or without credentials in it), `git@github.com:o/n.git`,
 * `ssh://git@host[:port]/o/n.git`, `git://host/o/n.git`, and the same on any GitHub Enterprise
 * host.
 */
export function parseGitHubRemote(remote: string): string | null {
  const url = remote.trim();
  let path: string | undefined;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) {
    try {
      const parsed = new URL(url);
      if (!['https:', 'http:', 'ssh:', 'git:', 'git+ssh:', 'ssh+git:'].includes(parsed.protocol)) return null;
      path = decodeURIComponent(parsed.pathname);
    } catch {
      return null;
    }
  } else {
    // scp-like: [user@]host:owner/name(.git)
    const m = /^(?:[^@/\s]+@)?[^:/\s]+:(?!\/)(.+)$/.exec(url);
    path = m?.[1];
  }
  if (!path) return null;
  const parts = path.replace(/\/+$/, '').replace(/\.git$/i, '').split('/').filter(Boolean);
  if (parts.length !== 2) return null;
  const [owner, name] = parts as [string, string];
  return /^[A-Za-z0-9_.-]+$/.test(owner) && /^[A-Za-z0-9_.-]+$/.test(name) ? `${owner}/${name}` : null;
}

/** The REST API's base URL: `GITHUB_API_URL` when set, else {@link DEFAULT_GITHUB_API_URL}; no trailing slash. */
export function githubApiUrl(env: Readonly<Record<string, string | undefined>>): string {
  const fromEnv = env.GITHUB_API_URL?.trim();
  return (fromEnv ? fromEnv : DEFAULT_GITHUB_API_URL).replace(/\/+$/, '');
}
