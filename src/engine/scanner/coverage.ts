/**
 * After a scan, what it can say about a file it reported no items for: `read` (read this run,
 * or taken from the cache, which is as good), `gone` (deleted, renamed away, or no longer a
 * regular file), or there but not read, and why. The ledger resolves an item only when its file
 * was read or is gone (docs/ledger.md, "When an item is resolved"); this is how it tells.
 *
 * The scan keeps no set of the paths it read (100k strings on a large tree, for a question
 * asked about a handful of files): it lists only what it skipped (`ScanResult.skipped`), and
 * the rest is worked out here from the rules the walk applies — the folders above the file
 * (pathRules.ts), its ignore rules and globs, its name's language. Each asked file costs a few
 * `lstat`s; each of its folders one read of its ignore files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hasMinifiedName } from './decode';
import { GlobFilter, isIgnored } from './ignoreRules';
import { inheritedIgnoreLevels } from './inheritedRules';
import { PathRules } from './pathRules';
import type { ScanOptions, ScanResult } from './scan';
import { languageMapOf } from './languageMap';
import { LanguageVerdicts } from './walk';

/**
 * Why a file that exists was not read: skipped by the walk (`too-large`, `minified`, `binary`,
 * `unreadable` — itself or a folder above it), never reached (`excluded` by `scan.include` /
 * `scan.exclude`, `ignored` by an ignore file, `not-in-paths` of a partial scan, behind a
 * symbolic `link` the walk does not follow), or of no known language.
 */
export type NotReadReason = 'too-large' | 'minified' | 'binary' | 'unreadable' | 'excluded' | 'ignored' | 'unknown-language' | 'not-in-paths' | 'link';

/** What a scan knows of one file. */
export type FileVerdict = 'read' | 'gone' | NotReadReason;

/** Asks about root-relative files: the verdict of each (every asked file is in the map). */
export type FileCoverage = (files: readonly string[]) => Promise<ReadonlyMap<string, FileVerdict>>;

/** The coverage of a finished scan run with `options`. Verdicts are remembered per file. */
export function scanCoverage(options: Pick<ScanOptions, 'root' | 'paths' | 'include' | 'exclude'> & Partial<Pick<ScanOptions, 'annotations'>>, result: Pick<ScanResult, 'skipped'>): FileCoverage {
  const root = path.resolve(options.root);
  const skipped = new Map<string, NotReadReason | 'gone'>();
  const unreadableFolders: string[] = [];
  for (const s of result.skipped) {
    if (s.reason === 'unreadable-folder') unreadableFolders.push(s.path === '.' ? '' : s.path);
    // A FIFO, socket or device where the file was: no longer a regular file.
    else skipped.set(s.path, s.reason === 'special' ? 'gone' : s.reason);
  }
  const scope = options.paths?.map((p) => path.relative(root, path.resolve(root, p)).split(path.sep).join('/'));
  const globs = new GlobFilter(options.include, options.exclude);
  const languages = new LanguageVerdicts();
  // `scan.languages` maps names the built-in rules do not know: the walk reads those too.
  const mapped = options.annotations ? languageMapOf(options.annotations) : undefined;
  const folders = new Map<string, Promise<Presence>>();
  let rules: Promise<PathRules> | undefined;
  const verdicts = new Map<string, Promise<FileVerdict>>();

  const folder = (rel: string): Promise<Presence> => {
    let p = folders.get(rel);
    if (!p) folders.set(rel, (p = presence(path.join(root, rel), true)));
    return p;
  };

  const verdictOf = async (rel: string): Promise<FileVerdict> => {
    const parts = rel.split('/');
    // Not a path a walk could report: nothing there to read.
    if (rel === '' || path.isAbsolute(rel) || parts.some((p) => p === '' || p === '.' || p === '..')) return 'gone';
    for (let i = 1; i < parts.length; i++) {
      const above = await folder(parts.slice(0, i).join('/'));
      if (above !== 'present') return above;
    }
    const here = await presence(path.join(root, rel), false);
    if (here !== 'present') return here === 'link' ? 'gone' : here;
    const reason = skipped.get(rel);
    if (reason !== undefined) return reason;
    if (unreadableFolders.some((dir) => dir === '' || rel.startsWith(`${dir}/`))) return 'unreadable';
    if (scope && !scope.some((s) => s === '' || rel === s || rel.startsWith(`${s}/`))) return 'not-in-paths';
    rules ??= inheritedIgnoreLevels(root).then((levels) => new PathRules(root, levels, globs));
    const chain = await (await rules).above(rel);
    if (typeof chain === 'string') return chain;
    if (isIgnored(chain, rel, false)) return 'ignored';
    if (!globs.empty && !globs.acceptsFile(rel)) return 'excluded';
    const name = parts[parts.length - 1]!;
    if (!languages.known(name) && (!mapped || mapped.empty || mapped.languageFor(rel) === undefined)) return 'unknown-language';
    if (hasMinifiedName(name)) return 'minified';
    return 'read';
  };

  return async (files) => {
    const out = new Map<string, FileVerdict>();
    for (const file of files) {
      let v = verdicts.get(file);
      if (!v) verdicts.set(file, (v = verdictOf(file)));
      out.set(file, await v);
    }
    return out;
  };
}

/** What is at a path: the expected kind (`present`), nothing of that kind (`gone`), a symbolic link, or no way to tell. */
type Presence = 'present' | 'gone' | 'link' | 'unreadable';

async function presence(abs: string, folder: boolean): Promise<Presence> {
  try {
    const st = await fs.promises.lstat(abs);
    if (st.isSymbolicLink()) return 'link';
    return (folder ? st.isDirectory() : st.isFile()) ? 'present' : 'gone';
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Permission denied (a folder above without search rights), I/O errors: it may well be there.
    return code === 'ENOENT' || code === 'ENOTDIR' ? 'gone' : 'unreadable';
  }
}
