/**
 * The starter config the budget panel offers when a folder has no sprints: a two-week cadence
 * from this week's Monday, a capacity and a 20% protected debt budget, and a commented outcome
 * example, so the panel has a current sprint at once and the user edits from there.
 *
 * Invariants: the text is valid JSONC that `parseConfig` accepts as it is; an existing config is
 * never overwritten (the file is created exclusively).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { addDays } from '../dates';
import { docsLink } from '../docs';
import { PaydownError } from '../errors';
import { CONFIG_FILE } from './config';
import { assertNoEscapingLinks } from './workspace';

/** The Monday of the week holding `today` (`YYYY-MM-DD`, UTC). */
export function mondayOf(today: string): string {
  const weekday = new Date(`${today}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(today, -((weekday + 6) % 7));
}

/** The starter `.paydown/config.jsonc`, its cadence starting on the Monday of `today`'s week. */
export function starterConfigText(today: string): string {
  const start = mondayOf(today);
  return `// Paydown's configuration (see ${docsLink('sprints.md')}). Edit the cadence to match your team's sprints.
{
  // A sprint every two weeks from ${start}: S1, S2, … Capacity is the team's points per sprint;
  // debtBudget is the share (or the points) protected for paying down debt.
  "cadence": { "start": "${start}", "lengthDays": 14, "capacity": 40, "debtBudget": "20%", "name": "S{n}", "firstNumber": 1 },

  // The business outcomes debt work serves; items name one with \`outcome:NAME\`, or inherit it
  // from their path or label. For example:
  //   { "name": "reliability", "description": "Fewer failed payments", "paths": ["src/payments/**"], "labels": ["money"] }
  "outcomes": [],

  // Points an item without an estimate counts for (null: it counts 0 and is flagged).
  "planning": { "defaultEstimate": null }
}
`;
}

/**
 * Writes the starter config into `root` (creating `.paydown/`) and returns its absolute path. A
 * config that exists already is left alone: a `usage` PaydownError says so.
 */
export async function writeStarterConfig(root: string, today: string): Promise<string> {
  assertNoEscapingLinks(root, ['.paydown', CONFIG_FILE]);
  const file = path.join(root, CONFIG_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  try {
    await writeFile(file, starterConfigText(today), { flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new PaydownError('usage', `${CONFIG_FILE} exists already: Paydown leaves it as it is`, `open ${CONFIG_FILE} and add "sprints" or a "cadence" (see ${docsLink('sprints.md')})`);
    }
    throw new PaydownError('config-unreadable', `cannot write ${CONFIG_FILE}: ${(err as Error).message}`, undefined, { cause: err });
  }
  return file;
}
