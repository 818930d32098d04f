/**
 * The budget page: header (workspace, sprint picker, folder, export), tabs (Sprint, Trends,
 * Plan) and the empty states. It draws the page it is given and asks its shell for everything
 * else; it computes no figure.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { CreateStarterConfig, Export, PickFolder, type BudgetPage, type ExportKind, type PageCapabilities, type PageTab, type PanelState } from '../protocol';
import { phaseLabel, range } from './format';
import { PlanTab } from './planTab';
import type { Shell } from './state';
import { SprintTab } from './sprintTab';
import { TrendsTab } from './trendsTab';

export interface AppProps {
  shell: Shell;
  page: BudgetPage;
  capabilities: PageCapabilities;
  folder: { uri: string; name: string } | null;
  state: PanelState;
  busy: boolean;
  error: { message: string; hint: string | null } | null;
  notice: string | null;
  /** Sprint names the picker can show (the report holds only some sprints' pages); null: all. */
  available: Set<string> | null;
  onState(state: PanelState): void;
  onSprint(sprint: string | null): void;
}

const TAB_LABELS: Record<PageTab, string> = { sprint: 'Sprint', trends: 'Trends', plan: 'Plan' };

export function App(props: AppProps) {
  const { page, capabilities, state } = props;
  const canPlan = capabilities.planning && page.planning !== null;
  const tabs: PageTab[] = canPlan ? ['sprint', 'trends', 'plan'] : ['sprint', 'trends'];
  const tab = tabs.includes(state.tab) ? state.tab : 'sprint';
  const setState = (patch: Partial<PanelState>) => props.onState({ ...state, ...patch });
  return (
    <div class="page" aria-busy={props.busy}>
      <Header {...props} />
      {props.error ? (
        <div class="banner error" role="alert" data-testid="error">
          <strong>{props.error.message}</strong>
          {props.error.hint ? <span> {props.error.hint}</span> : null}
        </div>
      ) : null}
      {page.unreadable.length > 0 ? (
        <div class="banner warning" role="status" data-testid="unreadable">
          <span class="icon" aria-hidden="true">⚠</span> {page.unreadable.length === 1 ? 'A ledger file could not be read' : `${page.unreadable.length} ledger files could not be read`}; their items are missing from every figure: {page.unreadable.join(', ')}
        </div>
      ) : null}
      <p class="visually-hidden" role="status" aria-live="polite">{props.busy ? 'Updating…' : props.notice ?? ''}</p>
      {props.notice ? <div class="banner info" data-testid="notice">{props.notice}</div> : null}
      {page.trackerSprints && page.state !== 'no-sprints' ? (
        <div class="banner warning" role="status" data-testid="tracker-sprints">
          <span class="icon" aria-hidden="true">⚠</span> {page.trackerSprints.message}. {page.trackerSprints.hint}.
        </div>
      ) : null}
      {page.state === 'no-sprints' ? (
        page.trackerSprints ? (
          <EmptyState title="No sprints from the tracker yet" testId="empty-no-tracker-sprints">
            <p>{page.trackerSprints.message}.</p>
            <p>{page.trackerSprints.hint}.</p>
          </EmptyState>
        ) : (
          <NoSprints shell={props.shell} capabilities={capabilities} />
        )
      ) : (
        <>
          {page.state === 'no-debt' ? <NoDebt /> : null}
          <Tabs tabs={tabs} selected={tab} onSelect={(t) => setState({ tab: t })} />
          <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} class="tabpanel" tabIndex={0} data-testid={`panel-${tab}`}>
            {tab === 'sprint' ? <SprintTab page={page} shell={props.shell} capabilities={capabilities} view={state.view} onView={(view) => setState({ view })} /> : null}
            {tab === 'trends' ? <TrendsTab page={page} view={state.view} onView={(view) => setState({ view })} /> : null}
            {tab === 'plan' && page.planning ? <PlanTab page={page} planning={page.planning} shell={props.shell} busy={props.busy} /> : null}
          </div>
        </>
      )}
      <footer class="footer">
        Measured on {page.today} · computed {page.generatedAt.replace('T', ' ').replace(/\.\d+Z$/, ' UTC').replace(/Z$/, ' UTC')} by Paydown
      </footer>
    </div>
  );
}

function Header(props: AppProps) {
  const { page, capabilities, shell } = props;
  const selected = page.sprint?.name ?? '';
  const exportTo = (kind: ExportKind) => shell.post(Export.make({ kind, sprint: page.sprint?.name ?? null }));
  return (
    <header class="header">
      <div class="title">
        <h1>
          Debt budget <span class="workspace" data-testid="workspace">{props.folder?.name ?? page.workspace}</span>
        </h1>
        {page.sprint ? (
          <p class="subtitle" data-testid="sprint-range">
            {page.sprint.name} · {range(page.sprint.start, page.sprint.end)} · {phaseLabel(page.sprint.phase)}
            {page.sprint.squad ? ` · squad ${page.sprint.squad}` : ''}
          </p>
        ) : null}
      </div>
      <div class="controls">
        {page.sprints.length > 0 ? (
          <label class="picker">
            <span>Sprint</span>
            <select
              data-testid="sprint-picker"
              value={selected}
              onChange={(e) => {
                const value = (e.currentTarget as HTMLSelectElement).value;
                const current = page.sprints.find((s) => s.current);
                props.onSprint(current && current.name === value ? null : value);
              }}
            >
              {(['ended', 'active', 'planned'] as const).map((phase) => {
                const options = page.sprints.filter((s) => s.phase === phase);
                if (options.length === 0) return null;
                return (
                  <optgroup label={phase === 'ended' ? 'Past' : phase === 'active' ? 'Current' : 'Planned'}>
                    {[...options].reverse().map((s) => {
                      const missing = props.available !== null && !props.available.has(s.name);
                      return (
                        <option value={s.name} disabled={missing}>
                          {s.name}
                          {s.current ? ' (current)' : ''}
                          {s.from ? ` · from ${s.from}` : ''}
                          {missing ? ' (not in this report)' : ''}
                        </option>
                      );
                    })}
                  </optgroup>
                );
              })}
            </select>
          </label>
        ) : null}
        {capabilities.folders ? (
          <button type="button" class="secondary" data-testid="pick-folder" onClick={() => shell.post(PickFolder.make({}))}>
            Folder: {props.folder?.name ?? page.workspace}…
          </button>
        ) : null}
        {capabilities.export && page.state === 'ready' ? <ExportMenu onExport={exportTo} hasSprint={page.sprint !== null} /> : null}
      </div>
    </header>
  );
}

const EXPORTS: { kind: ExportKind; label: string; sprintOnly: boolean }[] = [
  { kind: 'copy-markdown', label: 'Copy as Markdown', sprintOnly: true },
  { kind: 'open-review', label: 'Open sprint review', sprintOnly: true },
  { kind: 'save-csv', label: 'Save CSV…', sprintOnly: false },
  { kind: 'save-json', label: 'Save JSON…', sprintOnly: false },
  { kind: 'save-html', label: 'Save as HTML…', sprintOnly: false },
];

function ExportMenu(props: { onExport(kind: ExportKind): void; hasSprint: boolean }) {
  return (
    <div class="exports" role="group" aria-label="Export">
      {EXPORTS.filter((e) => props.hasSprint || !e.sprintOnly).map((e) => (
        <button type="button" class="secondary" data-testid={`export-${e.kind}`} onClick={() => props.onExport(e.kind)}>
          {e.label}
        </button>
      ))}
    </div>
  );
}

/** An ARIA tablist: Left/Right/Home/End move and select. */
function Tabs(props: { tabs: PageTab[]; selected: PageTab; onSelect(tab: PageTab): void }) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const move = (e: KeyboardEvent, i: number) => {
    const n = props.tabs.length;
    const next = e.key === 'ArrowRight' ? (i + 1) % n : e.key === 'ArrowLeft' ? (i - 1 + n) % n : e.key === 'Home' ? 0 : e.key === 'End' ? n - 1 : -1;
    if (next < 0) return;
    const tab = props.tabs[next];
    if (!tab) return;
    e.preventDefault();
    props.onSelect(tab);
    refs.current[tab]?.focus();
  };
  return (
    <div role="tablist" aria-label="Budget page" class="tabs">
      {props.tabs.map((t, i) => (
        <button
          type="button"
          role="tab"
          id={`tab-${t}`}
          data-testid={`tab-${t}`}
          aria-selected={t === props.selected}
          aria-controls={`panel-${t}`}
          tabIndex={t === props.selected ? 0 : -1}
          ref={(el) => {
            refs.current[t] = el;
          }}
          onClick={() => props.onSelect(t)}
          onKeyDown={(e) => move(e, i)}
        >
          {TAB_LABELS[t]}
        </button>
      ))}
    </div>
  );
}

function EmptyState(props: { title: string; children: ComponentChildren; testId: string }) {
  return (
    <section class="empty card" data-testid={props.testId}>
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

function NoSprints(props: { shell: Shell; capabilities: PageCapabilities }) {
  return (
    <EmptyState title="No sprints yet" testId="empty-no-sprints">
      <p>
        The debt budget is kept per sprint. Sprints, a cadence and the share of each sprint protected for debt live in <code>.paydown/config.jsonc</code>, committed with the code.
      </p>
      {props.capabilities.planning ? (
        <>
          <p>Start from a two-week cadence with 20% of capacity protected for debt, then edit it to fit your squad.</p>
          <button type="button" data-testid="create-starter-config" onClick={() => props.shell.post(CreateStarterConfig.make({}))}>
            Create a starter config
          </button>
        </>
      ) : (
        <p>Add <code>sprints</code> or a <code>cadence</code> to the config, then run the report again.</p>
      )}
    </EmptyState>
  );
}

function NoDebt() {
  return (
    <EmptyState title="No debt tagged yet" testId="empty-no-debt">
      <p>Paydown collects technical debt from code comments. Tag it where it lives, in any language:</p>
      <pre class="example">
        {'// TODO: retry the upload\n# DEBT: cache the token effort:3 impact:high @alice #auth'}
      </pre>
      <p>
        Paydown looks for <code>TODO</code>, <code>FIXME</code>, <code>HACK</code>, <code>XXX</code> and <code>DEBT</code> at the start of a comment. Add <code>effort:</code> to estimate an item, so it can be planned into the budget.
      </p>
    </EmptyState>
  );
}
