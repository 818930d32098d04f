/**
 * Edits `.paydown/config.jsonc` as text, so the comments and the layout a team wrote stay where
 * they were: each changed key is one jsonc-parser `modify` edit. The result is parsed with
 * `parseConfig` before it is returned, so a caller never writes a config Paydown would refuse.
 */
import { applyEdits, modify, parse as parseJsonc, type FormattingOptions } from 'jsonc-parser';
import { CONFIG_FILE, parseConfig } from './config';

/** What an import may change in the config; a key left out is left as it is. */
export interface ConfigPatch {
  /** Replaces `tags` (an existing `{ "name", "impact" }` entry of a kept tag stays as written). */
  tags?: string[];
  /** Sets `caseSensitive`. */
  caseSensitive?: boolean;
  /** Added to `scan.include` (globs already there are kept, none twice). */
  include?: string[];
  /** Added to `scan.exclude` (globs already there are kept, none twice). */
  exclude?: string[];
}

/** The text a config written from nothing starts as. */
const NEW_CONFIG = `// Paydown's configuration (schema: schemas/config.schema.json; README, "Configuration").
{
}
`;

/**
 * `text` (the current config, or undefined when there is none) with `patch` applied. Returns the
 * text unchanged when the patch changes nothing. Throws the `config-invalid` PaydownError of
 * `parseConfig` when the result is not a valid config (an invalid config stays as it is).
 */
export function applyConfigPatch(text: string | undefined, patch: ConfigPatch): string {
  const before = text ?? NEW_CONFIG;
  const raw = parseJsonc(before, [], { allowTrailingComma: true }) as unknown;
  const root: Record<string, unknown> = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const scan = isObject(root.scan) ? root.scan : {};
  const formatting = formattingOf(before);
  let out = before;
  const set = (path: (string | number)[], value: unknown): void => {
    out = applyEdits(out, modify(out, path, value, { formattingOptions: formatting }));
  };

  if (patch.tags !== undefined && patch.tags.length > 0) {
    const existing = Array.isArray(root.tags) ? root.tags : [];
    const tags = patch.tags.map((name) => existing.find((t) => isObject(t) && t.name === name) ?? name);
    if (JSON.stringify(tags) !== JSON.stringify(root.tags)) set(['tags'], tags);
  }
  if (patch.caseSensitive !== undefined && root.caseSensitive !== patch.caseSensitive) set(['caseSensitive'], patch.caseSensitive);
  for (const key of ['include', 'exclude'] as const) {
    const added = patch[key];
    if (!added || added.length === 0) continue;
    const current = Array.isArray(scan[key]) ? (scan[key] as unknown[]) : [];
    const merged = [...current, ...added.filter((g) => !current.includes(g))].filter((g, i, all) => all.indexOf(g) === i);
    if (merged.length !== current.length) set(['scan', key], merged);
  }
  if (out === before) return text ?? before;
  parseConfig(out, CONFIG_FILE);
  return out;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The indentation the file already uses (two spaces when it says nothing), and its line ending. */
function formattingOf(text: string): FormattingOptions {
  const indent = /^([ \t]+)"/m.exec(text)?.[1];
  return {
    insertSpaces: !indent?.startsWith('\t'),
    tabSize: indent && !indent.startsWith('\t') ? indent.length : 2,
    eol: text.includes('\r\n') ? '\r\n' : '\n',
  };
}
