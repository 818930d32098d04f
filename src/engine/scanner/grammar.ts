// STUB — replaced by the grammar work. Keep the exported names.
import type { AnnotationOptions, DocumentScan } from '../model';
import type { CommentSpan } from './comments';
/** Annotation options prepared once for fast matching (tag lookup, prefilter needles). */
export interface CompiledAnnotationOptions {
  readonly options: AnnotationOptions;
  /** Cheap test on raw text: false means the text surely holds no tag. */
  mightContainTag(text: string): boolean;
  /** The same test on raw bytes, before any decoding. */
  mightContainTagBytes(bytes: Uint8Array, length: number): boolean;
}
export function compileAnnotationOptions(options: AnnotationOptions): CompiledAnnotationOptions {
  return { options, mightContainTag: () => false, mightContainTagBytes: () => false };
}
/** Reads the annotations in `comments` of `text`. `file` and `language` are copied onto items. */
export function parseAnnotations(_text: string, _comments: readonly CommentSpan[], _file: string, _options: CompiledAnnotationOptions): DocumentScan {
  return { items: [], problems: [] };
}
