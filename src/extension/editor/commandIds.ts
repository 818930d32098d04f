/**
 * The commands the editor features run. Item actions reuse the Debt tree's item commands
 * (`src/extension/commands/`), which take `{ id }` (a ledger id) as their argument; the editor
 * registers only what has no tree equivalent (see `commands.ts`).
 */
export const EDITOR_COMMANDS = {
  /** Registered here: palette, editor context menu and the "Tag as debt" code action. */
  tagAsDebt: 'paydown.tagAsDebt',
  /** Registered here: reopens a resolved or won't-fix item (hover link). */
  reopenItem: 'paydown.reopenItem',
  /** The tree's item commands. */
  assignItemToSprint: 'paydown.assignSprint',
  resolveItem: 'paydown.resolveItem',
  markWontFix: 'paydown.wontFixItem',
  /** The tree's "Record Debt in Ledger" (a sync of every folder). */
  recordInLedger: 'paydown.syncLedger',
  /** Registered by the tracker host (trackers/trackerLoader.ts): a ticket for one item (`{ id }`). */
  createTicket: 'paydown.createTicket',
  /** Registered by the tracker host: opens a linked ticket in the browser (`{ url }`). */
  openTicket: 'paydown.openTicket',
  /** Registered by the tracker host: removes an annotation whose ticket was closed upstream, after confirmation (`{ id }`). */
  removeClosedAnnotation: 'paydown.removeClosedAnnotation',
} as const;

/** The argument item commands take from hovers and code actions (JSON-safe). */
export interface ItemCommandArgs {
  id: string;
}
