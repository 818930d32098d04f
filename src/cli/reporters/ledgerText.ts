import { agree, describeNotChecked, itemPlace, plural, points as formatPoints, topPercent } from '../../engine';
import type { DoctorReport, Interest, InterestIndex, LedgerChangeSet, LedgerItem, ListedItem } from '../../engine';
import { itemChange } from './ledgerJson';
import type { Style } from './style';
import { columnWidths, safeText } from './terminal';

export function changeSetToText(changes: LedgerChangeSet, style: Style): string {
  const { counts } = changes;
  const verb = changes.dryRun ? 'Would sync' : 'Synced';
  const lines = [
    `${style.bold(`${verb} the ledger:`)} ${counts.created} new, ${counts.updated} updated, ${counts.resolved} resolved, ${counts.reopened} reopened, ${counts.unchanged} unchanged${changes.git ? '' : style.dim(' (without git)')}`,
  ];
  // Debt in files the scan did not read is not paid: say so, or the counts above mislead.
  if (counts.notChecked > 0) lines.push(`  ${style.yellow('!')} ${describeNotChecked(counts)}; left as they were`);
  const cells = new Map(changes.matches.filter((m) => m.cell).map((m) => [m.id, m.cell]));
  for (const item of changes.created) lines.push(`  ${style.green('+')} ${safeText(item.id)}  ${safeText(item.tag).padEnd(5)} ${safeText(itemPlace({ file: item.file, line: item.line, cell: cells.get(item.id) }))}  ${safeText(item.title)}`);
  for (const item of changes.updated) {
    const what = describeUpdate(changes, item);
    lines.push(`  ${style.yellow('~')} ${safeText(item.id)}  ${safeText(what)}  ${style.dim(safeText(item.title))}`);
  }
  for (const item of changes.resolved) {
    const by = item.resolved?.commit ? ` in ${item.resolved.commit.slice(0, 8)}${item.resolved.author ? ` by ${item.resolved.author}` : ''}` : '';
    lines.push(`  ${style.cyan('✓')} ${safeText(item.id)}  resolved${safeText(by)}  ${style.dim(safeText(item.title))}`);
  }
  if (changes.firstRecording) {
    lines.push(`${style.cyan('i')} These are dated today, so a sprint review would count them all as added this sprint: \`paydown ledger backfill\` dates each from the commit that added it.`);
  }
  if (changes.dryRun) lines.push(style.dim('Dry run: nothing was written. Run `paydown ledger sync` to write it.'));
  return `${lines.join('\n')}\n`;
}

function describeUpdate(changes: LedgerChangeSet, item: LedgerItem): string {
  const { change, from } = itemChange(changes, item);
  if (change === 'moved') return `moved ${from} → ${item.file}`;
  return change === 'restamped' ? 'removal commit found' : change === 'edited' ? 'text edited' : change;
}

export function listToText(listed: readonly ListedItem[], style: Style, interest?: InterestIndex): string {
  if (listed.length === 0) return 'No items. Run `paydown ledger sync` to record the debt in the code, or loosen the filters.\n';
  const rows = listed.map(({ item, file, line, cell }) =>
    [
      item.id,
      item.status,
      item.tag,
      itemPlace({ file, line, cell }),
      item.effort.value === null ? '–' : formatPoints(item.effort.value),
      item.impact.value ?? '–',
      item.sprint ?? '–',
      ...(interest ? [interestCell(interest.of(file))] : []),
      item.title,
    ].map(safeText),
  );
  const padded = interest ? 8 : 7;
  const widths = columnWidths(rows, padded);
  const out = rows.map((row) =>
    row
      .map((cell, col) => (col === 0 ? style.bold(cell.padEnd(widths[col]!)) : col < padded ? cell.padEnd(widths[col]!) : cell))
      .join('  '),
  );
  out.push(style.dim(plural(listed.length, 'item')));
  if (interest) out.push(style.dim(`most interest first: commits to the item's file in the ${interest.history.days} days since ${interest.history.since} (first-parent), as a share of the repository's ${plural(interest.history.trackedFiles, 'file')}`));
  return `${out.join('\n')}\n`;
}

/** `41× top 2%`, or `–` for a file that did not change. */
function interestCell(interest: Interest): string {
  return interest.commits === 0 ? '–' : `${interest.commits}× top ${topPercent(interest)}%`;
}

export function itemToText({ item, comment, file, line, cell }: ListedItem, style: Style): string {
  const facts: [string, string][] = [
    ['status', item.status],
    ['where', itemPlace({ file, line, cell })],
    ['effort', item.effort.value === null ? '–' : `${formatPoints(item.effort.value)}${item.effort.source === 'ui' ? ' (edited)' : ''}`],
    ['impact', `${item.impact.value ?? '–'}${item.impact.source === 'ui' ? ' (edited)' : ''}`],
    ['sprint', item.sprint ?? '–'],
    ['outcome', item.outcome.value ?? '–'],
    ['first seen', `${item.firstSeen.at}${item.firstSeen.commit ? ` (${item.firstSeen.commit.slice(0, 8)})` : ''}`],
  ];
  if (item.resolved) facts.push(['resolved', `${item.resolved.at}${item.resolved.commit ? ` in ${item.resolved.commit.slice(0, 8)}` : ''}${item.resolved.author ? ` by ${item.resolved.author}` : ''}`]);
  if (comment?.owners.length) facts.push(['owners', comment.owners.map((o) => `@${o}`).join(' ')]);
  if (comment?.labels.length) facts.push(['labels', comment.labels.map((l) => `#${l}`).join(' ')]);
  for (const link of item.trackers) facts.push(['tracker', `${link.key}${link.state ? ` (${link.state})` : ''}${link.url ? ` ${link.url}` : ''}`]);
  const lines = [`${style.bold(safeText(item.id))}  ${safeText(item.tag)}: ${safeText(item.title)}`, ...facts.map(([k, v]) => `  ${style.dim(k.padEnd(10))} ${safeText(v)}`)];
  if (item.history.length) {
    lines.push(`  ${style.dim('history')}`);
    for (const event of item.history) {
      const change = event.field ? `${event.field} ${fmt(event.from)} → ${fmt(event.to)}` : event.from !== undefined || event.to !== undefined ? `${fmt(event.from)} → ${fmt(event.to)}` : '';
      lines.push(`    ${style.dim(safeText(event.at))}  ${safeText(event.type)}${change ? ` ${safeText(change)}` : ''}${event.by ? style.dim(` by ${safeText(event.by)}`) : ''}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

function fmt(value: unknown): string {
  return value === null || value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value);
}

export function doctorToText(report: DoctorReport, dryRun: boolean, style: Style): string {
  const lines = [`Checked ${plural(report.checked, 'ledger file')}: ${report.healthy} healthy.`];
  for (const finding of report.findings) {
    const mark = finding.needsHuman ? style.red('✗') : style.green('✓');
    // The engine words its actions for a dry run itself ("would merge …").
    lines.push(`  ${mark} ${safeText(finding.file)}: ${safeText(finding.problem)}${finding.action ? ` — ${safeText(finding.action)}` : ''}`);
  }
  if (report.findings.length === 0) lines.push(style.green('The ledger is healthy.'));
  else lines.push(`${report.repaired} ${dryRun ? 'repairable' : 'repaired'}, ${report.needsHuman} ${agree(report.needsHuman, 'needs', 'need')} a human.`);
  return `${lines.join('\n')}\n`;
}
