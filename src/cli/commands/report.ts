import * as path from 'node:path';
import { Option, type Command } from 'commander';
import { existsSync } from 'node:fs';
import { loadWebviewAssets, renderBudgetPageHtml, reviewToMarkdown } from '../../engine';
import { cliSignal } from '../interrupt';
import { writeOutput } from '../output';
import { safeText } from '../reporters/terminal';
import { toJsonDocument } from '../reporters/jsonDocument';
import { reportJson } from '../reporters/reportJson';
import { openCliWorkspace, type WorkspaceFlags } from '../workspace';
import { resolveToday } from '../today';

interface ReportFlags extends WorkspaceFlags {
  sprint?: string;
  output?: string;
  format: 'md' | 'json' | 'html';
  today?: string;
}

/**
 * The folder holding the webview bundle: next to the bundled CLI (dist/), or the repo's dist/
 * when the CLI runs from its sources.
 */
function distDir(): string {
  return existsSync(path.join(__dirname, 'webview')) ? __dirname : path.resolve(__dirname, '../../../dist');
}

/**
 * `paydown report --sprint NAME|current [-o FILE]`: the one-page Markdown sprint review, its
 * facts as JSON, or the budget page as one self-contained HTML file (`--format html`).
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description('the one-page Markdown review of a sprint\'s debt: budget kept, paid down, added, oldest open, flow against the last sprints, outcomes, prompts')
    .option('--sprint <name>', 'the sprint to review, or "current"', 'current')
    .option('-o, --output <file>', 'write the review to FILE instead of stdout ("-": stdout); a regular file is replaced atomically')
    .addOption(new Option('-f, --format <format>', 'md (the review), json (its facts) or html (the budget page, one self-contained file)').choices(['md', 'json', 'html']).default('md'))
    .option('--today <date>', 'the day to measure on, YYYY-MM-DD (default: PAYDOWN_TODAY, else today)')
    .option('--root <dir>', 'the workspace root (default: nearest folder with .paydown/ or .git)')
    .option('--no-cache', 'do not use the incremental scan cache')
    .option('--cache-dir <dir>', 'where the incremental scan cache lives')
    .action(async (flags: ReportFlags) => {
      const today = resolveToday(flags.today);
      const workspace = await openCliWorkspace(flags);
      if (flags.format === 'html') {
        const assets = loadWebviewAssets(distDir());
        const wanted = flags.sprint === undefined || flags.sprint === 'current' ? null : flags.sprint;
        const pages = await workspace.budgetReportPages({ sprint: wanted, today, signal: cliSignal() });
        await writeOutput(flags.output, renderBudgetPageHtml(pages, assets));
        const shown = pages[0]?.sprint?.name;
        if (flags.output !== undefined && flags.output !== '-') {
          const what = shown ? `the budget page of ${safeText(shown)} (${pages.length} ${pages.length === 1 ? 'sprint' : 'sprints'})` : 'the budget page (no sprints configured: it says how to add them)';
          process.stderr.write(`paydown: wrote ${what} to ${safeText(flags.output)}\n`);
        }
        return;
      }
      const { review } = await workspace.review(flags.sprint ?? 'current', { today, signal: cliSignal() });
      const text = flags.format === 'json' ? toJsonDocument('report', reportJson(review)) : reviewToMarkdown(review, { workspace: path.basename(workspace.root) });
      await writeOutput(flags.output, text);
      if (flags.output !== undefined && flags.output !== '-') process.stderr.write(`paydown: wrote the ${safeText(review.sprint.name)} review to ${safeText(flags.output)}\n`);
    });
}
