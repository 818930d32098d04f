import { strict as assert } from 'node:assert';
import { only } from './helpers';

describe('grammar: tokens in the title and body', () => {
  describe('@owner', () => {
    it('is an owner, without the @, deduplicated in order of appearance', () => {
      const item = only('// TODO(bob, @team/payments): ask @alice, then @bob or @j.doe\n');
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
        '// TODO: x #7 GH-12 PAY-345 A1-2 https://github.com/acme/api/issues/9 https://gitlab.com/acme/api/-/issues/10 ' +
          'https://acme.atlassian.net/browse/PAY-11 https://linear.app/acme/issue/ENG-12/fix-it\n',
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
      assert.equal(title('Fix   @bob   the   retry effort:3 loop'), 'Fix the retry loop');
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
      assert.equal(title('Fix the loop [GH-4] now'), 'Fix the loop now');
      assert.equal(title('Fix the loop (effort:3, impact:high)'), 'Fix the loop');
      assert.equal(title('Fix the loop (effort:3 and more)'), 'Fix the loop (and more)');
      assert.equal(title('Fix the loop (see GH-4) now'), 'Fix the loop (see) now');
    });

    it('leaving nothing for a line of tokens only', () => {
      const item = only('// TODO: title\n// @alice effort:3\n// more\n');
      assert.equal(item.body, 'more');
    });
  });
});
