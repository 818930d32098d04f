import * as assert from 'node:assert/strict';
import { defaultConfig, type PaydownConfig } from '../../../src/engine/config/config';
import { runCheck, type CheckInput } from '../../../src/engine/check';
import type { LedgerItem } from '../../../src/engine/ledger/model';
import type { DebtItem } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';

function scanned(files: Record<string, string>, config: PaydownConfig = defaultConfig()): DebtItem[] {
  return Object.entries(files).flatMap(([file, text]) => scanDocument(text, { file }, config.annotations).items);
}

/** A ledger item tracking `c` (as a sync would have written it). */
function tracked(c: DebtItem, id: string, extra: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id,
    status: 'open',
    tag: c.tag,
    title: c.title,
    fingerprint: c.fingerprint,
    owners: c.owners,
    labels: c.labels,
    file: c.file,
    line: c.line,
    firstSeen: { at: '2026-11-01T00:00:00.000Z', commit: null },
    resolved: null,
    sprint: null,
    effort: { value: c.effort, source: 'comment', comment: c.effort },
    impact: { value: c.impact, source: 'comment', comment: c.impact },
    outcome: { value: c.outcome, source: 'comment', comment: c.outcome },
    trackers: [],
    history: [{ id: `C${id}`, at: '2026-11-01T00:00:00.000Z', type: 'created', commit: null }],
    ...extra,
  };
}

function check(input: Partial<CheckInput> & Pick<CheckInput, 'scanned'>, configure?: (c: PaydownConfig) => void): ReturnType<typeof runCheck> {
  const config = defaultConfig();
  configure?.(config);
  return runCheck({ ledger: [], config, today: '2026-11-26', ...input });
}

describe('check rules', () => {
  it('untracked: an annotation the ledger does not know fails, a tracked one passes', () => {
    const items = scanned({ 'a.ts': '// TODO: known one\n// TODO: brand new\n' });
    const result = check({ scanned: items, ledger: [tracked(items[0]!, 'PD-AAAA01')] });
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.file, f.line, f.column]),
      [['untracked', 'a.ts', 2, 4]],
    );
    assert.match(result.findings[0]!.hint, /paydown ledger sync/);
  });

  it('untracked: off when check.untracked is false', () => {
    const result = check({ scanned: scanned({ 'a.ts': '// TODO: brand new\n' }) }, (c) => (c.check.untracked = false));
    assert.equal(result.findings.length, 0);
  });

  it('untracked: a comment that moved to another file is still tracked', () => {
    const before = scanned({ 'old.ts': '// TODO: moved along\n' });
    const after = scanned({ 'new.ts': '\n\n// TODO: moved along\n' });
    assert.equal(check({ scanned: after, ledger: [tracked(before[0]!, 'PD-AAAA02')] }).findings.length, 0);
  });

  it('required: only for the configured tags, naming each missing field', () => {
    const items = scanned({ 'a.py': '# FIXME: no owner no size\n# FIXME(bob): sized effort:2\n# TODO: not a required tag\n' });
    const result = check({ scanned: items, ledger: items.map((c, i) => tracked(c, `PD-BBBB0${i}`)) }, (c) => {
      c.check.required = ['owner', 'effort'];
      c.check.tags = ['FIXME'];
    });
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.line, f.missing]),
      [['required', 1, ['owner', 'effort']]],
    );
    assert.match(result.findings[0]!.message, /has no owner, no effort/);
  });

  it('required: an estimate set in the ledger and an outcome inherited by path count', () => {
    const items = scanned({ 'src/pay/a.ts': '// DEBT(alice): sized in the UI\n' });
    const ledger = [tracked(items[0]!, 'PD-CCCC01', { effort: { value: 3, source: 'ui', comment: null } })];
    const result = check({ scanned: items, ledger }, (c) => {
      c.check.required = ['owner', 'effort', 'outcome'];
      c.outcomes = [{ name: 'reliability', description: '', paths: ['src/pay/**'], labels: [] }];
    });
    assert.deepEqual(result.findings, []);
  });

  it('malformed: every metadata problem at its own column, and not again as a missing field', () => {
    const items = scanned({ 'a.ts': '// FIXME(bob): x effort:lots due:2026-13-45\n' });
    const result = check({ scanned: items, ledger: [tracked(items[0]!, 'PD-DDDD01')] }, (c) => (c.check.required = ['effort']));
    assert.deepEqual(
      result.findings.map((f) => [f.rule, f.code, f.line, f.column]),
      [
        ['malformed', 'effort-invalid', 1, 18],
        ['malformed', 'due-invalid', 1, 30],
      ],
    );
  });

  it('unknown-outcome: an outcome the config does not list; ignored when no outcomes are configured', () => {
    const items = scanned({ 'a.ts': '// TODO: grow outcome:growth\n// TODO: fine outcome:Reliability\n' });
    const ledger = items.map((c, i) => tracked(c, `PD-EEEE0${i}`));
    const withOutcomes = check({ scanned: items, ledger }, (c) => (c.outcomes = [{ name: 'reliability', description: '', paths: [], labels: [] }]));
    assert.deepEqual(
      withOutcomes.findings.map((f) => [f.rule, f.line]),
      [['unknown-outcome', 1]],
    );
    assert.equal(check({ scanned: items, ledger }).findings.length, 0);
  });

  it('budget: a started sprint below the minimum allocated share fails; a planned one does not', () => {
    const items = scanned({ 'a.ts': '// TODO: sized effort:2\n' });
    const ledger = [tracked(items[0]!, 'PD-FFFF01', { sprint: 'S1', status: 'scheduled' })];
    const configure = (c: PaydownConfig): void => {
      c.sprints = [
        { name: 'S1', start: '2026-11-23', end: '2026-12-06', capacity: 40, debtBudget: { share: 0.2 }, squad: null },
        { name: 'S2', start: '2026-12-07', end: '2026-12-20', capacity: 40, debtBudget: { points: 8 }, squad: null },
      ];
      c.check.minAllocatedShare = 0.8;
    };
    const during = check({ scanned: items, ledger }, configure);
    assert.deepEqual(
      during.findings.map((f) => [f.rule, f.sprint, f.file]),
      [['budget', 'S1', null]],
    );
    assert.match(during.findings[0]!.message, /only 2 pts of the 8 pts budget/);
    assert.deepEqual(during.sprints, ['S1']);
    // Before S1 starts nothing runs; S2 is planned, a hint at most.
    assert.equal(check({ scanned: items, ledger, today: '2026-11-20' }, configure).findings.length, 0);
  });

  it('--base: only annotations whose tag line was added count for the annotation rules', () => {
    const items = scanned({ 'old.ts': '// TODO: legacy\n', 'new.ts': '// TODO: fresh\n', 'edit.ts': '// TODO: untouched\n// TODO: added line\n' });
    const added = new Map<string, Set<number> | 'all'>([
      ['new.ts', 'all'],
      ['edit.ts', new Set([2])],
    ]);
    const result = check({ scanned: items, added, base: 'origin/main' });
    assert.deepEqual(
      result.findings.map((f) => `${f.file}:${f.line}`),
      ['edit.ts:2', 'new.ts:1'],
    );
    assert.equal(result.considered, 2);
    assert.equal(result.annotations, 4);
  });
});
