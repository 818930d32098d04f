/** `paydown check` as people read it: findings grouped by rule, each with file:line and a hint, then a summary line. */
import type { CheckFinding, CheckResult, CheckRule } from '../../engine';
import { CHECK_RULES, cellPlace, plural } from '../../engine';
import type { Style } from './style';
import { safeText } from './terminal';

/** Each rule's heading in the text report. */
export const RULE_HEADINGS: Record<CheckRule, string> = {
  untracked: 'Debt not in the ledger',
  required: 'Missing required fields',
  malformed: 'Malformed metadata',
  'unknown-outcome': 'Unknown outcomes',
  budget: 'Sprint budget rule',
};

/** Where a finding is: `file:line:col` (and its notebook cell), or the sprint. */
export function findingLocation(f: CheckFinding): string {
  if (f.file === null) return f.sprint ?? '(workspace)';
  return `${f.file}:${f.line ?? 1}:${f.column ?? 1}${f.cell ? ` (${cellPlace(f.cell)})` : ''}`;
}

export function checkToText(result: CheckResult, style: Style): string {
  const out: string[] = [];
  for (const rule of CHECK_RULES) {
    const findings = result.findings.filter((f) => f.rule === rule);
    if (findings.length === 0) continue;
    out.push(style.bold(`${RULE_HEADINGS[rule]} (${findings.length})`));
    for (const f of findings) {
      const what = f.file === null ? f.message.replace(/^[^:]+: /, '') : f.message;
      out.push(`  ${style.cyan(safeText(findingLocation(f)))}  ${safeText(what)}${f.code ? style.dim(` [${safeText(f.code)}]`) : ''}`);
      out.push(style.dim(`    hint: ${safeText(f.hint)}`));
    }
    out.push('');
  }
  out.push(summaryLine(result, style));
  return `${out.join('\n')}\n`;
}

/** `✗ 7 findings: 1 untracked, …` or `✓ no findings`, with what was looked at. */
export function summaryLine(result: CheckResult, style: Style = { bold: id, dim: id, red: id, yellow: id, green: id, cyan: id, magenta: id }): string {
  const scope = result.base === null ? `${plural(result.annotations, 'annotation')}` : `${result.considered} of ${plural(result.annotations, 'annotation')} added since ${safeText(result.base)}`;
  const sprints = result.sprints.length > 0 ? `, budget of ${safeText(result.sprints.join(', '))}` : ', no sprint running';
  const checked = `checked ${scope}${sprints}`;
  if (result.findings.length === 0) return style.green(`✓ paydown check: no findings (${checked})`);
  const counts = CHECK_RULES.map((rule) => [rule, result.findings.filter((f) => f.rule === rule).length] as const)
    .filter(([, n]) => n > 0)
    .map(([rule, n]) => `${n} ${rule}`);
  return style.red(`✗ paydown check: ${plural(result.findings.length, 'finding')} (${counts.join(', ')}); ${checked}`);
}

function id(text: string): string {
  return text;
}
