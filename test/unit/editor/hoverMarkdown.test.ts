import * as assert from 'node:assert/strict';
import type { LedgerItem } from '../../../src/engine/ledger/model';
import type { DebtItem } from '../../../src/engine/model';
import type { SessionItem } from '../../../src/engine/session/session';
import { annotationAt, annotationLines } from '../../../src/extension/editor/annotationAt';
import { relativeDay } from '../../../src/engine/present';
import { HOVER_COMMANDS, hoverMarkdown } from '../../../src/extension/editor/hoverMarkdown';
import { safeColor, tagColorKey, tintOf } from '../../../src/extension/editor/tagColors';

const now = new Date('2026-06-20T12:00:00Z');

function debt(overrides: Partial<DebtItem> = {}): DebtItem {
  return {
    file: 'src/pay.ts', line: 3, column: 4, end: { line: 5, column: 40 }, tag: 'DEBT', title: 'Replace the retry loop', body: '',
    owners: ['alice'], labels: ['payments'], effort: 3, effortSpec: { value: 3, unit: 'pt' }, impact: 'high', sprint: null, due: null,
    outcome: null, issueRefs: [{ kind: 'github', text: 'GH-412' }], id: 'PD-7Q2K9A', language: 'typescript', fingerprint: 'f', problems: [],
    ...overrides,
  };
}

function ledger(overrides: Partial<LedgerItem> = {}): LedgerItem {
  return {
    id: 'PD-7Q2K9A', status: 'scheduled', tag: 'DEBT', title: 'Replace the retry loop', fingerprint: 'f', owners: ['alice'], labels: ['payments'],
    file: 'src/pay.ts', line: 3, firstSeen: { at: '2026-05-30T09:00:00Z', commit: null }, resolved: null, sprint: '2026-S24',
    effort: { value: 5, source: 'ui', comment: 3 }, impact: { value: 'high', source: 'comment', comment: 'high' }, outcome: { value: null, source: 'comment', comment: null },
    trackers: [{ tracker: 'github', key: 'GH-412', url: 'https://github.com/acme/pay/issues/412', state: 'open', stateAt: '2026-06-18T08:00:00Z' }],
    history: [],
    ...overrides,
  };
}

function item(d: DebtItem, l: LedgerItem | null, outcome: string | null = null): SessionItem {
  return { key: l?.id ?? 'k', debt: d, ledger: l, outcome, unsaved: false, tagImpact: null };
}

describe('editor: hover Markdown', () => {
  it('shows the ledger facts: id, status, sprint with dates, effort (edited), impact, outcome, age, owners, labels, ticket and its state', () => {
    const md = hoverMarkdown(item(debt(), ledger(), 'reliability'), { now, sprintDates: { start: '2026-06-15', end: '2026-06-28' } });
    assert.match(md, /^\*\*DEBT\*\* · `PD-7Q2K9A` · \*Scheduled\*/);
    assert.match(md, /Sprint \*\*2026-S24\*\* \(Jun 15 – Jun 28\)/);
    assert.match(md, /Effort \*\*5 pts\*\* \(edited\) · Impact \*\*high\*\*/);
    assert.match(md, /Outcome \*\*reliability\*\*/);
    assert.match(md, /First seen 3 weeks ago \(2026-05-30\)/);
    assert.match(md, /Owners @alice · Labels \\#payments/);
    assert.match(md, /Ticket \[GH-412\]\(https:\/\/github\.com\/acme\/pay\/issues\/412\) — open \(since 2 days ago\)/);
    assert.doesNotMatch(md, /Issues GH-412/, 'a linked ref is not listed twice');
  });

  it('shows one Interest line for a file that changed in the window, and none for a quiet file', () => {
    const hot = hoverMarkdown(item(debt(), ledger()), { now, interest: { commits: 41, lines: 900, days: 90, topShare: 0.05, score: 4.75 } });
    assert.match(hot, /\nInterest: file changed 41 times in 90 days — top 5% of the repository {2}\n/);
    assert.equal(hot.match(/Interest/g)?.length, 1);
    const quiet = hoverMarkdown(item(debt(), ledger()), { now, interest: { commits: 0, lines: 0, days: 90, topShare: 1, score: 0 } });
    assert.doesNotMatch(quiet, /Interest/);
    assert.doesNotMatch(hoverMarkdown(item(debt(), ledger()), { now }), /Interest/, 'not read yet (or no git): nothing said');
    assert.match(hoverMarkdown(item(debt({ id: null }), null), { now, interest: { commits: 2, lines: 4, days: 30, topShare: 1, score: 0 } }), /Interest: file changed 2 times in 30 days — like most of the repository/);
  });

  it('links the actions to the tree\'s item commands with the id, and opens the ticket', () => {
    const md = hoverMarkdown(item(debt(), ledger()), { now });
    const arg = encodeURIComponent(JSON.stringify([{ id: 'PD-7Q2K9A' }]));
    assert.ok(md.includes(`(command:paydown.assignSprint?${arg})`));
    assert.ok(md.includes(`(command:paydown.resolveItem?${arg})`));
    assert.ok(md.includes(`(command:paydown.wontFixItem?${arg})`));
    assert.ok(md.includes('[$(link-external) Open ticket](https://github.com/acme/pay/issues/412)'));
    assert.match(md, /Move to sprint…/);
    for (const command of md.matchAll(/\(command:([\w.]+)/g)) assert.ok(HOVER_COMMANDS.includes(command[1]!), `${command[1]} is enabled`);
  });

  it('an item not in the ledger shows what its comment says, no missing facts, and a link to record it', () => {
    const md = hoverMarkdown(item(debt({ id: null, effort: null }), null), { now });
    assert.match(md, /^\*\*DEBT\*\*\n/);
    assert.doesNotMatch(md, /not in the ledger|not estimated/);
    assert.match(md, /Impact \*\*high\*\*/);
    assert.match(md, /Issues GH-412/);
    assert.ok(md.includes('[$(add) Record in ledger](command:paydown.syncLedger)'));
    assert.doesNotMatch(md, /Resolve/);
  });

  it('a tag’s default impact is not shown as if someone said so', () => {
    const todo = { ...item(debt({ tag: 'TODO', id: null, impact: 'low', issueRefs: [] }), null), tagImpact: 'low' as const };
    assert.doesNotMatch(hoverMarkdown(todo, { now }), /Impact/);
    const planned = { ...item(debt({ tag: 'TODO', impact: 'low' }), ledger({ impact: { value: 'low', source: 'comment', comment: 'low' } })), tagImpact: 'low' as const };
    assert.match(hoverMarkdown(planned, { now }), /Impact \*low \(TODO default\)\*/);
  });

  it('a won\'t-fix item offers to reopen it; titles show as written', () => {
    const md = hoverMarkdown(item(debt({ title: 'use `fetch` *not* $(alert) [x]' }), ledger({ status: 'wont-fix', trackers: [] })), { now });
    assert.match(md, /\*Won't fix\*/);
    assert.match(md, /Reopen\]\(command:paydown\.reopenItem/);
    assert.ok(md.includes('use \\`fetch\\` \\*not\\* \\$(alert) \\[x\\]'), md);
  });

  it('says ages in words', () => {
    assert.equal(relativeDay('2026-06-20T01:00:00Z', now), 'today');
    assert.equal(relativeDay('2026-06-19', now), 'yesterday');
    assert.equal(relativeDay('2026-06-10', now), '10 days ago');
    assert.equal(relativeDay('2026-03-01', now), '4 months ago');
    assert.equal(relativeDay('2023-06-01', now), '3 years ago');
    assert.equal(relativeDay('2026-07-04', now), 'in 2 weeks');
  });
});

describe('editor: which annotation a line belongs to', () => {
  const items = [item(debt({ line: 3, end: { line: 5, column: 40 } }), null), item(debt({ line: 8, end: { line: 9, column: 1 } }), null)];
  it('spans the tag line through the last body line (an end at column 1 closes the line before)', () => {
    assert.deepEqual(annotationLines(items[1]!.debt), { first: 7, last: 7 });
    assert.equal(annotationAt(items, 1), undefined);
    assert.equal(annotationAt(items, 2), items[0]);
    assert.equal(annotationAt(items, 4), items[0]);
    assert.equal(annotationAt(items, 5), undefined);
    assert.equal(annotationAt(items, 7), items[1]);
    assert.equal(annotationAt(items, 8), undefined);
  });
});

describe('editor: tag colours', () => {
  it('themed tags have their own colour key, others share one; settings colours are tinted and sanitised', () => {
    const themed = new Set(['todo', 'debt']);
    assert.equal(tagColorKey('TODO', themed), 'todo');
    assert.equal(tagColorKey('PERF', themed), 'other');
    assert.equal(tintOf('#e5a50a'), '#e5a50a24');
    assert.equal(tintOf('#abc', 0.5), '#aabbcc80');
    assert.equal(tintOf('orange'), undefined);
    assert.equal(safeColor('#e5a50a'), '#e5a50a');
    assert.equal(safeColor('red"/><script>'), undefined);
  });
});
