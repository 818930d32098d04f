import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { PaydownError } from '../../../src/engine/errors';
import { formatItem, parseItem } from '../../../src/engine/ledger/format';
import { ledgerCellOf, type LedgerItem } from '../../../src/engine/ledger/model';
import { FIXTURES, sampleItem } from './helpers';

const fixture = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');

/** The same object with its keys inserted in reverse order, at every level. */
function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).reverse()) out[key] = reversedKeys((value as Record<string, unknown>)[key]);
    return out as T;
  }
  return value;
}

describe('ledger item format', () => {
  it('reads and writes back the documented sample byte for byte', () => {
    const text = fixture('v1.4/.paydown/ledger/PD-7Q2K9A.json');
    const { item, schema } = parseItem(text, 'PD-7Q2K9A.json', 'PD-7Q2K9A');
    assert.deepEqual(schema, { major: 1, minor: 4 });
    assert.equal(formatItem(item), text);
    assert.deepEqual([item.owners, item.labels], [['alice'], ['payments', 'retries']]);
    assert.deepEqual(item.trackers, [
      {
        tracker: 'github',
        key: 'acme/pay#412',
        reference: 'GH-412',
        url: 'https://github.com/acme/pay/issues/412',
        state: 'closed',
        stateReason: 'completed',
        stateAt: '2024-03-20T16:02:11.000Z',
        assignees: ['alice-gh'],
        milestone: '2024-S07',
        syncedAt: '2024-03-21T08:00:00.000Z',
        pushed: { title: 'Replace the hand-rolled retry loop (PD-7Q2K9A)', sprint: '2024-S07', estimate: 5 },
      },
    ]);
    assert.equal(item.history.length, 6);
  });

  it('reads a notebook item\'s cell (schema 1.4) and writes it back byte for byte; a moved line makes it stale', () => {
    const text = fixture('v1.4/.paydown/ledger/PD-N8T3BK.json');
    const { item } = parseItem(text, 'PD-N8T3BK.json', 'PD-N8T3BK');
    assert.deepEqual(item.cell, { index: 2, line: 4, column: 3, fileLine: 23 });
    assert.equal(formatItem(item), text);
    assert.deepEqual(ledgerCellOf(item), { index: 2, line: 4, column: 3 });
    // An older Paydown keeps the unknown field but moves only the line: the place is no longer trusted.
    assert.equal(ledgerCellOf({ ...item, line: 30 }), null);
    assert.equal(formatItem(sampleItem('PD-CCCCCC')).includes('"cell"'), false, 'no cell outside notebooks');
    for (const [to, what] of [
      ['"cell": {"index":-1,"line":4,"column":3,"fileLine":23}', /"cell": "index" must be a whole number/],
      ['"cell": {"index":2,"line":4,"column":3}', /"cell": missing "fileLine"/],
      ['"cell": [2,4]', /"cell" must be an object/],
    ] as const) {
      assert.throws(
        () => parseItem(text.replace('"cell": {"index":2,"line":4,"column":3,"fileLine":23}', to), 'f.json', 'PD-N8T3BK'),
        (err: unknown) => PaydownError.is(err, 'ledger-corrupt') && err.message.startsWith('f.json:20: ') && what.test(err.message),
      );
    }
  });

  it('reads schema 1.3 (no cells) and writes it back unchanged at 1.3', () => {
    const text = fixture('v1.3/.paydown/ledger/PD-7Q2K9A.json');
    const { item, schema } = parseItem(text, 'PD-7Q2K9A.json', 'PD-7Q2K9A');
    assert.deepEqual(schema, { major: 1, minor: 3 });
    assert.equal(formatItem(item, schema), text);
    assert.equal(formatItem(item), text.replace('"schema": "1.3"', '"schema": "1.4"'));
  });

  it('reads schema 1.2 (links without what was pushed) and writes it back unchanged at 1.2', () => {
    const text = fixture('v1.2/.paydown/ledger/PD-7Q2K9A.json');
    const { item, schema } = parseItem(text, 'PD-7Q2K9A.json', 'PD-7Q2K9A');
    assert.deepEqual(schema, { major: 1, minor: 2 });
    assert.equal(item.trackers[0]!.pushed, undefined);
    assert.equal(formatItem(item, schema), text);
    assert.equal(formatItem(item), text.replace('"schema": "1.2"', '"schema": "1.4"'));
  });

  it('refuses a link whose "pushed" is not a title, a sprint and an estimate', () => {
    const text = fixture('v1.4/.paydown/ledger/PD-7Q2K9A.json').replace('"pushed":{"estimate":5', '"pushed":{"estimate":"five"');
    assert.throws(() => parseItem(text, 'PD-7Q2K9A.json', 'PD-7Q2K9A'), (err: unknown) => PaydownError.is(err) && /"pushed" must hold/.test(err.message));
  });

  it('reads schema 1.1 (links without reference, reason, assignees, milestone, last sync) and writes it back unchanged at 1.1', () => {
    const text = fixture('v1.1/.paydown/ledger/PD-7Q2K9A.json');
    const { item, schema } = parseItem(text, 'PD-7Q2K9A.json', 'PD-7Q2K9A');
    assert.deepEqual(schema, { major: 1, minor: 1 });
    assert.deepEqual(item.trackers, [{ tracker: 'github', key: 'acme/pay#412', url: 'https://github.com/acme/pay/issues/412', state: 'open', stateAt: '2024-03-04T08:00:00.000Z' }]);
    assert.equal(formatItem(item, schema), text);
    // Written forward, only the schema line changes: the link's line keeps its bytes.
    assert.equal(formatItem(item), text.replace('"schema": "1.1"', '"schema": "1.4"'));
  });

  it('writes a link\'s keys in one fixed order whatever order they were set in, the 1.2 keys among them', () => {
    const link = { syncedAt: '2024-03-21T08:00:00.000Z', milestone: null, assignees: ['b', 'a'], stateAt: null, stateReason: null, state: 'open', url: null, reference: 'GH-7', key: '#7', tracker: 'github' };
    const lines = formatItem(sampleItem('PD-FFFFFF', { trackers: [link] })).split('\n');
    const line = lines[lines.indexOf('  "trackers": [') + 1];
    assert.equal(line, '    {"tracker":"github","key":"#7","reference":"GH-7","url":null,"state":"open","stateReason":null,"stateAt":null,"assignees":["b","a"],"milestone":null,"syncedAt":"2024-03-21T08:00:00.000Z"}');
  });

  it('rejects a 1.2 link key of the wrong type, naming the link\'s line', () => {
    const good = formatItem(sampleItem('PD-GGGGGG', { trackers: [{ tracker: 'github', key: '#7', url: null, state: 'open', stateAt: null, assignees: ['a'] }] }));
    for (const [from, to, what] of [
      ['"assignees":["a"]', '"assignees":"a"', /"assignees" must be a list of strings/],
      ['"assignees":["a"]', '"assignees":["a"],"milestone":3', /"milestone" must be a string or null/],
      ['"assignees":["a"]', '"assignees":["a"],"syncedAt":false', /"syncedAt" must be a string or null/],
      ['"assignees":["a"]', '"assignees":["a"],"reference":null', /"reference" must be a string/],
      ['"assignees":["a"]', '"assignees":["a"],"stateReson":"completed"', /unknown field "stateReson"/],
    ] as const) {
      assert.throws(
        () => parseItem(good.replace(from, to), 'f.json', 'PD-GGGGGG'),
        (err: unknown) => PaydownError.is(err, 'ledger-corrupt') && err.message.startsWith('f.json:17: trackers[0]') && what.test(err.message),
      );
    }
  });

  it('gives the same bytes for the same state, whatever order the keys were set in', () => {
    const item = sampleItem('PD-AAAAAA', { trackers: [{ tracker: 'jira', key: 'PAY-1', url: null, state: 'Open', stateAt: null }] });
    item.history.push({ id: 'E1', at: '2024-03-02T00:00:00.000Z', type: 'field', field: 'effort', from: { b: 1, a: 2 }, to: 5, by: null });
    const shuffled = reversedKeys(item) as LedgerItem;
    assert.notDeepEqual(Object.keys(shuffled), Object.keys(item));
    assert.equal(formatItem(shuffled), formatItem(item));
    assert.match(formatItem(item), /"from":\{"a":2,"b":1\}/, 'unknown values are written with sorted keys');
  });

  it('writes one field per line in the fixed order, one event and one link per line, LF and a final newline', () => {
    const item = sampleItem('PD-BBBBBB');
    item.trackers.push({ tracker: 'github', key: '#1', url: null, state: null, stateAt: null }, { tracker: 'github', key: '#2', url: null, state: null, stateAt: null });
    item.history.push({ id: 'E2', at: '2024-03-03T00:00:00.000Z', type: 'status', from: 'open', to: 'scheduled' });
    const text = formatItem(item);
    assert.ok(text.endsWith('}\n'));
    assert.ok(!text.includes('\r'));
    const keys = text
      .split('\n')
      .map((l) => /^ {2}"(\w+)":/.exec(l)?.[1])
      .filter(Boolean);
    assert.deepEqual(keys, ['schema', 'id', 'tag', 'fingerprint', 'firstSeen', 'title', 'owners', 'labels', 'status', 'sprint', 'effort', 'impact', 'outcome', 'resolved', 'trackers', 'file', 'line', 'history']);
    const lines = text.split('\n');
    const history = lines.indexOf('  "history": [');
    assert.match(lines[history + 1]!, /^ {4}\{"id":"C-PD-BBBBBB",.*"type":"created".*\},$/);
    assert.match(lines[history + 2]!, /^ {4}\{"id":"E2",.*\}$/);
    assert.equal(lines[history + 3], '  ]');
    const trackers = lines.indexOf('  "trackers": [');
    assert.match(lines[trackers + 1]!, /"key":"#1"/);
    assert.match(lines[trackers + 2]!, /"key":"#2"/);
    assert.equal(lines[trackers + 3], '  ],', 'a never-changing line separates the editable fields from the location');
  });

  it('keeps a line that never changes between the editable fields and the location, even with no links', () => {
    const lines = formatItem(sampleItem('PD-CCCCCC')).split('\n');
    const resolved = lines.findIndex((l) => l.startsWith('  "resolved"'));
    const file = lines.findIndex((l) => l.startsWith('  "file"'));
    assert.deepEqual(lines.slice(resolved + 1, file), ['  "trackers": [', '  ],']);
  });

  it('round-trips any item through parse and format', () => {
    const item = sampleItem('PD-DDDDDD', {
      status: 'resolved',
      resolved: { at: '2024-05-01T00:00:00.000Z', commit: null, author: 'Ada "the" Lovelace' },
      title: 'Unicode ✓, quotes " and a\ttab',
      effort: { value: 2.5, source: 'ui', comment: null },
    });
    const text = formatItem(item);
    const back = parseItem(text, 'x', 'PD-DDDDDD').item;
    assert.deepEqual(back, item);
    assert.equal(formatItem(back), text);
  });

  it('refuses a newer major schema, naming the file and line', () => {
    const text = fixture('v2/.paydown/ledger/PD-7Q2K9A.json');
    assert.throws(
      () => parseItem(text, '.paydown/ledger/PD-7Q2K9A.json', 'PD-7Q2K9A'),
      (err: unknown) => PaydownError.is(err, 'ledger-newer-version') && err.message.startsWith('.paydown/ledger/PD-7Q2K9A.json:2: ') && /2\.0/.test(err.message),
    );
  });

  it('reads schema 1.0 (no owners, no labels) and writes it forward as the current version', () => {
    const { item, schema } = parseItem(fixture('v1/.paydown/ledger/PD-7Q2K9A.json'), 'x', 'PD-7Q2K9A');
    assert.deepEqual(schema, { major: 1, minor: 0 });
    assert.deepEqual([item.owners, item.labels], [[], []]);
    assert.match(formatItem(item), /"schema": "1\.4",[\s\S]*"title": .*,\n {2}"owners": \[\],\n {2}"labels": \[\],\n/);
  });

  it('reads a newer minor schema, keeping its unknown fields (top level and nested) on rewrite', () => {
    const text = fixture('v1.9/.paydown/ledger/PD-7Q2K9A.json');
    const { item, schema } = parseItem(text, 'x', 'PD-7Q2K9A');
    assert.deepEqual(schema, { major: 1, minor: 9 });
    assert.deepEqual(item.extra, { owner: 'alice', reviewers: ['carol', 'dan'] });
    const written = formatItem(item, schema);
    assert.match(written, /"schema": "1\.9"/);
    assert.match(written, / {2}"owner": "alice",\n {2}"reviewers": \["carol","dan"\],\n {2}"history": \[/);
    assert.match(written, /"type":"commented","by":"bob","note":"discussed at planning"/);
    assert.equal(formatItem(parseItem(written, 'x', 'PD-7Q2K9A').item, schema), written);
  });

  it('rejects an unknown field, a wrong type, invalid JSON and conflict markers with file:line', () => {
    const good = formatItem(sampleItem('PD-EEEEEE'));
    const check = (text: string, reason: 'ledger-corrupt' | 'ledger-conflict', line: number, what: RegExp): void => {
      assert.throws(
        () => parseItem(text, 'f.json', 'PD-EEEEEE'),
        (err: unknown) => PaydownError.is(err, reason) && err.message.startsWith(`f.json:${line}: `) && what.test(err.message) && err.details[0] === `f.json:${line}`,
      );
    };
    check(good.replace('  "line": 12,\n', '  "line": 12,\n  "color": "red",\n'), 'ledger-corrupt', 20, /unknown field "color"/);
    check(good.replace('"status": "open"', '"status": "later"'), 'ledger-corrupt', 10, /"status" must be one of/);
    check(good.replace('"commit":"a1b2c3d"}', '"commit":7}'), 'ledger-corrupt', 6, /firstSeen\.commit/);
    check(good.replace('"tag": "DEBT",', '"tag": "DEBT"'), 'ledger-corrupt', 5, /invalid JSON/ /* where the parser stopped: the line after the missing comma */);
    check(good.slice(0, good.indexOf('"title"') + 5), 'ledger-corrupt', 7, /invalid JSON/); // truncated mid-line
    check('', 'ledger-corrupt', 1, /invalid JSON/);
    check(good.replace('  "title"', '<<<<<<< HEAD\n  "title"').replace('  "status"', '=======\n  "title": "x",\n>>>>>>> b\n  "status"'), 'ledger-conflict', 7, /conflict markers/);
  });
});
