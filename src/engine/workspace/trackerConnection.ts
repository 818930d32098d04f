/**
 * From a workspace's config and the shell's credentials to one tracker's client, naming rules
 * and links: the only place that knows which settings each tracker takes. Everything after this
 * (plan, run, queue, ledger links) is the same for all four.
 *
 * Invariants: a token goes only into a client whose API host it was given for (resolveTarget);
 * without a token the connection has no client, and sync plans offline.
 */
import type { PaydownConfig } from '../config/config';
import { configuredTrackers, defaultGitHubConfig, type TrackerCommonConfig } from '../config/trackers';
import { PaydownError } from '../errors';
import { codeLinksAt, codeLinksOfRemote, type CodeLinks } from '../git/codeLinks';
import { remoteUrl } from '../git/remote';
import type { Ports } from '../ports';
import { resolveTarget, type TrackerCredential, type TrackerTarget } from '../trackers/credentials';
import { createGitHubClient, parseGitHubRemote } from '../trackers/github';
import { githubNaming, githubWebUrl } from '../trackers/github/naming';
import type { ClientEnvironment } from '../trackers/http';
import type { TrackerClient, TrackerKind } from '../trackers/model';
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
}

export interface ConnectOptions {
  credential: TrackerCredential;
  ports: Ports;
  sleep?: ClientEnvironment['sleep'];
  maxWaitMs?: number;
}

/** The one tracker a config names, or a `tracker-config` error saying how to name one. */
export function configuredTracker(config: PaydownConfig): TrackerKind {
  const named = configuredTrackers(config.trackers);
  if (named.length === 1) return named[0]!;
  if (named.length > 1) throw new PaydownError('tracker-config', `this workspace configures ${named.map(trackerName).join(' and ')}`, `say which with --tracker ${named.join('|')}`);
  throw new PaydownError('tracker-config', 'no tracker is configured for this workspace', 'add "trackers": { "github": {} } (or gitlab, jira, linear) to .paydown/config.jsonc, or pass --tracker github');
}

/** Connects to `kind` as `config` describes it, with the shell's credential. */
export async function connectTracker(kind: TrackerKind, config: PaydownConfig, options: ConnectOptions): Promise<TrackerConnection> {
  const { credential, ports } = options;
  const environment = (): ClientEnvironment => ({
    http: requireHttp(ports),
    clock: ports.clock,
    logger: ports.logger,
    ...(options.sleep ? { sleep: options.sleep } : {}),
    ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
  });
  const base = (target: TrackerTarget, project: string) => ({ kind, project, host: target.host, queueScope: `${kind}:${target.host}/${project}`, hints: credential.hints });
  switch (kind) {
    case 'github': {
      const settings = config.trackers.github ?? defaultGitHubConfig();
      const target = resolveTarget(settings.apiUrl, credential, kind);
      const repo = settings.repo ?? (await projectFromRemote(ports, parseGitHubRemote, 'a GitHub repository', '"trackers": { "github": { "repo": "owner/name" } }'));
      const client = target.token === null ? null : createGitHubClient({ ...environment(), repo, apiUrl: target.apiUrl, token: target.token, labels: settings.labels });
      return { ...base(target, repo), naming: githubNaming(repo), settings, client, codeLinks: codeLinksAt(`${githubWebUrl(target.apiUrl)}/${repo}`, 'github') };
    }
    default:
      throw new PaydownError('tracker-config', `${trackerName(kind)} sync is not available yet`, 'use --tracker github');
  }
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
