import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { DEFAULT_TAGS } from '../../../src/engine';
import { toSarif, type SarifLog } from '../../../src/engine/export';
import { exportItem } from './fixtures';
import { SARIF_SCHEMA_FILE as SCHEMA_FILE, sarifValidator } from './validators';

function log(items = [exportItem()]): SarifLog {
  return JSON.parse(toSarif(items, { toolVersion: '0.1.0', tags: DEFAULT_TAGS }));
}

describe('SARIF export', () => {
  const validate = sarifValidator();

  it('the schema in use really is SARIF 2.1.0 and catches a broken log', () => {
    const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8'));
    assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'a' }, level: 'error!' }] }] }), false);
    assert.equal(validate({ version: '2.0.0', runs: [] }), false);
  });

  it('validates against the official SARIF 2.1.0 schema, for every status, impact and awkward path', () => {
    const items = [
      exportItem(),
      exportItem({ id: 'PD-000001', status: 'resolved', impact: 'critical', column: null }),
      exportItem({ id: 'PD-000002', status: 'wont-fix', impact: null, effort: null, owners: [], labels: [] }),
      exportItem({ id: 'PD-000003', tag: 'NOTE', file: 'docs/with space/ümlaut #1.md', sprint: '2026-S24', outcome: 'reliability', due: '2026-12-31' }),
    ];
    const sarif = log(items);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const empty = log([]);
    assert.ok(validate(empty), JSON.stringify(validate.errors, null, 2));
  });

  it('has one run by the paydown driver with a rule per tag, each with descriptions and help', () => {
    const { runs } = log([exportItem({ tag: 'CUSTOM' })]);
    assert.equal(runs.length, 1);
    const { driver } = runs[0].tool;
    assert.equal(driver.name, 'paydown');
    assert.deepEqual(driver.rules.map((r) => r.id), ['TODO', 'FIXME', 'HACK', 'XXX', 'DEBT', 'CUSTOM']);
    for (const rule of driver.rules) {
      assert.ok(rule.shortDescription.text.startsWith(`${rule.id} comment`));
      assert.ok(rule.fullDescription.text.length > 0);
      assert.ok(rule.help.text.includes('paydown'));
      assert.ok(rule.help.markdown.length > 0);
    }
    assert.equal(driver.rules[runs[0].results[0]!.ruleIndex]!.id, 'CUSTOM');
  });

  it('puts each result at its workspace-relative location under %SRCROOT%, with line and column', () => {
    const { runs } = log([exportItem({ file: 'src/pay.ts', line: 12, column: 4 }), exportItem({ id: 'PD-000009', file: 'a b/c#d.py', line: 7, column: null })]);
    const [first, second] = runs[0].results.map((r) => r.locations[0]!.physicalLocation);
    assert.deepEqual(first, { artifactLocation: { uri: 'src/pay.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: 12, startColumn: 4 } });
    assert.deepEqual(second, { artifactLocation: { uri: 'a%20b/c%23d.py', uriBaseId: '%SRCROOT%' }, region: { startLine: 7 } });
    assert.ok(runs[0].originalUriBaseIds['%SRCROOT%']);
  });

  it("a notebook item points at its .ipynb lines, and its message and properties say its cell", () => {
    const { runs } = log([exportItem({ file: 'nb/reconcile.ipynb', line: 23, column: 9, cell: { index: 1, line: 2, column: 3 } })]);
    const [result] = runs[0].results;
    assert.deepEqual(result!.locations[0]!.physicalLocation.region, { startLine: 23, startColumn: 9 });
    assert.match(result!.message.text, /\(PD-7Q2K9A, cell 2, line 2, /);
    assert.deepEqual(result!.properties.cell, { index: 1, line: 2, column: 3 });
    assert.ok(validate(log([exportItem({ cell: { index: 0, line: 1, column: 1 } })])), JSON.stringify(validate.errors, null, 2));
  });

  it('only ever points inside the workspace: paths are normalised, and items placed outside are left out with a notification', () => {
    const items = [
      exportItem({ id: 'PD-000001', file: './src//pay.ts' }),
      exportItem({ id: 'PD-000002', file: 'src/a/../b.ts' }),
      exportItem({ id: 'PD-000003', file: '/etc/passwd' }),
      exportItem({ id: 'PD-000004', file: '../../outside.ts' }),
      exportItem({ id: 'PD-000005', file: 'src/../../outside.ts' }),
      exportItem({ id: 'PD-000006', file: 'C:\\Windows\\win.ini' }),
      exportItem({ id: 'PD-000007', file: 'src\\..\\..\\x.ts' }),
      exportItem({ id: 'PD-000008', file: '\\\\server\\share\\x.ts' }),
    ];
    const sarif = log(items);
    assert.ok(validate(sarif), JSON.stringify(validate.errors, null, 2));
    const run = sarif.runs[0];
    assert.deepEqual(
      run.results.map((r) => [r.partialFingerprints['paydownId/v1'], r.locations[0]!.physicalLocation.artifactLocation.uri]),
      [
        ['PD-000001', 'src/pay.ts'],
        ['PD-000002', 'src/b.ts'],
      ],
    );
    for (const r of run.results) assert.equal(r.locations.length, 1, 'GitHub rejects a whole upload for a result without a location');
    const notes = run.invocations?.[0]?.toolExecutionNotifications ?? [];
    assert.equal(notes.length, 1);
    assert.match(notes[0]!.message.text, /^6 items were left out .*outside the workspace.*: PD-000003, PD-000004, PD-000005, PD-000006, PD-000007, PD-000008\./);
    assert.equal(log([exportItem()]).runs[0].invocations, undefined, 'no notification when nothing was left out');
  });

  it('levels debt as warning (critical, high) or note, never error, and fingerprints results by ledger id', () => {
    const impacts = ['critical', 'high', 'medium', 'low', null] as const;
    const { runs } = log(impacts.map((impact, n) => exportItem({ id: `PD-00000${n}`, impact })));
    assert.deepEqual(runs[0].results.map((r) => r.level), ['warning', 'warning', 'note', 'note', 'note']);
    assert.deepEqual(runs[0].results.map((r) => r.partialFingerprints), impacts.map((_, n) => ({ 'paydownId/v1': `PD-00000${n}` })));
  });

  it('carries effort, impact, sprint and outcome as properties and says them in the message', () => {
    const [result] = log([exportItem({ sprint: '2026-S24', outcome: 'reliability' })]).runs[0].results;
    assert.deepEqual(
      { effort: result!.properties.effort, impact: result!.properties.impact, sprint: result!.properties.sprint, outcome: result!.properties.outcome, paydownId: result!.properties.paydownId },
      { effort: 3, impact: 'high', sprint: '2026-S24', outcome: 'reliability', paydownId: 'PD-7Q2K9A' },
    );
    assert.equal(result!.message.text, 'DEBT: Replace the retry loop (PD-7Q2K9A, 3 pts, impact high, sprint 2026-S24, @alice)');
  });

  it('carries the item\'s interest as a property when measured', () => {
    const [hot, unmeasured] = log([exportItem({ interest: { commits: 41, lines: 900, days: 90, topShare: 0.05, score: 4.75 } }), exportItem({ id: 'PD-000002' })]).runs[0].results;
    assert.deepEqual(hot!.properties.interest, { commits: 41, lines: 900, days: 90, topShare: 0.05, score: 4.75 });
    assert.equal('interest' in unmeasured!.properties, false);
  });

  it('shows resolved debt as a passing result and wont-fix as an accepted suppression', () => {
    const [resolved, wontFix] = log([exportItem({ status: 'resolved' }), exportItem({ id: 'PD-000002', status: 'wont-fix' })]).runs[0].results;
    assert.equal(resolved!.kind, 'pass');
    assert.equal(resolved!.level, 'none');
    assert.deepEqual(wontFix!.suppressions?.map((s) => s.status), ['accepted']);
  });
});
