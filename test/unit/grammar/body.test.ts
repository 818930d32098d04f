import { strict as assert } from 'node:assert';
import { only, parse } from './helpers';

describe('grammar: body lines', () => {
  const example = [
    '// DEBT(PD-7Q2K): Replace the hand-rolled retry loop with the shared backoff helper',
    '//   It retries on 4xx too, which hammers the payments API during incidents.',
    '//   @alice effort:3 impact:high #payments GH-412',
    'retry();',
  ].join('\n');

  it('are the following line comments, tokens taken out, and the item ends with the last one', () => {
    const item = only(example);
    assert.equal(item.title, 'Replace the hand-rolled retry loop with the shared backoff helper');
    assert.equal(item.body, 'It retries on 4xx too, which hammers the payments API during incidents.');
    assert.deepEqual(item.owners, ['alice']);
    assert.deepEqual(item.labels, ['payments']);
    assert.equal(item.effort, 3);
    assert.equal(item.impact, 'high');
    assert.deepEqual(item.issueRefs, [{ kind: 'github', text: 'GH-412' }]);
    assert.deepEqual([item.line, item.column], [1, 4]);
    assert.deepEqual(item.end, { line: 3, column: 50 });
  });

  it('stop at an empty comment line', () => {
    const item = only('// TODO: a\n// b\n//\n// not body\n');
    assert.equal(item.body, 'b');
    assert.deepEqual(item.end, { line: 2, column: 5 });
  });

  it('stop at a line with a tag, which starts the next item', () => {
    const { items } = parse('// TODO: a\n// b\n// FIXME: c\n// d\n');
    assert.deepEqual(items.map((i) => [i.tag, i.title, i.body]), [['TODO', 'a', 'b'], ['FIXME', 'c', 'd']]);
  });

  it('stop at a code line', () => {
    assert.equal(only('// TODO: a\nfoo();\n// not body\n').body, '');
  });

  it('stop at a blank line between comments', () => {
    assert.equal(only('// TODO: a\n\n// not body\n').body, '');
  });

  it('stop at a comment after code', () => {
    assert.equal(only('// TODO: a\nfoo(); // not body\n').body, '');
  });

  it('stop at another marker', () => {
    assert.equal(only('// TODO: a\n# not body\n').body, '');
  });

  it('continue a comment after code only when aligned with it', () => {
    assert.equal(only('foo(); // TODO: a\n       // aligned body\n').body, 'aligned body');
    assert.equal(only('foo(); // TODO: a\n// about the next line\n').body, '');
  });

  it('may be indented differently', () => {
    assert.equal(only('  // TODO: a\n//   b\n    // c\n').body, 'b\nc');
  });

  it('handle CRLF line ends', () => {
    const item = only('// TODO: a\r\n// b\r\n// c\r\nx\r\n');
    assert.equal(item.body, 'b\nc');
    assert.deepEqual(item.end, { line: 3, column: 5 });
  });

  describe('in block comments', () => {
    it('are the following lines of the same block, after their *', () => {
      const item = only(['/*', ' * TODO: a', ' *   b', ' *   c', ' */', '// not body'].join('\n'));
      assert.equal(item.body, 'b\nc');
      assert.deepEqual(item.end, { line: 4, column: 7 });
    });

    it('without * too', () => {
      assert.equal(only('/* TODO: a\n   b\n   c */').body, 'b\nc');
    });

    it('stop at an empty line of the block', () => {
      assert.equal(only('/**\n * TODO: a\n * b\n *\n * Returns x.\n */').body, 'b');
    });

    it('end with the block', () => {
      assert.equal(only('/* TODO: a\n   b */\n// not body\n').body, 'b');
    });

    it('ignore a closing **/ on the last line', () => {
      assert.equal(only('/* TODO: a\n   b **/').body, 'b');
    });
  });
});
