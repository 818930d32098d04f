/**
 * The engine's data model: what a scan finds and how it is described.
 *
 * Positions are 1-based (line and column, as compilers print `file:line:col`); columns count
 * UTF-16 code units, like JavaScript strings and VS Code. End positions are exclusive.
 */

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** A place in a file of cells (a notebook): the cell, from 0, and the 1-based line and column in it. */
export interface CellPosition {
  index: number;
  line: number;
  column: number;
}

/** A range in a file; `end` is exclusive. */
export interface SourceRange {
  start: Position;
  end: Position;
}

/** A range in one cell of a file of cells (a notebook): the cell, from 0, and the range in its text. */
export interface CellRange {
  index: number;
  range: SourceRange;
}

/** How much an item hurts, lowest first. */
export const IMPACTS = ['low', 'medium', 'high', 'critical'] as const;
export type Impact = (typeof IMPACTS)[number];

/** The unit an effort was written in: story points, hours or days. */
export type EffortUnit = 'pt' | 'h' | 'd';

/** What a problem is about; stable strings that tests and the editor's quick fixes key on. */
export type ProblemCode =
  | 'effort-invalid'
  | 'impact-invalid'
  | 'due-invalid'
  | 'sprint-empty'
  | 'outcome-empty'
  | 'owner-empty'
  | 'paren-unclosed'
  | 'id-invalid'
  | 'duplicate-key'
  | 'file-unreadable'
  | 'file-too-large'
  | 'file-special'
  | 'path-unreadable'
  /** Paydown's own reader failed (a bug): the file's annotations after the problem's position were not read. */
  | 'internal-error';

export type Severity = 'error' | 'warning' | 'info';

/** Something wrong with an annotation or a file. Never fatal: the item is kept. */
export interface Problem {
  /** Workspace-relative path with `/` separators. */
  file: string;
  range: SourceRange;
  code: ProblemCode;
  severity: Severity;
  message: string;
  /** In a Jupyter notebook: the cell and the range in it, where `range` is in the `.ipynb` file. */
  cell?: CellRange;
}

/** A reference to a ticket in an issue tracker, as written in the comment. */
export interface IssueRef {
  /**
   * `number`: `#123`, or a bare number in the list after the tag (`TODO(59983)`); `github`:
   * `GH-123` or another repository's `owner/repo#123`; `key`: `PROJ-123`; `url`: a tracker URL.
   */
  kind: 'number' | 'github' | 'key' | 'url';
  /** The reference exactly as written. */
  text: string;
}

/** The effort as written in the comment, before conversion to points. */
export interface EffortSpec {
  value: number;
  unit: EffortUnit;
}

/** One annotation found in code: a piece of debt. */
export interface DebtItem {
  /** Workspace-relative path with `/` separators. */
  file: string;
  /** 1-based line of the tag. */
  line: number;
  /** 1-based column of the tag. */
  column: number;
  /** Where the annotation ends (its last title or body line), exclusive. */
  end: Position;
  /** The tag as configured (canonical spelling, e.g. `TODO`), even when matched case-insensitively. */
  tag: string;
  title: string;
  /** Body lines joined with `\n`, tokens removed; empty when there is none. */
  body: string;
  owners: string[];
  labels: string[];
  /** Effort in story points (converted from hours or days by config), or null when not given. */
  effort: number | null;
  /** The effort as written, or null. */
  effortSpec: EffortSpec | null;
  /** From `impact:`, else the tag's default impact, else null. */
  impact: Impact | null;
  sprint: string | null;
  /** `YYYY-MM-DD`. */
  due: string | null;
  outcome: string | null;
  issueRefs: IssueRef[];
  /** An explicit ledger id written in the comment (`DEBT(PD-7Q2K)`), or null. */
  id: string | null;
  /** VS Code language id of the code the comment sits in (`typescript`, `python`, …). */
  language: string;
  /** Hash of the tag and normalised title: survives moves and whitespace changes. */
  fingerprint: string;
  /** Malformed metadata found in this annotation. */
  problems: Problem[];
  /**
   * In a Jupyter notebook: the cell (from 0, every kind counted, as the notebook editor counts)
   * and the tag's 1-based line and column in it, where `line` and `column` are in the `.ipynb` file.
   */
  cell?: CellPosition;
  /**
   * The annotation is a todo the document shows, not a comment: `todo` for Sphinx's todo
   * directive (`.. todo::` in reStructuredText, ```` ```{todo} ```` in MyST Markdown), LaTeX's
   * `\todo{…}` command (todonotes), an Org todo headline (`* TODO …`), and a doc comment's
   * `@todo`/`\todo` tag (JSDoc, PHPDoc, Doxygen), which the generated docs list, and a placeholder for
   * unfinished code (Rust's `todo!()`, Kotlin's `TODO()`, Scala's `???`, Elm's `Debug.todo`, Gleam's
   * `todo`). No ticket reference is written into it (the directive, command, keyword, tag or code
   * would break); the ledger keeps the link.
   */
  directive?: 'todo';
}

/** A tag the scanner looks for. */
export interface TagDefinition {
  /** The tag word, e.g. `TODO`. */
  name: string;
  /** The impact an item with this tag gets when its comment does not say. */
  impact?: Impact;
}

/** Options that shape how annotations are recognised and parsed. */
export interface AnnotationOptions {
  tags: TagDefinition[];
  /** When false, `todo` and `Todo` count as `TODO`. Default true. */
  caseSensitive: boolean;
  /** Conversion of `2h` / `3d` efforts to points. */
  hoursPerPoint: number;
  hoursPerDay: number;
  /**
   * The config's `scan.languages`: language ids by glob, for files whose name, `#!` line or
   * extension says nothing or the wrong thing. Kept with these options because every reader of a
   * document (scan, editor, watcher) needs it, and it is part of the scan cache's key.
   */
  languages?: Readonly<Record<string, string>>;
  /**
   * The config's `scan.placeholders`: when false, the placeholders languages give unfinished code
   * (Rust's `todo!()`, Kotlin's `TODO()`, Scala's `???`, Elm's `Debug.todo`, Gleam's `todo`) are
   * not `TODO` items. Default true.
   */
  placeholders?: boolean;
}

/** The tags Paydown looks for out of the box. */
export const DEFAULT_TAGS: readonly TagDefinition[] = [
  { name: 'TODO', impact: 'low' },
  { name: 'FIXME', impact: 'medium' },
  { name: 'HACK', impact: 'medium' },
  { name: 'XXX', impact: 'medium' },
  { name: 'DEBT', impact: 'medium' },
];

export const DEFAULT_ANNOTATION_OPTIONS: AnnotationOptions = {
  tags: [...DEFAULT_TAGS],
  caseSensitive: true,
  hoursPerPoint: 4,
  hoursPerDay: 8,
};

/** The result of parsing one document. */
export interface DocumentScan {
  items: DebtItem[];
  /**
   * All problems of the document: the items' problems, flattened, then an `internal-error`
   * problem when a bug stopped the reading (the items before it are kept).
   */
  problems: Problem[];
}

/** An owner as written, without a leading `@` (`@alice` and `alice` are one person). */
export function ownerName(owner: string): string {
  return owner.charCodeAt(0) === 64 /* @ */ ? owner.slice(1) : owner;
}

/** What tells owners apart: handles compare in any case on GitHub, GitLab and the other trackers (`rFindley` is `rfindley`). */
export function ownerKey(owner: string): string {
  return ownerName(owner).toLowerCase();
}
