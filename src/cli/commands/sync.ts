import { Option, type Command } from 'commander';
import { configuredTracker, docsLink, normaliseItemId, PaydownError, syncTracker, TRACKER_KINDS, type TrackerKind } from '../../engine';
import { trackerCredential } from '../credentials';
import { EXIT_FOUND, EXIT_OK } from '../exitCodes';
import { cliSignal } from '../interrupt';
import { collect } from '../options';
import { emit } from '../output';
import { toJsonDocument } from '../reporters/jsonDocument';
import { styleFor } from '../reporters/style';
import { syncJson } from '../reporters/syncJson';
import { syncToText } from '../reporters/syncText';
import { defaultStateDir, openCliWorkspace, type WorkspaceFlags } from '../workspace';

interface SyncFlags extends WorkspaceFlags {
  tracker?: TrackerKind;
  dryRun?: boolean;
  apply?: boolean;
  create: string[];
  format: 'text' | 'json';
}

/** `paydown sync`: tickets for scheduled debt, their state back into the ledger, tickets closed when debt leaves the code. */
export function registerSyncCommand(program: Command): void {
  program
    .command('sync')
    .description('sync debt with the issue tracker: create tickets for scheduled items, pull their state, close tickets whose debt left the default branch')
    .addOption(new Option('--tracker <tracker>', 'the tracker to sync with (default: the one .paydown/config.jsonc names)').choices([...TRACKER_KINDS]))
    .option('--dry-run', 'show every create, update, close and code edit that would happen; only reads from the tracker')
    .option('--apply', 'also edit the code: write ticket references into comments (DEBT(PD-7Q2K, GH-412)) and remove annotations whose ticket was closed')
    .option('--create <id>', 'create a ticket for this item whatever the config\'s rule says (repeatable)', collect, [])
    .addOption(new Option('-f, --format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .option('--no-cache', 'do not use the incremental scan cache')
    .option('--cache-dir <dir>', 'where the incremental scan cache lives')
    .addHelpText(
      'after',
      [
        '',
        'Credentials come from the environment only, and each token goes only to the host it names:',
        '  GitHub  PAYDOWN_GITHUB_TOKEN or GITHUB_TOKEN; GITHUB_API_URL (default https://api.github.com)',
        '  GitLab  PAYDOWN_GITLAB_TOKEN or GITLAB_TOKEN; CI_API_V4_URL or GITLAB_URL (default https://gitlab.com)',
        '  Jira    JIRA_URL, and JIRA_EMAIL + JIRA_API_TOKEN (Cloud) or JIRA_PAT (Data Center)',
        '  Linear  LINEAR_API_KEY; LINEAR_API_URL (default https://api.linear.app/graphql)',
        'Operations that cannot run (offline, rate limits) wait in a queue in your state folder and run first next time.',
        '',
        'Exit codes: 0 everything synced, 1 some operations failed or were queued, 2 usage or configuration error.',
        `Set-up and examples: ${docsLink('trackers.md')}`,
      ].join('\n'),
    )
    .action(async (flags: SyncFlags) => {
      const create = flags.create.map((raw) => {
        const id = normaliseItemId(raw);
        if (!id) throw new PaydownError('usage', `--create ${raw}: not an item id`, 'ids look like PD-7Q2K; list them with `paydown ledger list`');
        return id;
      });
      const workspace = await openCliWorkspace(flags);
      const tracker = flags.tracker ?? configuredTracker(workspace.config);
      const result = await syncTracker(workspace, {
        tracker,
        dryRun: flags.dryRun === true,
        apply: flags.apply === true,
        create,
        credentials: { [tracker]: trackerCredential(tracker, process.env) },
        stateDir: defaultStateDir(),
        signal: cliSignal(),
      });
      if (flags.format === 'json') await emit(toJsonDocument('sync', syncJson(result)));
      else await emit(syncToText(result, styleFor(process.stdout)));
      const unfinished = result.results.some((r) => r.outcome === 'failed' || r.outcome === 'queued') || (!result.dryRun && result.queue.length > 0);
      process.exitCode = unfinished ? EXIT_FOUND : EXIT_OK;
    });
}
