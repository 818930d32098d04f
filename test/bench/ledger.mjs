// The ledger's cost (`npm run bench -- --only ledger`): `paydown ledger sync` on a repo whose
// ledger holds ~10,000 items, against a cold scan of the same repo in the same rounds.
//
// The ledger corpus is the generated corpus with fewer files and more annotations (25k files,
// ~16% of them annotated: ~10,000 annotations), committed, then synced once (untimed) and the
// ~10,000 item files committed too: the steady state is "ledger present and up to date". A
// second stamp (`.git/paydown-bench-ledger.json`, written last) marks that state; every run puts
// the repo back at the stamped commit before and after measuring, so it stays reusable.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultCorpusDir, ensureCorpus, rng } from './corpus.mjs';

export const LEDGER_FILES = 25_000;
export const LEDGER_TAG_RATE = 0.16;
/** Bump when what the ledger stamp describes changes (the steady state is rebuilt). */
const LEDGER_STAMP_VERSION = 1;
const LEDGER_STAMP = join('.git', 'paydown-bench-ledger.json');
/** Sync's extra cost over a cold scan (the issue: "adds at most 30% to a cold scan's time"). */
export const LEDGER_SYNC_RATIO = 1.3;
/** The realistic change: files whose lines move, whose annotation titles are edited, whose annotations are deleted. */
const CHANGE = { moved: 15, edited: 15, deleted: 20 };

export function defaultLedgerCorpusDir(seed, files = LEDGER_FILES) {
  return defaultCorpusDir(seed, files, LEDGER_TAG_RATE);
}

function gitIn(dir) {
  return (...args) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }).trim();
}
const commitArgs = (msg) => ['-c', 'commit.gpgsign=false', 'commit', '-q', '--no-verify', '-m', msg];

function readStamp(dir) {
  try {
    const s = JSON.parse(readFileSync(join(dir, LEDGER_STAMP), 'utf8'));
    return s.version === LEDGER_STAMP_VERSION ? s : null;
  } catch {
    return null;
  }
}

/** Puts the repo back at `commit`: tracked files as committed, no new files in the ledger. */
function restore(dir, commit) {
  const git = gitIn(dir);
  git('reset', '-q', '--hard', commit);
  // Only the ledger can hold new untracked files (items a sync created); its local files are gitignored and stay.
  if (existsSync(join(dir, '.paydown'))) git('clean', '-fdq', '--', '.paydown');
}

/**
 * The ledger corpus, built or reused: `{ dir, stats, stamp, built }`. `stamp.commit` is the
 * steady state (ledger committed); `stamp.corpusCommit` the code alone.
 */
async function ensureLedgerCorpus(ctx, h) {
  const dir = ctx.ledgerCorpus;
  const c = ensureCorpus(dir, { seed: ctx.seed, files: ctx.ledgerFiles, tagRate: LEDGER_TAG_RATE, log: (m) => console.log(m) });
  if (c.foreign) throw new Error(`${dir} is not a benchmark corpus: refusing to sync a ledger into it`);
  const git = gitIn(dir);
  const corpusCommit = git('rev-list', '--max-parents=0', 'HEAD').split('\n').pop();
  let stamp = readStamp(dir);
  if (c.reused && stamp && stamp.corpusCommit === corpusCommit) {
    restore(dir, stamp.commit);
    return { dir, stats: c.stats, stamp, built: false };
  }
  console.log('  first ledger sync into the corpus (untimed; creates one file per annotation) and commit…');
  rmSync(join(dir, LEDGER_STAMP), { force: true });
  restore(dir, corpusCommit);
  rmSync(join(dir, '.paydown'), { recursive: true, force: true });
  const first = await h.timeProcess(ctx, process.execPath, [ctx.cli, 'ledger', 'sync', '--no-cache', '--format', 'json'], { cwd: dir });
  if (first.code !== 0) throw new Error(`first ledger sync failed (exit ${first.code}): ${first.stderr.trim().split('\n').slice(-2).join(' | ')}`);
  const counts = JSON.parse(first.stdout.toString('utf8')).counts;
  git('add', '-A', '.paydown');
  git(...commitArgs(`Ledger: first sync (${counts.created} items)`));
  stamp = { version: LEDGER_STAMP_VERSION, corpusCommit, commit: git('rev-parse', 'HEAD'), items: readdirSync(join(dir, '.paydown', 'ledger')).filter((f) => f.endsWith('.json')).length, buildSyncMs: Math.round(first.ms) };
  writeFileSync(join(dir, LEDGER_STAMP), JSON.stringify(stamp, null, 2) + '\n');
  console.log(`  ledger: ${stamp.items.toLocaleString('en-US')} item files in ${(first.ms / 1000).toFixed(1)} s`);
  return { dir, stats: c.stats, stamp, built: true };
}

/**
 * Edits the working tree the way a day of work would: in `moved` files lines above annotations
 * move, in `edited` files an annotation's title is reworded, in `deleted` files one annotation
 * is deleted. Deterministic for a corpus. Returns what it did.
 */
function applyChange(dir, items) {
  const r = rng('paydown-bench-ledger-change');
  const byFile = new Map();
  for (const it of items) {
    if (!byFile.has(it.file)) byFile.set(it.file, []);
    byFile.get(it.file).push(it);
  }
  const files = [...byFile.keys()].sort();
  const used = new Set();
  const pick = (accept) => {
    for (let tries = 0; tries < 5000; tries++) {
      const f = files[Math.floor(r.f() * files.length)];
      if (used.has(f)) continue;
      const text = readFileSync(join(dir, f), 'utf8');
      const lines = text.split('\n');
      const it = accept(byFile.get(f), lines);
      if (it === null) continue;
      used.add(f);
      return { file: f, lines, item: it };
    }
    throw new Error('could not find files to change in the ledger corpus');
  };
  const write = (f, lines) => writeFileSync(join(dir, f), lines.join('\n'));
  const lineComment = /^\s*(\/\/|#|--|;|%|\* )/;
  const blockEdge = /\/\*|\*\/|<!--|-->|\{-|-\}|"""|'''|=begin|=end|\(\*|\*\)/;
  const done = { moved: 0, edited: 0, deleted: 0, titlesDeleted: [] };
  // Deletions first: whole line-comment annotations (no block comment edge on their lines), with a title git can search for.
  for (let i = 0; i < CHANGE.deleted; i++) {
    const { file, lines, item } = pick((its, ls) => its.find((it) => it.title.length >= 12 && ls.slice(it.line - 1, it.end.line).every((l) => lineComment.test(l) && !blockEdge.test(l))) ?? null);
    lines.splice(item.line - 1, item.end.line - item.line + 1);
    write(file, lines);
    done.deleted++;
    done.titlesDeleted.push(item.title);
  }
  // Title edits: a word added to a title that sits on the annotation's first line.
  for (let i = 0; i < CHANGE.edited; i++) {
    const { file, lines, item } = pick((its, ls) => its.find((it) => it.title.length >= 12 && ls[it.line - 1].includes(it.title)) ?? null);
    lines[item.line - 1] = lines[item.line - 1].replace(item.title, `${item.title} (still)`);
    write(file, lines);
    done.edited++;
  }
  // Moves: 3–8 new (blank) lines above the file's first annotation: every annotation below shifts.
  for (let i = 0; i < CHANGE.moved; i++) {
    const { file, lines, item } = pick((its) => its[0]);
    const n = r.int(3, 8);
    const indent = /^\s*/.exec(lines[item.line - 1])[0];
    lines.splice(item.line - 1, 0, ...Array.from({ length: n }, () => indent));
    write(file, lines);
    done.moved++;
  }
  done.files = used.size;
  return done;
}

function syncSummary(run) {
  if (run.code !== 0) return { error: `exit ${run.code}: ${run.stderr.trim().split('\n').slice(-2).join(' | ')}` };
  const text = run.stdout.toString('utf8');
  try {
    const doc = JSON.parse(text);
    return { counts: doc.counts, resolvedWithCommit: doc.resolved.filter((it) => it.resolved?.commit).length, problems: doc.problems.length };
  } catch {
    const m = /(\d+) new, (\d+) updated, (\d+) resolved, (\d+) reopened, (\d+) unchanged/.exec(text);
    return m ? { counts: { created: +m[1], updated: +m[2], resolved: +m[3], reopened: +m[4], unchanged: +m[5] } } : { error: `unreadable output: ${text.slice(0, 120)}` };
  }
}

/** The measure: cold scan and steady-state sync in the same rounds, plus a first sync and a sync after a change (one run each). */
export async function measureLedger(ctx, h) {
  const { runs, cli } = ctx;
  const node = process.execPath;
  if (!existsSync(cli)) throw new Error(`${cli} is missing (npm run build)`);
  console.log(`  ledger corpus: ${ctx.ledgerCorpus}`);
  const lc = await ensureLedgerCorpus(ctx, h);
  const { dir, stats, stamp } = lc;
  ctx.ledgerCorpusStats = { dir, ...stats, ledger: stamp };
  console.log(`  ${lc.built ? 'built' : 'reused'}: ${stats.files.toLocaleString('en-US')} files, ${(stats.bytes / 1048576).toFixed(0)} MB, ${stats.tags.toLocaleString('en-US')} annotations planted, ${stamp.items.toLocaleString('en-US')} ledger items committed`);
  const git = gitIn(dir);
  const scanArgs = [cli, 'scan', '--format', 'json', '--no-cache', '--quiet'];
  const syncArgs = [cli, 'ledger', 'sync', '--no-cache'];
  const rows = [];
  try {
    // Warm-up (untimed): page cache, and a check that the committed ledger is the steady state
    // for this build (a changed format or matcher would make every sync write).
    console.log('  warming the page cache (untimed scan and sync)…');
    const warmScan = await h.timeProcess(ctx, node, scanArgs, { cwd: dir });
    if (warmScan.code !== 0) throw new Error(`scan failed (exit ${warmScan.code}): ${warmScan.stderr.trim().split('\n').pop()}`);
    const scanned = JSON.parse(warmScan.stdout.toString('utf8'));
    const warmSync = await h.timeProcess(ctx, node, syncArgs, { cwd: dir });
    const ws = syncSummary(warmSync);
    if (ws.error) throw new Error(`ledger sync failed: ${ws.error}`);
    let refreshed = null;
    if (git('status', '--porcelain', '--', '.paydown')) {
      refreshed = ws.counts;
      git('add', '-A', '.paydown');
      git(...commitArgs('Ledger: refreshed for this build'));
      stamp.commit = git('rev-parse', 'HEAD');
      writeFileSync(join(dir, LEDGER_STAMP), JSON.stringify(stamp, null, 2) + '\n');
      console.log(`  the committed ledger was not this build's steady state (${JSON.stringify(refreshed)}): committed the sync's result`);
    }

    const t = { scan: [], sync: [], ratio: [] };
    const mem = { scan: [], sync: [] };
    let steady = null;
    for (let i = 0; i < runs; i++) {
      // Alternate the order so neither always runs right after the other's page-cache and JIT state.
      const order = i % 2 ? ['sync', 'scan'] : ['scan', 'sync'];
      const got = {};
      for (const what of order) {
        const run = await h.timeProcess(ctx, node, what === 'scan' ? scanArgs : syncArgs, { cwd: dir });
        if (run.code !== 0) throw new Error(`${what} failed (exit ${run.code}): ${run.stderr.trim().split('\n').pop()}`);
        got[what] = run;
        if (what === 'sync') steady = syncSummary(run);
      }
      t.scan.push(got.scan.ms);
      t.sync.push(got.sync.ms);
      mem.scan.push(got.scan.peakKB);
      mem.sync.push(got.sync.peakKB);
      t.ratio.push(got.sync.ms / got.scan.ms);
      console.log(`  run ${i + 1}/${runs}: cold scan ${(got.scan.ms / 1000).toFixed(2)} s, ledger sync ${(got.sync.ms / 1000).toFixed(2)} s (${(got.sync.ms / got.scan.ms).toFixed(2)}×)`);
    }
    const wrote = git('status', '--porcelain', '--', '.paydown');
    const scanMs = h.median(t.scan);
    const syncMs = h.median(t.sync);
    const ratio = h.median(t.ratio);
    rows.push({
      id: 'ledgerCorpus',
      label: 'Ledger corpus (files / annotations / items)',
      value: stamp.items,
      display: `${(scanned.stats?.files ?? stats.files).toLocaleString('en-US')} files / ${scanned.items.length.toLocaleString('en-US')} annotations / ${stamp.items.toLocaleString('en-US')} ledger items`,
      files: scanned.stats?.files ?? null,
      annotations: scanned.items.length,
      items: stamp.items,
      note: refreshed ? `ledger re-committed for this build: ${JSON.stringify(refreshed)}` : undefined,
    });
    rows.push({ id: 'ledgerColdScan', label: 'cold scan (scan --format json --no-cache)', value: h.round(scanMs / 1000, 3), unit: 's', display: `${(scanMs / 1000).toFixed(2)} s`, runs: t.scan.map((x) => h.round(x, 1)), peakMemoryMB: h.round(Math.max(...mem.scan) / 1024, 1) });
    rows.push({
      id: 'ledgerSync',
      label: 'ledger sync, steady state (--no-cache)',
      value: h.round(syncMs / 1000, 3),
      unit: 's',
      ratio: h.round(ratio, 3),
      display: `${(syncMs / 1000).toFixed(2)} s, ${ratio.toFixed(2)}× cold scan (+${((ratio - 1) * 100).toFixed(0)}%)`,
      target: { max: LEDGER_SYNC_RATIO, text: `≤ ${LEDGER_SYNC_RATIO}× cold scan` },
      ok: ratio <= LEDGER_SYNC_RATIO && !wrote,
      runs: t.sync.map((x) => h.round(x, 1)),
      ratios: t.ratio.map((x) => h.round(x, 3)),
      peakMemoryMB: h.round(Math.max(...mem.sync) / 1024, 1),
      counts: steady?.counts ?? null,
      note: wrote ? `not a steady state: the sync changed ${wrote.split('\n').length} ledger file(s)` : `${steady?.counts?.unchanged?.toLocaleString('en-US') ?? '?'} unchanged, nothing written; peak ${(Math.max(...mem.sync) / 1024).toFixed(0)} MB vs scan ${(Math.max(...mem.scan) / 1024).toFixed(0)} MB`,
    });

    // First sync: every item file created (one run). Always measured here, not taken from the
    // corpus build: there its fsyncs wait behind the writeback of the freshly written corpus.
    console.log('  first sync (one run: the ledger folder removed, then restored from git)…');
    rmSync(join(dir, '.paydown', 'ledger'), { recursive: true, force: true });
    spawnSync('sync'); // flush pending writeback (the removal, earlier restores) so only the sync's own fsyncs are timed
    const firstRun = await h.timeProcess(ctx, node, [...syncArgs, '--format', 'json'], { cwd: dir });
    const fs = syncSummary(firstRun);
    if (fs.error) throw new Error(`first sync failed: ${fs.error}`);
    const first = { ms: firstRun.ms, counts: fs.counts };
    restore(dir, stamp.commit);
    rows.push({
      id: 'ledgerFirstSync',
      label: 'ledger sync, first (creates every item file)',
      value: h.round(first.ms / 1000, 3),
      unit: 's',
      display: `${(first.ms / 1000).toFixed(2)} s, ${first.counts.created.toLocaleString('en-US')} items created, ${(first.ms / scanMs).toFixed(2)}× cold scan (1 run)`,
      created: first.counts.created,
    });

    // A realistic change, committed (so removal commits exist for git to find), synced, undone.
    const change = applyChange(dir, scanned.items);
    git('add', '-A');
    git(...commitArgs('Bench: a day of changes'));
    console.log(`  sync after a change (one run: ${change.files} files — ${change.moved} with moved lines, ${change.edited} titles edited, ${change.deleted} annotations deleted; committed)…`);
    const after = await h.timeProcess(ctx, node, [...syncArgs, '--format', 'json'], { cwd: dir });
    const a = syncSummary(after);
    if (a.error) throw new Error(`sync after the change failed: ${a.error}`);
    const k = a.counts;
    rows.push({
      id: 'ledgerSyncAfterChange',
      label: `ledger sync after editing ${change.files} files`,
      value: h.round(after.ms / 1000, 3),
      unit: 's',
      display: `${(after.ms / 1000).toFixed(2)} s, ${(after.ms / scanMs).toFixed(2)}× cold scan (1 run)`,
      counts: k,
      resolvedWithCommit: a.resolvedWithCommit,
      change: { moved: change.moved, edited: change.edited, deleted: change.deleted },
      note: `${k.resolved} resolved (${a.resolvedWithCommit} with their removal commit from git), ${k.updated} updated, ${k.created} new, ${k.unchanged.toLocaleString('en-US')} unchanged; moved lines ${k.byKind?.['moved-line'] ?? '?'}, edited ${k.byKind?.edited ?? '?'}`,
    });
  } finally {
    restore(dir, stamp.commit);
  }
  return rows;
}
