import { paydown, workspace } from './runCli';
import { git } from '../support/git';

/** Sprint S23 (configured, 8 pts budget) then S24, S25… every 14 days from 2026-11-02 (10 pts budget each). */
export const PLANNING_CONFIG = `{
  // Paydown planning config for the CLI tests
  "sprints": [{ "name": "S23", "start": "2026-10-19", "end": "2026-10-30", "capacity": 40, "debtBudget": "20%" }],
  "cadence": { "start": "2026-11-02", "lengthDays": 14, "capacity": 40, "debtBudget": "25%", "name": "S{n}", "firstNumber": 24 },
  "planning": { "defaultEstimate": null, "weights": { "impact": 1, "age": 0.5, "due": 1 } },
}
`;

/** A git workspace with five annotations, synced into the ledger; returns its root and the ids by title. */
export function planningWorkspace(): { root: string; ids: Record<string, string> } {
  const root = workspace({
    '.paydown/config.jsonc': PLANNING_CONFIG,
    'src/pay.ts': [
      '// DEBT: Replace the retry loop @alice effort:3 impact:high due:2026-11-10 #payments',
      'export const a = 1;',
      '// TODO: log failures effort:1',
      '// FIXME: quadratic merge effort:5 impact:critical',
      '// HACK: hard-coded currency effort:2 impact:medium',
      '// TODO: no estimate here impact:low',
      '',
    ].join('\n'),
  });
  git(root, 'init', '-q');
  git(root, '-c', 'user.name=Alice', '-c', 'user.email=alice@example.com', 'commit', '-q', '--allow-empty', '-m', 'start');
  const sync = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
  if (sync.status !== 0) throw new Error(sync.stderr);
  const listed = paydown(['ledger', 'list', '--format', 'json', '--no-cache'], { cwd: root });
  const ids: Record<string, string> = {};
  for (const item of JSON.parse(listed.stdout).items as { id: string; title: string }[]) ids[item.title] = item.id;
  return { root, ids };
}
