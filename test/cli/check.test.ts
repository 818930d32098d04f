import * as assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildOnce, gitWorkspace, paydown, repoRoot } from './runCli';
import { git } from '../support/git';
import { contractValidator } from './jsonSchemas';
import { jupyterText } from '../support/jupyter';

/** A copy of the sample workspace, outside any git repository. */
function sampleCopy(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-check-')), 'acme-payments');
  cpSync(path.join(repoRoot, 'test/fixtures/sample-workspace'), root, { recursive: true });
  return root;
}

describe('paydown check (CLI)', () => {
  before(buildOnce);
  const env = { PAYDOWN_TODAY: '2026-11-26' };

  it('exits 1 on the sample workspace and groups findings by rule with hints and a summary', () => {
    const run = paydown(['check', '--no-cache'], { cwd: sampleCopy(), env });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, /^Missing required fields \(2\)\n {2}src\/api\/validation\.ts:5:6 {2}FIXME "amounts accepted as strings and parsed twice" has no owner, no effort\n {4}hint: /m);
    assert.match(run.stdout, /Malformed metadata \(3\)/);
    assert.match(run.stdout, /Unknown outcomes \(1\)\n {2}src\/onboarding\/merchant\.py:19:7 {2}outcome:growth/);
    assert.match(run.stdout, /✗ paydown check: 6 findings \(2 required, 3 malformed, 1 unknown-outcome\); checked 22 annotations, budget of 2026-S24\n$/);
  });

  it('exits 0 when the annotations are fixed, and 1 again for a new untracked TODO', () => {
    const root = sampleCopy();
    const fix = (file: string, from: string, to: string): void => {
      const full = path.join(root, file);
      writeFileSync(full, readFileSync(full, 'utf8').replace(from, to));
    };
    fix('src/api/validation.ts', 'parsed twice impact:high', 'parsed twice impact:high @dave effort:1');
    fix('src/onboarding/kyc.py', 'due:2026-13-45 impact:huge', 'effort:1');
    fix('src/gateway/fx.ts', 'effort:lots', 'effort:2');
    fix('src/onboarding/merchant.py', 'outcome:growth', 'outcome:onboarding');
    const clean = paydown(['check', '--no-cache'], { cwd: root, env });
    assert.equal(clean.status, 0, clean.stdout);
    assert.match(clean.stdout, /✓ paydown check: no findings/);

    writeFileSync(path.join(root, 'src/api/new.ts'), '// TODO: a new shortcut\n');
    const dirty = paydown(['check', '--no-cache', '--format', 'github'], { cwd: root, env });
    assert.equal(dirty.status, 1);
    assert.match(dirty.stdout, /^::error file=src\/api\/new\.ts,line=1,col=4,title=Paydown%3A Debt not in the ledger::TODO "a new shortcut" is not in the ledger%0Ahint: run `paydown ledger sync`/m);
  });

  it('names the notebook cell of a finding in a Jupyter notebook (text and JSON), its line being the .ipynb file\'s', () => {
    const root = sampleCopy();
    const text = jupyterText([['markdown', ['# Reconciliation']], ['code', ['totals = ledger.sum()\n', '# TODO(effort: lots): reconcile by currency']]]);
    writeFileSync(path.join(root, 'reconcile.ipynb'), text);
    const line = text.split('\n').findIndex((l) => l.includes('reconcile by currency')) + 1;
    const run = paydown(['check', '--no-cache'], { cwd: root, env });
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stdout, new RegExp(`^ {2}reconcile\\.ipynb:${line}:\\d+ \\(cell 2, line 2\\) {2}TODO "reconcile by currency" is not in the ledger$`, 'm'));
    assert.match(run.stdout, new RegExp(`^ {2}reconcile\\.ipynb:${line}:\\d+ \\(cell 2, line 2\\) {2}effort: has no value`, 'm'));
    const github = paydown(['check', '--no-cache', '--format', 'github'], { cwd: root, env });
    assert.match(github.stdout, new RegExp(`^::error file=reconcile\\.ipynb,line=${line},col=\\d+,title=Paydown%3A Debt not in the ledger::TODO "reconcile by currency" is not in the ledger%0A\\(cell 2, line 2 of the notebook\\)%0Ahint: `, 'm'));
    const json = paydown(['check', '--no-cache', '--format', 'json'], { cwd: root, env });
    const result = JSON.parse(json.stdout) as { findings: { file: string; rule: string; line: number; cell?: unknown }[] };
    const inNotebook = result.findings.filter((f) => f.file === 'reconcile.ipynb');
    const validate = contractValidator('check');
    assert.ok(validate(result), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(inNotebook.map((f) => [f.rule, f.line, f.cell]), [
      ['untracked', line, { index: 1, line: 2, column: 3 }],
      ['malformed', line, { index: 1, line: 2, column: 8 }],
    ]);
  });

  it('fails the budget rule when the running sprint is under-allocated', () => {
    // On 2026-12-08 the cadence's 2026-S25 has started with nothing allocated.
    const run = paydown(['check', '--no-cache', '--today', '2026-12-08', '--format', 'json'], { cwd: sampleCopy() });
    assert.equal(run.status, 1);
    const result = JSON.parse(run.stdout) as { findings: { rule: string; sprint?: string }[]; sprints: string[] };
    assert.deepEqual(result.sprints, ['2026-S25']);
    assert.deepEqual(result.findings.filter((f) => f.rule === 'budget').map((f) => f.sprint), ['2026-S25']);
  });

  it('exits 2 on bad usage: an unknown format, a bad date, --base outside git', () => {
    const root = sampleCopy();
    assert.equal(paydown(['check', '--format', 'xml'], { cwd: root }).status, 2);
    const badDate = paydown(['check', '--today', '2026-02-30'], { cwd: root });
    assert.equal(badDate.status, 2);
    assert.match(badDate.stderr, /"2026-02-30" is not a date/);
    const noGit = paydown(['check', '--base', 'origin/main', '--no-cache'], { cwd: root, env });
    assert.equal(noGit.status, 2);
    assert.match(noGit.stderr, /needs a git repository/);
  });

  it('--base is always a revision, never a git option (--end-of-options)', () => {
    const root = gitWorkspace({ 'a.ts': '// TODO: old debt\n' });
    // A ref whose name starts with a dash: after --end-of-options git reads it as a revision.
    git(root, 'update-ref', 'refs/tags/-base', 'HEAD');
    writeFileSync(path.join(root, 'b.ts'), '// TODO: new debt\n');
    const run = paydown(['check', '--base=-base', '--no-cache', '--format', 'json'], { cwd: root, env });
    assert.equal(run.status, 1, run.stderr);
    assert.equal(JSON.parse(run.stdout).base, '-base');

    const out = path.join(root, 'written-by-git');
    const option = paydown(['check', `--base=--output=${out}`, '--no-cache'], { cwd: root, env });
    assert.equal(option.status, 2);
    assert.match(option.stderr, /--base --output=.* is not a commit, branch or tag here/);
    assert.equal(existsSync(out), false);
  });
});
