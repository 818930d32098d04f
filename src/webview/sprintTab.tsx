/**
 * The Sprint tab: did we keep our debt time, and what did it buy? Figures, the one budget bar,
 * warnings, the allocated items (a row opens its code), unplanned paydown and the burn chart.
 */
import { useMemo, useState } from 'preact/hooks';
import { OpenItem, type BudgetPage, type PageCapabilities, type PageItem, type SprintDetail } from '../protocol';
import { DataTable, Figure, LineChart } from './charts';
import { date, num, percent, plural, pts } from './format';
import type { Shell, View } from './state';
import { ViewToggle } from './viewToggle';

/** Rows rendered before "Show all" (a 1,000-item sprint stays quick to draw and to scroll). */
const ROWS_SHOWN = 100;

export function SprintTab(props: { page: BudgetPage; shell: Shell; capabilities: PageCapabilities; view: View; onView(view: View): void }) {
  const s = props.page.sprint;
  if (!s) return <p class="note">No sprint selected.</p>;
  return (
    <div class="tab-sprint">
      <Verdict sprint={s} />
      {!s.planned ? (
        <p class="note" data-testid="not-planned">
          The ledger held no sprint assignment before this sprint ended
          {props.page.planningBegan ? ` (the first is from ${date(props.page.planningBegan)})` : ''}; its figures of added and paid debt come from history.
        </p>
      ) : null}
      <Figures sprint={s} />
      <BudgetBar sprint={s} />
      {s.warnings.length > 0 ? (
        <ul class="warnings" aria-label="Warnings" data-testid="warnings">
          {s.warnings.map((w) => (
            <li class={w.severity}>
              <span class="icon" aria-hidden="true">{w.severity === 'warning' ? '⚠' : 'ℹ'}</span>
              <span class="visually-hidden">{w.severity === 'warning' ? 'Warning: ' : 'Note: '}</span>
              {w.message}
            </li>
          ))}
        </ul>
      ) : null}
      {s.items.length > 0 && s.items.every((i) => !i.estimated) ? (
        <p class="banner info" data-testid="no-estimates">
          None of this sprint's items is estimated, so the budget cannot tell how full it is. Add <code>effort:</code> to an item's comment (e.g. <code>effort:3</code>)
          {props.page.defaultEstimate !== null ? `; until then each counts ${pts(props.page.defaultEstimate)}` : ''}.
        </p>
      ) : s.unestimated > 0 ? (
        <p class="note" data-testid="unestimated">
          {plural(s.unestimated, 'allocated item')} {s.unestimated === 1 ? 'has' : 'have'} no estimate
          {props.page.defaultEstimate !== null ? ` (counted as ${pts(props.page.defaultEstimate)} each)` : ' (counted as 0)'}: add <code>effort:</code> to {s.unestimated === 1 ? 'its' : 'their'} comment.
        </p>
      ) : null}
      <div class="toolbar">
        <ViewToggle view={props.view} onView={props.onView} />
      </div>
      <Burn sprint={s} view={props.view} />
      <section class="card" aria-labelledby="items-heading">
        <h3 id="items-heading">Allocated items <span class="count">{s.items.length}</span></h3>
        {s.items.length === 0 ? <p class="note">Nothing is allocated to this sprint yet.</p> : <ItemTable items={s.items} shell={props.shell} testId="items" caption="Items allocated to the sprint" />}
      </section>
      {s.unplanned.length > 0 ? (
        <section class="card" aria-labelledby="unplanned-heading">
          <h3 id="unplanned-heading">Paid down outside the plan <span class="count">{pts(s.paidUnplanned)}</span></h3>
          <ItemTable items={s.unplanned} shell={props.shell} testId="unplanned" caption="Items resolved in the sprint without being allocated to it" />
        </section>
      ) : null}
    </div>
  );
}

function Verdict(props: { sprint: SprintDetail }) {
  const s = props.sprint;
  const text = !s.planned
    ? `Not planned: the sprint ended before planning began, so its budget was neither kept nor missed.`
    : s.phase === 'planned'
      ? `Not started: ${pts(s.allocated)} of ${pts(s.budget)} allocated so far.`
      : s.phase === 'active'
        ? s.budgetKept
          ? `Budget kept already: ${pts(s.paid)} of ${pts(s.budget)} paid down.`
          : `Not kept yet: ${pts(s.paid)} of ${pts(s.budget)} paid down by ${date(s.measuredOn)}.`
        : s.budgetKept
          ? `Budget kept: ${pts(s.paid)} of ${pts(s.budget)} paid down.`
          : `Budget not kept: ${pts(s.paid)} of ${pts(s.budget)} paid down.`;
  const tone = s.phase === 'ended' && s.planned ? (s.budgetKept ? 'good' : 'bad') : 'neutral';
  return (
    <p class={`verdict ${tone}`} data-testid="verdict">
      <span class="icon" aria-hidden="true">{tone === 'good' ? '✓' : tone === 'bad' ? '✗' : '◷'}</span> {text}
    </p>
  );
}

function Figure1(props: { id: string; label: string; value: number | null; text: string; sub?: string }) {
  return (
    <div class="figure-box">
      <dt>{props.label}</dt>
      <dd>
        <span class="big" data-testid={`figure-${props.id}`} data-value={props.value === null ? '' : String(props.value)}>
          {props.text}
        </span>
        {props.sub ? <span class="sub">{props.sub}</span> : null}
      </dd>
    </div>
  );
}

function Figures(props: { sprint: SprintDetail }) {
  const s = props.sprint;
  return (
    <dl class="figures" aria-label="Budget figures">
      <Figure1 id="budget" label="Protected budget" value={s.budget} text={pts(s.budget)} sub={`of ${pts(s.capacity)} capacity`} />
      <Figure1 id="allocated" label="Allocated" value={s.allocated} text={pts(s.allocated)} sub={s.unallocated < 0 ? `over by ${pts(-s.unallocated)}` : `${pts(s.unallocated)} unallocated`} />
      <Figure1 id="paid" label="Paid down" value={s.paid} text={pts(s.paid)} sub={s.paidUnplanned > 0 ? `+ ${pts(s.paidUnplanned)} outside the plan` : undefined} />
      <Figure1 id="remaining" label="Remaining" value={s.remaining} text={pts(s.remaining)} sub="allocated, not paid yet" />
      <Figure1
        id="kept"
        label="Budget kept"
        value={s.kept}
        text={s.planned ? percent(s.kept) : 'not planned'}
        sub={!s.planned ? 'before planning began' : s.phase === 'ended' ? (s.budgetKept ? 'kept' : 'not kept') : s.phase === 'active' ? 'so far' : 'not started'}
      />
    </dl>
  );
}

/** One stacked bar: paid, remaining allocated, unallocated; allocation past the budget line hatched and labelled. */
function BudgetBar(props: { sprint: SprintDetail }) {
  const s = props.sprint;
  const scale = Math.max(s.budget, s.allocated, 1);
  const w = (n: number) => `${(Math.max(0, n) / scale) * 100}%`;
  const over = s.allocated - s.budget;
  const summary = `Budget bar: ${pts(s.paid)} paid, ${pts(s.remaining)} allocated and not paid, ${s.unallocated >= 0 ? `${pts(s.unallocated)} unallocated` : `over-allocated by ${pts(-s.unallocated)}`}, against a budget of ${pts(s.budget)}.`;
  return (
    <div class="budget-bar-wrap">
      <div class="budget-bar" role="img" aria-label={summary} data-testid="budget-bar">
        <div class="seg paid" style={{ width: w(s.paid) }} title={`Paid: ${pts(s.paid)}`}>{s.paid > 0 ? <span>{num(s.paid)}</span> : null}</div>
        <div class="seg remaining" style={{ width: w(s.remaining) }} title={`Allocated, not paid: ${pts(s.remaining)}`}>{s.remaining > 0 ? <span>{num(s.remaining)}</span> : null}</div>
        {s.unallocated > 0 ? <div class="seg unallocated" style={{ width: w(s.unallocated) }} title={`Unallocated: ${pts(s.unallocated)}`}><span>{num(s.unallocated)}</span></div> : null}
        {over > 0 ? <div class="seg over" style={{ left: w(s.budget), width: w(over) }} title={`Over the budget: ${pts(over)}`} /> : null}
        <div class="budget-line" style={{ left: w(s.budget) }} aria-hidden="true" />
      </div>
      <ul class="legend">
        <li><span class="swatch paid" aria-hidden="true" />Paid down</li>
        <li><span class="swatch remaining" aria-hidden="true" />Allocated, not paid</li>
        <li><span class="swatch unallocated" aria-hidden="true" />Unallocated</li>
        {over > 0 ? <li class="over-label"><span class="swatch over" aria-hidden="true" />Over the budget by {pts(over)}</li> : null}
        <li><span class="swatch line" aria-hidden="true" />Budget line ({pts(s.budget)})</li>
      </ul>
    </div>
  );
}

function Burn(props: { sprint: SprintDetail; view: View }) {
  const s = props.sprint;
  const labels = useMemo(() => s.burn.map((d) => date(d.date, false)), [s]);
  const series = useMemo(
    () => [
      { label: 'Ideal', values: s.burn.map((d) => d.ideal), color: 3 as const, dash: [6, 4] },
      // Scope apart from the ideal: an item added mid-sprint is a step here, the ideal stays straight.
      { label: 'Scope', values: s.burn.map((d) => d.scope), color: 4 as const, dash: [2, 3] },
      { label: 'Remaining', values: s.burn.map((d) => d.remaining), color: 1 as const },
    ],
    [s],
  );
  const last = [...s.burn].reverse().find((d) => d.remaining !== null);
  const summary = last ? `Burn-down of ${s.name}: ${pts(last.remaining)} remaining on ${date(last.date)}, against ${pts(last.ideal)} on the ideal line.` : `Burn-down of ${s.name}: no day measured yet.`;
  return (
    <Figure
      title="Burn-down"
      testId="chart-burn"
      view={props.view}
      summary={summary}
      note={s.burn.length === 0 ? 'No days to show.' : undefined}
      chart={() => <LineChart labels={labels} series={series} format={(n) => num(n)} />}
      table={() => (
        <DataTable
          caption="Burn-down per day"
          rows={s.burn}
          columns={[
            { label: 'Day', cell: (d) => date(d.date) },
            { label: 'Ideal', cell: (d) => pts(d.ideal), numeric: true },
            { label: 'Scope', cell: (d) => pts(d.scope), numeric: true },
            { label: 'Remaining', cell: (d) => pts(d.remaining), numeric: true },
            { label: 'Paid', cell: (d) => pts(d.paid), numeric: true },
          ]}
        />
      )}
    />
  );
}

const STATUS: Record<PageItem['status'], string> = { open: 'Open', scheduled: 'Scheduled', 'in-progress': 'In progress', resolved: 'Resolved', 'wont-fix': "Won't fix" };
const STATUS_ICON: Record<PageItem['status'], string> = { open: '○', scheduled: '◔', 'in-progress': '◑', resolved: '●', 'wont-fix': '⊘' };

/** The item table; in the panel a row (click, Enter or Space) opens the item's code. */
export function ItemTable(props: { items: PageItem[]; shell: Shell; testId: string; caption: string }) {
  const [all, setAll] = useState(false);
  const rows = all ? props.items : props.items.slice(0, ROWS_SHOWN);
  const open = (item: PageItem) => props.shell.post(OpenItem.make({ id: item.id }));
  const openable = props.shell.mode === 'panel';
  return (
    <div class="table-wrap">
      <table class="data items" data-testid={props.testId}>
        <caption class="visually-hidden">{props.caption}{openable ? ' (Enter opens the code)' : ''}</caption>
        <thead>
          <tr>
            <th scope="col">Status</th>
            <th scope="col">Item</th>
            <th scope="col">Tag</th>
            <th scope="col" class="num">Effort</th>
            <th scope="col">Impact</th>
            <th scope="col">Outcome</th>
            <th scope="col">Owners</th>
            <th scope="col">Tracker</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((i) => (
            <tr
              data-item-id={i.id}
              class={[openable ? 'openable' : '', i.beyondBudget ? 'beyond' : ''].filter(Boolean).join(' ') || undefined}
              tabIndex={openable ? 0 : undefined}
              onClick={openable ? () => open(i) : undefined}
              onKeyDown={openable ? (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); open(i); } } : undefined}
            >
              <td class="status"><span aria-hidden="true">{STATUS_ICON[i.status]}</span> {STATUS[i.status]}{i.paid ? <span class="badge">paid</span> : null}
                {i.beyondBudget ? <span class="badge beyond" data-testid="beyond-budget" title="Allocated past the sprint's protected debt budget">beyond budget<span class="visually-hidden">: allocated past the protected debt budget</span></span> : null}
              </td>
              <td class="title-cell">
                <span class="title" title={i.title}>{i.title}</span>
                <span class="file" title={i.place}>{i.place}</span>
              </td>
              <td>{i.tag}</td>
              <td class="num">{i.effort === null ? <span class="muted">none</span> : pts(i.effort)}{i.effort !== null && !i.estimated ? <span class="muted"> (default)</span> : null}</td>
              <td>{i.impact ?? <span class="muted">—</span>}</td>
              <td>{i.outcome ?? <span class="muted">—</span>}</td>
              <td>{i.owners.length ? i.owners.map((o) => `@${o}`).join(', ') : <span class="muted">—</span>}</td>
              <td>{i.tracker ? `${i.tracker.key}${i.tracker.state ? ` · ${i.tracker.state}` : ''}` : <span class="muted">—</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {props.items.length > rows.length ? (
        <button type="button" class="secondary show-all" data-testid={`${props.testId}-show-all`} onClick={() => setAll(true)}>
          Show all {props.items.length} items
        </button>
      ) : null}
    </div>
  );
}
