import { cellPlace, formatNumber, plural, points as formatPoints } from '../../engine';
import type { DebtItem, ScanResult } from '../../engine';
import type { Style } from './style';
import { safeText } from './terminal';

export interface TextReportOptions {
  style: Style;
  /** Terminal width to truncate long titles to; no truncation when undefined (pipes, files). */
  width?: number;
}

/** The human form of a scan: items grouped by file, then a summary. */
export function scanToText(result: ScanResult, { style, width }: TextReportOptions): string {
  const lines: string[] = [];
  const byFile = groupByFile(result.items);
  let tagWidth = 4;
  for (const item of result.items) tagWidth = Math.max(tagWidth, item.tag.length);
  for (const [file, items] of byFile) {
    lines.push(`${style.bold(style.cyan(safeText(file)))} ${style.dim(`(${items.length})`)}`);
    let positionWidth = 0;
    for (const item of items) positionWidth = Math.max(positionWidth, `${item.line}:${item.column}`.length);
    for (const item of items) {
      const position = `${item.line}:${item.column}`.padEnd(positionWidth);
      const lead = `  ${position}  ${item.tag.padEnd(tagWidth)}  `;
      lines.push(`  ${style.dim(position)}  ${tagColour(item, style)(safeText(item.tag).padEnd(tagWidth))}  ${truncate(safeText(item.title) || '(no title)', width, lead.length)}`);
      const facts = safeText(describeFacts(item));
      if (facts) lines.push(`${' '.repeat(lead.length)}${style.dim(truncate(facts, width, lead.length))}`);
    }
    lines.push('');
  }
  const hidden = leftOut(result, style);
  for (const line of hidden) lines.push(line);
  for (const line of summary(result, byFile.size, style, hidden.length > 0)) lines.push(line);
  return `${lines.join('\n')}\n`;
}

/** The paths asked for that the workspace's rules hide: else a scan of an ignored folder only says it found nothing. */
function leftOut(result: ScanResult, style: Style): string[] {
  const lines: string[] = [];
  for (const { path, reason } of result.skipped) {
    if (reason === 'ignored') {
      lines.push(style.yellow(`Not scanned: ${safeText(path)} is ignored in this workspace (by a .gitignore, .paydownignore or .git/info/exclude, or inside .git or .paydown). To scan it anyway, pass it as --root (a file: its folder).`));
    } else if (reason === 'excluded') {
      lines.push(style.yellow(`Not scanned: ${safeText(path)} is outside the config's scan.include or inside its scan.exclude.`));
    }
  }
  return lines;
}

function groupByFile(items: readonly DebtItem[]): Map<string, DebtItem[]> {
  const groups = new Map<string, DebtItem[]>();
  for (const item of items) {
    let group = groups.get(item.file);
    if (!group) groups.set(item.file, (group = []));
    group.push(item);
  }
  return groups;
}

function tagColour(item: DebtItem, style: Style): (text: string) => string {
  switch (item.impact) {
    case 'critical':
    case 'high':
      return style.red;
    case 'medium':
      return style.yellow;
    default:
      return style.green;
  }
}

/** The item's metadata on one line: `PD-7Q2K · @alice · 3 pts · high · #payments · GH-412`. */
function describeFacts(item: DebtItem): string {
  const facts: string[] = [];
  if (item.cell) facts.push(cellPlace(item.cell));
  if (item.id) facts.push(item.id);
  for (const o of item.owners) facts.push(`@${o}`);
  if (item.effort !== null) facts.push(formatPoints(item.effort));
  // Low and medium are the tags' usual defaults; the tag's colour shows them on a terminal.
  if (item.impact === 'high' || item.impact === 'critical') facts.push(`impact ${item.impact}`);
  if (item.sprint) facts.push(`sprint ${item.sprint}`);
  if (item.due) facts.push(`due ${item.due}`);
  if (item.outcome) facts.push(`outcome ${item.outcome}`);
  for (const l of item.labels) facts.push(`#${l}`);
  for (const r of item.issueRefs) facts.push(r.text);
  if (item.problems.length) facts.push(plural(item.problems.length, 'problem'));
  return facts.join(' · ');
}


function truncate(text: string, width: number | undefined, indent: number): string {
  if (width === undefined) return text;
  const room = Math.max(20, width - indent);
  return text.length <= room ? text : `${text.slice(0, room - 1)}…`;
}

function summary(result: ScanResult, fileCount: number, style: Style, pathsLeftOut: boolean): string[] {
  const { items, stats, problems } = result;
  const seconds = (stats.durationMs / 1000).toFixed(2);
  const scanned = `Scanned ${plural(stats.files, 'file')} in ${seconds} s${stats.filesFromCache ? ` (${formatNumber(stats.filesFromCache)} unchanged, from cache)` : ''}.`;
  // Nothing was looked at: how to tag debt is not the answer.
  if (items.length === 0 && pathsLeftOut && stats.files === 0) return [style.dim(scanned)];
  if (items.length === 0) {
    return [
      style.bold('No debt found.') + ' Tag some in a comment: `// TODO: …`, `# FIXME(alice): …` or `// DEBT: … effort:3 impact:high`.',
      style.dim(scanned),
    ];
  }
  const perTag = new Map<string, number>();
  for (const item of items) perTag.set(item.tag, (perTag.get(item.tag) ?? 0) + 1);
  const tagCounts = [...perTag].map(([tag, count]) => `${safeText(tag)} ${formatNumber(count)}`).join('  ');
  const estimated = items.filter((i) => i.effort !== null);
  const points = estimated.reduce((sum, i) => sum + (i.effort ?? 0), 0);
  const out = [
    `${style.bold(plural(items.length, 'debt item'))} in ${plural(fileCount, 'file')}  ·  ${tagCounts}`,
    `${estimated.length ? `${formatPoints(points)} estimated on ${formatNumber(estimated.length)} of ${plural(items.length, 'item')}` : 'No estimates yet (add effort:3, effort:2h or effort:1d)'}${problems.length ? `  ·  ${style.yellow(plural(problems.length, 'problem'))} (on stderr)` : ''}`,
    style.dim(scanned),
  ];
  return out;
}
