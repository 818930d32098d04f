/**
 * `paydown scan --format json | ndjson`: the annotations found in comments (not ledger items: a
 * scan reads the code only). `json` is one document of the JSON contract (jsonDocument.ts);
 * `ndjson` is one annotation per line in the same shape, without an envelope, for streaming
 * consumers (`jq -c`, log shippers).
 */
import { cellJson, type CellJson, type DebtItem, type Problem, type ScanResult } from '../../engine';
import { toJsonDocument } from './jsonDocument';

/** A problem in a comment's metadata, or a path the scan could not read. */
export interface ProblemJson {
  file: string;
  range: { start: { line: number; column: number }; end: { line: number; column: number } };
  code: Problem['code'];
  severity: Problem['severity'];
  message: string;
  /** In a Jupyter notebook: the cell (from 0) and the range in it. */
  cell?: { index: number; range: ProblemJson['range'] };
}

/** One annotation as the scan found it. */
export interface AnnotationJson {
  file: string;
  line: number;
  column: number;
  end: { line: number; column: number };
  tag: string;
  title: string;
  body: string;
  owners: string[];
  labels: string[];
  effort: number | null;
  effortSpec: { value: number; unit: 'pt' | 'h' | 'd' } | null;
  impact: DebtItem['impact'];
  sprint: string | null;
  due: string | null;
  outcome: string | null;
  issueRefs: { kind: DebtItem['issueRefs'][number]['kind']; text: string }[];
  id: string | null;
  language: string;
  fingerprint: string;
  problems: ProblemJson[];
  /** In a Jupyter notebook: the cell (from 0) and the tag's place in it. */
  cell?: CellJson;
  /** A directive the document shows, not a comment: `todo` for Sphinx's `.. todo::`. */
  directive?: 'todo';
}

/** `scan`. */
export interface ScanJson {
  items: AnnotationJson[];
  problems: ProblemJson[];
  skipped: { path: string; reason: ScanResult['skipped'][number]['reason'] }[];
  stats: {
    files: number;
    filesRead: number;
    filesFromCache: number;
    skipped: { binary: number; tooLarge: number; minified: number; unreadable: number; unknownLanguage: number; special: number };
    items: number;
    problems: number;
    durationMs: number;
  };
}

export function scanJson(result: ScanResult): ScanJson {
  const { stats } = result;
  return {
    items: result.items.map(annotationJson),
    problems: result.problems.map(problemJson),
    skipped: result.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    stats: {
      files: stats.files,
      filesRead: stats.filesRead,
      filesFromCache: stats.filesFromCache,
      skipped: { ...stats.skipped },
      items: stats.items,
      problems: stats.problems,
      durationMs: stats.durationMs,
    },
  };
}

/** The stable machine form of a scan; its schema is schemas/scan.schema.json. */
export function scanToJson(result: ScanResult): Iterable<string> {
  return toJsonDocument('scan', scanJson(result));
}

/** One annotation per line, no envelope (documented in docs/json.md). */
export function scanToNdjson(result: ScanResult): string {
  return result.items.map((item) => JSON.stringify(annotationJson(item))).join('\n') + (result.items.length ? '\n' : '');
}

function problemJson(p: Problem): ProblemJson {
  return { file: p.file, range: rangeJson(p.range), code: p.code, severity: p.severity, message: p.message, ...(p.cell ? { cell: { index: p.cell.index, range: rangeJson(p.cell.range) } } : {}) };
}

function rangeJson({ start, end }: Problem['range']): ProblemJson['range'] {
  return { start: { line: start.line, column: start.column }, end: { line: end.line, column: end.column } };
}

function annotationJson(item: DebtItem): AnnotationJson {
  return {
    file: item.file,
    line: item.line,
    column: item.column,
    end: { line: item.end.line, column: item.end.column },
    tag: item.tag,
    title: item.title,
    body: item.body,
    owners: [...item.owners],
    labels: [...item.labels],
    effort: item.effort,
    effortSpec: item.effortSpec && { value: item.effortSpec.value, unit: item.effortSpec.unit },
    impact: item.impact,
    sprint: item.sprint,
    due: item.due,
    outcome: item.outcome,
    issueRefs: item.issueRefs.map((r) => ({ kind: r.kind, text: r.text })),
    id: item.id,
    language: item.language,
    fingerprint: item.fingerprint,
    problems: item.problems.map(problemJson),
    ...cellJson(item.cell),
    ...(item.directive ? { directive: item.directive } : {}),
  };
}
