/** What `paydown check` finds: one finding per broken rule, with where and what to do about it. */
import type { CellPosition } from '../model';

/** The rules `check` enforces, in the order reports list them. */
export const CHECK_RULES = ['untracked', 'required', 'malformed', 'unknown-outcome', 'budget'] as const;
export type CheckRule = (typeof CHECK_RULES)[number];

/** One broken rule. Annotation findings carry a position; budget findings name a sprint instead. */
export interface CheckFinding {
  rule: CheckRule;
  /** Workspace-relative path (`/`), or null for a finding about a sprint. */
  file: string | null;
  /** 1-based; null with `file`. */
  line: number | null;
  column: number | null;
  /** One plain sentence. */
  message: string;
  /** What to do about it, one line. */
  hint: string;
  /** The annotation's tag and title, when the finding is about one. */
  tag?: string;
  title?: string;
  /** The ledger id when known (explicit in the comment or matched), else absent. */
  id?: string;
  /** The sprint, for budget findings. */
  sprint?: string;
  /** The scanner's problem code, for `malformed` findings (`effort-invalid`, …). */
  code?: string;
  /** The missing fields, for `required` findings. */
  missing?: string[];
  /** In a Jupyter notebook: the cell (from 0) and the place in it of `line` and `column`, which are the `.ipynb` file's. */
  cell?: CellPosition;
}

/** Lines added since the base: path → added line numbers, or `all` for a new file. */
export type AddedLines = ReadonlyMap<string, ReadonlySet<number> | 'all'>;

/** What a check found and what it looked at. */
export interface CheckResult {
  findings: CheckFinding[];
  /** Annotations in the workspace. */
  annotations: number;
  /** Annotations the annotation rules looked at: all, or those added since the base. */
  considered: number;
  /** The base ref (`--base`), or null when every annotation counts. */
  base: string | null;
  /** The sprints the budget rule looked at (those running today). */
  sprints: string[];
}
