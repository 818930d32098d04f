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

/** What every tracker's section shares: how tickets are labelled, assigned, created and closed. */
export interface TrackerCommonConfig {
  /** Labels every ticket gets (also how Paydown lists its tickets). */
  labels: string[];
  /** Item owner (as written in comments: `@alice`) → the tracker's user (login, account id, name). */
  assignees: Record<string, string>;
  /** Close a ticket when its debt left the code on the default branch. */
  closeRemoved: boolean;
  create: CreateRule;
}

/** `trackers.github`. */
export interface GitHubTrackerConfig extends TrackerCommonConfig {
  /** `owner/name`, or null to take it from the `origin` remote. */
  repo: string | null;
  /** The REST API's base URL as the workspace states it, or null for the environment's. */
  apiUrl: string | null;
}

/** `trackers.gitlab`. */
export interface GitLabTrackerConfig extends TrackerCommonConfig {
  /** `group/sub/project`, or null to take it from the `origin` remote. */
  project: string | null;
  /** The REST API's base URL (`https://gitlab.example.com/api/v4`), or null for the environment's. */
  apiUrl: string | null;
}

/** Jira Cloud (`*.atlassian.net`, REST v3) or Data Center (REST v2). */
export type JiraDeployment = 'cloud' | 'datacenter';

/** `trackers.jira`. */
export interface JiraTrackerConfig extends TrackerCommonConfig {
  /** The site (`https://acme.atlassian.net`), or null for `JIRA_URL`'s. */
  url: string | null;
  /** Null: Cloud for `*.atlassian.net`, Data Center elsewhere. */
  deployment: JiraDeployment | null;
  /** Project key: `PAY`. */
  project: string;
  issueType: string;
  /** The custom field holding story points (`customfield_10016`), or null to send no estimate. */
  storyPointsField: string | null;
  /** The board whose sprints tickets join, or null. */
  board: number | null;
  /** The transition (or status) that closes a ticket; null: the first whose status category is "done". */
  doneTransition: string | null;
}

/** `trackers.linear`. */
export interface LinearTrackerConfig extends TrackerCommonConfig {
  /** Team key: `ENG`. */
  team: string;
  /** The GraphQL endpoint, or null for the environment's. */
  apiUrl: string | null;
}

export interface TrackersConfig {
  github: GitHubTrackerConfig | null;
  gitlab: GitLabTrackerConfig | null;
  jira: JiraTrackerConfig | null;
  linear: LinearTrackerConfig | null;
}

/** The trackers a config has a section for, in a fixed order (github, gitlab, jira, linear). */
export function configuredTrackers(trackers: TrackersConfig): (keyof TrackersConfig)[] {
  return (['github', 'gitlab', 'jira', 'linear'] as const).filter((kind) => trackers[kind] !== null);
}

/** Labels every Paydown ticket gets unless the config names others. */
export const DEFAULT_TRACKER_LABELS: readonly string[] = ['tech-debt'];

export function defaultTrackers(): TrackersConfig {
  return { github: null, gitlab: null, jira: null, linear: null };
}

function defaultCommon(): TrackerCommonConfig {
  return { labels: [...DEFAULT_TRACKER_LABELS], assignees: {}, closeRemoved: true, create: { kind: 'scheduled' } };
}

/** The GitHub settings a workspace gets when its config names none (repo from `origin`). */
export function defaultGitHubConfig(): GitHubTrackerConfig {
  return { repo: null, apiUrl: null, ...defaultCommon() };
}

/** The GitLab settings a workspace gets when its config names none (project from `origin`). */
export function defaultGitLabConfig(): GitLabTrackerConfig {
  return { project: null, apiUrl: null, ...defaultCommon() };
}

const REPO = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/;
/** GitLab paths: a namespace of one or more groups, then the project. */
const GITLAB_PROJECT = /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)+$/;
const JIRA_PROJECT = /^[A-Z][A-Z0-9_]{0,29}$/;
const LINEAR_TEAM = /^[A-Z0-9]{1,10}$/i;
const COMMON_KEYS = ['labels', 'assignees', 'closeRemoved', 'create'];

/** Reads `root.trackers` into `into`, pushing a problem per wrong field. */
export function readTrackers(raw: unknown, into: TrackersConfig, problems: Problems): void {
  const trackers = expectObject(raw, 'trackers', problems);
  if (!trackers) return;
  checkKeys(trackers, 'trackers', ['github', 'gitlab', 'jira', 'linear'], problems);
  const section = (name: keyof TrackersConfig, keys: string[]): Record<string, unknown> | null => {
    if (trackers[name] === undefined) return null;
    const object = expectObject(trackers[name], `trackers.${name}`, problems);
    if (object) checkKeys(object, `trackers.${name}`, [...keys, ...COMMON_KEYS], problems);
    return object ?? null;
  };

  const github = section('github', ['repo', 'apiUrl']);
  if (github) {
    const config = defaultGitHubConfig();
    const repo = readPattern(github.repo, 'trackers.github.repo', REPO, '"owner/name"', problems);
    if (repo) config.repo = repo;
    if (github.apiUrl !== undefined) config.apiUrl = readHttpUrl(github.apiUrl, 'trackers.github.apiUrl', problems);
    readCommon(github, 'trackers.github', config, problems);
    into.github = config;
  }

  const gitlab = section('gitlab', ['project', 'apiUrl']);
  if (gitlab) {
    const config = defaultGitLabConfig();
    const project = readPattern(gitlab.project, 'trackers.gitlab.project', GITLAB_PROJECT, '"group/project" (subgroups allowed: "group/sub/project")', problems);
    if (project) config.project = project;
    if (gitlab.apiUrl !== undefined) config.apiUrl = readHttpUrl(gitlab.apiUrl, 'trackers.gitlab.apiUrl', problems);
    readCommon(gitlab, 'trackers.gitlab', config, problems);
    into.gitlab = config;
  }

  const jira = section('jira', ['url', 'deployment', 'project', 'issueType', 'storyPointsField', 'board', 'doneTransition']);
  if (jira) {
    const project = readPattern(jira.project, 'trackers.jira.project', JIRA_PROJECT, 'a project key such as "PAY"', problems);
    if (jira.project === undefined) problems.push('trackers.jira.project: required, the project key tickets go to (e.g. "PAY")');
    const config: JiraTrackerConfig = { url: null, deployment: null, project: project ?? 'PROJECT', issueType: 'Task', storyPointsField: null, board: null, doneTransition: null, ...defaultCommon() };
    if (jira.url !== undefined) config.url = readHttpUrl(jira.url, 'trackers.jira.url', problems);
    if (jira.deployment !== undefined) {
      if (jira.deployment === 'cloud' || jira.deployment === 'datacenter') config.deployment = jira.deployment;
      else problems.push(`trackers.jira.deployment: must be "cloud" or "datacenter", got ${JSON.stringify(jira.deployment)}`);
    }
    if (jira.issueType !== undefined) config.issueType = readName(jira.issueType, 'trackers.jira.issueType', problems) ?? config.issueType;
    if (jira.storyPointsField !== undefined && jira.storyPointsField !== null) {
      config.storyPointsField = readPattern(jira.storyPointsField, 'trackers.jira.storyPointsField', /^customfield_\d+$/, 'a custom field id such as "customfield_10016"', problems);
    }
    if (jira.board !== undefined && jira.board !== null) {
      if (typeof jira.board === 'number' && Number.isInteger(jira.board) && jira.board > 0) config.board = jira.board;
      else problems.push(`trackers.jira.board: must be a board id (a positive whole number), got ${JSON.stringify(jira.board)}`);
    }
    if (jira.doneTransition !== undefined && jira.doneTransition !== null) config.doneTransition = readName(jira.doneTransition, 'trackers.jira.doneTransition', problems) ?? null;
    readCommon(jira, 'trackers.jira', config, problems);
    into.jira = config;
  }

  const linear = section('linear', ['team', 'apiUrl']);
  if (linear) {
    const team = readPattern(linear.team, 'trackers.linear.team', LINEAR_TEAM, 'a team key such as "ENG"', problems);
    if (linear.team === undefined) problems.push('trackers.linear.team: required, the key of the team tickets go to (e.g. "ENG")');
    const config: LinearTrackerConfig = { team: team ?? 'TEAM', apiUrl: null, ...defaultCommon() };
    if (linear.apiUrl !== undefined) config.apiUrl = readHttpUrl(linear.apiUrl, 'trackers.linear.apiUrl', problems);
    readCommon(linear, 'trackers.linear', config, problems);
    into.linear = config;
  }
}

/** A string field matching `pattern`, or null (absent, or wrong: a problem saying what it must be). */
function readPattern(raw: unknown, where: string, pattern: RegExp, what: string, problems: Problems): string | null {
  if (raw === undefined) return null;
  const value = readName(raw, where, problems);
  if (value === undefined) return null;
  if (pattern.test(value)) return value;
  problems.push(`${where}: must be ${what}, got ${JSON.stringify(value)}`);
  return null;
}

function readCommon(section: Record<string, unknown>, where: string, config: TrackerCommonConfig, problems: Problems): void {
  if (section.labels !== undefined) config.labels = readLabels(section.labels, `${where}.labels`, problems);
  if (section.assignees !== undefined) config.assignees = readAssignees(section.assignees, `${where}.assignees`, problems);
  if (section.closeRemoved !== undefined) {
    if (typeof section.closeRemoved === 'boolean') config.closeRemoved = section.closeRemoved;
    else problems.push(`${where}.closeRemoved: must be true or false`);
  }
  if (section.create !== undefined) config.create = readCreateRule(section.create, `${where}.create`, problems);
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
