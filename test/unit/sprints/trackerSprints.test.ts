import * as assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, parseConfig, PaydownError, WorkspaceSession, type PaydownConfig } from '../../../src/engine';
import { resolveSprints } from '../../../src/engine/sprints';
import { formatTrackerSprints, parseTrackerSprints, readTrackerSprints, TRACKER_SPRINTS_FILE, writeTrackerSprints, type TrackerSprintsCache } from '../../../src/engine/sprints/trackerCache';
import { openWorkspace, refreshTrackerSprints, sprintCalendar, trackerSprintSettings } from '../../../src/engine/workspace';
import type { Ports } from '../../../src/engine/ports';
import { TrackerError, type SprintSource, type TrackerSprint } from '../../../src/engine/trackers/model';
import { trackerSprintsNotRefreshedText, trackerSprintsRefreshText } from '../../../src/cli/reporters/trackerSprintsText';

// Sprints read from a tracker: the config's tracker form, the cache committed beside the ledger,
// how cached sprints merge with the config's overrides and complements, and the refresh.

function configError(text: string): string[] {
  try {
    parseConfig(text, '.paydown/config.jsonc');
  } catch (err) {
    if (PaydownError.is(err, 'config-invalid')) return [...err.details];
    throw err;
  }
  assert.fail('expected the config to be rejected');
}

const JIRA_FORM = `{ "sprints": { "from": "jira", "board": 12, "capacity": 40, "debtBudget": "20%" } }`;

const sprint = (id: string, name: string, start: string, end: string, more: Partial<TrackerSprint> = {}): TrackerSprint => ({ id, name, start, end, capacity: null, state: null, ...more });

const JIRA_SPRINTS = [sprint('1', 'PAY Sprint 1', '2026-03-02', '2026-03-13', { state: 'closed' }), sprint('2', 'PAY Sprint 2', '2026-03-16', '2026-03-27', { state: 'active', capacity: 30 }), sprint('3', 'PAY Sprint 3', '2026-03-30', '2026-04-10', { state: 'future' })];

const cacheOf = (sprints: TrackerSprint[], more: Partial<TrackerSprintsCache> = {}): TrackerSprintsCache => ({ tracker: 'jira', scope: 'board 12', host: 'acme.atlassian.net', fetchedAt: '2026-03-17T08:00:00.000Z', sprints, ...more });

function tempRoot(files: Record<string, string> = {}): string {
  const root = mkdtempSync(path.join(tmpdir(), 'paydown-tracker-sprints-'));
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

function ports(now = '2026-03-18T09:00:00Z'): Ports {
  const silent = (): void => undefined;
  return { clock: { now: () => new Date(now) }, logger: { debug: silent, info: silent, warn: silent, error: silent }, identity: { current: async () => null }, git: null } as unknown as Ports;
}

/** A source answering `sprints` (or throwing `error`), counting its calls. */
function fakeSource(sprints: TrackerSprint[] | (() => never), kind: SprintSource['kind'] = 'jira'): SprintSource & { calls: number } {
  const source = {
    kind,
    host: 'acme.atlassian.net',
    scope: 'board 12',
    calls: 0,
    listSprints: async () => {
      source.calls++;
      return typeof sprints === 'function' ? sprints() : sprints.map((s) => ({ ...s }));
    },
  };
  return source;
}

describe('sprints from a tracker: the config', () => {
  it('reads the tracker form: tracker, ids, capacity, budget, squad, and entries listed beside them', () => {
    const config = parseConfig(
      `{ "sprints": { "from": "jira", "board": 12, "capacity": 40, "debtBudget": "20%", "squad": "payments",
          "sprints": [
            { "name": "PAY Sprint 2", "capacity": 25 },
            { "name": "Hardening", "start": "2026-04-13", "end": "2026-04-17", "debtBudget": "50%" }
          ] } }`,
      'c',
    );
    assert.deepEqual(config.sprintsFrom, {
      scope: { tracker: 'jira', board: 12 },
      capacity: 40,
      debtBudget: { share: 0.2 },
      squad: 'payments',
      overrides: [
        { name: 'PAY Sprint 2', capacity: 25, debtBudget: null, dated: false },
        { name: 'Hardening', capacity: null, debtBudget: { share: 0.5 }, dated: true },
      ],
    });
    // An entry with dates is a sprint of its own, with the form's defaults.
    assert.deepEqual(config.sprints, [{ name: 'Hardening', start: '2026-04-13', end: '2026-04-17', capacity: 40, debtBudget: { share: 0.5 }, squad: 'payments' }]);
    assert.deepEqual(trackerSprintSettings(config), { tracker: 'jira', board: 12 });
  });

  it('names each tracker’s ids: a GitHub project as "owner/number", a GitLab group or project, a Linear team', () => {
    const scope = (body: string): unknown => trackerSprintSettings(parseConfig(`{ "sprints": { ${body}, "capacity": 40, "debtBudget": 8 } }`, 'c'));
    assert.deepEqual(scope('"from": "github", "project": "acme/3"'), { tracker: 'github', owner: 'acme', number: 3, iterationField: null });
    assert.deepEqual(scope('"from": "github", "project": "acme/3", "iterationField": "Sprint"'), { tracker: 'github', owner: 'acme', number: 3, iterationField: 'Sprint' });
    assert.deepEqual(scope('"from": "gitlab", "group": "acme/platform"'), { tracker: 'gitlab', group: 'acme/platform' });
    assert.deepEqual(scope('"from": "gitlab", "project": "acme/platform/app"'), { tracker: 'gitlab', project: 'acme/platform/app' });
    assert.deepEqual(scope('"from": "linear", "team": "ENG"'), { tracker: 'linear', team: 'ENG' });
    assert.equal(trackerSprintSettings(parseConfig('{ "sprints": [] }', 'c')), null);
  });

  it('names every problem of the tracker form by its path', () => {
    assert.deepEqual(configError(`{ "sprints": { "from": "trello", "capacity": -1, "colour": 1 } }`), [
      'sprints.colour: unknown setting (known: from, board, project, iterationField, group, team, capacity, debtBudget, squad, sprints)',
      'sprints.from: must be "jira", "github", "gitlab" or "linear", got "trello"',
      'sprints.capacity: must be a non-negative number no greater than 1000000, got -1',
      'sprints.debtBudget: required: the share of each tracker sprint protected for debt, like "20%", or a number of points',
    ]);
    assert.deepEqual(configError(`{ "sprints": { "board": 12, "capacity": 40, "debtBudget": "20%" } }`), [
      'sprints.from: required in this form (the tracker to read sprints from: "jira", "github", "gitlab" or "linear"); to list sprints here, make "sprints" a list',
    ]);
    assert.deepEqual(configError(`{ "sprints": { "from": "jira", "team": "ENG", "capacity": 40, "debtBudget": 50 } }`), [
      'sprints.team: not a setting of "from": "jira" (it takes board)',
      'sprints.board: required with "from": "jira": the id of the board whose sprints to read (in its URL: …/boards/12)',
      'sprints.debtBudget: 50 points is more than the capacity of 40',
    ]);
    assert.deepEqual(configError(`{ "sprints": { "from": "github", "project": "https://github.com/orgs/acme/projects/3", "capacity": 40, "debtBudget": "20%" } }`), [
      'sprints.project: with "from": "github", must be "owner/number", the project\'s owner and number as in github.com/orgs/acme/projects/3 → "acme/3", got "https://github.com/orgs/acme/projects/3"',
    ]);
    assert.deepEqual(configError(`{ "sprints": { "from": "gitlab", "group": "a", "project": "a/b", "capacity": 40, "debtBudget": "20%" } }`), [
      'sprints: with "from": "gitlab", give exactly one of "group" (a group\'s iterations, e.g. "acme/platform") and "project" (a project\'s, e.g. "acme/app")',
    ]);
  });

  it('checks the entries listed beside the tracker’s, and refuses a cadence with `from`', () => {
    assert.deepEqual(
      configError(`{
        "sprints": { "from": "linear", "team": "ENG", "capacity": 40, "debtBudget": "20%", "sprints": [
          { "name": "Hardening", "start": "2026-04-13" },
          { "name": "Gap", "start": "2026-04-13", "end": "2026-04-10" },
          { "capacity": 10 }
        ] },
        "cadence": { "start": "2026-01-10", "lengthDays": 14, "capacity": 40, "debtBudget": "20%" }
      }`),
      [
        'sprints.sprints[0]: give both "start" and "end" (a sprint of its own), or neither (to override the tracker sprint named "Hardening")',
        'sprints.sprints[1].end: 2026-04-10 is before start 2026-04-13',
        'sprints.sprints[2].name: must be a non-empty string',
        'cadence: cannot be used with sprints.from (the tracker says when sprints start and end); remove "cadence", or list sprints here instead of reading them',
      ],
    );
  });

  it('keeps reading today’s list of sprints as before', () => {
    const config = parseConfig(`{ "sprints": [{ "name": "S1", "start": "2026-01-05", "end": "2026-01-16", "capacity": 40, "debtBudget": "20%" }] }`, 'c');
    assert.equal(config.sprintsFrom, null);
    assert.deepEqual(resolveSprints(config, '2026-01-06').map((s) => [s.name, s.source]), [['S1', 'config']]);
  });
});

describe('sprints from a tracker: the cache (.paydown/tracker-sprints.json)', () => {
  it('round-trips, in start order, and reads back what it wrote', async () => {
    const root = tempRoot();
    const cache = cacheOf([...JIRA_SPRINTS].reverse());
    writeTrackerSprints(root, cache);
    const text = readFileSync(path.join(root, TRACKER_SPRINTS_FILE), 'utf8');
    assert.equal(text, formatTrackerSprints(cache));
    assert.match(text, /^\{\n {2}"schema": "1\.0",\n {2}"tracker": "jira",/);
    assert.deepEqual(readTrackerSprints(root), { state: 'loaded', cache: { ...cache, sprints: JIRA_SPRINTS } });
    assert.deepEqual(readTrackerSprints(tempRoot()), { state: 'missing' });
  });

  it('writes atomically: no temp file is left, and a file in the way is replaced whole', () => {
    const root = tempRoot({ [TRACKER_SPRINTS_FILE]: 'old' });
    writeTrackerSprints(root, cacheOf(JIRA_SPRINTS));
    assert.deepEqual(readdirSync(path.join(root, '.paydown')), ['tracker-sprints.json']);
    assert.equal(parseTrackerSprints(readFileSync(path.join(root, TRACKER_SPRINTS_FILE), 'utf8')).sprints.length, 3);
  });

  it('a corrupt file is `ledger-corrupt` naming what is wrong; a newer major version `ledger-newer-version`; a newer minor is read', () => {
    const good = JSON.parse(formatTrackerSprints(cacheOf(JIRA_SPRINTS)));
    const error = (doc: unknown): PaydownError => {
      try {
        parseTrackerSprints(typeof doc === 'string' ? doc : JSON.stringify(doc));
      } catch (err) {
        if (PaydownError.is(err)) return err;
        throw err;
      }
      assert.fail('expected a PaydownError');
    };
    assert.equal(error('{ "schema": "1.0", ').reason, 'ledger-corrupt');
    assert.match(error({ ...good, sprints: [{ ...good.sprints[0], end: '2026-02-01' }] }).message, /sprints\[0\]\.end 2026-02-01 is before its start 2026-03-02/);
    assert.match(error({ ...good, colour: 'red' }).message, /unknown field "colour"/);
    const newer = error({ ...good, schema: '2.0' });
    assert.equal(newer.reason, 'ledger-newer-version');
    assert.match(newer.hint!, /left untouched/);
    assert.equal(parseTrackerSprints(JSON.stringify({ ...good, schema: '1.4', etag: 'x', sprints: [{ ...good.sprints[0], goal: 'ship' }] })).sprints[0]!.name, 'PAY Sprint 1');
  });

  it('opening a workspace reads it (only with `from`); an unreadable one is a state, not a failed open', async () => {
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM, [TRACKER_SPRINTS_FILE]: formatTrackerSprints(cacheOf(JIRA_SPRINTS)) });
    assert.equal((await openWorkspace(root, ports())).config.trackerSprints?.state, 'loaded');
    assert.equal(loadConfig(root).config.trackerSprints, null, 'the config alone reads no cache');
    writeFileSync(path.join(root, TRACKER_SPRINTS_FILE), '{ broken');
    const broken = await openWorkspace(root, ports());
    assert.equal(broken.config.trackerSprints?.state, 'unreadable');
    assert.equal(broken.sprints().tracker?.state, 'unreadable', 'the calendar still answers (the status bar, the tree)');
    await assert.rejects(broken.budget('current'), (err: unknown) => PaydownError.is(err, 'ledger-corrupt'));
    writeFileSync(path.join(root, '.paydown/config.jsonc'), '{}');
    assert.equal((await openWorkspace(root, ports())).config.trackerSprints, null, 'no `from`: the file is not read');
  });

  it('refuses a symbolic link in place of the cache', async function () {
    if (process.platform === 'win32') this.skip();
    const root = tempRoot({ 'elsewhere.json': formatTrackerSprints(cacheOf(JIRA_SPRINTS)) });
    mkdirSync(path.join(root, '.paydown'));
    symlinkSync(path.join(root, 'elsewhere.json'), path.join(root, TRACKER_SPRINTS_FILE));
    assert.equal(readTrackerSprints(root).state, 'unreadable');
  });
});

describe('sprints from a tracker: the merge', () => {
  const withCache = (text: string, cache: TrackerSprintsCache | null): PaydownConfig => ({ ...parseConfig(text, 'c'), trackerSprints: cache ? { state: 'loaded', cache } : { state: 'missing' } });

  it('tracker sprints get the config’s budget; capacity is the tracker’s, else the form’s; source names the tracker', () => {
    const sprints = resolveSprints(withCache(JIRA_FORM, cacheOf(JIRA_SPRINTS)), '2026-03-18');
    assert.deepEqual(
      sprints.map((s) => [s.name, s.start, s.end, s.capacity, s.debtBudget, s.squad, s.source]),
      [
        ['PAY Sprint 1', '2026-03-02', '2026-03-13', 40, { share: 0.2 }, null, 'jira'],
        ['PAY Sprint 2', '2026-03-16', '2026-03-27', 30, { share: 0.2 }, null, 'jira'],
        ['PAY Sprint 3', '2026-03-30', '2026-04-10', 40, { share: 0.2 }, null, 'jira'],
      ],
    );
  });

  it('an entry named like a tracker sprint overrides what it gives; other entries are added as config sprints', () => {
    const config = withCache(
      `{ "sprints": { "from": "jira", "board": 12, "capacity": 40, "debtBudget": "20%", "sprints": [
          { "name": "PAY Sprint 2", "debtBudget": 12, "squad": "core" },
          { "name": "PAY Sprint 3", "start": "2026-05-01", "end": "2026-05-02", "capacity": 20 },
          { "name": "Hardening", "start": "2026-04-13", "end": "2026-04-17", "capacity": 10 },
          { "name": "Someday", "capacity": 5 }
        ] } }`,
      cacheOf(JIRA_SPRINTS),
    );
    assert.deepEqual(
      resolveSprints(config, '2026-03-18').map((s) => [s.name, s.start, s.capacity, s.debtBudget, s.squad, s.source]),
      [
        ['PAY Sprint 1', '2026-03-02', 40, { share: 0.2 }, null, 'jira'],
        ['PAY Sprint 2', '2026-03-16', 30, { points: 12 }, 'core', 'jira'],
        // Its dates stay the tracker's: an override changes capacity, budget and squad only.
        ['PAY Sprint 3', '2026-03-30', 20, { share: 0.2 }, null, 'jira'],
        ['Hardening', '2026-04-13', 10, { share: 0.2 }, null, 'config'],
      ],
    );
    // An entry without dates that names no tracker sprint changes nothing, and is said so.
    assert.deepEqual(sprintCalendar(config, '2026-03-18').tracker?.unmatched, ['Someday']);
  });

  it('no cache yet, or one of another board: no tracker sprints, and `current` says to run `paydown sync`', () => {
    for (const cache of [null, cacheOf(JIRA_SPRINTS, { scope: 'board 7' })]) {
      const calendar = sprintCalendar(withCache(JIRA_FORM, cache), '2026-03-18');
      assert.deepEqual(calendar.sprints, []);
      assert.equal(calendar.tracker?.state, cache ? 'stale' : 'missing');
      assert.match(calendar.problems[0]!.message, cache ? /^no sprints from Jira board 12 yet \(\.paydown\/tracker-sprints\.json holds Jira board 7's\): run `paydown sync`$/ : /^no sprints from Jira yet: run `paydown sync`$/);
      assert.equal(calendar.find('PAY Sprint 2').problem?.code, 'no-tracker-sprints');
    }
  });
});

describe('sprints from a tracker: refreshTrackerSprints', () => {
  const cacheFile = (root: string): string => path.join(root, TRACKER_SPRINTS_FILE);

  it('writes what the tracker has, counts what changed, and the workspace sees the new sprints', async () => {
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM });
    const workspace = await openWorkspace(root, ports());
    assert.equal(workspace.sprints().problems[0]?.code, 'no-tracker-sprints');
    const first = await refreshTrackerSprints(workspace, fakeSource(JIRA_SPRINTS));
    assert.deepEqual(first, { tracker: 'jira', scope: 'board 12', host: 'acme.atlassian.net', added: 3, changed: 0, removed: 0, total: 3, skipped: [], written: true, fetchedAt: '2026-03-18T09:00:00.000Z' });
    assert.equal(workspace.sprints().current?.name, 'PAY Sprint 2');
    assert.equal(workspace.sprints().current?.source, 'jira');

    const moved = [JIRA_SPRINTS[1]!, { ...JIRA_SPRINTS[2]!, end: '2026-04-14' }, sprint('4', 'PAY Sprint 4', '2026-04-15', '2026-04-28'), sprint('5', 'Undated', '', '')];
    const second = await refreshTrackerSprints(await openWorkspace(root, ports('2026-03-19T09:00:00Z')), fakeSource(moved));
    assert.deepEqual([second.added, second.changed, second.removed, second.total, second.skipped, second.written], [1, 1, 1, 3, ['Undated'], true]);
    assert.deepEqual(parseTrackerSprints(readFileSync(cacheFile(root), 'utf8')).sprints.map((s) => s.name), ['PAY Sprint 2', 'PAY Sprint 3', 'PAY Sprint 4']);
  });

  it('the same sprints again: nothing written, not even the time', async () => {
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM });
    await refreshTrackerSprints(await openWorkspace(root, ports()), fakeSource(JIRA_SPRINTS));
    const before = statSync(cacheFile(root)).mtimeMs;
    const text = readFileSync(cacheFile(root), 'utf8');
    const again = await refreshTrackerSprints(await openWorkspace(root, ports('2026-03-20T09:00:00Z')), fakeSource([...JIRA_SPRINTS].reverse()));
    assert.deepEqual([again.added, again.changed, again.removed, again.written, again.fetchedAt], [0, 0, 0, false, '2026-03-18T09:00:00.000Z']);
    assert.equal(readFileSync(cacheFile(root), 'utf8'), text);
    assert.equal(statSync(cacheFile(root)).mtimeMs, before);
  });

  it('offline or rate-limited: the tracker’s error goes to the caller, the cache stays as it was', async () => {
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM, [TRACKER_SPRINTS_FILE]: formatTrackerSprints(cacheOf(JIRA_SPRINTS)) });
    const text = readFileSync(cacheFile(root), 'utf8');
    const workspace = await openWorkspace(root, ports());
    for (const reason of ['offline', 'rate-limited'] as const) {
      await assert.rejects(
        refreshTrackerSprints(
          workspace,
          fakeSource(() => {
            throw new TrackerError(reason, 'no');
          }),
        ),
        (err: unknown) => TrackerError.is(err, reason),
      );
    }
    assert.equal(readFileSync(cacheFile(root), 'utf8'), text);
    assert.equal(workspace.sprints().sprints.length, 3, 'budgets still work from the cache');
  });

  it('a corrupt or newer cache is never overwritten, and the tracker is not even asked', async () => {
    for (const content of ['{ torn', formatTrackerSprints(cacheOf(JIRA_SPRINTS)).replace('"1.0"', '"2.0"')]) {
      const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM, [TRACKER_SPRINTS_FILE]: content });
      const source = fakeSource(JIRA_SPRINTS);
      await assert.rejects(refreshTrackerSprints(await openWorkspace(root, ports()), source), (err: unknown) => PaydownError.is(err, 'ledger-corrupt') || PaydownError.is(err, 'ledger-newer-version'));
      assert.equal(readFileSync(cacheFile(root), 'utf8'), content);
      assert.equal(source.calls, 0);
    }
  });

  it('refuses a source of another tracker, and a config without `from`', async () => {
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM });
    await assert.rejects(refreshTrackerSprints(await openWorkspace(root, ports()), fakeSource(JIRA_SPRINTS, 'linear')), /sprints are read from Jira, not Linear/);
    const plain = tempRoot({ '.paydown/config.jsonc': '{}' });
    await assert.rejects(refreshTrackerSprints(await openWorkspace(plain, ports()), fakeSource(JIRA_SPRINTS)), (err: unknown) => PaydownError.is(err, 'tracker-config'));
    assert.equal(existsSync(cacheFile(plain)), false);
  });
});

describe('sprints from a tracker: schemas/config.schema.json', () => {
  it('accepts both forms of `sprints` and refuses what the config refuses', () => {
    const ajv = new Ajv2020({ strict: true, strictRequired: false, allowUnionTypes: true, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(__dirname, '../../../schemas/config.schema.json'), 'utf8')));
    const ok = (config: unknown): boolean => validate(config) === true;
    assert.ok(ok({ sprints: [{ name: 'S1', start: '2026-01-05', end: '2026-01-16', capacity: 40, debtBudget: '20%' }] }));
    assert.ok(ok({ sprints: { from: 'jira', board: 12, capacity: 40, debtBudget: '20%', sprints: [{ name: 'PAY Sprint 2', capacity: 25 }, { name: 'Hardening', start: '2026-04-13', end: '2026-04-17' }] } }));
    assert.ok(ok({ sprints: { from: 'github', project: 'acme/3', iterationField: 'Sprint', capacity: 40, debtBudget: 8 } }));
    assert.ok(ok({ sprints: { from: 'gitlab', group: 'acme/platform', capacity: 40, debtBudget: '20%' } }));
    assert.ok(!ok({ sprints: { from: 'jira', capacity: 40, debtBudget: '20%' } }), 'jira needs a board');
    assert.ok(!ok({ sprints: { from: 'github', project: 'https://github.com/orgs/acme/projects/3', capacity: 40, debtBudget: '20%' } }));
    assert.ok(!ok({ sprints: { from: 'gitlab', group: 'a', project: 'a/b', capacity: 40, debtBudget: '20%' } }));
    assert.ok(!ok({ sprints: { from: 'linear', team: 'ENG', board: 1, capacity: 40, debtBudget: '20%' } }));
    assert.ok(!ok({ sprints: { from: 'linear', team: 'ENG', capacity: 40, debtBudget: '20%', sprints: [{ name: 'X', start: '2026-04-13' }] } }));
  });
});

describe('sprints from a tracker: the editor’s session and the panel’s page', () => {
  it('a session opens (config and tracker sprints read) and posts its first scan before any other task of the extension host runs', async () => {
    // As a window starts, other extensions' activation takes the extension host's turns: an
    // open that waited for one would hold the first scan back until they are done.
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM, [TRACKER_SPRINTS_FILE]: formatTrackerSprints(cacheOf(JIRA_SPRINTS)), 'a.ts': '// TODO: one effort:2 sprint:PAY\n' });
    let otherTaskRan = false;
    setImmediate(() => (otherTaskRan = true));
    const session = await WorkspaceSession.open({ root, git: null });
    assert.equal(otherTaskRan, false, 'open waited for the event loop');
    assert.equal(session.settings.trackerSprints?.state, 'loaded');
    const spied = session as unknown as { scan: (...args: unknown[]) => Promise<unknown> };
    const scan = spied.scan.bind(session);
    let scanAskedBeforeOtherTasks: boolean | undefined;
    spied.scan = (...args: unknown[]) => {
      scanAskedBeforeOtherTasks = !otherTaskRan;
      return scan(...args);
    };
    const refreshed = session.refresh(undefined, { progressive: true });
    assert.equal(scanAskedBeforeOtherTasks, true);
    await refreshed;
    assert.deepEqual(session.items().map((i) => i.debt.title), ['one']);
  });

  it('the session reads the cache; the picker names the tracker; without a cache the page says to sync', async () => {
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM, [TRACKER_SPRINTS_FILE]: formatTrackerSprints(cacheOf(JIRA_SPRINTS)), 'a.ts': '// TODO: one effort:2 sprint:PAY\n' });
    const session = await WorkspaceSession.open({ root, git: null });
    await session.refresh();
    const page = session.budgetPage({ today: '2026-03-18' });
    assert.deepEqual(page.sprints.map((s) => [s.name, s.from, s.current]), [
      ['PAY Sprint 1', 'Jira', false],
      ['PAY Sprint 2', 'Jira', true],
      ['PAY Sprint 3', 'Jira', false],
    ]);
    assert.equal(page.sprint?.name, 'PAY Sprint 2');
    assert.equal(page.trackerSprints, undefined);

    writeFileSync(path.join(root, TRACKER_SPRINTS_FILE), formatTrackerSprints(cacheOf(JIRA_SPRINTS, { scope: 'board 7' })));
    await session.reloadConfig();
    const stale = session.budgetPage({ today: '2026-03-18' });
    assert.equal(stale.state, 'no-sprints');
    assert.match(stale.trackerSprints!.message, /^no sprints from Jira board 12 yet/);
    assert.match(stale.trackerSprints!.hint, /paydown sync/);
  });
});

describe('sprints from a tracker: check', () => {
  it('an unreadable cache fails `check` (its budget rule needs the sprints), as an unreadable ledger file does', async () => {
    const root = tempRoot({ '.paydown/config.jsonc': JIRA_FORM, [TRACKER_SPRINTS_FILE]: '{ torn' });
    await assert.rejects((await openWorkspace(root, ports())).check(), (err: unknown) => PaydownError.is(err, 'ledger-corrupt'));
  });
});

describe('sprints from a tracker: what sync says', () => {
  const plain = { bold: (s: string) => s, dim: (s: string) => s, red: (s: string) => s, yellow: (s: string) => s, green: (s: string) => s, cyan: (s: string) => s, magenta: (s: string) => s };
  const refresh = { tracker: 'jira' as const, scope: 'board 12', host: 'acme.atlassian.net', added: 1, changed: 2, removed: 0, total: 14, skipped: [], written: true, fetchedAt: '2026-03-18T09:00:00.000Z' };

  it('what changed and that the cache wants committing; unchanged says so with the time it was read', () => {
    assert.equal(trackerSprintsRefreshText(refresh, plain), 'Sprints from Jira board 12: 1 added, 2 changed; 14 in all. .paydown/tracker-sprints.json updated: commit it so everyone plans against the same sprints.\n');
    assert.equal(
      trackerSprintsRefreshText({ ...refresh, added: 0, changed: 0, written: false, skipped: ['Next\u001b[2J'] }, plain),
      'Sprints from Jira board 12: unchanged (14 sprints, as read 2026-03-18 09:00 UTC).\n  left out, without usable dates: Next\\x1b[2J\n',
    );
  });

  it('offline or rate-limited: not refreshed, and whether cached sprints still serve', () => {
    assert.equal(
      trackerSprintsNotRefreshedText('jira', 'board 12', new TrackerError('rate-limited', 'x', { retryAt: '2026-03-18T10:00:00.000Z' }), '2026-03-17T08:00:00.000Z', plain),
      'Sprints from Jira board 12: not refreshed (rate limited until 2026-03-18T10:00:00.000Z); the cached ones, read 2026-03-17 08:00 UTC, still serve.\n',
    );
    assert.equal(
      trackerSprintsNotRefreshedText('github', "acme/3", new TrackerError('offline', 'GitHub POST api.github.com/graphql: no answer'), null, plain),
      'Sprints from GitHub acme/3: not refreshed (offline: GitHub POST api.github.com/graphql: no answer); none are cached yet, so budgets have no tracker sprints.\n',
    );
  });
});
