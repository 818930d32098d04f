import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as assert from 'node:assert/strict';
import { DEFAULT_ANNOTATION_OPTIONS, type AnnotationOptions } from '../../../src/engine/model';
import type { DocumentCell } from '../../../src/engine/scanner/cells';
import { scanDocument } from '../../../src/engine/scanner/document';
import type { ScanOptions, ScanResult } from '../../../src/engine/scanner/scan';

/** The fixture folder of a case: `test/fixtures/scan/<name>`. */
export function fixture(name: string): string {
  return path.join(__dirname, '..', '..', 'fixtures', 'scan', name);
}

/**
 * The items of one document as `line:column language TAG title`, each checked to be at its tag in
 * the text (in any case: a directive's `todo` is a `TODO`).
 */
export function itemsAtTheirTags(text: string, file: string, options: AnnotationOptions = DEFAULT_ANNOTATION_OPTIONS): string[] {
  const lines = text.split(/\r?\n/);
  return scanDocument(text, { file }, options).items.map((i) => {
    const tagged = lines[i.line - 1]!.slice(i.column - 1, i.column - 1 + i.tag.length);
    assert.equal(tagged.toUpperCase(), i.tag, `the file has ${i.tag} at ${i.line}:${i.column}`);
    return `${i.line}:${i.column} ${i.language} ${i.tag} ${i.title}`;
  });
}

/**
 * Checks the invariants every file of cells keeps: cells in file order without overlap, each as long
 * as its stretch of the file, with the file's line breaks at the same offsets.
 */
export function assertCellsFollowTheFile(text: string, cells: readonly DocumentCell[]): void {
  let end = 0;
  for (const cell of cells) {
    const start = cell.fileOffset(0);
    const stop = cell.fileOffset(cell.text.length);
    assert.ok(start >= end && stop >= start && stop <= text.length, `[${start}, ${stop}) after ${end} in ${JSON.stringify(text)}`);
    const own = text.slice(start, stop);
    assert.equal(cell.text.length, own.length);
    assert.deepEqual([...cell.text.matchAll(/\r?\n/g)].map((m) => m.index), [...own.matchAll(/\r?\n/g)].map((m) => m.index));
    end = stop;
  }
}

/** Creates a tree in a fresh temp folder; string or Buffer contents, `null` for an empty folder. */
export function makeTree(files: Record<string, string | Buffer | null>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'paydown-scan-'));
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, rel);
    if (content === null) {
      fs.mkdirSync(abs, { recursive: true });
      continue;
    }
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

/** Removes a temp tree (after making everything writable again). */
export function removeTree(root: string): void {
  fs.rmSync(root, { recursive: true, force: true });
}

/**
 * Sets every file and folder's mtime `secondsAgo` in the past. The cache does not trust
 * anything modified in the last seconds (a same-tick edit keeps the mtime), so cache tests
 * age their trees first, as real workspaces are.
 */
export function backdate(root: string, secondsAgo = 3600): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  const visit = (dir: string): void => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, e.name);
      if (e.isDirectory()) visit(abs);
      if (!e.isSymbolicLink()) fs.utimesSync(abs, when, when);
    }
    fs.utimesSync(dir, when, when);
  };
  visit(root);
}

/** Scan options for a tree with the default tags, in-process unless told otherwise. */
export function options(root: string, extra: Partial<ScanOptions> = {}): ScanOptions {
  return { root, annotations: DEFAULT_ANNOTATION_OPTIONS, workers: 0, ...extra };
}

/** What a user sees of a result: item locations and titles, problems, skip counts, the files not read. */
export function summary(result: ScanResult): unknown {
  return {
    items: result.items.map((i) => `${i.file}:${i.line}:${i.column} ${i.tag} ${i.title}`),
    problems: result.problems.map((p) => `${p.file}:${p.range.start.line}:${p.range.start.column} ${p.code}`),
    files: result.stats.files,
    skipped: result.stats.skipped,
    notRead: result.skipped.map((s) => `${s.path} ${s.reason}`),
  };
}

/** Makes a FIFO at `file` (`mkfifo`); false where there is none (the caller skips). */
export function makeFifo(file: string): boolean {
  try {
    execFileSync('mkfifo', [file]);
    return true;
  } catch {
    return false;
  }
}
