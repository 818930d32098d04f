/**
 * The tracker sync's door in the second stage: it registers "Paydown: Sync with Issue Tracker", the
 * code actions' "Create ticket" and "Open ticket", and loads the sync's own bundle
 * (the third stage, `dist/extensionUseCases.js`, shared with the budget panel) on first use, so neither activation nor
 * start-up carries the tracker client. Operations an earlier sync queued (offline, rate limits)
 * replay a little after start-up, without prompting, where a token is already at hand.
 */
import * as vscode from 'vscode';
import { configuredTrackers } from '../../engine';
import { EDITOR_COMMANDS, type ItemCommandArgs } from '../editor/commandIds';
import { showError } from '../errors';
import { Disposable } from '../lifecycle';
import type { Sessions } from '../sessions';
import { lazyUseCase } from '../useCasesLoader';
import type { TrackerCommands } from './trackerCommands';

/** How long after start-up queued operations replay: the scan and the editor come first. */
const REPLAY_DELAY_MS = 15_000;

export class TrackerHost extends Disposable {
  private readonly load: () => Promise<TrackerCommands>;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly sessions: Sessions,
    private readonly log: vscode.LogOutputChannel,
  ) {
    super();
    this.load = lazyUseCase('Tracker sync', log, ({ TrackerCommands }) => this.register(new TrackerCommands(context, sessions, log)));
    for (const command of [
      vscode.commands.registerCommand('paydown.syncTracker', () => this.run('Syncing with the issue tracker', (c) => c.sync())),
      vscode.commands.registerCommand('paydown.forgetTrackerTokens', () => this.run('Forgetting tracker tokens', (c) => c.forgetTokens())),
      vscode.commands.registerCommand(EDITOR_COMMANDS.createTicket, (args: ItemCommandArgs) => this.run('Creating a ticket', (c) => c.createTicket(args.id))),
      vscode.commands.registerCommand(EDITOR_COMMANDS.removeClosedAnnotation, (args: ItemCommandArgs) => this.run('Removing the annotation', (c) => c.removeClosedAnnotation(args.id))),
      vscode.commands.registerCommand(EDITOR_COMMANDS.openTicket, (args: { url: string }) => vscode.env.openExternal(vscode.Uri.parse(args.url))),
    ]) this.register(command);
    const timer = setTimeout(() => void this.replay(), REPLAY_DELAY_MS);
    this.register({ dispose: () => clearTimeout(timer) });
  }

  private async replay(): Promise<void> {
    if (!this.sessions.all().some(({ session }) => configuredTrackers(session.settings.trackers).length > 0)) return;
    try {
      await (await this.load()).replayQueued();
    } catch (err) {
      this.log.warn(`Replaying queued tracker operations failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  private async run(what: string, job: (commands: TrackerCommands) => Promise<unknown>): Promise<void> {
    try {
      await job(await this.load());
    } catch (err) {
      showError(this.log, what, err);
    }
  }
}
