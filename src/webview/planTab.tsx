/**
 * The Plan tab: the auto-fill proposal (each item with its reason) and the backlog, two lists an
 * item moves between by drag and drop or from the keyboard (Enter/Space moves the focused row to
 * the other list, arrow keys move within a list). The room figure is arithmetic on the efforts
 * shown, for the UI only: the host writes the ledger on accept and the engine recomputes the page.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { AcceptProposal, type BudgetPage, type PageInterest, type PlanningView } from '../protocol';
import { num, plural, pts } from './format';
import type { Shell } from './state';

interface Row {
  id: string;
  title: string;
  tag: string;
  effort: number | null;
  impact: string | null;
  outcome: string | null;
  file: string;
  line: number;
  /** `file:line`, or `file, cell 3, line 2` in a notebook (the engine's wording). */
  place: string;
  /** The proposal's reason, or the note why auto-fill left it out. */
  why: string | null;
  /** The engine's interest of the item's file, or null. */
  interest: PageInterest | null;
}

type ListName = 'proposed' | 'backlog';

let requestId = 0;

export function PlanTab(props: { page: BudgetPage; planning: PlanningView; shell: Shell; busy: boolean }) {
  const p = props.planning;
  const initial = () => ({
    proposed: p.proposed.map((i): Row => ({ ...i, why: i.reason, interest: i.interest ?? null })),
    backlog: p.backlog.map((i): Row => ({ ...i, why: i.note, interest: i.interest ?? null })),
  });
  const [lists, setLists] = useState(initial);
  const [focus, setFocus] = useState<{ list: ListName; id: string } | null>(null);
  // A new page (after accept, or a change elsewhere) starts from its own proposal.
  useEffect(() => setLists(initial()), [p]);
  const selectedEffort = lists.proposed.reduce((t, r) => t + (r.effort ?? 0), 0);
  const left = p.room - selectedEffort;

  const move = (id: string, to: ListName, index?: number) => {
    setLists((cur) => {
      const from: ListName = to === 'proposed' ? 'backlog' : 'proposed';
      const row = cur[from].find((r) => r.id === id) ?? cur[to].find((r) => r.id === id);
      if (!row) return cur;
      const without = { proposed: cur.proposed.filter((r) => r.id !== id), backlog: cur.backlog.filter((r) => r.id !== id) };
      const target = [...without[to]];
      target.splice(index ?? target.length, 0, row);
      return { ...without, [to]: target };
    });
    setFocus({ list: to, id });
  };
  const reorder = (list: ListName, id: string, delta: number) => {
    const rows = lists[list];
    const i = rows.findIndex((r) => r.id === id);
    const j = i + delta;
    const target = rows[j];
    if (i < 0 || !target) return;
    setFocus({ list, id: target.id });
  };
  const accept = (ids: string[]) => props.shell.post(AcceptProposal.make({ id: ++requestId, sprint: p.sprint, ids }));

  return (
    <div class="tab-plan">
      <div class="plan-summary card" data-testid="plan-summary">
        <div>
          <span class="big" data-testid="plan-room-left">{pts(left)}</span> {left < 0 ? 'over the room' : 'of room left'}
          <span class="muted"> · {pts(selectedEffort)} selected of {pts(p.room)} room in {p.sprint}</span>
        </div>
        <div class="actions">
          <button type="button" data-testid="accept-all" disabled={props.busy || p.proposed.length === 0} onClick={() => accept(p.proposed.map((i) => i.id))}>
            Accept all {p.proposed.length > 0 ? `(${plural(p.proposed.length, 'item')})` : ''}
          </button>
          <button type="button" class="secondary" data-testid="accept" disabled={props.busy || lists.proposed.length === 0} onClick={() => accept(lists.proposed.map((r) => r.id))}>
            Accept selection
          </button>
          <button type="button" class="secondary" data-testid="reset-plan" onClick={() => setLists(initial())}>Reset</button>
        </div>
      </div>
      {p.notes.length > 0 ? (
        <ul class="notes" data-testid="plan-notes">{p.notes.map((n) => <li><span aria-hidden="true">ℹ </span>{n}</li>)}</ul>
      ) : null}
      <p class="note" id="plan-help">Drag items between the lists, or focus a row and press Enter or Space to move it to the other list; arrow keys move between rows.</p>
      <div class="plan-lists">
        <PlanList name="proposed" title="Proposed for the sprint" rows={lists.proposed} focus={focus} onMove={move} onReorder={reorder} more={0} />
        <PlanList name="backlog" title="Backlog" rows={lists.backlog} focus={focus} onMove={move} onReorder={reorder} more={p.backlogMore} />
      </div>
    </div>
  );
}

function PlanList(props: {
  name: ListName;
  title: string;
  rows: Row[];
  more: number;
  focus: { list: ListName; id: string } | null;
  onMove(id: string, to: ListName, index?: number): void;
  onReorder(list: ListName, id: string, delta: number): void;
}) {
  const other: ListName = props.name === 'proposed' ? 'backlog' : 'proposed';
  const [over, setOver] = useState(false);
  const refs = useRef<Record<string, HTMLLIElement | null>>({});
  // A layout effect, so the moved row has focus in the same task that renders it: a key pressed
  // right after Enter must not land on the row that just left.
  useLayoutEffect(() => {
    if (props.focus?.list === props.name) refs.current[props.focus.id]?.focus();
  }, [props.focus]);
  const effort = props.rows.reduce((t, r) => t + (r.effort ?? 0), 0);
  return (
    <section
      class={`card plan-list ${over ? 'drop' : ''}`}
      aria-labelledby={`list-${props.name}`}
      data-testid={`list-${props.name}`}
      onDragOver={(e) => {
        e.preventDefault();
        if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const id = e.dataTransfer?.getData('text/plain');
        if (id) props.onMove(id, props.name);
      }}
    >
      <h3 id={`list-${props.name}`}>
        {props.title} <span class="count">{plural(props.rows.length, 'item')} · {pts(effort)}</span>
      </h3>
      {props.rows.length === 0 ? <p class="note">{props.name === 'proposed' ? 'Nothing proposed: drag items here from the backlog.' : 'The backlog is empty.'}</p> : null}
      <ul role="list" aria-describedby="plan-help">
        {props.rows.map((r) => (
          <li
            key={r.id}
            ref={(el) => {
              refs.current[r.id] = el;
            }}
            class="plan-row"
            tabIndex={0}
            draggable
            data-testid={`${props.name}-row`}
            data-item-id={r.id}
            aria-label={`${r.title}, ${r.effort === null ? 'no estimate' : pts(r.effort)}`}
            onDragStart={(e) => {
              e.dataTransfer?.setData('text/plain', r.id);
              if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
            }}
            onKeyDown={(e) => {
              if (e.target !== e.currentTarget) return;
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                props.onMove(r.id, other);
              } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                e.preventDefault();
                props.onReorder(props.name, r.id, e.key === 'ArrowDown' ? 1 : -1);
              }
            }}
          >
            <div class="plan-main">
              <span class="title" title={r.title}>{r.title}</span>
              <span class="effort">{r.effort === null ? 'no estimate' : pts(r.effort)}</span>
            </div>
            <div class="plan-meta">
              <span>{r.tag}</span>
              {r.impact ? <span>impact {r.impact}</span> : null}
              {r.outcome ? <span>{r.outcome}</span> : null}
              {r.interest ? (
                <span class="interest" data-testid="interest" title={r.interest.description} aria-label={`interest: ${r.interest.description}`}>
                  {r.interest.label}
                </span>
              ) : null}
              <span class="file" title={r.place}>{r.place}</span>
            </div>
            {r.why ? <p class="why">{r.why}</p> : null}
            <button type="button" class="secondary small" tabIndex={-1} data-testid={`move-${r.id}`} onClick={() => props.onMove(r.id, other)}>
              {props.name === 'proposed' ? 'Remove' : 'Add to sprint'}
            </button>
          </li>
        ))}
      </ul>
      {props.more > 0 ? <p class="note">and {num(props.more)} more in the backlog (best value shown first)</p> : null}
    </section>
  );
}
