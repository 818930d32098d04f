/**
 * The engine's use cases (assign, review, export, …) over an editor session's picture: a one-shot
 * `Workspace` that takes the session's live items instead of scanning. Apart from session.ts on
 * purpose: only the budget panel's bundle needs these, so the editor's start-up bundles do not
 * carry the use cases' code.
 */
import { Workspace } from '../workspace/workspace';
import type { AssignResult } from '../workspace/results';
import type { Ports } from '../ports';
import type { WorkspaceSession } from './session';

/**
 * A `Workspace` over `session`'s picture as it is now (take a new one after a change), with
 * `ports` added to the session's (the tracker sync adds HTTP, which the session never needs).
 */
export function sessionWorkspace(session: WorkspaceSession, ports: Partial<Ports> = {}): Workspace {
  const parts = session.useCaseParts();
  return new Workspace(parts.root, parts.config, { ...parts.ports, ...ports }, { cacheDir: parts.cacheDir, live: parts.live });
}

/**
 * Assigns ledger items to `sprint` (a name or `current`; null takes them out) by the engine's one
 * rule (`Workspace.assign`), then refreshes what the session's views show. With
 * `onlyIfUnplanned` (accepting a proposal), items planned or closed since are skipped, not moved.
 */
export async function assignInSession(session: WorkspaceSession, ids: readonly string[], sprint: string | null, options: { today: string; onlyIfUnplanned?: boolean }): Promise<AssignResult> {
  const result = await sessionWorkspace(session).assign(ids, sprint, options);
  await session.reloadLedger();
  return result;
}
