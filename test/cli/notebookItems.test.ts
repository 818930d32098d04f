import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildOnce, paydown, workspace } from './runCli';
import { git } from '../support/git';
import { contractValidator } from './jsonSchemas';
import { PLANNING_CONFIG } from './planningWorkspace';
import { jupyterText } from '../support/jupyter';

/**
 * A notebook item is placed by its cell wherever ledger items are listed: a `.ipynb` file's lines are
 * JSON that no reader counts, so `reconcile.ipynb:23` would send nobody anywhere.
 */
describe('notebook items in the ledger, budgets, exports and reviews (CLI)', function () {
  this.timeout(60_000);
  before(buildOnce);

  // Today's date: the ledger's history is stamped by the clock, and the review measures the sprint
  // holding today (the cadence's sprints run on forever).
  const env = {};
  const text = jupyterText([['markdown', ['# Reconciliation']], ['code', ['totals = ledger.sum()\n', '# DEBT: reconcile by currency effort:2 impact:high\n', '#   the totals mix EUR and USD\n', 'totals']]]);
  const jsonLine = text.split('\n').findIndex((l) => l.includes('reconcile by currency')) + 1;
  const place = 'reconcile.ipynb, cell 2, line 2';

  function notebookWorkspace(): { root: string; id: string } {
    const root = workspace({ '.paydown/config.jsonc': PLANNING_CONFIG, 'reconcile.ipynb': text, 'src/pay.ts': '// TODO: log failures effort:1\n' });
    git(root, 'init', '-q');
    git(root, '-c', 'user.name=Alice', '-c', 'user.email=alice@example.com', 'commit', '-q', '--allow-empty', '-m', 'start');
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root, env }).status, 0);
    const listed = JSON.parse(paydown(['ledger', 'list', '--format', 'json', '--no-cache'], { cwd: root, env }).stdout) as { items: { id: string; file: string }[] };
    const id = listed.items.find((i) => i.file === 'reconcile.ipynb')!.id;
    assert.equal(paydown(['sprint', 'assign', id], { cwd: root, env }).status, 0);
    return { root, id };
  }

  it('ledger list and show name the cell; their JSON carries it next to the .ipynb line', () => {
    const { root, id } = notebookWorkspace();
    const list = paydown(['ledger', 'list', '--no-cache'], { cwd: root, env });
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, new RegExp(`^${id} +scheduled +DEBT +${place} +2 pts +high +S\\d+ +reconcile by currency$`, 'm'));
    assert.match(list.stdout, /src\/pay\.ts:1 /);
    const show = paydown(['ledger', 'show', id, '--no-cache'], { cwd: root, env });
    assert.match(show.stdout, new RegExp(`^ *where +${place}$`, 'm'));

    type Listed = { id: string; file: string; line: number; cell?: unknown };
    const json = JSON.parse(paydown(['ledger', 'list', '--format', 'json', '--no-cache'], { cwd: root, env }).stdout) as { items: Listed[] };
    const validate = contractValidator('ledger-list');
    assert.ok(validate(json), JSON.stringify(validate.errors, null, 2));
    const item = json.items.find((i) => i.id === id)!;
    assert.deepEqual([item.line, item.cell], [jsonLine, { index: 1, line: 2, column: 3 }]);
    assert.equal('cell' in json.items.find((i) => i.file === 'src/pay.ts')!, false);
  });

  it('the budget, the exports and the sprint review say the cell', () => {
    const { root, id } = notebookWorkspace();
    const budget = paydown(['budget', '--no-cache'], { cwd: root, env });
    assert.equal(budget.status, 0, budget.stderr);
    assert.match(budget.stdout, new RegExp(`^ {2}${id} {2}scheduled {2}2 pts {2}high {2}${place} {2}reconcile by currency$`, 'm'));
    const budgetJson = JSON.parse(paydown(['budget', '--format', 'json', '--no-cache'], { cwd: root, env }).stdout);
    assert.deepEqual(budgetJson.items[0].item.cell, { index: 1, line: 2, column: 3 });

    const markdown = paydown(['export', '--format', 'md', '--no-cache'], { cwd: root, env });
    assert.match(markdown.stdout, new RegExp(`\\| ${id} \\| scheduled \\| DEBT \\| reconcile by currency \\| ${place} \\|`));
    const csv = paydown(['export', '--format', 'csv', '--no-cache'], { cwd: root, env });
    assert.match(csv.stdout, new RegExp(`Where: ${place}\n`));
    const exported = JSON.parse(paydown(['export', '--format', 'json', '--no-cache'], { cwd: root, env }).stdout) as { items: { id: string; cell?: unknown }[] };
    const validate = contractValidator('export');
    assert.ok(validate(exported), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(exported.items.find((i) => i.id === id)!.cell, { index: 1, line: 2, column: 3 });

    const review = paydown(['report', '--no-cache'], { cwd: root, env });
    assert.equal(review.status, 0, review.stderr);
    assert.match(review.stdout, new RegExp(`\\| ${id} \\| DEBT \\| reconcile by currency \\| \`${place}\` \\|`));
    const facts = JSON.parse(paydown(['report', '--format', 'json', '--no-cache'], { cwd: root, env }).stdout) as { notDone: { id: string; cell?: unknown }[] };
    const validateReport = contractValidator('report');
    assert.ok(validateReport(facts), JSON.stringify(validateReport.errors, null, 2));
    assert.deepEqual(facts.notDone.map((i) => [i.id, i.cell]), [[id, { index: 1, line: 2, column: 3 }]]);

    // The budget page (the panel's, and the HTML report's) shows the engine's wording.
    const page = paydown(['report', '--format', 'html', '--no-cache'], { cwd: root, env });
    assert.ok(page.stdout.includes(`"place":"${place}"`), 'the page data places the item by its cell');
  });

  it('an item paid down keeps its cell: the ledger records it, and the review and ledger list show it', () => {
    const { root, id } = notebookWorkspace();
    const stored = JSON.parse(readFileSync(path.join(root, '.paydown/ledger', `${id}.json`), 'utf8')) as { schema: string; line: number; cell: unknown };
    assert.deepEqual([stored.schema, stored.cell], ['1.4', { index: 1, line: 2, column: 3, fileLine: jsonLine }]);
    writeFileSync(path.join(root, 'reconcile.ipynb'), jupyterText([['markdown', ['# Reconciliation']], ['code', ['totals = ledger.sum()\n', 'totals']]]));
    const sync = paydown(['ledger', 'sync', '--no-cache'], { cwd: root, env });
    assert.match(sync.stdout, /1 resolved/);
    const list = paydown(['ledger', 'list', '--status', 'resolved', '--no-cache'], { cwd: root, env });
    assert.match(list.stdout, new RegExp(`^${id} +resolved +DEBT +${place} `, 'm'));
    const review = paydown(['report', '--no-cache'], { cwd: root, env });
    assert.match(review.stdout, new RegExp(`\\| ${id} \\| DEBT \\| reconcile by currency \\| \`${place}\` \\|`));
  });
});
