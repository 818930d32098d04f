import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';
import { jiraLabel, jiraMarkerItemId, jiraNaming, markdownToAdf, markdownToWiki, ticketMarker } from '../../../src/engine/trackers';
import { inOpenSprint, openSprintName } from '../../../src/engine/trackers/jira/client';
import { trackerSprint } from '../../../src/engine/trackers/jira/sprints';
import { ticketDraft } from '../../../src/engine/trackers/ticketDraft';
import { ADF_SCHEMA } from '../../trackers/fake/jira';

// What Jira shows of a Paydown ticket body: ADF on Cloud, wiki markup on Data Center, and the
// marker found again in both.

const text = (t: string, ...marks: Array<{ type: string; attrs?: Record<string, unknown> }>): Record<string, unknown> => ({ type: 'text', text: t, ...(marks.length ? { marks } : {}) });
const para = (...content: unknown[]): Record<string, unknown> => ({ type: 'paragraph', content });

describe('Jira rich text: Markdown as ADF (Cloud)', () => {
  it('turns a link around inline code into one text node with the code and link marks only', () => {
    const doc = markdownToAdf('Found at [`src/a.ts:12`](https://x.test/a#L12).');
    assert.deepEqual(doc, { type: 'doc', version: 1, content: [para(text('Found at '), text('src/a.ts:12', { type: 'code' }, { type: 'link', attrs: { href: 'https://x.test/a#L12' } }), text('.'))] });
  });

  it('keeps a fenced code block verbatim with its language, marks and all', () => {
    const doc = markdownToAdf('```python\nx = "*not em*" # [no](link)\n\n  indented\n```');
    assert.deepEqual(doc.content, [{ type: 'codeBlock', attrs: { language: 'python' }, content: [text('x = "*not em*" # [no](link)\n\n  indented')] }]);
    // A fence longer than the backticks inside (what Paydown writes for a snippet holding ```).
    assert.deepEqual(markdownToAdf('````\n```\n````').content, [{ type: 'codeBlock', content: [text('```')] }]);
  });

  it('makes the facts table a table without the empty header row, unescaping cells', () => {
    const doc = markdownToAdf('| | |\n| --- | --- |\n| Item | `PD-7Q2K` |\n| Outcome | a \\| b &amp; \\_c\\_ |');
    const cell = (...content: unknown[]): Record<string, unknown> => ({ type: 'tableCell', attrs: {}, content: [para(...content)] });
    assert.deepEqual(doc.content, [
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell(text('Item')), cell(text('PD-7Q2K', { type: 'code' }))] },
          { type: 'tableRow', content: [cell(text('Outcome')), cell(text('a | b & _c_'))] },
        ],
      },
    ]);
  });

  it('reads headings, emphasis around a link, strong, lists and rules', () => {
    const doc = markdownToAdf('## Why\n\n_Created by [Paydown](https://p.dev): see **this**._\n\n- one\n- `two`\n\n---');
    assert.deepEqual(doc.content, [
      { type: 'heading', attrs: { level: 2 }, content: [text('Why')] },
      para(text('Created by ', { type: 'em' }), text('Paydown', { type: 'em' }, { type: 'link', attrs: { href: 'https://p.dev' } }), text(': see ', { type: 'em' }), text('this', { type: 'strong' }, { type: 'em' }), text('.', { type: 'em' })),
      { type: 'bulletList', content: [{ type: 'listItem', content: [para(text('one'))] }, { type: 'listItem', content: [para(text('two', { type: 'code' }))] }] },
      { type: 'rule' },
    ]);
  });

  it('leaves what it does not understand as text, and never an empty text node', () => {
    const doc = markdownToAdf('snake_case_name and 2 * 3 * 4 and [brackets] and `unclosed\n\n<!-- a note -->\n\n');
    assert.deepEqual(doc.content, [para(text('snake_case_name and 2 * 3 * 4 and [brackets] and `unclosed'))]);
    const walk = (n: unknown): void => {
      const node = n as { type: string; text?: string; content?: unknown[] };
      if (node.type === 'text') assert.ok(node.text && node.text.length > 0);
      node.content?.forEach(walk);
    };
    walk(doc);
  });

  it("writes only documents Atlassian's ADF schema accepts", () => {
    const valid = new AjvDraft04({ strict: false }).compile(JSON.parse(readFileSync(ADF_SCHEMA, 'utf8')));
    const samples = [
      '# Title\n\nText with **strong `code`**, _em [`link code`](https://x.test)_ and \\*escapes\\*.',
      '```\n\n```\n\n```sh\nls\n```',
      '| a | b |\n| --- | --- |\n| | `c` |\n\n1. one\n2. two\n\n- x\n\n***',
      `Body.\n\n${ticketMarker('PD-7Q2K')}`,
      '',
    ];
    for (const md of samples) assert.ok(valid(markdownToAdf(md)), `${JSON.stringify(md)}: ${JSON.stringify(valid.errors?.[0])}`);
  });

  it('writes the marker as a quiet last paragraph and finds it again', () => {
    const doc = markdownToAdf(`Body.\n\n${ticketMarker('PD-7Q2K')}`);
    assert.deepEqual(doc.content.at(-1), para(text('paydown:PD-7Q2K', { type: 'textColor', attrs: { color: '#97a0af' } })));
    assert.equal(jiraMarkerItemId(doc), 'PD-7Q2K');
  });
});

describe('Jira rich text: Markdown as wiki markup (Data Center)', () => {
  it('writes links, monospace, code blocks, tables and emphasis the way wiki markup reads them', () => {
    const wiki = markdownToWiki(['# Debt', '', 'Found at [`src/a.ts:12`](https://x.test/a#L12).', '', '```ts', 'const a = {b: [1]};', '```', '', '| | |', '| --- | --- |', '| Item | `PD-7Q2K` |', '| Owners | `@alice`, `@bob` |', '', '_Created by [Paydown](https://p.dev): removing it closes this._'].join('\n'));
    assert.equal(
      wiki,
      ['h1. Debt', '', 'Found at [{{src/a.ts:12}}|https://x.test/a#L12].', '', '{code:ts}', 'const a = {b: [1]};', '{code}', '', '|Item|{{PD-7Q2K}}|', '|Owners|{{@alice}}, {{@bob}}|', '', '_Created by [Paydown|https://p.dev]: removing it closes this._'].join('\n'),
    );
  });

  it('escapes what wiki markup would read as formatting, and keeps a-b readable', () => {
    assert.equal(markdownToWiki('a\\*b\\* {x} [y] a|b !img! a-b - c -d ?? x ^y'), 'a\\*b\\* \\{x\\} \\[y\\] a\\|b \\!img\\! a-b \\- c \\-d \\?\\? x \\^y');
    assert.equal(markdownToWiki('```\nuses {code} inside\n```'), '{noformat}\nuses {code} inside\n{noformat}');
  });

  it('writes the marker in grey and finds it again, also in text a user edited around it', () => {
    const wiki = markdownToWiki(`Body.\n\n${ticketMarker('PD-7Q2K')}`);
    assert.equal(wiki, 'Body.\n\n{color:#97a0af}paydown:PD-7Q2K{color}');
    assert.equal(jiraMarkerItemId(wiki), 'PD-7Q2K');
    assert.equal(jiraMarkerItemId(`${wiki}\r\n\r\nA note added later.`.replace(/\r/g, '')), 'PD-7Q2K');
    assert.equal(jiraMarkerItemId('  paydown:PD-7Q2K  '), 'PD-7Q2K');
    assert.equal(jiraMarkerItemId('See <!-- paydown:PD-7Q2M --> pasted'), 'PD-7Q2M');
    assert.equal(jiraMarkerItemId('mentions paydown:PD-7Q2K inside a sentence'), null);
    assert.equal(jiraMarkerItemId('paydown:PD-7Q2I'), null); // not a Crockford id
    assert.equal(jiraMarkerItemId(null), null);
  });

  it("turns Paydown's own ticket body into both forms, the marker surviving each", () => {
    const item = {
      id: 'PD-7Q2K',
      tag: 'TODO',
      title: 'Replace the retry loop',
      file: 'src/pay.ts',
      effort: { value: 3 },
      impact: { value: 'high' },
      outcome: { value: 'fewer *double* charges | maybe' },
      sprint: 'Sprint 12',
      owners: ['alice'],
      labels: [],
    } as unknown as Parameters<typeof ticketDraft>[0]['item'];
    const draft = ticketDraft({ item, file: 'src/pay.ts', line: 2, snippet: ['  // TODO: Replace the retry loop', '  while (retry--) charge();'], language: 'ts', permalink: 'https://github.com/acme/pay/blob/abc/src/pay.ts#L2', labels: ['tech-debt'], assignees: [] });
    const adf = markdownToAdf(draft.body);
    assert.equal(jiraMarkerItemId(adf), 'PD-7Q2K');
    assert.deepEqual(
      adf.content.map((n) => n.type),
      ['paragraph', 'codeBlock', 'table', 'paragraph', 'paragraph'],
    );
    assert.ok(JSON.stringify(adf).includes('"fewer *double* charges | maybe"'));
    const wiki = markdownToWiki(draft.body);
    assert.equal(jiraMarkerItemId(wiki), 'PD-7Q2K');
    assert.ok(wiki.includes('|Outcome|fewer \\*double\\* charges \\| maybe|'), wiki);
  });
});

describe('Jira naming, labels and sprints', () => {
  it('uses PAY-12 as both the reference and the ledger key, for its own project only', () => {
    const naming = jiraNaming('pay');
    assert.equal(naming.keyOfReference('PAY-12'), 'PAY-12');
    assert.equal(naming.keyOfReference('pay-12'), 'PAY-12');
    assert.equal(naming.keyOfReference('OPS-12'), null);
    assert.equal(naming.keyOfReference('GH-12'), null);
    assert.equal(naming.keyOfReference('PAY-'), null);
    assert.equal(naming.referenceOfKey('PAY-7'), 'PAY-7');
    assert.equal(naming.referenceOfKey('acme/pay#7'), null);
  });

  it('makes labels Jira accepts: no spaces', () => {
    assert.equal(jiraLabel('tech debt'), 'tech-debt');
    assert.equal(jiraLabel('  needs \t review  '), 'needs-review');
    assert.equal(jiraLabel('perf'), 'perf');
  });

  it("reads the open sprint's name from Cloud objects and from Data Center's old strings", () => {
    assert.equal(openSprintName([{ id: 1, name: 'S1', state: 'closed' }, { id: 2, name: 'S2', state: 'active' }]), 'S2');
    assert.equal(openSprintName([{ id: 3, name: 'S3', state: 'future' }]), 'S3');
    assert.equal(openSprintName([{ id: 1, name: 'S1', state: 'closed' }]), null);
    assert.equal(openSprintName(['com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=2,rapidViewId=1,state=ACTIVE,name=Sprint, the second,startDate=2026-03-01T00:00:00.000Z,endDate=<null>]']), 'Sprint, the second');
    assert.equal(openSprintName(null), null);
    // With a board's open sprint ids, only the board's sprints count.
    assert.equal(openSprintName([{ id: 10, name: 'S3', state: 'active' }], new Set([3])), null);
    assert.equal(openSprintName([{ id: 1, name: 'S1', state: 'closed' }, { id: 3, name: 'S3', state: 'future' }], new Set([3])), 'S3');
    assert.equal(openSprintName(['com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=30,rapidViewId=2,state=ACTIVE,name=S3,startDate=<null>]'], new Set([3])), null);
    // The sprint a ticket is in, by id: another board's sprint of the same name is another sprint.
    assert.equal(inOpenSprint([{ id: 10, name: 'S3', state: 'active', boardId: 2 }], 3), false);
    assert.equal(inOpenSprint([{ id: 1, name: 'S1', state: 'closed' }, { id: 3, name: 'S3', state: 'future' }], 3), true);
    assert.equal(inOpenSprint([{ id: 3, name: 'S3', state: 'closed' }], 3), false);
    assert.equal(inOpenSprint(['com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=3,rapidViewId=1,state=ACTIVE,name=S3,startDate=<null>]'], 3), true);
    assert.equal(inOpenSprint(['com.atlassian.greenhopper.service.sprint.Sprint@1a2b[id=30,rapidViewId=2,state=ACTIVE,name=S3,startDate=<null>]'], 3), false);
    assert.equal(inOpenSprint(null, 3), false);
  });

  it('gives a sprint inclusive UTC days: an end at midnight belongs to the day before', () => {
    assert.deepEqual(trackerSprint({ id: 7, name: 'S7', state: 'active', startDate: '2026-03-02T09:00:00.000+01:00', endDate: '2026-03-16T00:00:00.000Z' }), { id: '7', name: 'S7', start: '2026-03-02', end: '2026-03-15', capacity: null, state: 'active' });
    assert.equal(trackerSprint({ id: 8, name: 'S8', state: 'future' }), null);
  });
});
