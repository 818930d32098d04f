import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildOnce, gitWorkspace, paydown } from './runCli';

describe('paydown init (CLI)', function () {
  this.timeout(120_000);
  before(buildOnce);

  it('writes a starter config that gives the workspace a current sprint at once, and says what to run next', () => {
    const root = gitWorkspace({ 'src/a.ts': '// TODO(alice): retry with backoff effort:3\n' });
    const env = { PAYDOWN_TODAY: '2026-12-03' };
    const before = paydown(['budget'], { cwd: path.join(root, 'src'), env });
    assert.equal(before.status, 2);
    assert.match(before.stderr, /no sprints are configured\nhint: run `paydown init`/);

    const init = paydown(['init'], { cwd: path.join(root, 'src'), env });
    assert.equal(init.status, 0, init.stderr);
    assert.match(init.stdout, /^Wrote \.paydown\/config\.jsonc: a sprint every two weeks from 2026-11-30 \(S1, S2, …\)/);
    assert.match(init.stdout, /paydown ledger backfill +record the debt in the code in the ledger/);
    assert.match(readFileSync(path.join(root, '.paydown', 'config.jsonc'), 'utf8'), /"cadence": \{ "start": "2026-11-30", "lengthDays": 14/);

    const budget = paydown(['budget', '--format', 'json'], { cwd: root, env });
    assert.equal(budget.status, 0, budget.stderr);
    const { sprint, start, budget: points } = JSON.parse(budget.stdout) as { sprint: string; start: string; budget: number };
    assert.deepEqual([sprint, start, points], ['S1', '2026-11-30', 8]);
  });

  it('never replaces an existing config: exit 2, the file as it was', () => {
    const root = gitWorkspace({ 'a.ts': '' });
    const file = path.join(root, '.paydown', 'config.jsonc');
    assert.equal(paydown(['init'], { cwd: root }).status, 0);
    writeFileSync(file, '{ "sprints": [] }\n');
    const again = paydown(['init'], { cwd: root });
    assert.equal(again.status, 2);
    assert.match(again.stderr, /config\.jsonc exists already: Paydown leaves it as it is/);
    assert.equal(readFileSync(file, 'utf8'), '{ "sprints": [] }\n');
  });
});
