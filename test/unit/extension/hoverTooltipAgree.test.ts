/**
 * The hover over an annotation and the Debt view's tooltip of its row describe one item: they
 * must say the same age and the same effort (both go through src/engine/present).
 */
import * as assert from 'node:assert/strict';
import { hoverMarkdown } from '../../../src/extension/editor/hoverMarkdown';
import { itemTooltip } from '../../../src/extension/views/labels';
import { sessionItem } from './viewHelpers';

const NOW = new Date('2026-11-04T01:00:00Z');

function daysBefore(days: number, time = '09:00:00'): string {
  return `${new Date(Date.UTC(2026, 10, 4 - days)).toISOString().slice(0, 10)}T${time}.000Z`;
}

/** What each surface says about the item: the hover's "First seen … ago" and "Effort **…**", the tooltip's Age and Effort rows. */
function bothSay(fields: Parameters<typeof sessionItem>[0]): { hover: { age: string; effort: string }; tooltip: { age: string; effort: string } } {
  const item = sessionItem({ id: 'PD-AAAAAA', ...fields });
  const hover = hoverMarkdown(item, { now: NOW });
  const tooltip = itemTooltip(item, NOW);
  return {
    hover: { age: /First seen (.+?) \(/.exec(hover)?.[1] ?? '', effort: /Effort \*\*(.+?)\*\*/.exec(hover)?.[1] ?? '' },
    tooltip: { age: /\| Age \| (.+?) \(first seen/.exec(tooltip)?.[1] ?? '', effort: /\| Effort \| (.+?) \|/.exec(tooltip)?.[1] ?? '' },
  };
}

describe('hover and tree tooltip agree about one item', () => {
  it('the same age, for every age from two days to four years', () => {
    for (let days = 2; days <= 1500; days++) {
      const said = bothSay({ effort: 3, firstSeen: daysBefore(days) });
      assert.equal(said.hover.age, `${said.tooltip.age} ago`, `${days} days`);
    }
    // 45 days is 6 weeks on both (the tooltip once said "45 days" while the hover said "6 weeks ago").
    assert.deepEqual(bothSay({ effort: 3, firstSeen: daysBefore(45) }).tooltip.age, '6 weeks');
  });

  it('the same day count across midnight UTC: first seen at 23:00 yesterday is a day old at 01:00', () => {
    const said = bothSay({ effort: 3, firstSeen: daysBefore(1, '23:00:00') });
    assert.deepEqual([said.hover.age, said.tooltip.age], ['yesterday', '1 day']);
  });

  it('the same effort, rounded the same way, with the noun agreeing with the number shown', () => {
    for (const [effort, shown] of [[1, '1 pt'], [0.999, '1 pt'], [0.5, '0.5 pts'], [1 / 3, '0.33 pts'], [0.1 + 0.2, '0.3 pts'], [1234.5, '1,234.5 pts']] as const) {
      const said = bothSay({ effort, firstSeen: daysBefore(10) });
      assert.deepEqual([said.hover.effort, said.tooltip.effort], [shown, shown], String(effort));
    }
  });
});
