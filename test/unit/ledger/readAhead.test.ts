/**
 * A large ledger's item files are read on a worker thread (readAhead.ts): every file comes back
 * once, in order, byte for byte; what the worker must not or cannot read plainly (a symbolic
 * link, a folder, a missing or oversized file) is left to the caller; and `load()` gives the same
 * items and the same errors whichever thread read the files.
 */
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { formatItem } from '../../../src/engine/ledger/format';
import { readItemFilesAhead, type ItemFileChunk } from '../../../src/engine/ledger/readAhead';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { event, sampleItem, snapshotFiles, tempWorkspace } from './helpers';

const idOf = (i: number): string => `PD-${i.toString(32).toUpperCase().padStart(6, '0')}`;

async function collect(dir: string, names: string[]): Promise<ItemFileChunk[]> {
  const chunks: ItemFileChunk[] = [];
  for await (const chunk of readItemFilesAhead(dir, names)) chunks.push(chunk);
  return chunks;
}

/** Each file's text as the chunks hold it, and the names left over, in the order they came. */
function unpack(chunks: ItemFileChunk[]): { texts: Map<string, string>; order: string[]; leftOver: string[] } {
  const texts = new Map<string, string>();
  const order: string[] = [];
  const leftOver: string[] = [];
  for (const chunk of chunks) {
    let start = 0;
    chunk.names.forEach((name, i) => {
      texts.set(name, chunk.bytes.toString('utf8', start, chunk.ends[i]));
      order.push(name);
      start = chunk.ends[i]!;
    });
    leftOver.push(...chunk.leftOver);
  }
  return { texts, order, leftOver };
}

describe('ledger read-ahead (item files read on a worker thread)', () => {
  it('returns every file once, in order and byte for byte, over several chunks', async () => {
    const dir = tempWorkspace();
    const names: string[] = [];
    for (let i = 0; i < 700; i++) {
      const name = `${idOf(i)}.json`;
      // Non-ASCII titles: the bytes, not the characters, are counted.
      writeFileSync(path.join(dir, name), formatItem(sampleItem(idOf(i), { title: `Zahlung ${i} prüfen — ${'x'.repeat(i % 300)}` })));
      names.push(name);
    }
    const chunks = await collect(dir, names);
    assert.ok(chunks.length >= 2, `${chunks.length} chunk(s)`);
    const { texts, order, leftOver } = unpack(chunks);
    assert.deepEqual(order, names);
    assert.deepEqual(leftOver, []);
    for (const name of names) assert.equal(texts.get(name), readFileSync(path.join(dir, name), 'utf8'), name);
  });

  it('leaves links, folders, missing files and a file larger than a chunk to the caller, in their place', async () => {
    const dir = tempWorkspace();
    const outside = tempWorkspace('paydown-outside-');
    writeFileSync(path.join(outside, 'secret.json'), '{"secret":true}');
    writeFileSync(path.join(dir, 'PD-AAAAAA.json'), formatItem(sampleItem('PD-AAAAAA')));
    symlinkSync(path.join(outside, 'secret.json'), path.join(dir, 'PD-LINKED.json'));
    symlinkSync('PD-AAAAAA.json', path.join(dir, 'PD-INSIDE.json'));
    mkdirSync(path.join(dir, 'PD-FOLDER.json'));
    const big = sampleItem('PD-BIGONE', { history: Array.from({ length: 3_000 }, () => event('field', '2024-03-02T00:00:00.000Z', { field: 'title', by: 'alice' })) });
    writeFileSync(path.join(dir, 'PD-BIGONE.json'), formatItem(big));
    assert.ok(readFileSync(path.join(dir, 'PD-BIGONE.json')).length > 256 * 1024);
    writeFileSync(path.join(dir, 'PD-ZZZZZZ.json'), formatItem(sampleItem('PD-ZZZZZZ')));
    const names = ['PD-AAAAAA.json', 'PD-LINKED.json', 'PD-INSIDE.json', 'PD-FOLDER.json', 'PD-MISSIN.json', 'PD-BIGONE.json', 'PD-ZZZZZZ.json'];

    const { texts, order, leftOver } = unpack(await collect(dir, names));
    assert.deepEqual(order, ['PD-AAAAAA.json', 'PD-ZZZZZZ.json']);
    assert.deepEqual(leftOver, ['PD-LINKED.json', 'PD-INSIDE.json', 'PD-FOLDER.json', 'PD-MISSIN.json', 'PD-BIGONE.json']);
    assert.ok(![...texts.values()].some((t) => t.includes('secret')), 'a link was followed');
  });

  it('a folder that cannot be read: every name is left to the caller', async () => {
    const names = ['PD-AAAAAA.json', 'PD-BBBBBB.json'];
    const { order, leftOver } = unpack(await collect(path.join(tempWorkspace(), 'gone'), names));
    assert.deepEqual(order, []);
    assert.deepEqual(leftOver, names);
  });

  it('stopping after the first chunk stops the worker', async () => {
    const dir = tempWorkspace();
    const names: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      names.push(`${idOf(i)}.json`);
      writeFileSync(path.join(dir, names[i]!), formatItem(sampleItem(idOf(i))));
    }
    let seen = 0;
    for await (const chunk of readItemFilesAhead(dir, names)) {
      seen += chunk.names.length;
      break;
    }
    assert.ok(seen > 0 && seen < names.length, `${seen} of ${names.length}`);
    // A worker left running would keep mocha from exiting; the next read starts afresh.
    assert.equal(unpack(await collect(dir, names)).order.length, names.length);
  });

  it('load() reads the same items and reports the same errors on either thread', async () => {
    const root = tempWorkspace();
    const dir = path.join(root, '.paydown', 'ledger');
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 40; i++) writeFileSync(path.join(dir, `${idOf(i)}.json`), formatItem(sampleItem(idOf(i), { title: `Élément ${i}` })));
    writeFileSync(path.join(dir, 'PD-BOMBOM.json'), `\uFEFF${formatItem(sampleItem('PD-BOMBOM'))}`);
    writeFileSync(path.join(dir, 'PD-BROKEN.json'), formatItem(sampleItem('PD-BROKEN')).slice(0, 200));
    writeFileSync(path.join(dir, 'PD-CONFLT.json'), `<<<<<<< ours\n${formatItem(sampleItem('PD-CONFLT'))}=======\n${formatItem(sampleItem('PD-CONFLT'))}>>>>>>> theirs\n`);
    writeFileSync(path.join(dir, 'PD-NEWERV.json'), formatItem(sampleItem('PD-NEWERV')).replace(/"schema": "[^"]*"/, '"schema": "9.0"'));
    const big = sampleItem('PD-BIGONE', { history: Array.from({ length: 3_000 }, () => event('field', '2024-03-02T00:00:00.000Z', { field: 'title', by: 'alice' })) });
    writeFileSync(path.join(dir, 'PD-BIGONE.json'), formatItem(big));
    const outside = tempWorkspace('paydown-outside-');
    writeFileSync(path.join(outside, 'PD-OUTSDE.json'), formatItem(sampleItem('PD-OUTSDE')));
    symlinkSync(path.join(outside, 'PD-OUTSDE.json'), path.join(dir, 'PD-OUTSDE.json'));
    writeFileSync(path.join(root, 'PD-INSIDE.json'), formatItem(sampleItem('PD-INSIDE')));
    symlinkSync(path.join('..', '..', 'PD-INSIDE.json'), path.join(dir, 'PD-INSIDE.json'));
    mkdirSync(path.join(dir, 'PD-FOLDER.json'));
    const before = snapshotFiles(root);

    const here = await LedgerStore.open(root, { readAheadFrom: Number.POSITIVE_INFINITY }).load();
    const ahead = await LedgerStore.open(root, { readAheadFrom: 0 }).load();
    assert.equal(ahead.items.length, 43);
    assert.deepEqual(ahead.items, here.items);
    const messages = (snapshot: typeof here): string[] => snapshot.errors.map((e) => `${e.reason}: ${e.message}`).sort();
    assert.deepEqual(messages(ahead), messages(here));
    assert.deepEqual(
      ahead.errors.map((e) => e.reason).sort(),
      ['ledger-conflict', 'ledger-corrupt', 'ledger-corrupt', 'ledger-newer-version', 'path-unreadable'],
    );
    assert.deepEqual(snapshotFiles(root), before, 'reading wrote nothing');
  });
});
