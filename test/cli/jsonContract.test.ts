/**
 * The JSON contract (docs/json.md): every `--format json` document of the built CLI, on real
 * workspaces, validates against its published schema in strict mode and starts with the same
 * envelope; every document that shows a ledger item shows it in the one shared shape.
 */
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { buildProgram } from '../../src/cli/program';
import { JSON_KINDS, JSON_VERSIONS, type JsonKind } from '../../src/cli/reporters/jsonDocument';
import { contractValidator as validate } from './jsonSchemas';
import { buildOnce, paydown, repoRoot, workspace, type CliRun } from './runCli';
import { git as isolatedGit } from '../support/git';

const VERSION = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version as string;
const env = { PAYDOWN_TODAY: '2026-11-26' };

function sampleCopy(): string {
  const root = path.join(mkdtempSync(path.join(tmpdir(), 'paydown-json-')), 'acme-payments');
  cpSync(path.join(repoRoot, 'test/fixtures/sample-workspace'), root, { recursive: true });
  return root;
}

/** Every command of the CLI that offers `--format json`, by its path (`ledger list`). */
function commandsWithJson(command: Command = buildProgram(), prefix: string[] = []): string[] {
  return command.commands.flatMap((sub) => {
    const path = [...prefix, sub.name()];
    const format = sub.options.find((o) => o.long === '--format');
    // `export` checks its formats itself (its option lists them in its description).
    const json = format !== undefined && (format.argChoices?.includes('json') === true || /\bjson\b/.test(format.description));
    return [...(json ? [path.join(' ')] : []), ...commandsWithJson(sub, path)];
  });
}

/** A git repository synced once, then changed: one comment removed (committed), one moved to a new file, one added. */
function changedRepository(): string {
  const root = workspace({
    'pay.ts': '// DEBT: Replace the retry loop @alice effort:3 impact:high #payments\nexport const a = 1;\n// TODO: log failures\n',
    'run.py': '# FIXME(bob): drop the v1 fallback effort:1\n',
  });
  const git = (...args: string[]): string => isolatedGit(root, '-c', 'user.name=Alice', '-c', 'user.email=alice@example.com', ...args);
  git('init', '-q');
  git('add', '-A');
  git('commit', '-qm', 'initial');
  assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }).status, 0);
  writeFileSync(path.join(root, 'pay.ts'), '// DEBT: Replace the retry loop @alice effort:3 impact:high #payments\nexport const a = 1;\n');
  git('mv', 'run.py', 'runner.py');
  writeFileSync(path.join(root, 'new.ts'), '// HACK: a new shortcut effort:0.5\n');
  git('add', '-A');
  git('commit', '-qm', 'pay down the log failures');
  return root;
}

describe('the JSON contract: every --format json against its schema', function () {
  this.timeout(120_000);
  const documents = new Map<JsonKind, unknown>();
  /** The command (its path, without arguments or options) that wrote each document. */
  const writers = new Map<string, JsonKind>();

  before(() => {
    buildOnce();
    const sample = sampleCopy();
    const ids = readdirSync(path.join(sample, '.paydown', 'ledger')).map((f) => f.replace(/\.json$/, '')).sort();
    const json = (kind: JsonKind, args: string[], cwd = sample, expectedStatus = 0): void => {
      const run: CliRun = paydown([...args, '--format', 'json'], { cwd, env });
      assert.equal(run.status, expectedStatus, `${args.join(' ')}: ${run.stderr}`);
      documents.set(kind, JSON.parse(run.stdout));
      const words = args.findIndex((a) => a.startsWith('-') || /^PD-/.test(a));
      writers.set(args.slice(0, words < 0 ? args.length : words).join(' '), kind);
    };
    // Read-only first, then the commands that write the ledger.
    json('scan', ['scan', '--no-cache', '--quiet']);
    json('ledger-list', ['ledger', 'list', '--no-cache', '--status', 'open,scheduled,in-progress,resolved,wont-fix']);
    json('ledger-show', ['ledger', 'show', 'PD-CVR909', '--no-cache']);
    json('ledger-doctor', ['ledger', 'doctor', '--dry-run']);
    json('budget', ['budget', '--sprint', '2026-S23', '--no-cache']);
    json('sprint-list', ['sprint', 'list', '--no-cache']);
    json('export', ['export', '--no-cache', '--status', 'open,scheduled,in-progress,resolved,wont-fix']);
    json('report', ['report', '--sprint', '2026-S23', '--no-cache']);
    json('check', ['check', '--no-cache'], sample, 1);
    json('sync', ['sync', '--dry-run', '--no-cache']);
    json('sprint-plan', ['sprint', 'plan', '--sprint', '2026-S25', '--accept', '--no-cache']);
    json('sprint-assign', ['sprint', 'assign', ids[0]!, ids[1]!, '--sprint', '2026-S26', '--no-cache']);
    json('sprint-unassign', ['sprint', 'unassign', ids[0]!]);
    json('ledger-set', ['ledger', 'set', ids[2]!, '--effort', '2h', '--outcome', 'compliance']);
    const changed = changedRepository();
    json('ledger-sync', ['ledger', 'sync', '--no-cache'], changed);
    json('ledger-backfill', ['ledger', 'backfill'], changed);
  });

  for (const kind of JSON_KINDS) {
    it(`${kind}: the envelope, then a document valid against schemas/${kind}.schema.json`, () => {
      const doc = documents.get(kind) as Record<string, unknown>;
      assert.ok(doc, `no document of ${kind}`);
      assert.deepEqual(Object.keys(doc).slice(0, 4), ['$schema', 'version', 'tool', 'kind']);
      assert.equal(doc.$schema, `https://paydown.dev/schemas/${kind}.schema.json`);
      assert.equal(doc.version, JSON_VERSIONS[kind]);
      assert.deepEqual(doc.tool, { name: 'paydown', version: VERSION });
      assert.equal(doc.kind, kind);
      const check = validate(kind);
      assert.ok(check(doc), JSON.stringify(check.errors, null, 2));
    });
  }

  it('no command writes JSON outside the contract: every command offering --format json is run above', () => {
    // A new command with --format json fails here until its document has a kind, a schema and a run above.
    assert.deepEqual(commandsWithJson().sort(), [...writers.keys()].sort());
    assert.deepEqual([...new Set(writers.values())].sort(), [...JSON_KINDS].sort());
  });

  it('the documents say something: items, findings, proposals, history and sync changes are there to validate', () => {
    const count = (kind: JsonKind, field: string): number => ((documents.get(kind) as Record<string, unknown[]>)[field] ?? []).length;
    assert.ok(count('scan', 'items') > 10);
    assert.ok(count('ledger-list', 'items') > 10);
    assert.ok(count('ledger-show', 'history') > 1);
    assert.ok(count('budget', 'items') > 0 && count('budget', 'warnings') > 0);
    assert.ok((documents.get('sprint-plan') as { proposal: { picked: unknown[] } }).proposal.picked.length > 0);
    assert.ok(count('sprint-plan', 'accepted') > 0);
    assert.ok(count('check', 'findings') > 0);
    assert.ok(count('report', 'paid') > 0 && count('report', 'previous') > 0);
    const sync = documents.get('ledger-sync') as { created: unknown[]; updated: { change: string; from: string | null }[]; resolved: { resolved: { commit: string | null } }[] };
    assert.equal(sync.created.length, 1);
    assert.deepEqual(sync.updated.map((u) => [u.change, u.from]), [['moved', 'run.py']]);
    assert.equal(sync.resolved.length, 1);
    assert.match(sync.resolved[0]!.resolved.commit ?? '', /^[0-9a-f]{40}$/);
  });

  it('one shape of a ledger item: ledger list, ledger show, export and budget show an item alike', () => {
    type Item = { id: string; outcome: string | null; resolved: unknown; firstSeen: unknown };
    const listed = (documents.get('ledger-list') as { items: Item[] }).items;
    const exported = (documents.get('export') as { items: Item[] }).items;
    const shown = (documents.get('ledger-show') as { item: Item }).item;
    const budgeted = (documents.get('budget') as { items: { item: Item }[] }).items.map((b) => b.item);
    const byId = new Map(listed.map((i) => [i.id, i]));
    assert.deepEqual(exported, [...listed].sort((a, b) => (a.id < b.id ? -1 : 1)));
    assert.deepEqual(shown, byId.get('PD-CVR909'));
    for (const item of budgeted) assert.deepEqual(item, byId.get(item.id));
    // The outcome is the one budgets count: an item without its own outcome gets its path's.
    assert.ok(listed.some((i) => i.outcome !== null));
  });

  it('the schemas refuse what they should: another version, an unknown status, an extra field, a bare engine date', () => {
    const doc = documents.get('export') as { items: Record<string, unknown>[] };
    const check = validate('export');
    for (const broken of [
      { ...doc, version: 1 },
      { ...doc, kind: 'scan' },
      { ...doc, items: [{ ...doc.items[0], status: 'done' }] },
      { ...doc, items: [{ ...doc.items[0], line: 0 }] },
      { ...doc, items: [{ ...doc.items[0], extra: true }] },
      { ...doc, items: [{ ...doc.items[0], resolvedAt: null }] },
      { ...doc, generatedAt: 'yesterday' },
    ]) {
      assert.equal(check(broken), false, JSON.stringify(broken).slice(0, 200));
    }
  });

  it('ndjson: one annotation per line, no envelope, each valid as a scan item', () => {
    const run = paydown(['scan', '--format', 'ndjson', '--no-cache', '--quiet'], { cwd: sampleCopy() });
    assert.equal(run.status, 0, run.stderr);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const scanned = documents.get('scan') as { items: unknown[] };
    assert.deepEqual(lines, scanned.items);
    assert.ok(lines.every((l) => !('kind' in l) && !('$schema' in l)));
  });
});
