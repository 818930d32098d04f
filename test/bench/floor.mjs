// The floor under the first scan (`npm run bench -- --only floor`), on the real corpus: a bare
// two-thread walk (floorScan.ts, bundled and minified as the shipped bundles are), once counting
// the files that hold a tag's text, once handing them to Paydown's own lexer and once to a
// minimal lexer over their bytes, each against rg in the same rounds, with Paydown's first scan
// in the same rounds too. How far Paydown's first scan is above the lexed walk is what its own
// walk costs; how far the lexed walk is above rg is what no walk can win back with this lexer
// (docs/performance.md, ninth pass); the byte-lexed walk says what a lexer over bytes would win
// (eleventh pass); the same two lexers run on the walkers, as each candidate is read, say what
// lexing there would win (thirteenth pass). A report, not a test: no targets.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));

/** `rgArgs`, `timeProcess`, `median`, `round` and `realCorpusReady` are bench.mjs's, so that both parts time and check alike. */
export async function measureFloor(ctx, { rgArgs, timeProcess, median, round, realCorpusReady }) {
  const corpus = ctx.realCorpus;
  if (!realCorpusReady(corpus)) return [{ id: 'floorCorpus', label: 'real corpus', value: null, display: 'not built: test/bench/real-corpus.sh MIRROR_DIR', note: 'skipped' }];
  const esbuild = await import('esbuild');
  const program = join(ctx.tmp, 'floor-scan.cjs');
  await esbuild.build({
    entryPoints: [join(HERE, 'floorScan.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: program,
    logLevel: 'warning', mainFields: ['module', 'main'], minify: true, define: { PAYDOWN_VERSION: '"bench"' },
  });
  const node = process.execPath;
  const kinds = [
    { id: 'floorBareWalk', short: 'bare', label: 'bare walk: 2 threads, read + tag search, no ignore rules', args: [program, corpus, '--no-lex'] },
    { id: 'floorLexedWalk', short: 'lexed', label: 'the same, candidates lexed by Paydown (the design floor)', args: [program, corpus] },
    { id: 'floorByteLexedWalk', short: 'bytes', label: 'the same, candidates lexed as bytes by a minimal lexer, only tagged comments decoded', args: [program, corpus, '--byte-lexer'] },
    { id: 'floorLexedOnWalkers', short: 'lexed on walkers', label: 'candidates lexed by Paydown on the walkers, as each is read (no tail; a lexer compiled per walker)', args: [program, corpus, '--on-walkers'] },
    { id: 'floorByteLexedOnWalkers', short: 'bytes on walkers', label: 'candidates lexed as bytes on the walkers, as each is read; the tagged comments parsed on the calling thread', args: [program, corpus, '--byte-lexer', '--on-walkers'] },
  ];
  // Paydown's own first scan in the same rounds, for the projection below.
  if (existsSync(ctx.cli)) kinds.push({ id: 'floorPaydown', short: 'paydown', label: 'paydown scan --no-cache', args: [ctx.cli, 'scan', '--root', corpus, '--format', 'json', '--no-cache', '--quiet'] });
  console.log(`  corpus: ${corpus}`);
  console.log('  warming the page cache (untimed rg and floor runs)…');
  await timeProcess(ctx, ctx.rg, rgArgs, { cwd: corpus });
  for (const kind of kinds) await timeProcess(ctx, node, kind.args, { cwd: corpus });
  const rg = { ms: [], cpu: [] };
  const got = Object.fromEntries(kinds.map((k) => [k.id, { ms: [], cpu: [], ratio: [], cpuRatio: [], peakKB: [], out: null }]));
  for (let i = 0; i < ctx.runs; i++) {
    const r = await timeProcess(ctx, ctx.rg, rgArgs, { cwd: corpus });
    rg.ms.push(r.ms);
    rg.cpu.push(r.cpuMs);
    let line = `  run ${i + 1}/${ctx.runs}: rg ${(r.ms / 1000).toFixed(2)} s`;
    for (const kind of kinds) {
      const run = await timeProcess(ctx, node, kind.args, { cwd: corpus });
      if (run.code !== 0) throw new Error(`${kind.id} failed (exit ${run.code}): ${run.stderr.trim().split('\n').pop()}`);
      const g = got[kind.id];
      g.ms.push(run.ms);
      g.cpu.push(run.cpuMs);
      // As in the scan rows: the median of each round's ratio, since rg and the walk share that round's noise.
      g.ratio.push(run.ms / r.ms);
      if (run.cpuMs !== null && r.cpuMs !== null) g.cpuRatio.push(run.cpuMs / r.cpuMs);
      g.peakKB.push(run.peakKB);
      if (kind.id !== 'floorPaydown') g.out = JSON.parse(run.stdout.toString('utf8').trim().split('\n').pop());
      line += `, ${kind.short} ${(run.ms / 1000).toFixed(2)} s (${(run.ms / r.ms).toFixed(2)}×)`;
    }
    console.log(line);
  }
  const rgMs = median(rg.ms);
  const rows = kinds.filter((kind) => kind.id !== 'floorPaydown').map((kind) => {
    const g = got[kind.id];
    const ms = median(g.ms);
    const ratio = median(g.ratio);
    const cpuRatio = g.cpuRatio.length === g.ms.length ? median(g.cpuRatio) : null;
    const cpuText = cpuRatio === null ? '' : `; CPU ${(median(g.cpu) / 1000).toFixed(2)} s, ${cpuRatio.toFixed(2)}× rg`;
    return {
      id: kind.id,
      label: kind.label,
      value: round(ms / 1000, 3),
      unit: 's',
      ratio: round(ratio, 3),
      cpuRatio: cpuRatio === null ? null : round(cpuRatio, 3),
      display: `${(ms / 1000).toFixed(2)} s, ${ratio.toFixed(2)}× rg${cpuText}`,
      runs: g.ms.map((x) => round(x, 1)),
      peakMemoryMB: round(Math.max(...g.peakKB) / 1024, 1),
      note: `${g.out.filesRead.toLocaleString('en-US')} files read, ${g.out.candidates.toLocaleString('en-US')} hold a tag's text${g.out.lexed ? `, ${g.out.items.toLocaleString('en-US')} items` : ''}; rg ${(rgMs / 1000).toFixed(2)} s`,
    };
  });
  const paydown = got.floorPaydown;
  if (paydown) {
    rows.push(projection(paydown, got.floorLexedWalk, got.floorByteLexedWalk, rg, { median, round }, {
      id: 'floorProjectedByteLexer',
      label: 'paydown scan --no-cache with a byte lexer (projected: paydown − lexed + bytes, per round)',
    }));
    rows.push(projection(paydown, got.floorLexedWalk, got.floorByteLexedOnWalkers, rg, { median, round }, {
      id: 'floorProjectedByteLexerOnWalkers',
      label: 'paydown scan --no-cache with a byte lexer on the walkers (projected: paydown − lexed + bytes on walkers, per round)',
    }));
  }
  return rows;
}

/**
 * Paydown's first scan with its lexer's cost replaced by another floor's, round by round:
 * paydown − lexed walk + that walk (`bytes`), against that round's rg (`rg.ms`, `rg.cpu`). An
 * estimate: it assumes the rest of Paydown's walk stays as it is.
 */
function projection(paydown, lexed, bytes, rg, { median, round }, { id, label }) {
  const rounds = paydown.ms.map((ms, i) => ms - lexed.ms[i] + bytes.ms[i]);
  const ratio = median(rounds.map((ms, i) => ms / rg.ms[i]));
  const cpu = paydown.cpu.every((x, i) => x !== null && lexed.cpu[i] !== null && bytes.cpu[i] !== null && rg.cpu[i] !== null)
    ? paydown.cpu.map((x, i) => x - lexed.cpu[i] + bytes.cpu[i])
    : null;
  const cpuRatio = cpu === null ? null : median(cpu.map((x, i) => x / rg.cpu[i]));
  return {
    id,
    label,
    value: round(median(rounds) / 1000, 3),
    unit: 's',
    ratio: round(ratio, 3),
    cpuRatio: cpuRatio === null ? null : round(cpuRatio, 3),
    display: `${(median(rounds) / 1000).toFixed(2)} s, ${ratio.toFixed(2)}× rg${cpuRatio === null ? '' : `; CPU ${(median(cpu) / 1000).toFixed(2)} s, ${cpuRatio.toFixed(2)}× rg`}`,
    runs: rounds.map((x) => round(x, 1)),
    note: `paydown itself in the same rounds: ${(median(paydown.ms) / 1000).toFixed(2)} s, ${median(paydown.ratio).toFixed(2)}× rg${paydown.cpuRatio.length === paydown.ms.length ? `; CPU ${median(paydown.cpuRatio).toFixed(2)}×` : ''}`,
  };
}
