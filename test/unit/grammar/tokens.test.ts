import { strict as assert } from 'node:assert';
import { only } from './helpers';

describe('grammar: tokens in the title and body', () => {
  describe('@owner', () => {
    it('is an owner, without the @, deduplicated in order of appearance', () => {
      const item = only('// TODO(bob, @team/payments): ask around @alice, @bob @j.doe\n');
      assert.deepEqual(item.owners, ['bob', 'team/payments', 'alice', 'j.doe']);
    });

    it('an email address is prose', () => {
      const item = only('// TODO: mail alice@example.com\n');
      assert.deepEqual(item.owners, []);
      assert.equal(item.title, 'mail alice@example.com');
    });
  });

  describe('#label', () => {
    it('is a label of letters, digits, -, _, / and ., deduplicated', () => {
      const item = only('// TODO: x #payments #tech-debt #area/api #v2.1 #payments\n');
      assert.deepEqual(item.labels, ['payments', 'tech-debt', 'area/api', 'v2.1']);
      assert.equal(item.title, 'x');
    });

    it('#123 is an issue ref, not a label', () => {
      const item = only('// TODO: see #123\n');
      assert.deepEqual(item.labels, []);
      assert.deepEqual(item.issueRefs, [{ kind: 'number', text: '#123' }]);
    });

    it('a lone # or C# is prose', () => {
      assert.equal(only('// TODO: port to C# # soon\n').title, 'port to C# # soon');
    });
  });

  describe('effort:', () => {
    const effort = (e: string, options = {}) => {
      const item = only(`// TODO: x effort:${e}\n`, options);
      return [item.effort, item.effortSpec];
    };

    it('is story points by default', () => {
      assert.deepEqual(effort('3'), [3, { value: 3, unit: 'pt' }]);
      assert.deepEqual(effort('1.5'), [1.5, { value: 1.5, unit: 'pt' }]);
      assert.deepEqual(effort('3pt'), [3, { value: 3, unit: 'pt' }]);
      assert.deepEqual(effort('3p'), [3, { value: 3, unit: 'pt' }]);
    });

    it('converts hours and days with hoursPerPoint and hoursPerDay', () => {
      assert.deepEqual(effort('2h'), [0.5, { value: 2, unit: 'h' }]);
      assert.deepEqual(effort('3d'), [6, { value: 3, unit: 'd' }]);
      assert.deepEqual(effort('3d', { hoursPerPoint: 6, hoursPerDay: 6 }), [3, { value: 3, unit: 'd' }]);
    });

    it('the same effort twice is fine', () => {
      const item = only('// TODO: x effort:1d\n// effort:8h\n');
      assert.equal(item.effort, 2);
      assert.deepEqual(item.problems, []);
    });
  });

  describe('impact:', () => {
    it('is low, medium, high or critical, in any case', () => {
      assert.equal(only('// TODO: x impact:critical\n').impact, 'critical');
      assert.equal(only('// TODO: x impact:HIGH\n').impact, 'high');
      assert.equal(only('// TODO: x Impact:Medium\n').impact, 'medium');
    });
  });

  describe('sprint:, due:, outcome:', () => {
    it('are read as written', () => {
      const item = only('// TODO: x sprint:2026-S14 due:2026-02-28 outcome:reliability\n');
      assert.equal(item.sprint, '2026-S14');
      assert.equal(item.due, '2026-02-28');
      assert.equal(item.outcome, 'reliability');
      assert.equal(item.title, 'x');
    });

    it('due: accepts 29 February in leap years', () => {
      assert.equal(only('// TODO: x due:2028-02-29\n').due, '2028-02-29');
    });

    it('"Note: this" and "Impact: huge" with a space are prose', () => {
      const item = only('// TODO: Impact: all callers\n');
      assert.equal(item.title, 'Impact: all callers');
      assert.deepEqual(item.problems, []);
    });
  });

  describe('issue refs', () => {
    it('#123, GH-123, PROJ-123 and tracker URLs', () => {
      const item = only(
        '// TODO: #7 GH-12 PAY-345 https://github.com/acme/api/issues/9 https://gitlab.com/acme/api/-/issues/10 ' +
          'https://acme.atlassian.net/browse/PAY-11 https://linear.app/acme/issue/ENG-12/fix-it x A1-2\n',
      );
      assert.deepEqual(item.issueRefs, [
        { kind: 'number', text: '#7' },
        { kind: 'github', text: 'GH-12' },
        { kind: 'key', text: 'PAY-345' },
        { kind: 'url', text: 'https://github.com/acme/api/issues/9' },
        { kind: 'url', text: 'https://gitlab.com/acme/api/-/issues/10' },
        { kind: 'url', text: 'https://acme.atlassian.net/browse/PAY-11' },
        { kind: 'url', text: 'https://linear.app/acme/issue/ENG-12/fix-it' },
      ]);
      assert.equal(item.title, 'x A1-2');
    });

    it('other URLs, UTF-8, ISO-8601, SHA-256 and lower-case keys are prose', () => {
      const item = only('// TODO: parse UTF-8 and ISO-8601 per https://example.com/spec/1 (see sha-256 and ab-1)\n');
      assert.deepEqual(item.issueRefs, []);
      assert.equal(item.title, 'parse UTF-8 and ISO-8601 per https://example.com/spec/1 (see sha-256 and ab-1)');
    });
  });

  describe('PD- ids', () => {
    it('anywhere in the text are the item id, not an issue ref', () => {
      const item = only('// TODO: retry loop PD-7Q2K\n');
      assert.equal(item.id, 'PD-7Q2K');
      assert.deepEqual(item.issueRefs, []);
      assert.equal(item.title, 'retry loop');
    });

    it('lower-case prose that only looks like one is left alone', () => {
      const item = only('// TODO: tune the pd-controller\n');
      assert.equal(item.id, null);
      assert.equal(item.title, 'tune the pd-controller');
    });
  });

  describe('are taken out of the text', () => {
    const title = (t: string) => only(`// TODO: ${t}\n`).title;

    it('collapsing the whitespace they leave', () => {
      assert.equal(title('Fix   the   retry effort:3 loop   @bob'), 'Fix the retry loop');
    });

    it('with the commas that followed them', () => {
      assert.equal(title('Fix the retry loop, effort:3, impact:high'), 'Fix the retry loop');
      assert.equal(title('@bob, @alice: fix the loop'), 'fix the loop');
    });

    it('keeping the sentence end', () => {
      assert.equal(title('Ask @bob.'), 'Ask.');
      assert.equal(title('Fix it. effort:3.'), 'Fix it.');
    });

    it('with the parentheses around them', () => {
      assert.equal(title('Fix the loop (effort:3)'), 'Fix the loop');
      assert.equal(title('[GH-4] Fix the loop now'), 'Fix the loop now');
      assert.equal(title('Fix the loop (effort:3, impact:high)'), 'Fix the loop');
      assert.equal(title('Fix the loop (effort:3 and more)'), 'Fix the loop (and more)');
      assert.equal(title('Fix the loop (@bob, #perf) now'), 'Fix the loop now');
      assert.equal(title('Fix the loop (@bob) now'), 'Fix the loop now');
      assert.equal(title('Fix the loop ( effort:3 ) now'), 'Fix the loop now');
    });

    it("leaving the author's own brackets alone", () => {
      assert.equal(title('call foo() and read a[] later @bob'), 'call foo() and read a[] later');
      assert.equal(title('support isinstance() checks, see issue #3827.'), 'support isinstance() checks, see issue #3827.');
    });

    it('with a dash left standing alone at the start', () => {
      assert.equal(title('@benfleis - integrate this properly'), 'integrate this properly');
      assert.equal(title('@tjhop -- do we still need this?'), 'do we still need this?');
      assert.equal(title('@bob — fix it'), 'fix it');
      assert.equal(title('@bob -1 is the wrong sentinel'), '-1 is the wrong sentinel');
    });
  });

  describe('in the middle of a sentence, a mention, a label or a reference is read and stays a word of it', () => {
    const read = (t: string) => {
      const item = only(`// TODO: ${t}\n`);
      return { title: item.title, owners: item.owners, labels: item.labels, refs: item.issueRefs.map((r) => r.text), effort: item.effort };
    };

    it('references, at the end of a sentence too: see #12 for details, wait for GH-4 to land, golang/go#123, PAY-7, a tracker URL', () => {
      assert.deepEqual(read('see #12 for details'), { title: 'see #12 for details', owners: [], labels: [], refs: ['#12'], effort: null });
      assert.deepEqual(read('wait for GH-4 to land'), { title: 'wait for GH-4 to land', owners: [], labels: [], refs: ['GH-4'], effort: null });
      assert.deepEqual(read('port golang/go#123 and PAY-7 first'), { title: 'port golang/go#123 and PAY-7 first', owners: [], labels: [], refs: ['golang/go#123', 'PAY-7'], effort: null });
      assert.equal(read('see https://github.com/acme/api/issues/9 for the plan').title, 'see https://github.com/acme/api/issues/9 for the plan');
      assert.equal(read('see #12, #13 for details').title, 'see #12, #13 for details');
      assert.deepEqual(read('blocked by GH-4'), { title: 'blocked by GH-4', owners: [], labels: [], refs: ['GH-4'], effort: null });
      assert.equal(read('Fix the loop (see GH-4) (effort:3)').title, 'Fix the loop (see GH-4)');
      assert.equal(read('wait for (GH-4) to land').title, 'wait for (GH-4) to land');
    });

    it('mentions and labels: ask @alice about it, handle #perf regressions', () => {
      assert.deepEqual(read('ask @alice about @types/node'), { title: 'ask @alice about @types/node', owners: ['alice'], labels: [], refs: [], effort: null });
      assert.deepEqual(read('handle #perf regressions'), { title: 'handle #perf regressions', owners: [], labels: ['perf'], refs: [], effort: null });
    });

    it('a mention names no owner once someone was named: it is who (or what) the sentence talks about', () => {
      const listed = only('// TODO(rfindley): rethink whether floating @item annotations are the best\n');
      assert.deepEqual([listed.owners, listed.title], [['rfindley'], 'rethink whether floating @item annotations are the best']);
      const leading = only('// TODO: @bob ask @alice about it\n');
      assert.deepEqual([leading.owners, leading.title], [['bob'], 'ask @alice about it']);
      assert.deepEqual(only('// TODO(bob): ask @alice about it @carol\n').owners, ['bob', 'carol']);
      assert.deepEqual(only('// TODO(bob): ask @bob about it\n').owners, ['bob']);
    });

    it('while tokens at either end, key:value tokens and ledger ids go wherever they stand', () => {
      assert.deepEqual(read('@bob #perf: handle #perf regressions in GH-4 effort:2 @carol'), {
        title: 'handle #perf regressions in GH-4',
        owners: ['bob', 'carol'],
        labels: ['perf'],
        refs: ['GH-4'],
        effort: 2,
      });
      assert.equal(read('fix effort:3 the thing').title, 'fix the thing');
      assert.equal(read('fix the retry @alice').title, 'fix the retry');
      assert.equal(read('Ask @bob.').title, 'Ask.');
      assert.equal(read('fix it @bob .').title, 'fix it.');
      assert.equal(only('// TODO: fix PD-7Q2K the retry\n').title, 'fix the retry');
    });

    it('leaving nothing for a line of tokens only', () => {
      const item = only('// TODO: title\n// @alice effort:3\n// more\n');
      assert.equal(item.body, 'more');
    });
  });
});
