import * as assert from 'node:assert/strict';
import { escapeMarkdownCell, toMarkdown } from '../../../src/engine/export';
import { exportItem } from './fixtures';

const generatedAt = '2026-11-24T08:00:00.000Z';

/**
 * The cells of a table row as GitHub-flavoured Markdown splits it: on pipes without a backslash
 * right before them (every pipe inside a cell is escaped, so ` | ` only ever separates cells).
 */
function cells(row: string): string[] {
  assert.ok(row.startsWith('| ') && row.endsWith(' |'));
  return row
    .slice(2, -2)
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('Markdown export', () => {
  it('writes a heading, a table with the documented columns and a totals line', () => {
    const text = toMarkdown(
      [exportItem({ sprint: '2026-S24', outcome: 'reliability', owners: ['alice', 'bob'] }), exportItem({ id: 'PD-8M3N4P', tag: 'TODO', title: 'log failures', effort: null, impact: null, owners: [], line: 3 })],
      { generatedAt },
    );
    assert.equal(
      text,
      [
        '# Technical debt',
        '',
        'Exported by Paydown on 2026-11-24.',
        '',
        '| Id | Status | Tag | Title | Where | Effort | Impact | Sprint | Outcome | Owners |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        '| PD-7Q2K9A | open | DEBT | Replace the retry loop | src/pay.ts:12 | 3 pts | high | 2026-S24 | reliability | @alice, @bob |',
        '| PD-8M3N4P | open | TODO | log failures | src/pay.ts:3 | – | – | – | – | – |',
        '',
        '**2 items**, 3 points estimated, 1 unestimated.',
        '',
      ].join('\n'),
    );
  });

  it('names the sprint in the heading and says when there is nothing', () => {
    const text = toMarkdown([], { generatedAt, sprint: '2026-S24' });
    assert.match(text, /^# Technical debt: 2026-S24\n/);
    assert.match(text, /\nNo items\.\n\n\*\*0 items\*\*, 0 points estimated\.\n$/);
  });

  it('escapes pipes and backslashes, turns line breaks into <br> and lets no HTML through', () => {
    assert.equal(escapeMarkdownCell('a | b'), 'a \\| b');
    assert.equal(escapeMarkdownCell('C:\\temp\\'), 'C:\\\\temp\\\\');
    assert.equal(escapeMarkdownCell('\\|'), '\\\\\\|');
    assert.equal(escapeMarkdownCell('one\ntwo\r\nthree\rfour'), 'one<br>two<br>three<br>four');
    assert.equal(escapeMarkdownCell('<script>alert(1)</script> & Vec<T>'), '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Vec&lt;T&gt;');
  });

  it('keeps every row at ten cells whatever the title holds', () => {
    const title = 'pipes | in \\| title\nand a newline | end\\';
    const text = toMarkdown([exportItem({ title, owners: ['a|b'], sprint: 'S|1' })], { generatedAt });
    const row = text.split('\n').find((l) => l.startsWith('| PD-'))!;
    assert.equal(cells(row).length, 10);
    assert.equal(cells(row)[3], 'pipes \\| in \\\\\\| title<br>and a newline \\| end\\\\');
    assert.ok(!row.includes('\n'));
  });
});
