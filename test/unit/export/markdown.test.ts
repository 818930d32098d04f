import * as assert from 'node:assert/strict';
import { MARKDOWN_COLUMNS, toMarkdown } from '../../../src/engine/export';
import { escapeMarkdown } from '../../../src/engine/markdown';
import { renderMarkdown } from '../markdown/render';
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
        '| Id | Status | Tag | Title | Where | Effort | Impact | Sprint | Outcome | Owners | Interest |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
        '| PD-7Q2K9A | open | DEBT | Replace the retry loop | src/pay.ts:12 | 3 pts | high | 2026-S24 | reliability | @alice, @bob | – |',
        '| PD-8M3N4P | open | TODO | log failures | src/pay.ts:3 | – | – | – | – | – | – |',
        '',
        '**2 items**, 3 points estimated, 1 unestimated.',
        '',
      ].join('\n'),
    );
  });

  it('shows each item\'s interest and says what it means under the totals', () => {
    const text = toMarkdown([exportItem({ interest: { commits: 41, lines: 900, days: 90, topShare: 0.05, score: 4.75 } }), exportItem({ id: 'PD-000002', interest: { commits: 0, lines: 0, days: 90, topShare: 1, score: 0 } })], { generatedAt });
    assert.match(text, /\| @alice \| 41× · top 5% \|\n\| PD-000002 .* \| – \|\n/);
    assert.match(text, /\n\nInterest: commits that changed the item's file in the last 90 days \(first-parent history\), and the share of the repository's files changed at least as often\.\n$/);
  });

  it('names the sprint in the heading and says when there is nothing', () => {
    const text = toMarkdown([], { generatedAt, sprint: '2026-S24' });
    assert.match(text, /^# Technical debt: 2026-S24\n/);
    assert.match(text, /\nNo items\.\n\n\*\*0 items\*\*, 0 points estimated\.\n$/);
  });

  it('escapes cells with the one Markdown escaper: pipes, backslashes, line breaks as <br>, no HTML', () => {
    const cell = (text: string): string => escapeMarkdown(text, { lineBreaks: 'br' });
    assert.equal(cell('a | b'), 'a \\| b');
    assert.equal(cell('C:\\temp\\'), 'C:\\\\temp\\\\');
    assert.equal(cell('\\|'), '\\\\\\|');
    assert.equal(cell('one\ntwo\r\nthree\rfour'), 'one<br>two<br>three<br>four');
    assert.equal(cell('<script>alert(1)</script> & Vec<T>'), '&lt;script&gt;alert(1)&lt;/script&gt; &amp; Vec&lt;T&gt;');
  });

  it('renders no HTML, link or image from a title, only the title as written', () => {
    const title = '<img src=x onerror=alert(1)> ![pixel](http://evil.example/p.png) [click](javascript:alert(1)) **bold**';
    const html = renderMarkdown(toMarkdown([exportItem({ title, owners: ['<b>o</b>'], sprint: '[s](http://x)' })], { generatedAt, sprint: '![h](http://evil.example/h.png)' }));
    assert.doesNotMatch(html.split('</table>')[0]!, /<img|<a |<b>|<strong>/);
    assert.ok(html.includes('&lt;img src=x onerror=alert(1)&gt; ![pixel](http://evil.example/p.png) [click](javascript:alert(1)) **bold**'), html);
    assert.match(html, /<h1>Technical debt: !\[h\]\(http:\/\/evil\.example\/h\.png\)<\/h1>/);
  });

  it('keeps every row at eleven cells whatever the title holds', () => {
    const title = 'pipes | in \\| title\nand a newline | end\\';
    const text = toMarkdown([exportItem({ title, owners: ['a|b'], sprint: 'S|1' })], { generatedAt });
    const row = text.split('\n').find((l) => l.startsWith('| PD-'))!;
    assert.equal(cells(row).length, MARKDOWN_COLUMNS.length);
    assert.equal(cells(row)[3], 'pipes \\| in \\\\\\| title<br>and a newline \\| end\\\\');
    assert.ok(!row.includes('\n'));
  });
});
