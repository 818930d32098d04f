import * as assert from 'node:assert/strict';
import { DEFAULT_ANNOTATION_OPTIONS, type Problem } from '../../../src/engine/model';
import { scanDocument } from '../../../src/engine/scanner/document';
import { fixDate, nearestImpact, quickFixes, removal, type QuickFix } from '../../../src/extension/editor/quickFixes';

const context = { sprints: ['2026-S24', '2026-S25'], outcomes: ['reliability', 'onboarding'], newId: () => 'PD-NEW111' };

function problemsOf(text: string): Problem[] {
  return scanDocument(text, { file: 'a.ts', languageId: 'typescript' }, DEFAULT_ANNOTATION_OPTIONS).problems;
}

/** The one problem of a one-line annotation, and its fixes. */
function fixesFor(line: string): { problem: Problem; fixes: QuickFix[] } {
  const problems = problemsOf(line);
  assert.equal(problems.length, 1, `one problem in ${line}: ${JSON.stringify(problems)}`);
  return { problem: problems[0]!, fixes: quickFixes(problems[0]!, line, context) };
}

function applyFix(line: string, fix: QuickFix): string {
  let out = line;
  for (const e of [...fix.edits].sort((a, b) => b.start - a.start)) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}

/** Every fix leaves a line without problems. */
function assertAllFix(line: string, fixes: QuickFix[]): string[] {
  return fixes.map((fix) => {
    const fixed = applyFix(line, fix);
    assert.deepEqual(problemsOf(fixed), [], `"${fix.title}" fixes ${line} → ${fixed}`);
    return fixed;
  });
}

describe('editor: quick fixes for malformed metadata', () => {
  it('effort:lots → a change to each usual effort, or remove it', () => {
    const line = '// TODO: retry effort:lots @alice';
    const { fixes } = fixesFor(line);
    assert.deepEqual(fixes.map((f) => f.title), ['Change to effort:1', 'Change to effort:2', 'Change to effort:3', 'Change to effort:5', 'Change to effort:8', 'Remove effort:lots']);
    const fixed = assertAllFix(line, fixes);
    assert.equal(fixed[2], '// TODO: retry effort:3 @alice');
    assert.equal(fixed[5], '// TODO: retry @alice');
  });

  it('effort with a number in it keeps the number (and the unit)', () => {
    const { fixes } = fixesFor('// TODO: retry effort:3points');
    assert.equal(fixes[0]?.title, 'Change to effort:3');
    assert.equal(fixes[0]?.preferred, true);
    assert.equal(fixesFor('// TODO: retry effort:~2hours').fixes[0]?.title, 'Change to effort:2h');
  });

  it('impact:huge → one fix per valid impact, the nearest first and preferred', () => {
    const line = '// FIXME: merge impact:huge';
    const { fixes } = fixesFor(line);
    assert.deepEqual(fixes.map((f) => f.title), ['Change to impact:critical', 'Change to impact:low', 'Change to impact:medium', 'Change to impact:high', 'Remove impact:huge']);
    assert.deepEqual(fixes.map((f) => f.preferred ?? false), [true, false, false, false, false]);
    assertAllFix(line, fixes);
    assert.equal(nearestImpact('hgih'), 'high');
    assert.equal(nearestImpact('Med'), 'medium');
    assert.equal(nearestImpact('zzzzzz'), null);
  });

  it('due:2026-13-45 → remove due; a day past the month\'s end → its last day', () => {
    const line = '// TODO: renew due:2026-13-45 #ops';
    const { fixes } = fixesFor(line);
    assert.deepEqual(fixes.map((f) => f.title), ['Remove due']);
    assert.deepEqual(assertAllFix(line, fixes), ['// TODO: renew #ops']);
    const feb = fixesFor('// TODO: renew due:2026-02-30').fixes;
    assert.deepEqual(feb.map((f) => f.title), ['Change to due:2026-02-28', 'Remove due']);
    assert.equal(fixDate('2026/6/1'), '2026-06-01');
    assert.equal(fixDate('2026-06-01'), null);
  });

  it('an empty sprint: or outcome: → the known names, or remove it', () => {
    const sprint = '// TODO: later sprint: effort:1';
    const { fixes } = fixesFor(sprint);
    assert.deepEqual(fixes.map((f) => f.title), ['Set sprint:2026-S24', 'Set sprint:2026-S25', 'Remove sprint:']);
    assert.deepEqual(assertAllFix(sprint, fixes), ['// TODO: later sprint:2026-S24 effort:1', '// TODO: later sprint:2026-S25 effort:1', '// TODO: later effort:1']);
    const outcome = fixesFor('// TODO: later outcome:').fixes;
    assert.deepEqual(outcome.map((f) => f.title), ['Set outcome:reliability', 'Set outcome:onboarding', 'Remove outcome:']);
  });

  it('a space after the colon (effort: 3x) → the word after it taken in as the value', () => {
    const effort = '// TODO(effort: 3x): plot the churn';
    const { fixes } = fixesFor(effort);
    assert.deepEqual(fixes.map((f) => [f.title, f.preferred ?? false]), [['Change to effort:3', true], ['Remove effort: 3x', false]]);
    assert.deepEqual(assertAllFix(effort, fixes), ['// TODO(effort:3): plot the churn', '// TODO: plot the churn']);
    assert.deepEqual(assertAllFix('// TODO: retry impact: hi', fixesFor('// TODO: retry impact: hi').fixes).slice(0, 1), ['// TODO: retry impact:high']);
    assert.deepEqual(assertAllFix('// TODO: renew due: 2026/6/1 #ops', fixesFor('// TODO: renew due: 2026/6/1 #ops').fixes), ['// TODO: renew due:2026-06-01 #ops', '// TODO: renew #ops']);
    const sprint = fixesFor('// TODO(sprint: 2026-S26, @bob): later').fixes;
    assert.deepEqual(sprint.map((f) => f.title), ['Change to sprint:2026-S26', 'Set sprint:2026-S24', 'Set sprint:2026-S25', 'Remove sprint: 2026-S26']);
    assert.equal(applyFix('// TODO(sprint: 2026-S26, @bob): later', sprint[0]!), '// TODO(sprint:2026-S26, @bob): later');
    // Another key, an owner or a label after the space is not the value.
    assert.deepEqual(fixesFor('// TODO: later sprint: @bob').fixes.map((f) => f.title), ['Set sprint:2026-S24', 'Set sprint:2026-S25', 'Remove sprint:']);
  });

  it('an unclosed ( → close the parenthesis before the title', () => {
    const line = '// TODO(bob: drop the v1 fallback';
    const { fixes } = fixesFor(line);
    assert.deepEqual(fixes.map((f) => f.title), ['Close the parenthesis']);
    assert.deepEqual(assertAllFix(line, fixes), ['// TODO(bob): drop the v1 fallback']);
    const bare = '// TODO(bob drop the v1 fallback';
    const fixed = assertAllFix(bare, fixesFor(bare).fixes);
    assert.deepEqual(fixed, ['// TODO(bob): drop the v1 fallback', '// TODO: bob drop the v1 fallback']);
  });

  it('a key given twice → remove the second', () => {
    const line = '// HACK: patch impact:high impact:low';
    const { fixes } = fixesFor(line);
    assert.deepEqual(fixes.map((f) => f.title), ['Remove the second impact (impact:low)']);
    assert.deepEqual(assertAllFix(line, fixes), ['// HACK: patch impact:high']);
  });

  it('an invalid id → a fresh id, or remove it (with its list comma)', () => {
    const line = '// DEBT(alice, PD-12): slow';
    const { fixes } = fixesFor(line);
    assert.deepEqual(fixes.map((f) => f.title), ['Replace with a new id PD-NEW111', 'Remove PD-12']);
    assert.deepEqual(assertAllFix(line, fixes), ['// DEBT(alice, PD-NEW111): slow', '// DEBT(alice): slow']);
  });

  it('an empty @ → remove it', () => {
    const line = '// TODO: ask @ about it';
    assert.deepEqual(assertAllFix(line, fixesFor(line).fixes), ['// TODO: ask about it']);
  });

  it('removes a token with one separating space or comma, never leaving doubles', () => {
    assert.deepEqual(removal('a b c', 0, 2, 3), { line: 0, start: 1, end: 3, text: '' });
    assert.deepEqual(removal('b c', 0, 0, 1), { line: 0, start: 0, end: 2, text: '' });
    assert.deepEqual(removal('(x, y)', 0, 1, 2), { line: 0, start: 1, end: 4, text: '' });
    assert.deepEqual(removal('(x, y)', 0, 4, 5), { line: 0, start: 2, end: 5, text: '' });
  });
});
