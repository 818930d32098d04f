import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildOnce, paydown, repoRoot, workspace } from './runCli';

function sampleCopy(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-report-')), 'acme-payments');
  cpSync(path.join(repoRoot, 'test/fixtures/sample-workspace'), root, { recursive: true });
  return root;
}

describe('paydown report (CLI)', () => {
  before(buildOnce);
  const env = { PAYDOWN_TODAY: '2026-11-26' };

  it('prints the review of a past sprint, the same bytes on every run', () => {
    const root = sampleCopy();
    const first = paydown(['report', '--sprint', '2026-S23', '--no-cache'], { cwd: root, env });
    assert.equal(first.status, 0, first.stderr);
    assert.match(first.stdout, /^# Debt review: 2026-S23\n\nacme-payments · 2026-11-09 – 2026-11-22 · measured at the end of the sprint, 2026-11-22\n/);
    assert.match(first.stdout, /\| Paid down \| 5 pts in 2 items \|/);
    assert.equal(paydown(['report', '--sprint', '2026-S23', '--no-cache'], { cwd: root, env }).stdout, first.stdout);
  });

  it('-o writes the file; current is the default sprint', () => {
    const root = sampleCopy();
    const out = path.join(root, 'review.md');
    const run = paydown(['report', '-o', out, '--no-cache'], { cwd: root, env });
    assert.equal(run.status, 0, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /^# Debt review: 2026-S24\n/);
  });

  it('one open item reads as one: "1 open item serves no outcome", "1 open item has no estimate"', () => {
    // The sprint runs from long before to long after the sync, so the item is open in it whatever the clock says.
    const root = workspace({
      '.paydown/config.jsonc': '{ "sprints": [{ "name": "Now", "start": "2020-01-01", "end": "2099-12-31", "capacity": 10, "debtBudget": 2 }] }\n',
      'src/a.ts': '// TODO: the only debt\nexport const a = 1;\n',
    });
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }).status, 0);
    const run = paydown(['report', '--sprint', 'Now', '--no-cache'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^- 1 open item serves no outcome: which outcome does it hurt, or is it worth keeping\?$/m);
    assert.match(run.stdout, /^- 1 open item has no estimate \(PD-\w+\): estimate it before the next planning\.$/m);
    assert.doesNotMatch(run.stdout, /\b1 (open )?items\b/);
  });

  it('exits 2 for an unknown sprint, naming the known ones', () => {
    const run = paydown(['report', '--sprint', 'S99', '--no-cache'], { cwd: sampleCopy(), env });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no sprint named "S99"/);
  });
});
