// The budget page's view model at scale (run by page.mjs with tsx; prints one JSON line): 10,000
// ledger items with histories over 26 two-week sprints (added, planned, paid, moved on, left
// open), the page of the running sprint built `runs` times, median and worst milliseconds.
import { performance } from 'node:perf_hooks';
import { autoFill, budgetPoints, buildBudgetPage, burnDown, computeBudget, computeMetrics, computeMetricsWithFlows, parseConfig, sprintCalendar, type LedgerEvent, type LedgerItem } from '../../src/engine';
import { seededRandom as random } from '../support/random';

const ITEMS = Number(process.argv[2] ?? 10_000);
const SPRINTS = Number(process.argv[3] ?? 26);
const RUNS = Number(process.argv[4] ?? 15);

const DAY = 86_400_000;
const START = Date.UTC(2025, 11, 1);
const day = (n: number) => new Date(START + n * DAY).toISOString().slice(0, 10);
const TODAY = day(SPRINTS * 14 - 5);
const config = parseConfig(
  JSON.stringify({
    cadence: { start: day(0), lengthDays: 14, capacity: 40, debtBudget: '20%', name: 'S{n}' },
    outcomes: ['reliability', 'onboarding', 'compliance', 'speed'].map((name) => ({ name, description: name, paths: [`src/${name}/**`] })),
  }),
  'config.jsonc',
);


function items(): LedgerItem[] {
  const next = random(42);
  const areas = ['reliability', 'onboarding', 'compliance', 'speed', 'misc'];
  return Array.from({ length: ITEMS }, (_, i): LedgerItem => {
    const id = `PD-${i.toString(36).toUpperCase().padStart(6, '0')}`;
    const seen = Math.floor(next() * (SPRINTS * 14 - 5));
    const history: LedgerEvent[] = [{ id: `${id}-c`, at: `${day(seen)}T09:00:00.000Z`, type: 'created', commit: null }];
    let status: LedgerItem['status'] = 'open';
    let sprint: string | null = null;
    let resolved: LedgerItem['resolved'] = null;
    const sprintOf = Math.floor(seen / 14) + 1 + Math.floor(next() * 3);
    if (next() < 0.45 && sprintOf <= SPRINTS) {
      const planned = Math.max(seen, (sprintOf - 1) * 14);
      sprint = `S${sprintOf}`;
      status = 'scheduled';
      history.push({ id: `${id}-s`, at: `${day(planned)}T10:00:00.000Z`, type: 'sprint', from: null, to: sprint });
      const fixedOn = planned + Math.floor(next() * 20);
      if (next() < 0.7 && fixedOn < SPRINTS * 14 - 5) {
        status = 'resolved';
        resolved = { at: `${day(fixedOn)}T15:00:00.000Z`, commit: null, author: 'bench' };
        history.push({ id: `${id}-r`, at: resolved.at, type: 'resolved', from: 'scheduled', to: 'resolved' });
      }
    }
    const effort = next() < 0.1 ? null : 1 + Math.floor(next() * 8);
    return {
      id,
      status,
      tag: ['TODO', 'FIXME', 'DEBT', 'HACK'][i % 4]!,
      title: `Debt item ${i}: something to pay down in the ${areas[i % 5]} code`,
      fingerprint: `fp${i}`,
      owners: [['alice', 'bob', 'carol'][i % 3]!],
      labels: [],
      file: `src/${areas[i % 5]}/module${i % 700}.ts`,
      line: 1 + (i % 300),
      firstSeen: { at: `${day(seen)}T09:00:00.000Z`, commit: null },
      resolved,
      sprint,
      effort: { value: effort, source: 'comment', comment: effort },
      impact: { value: (['low', 'medium', 'high', 'critical'] as const)[i % 4]!, source: 'comment', comment: null },
      outcome: { value: null, source: 'comment', comment: null },
      trackers: [],
      history,
    };
  });
}

const ledger = items();
const calendar = sprintCalendar(config, TODAY);
const times: number[] = [];
// Each run gets fresh item objects (as a ledger read does): timelines are cached per item object.
const fresh = () => structuredClone(ledger);
let page;
let warm = 0;
// CPU time too: on a busy machine the wall time measures the neighbours.
const cpus: number[] = [];
for (let r = 0; r < RUNS; r++) {
  const items = fresh();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  page = buildBudgetPage({ workspace: 'bench', sprints: calendar.sprints, current: calendar.current, selected: null, items, config, today: TODAY, generatedAt: new Date().toISOString(), planning: true });
  times.push(performance.now() - t0);
  const cpu = process.cpuUsage(c0);
  cpus.push((cpu.user + cpu.system) / 1000);
  // The same items again: what the panel pays on a refresh after an edit elsewhere.
  const t1 = performance.now();
  buildBudgetPage({ workspace: 'bench', sprints: calendar.sprints, current: calendar.current, selected: null, items, config, today: TODAY, generatedAt: new Date().toISOString(), planning: true });
  warm += performance.now() - t1;
}
times.sort((a, b) => a - b);
// Where the time goes: the engine functions the page is built from, each alone.
const started = calendar.sprints.filter((s) => s.start <= TODAY).slice(-SPRINTS);
const spans = started.map((s) => ({ name: s.name, start: s.start, end: s.end, budget: budgetPoints(s.debtBudget, s.capacity) }));
const phases: Record<string, number[]> = {};
const time = (name: string, run: () => unknown) => {
  const t0 = performance.now();
  run();
  (phases[name] ??= []).push(performance.now() - t0);
};
for (let r = 0; r < RUNS; r++) {
  const ledger = fresh();
  time('metrics', () => computeMetrics({ items: ledger, sprints: spans, asOf: TODAY, outcomes: config.outcomes, groups: false }));
  time('outcomeFlows', () => computeMetricsWithFlows({ items: ledger, sprints: spans, asOf: TODAY, outcomes: config.outcomes, groups: false }, ['outcome']));
  time('budget', () => computeBudget(calendar.current!, ledger, config, TODAY));
  time('burnDown', () => burnDown(ledger, spans.at(-1)!, TODAY));
  time('autoFill', () => autoFill(calendar.current!, ledger, config, TODAY));
}
const medianOf = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
process.stdout.write(
  JSON.stringify({
    items: ITEMS,
    sprints: page!.trends.sprints.length,
    runs: RUNS,
    medianMs: times[Math.floor(RUNS / 2)],
    maxMs: times.at(-1),
    medianCpuMs: [...cpus].sort((a, b) => a - b)[Math.floor(RUNS / 2)],
    warmMeanMs: warm / RUNS,
    phasesMs: Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, Math.round(medianOf(v))])),
    pageBytes: JSON.stringify(page).length,
  }) + '\n',
);
