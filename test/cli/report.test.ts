import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildOnce, paydown, repoRoot } from './runCli';

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

  it('exits 2 for an unknown sprint, naming the known ones', () => {
    const run = paydown(['report', '--sprint', 'S99', '--no-cache'], { cwd: sampleCopy(), env });
    assert.equal(run.status, 2);
    assert.match(run.stderr, /no sprint named "S99"/);
  });
});
