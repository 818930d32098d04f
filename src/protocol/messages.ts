/**
 * The budget panel's wire: every message between the webview and the extension, each a
 * descriptor with an `is()` guard, so neither side handles an untyped `{ command: string }`.
 *
 * Invariants: the webview posts `ready` first and the host posts nothing before it (a message
 * posted before the webview listens is lost); requests carry an `id` their reply repeats;
 * payloads are plain JSON.
 */
import type { BudgetPage } from './budgetPage';

/** What the host lets the page do: the HTML report is read-only. */
export interface PageCapabilities {
  /** Assign, remove, accept a proposal. */
  planning: boolean;
  /** Copy Markdown, save CSV/JSON/HTML, open the review. */
  export: boolean;
  /** More than one workspace folder: offer the folder picker. */
  folders: boolean;
}

/** What survives hiding and reload (`getState`/`setState`, and the serializer). */
export interface PanelState {
  /** The folder shown (its URI as the host gave it), or null for the first one. */
  folder: string | null;
  /** The selected sprint, or null for the current one. */
  sprint: string | null;
  /** The open tab. */
  tab: PageTab;
  /** Charts or their data tables. */
  view: 'chart' | 'table';
}

export type PageTab = 'sprint' | 'trends' | 'plan';

/** How the page can be exported from the panel. */
export type ExportKind = 'copy-markdown' | 'save-csv' | 'save-json' | 'save-html' | 'open-review';

/** A message type: its `type` tag and a guard for a value off the wire. */
export interface MessageType<T extends string, P> {
  readonly type: T;
  /** Builds the message. */
  make(params: P): { type: T; params: P };
  /** True when `value` is a message of this type (its tag; payloads are trusted from our own code). */
  is(value: unknown): value is { type: T; params: P };
}

function messageType<P>() {
  return <T extends string>(type: T): MessageType<T, P> => ({
    type,
    make: (params) => ({ type, params }),
    is: (value: unknown): value is { type: T; params: P } =>
      typeof value === 'object' && value !== null && (value as { type?: unknown }).type === type && 'params' in value,
  });
}

// ── webview → host ─────────────────────────────────────────────────────────────

/** The webview listens: the host may post. */
export const Ready = messageType<{ state: PanelState | null }>()('ready');
/** Show another sprint (null: the current one). */
export const SelectSprint = messageType<{ sprint: string | null }>()('selectSprint');
/** Ask the host for its folder picker. */
export const PickFolder = messageType<Record<string, never>>()('pickFolder');
/** Open an item's code. */
export const OpenItem = messageType<{ id: string }>()('openItem');
/** Put items in a sprint (null: take them out of theirs). A request: the host replies with `Done`. */
export const Assign = messageType<{ id: number; ids: string[]; sprint: string | null }>()('assign');
/** Accept the proposal shown (these ids) for `sprint`. A request: replied with `Done`. */
export const AcceptProposal = messageType<{ id: number; sprint: string; ids: string[] }>()('acceptProposal');
/** Export the page or the sprint. */
export const Export = messageType<{ kind: ExportKind; sprint: string | null }>()('export');
/** Write a starter `.paydown/config.jsonc` with a cadence, and open it. */
export const CreateStarterConfig = messageType<Record<string, never>>()('createStarterConfig');
/** The state to keep (the host stores it for the serializer too). */
export const SaveState = messageType<{ state: PanelState }>()('saveState');

// ── host → webview ─────────────────────────────────────────────────────────────

/** A new page (first, after every change, after a sprint or folder was picked). */
export const ShowPage = messageType<{ page: BudgetPage; capabilities: PageCapabilities; folder: { uri: string; name: string } | null; state: PanelState | null }>()('showPage');
/** The page is being recomputed (a change elsewhere, a request running). */
export const Busy = messageType<{ busy: boolean }>()('busy');
/** A request's reply. */
export const Done = messageType<{ id: number; ok: boolean; message: string }>()('done');
/** The page could not be computed; the message says why and what to do. */
export const ShowError = messageType<{ message: string; hint: string | null }>()('showError');

/** Every message the webview sends. */
export type WebviewMessage =
  | ReturnType<typeof Ready.make>
  | ReturnType<typeof SelectSprint.make>
  | ReturnType<typeof PickFolder.make>
  | ReturnType<typeof OpenItem.make>
  | ReturnType<typeof Assign.make>
  | ReturnType<typeof AcceptProposal.make>
  | ReturnType<typeof Export.make>
  | ReturnType<typeof CreateStarterConfig.make>
  | ReturnType<typeof SaveState.make>;

/** Every message the host sends. */
export type HostMessage = ReturnType<typeof ShowPage.make> | ReturnType<typeof Busy.make> | ReturnType<typeof Done.make> | ReturnType<typeof ShowError.make>;
