import * as assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, linkSync, lstatSync, mkdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { buildOnce, gitWorkspace, paydown, startPaydown } from './runCli';

/** A synced git workspace with one item and a sprint running forever. */
function syncedWorkspace(): string {
  const root = gitWorkspace({
    '.paydown/config.jsonc': JSON.stringify({ sprints: [{ name: 'S-NOW', start: '2000-01-01', end: '2999-12-31', capacity: 40, debtBudget: '20%' }] }),
    'src/pay.ts': '// DEBT: Replace the retry loop @alice effort:3\n',
  });
  assert.equal(paydown(['ledger', 'sync', '--no-cache'], { cwd: root }).status, 0);
  return root;
}

const exportCsv = (root: string, file: string): ReturnType<typeof paydown> => paydown(['export', '--format', 'csv', '--no-cache', '-o', file], { cwd: root });

describe('-o FILE (export, report)', function () {
  this.timeout(60_000);
  before(buildOnce);
  let root: string;
  let out: string;
  before(() => {
    root = syncedWorkspace();
    out = path.join(root, 'out');
    mkdirSync(out);
  });

  it('replaces a regular file atomically and keeps its permissions', () => {
    const file = path.join(out, 'debt.csv');
    writeFileSync(file, 'old');
    chmodSync(file, 0o600);
    const run = exportCsv(root, file);
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(file, 'utf8'), /^Summary,/);
    assert.equal(statSync(file).mode & 0o777, 0o600);
  });

  it('writes through a symlink to the file it points to; the link stays a link', () => {
    const target = path.join(out, 'target.csv');
    writeFileSync(target, 'old');
    const link = path.join(out, 'link.csv');
    symlinkSync(target, link);
    const run = exportCsv(root, link);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readlinkSync(link), target);
    assert.match(readFileSync(target, 'utf8'), /^Summary,/);
  });

  it('writes to a character device in place: a link to /dev/null stays one, and /dev/null stays a device', () => {
    const link = path.join(out, 'null.csv');
    symlinkSync('/dev/null', link);
    const run = exportCsv(root, link);
    assert.equal(run.status, 0, run.stderr);
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.ok(statSync('/dev/null').isCharacterDevice());
  });

  it('writes a hard-linked file in place, so every name sees the export', () => {
    const file = path.join(out, 'a.md');
    const other = path.join(out, 'b.md');
    writeFileSync(file, 'old');
    linkSync(file, other);
    const run = paydown(['report', '--sprint', 'S-NOW', '--no-cache', '-o', file], { cwd: root, env: { PAYDOWN_TODAY: '2026-11-26' } });
    assert.equal(run.status, 0, run.stderr);
    assert.match(readFileSync(other, 'utf8'), /^# Debt review: S-NOW/);
    assert.equal(statSync(file).ino, statSync(other).ino);
  });

  it('writes to a FIFO in place, for the program reading it', async () => {
    const fifo = path.join(out, 'pipe.csv');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (chunk: string) => (read += chunk));
    const readerDone = new Promise((resolve) => reader.on('close', resolve));
    const writer = startPaydown(['export', '--format', 'csv', '--no-cache', '-o', fifo], { cwd: root });
    const code = await new Promise<number | null>((resolve) => writer.on('close', resolve));
    // Had the FIFO been replaced, cat would wait on it for ever: end it either way.
    if (!lstatSync(fifo).isFIFO()) reader.kill();
    await readerDone;
    assert.equal(code, 0);
    assert.ok(lstatSync(fifo).isFIFO(), 'still a FIFO');
    assert.match(read, /^Summary,/);
  });

  it('a folder, or a path through a file, is a one-line error (exit 2)', () => {
    const folder = exportCsv(root, out);
    assert.equal(folder.status, 2);
    assert.match(folder.stderr, /^paydown: cannot write .*out: it is a folder\nhint: /);
    writeFileSync(path.join(out, 'plain'), '');
    const through = exportCsv(root, path.join(out, 'plain', 'x.csv'));
    assert.equal(through.status, 2);
    assert.match(through.stderr, /cannot write .*x\.csv: a part of the path is not a folder/);
  });
});
