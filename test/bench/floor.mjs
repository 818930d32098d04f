// The floor under the first scan (`npm run bench -- --only floor`), on the real corpus: a bare
// two-thread walk (floorScan.ts, bundled and minified as the shipped bundles are), once counting
// the files that hold a tag's text and once handing them to Paydown's own lexer, each against rg
// in the same rounds. How far Paydown's first scan is above the lexed walk is what its own walk
// costs; how far the lexed walk is above rg is what no walk can win back (docs/performance.md,
// ninth pass). A report, not a test: no targets.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const RG_ARGS = ['-c', '-w', '-e', 'TODO', '-e', 'FIXME', '-e', 'HACK', '-e', 'XXX', '-e', 'DEBT'];

export async function measureFloor(ctx, { timeProcess, median, round, realCorpusReady }) {
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
    { id: 'floorBareWalk', label: 'bare walk: 2 threads, read + tag search, no ignore rules', args: [program, corpus, '--no-lex'] },
    { id: 'floorLexedWalk', label: 'the same, candidates lexed by Paydown (the design floor)', args: [program, corpus] },
  ];
  console.log(`  corpus: ${corpus}`);
  console.log('  warming the page cache (untimed rg and floor runs)…');
  await timeProcess(ctx, ctx.rg, RG_ARGS, { cwd: corpus });
  for (const kind of kinds) await timeProcess(ctx, node, kind.args, { cwd: corpus });
  const rg = { ms: [], cpu: [] };
  const got = Object.fromEntries(kinds.map((k) => [k.id, { ms: [], cpu: [], peakKB: [], out: null }]));
  for (let i = 0; i < ctx.runs; i++) {
    const r = await timeProcess(ctx, ctx.rg, RG_ARGS, { cwd: corpus });
    rg.ms.push(r.ms);
    rg.cpu.push(r.cpuMs);
    let line = `  run ${i + 1}/${ctx.runs}: rg ${(r.ms / 1000).toFixed(2)} s`;
    for (const kind of kinds) {
      const run = await timeProcess(ctx, node, kind.args, { cwd: corpus });
      if (run.code !== 0) throw new Error(`${kind.id} failed (exit ${run.code}): ${run.stderr.trim().split('\n').pop()}`);
      const g = got[kind.id];
      g.ms.push(run.ms);
      g.cpu.push(run.cpuMs);
      g.peakKB.push(run.peakKB);
      g.out = JSON.parse(run.stdout.toString('utf8').trim().split('\n').pop());
      line += `, ${kind.id === 'floorBareWalk' ? 'bare' : 'lexed'} ${(run.ms / 1000).toFixed(2)} s (${(run.ms / r.ms).toFixed(2)}×)`;
    }
    console.log(line);
  }
  const rgMs = median(rg.ms);
  const rgCpu = rg.cpu.every((c) => c !== null) ? median(rg.cpu) : null;
  return kinds.map((kind) => {
    const g = got[kind.id];
    const ms = median(g.ms);
    const cpu = rgCpu !== null && g.cpu.every((c) => c !== null) ? median(g.cpu) : null;
    const cpuText = cpu === null ? '' : `; CPU ${(cpu / 1000).toFixed(2)} s, ${(cpu / rgCpu).toFixed(2)}× rg`;
    return {
      id: kind.id,
      label: kind.label,
      value: round(ms / 1000, 3),
      unit: 's',
      ratio: round(ms / rgMs, 3),
      cpuRatio: cpu === null ? null : round(cpu / rgCpu, 3),
      display: `${(ms / 1000).toFixed(2)} s, ${(ms / rgMs).toFixed(2)}× rg${cpuText}`,
      runs: g.ms.map((x) => round(x, 1)),
      peakMemoryMB: round(Math.max(...g.peakKB) / 1024, 1),
      note: `${g.out.filesRead.toLocaleString('en-US')} files read, ${g.out.candidates.toLocaleString('en-US')} hold a tag's text${g.out.lexed ? `, ${g.out.items.toLocaleString('en-US')} items` : ''}; rg ${(rgMs / 1000).toFixed(2)} s`,
    };
  });
}
