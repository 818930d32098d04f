/**
 * Test helpers for the grammar: a tiny comment finder (line markers and `/* *\/` blocks, no
 * strings) so grammar tests do not depend on the real lexer, and a one-call parse.
 */
import type { CommentSpan } from '../../../src/engine/scanner/comments';
import { compileAnnotationOptions, parseAnnotations, type CompiledAnnotationOptions } from '../../../src/engine/scanner/grammar';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions, type DebtItem, type DocumentScan } from '../../../src/engine/model';

export interface SpanOptions {
  /** Line comment markers, longest first is not needed. Default `//` and `#`. */
  lineMarkers?: string[];
  /** Block comment delimiters. Default `/*` … `*\/`. */
  blocks?: [string, string][];
  language?: string;
}

/** Finds comments the simple way: a line marker runs to the end of the line, a block to its closer. */
export function findTestComments(text: string, options: SpanOptions = {}): CommentSpan[] {
  const lineMarkers = [...(options.lineMarkers ?? ['//', '#'])].sort((a, b) => b.length - a.length);
  const blocks = options.blocks ?? [['/*', '*/']];
  const language = options.language ?? 'typescript';
  const spans: CommentSpan[] = [];
  let i = 0;
  outer: while (i < text.length) {
    for (const [open, close] of blocks) {
      if (text.startsWith(open, i)) {
        const closeAt = text.indexOf(close, i + open.length);
        const contentEnd = closeAt === -1 ? text.length : closeAt;
        const end = closeAt === -1 ? text.length : closeAt + close.length;
        spans.push({ start: i, end, contentStart: i + open.length, contentEnd, block: true, marker: open, language });
        i = end;
        continue outer;
      }
    }
    for (const marker of lineMarkers) {
      if (text.startsWith(marker, i)) {
        let end = i;
        while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
        spans.push({ start: i, end, contentStart: i + marker.length, contentEnd: end, block: false, marker, language });
        i = end;
        continue outer;
      }
    }
    i++;
  }
  return spans;
}

/** Options with overrides, compiled. */
export function compiled(overrides: Partial<AnnotationOptions> = {}): CompiledAnnotationOptions {
  return compileAnnotationOptions({ ...DEFAULT_ANNOTATION_OPTIONS, ...overrides });
}

/** Parses `text` with the test comment finder. */
export function parse(text: string, overrides: Partial<AnnotationOptions> = {}, spanOptions: SpanOptions = {}): DocumentScan {
  return parseAnnotations(text, findTestComments(text, spanOptions), 'src/example.ts', compiled(overrides));
}

/** Parses `text` and returns its only item, failing when there is not exactly one. */
export function only(text: string, overrides: Partial<AnnotationOptions> = {}, spanOptions: SpanOptions = {}): DebtItem {
  const { items } = parse(text, overrides, spanOptions);
  if (items.length !== 1) throw new Error(`expected one item, got ${items.length}: ${JSON.stringify(items.map((i) => i.title))}`);
  return items[0]!;
}

/** `line:column-line:column` of a problem or item range, for compact assertions. */
export function at(range: { start: { line: number; column: number }; end: { line: number; column: number } }): string {
  return `${range.start.line}:${range.start.column}-${range.end.line}:${range.end.column}`;
}

/** A 2,000-line TypeScript file: every tenth line a comment (200), every tenth comment an annotation (20). */
export function syntheticFile(): string {
  const lines: string[] = [];
  for (let i = 0; i < 2000; i++) {
    const k = i / 10;
    if (i % 10 !== 0) lines.push(`  const value${i} = compute(rows[${i}], options) + offset;`);
    else if (k % 20 === 0) lines.push(`  // TODO(bob): replace the retry loop number ${k} effort:2 impact:high #payments GH-${k}`);
    else if (k % 10 === 0) lines.push(`  /* FIXME: merge is O(n^2) in batch ${k}, fine under 1k rows @alice */`);
    else if (k % 4 === 0) lines.push(`  // The running total for row ${k}; see the TODO list in README.`);
    else if (k % 4 === 1) lines.push(`  /* Returns the sum of ${k} values. */`);
    else lines.push(`  const total${i} = sum(rows); // running total for row ${k}`);
  }
  return lines.join('\n');
}
