/**
 * The contract between the lexer (which knows languages) and the annotation grammar (which
 * knows tags): the lexer finds where comments are, the grammar reads what they say.
 */

/** One comment in a document, as offsets into the document's text. */
export interface CommentSpan {
  /** Offset of the opening marker (`//`, `/*`, `#`, `<!--`, …). */
  start: number;
  /** Offset just past the closing marker (block) or the last character before the line break (line). */
  end: number;
  /** Offset of the first character after the opening marker. */
  contentStart: number;
  /** Offset of the closing marker (block) or `end` (line). */
  contentEnd: number;
  /** True for block comments (`/* … *\/`, `<!-- … -->`, `{- … -}`, `--[[ … ]]`, …). */
  block: boolean;
  /** The opening marker as written, e.g. `//`, `#`, `/*`, `<!--`; empty for prose read as a comment (Cram tests). */
  marker: string;
  /** VS Code language id of the code this comment sits in (differs from the file's in embedded code). */
  language: string;
}

/**
 * Where a reader (the lexer or the grammar) stopped because of a bug in it. What it read before
 * is valid and kept; what follows `offset` in the document was not read.
 */
export interface ReadFailure {
  /** Offset into the document's text where the reader was when it failed. */
  offset: number;
  /** The error, for the message (never shown as a stack). */
  error: unknown;
}
