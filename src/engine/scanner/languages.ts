// STUB — replaced by the languages/lexer work. Keep the exported names.
/** How one language writes comments and strings; the lexer is driven by this data. */
export interface LanguageSpec {
  /** VS Code language id. */
  id: string;
}
/** The language of a workspace-relative path, by file name then extension; undefined when unknown. */
export function languageForFile(_file: string): LanguageSpec | undefined {
  return undefined;
}
/** The language for a VS Code language id; undefined when unknown. */
export function languageById(_id: string): LanguageSpec | undefined {
  return undefined;
}
