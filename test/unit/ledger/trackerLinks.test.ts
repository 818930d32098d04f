import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { PaydownError } from '../../../src/engine/errors';
import { unscannedItemJson } from '../../../src/engine/export/itemJson';
import { mergeItemVersions } from '../../../src/engine/ledger/conflict';
import type { TrackerLink } from '../../../src/engine/ledger/model';
import { LedgerStore } from '../../../src/engine/ledger/store';
import { recordTrackerLink, recordTrackerLinks, withTrackerLink } from '../../../src/engine/ledger/trackerLinks';
import { copyFixture, event, sampleItem, snapshotFiles } from './helpers';

const T1 = '2024-04-01T10:00:00.000Z';
const T2 = '2024-04-02T10:00:00.000Z';
const T3 = '2024-04-03T10:00:00.000Z';
const clockAt = (iso: string) => ({ now: () => new Date(iso) });
const itemFile = (root: string, id: string): string => path.join(root, '.paydown', 'ledger', `${id}.json`);

describe('ledger: tracker links', () => {
  const ticket = { tracker: 'github', key: 'acme/pay#412', reference: 'GH-412', url: 'https://github.com/acme/pay/issues/412', state: 'open', stateReason: null, assignees: ['alice-gh'], milestone: '2024-S07' };

  it('a new link is added with its facts, its state time and last sync, and one tracker event', () => {
    const item = sampleItem('PD-AAAAAA');
    const { item: linked, change } = withTrackerLink(item, ticket, T1, 'alice');
    assert.equal(change, 'linked');
    assert.deepEqual(linked.trackers, [{ ...ticket, stateAt: T1, syncedAt: T1 }]);
    const events = linked.history.slice(item.history.length);
    assert.equal(events.length, 1);
    assert.deepEqual({ ...events[0], id: undefined }, { id: undefined, at: T1, type: 'tracker', field: 'acme/pay#412', from: null, to: 'open', by: 'alice' });
  });

  it('takes only the link\'s facts from a whole ticket as a tracker client returns it', () => {
    const remote = { ...ticket, title: 'Retry loop', updatedAt: T1, itemId: 'PD-AAAAAA', body: 'x' };
    const { item } = withTrackerLink(sampleItem('PD-AAAAAA'), remote, T1, null);
    assert.deepEqual(Object.keys(item.trackers[0]!).sort(), ['assignees', 'key', 'milestone', 'reference', 'state', 'stateAt', 'stateReason', 'syncedAt', 'tracker', 'url']);
  });

  it('reading the same ticket again changes nothing: no event, no new sync time, the same object', () => {
    const { item } = withTrackerLink(sampleItem('PD-AAAAAA'), ticket, T1, null);
    const again = withTrackerLink(item, { ...ticket, assignees: ['alice-gh'] }, T2, null);
    assert.equal(again.change, 'unchanged');
    assert.equal(again.item, item);
  });

  it('new assignees or milestone update the link without an event; the state keeps the time it was first seen', () => {
    const { item } = withTrackerLink(sampleItem('PD-AAAAAA'), ticket, T1, null);
    const { item: updated, change } = withTrackerLink(item, { tracker: 'github', key: 'acme/pay#412', state: 'open', assignees: ['bob-gh'], milestone: null }, T2, null);
    assert.equal(change, 'updated');
    assert.equal(updated.history.length, item.history.length);
    assert.deepEqual(updated.trackers[0], { ...ticket, assignees: ['bob-gh'], milestone: null, stateAt: T1, syncedAt: T2 });
  });

  it('a state change is recorded with its reason and a tracker event from the old state to the new', () => {
    const { item } = withTrackerLink(sampleItem('PD-AAAAAA'), ticket, T1, null);
    const { item: closed, change } = withTrackerLink(item, { tracker: 'github', key: 'acme/pay#412', state: 'closed', stateReason: 'completed', stateAt: '2024-04-02T09:00:00.000Z' }, T2, 'sync');
    assert.equal(change, 'state-changed');
    assert.equal(closed.trackers.length, 1);
    assert.deepEqual(closed.trackers[0], { ...ticket, state: 'closed', stateReason: 'completed', stateAt: '2024-04-02T09:00:00.000Z', syncedAt: T2 });
    assert.deepEqual(closed.history.at(-1)?.to, 'closed');
    assert.deepEqual(closed.history.at(-1)?.from, 'open');
  });

  it('records links under the lock in one commit, and a sync that finds nothing new writes nothing', async () => {
    const root = copyFixture('v1.2');
    const file = itemFile(root, 'PD-7Q2K9A');
    const before = readFileSync(file, 'utf8');
    // The fixture's link as it stands: nothing to write.
    const same = await recordTrackerLink(root, 'PD-7Q2K9A', { tracker: 'github', key: 'acme/pay#412', state: 'closed', stateReason: 'completed', assignees: ['alice-gh'], milestone: '2024-S07' }, { clock: clockAt(T3) });
    assert.equal(same.change, 'unchanged');
    assert.equal(readFileSync(file, 'utf8'), before);

    const [reopened] = await recordTrackerLinks(root, [{ itemId: 'PD-7Q2K9A', link: { tracker: 'github', key: 'acme/pay#412', state: 'open', stateReason: 'reopened' } }], { clock: clockAt(T3), by: 'bob' });
    assert.equal(reopened?.change, 'state-changed');
    const [item] = (await LedgerStore.open(root).load()).items;
    assert.deepEqual(item?.trackers[0], { tracker: 'github', key: 'acme/pay#412', reference: 'GH-412', url: 'https://github.com/acme/pay/issues/412', state: 'open', stateReason: 'reopened', stateAt: T3, assignees: ['alice-gh'], milestone: '2024-S07', syncedAt: T3 });
    assert.deepEqual(item?.history.filter((e) => e.type === 'tracker').map((e) => [e.from, e.to, e.by]), [
      [null, 'open', 'alice'],
      ['open', 'closed', 'alice'],
      ['closed', 'open', 'bob'],
    ]);
  });

  it('an unknown item id is refused and nothing is written', async () => {
    const root = copyFixture('v1.2');
    const before = snapshotFiles(root);
    await assert.rejects(
      recordTrackerLinks(root, [
        { itemId: 'PD-7Q2K9A', link: { tracker: 'github', key: 'acme/pay#9', state: 'open' } },
        { itemId: 'PD-ZZZZZZ', link: { tracker: 'github', key: 'acme/pay#10', state: 'open' } },
      ]),
      (err: unknown) => PaydownError.is(err, 'ledger-not-found') && /PD-ZZZZZZ/.test(err.message),
    );
    const after = snapshotFiles(root);
    delete after['.paydown/.gitignore'];
    assert.deepEqual(after, before);
  });

  it('a schema 1.1 file is rewritten as the current version only when it changes', async () => {
    const root = copyFixture('v1.1');
    const file = itemFile(root, 'PD-7Q2K9A');
    const before = readFileSync(file, 'utf8');
    const store = LedgerStore.open(root);
    // A put of the item as read (a caller that did not check for changes) leaves the file alone.
    await store.update((tx) => tx.put(tx.get('PD-7Q2K9A')!));
    assert.equal(readFileSync(file, 'utf8'), before);

    await recordTrackerLink(root, 'PD-7Q2K9A', { tracker: 'github', key: 'acme/pay#412', reference: 'GH-412', state: 'open', assignees: [] }, { clock: clockAt(T3) });
    const after = readFileSync(file, 'utf8');
    assert.match(after, /^\{\n {2}"schema": "1\.4",\n/);
    assert.match(after, /\n {4}\{"tracker":"github","key":"acme\/pay#412","reference":"GH-412","url":"https:\/\/github\.com\/acme\/pay\/issues\/412","state":"open","stateAt":"2024-03-04T08:00:00\.000Z","assignees":\[\],"syncedAt":"2024-04-03T10:00:00\.000Z"\}\n/);
    // Everything else reads as before.
    assert.equal(after.replace('"schema": "1.4"', '"schema": "1.1"').replace(/\n {4}\{"tracker".*\n/, '\n'), before.replace(/\n {4}\{"tracker".*\n/, '\n'));
  });

  describe('merging a conflict', () => {
    const link = (over: Partial<TrackerLink>): TrackerLink => ({ tracker: 'github', key: 'acme/pay#412', url: null, state: 'open', stateAt: T1, ...over });

    it('a link on both sides is taken whole from the side that synced it last, even when its state is older', () => {
      const base = sampleItem('PD-AAAAAA');
      // Ours saw the ticket closed on day 2; theirs synced on day 3 and saw it reopened (its state time is day 1's reopen, older).
      const ours = { ...base, trackers: [link({ state: 'closed', stateReason: 'completed', stateAt: T2, syncedAt: T2, assignees: ['a'] })], history: [...base.history, event('tracker', T2)] };
      const theirs = { ...base, trackers: [link({ state: 'open', stateReason: 'reopened', stateAt: T1, syncedAt: T3, assignees: ['b'] })], history: [...base.history, event('tracker', T3)] };
      assert.deepEqual(mergeItemVersions(ours, theirs).trackers, theirs.trackers);
      assert.deepEqual(mergeItemVersions(theirs, ours).trackers, theirs.trackers);
    });

    it('a link without a sync time (schema 1.1) loses to one synced since, and links on one side only are kept', () => {
      const base = sampleItem('PD-AAAAAA');
      const old = link({ state: 'open', stateAt: T1 });
      const synced = link({ state: 'closed', stateAt: T1, syncedAt: T2 });
      const other = link({ key: 'acme/pay#500', stateAt: null, state: null });
      const ours = { ...base, trackers: [old, other] };
      const theirs = { ...base, trackers: [synced] };
      assert.deepEqual(mergeItemVersions(ours, theirs).trackers, [synced, other]);
    });
  });
});

describe('ledger: tracker links in JSON (ledger show, ledger list, export)', () => {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  addFormats(ajv);
  ajv.addSchema(JSON.parse(readFileSync(path.join(__dirname, '..', '..', '..', 'schemas', 'common.schema.json'), 'utf8')));
  const valid = ajv.getSchema('https://paydown.dev/schemas/common.schema.json#/$defs/ledgerItem')!;

  it('shows every recorded fact of a link, and nulls for a link written before schema 1.2, both as the schema says', () => {
    const synced: TrackerLink = { tracker: 'github', key: 'acme/pay#412', reference: 'GH-412', url: 'https://github.com/acme/pay/issues/412', state: 'closed', stateReason: 'completed', stateAt: T2, assignees: ['alice-gh'], milestone: 'S7', syncedAt: T3 };
    const old: TrackerLink = { tracker: 'jira', key: 'PAY-7', url: null, state: null, stateAt: null };
    const json = unscannedItemJson(sampleItem('PD-AAAAAA', { trackers: [synced, old] }), []);
    assert.deepEqual(json.trackers, [synced, { ...old, reference: null, stateReason: null, assignees: [], milestone: null, syncedAt: null }]);
    assert.ok(valid(json), JSON.stringify(valid.errors));
  });
});
