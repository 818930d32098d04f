/** The JSON payload of `paydown check --format json` (see jsonDocument.ts). */
import { cellJson, type CellJson, type CheckResult, type CheckRule } from '../../engine';

/** One finding; fields that do not apply to its rule are null (or an empty `missing`). */
export interface CheckFindingJson {
  rule: CheckRule;
  /** Workspace-relative path; null for a finding about a sprint. */
  file: string | null;
  line: number | null;
  column: number | null;
  message: string;
  hint: string;
  /** The ledger id, when known. */
  id: string | null;
  tag: string | null;
  title: string | null;
  /** The sprint, for `budget` findings. */
  sprint: string | null;
  /** The scanner's problem code, for `malformed` findings. */
  code: string | null;
  /** The missing fields, for `required` findings. */
  missing: string[];
  /** In a Jupyter notebook: the cell (from 0) and the place in it; `line` and `column` are the `.ipynb` file's. */
  cell?: CellJson;
}

export interface CheckJson {
  /** The day the budget rule was checked on. */
  today: string;
  /** `--base`, or null when every annotation counts. */
  base: string | null;
  /** Annotations in the workspace, and those the annotation rules looked at. */
  annotations: number;
  considered: number;
  /** The sprints the budget rule looked at (those running today). */
  sprints: string[];
  findings: CheckFindingJson[];
}

export function checkJson(result: CheckResult, today: string): CheckJson {
  return {
    today,
    base: result.base,
    annotations: result.annotations,
    considered: result.considered,
    sprints: [...result.sprints],
    findings: result.findings.map((f) => ({
      rule: f.rule,
      file: f.file,
      line: f.line,
      column: f.column,
      message: f.message,
      hint: f.hint,
      id: f.id ?? null,
      tag: f.tag ?? null,
      title: f.title ?? null,
      sprint: f.sprint ?? null,
      code: f.code ?? null,
      missing: [...(f.missing ?? [])],
      ...cellJson(f.cell),
    })),
  };
}
