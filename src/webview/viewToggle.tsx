/** The chart/table switch: one toggle for the whole page, kept in PanelState.view. */
import type { View } from './state';

export function ViewToggle(props: { view: View; onView(view: View): void }) {
  return (
    <button type="button" class="secondary" aria-pressed={props.view === 'table'} data-testid="view-toggle" onClick={() => props.onView(props.view === 'chart' ? 'table' : 'chart')}>
      {props.view === 'chart' ? 'Show data tables' : 'Show charts'}
    </button>
  );
}
