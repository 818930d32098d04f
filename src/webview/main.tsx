/**
 * The budget page's entry, one bundle for two shells:
 * - PANEL (inside VS Code, `acquireVsCodeApi` exists): posts `Ready` with the kept state, then
 *   draws each `ShowPage`; every action is a message to the host; the UI state is kept with
 *   `setState` and sent as `SaveState` (the serializer restores it after a reload).
 * - REPORT (the standalone HTML file): reads a `BudgetReport` from the inline JSON script,
 *   read-only; the sprint picker switches between the pages the report embeds.
 * Text from the page is only ever rendered as Preact text nodes, never as HTML.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import 'uplot/dist/uPlot.min.css';
import './panel.css';
import {
  BUDGET_PAGE_VERSION,
  Busy,
  Done,
  Ready,
  REPORT_DATA_ID,
  SaveState,
  SelectSprint,
  ShowError,
  ShowPage,
  type BudgetPage,
  type BudgetReport,
  type PageCapabilities,
  type PanelState,
  type WebviewMessage,
} from '../protocol';
import { App } from './app';

/** How long a request's notice ("4 items allocated to S27") stays. */
const NOTICE_MS = 6000;
import { DEFAULT_STATE, READ_ONLY, type Shell } from './state';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}
declare const acquireVsCodeApi: (() => VsCodeApi) | undefined;

interface Shown {
  page: BudgetPage;
  capabilities: PageCapabilities;
  folder: { uri: string; name: string } | null;
}

function isState(value: unknown): value is PanelState {
  return typeof value === 'object' && value !== null && 'tab' in value && 'view' in value;
}

function Panel(props: { api: VsCodeApi }) {
  const { api } = props;
  const [shown, setShown] = useState<Shown | null>(null);
  const [state, setState] = useState<PanelState>(() => {
    const kept = api.getState();
    return isState(kept) ? kept : DEFAULT_STATE;
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; hint: string | null } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const shell: Shell = {
    mode: 'panel',
    post: (message: WebviewMessage) => api.postMessage(message),
    saveState: (s) => {
      api.setState(s);
      api.postMessage(SaveState.make({ state: s }));
    },
  };
  useEffect(() => {
    let noticeTimer: ReturnType<typeof setTimeout> | undefined;
    const onMessage = (event: MessageEvent) => {
      const m: unknown = event.data;
      if (ShowPage.is(m)) {
        if (m.params.page.version > BUDGET_PAGE_VERSION) {
          setError({ message: 'This page comes from a newer Paydown.', hint: 'Reload the window after updating the extension.' });
          return;
        }
        setShown({ page: m.params.page, capabilities: m.params.capabilities, folder: m.params.folder });
        setError(null);
        if (m.params.state) {
          setState(m.params.state);
          api.setState(m.params.state);
        }
      } else if (Busy.is(m)) {
        setBusy(m.params.busy);
      } else if (Done.is(m)) {
        setNotice(m.params.message || null);
        // A notice says what just happened; it does not stay as if it were the page's state.
        clearTimeout(noticeTimer);
        noticeTimer = setTimeout(() => setNotice(null), NOTICE_MS);
        if (!m.params.ok) setError({ message: m.params.message, hint: null });
      } else if (ShowError.is(m)) {
        setError({ message: m.params.message, hint: m.params.hint });
      }
    };
    window.addEventListener('message', onMessage);
    // The handshake: the host posts nothing before it, so nothing is lost while the app loads.
    api.postMessage(Ready.make({ state: isState(api.getState()) ? (api.getState() as PanelState) : null }));
    return () => window.removeEventListener('message', onMessage);
  }, []);
  const onState = (s: PanelState) => {
    setState(s);
    shell.saveState(s);
  };
  if (!shown) {
    return error ? (
      <div class="banner error" role="alert" data-testid="error">
        <strong>{error.message}</strong> {error.hint}
      </div>
    ) : (
      <p class="loading" role="status" data-testid="loading">Loading the debt budget…</p>
    );
  }
  return (
    <App
      shell={shell}
      page={shown.page}
      capabilities={shown.capabilities}
      folder={shown.folder}
      state={state}
      busy={busy}
      error={error}
      notice={notice}
      available={null}
      onState={onState}
      onSprint={(sprint) => {
        onState({ ...state, sprint });
        shell.post(SelectSprint.make({ sprint }));
      }}
    />
  );
}

function Report(props: { report: BudgetReport }) {
  const pages = props.report.pages;
  const byName = new Map(pages.filter((p) => p.sprint).map((p) => [p.sprint!.name, p]));
  const first = (props.report.selected && byName.get(props.report.selected)) || pages[0]!;
  const [page, setPage] = useState<BudgetPage>(first);
  const [state, setState] = useState<PanelState>(DEFAULT_STATE);
  const shell: Shell = { mode: 'report', post: () => undefined, saveState: () => undefined };
  return (
    <App
      shell={shell}
      page={page}
      capabilities={READ_ONLY}
      folder={null}
      state={state}
      busy={false}
      error={null}
      notice={null}
      available={new Set(byName.keys())}
      onState={setState}
      onSprint={(sprint) => {
        const current = first.sprints.find((s) => s.current)?.name;
        const next = byName.get(sprint ?? current ?? '');
        if (next) setPage(next);
      }}
    />
  );
}

function readReport(): BudgetReport | string {
  const el = document.getElementById(REPORT_DATA_ID);
  if (!el) return 'This page holds no budget data.';
  try {
    const report = JSON.parse(el.textContent ?? '') as BudgetReport;
    if (!Array.isArray(report.pages) || report.pages.length === 0) return 'This report holds no page.';
    if (report.version > BUDGET_PAGE_VERSION) return 'This report comes from a newer Paydown; open it with that version.';
    return report;
  } catch {
    return 'The budget data in this page is damaged.';
  }
}

const root = document.getElementById('root') ?? document.body.appendChild(document.createElement('div'));
if (typeof acquireVsCodeApi === 'function') {
  render(<Panel api={acquireVsCodeApi()} />, root);
} else {
  document.body.classList.add('paydown-report');
  const report = readReport();
  render(typeof report === 'string' ? <div class="banner error" role="alert" data-testid="error">{report}</div> : <Report report={report} />, root);
}
