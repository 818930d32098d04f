/**
 * `scan.languages`: the workspace's own mapping of globs to language ids, for custom formats
 * (`{ "**\/*.tmpl": "html", "tools/*.in": "python" }`). It is checked before anything else the
 * file says (VS Code's language, the name, the `#!` line, the extension); the first glob that
 * matches wins. A glob without a `/` matches file names anywhere (`*.test` = `**\/*.test`).
 * Validated when the config is read (config.ts), so every id here is one Paydown reads.
 */
import { Minimatch } from 'minimatch';
import type { AnnotationOptions } from '../model';
import { languageById, type LanguageSpec } from './languages';

/** The compiled `scan.languages` of one set of options. */
export class LanguageMap {
  private readonly entries: ReadonlyArray<readonly [Minimatch, LanguageSpec]>;

  constructor(globs: Readonly<Record<string, string>> | undefined) {
    const entries: Array<[Minimatch, LanguageSpec]> = [];
    for (const [glob, id] of Object.entries(globs ?? {})) {
      const language = typeof id === 'string' ? languageById(id) : undefined;
      if (language && typeof glob === 'string' && glob !== '') entries.push([new Minimatch(glob.replace(/^\.\//, ''), { dot: true, matchBase: true }), language]);
    }
    this.entries = entries;
  }

  /** True when nothing is mapped: callers skip the per-file glob matching. */
  get empty(): boolean {
    return this.entries.length === 0;
  }

  /** The language `scan.languages` gives the workspace-relative path `file`, or undefined. */
  languageFor(file: string): LanguageSpec | undefined {
    for (const [glob, language] of this.entries) if (glob.match(file)) return language;
    return undefined;
  }
}

const maps = new WeakMap<AnnotationOptions, LanguageMap>();

/** The language map of `options` (`options.languages`), compiled once per options object. */
export function languageMapOf(options: AnnotationOptions): LanguageMap {
  let map = maps.get(options);
  if (!map) {
    map = new LanguageMap(options?.languages);
    maps.set(options, map);
  }
  return map;
}
