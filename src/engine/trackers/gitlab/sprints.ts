/**
 * GitLab iterations as {@link TrackerSprint}s, and the one rule that names them (the client
 * matches a draft's sprint name against the same names).
 *
 * Invariants:
 * - An iteration's dates are GitLab's `start_date` and `due_date`, calendar days, both inclusive,
 *   as Paydown's sprints are.
 * - An iteration without a title (made by a cadence's automatic scheduling, whose `title` is
 *   null: https://docs.gitlab.com/api/group_iterations/#list-group-iterations) is named
 *   `Iteration <sequence>`, its number in its cadence, which never changes once scheduled.
 */
import { TrackerError, type SprintSource, type TrackerSprint } from '../model';
import type { ClientEnvironment } from '../http';
import { checkPath, createGitLabHttp, gitlabApiBase, gitlabPages, pathId, query } from './api';

/** An iteration as GitLab's REST API answers it. */
export interface GlIteration {
  id: number;
  iid?: number | null;
  sequence?: number | null;
  title?: string | null;
  /** 1 upcoming, 2 current, 3 closed; older versions answer a word. */
  state?: number | string | null;
  start_date: string;
  due_date: string;
}

/** The name Paydown gives an iteration: its title, else `Iteration <sequence>`, else its dates. */
export function gitlabIterationName(iteration: GlIteration): string {
  const title = iteration.title?.trim();
  if (title) return title;
  if (typeof iteration.sequence === 'number') return `Iteration ${iteration.sequence}`;
  return `Iteration ${iteration.start_date} – ${iteration.due_date}`;
}

function stateOf(state: GlIteration['state']): TrackerSprint['state'] {
  switch (state) {
    case 1:
    case 'upcoming':
      return 'future';
    case 2:
    case 'current':
    case 'started':
      return 'active';
    case 3:
    case 'closed':
      return 'closed';
    default:
      return null;
  }
}

/** One iteration as a sprint (GitLab keeps no capacity). */
export function iterationSprint(iteration: GlIteration): TrackerSprint {
  return { id: String(iteration.id), name: gitlabIterationName(iteration), start: iteration.start_date, end: iteration.due_date, capacity: null, state: stateOf(iteration.state) };
}

/** What a GitLab sprint source needs. */
export interface GitLabSprintOptions extends ClientEnvironment {
  apiUrl: string;
  token: string | null;
  tokenHost?: string;
  /** Iterations of this group (with its ancestors'): `group/sub` or its numeric id… */
  group?: string | null;
  /** …or of this project (its groups' iterations): `group/sub/project`. */
  project?: string | null;
}

/** The URL listing every iteration a project sees (its groups' and their ancestors'). */
export function projectIterationsUrl(api: string, project: string): string {
  return `${api}/projects/${pathId(project)}/iterations?${query({ state: 'all', include_ancestors: true, per_page: 100 })}`;
}

/** GitLab iterations as TrackerSprints (an untitled cadence iteration gets a stable name, the same one the client matches a draft's sprint name against). */
export function createGitLabSprintSource(options: GitLabSprintOptions): SprintSource {
  const api = gitlabApiBase(options.apiUrl);
  const group = options.group?.trim() ? checkPath(options.group, 'group') : null;
  const project = !group && options.project?.trim() ? checkPath(options.project, 'project') : null;
  if (!group && !project) throw new TrackerError('invalid', 'GitLab iterations need a group or a project', { hint: 'set the sprints\' group (e.g. "acme") or project (e.g. "acme/pay")' });
  const http = createGitLabHttp(options);
  const url = group ? `${api}/groups/${pathId(group)}/iterations?${query({ state: 'all', include_ancestors: true, per_page: 100 })}` : projectIterationsUrl(api, project!);
  return {
    kind: 'gitlab',
    host: new URL(api).host,
    scope: group ? `group ${group}` : `project ${project}`,
    async listSprints(signal) {
      const iterations = await gitlabPages<GlIteration>(http, url, signal);
      return iterations.map(iterationSprint).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : a.end > b.end ? 1 : a.name.localeCompare(b.name)));
    },
  };
}
