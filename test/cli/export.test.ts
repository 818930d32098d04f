import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseCsv } from '../unit/export/fixtures';
import { sarifValidator } from '../unit/export/validators';
import { contractValidator } from './jsonSchemas';
import { buildOnce, paydown, workspace } from './runCli';
import { git } from '../support/git';

/** A git workspace with three annotations (one with a formula-like title) and a synced ledger. */
function syncedWorkspace(): string {
  const root = workspace({
    '.paydown/config.jsonc': JSON.stringify({
      sprints: [{ name: 'S-NOW', start: '2000-01-01', end: '2999-12-31', capacity: 40, debtBudget: '20%' }],
      outcomes: [{ name: 'reliability', description: 'fewer incidents', paths: ['src/**'] }],
    }),
    'src/pay.ts': '// DEBT: Replace the retry loop @alice effort:3 impact:high #payments\n//   It retries on 4xx, too.\nexport const a = 1;\n// TODO: =HYPERLINK("http://x.example","click") | pipe\n',
    'run.py': '# FIXME(bob): drop the v1 fallback effort:1 impact:critical\n',
  });
  git(root, 'init', '-q');
  git(root, 'config', 'user.name', 'Alice');
  git(root, 'config', 'user.email', 'alice@example.com');
  git(root, 'add', '-A');
  git(root, 'commit', '-qm', 'initial');
  const sync = paydown(['ledger', 'sync', '--no-cache'], { cwd: root });
  assert.equal(sync.status, 0, sync.stderr);
  return root;
}

function idOf(root: string, title: RegExp): string {
  const listed = JSON.parse(paydown(['ledger', 'list', '--format', 'json', '--no-cache'], { cwd: root }).stdout).items as { id: string; title: string }[];
  return listed.find((i) => title.test(i.title))!.id;
}

describe('paydown export (CLI)', function () {
  this.timeout(60_000);
  before(buildOnce);
  let root: string;
  before(() => {
    root = syncedWorkspace();
  });

  it('csv: the documented Jira header, neutralised formulas, live positions and outcomes', () => {
    const run = paydown(['export', '--format', 'csv', '--no-cache'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const [header, ...rows] = parseCsv(run.stdout);
    assert.deepEqual(header, ['Summary', 'Description', 'Issue Type', 'Priority', 'Labels', 'Story Points', 'Assignee', 'Due Date', 'Sprint', 'Paydown ID', 'Status', 'Tag', 'File', 'Line', 'Outcome', 'Interest']);
    assert.equal(rows.length, 3);
    const byTitle = new Map(rows.map((r) => [r[0]!, r]));
    const debt = byTitle.get('Replace the retry loop')!;
    assert.deepEqual([debt[2], debt[3], debt[4], debt[5], debt[6], debt[10], debt[11], debt[12], debt[13], debt[14]], ['Task', 'High', 'payments', '3', 'alice', 'open', 'DEBT', 'src/pay.ts', '1', 'reliability']);
    assert.match(debt[1]!, /^It retries on 4xx, too\.\n\nPaydown id: PD-[0-9A-Z]{6}\nWhere: src\/pay\.ts:1\nTag: DEBT$/);
    assert.ok(byTitle.has(`'=HYPERLINK("http://x.example","click") | pipe`), [...byTitle.keys()].join('\n'));
    assert.equal(byTitle.get('drop the v1 fallback')![3], 'Highest');
  });

  it('md: a table with escaped pipes and a totals line', () => {
    const run = paydown(['export', '--format', 'md', '--no-cache'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^# Technical debt\n/);
    assert.match(run.stdout, /\| \\=HYPERLINK\("http:\/\/x\.example","click"\) \\\| pipe \| src\/pay\.ts:4 \|/);
    assert.match(run.stdout, /\n\*\*3 items\*\*, 4 points estimated, 1 unestimated\.\n\nInterest: /);
  });

  it('json: the export document of the JSON contract, valid against schemas/export.schema.json', () => {
    const run = paydown(['export', '--format', 'json', '--no-cache'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const doc = JSON.parse(run.stdout) as { items: unknown[] };
    const validate = contractValidator('export');
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.equal(doc.items.length, 3);
  });

  it('sarif: validates against the SARIF 2.1.0 schema with each item at its location', () => {
    const run = paydown(['export', '--format', 'sarif', '--no-cache'], { cwd: root });
    assert.equal(run.status, 0, run.stderr);
    const log = JSON.parse(run.stdout);
    const validate = sarifValidator();
    assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    const where = log.runs[0].results.map((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => {
      const { artifactLocation, region } = r.locations[0]!.physicalLocation;
      return `${r.ruleId} ${artifactLocation.uri}:${region.startLine}:${region.startColumn}`;
    });
    assert.deepEqual(where.sort(), ['DEBT src/pay.ts:1:4', 'FIXME run.py:1:3', 'TODO src/pay.ts:4:4']);
  });

  it('--sprint filters by assignment, accepts current, and refuses an unknown sprint with exit 2', () => {
    const id = idOf(root, /retry loop/);
    const set = paydown(['ledger', 'set', id, '--sprint', 'S-NOW'], { cwd: root });
    assert.equal(set.status, 0, set.stderr);
    for (const sprint of ['S-NOW', 's-now', 'current']) {
      const run = paydown(['export', '--format', 'json', '--sprint', sprint, '--no-cache'], { cwd: root });
      assert.equal(run.status, 0, run.stderr);
      const doc = JSON.parse(run.stdout);
      assert.deepEqual(doc.items.map((i: { id: string }) => i.id), [id], sprint);
      assert.equal(doc.filter.sprint, 'S-NOW');
    }
    const unknown = paydown(['export', '--format', 'csv', '--sprint', 'S-NEVER', '--no-cache'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no sprint named "S-NEVER"/);
    assert.equal(unknown.stdout, '');
  });

  it('--status selects statuses; the default leaves out resolved and wont-fix', () => {
    const id = idOf(root, /v1 fallback/);
    assert.equal(paydown(['ledger', 'set', id, '--status', 'wont-fix'], { cwd: root }).status, 0);
    const ids = (args: string[]): string[] => JSON.parse(paydown(['export', '--format', 'json', '--no-cache', ...args], { cwd: root }).stdout).items.map((i: { id: string }) => i.id);
    assert.ok(!ids([]).includes(id));
    assert.deepEqual(ids(['--status', 'wont-fix']), [id]);
    assert.ok(ids(['--status', 'open,wont-fix', '--status', 'scheduled']).includes(id));
    const bad = paydown(['export', '--format', 'json', '--status', 'done', '--no-cache'], { cwd: root });
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /unknown status "done"/);
  });

  it('-o writes the file atomically (no temp left behind) and says so on stderr; --bom for Excel', () => {
    const run = paydown(['export', '--format', 'csv', '--bom', '-o', 'out/debt.csv', '--no-cache'], { cwd: root });
    assert.equal(run.status, 2, 'the folder does not exist yet');
    assert.match(run.stderr, /cannot write .*debt\.csv: no such folder/);
    mkdirSync(path.join(root, 'out'));
    const ok = paydown(['export', '--format', 'csv', '--bom', '-o', 'out/debt.csv', '--no-cache'], { cwd: root });
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout, '');
    assert.match(ok.stderr, /^Exported \d+ items as csv to out\/debt\.csv/);
    const bytes = readFileSync(path.join(root, 'out', 'debt.csv'));
    assert.deepEqual(bytes.subarray(0, 3), Buffer.from([0xef, 0xbb, 0xbf]));
    assert.deepEqual(readdirSync(path.join(root, 'out')), ['debt.csv']);
  });

  it('every format carries each item\'s interest: a trailing CSV column, a Markdown column, a JSON report beside the items, a SARIF property', () => {
    const hot = workspace({ 'src/pay.ts': '// DEBT: Replace the retry loop effort:3\n', 'run.py': '# FIXME(bob): drop the v1 fallback effort:1\n' });
    git(hot, 'init', '-q');
    git(hot, 'config', 'user.name', 'Alice');
    git(hot, 'config', 'user.email', 'alice@example.com');
    git(hot, 'add', '-A');
    git(hot, 'commit', '-qm', 'initial');
    for (let i = 1; i <= 3; i++) {
      writeFileSync(path.join(hot, 'run.py'), `# FIXME(bob): drop the v1 fallback effort:1\nx = ${i}\n`);
      git(hot, 'commit', '-qam', `run ${i}`);
    }
    assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: hot }).status, 0);
    const csv = parseCsv(paydown(['export', '--format', 'csv', '--no-cache'], { cwd: hot }).stdout);
    assert.equal(csv[0]!.at(-1), 'Interest');
    assert.deepEqual(csv.slice(1).map((r) => [r[0], r.at(-1)]).sort(), [['Replace the retry loop', '1'], ['drop the v1 fallback', '4']]);
    const md = paydown(['export', '--format', 'md', '--no-cache'], { cwd: hot }).stdout;
    assert.match(md, /\| drop the v1 fallback \| run\.py:1 \| .* \| 4× · top 50% \|\n/);
    assert.match(md, /\nInterest: commits that changed the item's file in the last 90 days/);
    const run = paydown(['export', '--format', 'json', '--no-cache'], { cwd: hot });
    const doc = JSON.parse(run.stdout) as { items: { id: string; file: string }[]; interest: { days: number; since: string; items: Record<string, { commits: number; score: number }> } };
    const validate = contractValidator('export');
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.equal(doc.interest.days, 90);
    assert.deepEqual(doc.items.map((i) => [i.file, doc.interest.items[i.id]!.commits]).sort(), [['run.py', 4], ['src/pay.ts', 1]]);
    const sarif = JSON.parse(paydown(['export', '--format', 'sarif', '--no-cache'], { cwd: hot }).stdout);
    assert.deepEqual(sarif.runs[0].results.map((r: { ruleId: string; properties: { interest: { commits: number } } }) => `${r.ruleId} ${r.properties.interest.commits}`).sort(), ['DEBT 1', 'FIXME 4']);
  });

  it('an unknown or missing format is a usage error with exit 2 and a hint', () => {
    const unknown = paydown(['export', '--format', 'xml', '--no-cache'], { cwd: root });
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /unknown export format "xml"/);
    assert.match(unknown.stderr, /hint: use --format csv, md, json, sarif/);
    const missing = paydown(['export', '--no-cache'], { cwd: root });
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /no export format given/);
  });
});
