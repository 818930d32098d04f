// The budget page (`npm run bench -- --only page`): the view model of 10,000 items × 26 sprints
// (pageModel.ts, bundled and minified as the shipped bundles are), and `paydown report --format
// html` on the sample workspace as a whole process. A report, not a test: targets are marked.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

export const PAGE_TARGETS = { viewModelMs: 100, htmlReportMs: 1000 };
const HERE = fileURLToPath(new URL('.', import.meta.url));
const REPO = resolve(HERE, '..', '..');
const SAMPLE = join(REPO, 'test', 'fixtures', 'sample-workspace');
const round = (x, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export async function measurePage(ctx) {
  const rows = [];
  const esbuild = await import('esbuild');
  const out = join(ctx.tmp, 'page-model.cjs');
  await esbuild.build({
    entryPoints: [join(HERE, 'pageModel.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', outfile: out,
    logLevel: 'warning', mainFields: ['module', 'main'], minify: true, define: { PAYDOWN_VERSION: '"bench"' },
  });
  const runs = Math.max(9, ctx.runs * 3);
  const run = spawnSync(process.execPath, [out, '10000', '26', String(runs)], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (run.status !== 0) throw new Error(`pageModel failed: ${run.stderr.trim().split('\n').pop()}`);
  const m = JSON.parse(run.stdout.trim().split('\n').pop());
  rows.push({
    id: 'pageViewModel', label: `view model, ${m.items.toLocaleString('en')} items × ${m.sprints} sprints (fresh items)`, value: round(m.medianMs), unit: 'ms',
    display: `${round(m.medianMs)} ms`, ok: m.medianMs <= PAGE_TARGETS.viewModelMs,
    note: `median of ${m.runs}; CPU ${round(m.medianCpuMs)} ms; target ≤ ${PAGE_TARGETS.viewModelMs} ms; parts alone: ${Object.entries(m.phasesMs).map(([k, v]) => `${k} ${v}`).join(', ')} ms; page ${Math.round(m.pageBytes / 1024)} KB of JSON`,
  });
  rows.push({
    id: 'pageViewModelWarm', label: 'view model again on the same items (a panel refresh)', value: round(m.warmMeanMs), unit: 'ms', display: `${round(m.warmMeanMs)} ms`,
    note: 'mean; item timelines are kept per ledger item object',
  });

  const cli = ctx.cli ?? join(REPO, 'dist', 'cli.js');
  const temp = mkdtempSync(join(ctx.tmp, 'page-html-'));
  const root = join(temp, 'acme-payments');
  cpSync(SAMPLE, root, { recursive: true });
  const file = join(temp, 'report.html');
  const times = [];
  let failure = null;
  for (let r = 0; r < Math.max(5, ctx.runs); r++) {
    const t0 = performance.now();
    const res = spawnSync(process.execPath, [cli, 'report', '--format', 'html', '--no-cache', '-o', file], { cwd: root, encoding: 'utf8', env: { ...process.env, PAYDOWN_TODAY: '2026-11-26' } });
    times.push(performance.now() - t0);
    if (res.status !== 0) {
      failure = (res.stderr || res.stdout).trim().split('\n')[0];
      break;
    }
  }
  if (failure !== null || !existsSync(file)) {
    rows.push({ id: 'pageHtmlReport', label: '`report --format html` on the sample', value: null, display: `failed: ${failure}`, ok: false });
  } else {
    const ms = median(times);
    rows.push({
      id: 'pageHtmlReport', label: '`report --format html` on the sample (whole process)', value: round(ms), unit: 'ms', display: `${round(ms)} ms`,
      ok: ms <= PAGE_TARGETS.htmlReportMs, note: `median of ${times.length}; target ≤ ${PAGE_TARGETS.htmlReportMs} ms; the file is ${round(statSync(file).size / 1024)} KB`,
    });
    const html = readFileSync(file, 'utf8');
    if (/\s(?:src|href)=["']?https?:/i.test(html)) rows.push({ id: 'pageHtmlRemote', label: 'the HTML report loads nothing remote', value: null, display: 'a remote src/href', ok: false });
  }
  rmSync(temp, { recursive: true, force: true });
  return rows;
}
