/**
 * A Jira board's sprints, through the Agile API: the {@link SprintSource} the sprint planner
 * reads, and the open sprints a new ticket may join.
 *
 * Invariants: every page is read; dates are UTC calendar days, both ends inclusive (a sprint
 * ending at midnight ends the day before); a sprint without dates (a future sprint not yet
 * planned) is left out of the source and logged, never given made-up dates.
 */
import { silentLogger } from '../../ports';
import type { SprintSource, TrackerSprint } from '../model';
import { agileValues, createJiraApi, type JiraApi, type JiraSiteOptions } from './api';

/** A sprint as the Agile API answers it. */
export interface JiraSprintJson {
  id: number;
  name: string;
  state: string;
  startDate?: string;
  endDate?: string;
}

/**
 * The sprints of `board` in `states` (all when absent), all pages:
 * https://developer.atlassian.com/cloud/jira/software/rest/api-group-board/#api-rest-agile-1-0-board-boardid-sprint-get.
 */
export function boardSprints(api: JiraApi, board: number, states: readonly ('future' | 'active' | 'closed')[] | null, signal?: AbortSignal): Promise<JiraSprintJson[]> {
  return agileValues<JiraSprintJson>(api, `/board/${board}/sprint`, states ? { state: states.join(',') } : {}, signal);
}

/** What a sprint source needs: the site and the board. */
export interface JiraSprintOptions extends JiraSiteOptions {
  board: number;
}

const day = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A sprint with both dates as a {@link TrackerSprint}; null without them. */
export function trackerSprint(s: JiraSprintJson): TrackerSprint | null {
  const start = s.startDate ? Date.parse(s.startDate) : NaN;
  const end = s.endDate ? Date.parse(s.endDate) : NaN;
  if (!Number.isFinite(start) || !Number.isFinite(end)) return null;
  const state = s.state === 'closed' || s.state === 'active' || s.state === 'future' ? s.state : null;
  // An end instant is exclusive: 2026-03-16T00:00Z ends on the 15th.
  return { id: String(s.id), name: s.name, start: day(start), end: day(Math.max(start, end - 1)), capacity: null, state };
}

/** A board's sprints (Agile API, all pages, closed/active/future) as TrackerSprints (inclusive UTC dates; a future sprint without dates is left out and logged). */
export function createJiraSprintSource(options: JiraSprintOptions): SprintSource {
  const api = createJiraApi(options);
  const logger = options.logger ?? silentLogger;
  return {
    kind: 'jira',
    host: api.host,
    scope: `board ${options.board}`,
    async listSprints(signal) {
      const out: TrackerSprint[] = [];
      for (const s of await boardSprints(api, options.board, null, signal)) {
        const sprint = trackerSprint(s);
        if (sprint) out.push(sprint);
        else logger.info(`Jira: sprint "${s.name}" (${s.id}) of board ${options.board} has no dates yet; left out`);
      }
      return out.sort((a, b) => a.start.localeCompare(b.start) || a.end.localeCompare(b.end));
    },
  };
}
