/**
 * The Trends tab: the sprints side by side. Added vs paid, open debt over time, age, budget kept,
 * lead and cycle time (with the little-data mark in words), debt and paydown per outcome.
 */
import { useMemo } from 'preact/hooks';
import type { BudgetPage, FlowTime, SprintTrend } from '../protocol';
import { BarChart, DataTable, Figure, LineChart } from './charts';
import { date, days, littleDataNote, num, percent, pts } from './format';
import type { View } from './state';
import { ViewToggle } from './viewToggle';

export function TrendsTab(props: { page: BudgetPage; view: View; onView(view: View): void }) {
  const t = props.page.trends;
  const view = props.view;
  const names = useMemo(() => t.sprints.map((s) => s.sprint), [t]);
  if (t.sprints.length === 0) return <p class="note" data-testid="trends-empty">No sprint has started yet: the trends begin with the first one.</p>;
  const last = t.sprints[t.sprints.length - 1]!;
  const openNow = t.open[t.open.length - 1];
  const notPlanned = t.sprints.filter((s) => !s.planned).map((s) => s.sprint);
  // The sprints before planning began come first: a long run reads as its ends.
  const first = names.indexOf(notPlanned[0] ?? '');
  const notPlannedText = notPlanned.length > 3 && names.slice(first, first + notPlanned.length).join('\n') === notPlanned.join('\n') ? `${notPlanned.length} sprints, ${notPlanned[0]} to ${notPlanned.at(-1)}` : notPlanned.join(', ');
  return (
    <div class="tab-trends">
      <div class="toolbar">
        <ViewToggle view={view} onView={props.onView} />
      </div>
      <div class="flow-figures">
        <FlowFigure id="lead-time" label="Debt lead time" help="first seen to resolved" flow={t.leadTime} />
        <FlowFigure id="cycle-time" label="Cycle time" help="scheduled to resolved" flow={t.cycleTime} />
      </div>
      <div class="grid">
        <Figure
          title="Debt added vs paid down"
          testId="chart-added-paid"
          view={view}
          summary={`Items added and resolved per sprint over ${t.sprints.length} sprints; in ${last.sprint}, ${last.added.count} added and ${last.resolved.count} resolved.`}
          chart={() => (
            <BarChart
              categories={names}
              format={(n) => num(n)}
              series={[
                { label: 'Added (items)', values: t.sprints.map((s) => s.added.count), fill: 'hatch', color: 4 },
                { label: 'Resolved (items)', values: t.sprints.map((s) => s.resolved.count), fill: 'solid', color: 1 },
              ]}
            />
          )}
          table={() => (
            <DataTable
              caption="Debt added and resolved per sprint"
              rows={t.sprints}
              columns={[
                { label: 'Sprint', cell: (s: SprintTrend) => s.sprint },
                { label: 'Added', cell: (s) => `${s.added.count} (${pts(s.added.points)})`, numeric: true },
                { label: 'Resolved', cell: (s) => `${s.resolved.count} (${pts(s.resolved.points)})`, numeric: true },
                { label: 'Paid from budget', cell: (s) => `${s.paid.count} (${pts(s.paid.points)})`, numeric: true },
              ]}
            />
          )}
        />
        <Figure
          title="Budget kept per sprint"
          testId="chart-kept"
          view={view}
          summary={`Share of the debt budget paid down per sprint; ${last.sprint}: ${last.planned ? percent(last.kept) : 'not planned'}.`}
          note={`Paid down ÷ protected budget; the line marks 100%.${notPlanned.length > 0 ? ` Not planned (ended before the first sprint assignment, figures from history): ${notPlannedText}.` : ''}`}
          chart={() => (
            <BarChart
              categories={names}
              format={(n) => `${Math.round(n)}%`}
              reference={{ value: 100, label: '100% kept' }}
              series={[{ label: 'Budget kept (%)', values: t.sprints.map((s) => (s.kept === null ? null : Math.round(s.kept * 100))), fill: 'solid', color: 2 }]}
            />
          )}
          table={() => (
            <DataTable
              caption="Budget kept per sprint"
              rows={t.sprints}
              columns={[
                { label: 'Sprint', cell: (s: SprintTrend) => s.sprint },
                { label: 'Budget', cell: (s) => pts(s.budget), numeric: true },
                { label: 'Allocated', cell: (s) => pts(s.allocated.points), numeric: true },
                { label: 'Paid', cell: (s) => pts(s.paid.points), numeric: true },
                { label: 'Kept', cell: (s) => (s.planned ? percent(s.kept) : 'not planned'), numeric: true },
              ]}
            />
          )}
        />
        <Figure
          title="Open debt over time"
          testId="chart-open"
          view={view}
          summary={openNow ? `Open debt at the end of each sprint; now ${openNow.count} items, ${pts(openNow.points)}.` : 'No open debt measured.'}
          chart={() => (
            <LineChart
              labels={t.open.map((p) => p.sprint ?? date(p.date, false))}
              format={(n) => num(n)}
              series={[
                { label: 'Open points', values: t.open.map((p) => p.points), color: 1 },
                { label: 'Open items', values: t.open.map((p) => p.count), color: 4, dash: [6, 4] },
              ]}
            />
          )}
          table={() => (
            <DataTable
              caption="Open debt over time"
              rows={t.open}
              columns={[
                { label: 'Date', cell: (p) => date(p.date) },
                { label: 'Sprint', cell: (p) => p.sprint ?? '—' },
                { label: 'Items', cell: (p) => p.count, numeric: true },
                { label: 'Points', cell: (p) => pts(p.points), numeric: true },
                { label: 'Unestimated', cell: (p) => p.unestimated, numeric: true },
              ]}
            />
          )}
        />
        <Figure
          title="Age of open debt"
          testId="chart-ages"
          view={view}
          summary={`Open items by age: ${t.ages.map((a) => `${a.label}: ${a.count}`).join(', ')}.`}
          chart={() => <BarChart categories={t.ages.map((a) => a.label)} format={(n) => num(n)} series={[{ label: 'Open items', values: t.ages.map((a) => a.count), fill: 'solid', color: 3 }]} />}
          table={() => (
            <DataTable
              caption="Open debt by age"
              rows={t.ages}
              columns={[
                { label: 'Age', cell: (a) => a.label },
                { label: 'Items', cell: (a) => a.count, numeric: true },
                { label: 'Points', cell: (a) => pts(a.points), numeric: true },
              ]}
            />
          )}
        />
        <Figure
          title="Lead and cycle time per sprint"
          testId="chart-flow"
          view={view}
          summary={`Median lead time per sprint over ${t.sprints.length} sprints; overall median ${days(t.leadTime.medianDays)}, cycle time ${days(t.cycleTime.medianDays)}.`}
          note="Median days; sprints with fewer than 3 resolved items are marked in the table."
          chart={() => (
            <LineChart
              labels={names}
              format={(n) => `${num(Math.round(n))} d`}
              series={[
                { label: 'Lead time, median', values: t.sprints.map((s) => s.leadTime.medianDays), color: 1 },
                { label: 'Cycle time, median', values: t.sprints.map((s) => s.cycleTime.medianDays), color: 2, dash: [6, 4] },
              ]}
            />
          )}
          table={() => (
            <DataTable
              caption="Lead and cycle time per sprint"
              rows={t.sprints}
              columns={[
                { label: 'Sprint', cell: (s: SprintTrend) => s.sprint },
                { label: 'Lead median', cell: (s) => days(s.leadTime.medianDays), numeric: true },
                { label: 'Lead p85', cell: (s) => days(s.leadTime.p85Days), numeric: true },
                { label: 'Cycle median', cell: (s) => days(s.cycleTime.medianDays), numeric: true },
                { label: 'Cycle p85', cell: (s) => days(s.cycleTime.p85Days), numeric: true },
                { label: 'Data', cell: (s) => littleDataNote(s.leadTime) ?? `${s.leadTime.count} items` },
              ]}
            />
          )}
        />
        <Figure
          title="Debt and paydown per outcome"
          testId="chart-outcomes"
          view={view}
          summary={`Open and paid-down points per business outcome: ${t.outcomes.map((o) => `${o.name} ${num(o.open.points)} open, ${num(o.paid.points)} paid`).join('; ')}.`}
          chart={() => (
            <BarChart
              categories={t.outcomes.map((o) => o.name)}
              format={(n) => num(n)}
              series={[
                { label: 'Open (points)', values: t.outcomes.map((o) => o.open.points), fill: 'hatch', color: 4 },
                { label: 'Paid down (points)', values: t.outcomes.map((o) => o.paid.points), fill: 'solid', color: 1 },
              ]}
            />
          )}
          table={() => (
            <DataTable
              caption="Debt and paydown per outcome"
              testId="outcomes-table"
              rows={t.outcomes}
              columns={[
                { label: 'Outcome', cell: (o) => <span title={o.description}>{o.name}{o.configured || o.name.startsWith('(') ? '' : ' (not in the config)'}</span> },
                { label: 'Open', cell: (o) => `${o.open.count} (${pts(o.open.points)})`, numeric: true },
                { label: 'Added', cell: (o) => `${o.added.count} (${pts(o.added.points)})`, numeric: true },
                { label: 'Resolved', cell: (o) => `${o.resolved.count} (${pts(o.resolved.points)})`, numeric: true },
                { label: 'Paid from budget', cell: (o) => `${o.paid.count} (${pts(o.paid.points)})`, numeric: true },
              ]}
            />
          )}
        />
      </div>
    </div>
  );
}

function FlowFigure(props: { id: string; label: string; help: string; flow: FlowTime }) {
  const f = props.flow;
  const little = littleDataNote(f);
  const trend = f.trend === null ? 'not enough sprints for a trend' : f.trend === 'steady' ? 'steady' : f.trend === 'shorter' ? 'getting shorter' : 'getting longer';
  return (
    <div class="card flow" data-testid={`figure-${props.id}`}>
      <h3>{props.label} <span class="muted">({props.help})</span></h3>
      <p>
        <span class="big" data-testid={`figure-${props.id}-median`}>{days(f.medianDays)}</span> median · <span data-testid={`figure-${props.id}-p85`}>{days(f.p85Days)}</span> at the 85th percentile
      </p>
      <p class="note">
        <span class="trend" data-testid={`figure-${props.id}-trend`}>{f.trend === 'shorter' ? '↘ ' : f.trend === 'longer' ? '↗ ' : f.trend === 'steady' ? '→ ' : ''}{trend}</span>
        {little ? <span class="little-data" data-testid={`figure-${props.id}-little`}> · little data: {little}</span> : <span> · {f.count} items</span>}
      </p>
    </div>
  );
}
