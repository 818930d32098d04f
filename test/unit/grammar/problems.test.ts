import { strict as assert } from 'node:assert';
import { at, only, parse } from './helpers';

/** `// TODO: x ` is 11 characters, so a token right after it starts at column 12. */
const problemsOf = (token: string) => only(`// TODO: x ${token} y\n`).problems.map((p) => [p.code, at(p.range), p.severity]);

describe('grammar: malformed metadata is a warning with its exact range, and the item stays', () => {
  const cases: [string, string, string, RegExp][] = [
    ['effort:lots', 'effort-invalid', '1:12-1:23', /effort "lots" is not a number: use effort:3 \(points\), effort:2h or effort:1d/],
    ['effort:', 'effort-invalid', '1:12-1:19', /effort: has no value/],
    ['effort:2w', 'effort-invalid', '1:12-1:21', /effort "2w" is not a number/],
    ['impact:huge', 'impact-invalid', '1:12-1:23', /impact "huge" is not a known impact: use impact:low, impact:medium, impact:high or impact:critical/],
    ['impact:', 'impact-invalid', '1:12-1:19', /impact: has no value/],
    ['due:2026-13-45', 'due-invalid', '1:12-1:26', /due "2026-13-45" is not a real calendar date: use due:YYYY-MM-DD/],
    ['due:2026-02-29', 'due-invalid', '1:12-1:26', /not a real calendar date/],
    ['due:tomorrow', 'due-invalid', '1:12-1:24', /due "tomorrow" is not a date: use due:YYYY-MM-DD/],
    ['due:', 'due-invalid', '1:12-1:16', /due: has no date/],
    ['sprint:', 'sprint-empty', '1:12-1:19', /sprint: has no name/],
    ['outcome:', 'outcome-empty', '1:12-1:20', /outcome: has no name/],
    ['@', 'owner-empty', '1:12-1:13', /"@" has no name after it/],
    ['PD-IOU1', 'id-invalid', '1:12-1:19', /"PD-IOU1" is not a valid ledger id/],
  ];
  for (const [token, code, range, message] of cases) {
    it(`${token} → ${code} at ${range}`, () => {
      const item = only(`// TODO: x ${token} y\n`);
      assert.deepEqual(problemsOf(token), [[code, range, 'warning']]);
      assert.match(item.problems[0]!.message, message);
      assert.equal(item.title, 'x y', 'the malformed token is taken out of the title');
    });
  }

  it('a value written after a space in the list (effort: lots) is not an owner or a number; an @owner or another key is', () => {
    const spaced = only('// TODO(effort: lots): plot it\n');
    assert.deepEqual([spaced.owners, spaced.issueRefs, spaced.effort, spaced.title], [[], [], null, 'plot it']);
    assert.deepEqual(spaced.problems.map((p) => [p.code, at(p.range)]), [['effort-invalid', '1:9-1:16']]);
    const number = only('// TODO(alice, sprint: 12): later\n');
    assert.deepEqual([number.owners, number.issueRefs, number.sprint], [['alice'], [], null]);
    const owner = only('// TODO(impact: @bob, effort: due:2026-06-30): later\n');
    assert.deepEqual([owner.owners, owner.due, owner.problems.map((p) => p.code)], [['bob'], '2026-06-30', ['impact-invalid', 'effort-invalid']]);
    assert.deepEqual(only('// TODO: x effort: lots y\n').title, 'x lots y', 'after the tag, the word stays prose');
  });

  it('a token ending a sentence: the range excludes the full stop', () => {
    assert.deepEqual(problemsOf('effort:lots.'), [['effort-invalid', '1:12-1:23', 'warning']]);
  });

  it('a second, different effort is a duplicate-key at the second one; the first wins', () => {
    const item = only('// TODO: x effort:3\n//   effort:5\n');
    assert.equal(item.effort, 3);
    assert.deepEqual(item.problems.map((p) => [p.code, at(p.range)]), [['duplicate-key', '2:6-2:14']]);
    assert.match(item.problems[0]!.message, /effort is given twice: effort:3 is used and effort:5 is ignored/);
  });

  it('duplicate impact, sprint, due, outcome and id too', () => {
    const item = only('// DEBT(PD-AAAA): x impact:low impact:high sprint:a sprint:b due:2026-01-01 due:2026-01-02 outcome:a outcome:b PD-BBBB\n');
    assert.deepEqual(item.problems.map((p) => p.code), Array(5).fill('duplicate-key'));
    assert.deepEqual([item.impact, item.sprint, item.due, item.outcome, item.id], ['low', 'a', '2026-01-01', 'a', 'PD-AAAA']);
  });

  it('columns count UTF-16 units', () => {
    const item = only('// TODO: 🚀 effort:x\n');
    assert.deepEqual(item.problems.map((p) => at(p.range)), ['1:13-1:21']);
  });

  it('problems of a block comment body sit on their own lines', () => {
    const item = only('/**\n * TODO: x\n *   impact:huge\n */');
    assert.deepEqual(item.problems.map((p) => at(p.range)), ['3:6-3:17']);
  });

  it('the document lists every item\'s problems in document order', () => {
    const { items, problems } = parse('// TODO(bob: a due:x\n// effort:y\n\n// FIXME: b impact:z\n');
    assert.equal(items.length, 2);
    assert.deepEqual(
      problems.map((p) => [p.code, at(p.range), p.file]),
      [
        ['paren-unclosed', '1:8-1:21', 'src/example.ts'],
        ['due-invalid', '1:16-1:21', 'src/example.ts'],
        ['effort-invalid', '2:4-2:12', 'src/example.ts'],
        ['impact-invalid', '4:13-4:21', 'src/example.ts'],
      ],
    );
  });
});
