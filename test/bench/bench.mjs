// `npm run bench`: Paydown against ripgrep on the same 100k-file generated corpus and, when it has
// been materialised (real-corpus.sh), on 14 real public repositories; plus the one-document API.
// Prints a table of figures against the targets of PRODUCT.md §7 and writes
// test/bench/.results/latest.json. Always exits 0 when it could measure (it is a report).
//
//   npm run bench [-- --corpus DIR] [--real-corpus DIR] [--runs N] [--seed S] [--files N] [--only scan,real,floor,document,ledger,extension,tree,page] [--ledger-files N] [--cli PATH]
//
// Add rows by appending to MEASURES: { id, title, run(ctx) => Promise<Row[]> } (see README.md).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { performance } from 'node:perf_hooks';
import { clearInterval, setInterval } from 'node:timers';
import { DEFAULT_FILES, DEFAULT_SEED, defaultCorpusDir, ensureCorpus, generateDocument } from './corpus.mjs';
import { LEDGER_FILES, LEDGER_SYNC_RATIO, defaultLedgerCorpusDir, measureLedger } from './ledger.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const RESULTS = join(HERE, '.results', 'latest.json');
const RG_ARGS = ['-c', '-w', '-e', 'TODO', '-e', 'FIXME', '-e', 'HACK', '-e', 'XXX', '-e', 'DEBT'];

/** The targets of PRODUCT.md §7, as the benchmark checks them. */
export const TARGETS = {
  firstScanRatio: 1.5,
  /** CPU time (user + sys) of a first scan against rg's, checked on the real corpus. */
  firstScanCpuRatio: 1.5,
  rescanRatio: 0.6,
  peakMemoryMB: 400,
  /** Peak memory on the real corpus (110k files of 14 public repositories). */
  realPeakMemoryMB: 150,
  documentMs: 2,
  ledgerSyncRatio: LEDGER_SYNC_RATIO,
};

/** Where real-corpus.sh puts the real corpus unless told otherwise; PAYDOWN_REAL_CORPUS overrides. */
export const DEFAULT_REAL_CORPUS = join(HERE, '.real-corpus');
/** Written last by real-corpus.sh: a corpus without it is missing or half-built. */
const REAL_CORPUS_STAMP = join('.git', 'paydown-real-corpus');

// ---------------------------------------------------------------------------------------------
// Arguments.

function parseArgs(argv) {
  const opts = { runs: 5, seed: DEFAULT_SEED, files: DEFAULT_FILES, corpus: undefined, realCorpus: process.env.PAYDOWN_REAL_CORPUS || DEFAULT_REAL_CORPUS, only: undefined, docCalls: 3000, cli: join(REPO, 'dist', 'cli.js'), ledgerFiles: LEDGER_FILES, backfillRepo: process.env.PAYDOWN_BACKFILL_REPO || join(HERE, '.backfill-repo') };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      const v = argv[++i];
      if (v === undefined) fail(`${a} needs a value`);
      return v;
    };
    if (a === '--corpus') opts.corpus = resolve(next());
    else if (a === '--real-corpus') opts.realCorpus = resolve(next());
    else if (a === '--runs') opts.runs = Math.max(1, Number.parseInt(next(), 10) || 3);
    else if (a === '--seed') opts.seed = next();
    else if (a === '--files') opts.files = Number.parseInt(next(), 10);
    else if (a === '--only') opts.only = next().split(',');
    else if (a === '--cli') opts.cli = resolve(next());
    else if (a === '--doc-calls') opts.docCalls = Number.parseInt(next(), 10);
    else if (a === '--ledger-files') opts.ledgerFiles = Number.parseInt(next(), 10);
    else if (a === '--backfill-repo') opts.backfillRepo = resolve(next());
    else if (a === '-h' || a === '--help') {
      console.log('usage: npm run bench [-- --corpus DIR] [--real-corpus DIR] [--runs N] [--seed S] [--files N] [--only scan,real,floor,document,ledger,...] [--doc-calls N] [--ledger-files N] [--backfill-repo DIR] [--cli dist/cli.js]');
      process.exit(0);
    } else fail(`unknown argument ${a}`);
  }
  opts.corpus ??= defaultCorpusDir(opts.seed, opts.files);
  opts.ledgerCorpus = defaultLedgerCorpusDir(opts.seed, opts.ledgerFiles);
  return opts;
}

function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Tools: ripgrep and GNU time, installed from Debian when missing.

function which(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** apt-get install, waiting for another apt's lock rather than failing on it. */
function aptInstall(pkg) {
  console.log(`bench: installing ${pkg} with apt-get (waits for the dpkg lock if apt is busy)…`);
  const sudo = process.getuid && process.getuid() !== 0 && which('sudo') ? ['sudo'] : [];
  const apt = (...args) => spawnSync(sudo[0] ?? 'apt-get', [...(sudo.length ? ['apt-get'] : []), '-o', 'DPkg::Lock::Timeout=600', ...args], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (apt('install', '-y', '-q', pkg).status === 0) return true;
  apt('update', '-q');
  return apt('install', '-y', '-q', pkg).status === 0;
}

function findRipgrep() {
  // Debian's rg is the reference (TESTING.md); fall back to any rg on PATH.
  if (existsSync('/usr/bin/rg')) return '/usr/bin/rg';
  let rg = which('rg');
  if (!rg && aptInstall('ripgrep')) rg = existsSync('/usr/bin/rg') ? '/usr/bin/rg' : which('rg');
  if (!rg) fail('ripgrep is missing and could not be installed (apt-get install ripgrep)');
  return rg;
}

function findGnuTime() {
  if (existsSync('/usr/bin/time')) return '/usr/bin/time';
  if (aptInstall('time') && existsSync('/usr/bin/time')) return '/usr/bin/time';
  console.warn('bench: /usr/bin/time unavailable; peak memory is read by polling /proc/<pid>/status');
  return null;
}

// ---------------------------------------------------------------------------------------------
// Timing whole processes.

/**
 * Runs `cmd args` in `cwd`, timing it from spawn to exit. Peak memory (max RSS, KB) and CPU time
 * (user + sys, ms; all threads) come from GNU time when available (worker threads share the
 * process, so they are included), else peak memory from polling VmHWM and no CPU time. Stdout is
 * captured.
 */
function timeProcess(ctx, cmd, args, { cwd }) {
  return new Promise((resolvePromise, reject) => {
    const memFile = join(ctx.tmp, `mem-${process.hrtime.bigint()}.txt`);
    const [file, argv] = ctx.gnuTime ? [ctx.gnuTime, ['-f', '%M %U %S', '-o', memFile, cmd, ...args]] : [cmd, args];
    const chunks = [];
    const errChunks = [];
    const start = performance.now();
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let polledKB = 0;
    let poll;
    if (!ctx.gnuTime) {
      poll = setInterval(() => {
        try {
          const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          if (m) polledKB = Math.max(polledKB, Number(m[1]));
        } catch {
          /* exited */
        }
      }, 10);
    }
    child.stdout.on('data', (c) => chunks.push(c));
    child.stderr.on('data', (c) => errChunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - start;
      if (poll) clearInterval(poll);
      let peakKB = polledKB;
      let cpuMs = null;
      if (ctx.gnuTime) {
        try {
          const lines = readFileSync(memFile, 'utf8').trim().split('\n');
          const [kb, user, sys] = lines[lines.length - 1].split(' ').map(Number);
          peakKB = kb || 0;
          if (Number.isFinite(user) && Number.isFinite(sys)) cpuMs = (user + sys) * 1000;
          rmSync(memFile, { force: true });
        } catch {
          /* no figure */
        }
      }
      resolvePromise({ ms, code, peakKB, cpuMs, stdout: Buffer.concat(chunks), stderr: Buffer.concat(errChunks).toString('utf8') });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? null : Number(x.toFixed(d)));

function rgCount(stdout) {
  let total = 0;
  let files = 0;
  for (const line of stdout.toString('utf8').split('\n')) {
    const i = line.lastIndexOf(':');
    if (i < 0) continue;
    const n = Number(line.slice(i + 1));
    if (Number.isFinite(n)) {
      total += n;
      files++;
    }
  }
  return { total, files };
}

function parsePaydown(run) {
  if (run.code !== 0) {
    const lines = run.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^Node\.js v/.test(l));
    const why = lines.find((l) => /error/i.test(l)) ?? lines.slice(-2).join(' | ');
    return { error: `exit ${run.code}: ${why}` };
  }
  try {
    const doc = JSON.parse(run.stdout.toString('utf8'));
    const items = Array.isArray(doc) ? doc : doc.items;
    // Items per top-level folder: the real corpus's projects (a check that a change moved nothing).
    const byProject = {};
    for (const item of items ?? []) {
      const top = String(item.file ?? '').split('/')[0];
      byProject[top] = (byProject[top] ?? 0) + 1;
    }
    return { items: items?.length ?? null, stats: doc.stats ?? null, problems: doc.problems?.length ?? null, byProject };
  } catch (err) {
    return { error: `unreadable JSON (${err.message})` };
  }
}

// ---------------------------------------------------------------------------------------------
// Measures. Each returns rows; a row with a target is checked against it.
//
// Row: { id, label, value, unit, display?, target?: { max, unit?, text }, ok?, note? }

/** Workspace scan on the generated corpus: ripgrep, paydown without cache, paydown re-scanning an unchanged tree. */
function measureScan(ctx) {
  return measureScanOn(ctx, { corpus: ctx.corpus, planted: ctx.corpusStats?.tags ?? null, real: false });
}

/**
 * The same rows on the real corpus (real-corpus.sh), when it is there, plus CPU time and items
 * per project; its memory target is the tighter one. A row says how to build it when it is not.
 */
async function measureRealScan(ctx) {
  const dir = ctx.realCorpus;
  if (!existsSync(join(dir, REAL_CORPUS_STAMP))) {
    return [{ id: 'realCorpus', label: 'real corpus', value: null, display: `not built: test/bench/real-corpus.sh MIRROR_DIR ${dir === DEFAULT_REAL_CORPUS ? '' : dir}`.trim(), note: 'skipped (PAYDOWN_REAL_CORPUS or --real-corpus points elsewhere)' }];
  }
  // The stamp: `format`, `max-bytes`, a `folder owner/name commit` line per project, then `# excluded …`.
  const stamp = readFileSync(join(dir, REAL_CORPUS_STAMP), 'utf8').split('# excluded')[0];
  ctx.realCorpusStamp = stamp.split('\n').map((l) => l.split(' ')).filter((f) => f.length === 3).map(([folder, repo, commit]) => ({ folder, repo, commit }));
  return measureScanOn(ctx, { corpus: dir, planted: null, real: true });
}

/** Workspace scan of `corpus`: ripgrep, paydown without cache, paydown re-scanning an unchanged tree, in alternating rounds. */
async function measureScanOn(ctx, { corpus, planted, real }) {
  const rows = [];
  const { rg, runs, cli: CLI } = ctx;
  const id = (name) => (real ? `real${name[0].toUpperCase()}${name.slice(1)}` : name);
  if (real) console.log(`  corpus: ${corpus}`);
  // Files as ripgrep sees them (gitignore, hidden files and binaries excluded the same way).
  const rgFiles = spawnSync(rg, ['--files'], { cwd: corpus, maxBuffer: 1 << 28 }).stdout.toString('utf8').split('\n').filter(Boolean).length;
  console.log(`  warming the page cache (untimed rg pass)…`);
  await timeProcess(ctx, rg, RG_ARGS, { cwd: corpus });

  const haveCli = existsSync(CLI);
  if (!haveCli) console.log(`  ${CLI} is missing (does \`npm run build\` build the CLI yet?): timing ripgrep only.`);
  const cacheDir = mkdtempSync(join(ctx.tmp, 'cache-'));
  const node = process.execPath;
  // The corpus is the workspace: `--root`, since the real corpus lies inside this repository, whose `.paydown/` would win.
  const cold = [node, CLI, 'scan', '--root', corpus, '--format', 'json', '--no-cache', '--quiet'];
  const warm = [node, CLI, 'scan', '--root', corpus, '--format', 'json', '--cache-dir', cacheDir, '--quiet'];
  if (haveCli) {
    const help = spawnSync(node, [CLI, 'scan', '--help'], { encoding: 'utf8' }).stdout ?? '';
    if (!help.includes('--cache-dir')) warm.splice(warm.indexOf('--cache-dir'), 2);
    if (!help.includes('--quiet')) {
      cold.pop();
      warm.pop();
    }
  }

  const t = { rg: [], cold: [], warm: [], startup: [], populate: null };
  const cpu = { rg: [], cold: [], warm: [] };
  const mem = { rg: [], cold: [], warm: [], populate: null };
  let rgItems = null;
  let paydown = null;
  let warmInfo = null;
  let cliError = null;

  if (haveCli) {
    console.log('  populating the paydown cache (untimed first scan with cache)…');
    const p = await timeProcess(ctx, cold[0], warm.slice(1), { cwd: corpus });
    const parsed = parsePaydown(p);
    if (parsed.error) cliError = parsed.error;
    t.populate = p.ms;
    mem.populate = p.peakKB;
  }

  for (let i = 0; i < runs; i++) {
    const r = await timeProcess(ctx, rg, RG_ARGS, { cwd: corpus });
    t.rg.push(r.ms);
    cpu.rg.push(r.cpuMs);
    mem.rg.push(r.peakKB);
    rgItems = rgCount(r.stdout);
    let line = `  run ${i + 1}/${runs}: rg ${(r.ms / 1000).toFixed(2)} s`;
    if (haveCli && !cliError) {
      const c = await timeProcess(ctx, cold[0], cold.slice(1), { cwd: corpus });
      const parsed = parsePaydown(c);
      if (parsed.error) cliError = parsed.error;
      else paydown = parsed;
      t.cold.push(c.ms);
      cpu.cold.push(c.cpuMs);
      mem.cold.push(c.peakKB);
      const w = await timeProcess(ctx, warm[0], warm.slice(1), { cwd: corpus });
      const pw = parsePaydown(w);
      if (pw.error) cliError = pw.error;
      else warmInfo = pw;
      t.warm.push(w.ms);
      cpu.warm.push(w.cpuMs);
      mem.warm.push(w.peakKB);
      t.startup.push((await timeProcess(ctx, node, [CLI, '--version'], { cwd: corpus })).ms);
      line += `, paydown first scan ${(c.ms / 1000).toFixed(2)} s (${(c.ms / r.ms).toFixed(2)}×), re-scan ${(w.ms / 1000).toFixed(2)} s (${(w.ms / r.ms).toFixed(2)}×)`;
    }
    console.log(line);
    if (cliError) console.log(`  paydown failed: ${cliError}`);
  }
  rmSync(cacheDir, { recursive: true, force: true });

  const rgMs = median(t.rg);
  rows.push({ id: id('files'), label: 'Files (rg --files / paydown stats.files)', value: rgFiles, display: `${rgFiles.toLocaleString('en-US')} / ${paydown?.stats?.files?.toLocaleString('en-US') ?? '–'}`, paydown: paydown?.stats?.files ?? null, note: real ? 'paydown also reads hidden files (.github/…); rg skips them by default' : undefined });
  rows.push({
    id: id('items'),
    label: 'Items (paydown items / rg matching lines)',
    value: paydown?.items ?? null,
    display: `${paydown?.items?.toLocaleString('en-US') ?? '–'} / ${rgItems.total.toLocaleString('en-US')} (in ${rgItems.files.toLocaleString('en-US')} files)` + (planted === null ? '' : `; ${planted.toLocaleString('en-US')} planted`),
    rg: rgItems.total,
    planted,
    byProject: real ? paydown?.byProject ?? null : undefined,
    note: 'differ by design: rg also counts tags in strings and prose' + (planted === null || paydown?.items == null ? '' : paydown.items === planted ? '; paydown found exactly the planted annotations' : `; paydown found ${paydown.items - planted > 0 ? '+' : ''}${paydown.items - planted} vs the planted ones`),
  });
  if (real && paydown?.byProject) {
    rows.push({ id: 'realItemsByProject', label: 'Items by project', value: null, display: Object.entries(paydown.byProject).map(([k, n]) => `${k} ${n}`).join(', ') });
  }
  const rgCpu = cpu.rg.every((x) => x !== null) ? median(cpu.rg) : null;
  rows.push({ id: id('rg'), label: 'ripgrep `rg -c -w -e TODO … -e DEBT`', value: round(rgMs / 1000, 3), unit: 's', display: `${(rgMs / 1000).toFixed(2)} s` + (rgCpu === null ? '' : `, CPU ${(rgCpu / 1000).toFixed(2)} s`), runs: t.rg.map((x) => round(x, 1)), cpuRuns: cpu.rg.map((x) => round(x, 0)), peakMemoryMB: round(Math.max(...mem.rg) / 1024, 1) });
  if (!haveCli || !t.cold.length) {
    rows.push({ id: id('paydown'), label: 'paydown scan', value: null, display: haveCli ? `failed: ${cliError}` : `${CLI} missing`, ok: false });
    return rows;
  }
  const coldMs = median(t.cold);
  const warmMs = median(t.warm);
  // The checked ratio is the median of per-round ratios: rg and paydown run back to back in a
  // round, so they share the machine's noise (TESTING.md: the ratio is the figure that means something).
  const perRun = (xs, base = t.rg) => xs.map((x, i) => x / base[i]);
  const coldRatio = median(perRun(t.cold));
  const warmRatio = median(perRun(t.warm));
  rows.push({
    id: id('firstScan'),
    label: 'paydown first scan (--no-cache)',
    value: round(coldMs / 1000, 3),
    unit: 's',
    ratio: round(coldRatio, 3),
    display: `${(coldMs / 1000).toFixed(2)} s, ${coldRatio.toFixed(2)}× rg`,
    target: { max: TARGETS.firstScanRatio, text: `≤ ${TARGETS.firstScanRatio}× rg` },
    ok: coldRatio <= TARGETS.firstScanRatio,
    runs: t.cold.map((x) => round(x, 1)),
    ratios: perRun(t.cold).map((x) => round(x, 3)),
  });
  if (rgCpu !== null && cpu.cold.every((x) => x !== null)) {
    const cpuRatio = median(perRun(cpu.cold, cpu.rg));
    rows.push({
      id: id('firstScanCpu'),
      label: 'paydown first scan, CPU time (user + sys)',
      value: round(median(cpu.cold) / 1000, 3),
      unit: 's',
      ratio: round(cpuRatio, 3),
      display: `${(median(cpu.cold) / 1000).toFixed(2)} s, ${cpuRatio.toFixed(2)}× rg`,
      target: real ? { max: TARGETS.firstScanCpuRatio, text: `≤ ${TARGETS.firstScanCpuRatio}× rg` } : undefined,
      ok: real ? cpuRatio <= TARGETS.firstScanCpuRatio : undefined,
      runs: cpu.cold.map((x) => round(x, 0)),
      ratios: perRun(cpu.cold, cpu.rg).map((x) => round(x, 3)),
    });
  }
  const cacheNote = warmInfo?.stats ? `${warmInfo.stats.filesFromCache ?? '?'} files from cache, ${warmInfo.stats.filesRead ?? '?'} read` : undefined;
  rows.push({
    id: id('rescan'),
    label: 'paydown re-scan, unchanged tree (cache)',
    value: round(warmMs / 1000, 3),
    unit: 's',
    ratio: round(warmRatio, 3),
    display: `${(warmMs / 1000).toFixed(2)} s, ${warmRatio.toFixed(2)}× rg`,
    target: { max: TARGETS.rescanRatio, text: `≤ ${TARGETS.rescanRatio}× rg` },
    ok: warmRatio <= TARGETS.rescanRatio,
    runs: t.warm.map((x) => round(x, 1)),
    ratios: perRun(t.warm).map((x) => round(x, 3)),
    note: cacheNote,
    items: warmInfo?.items ?? null,
  });
  rows.push({ id: id('populate'), label: 'paydown first scan writing the cache', value: round(t.populate / 1000, 3), unit: 's', display: `${(t.populate / 1000).toFixed(2)} s, ${(t.populate / rgMs).toFixed(2)}× rg (1 run)` });
  const startupMs = median(t.startup);
  rows.push({ id: id('startup'), label: 'paydown CLI startup (--version)', value: round(startupMs, 1), unit: 'ms', display: `${startupMs.toFixed(0)} ms (included in the scan times)` });
  const peakKB = Math.max(...mem.cold, ...mem.warm, mem.populate ?? 0);
  const peakMB = peakKB / 1024;
  const mb = (kb) => (kb / 1024).toFixed(0);
  const memTarget = real ? TARGETS.realPeakMemoryMB : TARGETS.peakMemoryMB;
  rows.push({
    id: id('peakMemory'),
    label: 'paydown peak memory (max RSS, all runs)',
    value: round(peakMB, 1),
    unit: 'MB',
    // Each kind of run on its own: the first re-scan after the cache was written (it proves the
    // tree against git once, and writes the re-scan summary) is not like the later ones.
    display: `${peakMB.toFixed(0)} MB (first scan ${mb(Math.max(...mem.cold))}, writing the cache ${mb(mem.populate ?? 0)}, the re-scan after it ${mb(mem.warm[0] ?? 0)}, later re-scans ${mb(Math.max(0, ...mem.warm.slice(1)))}; rg ${mb(median(mem.rg))})`,
    target: { max: memTarget, text: `≤ ${memTarget} MB` },
    ok: peakMB <= memTarget,
  });
  return rows;
}

/** The one-document API (`scanDocument`) on a 2,000-line TypeScript file with ~20 annotations. */
async function measureDocument(ctx) {
  const esbuild = await import('esbuild');
  const outDir = mkdtempSync(join(ctx.tmp, 'doc-'));
  const entry = join(outDir, 'entry.ts');
  const src = (p) => JSON.stringify(join(REPO, 'src', p));
  writeFileSync(
    entry,
    `export { scanDocument, prepareAnnotationOptions } from ${src('engine/scanner/document.ts')};\n` +
      `export { DEFAULT_ANNOTATION_OPTIONS } from ${src('engine/model.ts')};\n`,
  );
  const outfile = join(outDir, 'document.mjs');
  await esbuild.build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'error', define: { PAYDOWN_VERSION: '"bench"' } });
  const api = await import(pathToFileURL(outfile).href);
  const options = api.DEFAULT_ANNOTATION_OPTIONS;
  const text = generateDocument('one-document', 2000, 20);
  const lines = text.split('\n').length - 1;
  // A few variants (one character changed, as a keystroke would) so no call sees the same string twice in a row.
  const variants = Array.from({ length: 8 }, (_, i) => {
    const at = Math.floor((text.length * (i + 1)) / 10);
    return text.slice(0, at) + (text[at] === ' ' ? '  ' : ' ') + text.slice(at + 1);
  });
  const source = { file: 'src/bench/document.ts', languageId: 'typescript' };
  const first = api.scanDocument(text, source, options);
  const items = first.items.length;
  for (let i = 0; i < 300; i++) api.scanDocument(variants[i % variants.length], source, options);
  const times = [];
  for (let i = 0; i < ctx.docCalls; i++) {
    const v = variants[i % variants.length];
    const t0 = performance.now();
    api.scanDocument(v, source, options);
    times.push(performance.now() - t0);
  }
  rmSync(outDir, { recursive: true, force: true });
  const med = median(times);
  const p95 = percentile(times, 95);
  return [
    {
      id: 'document',
      label: `scanDocument, ${lines.toLocaleString('en-US')}-line .ts (${items} items found)`,
      value: round(med, 3),
      unit: 'ms',
      p95: round(p95, 3),
      items,
      display: `median ${med.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms`,
      target: { max: TARGETS.documentMs, text: `≤ ${TARGETS.documentMs} ms` },
      ok: med <= TARGETS.documentMs,
      note: items < 15 ? `only ${items} of ~20 annotations found: the engine may still be a stub` : undefined,
      calls: ctx.docCalls,
    },
  ];
}

/**
 * The measures, in order. Later work adds rows here (extension activation time, bundle and
 * .vsix sizes): give a measure an id, a title and a `run(ctx)` returning rows.
 */
export const MEASURES = [
  { id: 'scan', title: 'Workspace scan against ripgrep (generated corpus)', run: measureScan },
  { id: 'real', title: 'Workspace scan against ripgrep (real corpus: 14 public repositories)', run: measureRealScan },
  {
    id: 'floor',
    title: 'The first scan\'s floor (real corpus): a bare two-thread walk, without a lexer, with Paydown\'s, with a minimal byte lexer',
    run: async (ctx) => (await import('./floor.mjs')).measureFloor(ctx, { rgArgs: RG_ARGS, timeProcess, median, round, realCorpusReady: (dir) => existsSync(join(dir, REAL_CORPUS_STAMP)) }),
  },
  { id: 'document', title: 'One-document API', run: measureDocument },
  { id: 'ledger', title: 'Ledger sync on ~10,000 items against a cold scan', run: (ctx) => measureLedger(ctx, { timeProcess, median, round }) },
  { id: 'extension', title: 'The VS Code extension: activation, first tree, keystroke, sizes', run: async (ctx) => (await import('./extension.mjs')).measureExtension(ctx) },
  { id: 'tree', title: 'The Debt view at 3,600 items: regroup, a keystroke', run: async (ctx) => (await import('./tree.mjs')).measureTree(ctx) },
  { id: 'page', title: 'The budget page: view model at 10,000 items × 26 sprints, the HTML report', run: async (ctx) => (await import('./page.mjs')).measurePage(ctx) },
  { id: 'backfill', title: 'ledger backfill over a real history (≥ 20,000 first-parent commits)', run: async (ctx) => (await import('./backfill.mjs')).measureBackfill(ctx, { timeProcess, round }) },
];

// ---------------------------------------------------------------------------------------------
// Report.

function printTable(sections) {
  const all = sections.flatMap((s) => s.rows);
  const w1 = Math.max(...all.map((r) => r.label.length), 10);
  const w2 = Math.max(...all.map((r) => String(r.display ?? r.value ?? '').length), 10);
  const line = '─'.repeat(w1 + w2 + 26);
  console.log(`\n${line}`);
  for (const s of sections) {
    console.log(`${s.title}`);
    for (const r of s.rows) {
      const status = r.target ? (r.ok ? `ok    ${r.target.text}` : `MISS  ${r.target.text}`) : r.ok === false ? 'MISS' : '';
      console.log(`  ${r.label.padEnd(w1)}  ${String(r.display ?? r.value ?? '').padEnd(w2)}  ${status}`);
      if (r.note) console.log(`  ${''.padEnd(w1)}  (${r.note})`);
    }
  }
  console.log(line);
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const ctx = { ...opts, tmp: mkdtempSync(join(process.env.TMPDIR || tmpdir(), 'paydown-bench-')) };
  const started = new Date();
  const want = (id) => !opts.only || opts.only.includes(id);
  try {
    const needsCorpus = want('scan');
    if (want('ledger') || want('backfill')) ctx.gnuTime = findGnuTime();
    if (want('real') || want('floor')) {
      ctx.rg = findRipgrep();
      ctx.gnuTime = findGnuTime();
    }
    if (needsCorpus) {
      ctx.rg = findRipgrep();
      ctx.gnuTime = findGnuTime();
      ctx.rgVersion = execFileSync(ctx.rg, ['--version'], { encoding: 'utf8' }).split('\n')[0];
      console.log(`corpus: ${opts.corpus}`);
      const c = ensureCorpus(opts.corpus, { seed: opts.seed, files: opts.files, log: console.log });
      ctx.corpus = c.dir;
      ctx.corpusStats = c.stats;
      const s = c.stats;
      if (c.foreign) console.log('  not a generated corpus: used as it is');
      else {
        console.log(
          `  ${c.reused ? 'reused' : `built in ${s.totalSeconds.toFixed(1)} s`}: ${s.files.toLocaleString('en-US')} files (+${s.ignoredFiles.toLocaleString('en-US')} ignored), ` +
            `${(s.bytes / 1048576).toFixed(0)} MB, ${s.taggedFiles.toLocaleString('en-US')} tagged files (${((100 * s.taggedFiles) / s.files).toFixed(1)}%), ${s.tags.toLocaleString('en-US')} annotations`,
        );
      }
      console.log(`  ${ctx.rgVersion} at ${ctx.rg}; ${cpus().length} cores; node ${process.version}; ${opts.runs} runs, medians`);
      const load = loadavg()[0];
      if (load > cpus().length * 0.75) console.log(`  note: load average ${load.toFixed(1)} on ${cpus().length} cores: the machine is busy, expect noisy times (ratios hold better)`);
    }
    if (!needsCorpus) {
      const load = loadavg()[0];
      console.log(`${cpus().length} cores, load average ${load.toFixed(1)}; node ${process.version}; ${opts.runs} runs, medians`);
    }
    const sections = [];
    for (const m of MEASURES) {
      if (!want(m.id)) continue;
      console.log(`\n${m.title}…`);
      try {
        sections.push({ id: m.id, title: m.title, rows: await m.run(ctx) });
      } catch (err) {
        console.log(`  failed: ${err.stack ?? err}`);
        sections.push({ id: m.id, title: m.title, rows: [{ id: `${m.id}Error`, label: m.title, value: null, display: `failed: ${String(err.message ?? err).split('\n')[0]}`, ok: false }] });
      }
    }
    printTable(sections);
    const misses = sections.flatMap((s) => s.rows).filter((r) => r.ok === false);
    console.log(misses.length ? `${misses.length} target(s) missed: ${misses.map((r) => r.id).join(', ')}` : 'all targets met');
    const results = {
      date: started.toISOString(),
      durationSeconds: round((Date.now() - started.getTime()) / 1000, 1),
      machine: { cores: cpus().length, loadAverage: round(loadavg()[0], 2), cpu: cpus()[0]?.model ?? null, memoryMB: Math.round(totalmem() / 1048576), node: process.version, rg: ctx.rgVersion ?? null },
      commit: gitHead(),
      runs: opts.runs,
      corpus: ctx.corpusStats ? { dir: ctx.corpus, ...ctx.corpusStats } : null,
      realCorpus: ctx.realCorpusStamp ? { dir: ctx.realCorpus, repos: ctx.realCorpusStamp } : null,
      ledgerCorpus: ctx.ledgerCorpusStats ?? null,
      targets: TARGETS,
      sections,
      misses: misses.map((r) => r.id),
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
    console.log(`results: ${RESULTS}`);
  } finally {
    rmSync(ctx.tmp, { recursive: true, force: true });
  }
}

function gitHead() {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

await main();
