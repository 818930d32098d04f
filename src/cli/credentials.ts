/**
 * The CLI's tracker credentials, from the environment only (never a file, never a flag that
 * would land in shell history). Each token is handed over with the API it was given for; the
 * engine sends it nowhere else.
 */
import { githubApiUrl, gitlabApiUrl, PaydownError, type TrackerCredential, type TrackerKind } from '../engine';

type Env = Readonly<Record<string, string | undefined>>;

const LINEAR_API = 'https://api.linear.app/graphql';

/** The first of `names` that is set (trimmed), or null. */
function first(env: Env, ...names: string[]): string | null {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return null;
}

function url(value: string, variable: string, example: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol === 'https:' || parsed.protocol === 'http:') return value.replace(/\/+$/, '');
  } catch {
    // said below
  }
  throw new PaydownError('usage', `${variable} is not an http(s) URL: ${JSON.stringify(value)}`, `set it to ${example}`);
}

/** `PAYDOWN_GITHUB_TOKEN`, else `GITHUB_TOKEN`, for the host of `GITHUB_API_URL` (default api.github.com). */
export function githubCredential(env: Env): TrackerCredential {
  const apiUrl = url(githubApiUrl(env), 'GITHUB_API_URL', 'the REST API base, e.g. https://github.example.com/api/v3');
  return {
    apiUrl,
    token: first(env, 'PAYDOWN_GITHUB_TOKEN', 'GITHUB_TOKEN'),
    hints: { token: 'set PAYDOWN_GITHUB_TOKEN (or GITHUB_TOKEN) to a token with the "repo" or "issues: write" scope', host: 'set GITHUB_API_URL to that API base for this run' },
  };
}

/**
 * `PAYDOWN_GITLAB_TOKEN`, else `GITLAB_TOKEN`, for `GITLAB_URL` (the instance, or its API), else
 * `CI_API_V4_URL` (GitLab CI sets it), else gitlab.com.
 */
export function gitlabCredential(env: Env): TrackerCredential {
  const apiUrl = url(gitlabApiUrl(env), first(env, 'GITLAB_URL') ? 'GITLAB_URL' : 'CI_API_V4_URL', 'the instance, e.g. https://gitlab.example.com');
  return {
    apiUrl,
    token: first(env, 'PAYDOWN_GITLAB_TOKEN', 'GITLAB_TOKEN'),
    hints: { token: 'set PAYDOWN_GITLAB_TOKEN (or GITLAB_TOKEN) to an access token with the "api" scope', host: 'set GITLAB_URL to that instance for this run' },
  };
}

/**
 * Jira: the site in `JIRA_URL`; Cloud signs in with `JIRA_EMAIL` + `JIRA_API_TOKEN` (basic),
 * Data Center with `JIRA_PAT` (bearer). Without `JIRA_URL` no token goes anywhere, whatever the
 * workspace config names.
 */
export function jiraCredential(env: Env): TrackerCredential {
  const site = first(env, 'JIRA_URL');
  const email = first(env, 'JIRA_EMAIL');
  const apiToken = first(env, 'JIRA_API_TOKEN');
  const pat = first(env, 'JIRA_PAT');
  const hints = {
    token: site ? 'set JIRA_EMAIL and JIRA_API_TOKEN (Jira Cloud) or JIRA_PAT (Data Center)' : 'set JIRA_URL to the site, and JIRA_EMAIL + JIRA_API_TOKEN (Jira Cloud) or JIRA_PAT (Data Center)',
    host: 'set JIRA_URL to that site for this run',
  };
  if (!site) return { apiUrl: null, token: null, hints };
  const apiUrl = url(site, 'JIRA_URL', 'the site, e.g. https://acme.atlassian.net');
  if (email && apiToken) return { apiUrl, token: apiToken, user: email, hints };
  return { apiUrl, token: pat, hints };
}

/** `LINEAR_API_KEY`, for `LINEAR_API_URL` (default api.linear.app's GraphQL endpoint). */
export function linearCredential(env: Env): TrackerCredential {
  return {
    apiUrl: url(first(env, 'LINEAR_API_URL') ?? LINEAR_API, 'LINEAR_API_URL', 'the GraphQL endpoint, e.g. https://api.linear.app/graphql'),
    token: first(env, 'LINEAR_API_KEY'),
    hints: { token: 'set LINEAR_API_KEY to a personal API key (Linear: Settings → Security & access)', host: 'set LINEAR_API_URL to that endpoint for this run' },
  };
}

/** The credential of `kind` from the environment. */
export function trackerCredential(kind: TrackerKind, env: Env): TrackerCredential {
  switch (kind) {
    case 'github':
      return githubCredential(env);
    case 'gitlab':
      return gitlabCredential(env);
    case 'jira':
      return jiraCredential(env);
    case 'linear':
      return linearCredential(env);
  }
}
