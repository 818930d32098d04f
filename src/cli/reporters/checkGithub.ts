/**
 * `paydown check --format github`: GitHub Actions workflow commands, one `::error` per finding, so
 * each shows on the pull request's diff at its line, then the summary line as plain text.
 * Escaping follows GitHub's toolkit (`@actions/core` command.ts): in the message `%`, CR and LF;
 * in property values also `:` and `,`. Actions logs render ANSI escapes, so what is left of the
 * control characters is neutralised as in every text report (`safeText`).
 */
import { cellPlace, type CheckFinding, type CheckResult } from '../../engine';
import { RULE_HEADINGS, summaryLine } from './checkText';
import { safeText } from './terminal';

/** Escapes a workflow command's message. */
export function escapeData(text: string): string {
  return safeText(text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escapes a workflow command's property value (`file=…`, `title=…`). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One `::error …::message` line. `prefix` turns workspace paths into repository paths. */
export function findingToCommand(f: CheckFinding, prefix = ''): string {
  const props: string[] = [];
  if (f.file !== null) {
    props.push(`file=${escapeProperty(prefix + f.file)}`);
    if (f.line !== null) props.push(`line=${f.line}`);
    if (f.column !== null) props.push(`col=${f.column}`);
  }
  props.push(`title=${escapeProperty(`Paydown: ${RULE_HEADINGS[f.rule]}`)}`);
  // A notebook's diff is shown rendered, by cell: the line above is the .ipynb file's.
  const where = f.cell ? `\n(${cellPlace(f.cell)} of the notebook)` : '';
  return `::error ${props.join(',')}::${escapeData(`${f.message}${where}\nhint: ${f.hint}`)}`;
}

/**
 * Every finding as a workflow command, then the summary. `repoPrefix` is the workspace's folder
 * inside the repository (`services/pay/`, or empty), because GitHub resolves `file=` from the
 * repository root.
 */
export function checkToGithub(result: CheckResult, repoPrefix = ''): string {
  const lines = result.findings.map((f) => findingToCommand(f, repoPrefix));
  lines.push(summaryLine(result));
  return `${lines.join('\n')}\n`;
}
