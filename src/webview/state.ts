/** The page's UI state and the shell it talks to (the VS Code panel, or the read-only report). */
import type { PageCapabilities, PanelState, WebviewMessage } from '../protocol';

export type View = PanelState['view'];

export const DEFAULT_STATE: PanelState = { folder: null, sprint: null, tab: 'sprint', view: 'chart' };

/** What the app needs from where it runs. */
export interface Shell {
  readonly mode: 'panel' | 'report';
  post(message: WebviewMessage): void;
  /** Keeps the UI state across hiding and reload (a no-op in the report). */
  saveState(state: PanelState): void;
}

export const READ_ONLY: PageCapabilities = { planning: false, export: false, folders: false };
