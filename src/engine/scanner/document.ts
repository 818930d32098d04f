import type { AnnotationOptions, DocumentScan } from '../model';
import { compileAnnotationOptions, parseAnnotations, type CompiledAnnotationOptions } from './grammar';
import { findComments } from './lexer';
import { languageById, languageForFile, type LanguageSpec } from './languages';

/** Where a document's text comes from: its workspace-relative path and, in the editor, its language id. */
export interface DocumentSource {
  /** Workspace-relative path with `/` separators (or an untitled name). */
  file: string;
  /** VS Code language id; when absent or unknown the language is taken from the file name. */
  languageId?: string;
}

const compiledCache = new WeakMap<AnnotationOptions, CompiledAnnotationOptions>();

/** Prepares options once; pass the result to {@link scanDocument} on hot paths. */
export function prepareAnnotationOptions(options: AnnotationOptions | CompiledAnnotationOptions): CompiledAnnotationOptions {
  if ('mightContainTag' in options) return options;
  let compiled = compiledCache.get(options);
  if (!compiled) {
    compiled = compileAnnotationOptions(options);
    compiledCache.set(options, compiled);
  }
  return compiled;
}

/** The language a document is read as, or undefined when Paydown does not know it. */
export function resolveLanguage(source: DocumentSource): LanguageSpec | undefined {
  return (source.languageId ? languageById(source.languageId) : undefined) ?? languageForFile(source.file);
}

/**
 * The one-document API: the annotations in one text. Fast enough to run on every keystroke;
 * a text without any tag costs one substring search.
 */
export function scanDocument(
  text: string,
  source: DocumentSource,
  options: AnnotationOptions | CompiledAnnotationOptions,
): DocumentScan {
  const compiled = prepareAnnotationOptions(options);
  if (!compiled.mightContainTag(text)) return { items: [], problems: [] };
  const language = resolveLanguage(source);
  if (!language) return { items: [], problems: [] };
  return parseAnnotations(text, findComments(text, language), source.file, compiled);
}
