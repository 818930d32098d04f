/**
 * From a workspace's config and the shell's credentials to one tracker's client, naming rules
 * and links: the only place that knows which settings each tracker takes. Everything after this
 * (plan, run, queue, ledger links) is the same for all four.
 *
 * Invariants: a token goes only into a client whose API host it was given for (resolveTarget);
 * without a token the connection has no client, and sync plans offline.
 */
import type { PaydownConfig } from '../config/config';
import { scopeLabel } from '../config/planning';
import { configuredTrackers, defaultGitHubConfig, defaultGitLabConfig, type JiraDeployment, type TrackerCommonConfig } from '../config/trackers';
import { docsLink } from '../docs';
import { PaydownError } from '../errors';
import { codeLinksAt, codeLinksOfRemote, type CodeLinks } from '../git/codeLinks';
import { remoteUrl } from '../git/remote';
import type { Ports } from '../ports';
import { resolveTarget, type TrackerCredential, type TrackerTarget } from '../trackers/credentials';
import { createGitHubClient, createGitHubSprintSource, githubGraphqlUrl, parseGitHubRemote } from '../trackers/github';
import { githubNaming, githubWebUrl } from '../trackers/github/naming';
import { createGitLabClient, createGitLabSprintSource, gitlabNaming, gitlabWebUrl, parseGitLabRemote } from '../trackers/gitlab';
import type { ClientEnvironment } from '../trackers/http';
import { createJiraClient, createJiraSprintSource, jiraNaming, type JiraAuth } from '../trackers/jira';
import { createLinearClient, createLinearSprintSource, linearNaming } from '../trackers/linear';
import type { SprintSource, TrackerClient, TrackerKind } from '../trackers/model';
import type { TicketNaming } from '../trackers/plan';
import { trackerName } from '../trackers/present';

/** One tracker project, ready to sync. */
export interface TrackerConnection {
  kind: TrackerKind;
  /** The project as its users name it: `owner/repo`, `group/sub/project`, `PAY`, `ENG`. */
  project: string;
  /** The API's host the token goes to. */
  host: string;
  /** What a queue entry is filed under: one queue per tracker, host and project. */
  queueScope: string;
  naming: TicketNaming;
  settings: TrackerCommonConfig;
  /** The client, or null without a token (the plan is made without asking the tracker). */
  client: TrackerClient | null;
  /** Links to the code at a commit, or null when the code's host is not known. */
  codeLinks: CodeLinks | null;
  /** Hints for the user, from the shell: how to set a token, how to trust a host. */
  hints: TrackerCredential['hints'];
  /** Where the team's sprints are read from, when `sprints.from` names this tracker and a token is at hand. */
  sprintSource: SprintSource | null;
  /** False when the config names this tracker only for its sprints: no tickets are synced. */
  tickets: boolean;
  /** Whether the shell handed over a token for the host (a dry run can plan without one). */
  authorized: boolean;
}

export interface ConnectOptions {
  credential: TrackerCredential;
  ports: Ports;
  sleep?: ClientEnvironment['sleep'];
  maxWaitMs?: number;
}

/** The one tracker a config names (for tickets, else for sprints), or a `tracker-config` error saying how to name one. */
export function configuredTracker(config: PaydownConfig): TrackerKind {
  const tickets = configuredTrackers(config.trackers);
  const sprints = config.sprintsFrom?.scope.tracker;
  const named = tickets.length > 0 ? tickets : sprints ? [sprints] : [];
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new PaydownError('tracker-config', `this workspace configures ${named.map(trackerName).join(' and ')}`, `say which with --tracker ${named.join('|')}`);
  throw new PaydownError('tracker-config', 'no tracker is configured for this workspace', 'add "trackers": { "github": {} } (or gitlab, jira, linear) to .paydown/config.jsonc, or pass --tracker github');
}

/** Connects to `kind` as `config` describes it, with the shell's credential. */
export async function connectTracker(kind: TrackerKind, config: PaydownConfig, options: ConnectOptions): Promise<TrackerConnection> {
  const { credential, ports } = options;
  const environment: ClientEnvironment = {
    http: requireHttp(ports),
    clock: ports.clock,
    logger: ports.logger,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
  };
  const sprintScope = config.sprintsFrom?.scope.tracker === kind ? config.sprintsFrom.scope : null;
  const tickets = config.trackers[kind] !== null || sprintScope === null;
  const connection = (target: TrackerTarget, project: string, parts: Pick<TrackerConnection, 'naming' | 'settings' | 'client' | 'codeLinks' | 'sprintSource'>): TrackerConnection => ({
    kind,
    project,
    host: target.host,
    queueScope: `${kind}:${target.host}/${project}`,
    hints: credential.hints,
    tickets,
    authorized: target.token !== null,
    ...parts,
    client: tickets ? parts.client : null,
  });
  switch (kind) {
    case 'github': {
      const settings = config.trackers.github ?? defaultGitHubConfig();
      const target = resolveTarget(settings.apiUrl, credential, kind);
      const scope = sprintScope?.tracker === 'github' ? sprintScope : null;
      const repo = tickets ? (settings.repo ?? (await projectFromRemote(ports, parseGitHubRemote, 'a GitHub repository', '"trackers": { "github": { "repo": "owner/name" } }'))) : scopeLabel(scope!);
      const token = target.token;
      return connection(target, repo, {
        naming: githubNaming(repo),
        settings,
        client: token === null ? null : createGitHubClient({ ...environment, repo, apiUrl: target.apiUrl, token, labels: settings.labels }),
        codeLinks: codeLinksAt(`${githubWebUrl(target.apiUrl)}/${repo}`, 'github'),
        sprintSource: scope && token !== null ? createGitHubSprintSource({ ...environment, graphqlUrl: githubGraphqlUrl(target.apiUrl), tokenHost: target.apiUrl, token, owner: scope.owner, number: scope.number, field: scope.iterationField }) : null,
      });
    }
    case 'gitlab': {
      const settings = config.trackers.gitlab ?? defaultGitLabConfig();
      const target = resolveTarget(settings.apiUrl, credential, kind);
      const scope = sprintScope?.tracker === 'gitlab' ? sprintScope : null;
      const project = tickets
        ? (settings.project ?? (await projectFromRemote(ports, (url) => parseGitLabRemote(url)?.project ?? null, 'a GitLab project', '"trackers": { "gitlab": { "project": "group/project" } }')))
        : scopeLabel(scope!);
      const token = target.token;
      return connection(target, project, {
        naming: gitlabNaming(project),
        settings,
        client: token === null ? null : createGitLabClient({ ...environment, project, apiUrl: target.apiUrl, token, labels: settings.labels }),
        codeLinks: codeLinksAt(`${gitlabWebUrl(target.apiUrl)}/${project}`, 'gitlab'),
        sprintSource: scope && token !== null ? createGitLabSprintSource({ ...environment, apiUrl: target.apiUrl, token, group: scope.group ?? null, project: scope.project ?? null }) : null,
      });
    }
    case 'jira': {
      const settings = config.trackers.jira;
      if (!settings && !sprintScope) throw unconfigured(kind, '"trackers": { "jira": { "url": "https://acme.atlassian.net", "project": "PAY" } }');
      const target = resolveTarget(settings?.url ?? null, credential, kind);
      const deployment: JiraDeployment = settings?.deployment ?? (new URL(target.apiUrl).hostname.toLowerCase().endsWith('.atlassian.net') ? 'cloud' : 'datacenter');
      const auth: JiraAuth | null = target.token === null ? null : target.user ? { kind: 'basic', email: target.user, token: target.token } : { kind: 'bearer', token: target.token };
      const scope = sprintScope?.tracker === 'jira' ? sprintScope : null;
      const site = { ...environment, apiUrl: target.apiUrl, deployment, auth };
      const project = settings?.project ?? scopeLabel(scope!);
      const common = settings ?? { labels: [], assignees: {}, closeRemoved: false, create: { kind: 'none' as const } };
      return connection(target, project, {
        naming: jiraNaming(project),
        settings: common,
        client:
          auth === null || !settings
            ? null
            : createJiraClient({ ...site, project: settings.project, issueType: settings.issueType, labels: settings.labels, storyPointsField: settings.storyPointsField, board: settings.board ?? (scope?.board ?? null), doneTransition: settings.doneTransition }),
        codeLinks: await remoteCodeLinks(ports, null),
        sprintSource: scope && auth !== null ? createJiraSprintSource({ ...site, board: scope.board }) : null,
      });
    }
    case 'linear': {
      const settings = config.trackers.linear;
      if (!settings && !sprintScope) throw unconfigured(kind, '"trackers": { "linear": { "team": "ENG" } }');
      const target = resolveTarget(settings?.apiUrl ?? null, credential, kind);
      const scope = sprintScope?.tracker === 'linear' ? sprintScope : null;
      const team = settings?.team ?? scope!.team;
      const token = target.token;
      const common = settings ?? { labels: [], assignees: {}, closeRemoved: false, create: { kind: 'none' as const } };
      return connection(target, team, {
        naming: linearNaming(team),
        settings: common,
        client: token === null || !settings ? null : createLinearClient({ ...environment, apiUrl: target.apiUrl, token, team, labels: settings.labels }),
        codeLinks: await remoteCodeLinks(ports, null),
        sprintSource: scope && token !== null ? createLinearSprintSource({ ...environment, apiUrl: target.apiUrl, token, team: scope.team }) : null,
      });
    }
  }
}

/** Jira and Linear have no project to guess (no remote names one): the config must. */
function unconfigured(kind: TrackerKind, example: string): PaydownError {
  return new PaydownError('tracker-config', `${trackerName(kind)} is not configured for this workspace: it needs to know where tickets go`, `add ${example} to .paydown/config.jsonc (${docsLink('trackers.md')})`);
}

/** The code's links from the `origin` remote, in `style` when its host is not a well-known one. */
export async function remoteCodeLinks(ports: Ports, style: 'github' | 'gitlab' | null): Promise<CodeLinks | null> {
  const url = await remoteUrl(ports.git);
  return url ? codeLinksOfRemote(url, style) : null;
}

/** The project the `origin` remote names, read by `parse`; a `tracker-config` error saying how to name it otherwise. */
async function projectFromRemote(ports: Ports, parse: (url: string) => string | null, what: string, configHint: string): Promise<string> {
  const url = await remoteUrl(ports.git);
  const project = url ? parse(url) : null;
  if (project) return project;
  throw new PaydownError('tracker-config', url ? `the origin remote (${url}) does not name ${what}` : `this workspace has no origin remote to take ${what} from`, `set ${configHint} in .paydown/config.jsonc`);
}

function requireHttp(ports: Ports): NonNullable<Ports['http']> {
  if (!ports.http) throw new PaydownError('tracker-config', 'this workspace was opened without HTTP', 'this is a bug in the shell that opened it');
  return ports.http;
}
