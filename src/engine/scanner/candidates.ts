/**
 * Parsing the walkers' tag candidates (`WalkConfig.deferParse`) on the calling thread, in an order
 * that keeps the lexer's compiled code stable: small files as they come (their bytes came with
 * them), large ones (walk.ts `LARGE_CANDIDATE`) once the walk is over, smallest first, each read
 * again from the page cache.
 *
 * Why the order matters: V8 compiles the lexer for the paths it has seen run. Every new path
 * (another language, string form, comment shape) in optimized code throws the code away, and the
 * rest of the file runs unoptimized until it is compiled again. Small files of many languages
 * first teach the lexer every path while a mistake is cheap; the large files, most of the bytes,
 * then run on code that no longer changes. On the real bench corpus (2,400 candidates, 68 MB)
 * this order costs 1.1 s of CPU instead of 1.7 s in arrival order (scanCode compiled 4 times
 * instead of 18). Items do not depend on the order: the scan sorts them.
 */
import type { DocumentScan } from '../model';
import { scanDocument } from './document';
import type { CompiledAnnotationOptions } from './grammar';
import { decodeText } from './decode';
import { CandidateReader, type Candidate, type Candidates, type WalkIo } from './walk';

/** Reads and parses candidates; `onParsed` gets each file's result. */
export class CandidateParser {
  private readonly reader: CandidateReader;
  private readonly large: Candidate[] = [];

  constructor(
    /** The root as files are opened (`WalkConfig.openRoot`). */
    openRoot: string,
    private readonly compiled: CompiledAnnotationOptions,
    maxFileSize: number,
    io: WalkIo | undefined,
    private readonly onParsed: (file: string, doc: DocumentScan) => void,
  ) {
    this.reader = new CandidateReader(openRoot, compiled, maxFileSize, io);
  }

  /** Parses the small candidates of a batch now (smallest first) and keeps the large ones. */
  add(candidates: Candidates): void {
    const small: Candidate[] = [];
    for (const candidate of candidates.list) (candidate.start < 0 ? this.large : small).push(candidate);
    if (small.length === 0 || !candidates.bytes) return;
    const bytes = Buffer.from(candidates.bytes.buffer, candidates.bytes.byteOffset, candidates.bytes.length);
    small.sort((a, b) => a.size - b.size);
    for (const { file, size, encoding, start } of small) {
      this.onParsed(file, detachedFromText(scanDocument(decodeText(bytes.subarray(start, start + size), size, encoding), { file }, this.compiled)));
    }
  }

  /** Parses the kept candidates, smallest first: the walk is over. */
  finish(): void {
    const large = this.large.splice(0).sort((a, b) => a.size - b.size);
    for (const candidate of large) {
      const text = this.reader.text(candidate);
      if (text !== undefined) this.onParsed(candidate.file, detachedFromText(scanDocument(text, { file: candidate.file }, this.compiled)));
    }
  }
}

/**
 * A copy of `scan` that holds none of the text's memory. V8 makes a substring of more than a few
 * characters a view into its parent, so an item's issue reference or title could keep a 1 MB
 * file's text alive until the scan ends: on the real bench corpus those texts were ~25 MB of the
 * first scan's peak. Only the few documents with items or problems are copied (shared objects
 * stay shared).
 */
function detachedFromText(scan: DocumentScan): DocumentScan {
  return scan.items.length === 0 && scan.problems.length === 0 ? scan : structuredClone(scan);
}
