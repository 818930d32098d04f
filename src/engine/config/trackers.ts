/**
 * The `trackers` part of `.paydown/config.jsonc`: which issue tracker a workspace syncs with and
 * how tickets are made. Nothing here is a credential: tokens come from the environment (CLI) or
 * the editor's secret storage, and a config's `apiUrl` only says where the project lives; it never
 * decides where a token may be sent (see trackers/credentials.ts).
 */
import { checkKeys, expectObject, readName, type Problems } from './read';

/** Which items get a ticket without being named on the command line. */
export type CreateRule =
  /** Items scheduled in a sprint (the default). */
  | { kind: 'scheduled' }
  /** Every open or scheduled item. */
  | { kind: 'open' }
  /** None: only `--create ID` and the editor's "Create ticket". */
  | { kind: 'none' }
  /** Open items with one of these tags. */
  | { kind: 'tags'; tags: string[] };

/** `trackers.github`. */
export interface GitHubTrackerConfig {
  /** `owner/name`, or null to take it from the `origin` remote. */
  repo: string | null;
  /** The REST API's base URL as the workspace states it, or null for the environment's. */
  apiUrl: string | null;
  /** Labels every ticket gets (also how Paydown lists its tickets). */
  labels: string[];
  /** Item owner (as written in comments: `@alice`) → tracker login. */
  assignees: Record<string, string>;
  /** Close a ticket when its debt left the code on the default branch. */
  closeRemoved: boolean;
  create: CreateRule;
}

export interface TrackersConfig {
  github: GitHubTrackerConfig | null;
}

/** Labels every Paydown ticket gets unless the config names others. */
export const DEFAULT_TRACKER_LABELS: readonly string[] = ['tech-debt'];

export function defaultTrackers(): TrackersConfig {
  return { github: null };
}

/** The GitHub settings a workspace gets when its config names none (repo from `origin`). */
export function defaultGitHubConfig(): GitHubTrackerConfig {
  return { repo: null, apiUrl: null, labels: [...DEFAULT_TRACKER_LABELS], assignees: {}, closeRemoved: true, create: { kind: 'scheduled' } };
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;

/** Reads `root.trackers` into `into`, pushing a problem per wrong field. */
export function readTrackers(raw: unknown, into: TrackersConfig, problems: Problems): void {
  const trackers = expectObject(raw, 'trackers', problems);
  if (!trackers) return;
  checkKeys(trackers, 'trackers', ['github'], problems);
  if (trackers.github === undefined) return;
  const github = expectObject(trackers.github, 'trackers.github', problems);
  if (!github) return;
  checkKeys(github, 'trackers.github', ['repo', 'apiUrl', 'labels', 'assignees', 'closeRemoved', 'create'], problems);
  const config = defaultGitHubConfig();
  if (github.repo !== undefined) {
    const repo = readName(github.repo, 'trackers.github.repo', problems);
    if (repo !== undefined && !REPO.test(repo)) problems.push(`trackers.github.repo: must be "owner/name", got ${JSON.stringify(repo)}`);
    else if (repo !== undefined) config.repo = repo;
  }
  if (github.apiUrl !== undefined) config.apiUrl = readHttpUrl(github.apiUrl, 'trackers.github.apiUrl', problems);
  if (github.labels !== undefined) config.labels = readLabels(github.labels, 'trackers.github.labels', problems);
  if (github.assignees !== undefined) config.assignees = readAssignees(github.assignees, 'trackers.github.assignees', problems);
  if (github.closeRemoved !== undefined) {
    if (typeof github.closeRemoved === 'boolean') config.closeRemoved = github.closeRemoved;
    else problems.push('trackers.github.closeRemoved: must be true or false');
  }
  if (github.create !== undefined) config.create = readCreateRule(github.create, 'trackers.github.create', problems);
  into.github = config;
}

function readHttpUrl(raw: unknown, where: string, problems: Problems): string | null {
  if (typeof raw === 'string') {
    try {
      const url = new URL(raw);
      if (url.protocol === 'https:' || url.protocol === 'http:') return raw.replace(/\/+$/, '');
    } catch {
      // said below
    }
  }
  problems.push(`${where}: must be an http(s) URL such as "https://github.example.com/api/v3", got ${JSON.stringify(raw)}`);
  return null;
}

function readLabels(raw: unknown, where: string, problems: Problems): string[] {
  if (Array.isArray(raw) && raw.every((l) => typeof l === 'string' && l.trim() !== '' && l.length <= 50)) return (raw as string[]).map((l) => l.trim());
  problems.push(`${where}: must be a list of label names (non-empty, at most 50 characters each)`);
  return [...DEFAULT_TRACKER_LABELS];
}

function readAssignees(raw: unknown, where: string, problems: Problems): Record<string, string> {
  const object = expectObject(raw, where, problems);
  const out: Record<string, string> = {};
  if (!object) return out;
  for (const [owner, login] of Object.entries(object)) {
    if (typeof login === 'string' && login.trim() !== '') out[owner.replace(/^@/, '')] = login.trim().replace(/^@/, '');
    else problems.push(`${where}[${JSON.stringify(owner)}]: must be a tracker login, got ${JSON.stringify(login)}`);
  }
  return out;
}

function readCreateRule(raw: unknown, where: string, problems: Problems): CreateRule {
  if (raw === 'scheduled' || raw === 'open' || raw === 'none') return { kind: raw };
  if (Array.isArray(raw) && raw.length > 0 && raw.every((t) => typeof t === 'string' && /^[A-Za-z][A-Za-z0-9_-]*$/.test(t))) return { kind: 'tags', tags: raw as string[] };
  problems.push(`${where}: must be "scheduled", "open", "none" or a list of tags such as ["FIXME", "DEBT"], got ${JSON.stringify(raw)}`);
  return { kind: 'scheduled' };
}
