/**
 * How Jira tickets are named in the ledger, in comments and on the web. A Jira key (`PAY-12`)
 * already names its project, so the comment reference and the ledger key are the same text,
 * upper-cased as Jira shows it; another project's key is not this tracker's.
 */
import type { TicketNaming } from '../plan';

/** `PAY-12` (any case) as `{ project: 'PAY', number: 12 }`, or null. */
export function parseJiraKey(key: string): { project: string; number: number } | null {
  // Project keys: a letter, then letters, digits or underscores (Jira's default key pattern).
  const m = /^([A-Za-z][A-Za-z0-9_]*)-(\d+)$/.exec(key.trim());
  return m ? { project: m[1]!.toUpperCase(), number: Number(m[2]) } : null;
}

/** `PAY-12` is both the comment reference and the ledger key, for this project only. */
export function jiraNaming(projectKey: string): TicketNaming {
  const project = projectKey.trim().toUpperCase();
  const ours = (text: string): string | null => {
    const key = parseJiraKey(text);
    return key && key.project === project ? `${project}-${key.number}` : null;
  };
  return { keyOfReference: ours, referenceOfKey: ours };
}

/** A ticket's web address: `<site>/browse/PAY-12` (a Data Center context path kept). */
export function jiraBrowseUrl(site: string, key: string): string {
  return `${site.replace(/\/+$/, '')}/browse/${encodeURIComponent(key)}`;
}
