/**
 * A Linear team's cycles as sprints. A cycle's name is optional in Linear; one without a name is
 * `Cycle <number>`, as Linear shows it, and drafts name their cycle the same way. Dates are UTC
 * calendar days, inclusive: `endsAt` is the instant the cycle ends, so an end at midnight
 * belongs to the day before.
 */
import type { ClientEnvironment } from '../http';
import type { SprintSource, TrackerSprint } from '../model';
import { createLinearApi } from './api';
import { CYCLES, type Cycles, type LinearCycleNode } from './queries';

/** What the sprint source needs. */
export interface LinearSprintOptions extends ClientEnvironment {
  apiUrl: string;
  token: string | null;
  tokenHost?: string;
  team: string;
}

/** A cycle's name as Paydown and Linear show it. */
export function cycleName(cycle: Pick<LinearCycleNode, 'name' | 'number'>): string {
  return cycle.name?.trim() || `Cycle ${cycle.number}`;
}

const utcDay = (ms: number): string => new Date(ms).toISOString().slice(0, 10);

/** A cycle as a {@link TrackerSprint}. */
export function cycleSprint(cycle: LinearCycleNode): TrackerSprint {
  const start = Date.parse(cycle.startsAt);
  // The last millisecond before the end instant is the last day the cycle covers.
  const end = Math.max(start, Date.parse(cycle.endsAt) - 1);
  return {
    id: cycle.id,
    name: cycleName(cycle),
    start: utcDay(start),
    end: utcDay(end),
    capacity: null,
    state: cycle.isActive ? 'active' : cycle.isFuture ? 'future' : cycle.isPast ? 'closed' : null,
  };
}

/** Every cycle of the team (all pages), in start order. */
export async function teamCycles(api: ReturnType<typeof createLinearApi>, signal?: AbortSignal): Promise<LinearCycleNode[]> {
  const team = await api.team(signal);
  const cycles = await api.all((after) => api.run<Cycles>({ query: CYCLES, variables: { team: team.id, after } }, signal).then((d) => d.cycles));
  return cycles.sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || a.number - b.number);
}

/** The team's cycles (all pages) as TrackerSprints. */
export function createLinearSprintSource(options: LinearSprintOptions): SprintSource {
  const api = createLinearApi(options);
  return {
    kind: 'linear',
    host: api.host,
    scope: `team ${api.teamKey}`,
    async listSprints(signal) {
      return (await teamCycles(api, signal)).map(cycleSprint);
    },
  };
}
