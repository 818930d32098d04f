/**
 * The page's charts: bars as SVG (their colours are CSS, so they follow the theme by themselves),
 * lines with uPlot on a canvas (colours read from the CSS variables, redrawn when the theme class
 * or colour scheme changes and on resize). Every chart sits in a {@link Figure} that shows its
 * data table instead when the page is in table view, and carries a one-sentence aria summary.
 * Series differ by more than colour: hatching for bars, dashes and point shapes for lines, and
 * a text legend.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import type { View } from './state';

let nextId = 0;
/** A page-unique id (SVG pattern ids are document-global). */
export function useId(prefix: string): string {
  const ref = useRef<string | null>(null);
  if (!ref.current) ref.current = `${prefix}-${++nextId}`;
  return ref.current;
}

export interface TableColumn<Row> {
  label: string;
  cell: (row: Row) => ComponentChildren;
  numeric?: boolean;
}

/** A plain data table: the chart's alternative and the page's lists. */
export function DataTable<Row>(props: { caption: string; columns: TableColumn<Row>[]; rows: Row[]; testId?: string }) {
  return (
    <div class="table-wrap">
      <table class="data" data-testid={props.testId}>
        <caption class="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>{props.columns.map((c) => <th scope="col" class={c.numeric ? 'num' : undefined}>{c.label}</th>)}</tr>
        </thead>
        <tbody>
          {props.rows.map((row) => <tr>{props.columns.map((c) => <td class={c.numeric ? 'num' : undefined}>{c.cell(row)}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}

/** A chart with its title, note, aria summary, and its table when the page shows tables. */
export function Figure(props: { title: string; note?: ComponentChildren; summary: string; view: View; chart: () => ComponentChildren; table: () => ComponentChildren; testId: string }) {
  return (
    <section class="figure card" data-testid={props.testId} aria-label={props.title}>
      <h3>{props.title}</h3>
      {props.note ? <p class="note">{props.note}</p> : null}
      {props.view === 'chart' ? (
        <div class="chart" role="img" aria-label={props.summary} data-testid={`${props.testId}-chart`}>{props.chart()}</div>
      ) : (
        <div data-testid={`${props.testId}-table`}>{props.table()}</div>
      )}
    </section>
  );
}

export interface BarSeries {
  label: string;
  values: (number | null)[];
  /** Solid or hatched: the difference that is not colour. */
  fill: 'solid' | 'hatch' | 'dots';
  /** 1–4: the theme colour slot. */
  color: 1 | 2 | 3 | 4;
}

function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(max)));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

/** Grouped vertical bars over categories, with an optional reference line (e.g. 100%). */
export function BarChart(props: { categories: string[]; series: BarSeries[]; format: (n: number) => string; reference?: { value: number; label: string }; max?: number }) {
  const id = useId('pat');
  const W = 640, H = 220, left = 44, bottom = 34, top = 12, right = 8;
  const all = props.series.flatMap((s) => s.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(props.max ?? 0, props.reference?.value ?? 0, ...all, 0));
  const plotW = W - left - right, plotH = H - top - bottom;
  const n = Math.max(1, props.categories.length);
  const slot = plotW / n;
  const groupW = Math.min(slot * 0.78, 28 * props.series.length);
  const barW = groupW / props.series.length;
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const every = Math.ceil(n / 12);
  const ticks = [0, max / 2, max];
  return (
    <div>
      <svg class="bars" viewBox={`0 0 ${W} ${H}`} preserveAspectRatio="xMidYMid meet" aria-hidden="true" focusable="false">
        <defs>
          {props.series.map((s, i) => (
            <pattern id={`${id}-${i}`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform={s.fill === 'hatch' ? 'rotate(45)' : undefined}>
              <rect width="6" height="6" class="bg" />
              {s.fill === 'hatch' ? <line x1="0" y1="0" x2="0" y2="6" class={`ink c${s.color}`} stroke-width="3" /> : null}
              {s.fill === 'dots' ? <circle cx="3" cy="3" r="1.4" class={`ink-fill c${s.color}`} /> : null}
            </pattern>
          ))}
        </defs>
        {ticks.map((t) => (
          <g>
            <line x1={left} x2={W - right} y1={y(t)} y2={y(t)} class="grid" />
            <text x={left - 6} y={y(t) + 4} class="axis" text-anchor="end">{props.format(t)}</text>
          </g>
        ))}
        {props.categories.map((c, ci) => (
          <g>
            {props.series.map((s, si) => {
              const v = s.values[ci];
              if (v === null || v === undefined) return null;
              const x = left + ci * slot + (slot - groupW) / 2 + si * barW;
              const h = Math.max(v > 0 ? 1 : 0, (Math.min(v, max) / max) * plotH);
              return <rect x={x} y={top + plotH - h} width={Math.max(1, barW - 2)} height={h} class={`bar ${s.fill} c${s.color}`} fill={s.fill === 'solid' ? undefined : `url(#${id}-${si})`} />;
            })}
            {ci % every === 0 ? <text x={left + ci * slot + slot / 2} y={H - bottom + 16} class="axis" text-anchor="middle">{c}</text> : null}
          </g>
        ))}
        {props.reference ? (
          <g>
            <line x1={left} x2={W - right} y1={y(props.reference.value)} y2={y(props.reference.value)} class="reference" />
            <text x={W - right} y={y(props.reference.value) - 4} class="axis" text-anchor="end">{props.reference.label}</text>
          </g>
        ) : null}
      </svg>
      <Legend items={props.series.map((s) => ({ label: s.label, swatch: <Swatch fill={s.fill} color={s.color} /> }))} />
    </div>
  );
}

function Swatch(props: { fill: BarSeries['fill']; color: number }) {
  return <span class={`swatch c${props.color} ${props.fill}`} aria-hidden="true" />;
}

export function Legend(props: { items: { label: string; swatch: ComponentChildren }[] }) {
  return (
    <ul class="legend">
      {props.items.map((i) => <li>{i.swatch}{i.label}</li>)}
    </ul>
  );
}

export interface LineSeries {
  label: string;
  values: (number | null)[];
  color: 1 | 2 | 3 | 4;
  dash?: number[];
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** Changes whenever the theme does: VS Code's body class, or the report's colour scheme. */
function useThemeVersion(): number {
  const [version, setVersion] = useState(0);
  useEffect(() => {
    const bump = () => setVersion((v) => v + 1);
    const observer = new MutationObserver(bump);
    observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    media.addEventListener('change', bump);
    return () => {
      observer.disconnect();
      media.removeEventListener('change', bump);
    };
  }, []);
  return version;
}

/** Lines over labelled x positions (days or sprints), drawn by uPlot. */
export function LineChart(props: { labels: string[]; series: LineSeries[]; format: (n: number) => string; height?: number }) {
  const host = useRef<HTMLDivElement>(null);
  const theme = useThemeVersion();
  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const fg = cssVar('--pd-fg', '#333');
    const grid = cssVar('--pd-grid', 'rgba(128,128,128,.25)');
    const font = `12px ${cssVar('--vscode-font-family', 'sans-serif')}`;
    const xs = props.labels.map((_, i) => i);
    const axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 }, font };
    const opts: uPlot.Options = {
      width: Math.max(200, el.clientWidth),
      height: props.height ?? 220,
      legend: { show: false },
      // Room on the right for the last x label (a sprint name).
      padding: [12, 32, 0, 0],
      cursor: { show: true, drag: { x: false, y: false } },
      // Counts and points start at 0; an all-zero series gets a 0–1 axis, not uPlot's ±100 guess.
      scales: { x: { time: false }, y: { range: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [
        { ...axis, values: (_u, splits) => splits.map((i) => (Number.isInteger(i) ? props.labels[i] ?? '' : '')) },
        { ...axis, size: 52, values: (_u, splits) => splits.map((v) => props.format(v)) },
      ],
      series: [
        {},
        ...props.series.map((s) => ({
          label: s.label,
          stroke: cssVar(`--pd-c${s.color}`, '#3794ff'),
          width: 2,
          dash: s.dash,
          spanGaps: false,
          points: { show: props.labels.length <= 40, size: 6, fill: cssVar(`--pd-c${s.color}`, '#3794ff'), stroke: cssVar(`--pd-c${s.color}`, '#3794ff'), space: 0},
        })),
      ],
    };
    const data = [xs, ...props.series.map((s) => s.values)] as uPlot.AlignedData;
    const plot = new uPlot(opts, data, el);
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(200, el.clientWidth), height: props.height ?? 220 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [props.labels, props.series, theme]);
  // An empty canvas reads as a broken chart: say there is nothing to draw yet.
  if (props.series.every((s) => s.values.every((v) => v === null))) return <p class="note chart-empty">Nothing measured yet.</p>;
  return (
    <div>
      <div ref={host} class="uplot-host" aria-hidden="true" />
      <Legend items={props.series.map((s) => ({ label: s.label, swatch: <span class={`line-swatch c${s.color} ${s.dash ? 'dashed' : ''}`} aria-hidden="true" /> }))} />
    </div>
  );
}
