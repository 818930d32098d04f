import * as assert from 'node:assert/strict';
import type { CheckFinding, CheckResult } from '../../../src/engine/check';
import { checkToGithub, escapeData, escapeProperty, findingToCommand } from '../../../src/cli/reporters/checkGithub';

describe('check --format github: workflow commands', () => {
  it('escapes the message as GitHub documents: %, CR, LF', () => {
    assert.equal(escapeData('100% done\r\nnext: a,b'), '100%25 done%0D%0Anext: a,b');
  });

  it('escapes property values also for : and ,', () => {
    assert.equal(escapeProperty('dir,with:odd%\nname.ts'), 'dir%2Cwith%3Aodd%25%0Aname.ts');
  });

  it('one ::error per finding with file, line, col and title; sprint findings carry no file', () => {
    const annotation: CheckFinding = { rule: 'untracked', file: 'src/a,b.ts', line: 3, column: 4, message: 'TODO "x: 50%" is not in the ledger', hint: 'run `paydown ledger sync`' };
    assert.equal(
      findingToCommand(annotation, 'services/pay/'),
      '::error file=services/pay/src/a%2Cb.ts,line=3,col=4,title=Paydown%3A Debt not in the ledger::TODO "x: 50%25" is not in the ledger%0Ahint: run `paydown ledger sync`',
    );
    const budget: CheckFinding = { rule: 'budget', file: null, line: null, column: null, sprint: 'S1', message: 'S1: only 2 pts', hint: 'plan' };
    assert.equal(findingToCommand(budget), '::error title=Paydown%3A Sprint budget rule::S1: only 2 pts%0Ahint: plan');
  });

  it('ends with the summary line', () => {
    const result: CheckResult = { findings: [], annotations: 3, considered: 1, base: 'origin/main', sprints: [] };
    assert.equal(checkToGithub(result), '✓ paydown check: no findings (checked 1 of 3 annotations added since origin/main, no sprint running)\n');
  });
});
