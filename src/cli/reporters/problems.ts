import { cellPlace, type Problem } from '../../engine';
import type { Style } from './style';
import { safeText } from './terminal';

/** `file:line:col: warning: message [code]`, the form editors and CI logs turn into links. */
export function formatProblem(problem: Problem, style: Style): string {
  const where = `${safeText(problem.file)}:${problem.range.start.line}:${problem.range.start.column}`;
  const severity = problem.severity === 'error' ? style.red('error') : style.yellow(problem.severity);
  // The file's line is for links; the cell's is what the notebook editor shows.
  const cell = problem.cell ? ` ${style.dim(`(${cellPlace({ index: problem.cell.index, line: problem.cell.range.start.line })})`)}` : '';
  return `${style.bold(where)}: ${severity}: ${safeText(problem.message)} ${style.dim(`[${safeText(problem.code)}]`)}${cell}`;
}
