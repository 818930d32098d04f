import { strict as assert } from 'node:assert';
import { at, only } from './helpers';

describe('grammar: the parenthesised list after the tag', () => {
  it('holds owners, bare or with @, separated by commas or spaces', () => {
    assert.deepEqual(only('// TODO(bob, @alice carol): x\n').owners, ['bob', 'alice', 'carol']);
  });

  it('holds the ledger id, normalised to upper case', () => {
    assert.equal(only('// DEBT(PD-7Q2K): x\n').id, 'PD-7Q2K');
    assert.equal(only('// DEBT(pd-7q2k9a): x\n').id, 'PD-7Q2K9A');
  });

  it('holds issue refs', () => {
    const item = only('// TODO(bob, #12, GH-4, PAY-77): x\n');
    assert.deepEqual(item.owners, ['bob']);
    assert.deepEqual(item.issueRefs, [
      { kind: 'number', text: '#12' },
      { kind: 'github', text: 'GH-4' },
      { kind: 'key', text: 'PAY-77' },
    ]);
  });

  it('may hold any other token', () => {
    const item = only('// TODO(@bob, effort:2, impact:high): x\n');
    assert.equal(item.effort, 2);
    assert.equal(item.impact, 'high');
  });

  it('can be followed by the title without a colon', () => {
    assert.equal(only('// TODO(bob) drop the fallback\n').title, 'drop the fallback');
  });

  it('must follow the tag directly: TODO (see below) is a title', () => {
    const item = only('// TODO (see below): fallback\n');
    assert.deepEqual(item.owners, []);
    assert.equal(item.title, '(see below): fallback');
  });

  it('an id that is not Crockford base32 is a problem, the item stays', () => {
    const item = only('// DEBT(PD-UHUH): x\n');
    assert.equal(item.id, null);
    assert.deepEqual(item.problems.map((p) => [p.code, at(p.range)]), [['id-invalid', '1:9-1:16']]);
    assert.match(item.problems[0]!.message, /"PD-UHUH" is not a valid ledger id.*PD-7Q2K/);
  });

  describe('unclosed', () => {
    it('is a problem from "(" to the end of the line, and the item is kept', () => {
      const item = only('// TODO(bob: drop the fallback\n');
      assert.equal(item.title, 'drop the fallback');
      assert.deepEqual(item.owners, ['bob']);
      assert.deepEqual(item.problems.map((p) => [p.code, at(p.range)]), [['paren-unclosed', '1:8-1:31']]);
      assert.match(item.problems[0]!.message, /"\(" after TODO is never closed/);
    });

    it('without a colon, the rest of the line is the title', () => {
      const item = only('// TODO(drop the fallback\n');
      assert.equal(item.title, 'drop the fallback');
      assert.deepEqual(item.owners, []);
      assert.equal(item.problems[0]!.code, 'paren-unclosed');
    });

    it('a ")" on a later line does not close it', () => {
      const item = only('// TODO(bob: a\n// b)\n');
      assert.equal(item.problems[0]!.code, 'paren-unclosed');
      assert.deepEqual(item.problems[0]!.range, { start: { line: 1, column: 8 }, end: { line: 1, column: 15 } });
    });
  });
});

describe('grammar: the title', () => {
  it('follows ":" or "-" and is trimmed', () => {
    assert.equal(only('// TODO:    spaced out   \n').title, 'spaced out');
    assert.equal(only('// TODO - dashed\n').title, 'dashed');
    assert.equal(only('// TODO -- double dashed\n').title, 'double dashed');
  });

  it('keeps a leading minus that belongs to the text', () => {
    assert.equal(only('// TODO -1 is an off-by-one here\n').title, '-1 is an off-by-one here');
  });

  it('is the first body line when the tag line has none', () => {
    const item = only('// TODO(bob):\n//   replace the retry loop\n//   it hammers the API\n');
    assert.equal(item.title, 'replace the retry loop');
    assert.equal(item.body, 'it hammers the API');
  });

  it('is empty for a bare tag', () => {
    assert.equal(only('// FIXME\n').title, '');
  });
});
