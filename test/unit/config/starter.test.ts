import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadConfig, mondayOf, PaydownError, resolveSprints, starterConfigText, WorkspaceSession, writeStarterConfig } from '../../../src/engine';

describe('starter config (the budget panel\'s "no sprints" button)', () => {
  it('finds the Monday of the week, whatever the weekday', () => {
    assert.equal(mondayOf('2026-12-03'), '2026-11-30'); // a Thursday
    assert.equal(mondayOf('2026-11-30'), '2026-11-30'); // a Monday
    assert.equal(mondayOf('2026-12-06'), '2026-11-30'); // a Sunday
    assert.equal(mondayOf('2027-01-01'), '2026-12-28'); // across a year
  });

  it('writes a config whose two-week cadence has a current sprint from this Monday, 20% of 40 points protected', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paydown-starter-'));
    const file = await writeStarterConfig(root, '2026-12-03');
    assert.equal(file, path.join(root, '.paydown', 'config.jsonc'));
    const { config } = loadConfig(root);
    const current = resolveSprints(config, '2026-12-03').find((s) => s.start <= '2026-12-03' && '2026-12-03' <= s.end);
    assert.ok(current, 'a sprint contains today');
    assert.deepEqual({ name: current.name, start: current.start, end: current.end, capacity: current.capacity }, { name: 'S1', start: '2026-11-30', end: '2026-12-13', capacity: 40 });
    assert.deepEqual(current.debtBudget, { share: 0.2 });
    assert.deepEqual(config.outcomes, []);
    // The user edits from a commented file, not a bare object.
    assert.match(readFileSync(file, 'utf8'), /^\/\/ Paydown's configuration/);
    assert.match(readFileSync(file, 'utf8'), /\/\/\s+\{ "name": "reliability"/);
  });

  it('never overwrites an existing config: a usage error, the file untouched', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paydown-starter-'));
    mkdirSync(path.join(root, '.paydown'));
    writeFileSync(path.join(root, '.paydown', 'config.jsonc'), '{ "tags": ["TODO"] }\n');
    await assert.rejects(writeStarterConfig(root, '2026-12-03'), (err) => PaydownError.is(err, 'usage') && /exists already/.test(err.message));
    assert.equal(readFileSync(path.join(root, '.paydown', 'config.jsonc'), 'utf8'), '{ "tags": ["TODO"] }\n');
  });

  it('gives the budget page a current sprint where it had none', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'paydown-starter-'));
    const session = await WorkspaceSession.open({ root });
    assert.equal(session.budgetPage({ today: '2026-12-03' }).state, 'no-sprints');
    await writeStarterConfig(root, '2026-12-03');
    await session.reloadConfig();
    const page = session.budgetPage({ today: '2026-12-03' });
    assert.equal(page.sprint?.name, 'S1');
    assert.equal(page.sprint?.budget, 8);
    assert.ok(starterConfigText('2026-12-03').includes('"start": "2026-11-30"'));
  });
});
