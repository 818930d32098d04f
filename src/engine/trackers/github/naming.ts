/**
 * How GitHub tickets are named in the ledger, in comments and on the web. A comment's `GH-412`
 * is issue 412 of the configured repository; the ledger key names the repository too
 * (`owner/repo#412`), so a link stays right when the config later points elsewhere.
 */
import type { TicketNaming } from '../plan';

/** The naming rules of repository `repo` (`owner/name`). */
export function githubNaming(repo: string): TicketNaming {
  const prefix = `${repo.toLowerCase()}#`;
  return {
    keyOfReference(reference: string): string | null {
      const gh = /^GH-(\d+)$/i.exec(reference);
      if (gh) return `${repo}#${gh[1]}`;
      const full = /^([\w.-]+\/[\w.-]+)#(\d+)$/.exec(reference);
      return full && full[1]!.toLowerCase() === repo.toLowerCase() ? `${repo}#${full[2]}` : null;
    },
    referenceOfKey(key: string): string | null {
      // Links migrated from the first ledger format carry `#412`: the configured repository.
      const bare = /^#(\d+)$/.exec(key);
      if (bare) return `GH-${bare[1]}`;
      return key.toLowerCase().startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length)) ? `GH-${key.slice(prefix.length)}` : null;
    },
  };
}

/** The web address of a GitHub API base: `https://api.github.com` → `https://github.com`, `https://ghe/api/v3` → `https://ghe`. */
export function githubWebUrl(apiUrl: string): string {
  const url = new URL(apiUrl);
  if (url.hostname.toLowerCase() === 'api.github.com') return 'https://github.com';
  const base = url.pathname.replace(/\/+$/, '').replace(/\/api\/v3$/i, '');
  return `${url.protocol}//${url.host}${base}`;
}
