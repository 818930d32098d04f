import * as assert from 'node:assert/strict';
import { autoGrouping, buildTree, carryOver, describeFilter, groupValues, isEmptyFilter, itemFilter, itemsUnder, type DebtNode, type FolderItems, type GroupNode, type ItemNode } from '../../../src/extension/views/debtModel';
import { interestIndex } from '../../../src/engine/interest/interest';
import { sessionItem } from './viewHelpers';

const folder = (name: string, items: FolderItems['items'], sprints: FolderItems['sprints'] = []): FolderItems => ({ folder: { key: `file:///ws/${name}`, name }, items, sprints });

/** `label (count)` of each node, items as their title, nested. */
function outline(nodes: readonly DebtNode[]): unknown[] {
  return nodes.map((n) => (n.kind === 'item' ? n.item.debt.title : { [`${n.label} (${n.count})`]: outline(n.children) }));
}

describe('Debt tree view model', () => {
  const items = [
    sessionItem({ file: 'src/b.ts', line: 3, tag: 'FIXME', title: 'retry upload', owners: ['alice'], labels: ['perf', 'net'], id: 'PD-AAAAAA', ledgerSprint: 'S1' }),
    sessionItem({ file: 'src/a.ts', line: 9, tag: 'TODO', title: 'cache the token', owners: ['bob', 'alice'], sprint: 'S2' }),
    sessionItem({ file: 'lib/c.py', line: 1, tag: 'TODO', title: 'drop python 2', id: 'PD-BBBBBB', status: 'resolved' }),
  ];

  it('groups by file, sorted by path case-insensitively, with counts', () => {
    const tree = buildTree([folder('ws', items)], { grouping: 'file', filter: {} });
    assert.deepEqual(outline(tree.roots), [{ 'c.py (1)': ['drop python 2'] }, { 'a.ts (1)': ['cache the token'] }, { 'b.ts (1)': ['retry upload'] }]);
    assert.equal(tree.total, 3);
    assert.equal(tree.shown, 3);
    assert.equal(tree.unrecorded, 1);
  });

  it('groups by tag', () => {
    const tree = buildTree([folder('ws', items)], { grouping: 'tag', filter: {} });
    assert.deepEqual(outline(tree.roots), [{ 'FIXME (1)': ['retry upload'] }, { 'TODO (2)': ['cache the token', 'drop python 2'] }]);
  });

  it('puts an item with two owners under both, and items without one last', () => {
    const tree = buildTree([folder('ws', items)], { grouping: 'owner', filter: {} });
    assert.deepEqual(outline(tree.roots), [
      { '@alice (2)': ['retry upload', 'cache the token'] },
      { '@bob (1)': ['cache the token'] },
      { 'No owner (1)': ['drop python 2'] },
    ]);
    const ids = tree.roots.flatMap((g) => (g as GroupNode).children.map((c) => c.id));
    assert.equal(new Set(ids).size, ids.length, 'node ids are unique even for an item shown twice');
  });

  it('groups and filters owners in any case as one person, named by the first spelling', () => {
    const spelled = [
      sessionItem({ file: 'a.go', line: 1, title: 'one', owners: ['rfindley'] }),
      sessionItem({ file: 'b.go', line: 1, title: 'two', owners: ['rFindley'] }),
      sessionItem({ file: 'c.go', line: 1, title: 'three', owners: ['RFINDLEY', 'adonovan'] }),
    ];
    assert.deepEqual(outline(buildTree([folder('ws', spelled)], { grouping: 'owner', filter: {} }).roots), [
      { '@adonovan (1)': ['three'] },
      { '@rfindley (3)': ['one', 'two', 'three'] },
    ]);
    assert.deepEqual(groupValues(sessionItem({ owners: ['Bob', '@bob', 'carol'] }), 'owner'), ['Bob', 'carol']);
    const filtered = buildTree([folder('ws', spelled)], { grouping: 'file', filter: { owners: ['RFindley'] } });
    assert.equal(filtered.shown, 3);
  });

  it('groups by label with # and by tracker state', () => {
    const tracked = sessionItem({ title: 'tracked', id: 'PD-CCCCCC', trackers: [{ tracker: 'github', key: '#4', url: null, state: 'open', stateAt: null }] });
    assert.deepEqual(outline(buildTree([folder('ws', items)], { grouping: 'label', filter: {} }).roots), [
      { '#net (1)': ['retry upload'] },
      { '#perf (1)': ['retry upload'] },
      { 'No label (2)': ['cache the token', 'drop python 2'] },
    ]);
    assert.deepEqual(outline(buildTree([folder('ws', [tracked, items[0]!])], { grouping: 'tracker', filter: {} }).roots), [{ 'open (1)': ['tracked'] }, { 'No ticket (1)': ['retry upload'] }]);
  });

  it('shows sprint nodes in sprint order even when empty, the ledger sprint over the comment, "No sprint" last', () => {
    const sprints = [
      { name: 'S1', start: '2026-01-01', end: '2026-01-14', when: 'current' as const },
      { name: 'S0', start: '2025-12-18', end: '2025-12-31', when: 'ended' as const },
    ];
    const tree = buildTree([folder('ws', items, sprints)], { grouping: 'sprint', filter: {} });
    assert.deepEqual(outline(tree.roots), [{ 'S1 (1)': ['retry upload'] }, { 'S0 (0)': [] }, { 'S2 (1)': ['cache the token'] }, { 'No sprint (1)': ['drop python 2'] }]);
    assert.equal((tree.roots[0] as GroupNode).sprint?.when, 'current');
  });

  it('while filtering, leaves empty sprints out (so the view can say nothing matches)', () => {
    const sprints = [
      { name: 'S1', start: '2026-01-01', end: '2026-01-14', when: 'current' as const },
      { name: 'S0', start: '2025-12-18', end: '2025-12-31', when: 'ended' as const },
    ];
    const tree = buildTree([folder('ws', items, sprints)], { grouping: 'sprint', filter: { text: 'python' } });
    assert.deepEqual(outline(tree.roots), [{ 'No sprint (1)': ['drop python 2'] }]);
    assert.deepEqual(buildTree([folder('ws', items, sprints)], { grouping: 'sprint', filter: { text: 'nothing like it' } }).roots, []);
    const upload = buildTree([folder('ws', items, sprints)], { grouping: 'sprint', filter: { text: 'upload' } });
    assert.equal((upload.roots[0] as GroupNode).sprint?.when, 'current', 'a sprint group keeps its dates while filtering');
  });

  it('shows folders as top-level groups in multi-root workspaces only', () => {
    const single = buildTree([folder('api', items)], { grouping: 'tag', filter: {} });
    assert.equal((single.roots[0] as GroupNode).groupKind, 'tag');
    const multi = buildTree([folder('api', items), folder('web', [sessionItem({ title: 'web debt' })])], { grouping: 'tag', filter: {} });
    assert.deepEqual(outline(multi.roots), [
      { 'api (3)': [{ 'FIXME (1)': ['retry upload'] }, { 'TODO (2)': ['cache the token', 'drop python 2'] }] },
      { 'web (1)': [{ 'TODO (1)': ['web debt'] }] },
    ]);
    const web = multi.roots[1] as GroupNode;
    assert.equal(web.children[0]!.parent, web, 'parents link up for reveal');
  });

  it('filters by words (all must match, any case) over title, file, owner, label, id', () => {
    const match = (text: string) => items.filter(itemFilter({ text })).map((i) => i.debt.title);
    assert.deepEqual(match('TOKEN'), ['cache the token']);
    assert.deepEqual(match('src/ retry'), ['retry upload']);
    assert.deepEqual(match('@alice'), ['retry upload', 'cache the token']);
    assert.deepEqual(match('#perf'), ['retry upload']);
    assert.deepEqual(match('pd-bbb'), ['drop python 2']);
    assert.deepEqual(match('retry token'), []);
  });

  it('filters by tag, status (new for items not in the ledger) and owner (empty: no owner)', () => {
    const titles = (f: Parameters<typeof itemFilter>[0]) => items.filter(itemFilter(f)).map((i) => i.debt.title);
    assert.deepEqual(titles({ tags: ['fixme'] }), ['retry upload']);
    assert.deepEqual(titles({ statuses: ['new'] }), ['cache the token']);
    assert.deepEqual(titles({ statuses: ['resolved', 'scheduled'] }), ['retry upload', 'drop python 2']);
    assert.deepEqual(titles({ owners: ['bob'] }), ['cache the token']);
    assert.deepEqual(titles({ owners: [''] }), ['drop python 2']);
    assert.deepEqual(titles({ tags: ['TODO'], owners: ['alice'] }), ['cache the token']);
  });

  it('counts what the filter shows and the total', () => {
    const tree = buildTree([folder('ws', items)], { grouping: 'tag', filter: { tags: ['TODO'] } });
    assert.equal(tree.shown, 2);
    assert.equal(tree.total, 3);
    assert.deepEqual(outline(tree.roots), [{ 'TODO (2)': ['cache the token', 'drop python 2'] }]);
  });

  it('describes a filter in a few words', () => {
    assert.equal(describeFilter({ text: ' cache ', tags: ['TODO', 'FIXME'], statuses: ['open'], owners: ['alice', ''] }), '"cache" · TODO, FIXME · open · @alice, no owner');
    assert.ok(isEmptyFilter({ text: '  ', tags: [] }));
    assert.ok(!isEmptyFilter({ owners: [''] }));
  });

  it('lists the items under a group once each', () => {
    const tree = buildTree([folder('api', items), folder('web', [])], { grouping: 'owner', filter: {} });
    assert.deepEqual(itemsUnder(tree.roots[0]!).map((n) => n.item.debt.title), ['retry upload', 'cache the token', 'drop python 2']);
  });

  describe('interest grouping', () => {
    // 12 tracked files: hot.ts is the top 8%, warm.ts (top 17%) and tepid.ts (top 25%) changed, the rest not.
    const interest = interestIndex({
      days: 90,
      since: '2026-04-01',
      commits: 60,
      trackedFiles: 12,
      files: new Map([
        ['src/hot.ts', { commits: 41, lines: 900 }],
        ['src/tepid.ts', { commits: 2, lines: 8 }],
        ['src/warm.ts', { commits: 6, lines: 40 }],
      ]),
    });
    const hotItems = [
      sessionItem({ file: 'src/cold.ts', line: 1, title: 'cold corner' }),
      sessionItem({ file: 'src/hot.ts', line: 4, title: 'hot path' }),
      sessionItem({ file: 'src/tepid.ts', line: 2, title: 'tepid' }),
      sessionItem({ file: 'src/warm.ts', line: 7, title: 'warm' }),
    ];

    it('groups the most changed tenth of the repository first, then files changed in the window, then the rest; items by commits', () => {
      const tree = buildTree([{ ...folder('ws', hotItems), interest }], { grouping: 'interest', filter: {} });
      assert.deepEqual(outline(tree.roots), [
        { 'Top 10% most changed (1)': ['hot path'] },
        { 'Changed in the last 90 days (2)': ['warm', 'tepid'] },
        { 'Not changed in 90 days (1)': ['cold corner'] },
      ]);
      const hot = (tree.roots[0] as GroupNode).children[0] as ItemNode;
      assert.deepEqual([hot.interest?.commits, hot.interest?.days], [41, 90], 'each row knows its interest, for its description');
      assert.deepEqual(groupValues(hotItems[0]!, 'interest', interest), ['quiet']);
    });

    it('before the history is read, every item waits in one group; a reading regroups only the rows it changes', () => {
      const waiting = buildTree([folder('ws', hotItems)], { grouping: 'interest', filter: {} });
      assert.deepEqual(outline(waiting.roots), [{ 'Interest not read yet (4)': ['cold corner', 'hot path', 'tepid', 'warm'] }]);
      const read = buildTree([{ ...folder('ws', hotItems), interest }], { grouping: 'interest', filter: {} });
      const { tree, refresh } = carryOver(waiting, read, (n) => `${n.item.debt.title} ${n.interest?.commits ?? '-'}`);
      assert.equal(refresh, 'all', 'the top-level groups changed');
      assert.equal(tree.roots.length, 3);
      const again = carryOver(tree, buildTree([{ ...folder('ws', hotItems), interest }], { grouping: 'interest', filter: {} }), (n) => `${n.item.debt.title} ${n.interest?.commits ?? '-'}`);
      assert.deepEqual(again.refresh, [], 'the same reading changes no row');
    });

    it('names the window the config sets', () => {
      const month = interestIndex({ days: 30, since: '2026-06-01', commits: 1, trackedFiles: 100, files: new Map([['src/warm.ts', { commits: 1, lines: 1 }]]) });
      const tree = buildTree([{ ...folder('ws', hotItems), interest: month }], { grouping: 'interest', filter: {} });
      assert.deepEqual(tree.roots.map((g) => (g as GroupNode).label), ['Top 10% most changed', 'Not changed in 30 days']);
    });
  });

  it('reads groups from the comment, falling back to the ledger', () => {
    const item = sessionItem({ id: 'PD-DDDDDD', ledgerSprint: 'S3', sprint: 'S9' });
    assert.deepEqual(groupValues(item, 'sprint'), ['S3']);
    assert.deepEqual(groupValues(sessionItem({ owners: ['@carol', 'carol'] }), 'owner'), ['carol']);
  });

  describe('folder tree', () => {
    const files = [
      'src/engine/scanner/lexer.ts',
      'src/engine/scanner/walk.ts',
      'src/engine/scanner/walk.ts',
      'src/extension/views/index.ts',
      'src/extension/index.ts',
      'README.md',
      'docs/Guide.md',
      'docs/api/index.md',
    ];
    const tree = (items = files.map((file, i) => sessionItem({ file, line: i + 1, title: `t${i}` }))) => buildTree([folder('ws', items)], { grouping: 'folder', filter: {} });

    it('orders names as the Explorer does: numbers by value, any case', () => {
      const items = ['src/f10.ts', 'src/F2.ts', 'src/f1.ts', 'src/b/x.ts'].map((file) => sessionItem({ file, title: file }));
      assert.deepEqual(outline(tree(items).roots), [{ 'src (4)': [{ 'b (1)': [{ 'x.ts (1)': ['src/b/x.ts'] }] }, { 'f1.ts (1)': ['src/f1.ts'] }, { 'F2.ts (1)': ['src/F2.ts'] }, { 'f10.ts (1)': ['src/f10.ts'] }] }]);
    });

    it('nests folders and files like the Explorer: folders first, by name in any case, a folder with only a folder in it as one row', () => {
      assert.deepEqual(outline(tree().roots), [
        { 'docs (2)': [{ 'api (1)': [{ 'index.md (1)': ['t7'] }] }, { 'Guide.md (1)': ['t6'] }] },
        {
          'src (5)': [
            { 'engine/scanner (3)': [{ 'lexer.ts (1)': ['t0'] }, { 'walk.ts (2)': ['t1', 't2'] }] },
            { 'extension (2)': [{ 'views (1)': [{ 'index.ts (1)': ['t3'] }] }, { 'index.ts (1)': ['t4'] }] },
          ],
        },
        { 'README.md (1)': ['t5'] },
      ]);
    });

    it('counts items and files under every folder, and tells same-named files apart by their place', () => {
      const src = tree().roots.find((n) => n.kind === 'group' && n.label === 'src') as GroupNode;
      assert.deepEqual([src.count, src.files], [5, 4]);
      const ids = new Set<string>();
      const walk = (nodes: readonly DebtNode[]): void => {
        for (const n of nodes) {
          ids.add(n.id);
          if (n.kind === 'group') walk(n.children);
        }
      };
      walk(tree().roots);
      assert.ok(ids.has('g:file:///ws/ws|folder|f:src/extension/views/index.ts') && ids.has('g:file:///ws/ws|folder|f:src/extension/index.ts'));
      assert.ok(ids.has('g:file:///ws/ws|folder|d:src/engine/scanner'), 'a compacted row is the deepest folder of its chain');
    });

    it('opens level by level while the rows fit the budget; a lone top row always opens', () => {
      const small = tree();
      const expanded = (nodes: readonly DebtNode[]): string[] => nodes.flatMap((n) => (n.kind === 'group' ? [...(n.expanded ? [n.label] : []), ...expanded(n.children)] : []));
      assert.deepEqual(expanded(small.roots).sort(), ['Guide.md', 'README.md', 'api', 'docs', 'engine/scanner', 'extension', 'index.md', 'index.ts', 'index.ts', 'lexer.ts', 'src', 'views', 'walk.ts'].sort(), 'a small tree opens fully');
      const big = Array.from({ length: 400 }, (_, i) => sessionItem({ file: `pkg/m${String(i % 20).padStart(2, '0')}/f${i}.ts`, line: 1, title: `x${i}` }));
      const b = tree(big);
      assert.equal(b.roots.length, 1);
      const pkg = b.roots[0] as GroupNode;
      assert.equal(pkg.expanded, true, 'the lone top folder opens');
      assert.equal(pkg.children.length, 20);
      assert.ok((pkg.children as GroupNode[]).every((m) => !m.expanded), 'its 20 folders of 20 files each would pass the budget: they stay closed');
    });

    it('filters like the other groupings, leaving empty folders out', () => {
      const items = files.map((file, i) => sessionItem({ file, line: i + 1, title: `t${i}`, tag: file.startsWith('docs') ? 'FIXME' : 'TODO' }));
      const t = buildTree([folder('ws', items)], { grouping: 'folder', filter: { tags: ['FIXME'] } });
      assert.deepEqual(outline(t.roots), [{ 'docs (2)': [{ 'api (1)': [{ 'index.md (1)': ['t7'] }] }, { 'Guide.md (1)': ['t6'] }] }]);
      assert.equal(t.shown, 2);
    });
  });

  describe('carrying a rebuilt tree over (what the view refreshes)', () => {
    const sig = (n: ItemNode): string => `${n.item.debt.title}|${n.item.debt.line}`;
    const build = (items: ReturnType<typeof sessionItem>[]) => buildTree([folder('ws', items)], { grouping: 'folder', filter: {} });
    const base = () => [
      sessionItem({ file: 'src/a/x.ts', line: 1, title: 'one' }),
      sessionItem({ file: 'src/a/x.ts', line: 5, title: 'two' }),
      sessionItem({ file: 'src/b/y.ts', line: 2, title: 'three' }),
    ];

    it('keeps every node object and refreshes nothing when nothing changed', () => {
      const items = base();
      const first = build(items);
      const { tree, refresh } = carryOver(first, build(items), sig);
      assert.deepEqual(refresh, []);
      assert.equal(tree.roots[0], first.roots[0]);
    });

    it('a title typed in one file refreshes that item’s row only', () => {
      const items = base();
      const first = build(items);
      const x = ((first.roots[0] as GroupNode).children[0] as GroupNode).children[0] as GroupNode;
      const typed = [sessionItem({ file: 'src/a/x.ts', line: 1, title: 'one, edited' }), items[1]!, items[2]!];
      const { tree, refresh } = carryOver(first, build(typed), sig);
      assert.ok(refresh !== 'all');
      assert.deepEqual(refresh.map((n) => n.id), [`${x.id}|src/a/x.ts:1:4`]);
      assert.equal(refresh[0], x.children[0], 'the view’s own object, updated in place');
      assert.equal((refresh[0] as { item: { debt: { title: string } } }).item.debt.title, 'one, edited');
      assert.equal(tree.roots[0], first.roots[0]);
    });

    it('a new item refreshes its file and the folders whose counts changed', () => {
      const items = base();
      const first = build(items);
      const { refresh } = carryOver(first, build([...items, sessionItem({ file: 'src/b/y.ts', line: 9, title: 'four' })]), sig);
      assert.ok(refresh !== 'all');
      assert.deepEqual(refresh.map((n) => (n.kind === 'group' ? n.label : n.id)).sort(), ['b', 'src', 'y.ts']);
    });

    it('new top-level rows refresh everything', () => {
      const first = build(base());
      assert.equal(carryOver(first, build([...base(), sessionItem({ file: 'README.md', title: 'top' })]), sig).refresh, 'all');
    });
  });

  it('auto grouping is the folder tree once more than 40 files hold debt', () => {
    const items = (n: number) => Array.from({ length: n }, (_, i) => sessionItem({ file: `src/f${String(i).padStart(3, '0')}.ts` }));
    assert.equal(autoGrouping([folder('ws', items(40))]), 'file');
    assert.equal(autoGrouping([folder('ws', items(41))]), 'folder');
    assert.equal(autoGrouping([folder('a', items(20)), folder('b', items(21))]), 'folder', 'counted over all folders');
  });

  it('groups start expanded only while the rows fit a screen (a flat list all or none); a big lone group stays closed', () => {
    const items = (n: number, tag = 'TODO') => Array.from({ length: n }, (_, i) => sessionItem({ file: `f${i}.ts`, tag: i % 2 ? tag : 'FIXME' }));
    const expanded = (t: ReturnType<typeof buildTree>) => t.roots.filter((g) => g.kind === 'group' && g.expanded).length;
    assert.equal(expanded(buildTree([folder('ws', items(20))], { grouping: 'file', filter: {} })), 20, '20 files and their 20 items fit');
    assert.equal(expanded(buildTree([folder('ws', items(30))], { grouping: 'file', filter: {} })), 0, 'a flat list opens all its groups or none');
    assert.equal(expanded(buildTree([folder('ws', items(3000))], { grouping: 'tag', filter: {} })), 0, 'two tags of 1,500 items each stay closed');
    assert.equal(expanded(buildTree([folder('ws', Array.from({ length: 150 }, (_, i) => sessionItem({ file: `f${i}.ts` })))], { grouping: 'tag', filter: {} })), 1, 'a lone tag of 150 opens');
    assert.equal(expanded(buildTree([folder('ws', Array.from({ length: 250 }, (_, i) => sessionItem({ file: `f${i}.ts` })))], { grouping: 'tag', filter: {} })), 0, 'but not one of 250');
  });

  // How fast: `npm run bench -- --only tree` (a timed assertion here would only measure the machine's load).
  it('builds 10,000 items in every grouping, each shown', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => sessionItem({ file: `src/f${i % 500}.ts`, line: i, title: `item ${i}`, owners: [`o${i % 7}`], labels: [`l${i % 11}`] }));
    for (const grouping of ['folder', 'file', 'owner', 'label', 'interest'] as const) {
      const tree = buildTree([folder('ws', many)], { grouping, filter: { text: 'item' } });
      assert.equal(tree.shown, 10_000);
      assert.equal(tree.roots.reduce((n, g) => n + (g as GroupNode).count, 0), 10_000, grouping);
    }
  });
});
