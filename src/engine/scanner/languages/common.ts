/** Building blocks shared by many language rows. */
import type { BlockCommentSpec, LineCommentSpec, StringForm } from '../languages';

export const SLASH: readonly LineCommentSpec[] = [{ marker: '//' }];
export const HASH: readonly LineCommentSpec[] = [{ marker: '#' }];
export const DASHES: readonly LineCommentSpec[] = [{ marker: '--' }];
export const SEMICOLON: readonly LineCommentSpec[] = [{ marker: ';' }];
export const PERCENT: readonly LineCommentSpec[] = [{ marker: '%' }];
export const HASH_AT_LINE_START: readonly LineCommentSpec[] = [{ marker: '#', at: 'lineStart' }];
export const C_BLOCK: readonly BlockCommentSpec[] = [{ open: '/*', close: '*/' }];
export const C_BLOCK_NESTED: readonly BlockCommentSpec[] = [{ open: '/*', close: '*/', nests: true }];
export const HTML_BLOCK: readonly BlockCommentSpec[] = [{ open: '<!--', close: '-->' }];
/** A line that opens a MyST directive: indentation, three or more backticks or colons, `{name}`. */
export const MYST_DIRECTIVE_LINE = /^[ \t]*(?:`{3,}|:{3,})[ \t]*\{[A-Za-z][\w.:+-]*\}/m;
// Go templates' comments (Helm charts, Hugo layouts): `{{/* … */}}` and `{{- /* … */ -}}`; the
// `}}` after the comment is the action's end.
export const GO_TEMPLATE_BLOCK: readonly BlockCommentSpec[] = [
  { open: '{{/*', close: '*/' },
  { open: '{{- /*', close: '*/' },
];
/** Haskell-family `{- … -}`, nesting. */
export const BRACE_DASH_NESTED: readonly BlockCommentSpec[] = [{ open: '{-', close: '-}', nests: true }];
/** ML-family `(* … *)`, nesting. */
export const PAREN_STAR_NESTED: readonly BlockCommentSpec[] = [{ open: '(*', close: '*)', nests: true }];
/** Lisp-family `#| … |#`, nesting. */
export const HASH_BAR_NESTED: readonly BlockCommentSpec[] = [{ open: '#|', close: '|#', nests: true }];

export const DQ: StringForm = { open: '"' };
export const SQ: StringForm = { open: "'" };
export const DQ_ML: StringForm = { open: '"', multiline: true };
export const SQ_ML: StringForm = { open: "'", multiline: true };
/** `"…"` where `""` is a quote and `\` is a plain character (SQL, BASIC, Pascal, Ada). */
export const DQ_DOUBLED: StringForm = { open: '"', escape: '', doubled: true };
export const SQ_DOUBLED: StringForm = { open: "'", escape: '', doubled: true };
export const CHAR: StringForm = { open: "'", kind: 'char' };
export const TRIPLE_DQ: StringForm = { open: '"""', multiline: true };
export const TRIPLE_SQ: StringForm = { open: "'''", multiline: true };
export const JS_STRINGS: readonly StringForm[] = [DQ, SQ, { open: '`', multiline: true, interpolation: '${' }, { open: '/', kind: 'regex' }];
