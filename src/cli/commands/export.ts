import * as path from 'node:path';
import type { Command } from 'commander';
import { ENGINE_VERSION, ITEM_STATUSES, PaydownError, type ListedItem, type PaydownConfig } from '../../engine';
import { CLOSED_STATUSES, EXPORT_FORMATS, parseExportFormat, renderExport, toExportItems } from '../../engine/export';
import { findSprint, resolveSprints } from '../../engine/sprints';
import { resolveToday } from '../today';
import { collect } from '../options';
import { listLiveItems, parseStatus, splitList } from '../liveItems';
import { writeOutput } from '../output';
import { exportJson } from '../reporters/exportJson';
import { toJsonDocument } from '../reporters/jsonDocument';
import { exportedToText } from '../reporters/exportText';
import type { WorkspaceFlags } from '../workspace';

interface ExportFlags extends WorkspaceFlags {
  format?: string;
  sprint?: string;
  status: string[];
  output?: string;
  bom?: boolean;
}

/** `paydown export`: the ledger's items with live positions as CSV, Markdown, JSON or SARIF. */
export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('export ledger items with their live positions: csv (Jira, spreadsheets), md (a planning doc), json, sarif (code scanning)')
    .option('-f, --format <format>', `${EXPORT_FORMATS.join(' | ')} (required)`)
    .option('--sprint <name>', 'only items assigned to this sprint; "current" for the sprint containing today')
    .option('-s, --status <status>', `only these statuses (${ITEM_STATUSES.join(', ')}; repeatable or comma-separated; default: all but ${CLOSED_STATUSES.join(' and ')})`, collect, [])
    .option('-o, --output <file>', 'write to this file instead of stdout ("-": stdout); a regular file is replaced atomically')
    .option('--bom', 'csv: start with a UTF-8 byte order mark, for Excel')
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .option('--no-cache', 'do not use the incremental scan cache')
    .option('--cache-dir <dir>', 'where the incremental scan cache lives')
    .addHelpText('after', '\nSee docs/exports.md for each format, the Jira CSV mapping and the SARIF levels.\nExit codes: 0 exported, 2 bad usage (unknown format, status or sprint) or an error.')
    .action(async (options: ExportFlags) => {
      if (!options.format) throw new PaydownError('usage', 'no export format given', `pass --format ${EXPORT_FORMATS.join('|')}`);
      const format = parseExportFormat(options.format);
      const status = splitList(options.status).map(parseStatus);
      const { root, config, items: listed } = await listLiveItems(options);
      const now = new Date();
      const sprint = options.sprint === undefined ? null : sprintName(options.sprint, config, listed, resolveToday(undefined, process.env, now));
      const items = toExportItems(listed, { status, sprint }, config.outcomes);
      const held = status.length ? status : ITEM_STATUSES.filter((s) => !CLOSED_STATUSES.includes(s));
      const text =
        format === 'json'
          ? toJsonDocument('export', exportJson(items, listed, { generatedAt: now.toISOString(), status: held, sprint, outcomes: config.outcomes }))
          : renderExport(format, items, { generatedAt: now.toISOString(), toolVersion: ENGINE_VERSION, sprint, tags: config.annotations.tags, bom: options.bom === true });
      await writeOutput(options.output, text);
      if (options.output === undefined || options.output === '-') return;
      const file = path.resolve(options.output);
      process.stderr.write(exportedToText({ count: items.length, format, file: path.relative(process.cwd(), file) || file, sprint, root }));
    });
}

/**
 * The sprint `--sprint` names: a configured or cadence sprint (or `current`, the one containing
 * today), else a name some item is assigned to (sprints set with `ledger set --sprint` need not
 * be configured). Anything else is a usage error naming the known sprints.
 */
function sprintName(wanted: string, config: PaydownConfig, listed: readonly ListedItem[], today: string): string {
  try {
    return findSprint(resolveSprints(config, today), wanted, today).name;
  } catch (err) {
    const assigned = listed.map((l) => l.item.sprint).find((s) => s !== null && s.toLowerCase() === wanted.trim().toLowerCase());
    if (assigned && wanted.trim().toLowerCase() !== 'current') return assigned;
    throw err;
  }
}

