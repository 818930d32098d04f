/**
 * Tool directives that real code writes before a tag in the same comment:
 *
 * ```
 * // @ts-expect-error FIXME: the types lag behind the API
 * // NOLINT(bugprone-branch-clone): TODO merge the two branches
 * // eslint-disable-next-line no-console -- TODO: use the logger
 * x = 1  # noqa: E501  # TODO: shorten
 * //nolint:errcheck // TODO: handle the error
 * ```
 *
 * A comment line that starts with a directive may hold a tag in three places: right after the
 * directive and its attached arguments (`NOLINT: FIXME`, `@ts-ignore TODO`), after a ` -- `
 * description separator (ESLint, Stylelint, Deno) or a `: ` (Biome's explanation), or after a
 * second comment marker preceded by whitespace (`# noqa: X  # TODO`). Nowhere else: a tag in the middle of prose
 * (`// we should TODO this`) stays prose, as does a directive not in this list.
 */
import { isSpace, isWordChar } from './chars';

/** Directive words, matched case-sensitively at the start of a comment line's content. */
const DIRECTIVES: readonly string[] = [
  // TypeScript, ESLint, Prettier, Stylelint, Biome, Deno, coverage tools
  '@ts-expect-error', '@ts-ignore', '@ts-nocheck', '@ts-check',
  'eslint-disable-next-line', 'eslint-disable-line', 'eslint-disable', 'eslint-enable', 'eslint',
  'prettier-ignore', 'stylelint-disable-next-line', 'stylelint-disable-line', 'stylelint-disable', 'stylelint-enable',
  'biome-ignore', 'biome-ignore-all', 'deno-lint-ignore', 'deno-lint-ignore-file', 'deno-fmt-ignore', 'deno-fmt-ignore-file',
  'istanbul', 'c8', 'v8', 'jshint', 'tslint:',
  // C, C++, Go, Rust-adjacent linters
  'NOLINTNEXTLINE', 'NOLINTBEGIN', 'NOLINTEND', 'NOLINT', 'nolint', 'nolint:', 'lint:ignore', 'clang-format', 'cppcheck-suppress',
  'coverity', 'NOSONAR', 'lgtm', 'codeql',
  // Python
  'noqa', 'noqa:', 'type:', 'pyright:', 'mypy:', 'pylint:', 'ruff:', 'fmt:', 'isort:', 'yapf:', 'flake8:', 'pragma:', 'nosec', 'pytype:',
  // Ruby, shell, PHP, Swift, YAML, spelling
  'rubocop:disable', 'rubocop:enable', 'rubocop:todo', 'shellcheck', 'phpcs:ignore', 'phpcs:disable', '@phpstan-ignore', '@phpstan-ignore-next-line',
  '@phpstan-ignore-line', '@psalm-suppress', 'swiftlint:disable', 'swiftlint:enable', 'yamllint', 'cspell:', 'spell-checker:', 'markdownlint-disable',
  'markdownlint-disable-next-line',
];

/** Directives by their first two characters (ASCII, `first * 128 + second`), longest first. */
const byFirstTwo: (string[] | undefined)[] = new Array<string[] | undefined>(128 * 128);
const firstChars = new Uint8Array(128);
for (const word of [...DIRECTIVES].sort((a, b) => b.length - a.length)) {
  (byFirstTwo[word.charCodeAt(0) * 128 + word.charCodeAt(1)] ??= []).push(word);
  firstChars[word.charCodeAt(0)] = 1;
}

/** False when no directive begins with the character `c`: one array read on the hot path. */
export function canStartDirective(c: number): boolean {
  return c < 128 && firstChars[c] === 1;
}

/** The offset just past the directive word at `pos`, or -1 when the line does not start with one. */
export function directiveAt(text: string, pos: number, end: number): number {
  const c0 = text.charCodeAt(pos);
  const c1 = text.charCodeAt(pos + 1);
  // Prose fails here, on its first two letters (`the`, `this`, `check`), with one array read.
  const candidates = c0 < 128 && c1 < 128 ? byFirstTwo[c0 * 128 + c1] : undefined;
  if (candidates === undefined) return -1;
  for (const word of candidates) {
    const after = pos + word.length;
    if (after > end || !text.startsWith(word, pos)) continue;
    // A whole word: `eslint-disable` is not `eslintrc`; `noqa:E501` and `nolint:errcheck` are fine.
    if (after === end || word.endsWith(':') || !isWordChar(text.charCodeAt(after))) return after;
  }
  return -1;
}

/** What {@link tagAfterDirective} needs of the tag table: one line's tag tests. */
export interface TagFinder {
  /** False when no tag begins with `c`. */
  canStartTag(c: number): boolean;
  /** Whether a tag begins at `pos` of a line ending at `end` (remembering which). */
  tagAt(pos: number, end: number): boolean;
}

/**
 * Where the directive line `[after, end)` (after its directive word) holds a tag, or -1: right
 * after the directive and what is attached to it (`NOLINT(x): `, `noqa:E501 `, `@ts-ignore `),
 * or after a ` - ` there; after ` -- `, after `: `, or after a second comment `marker` (`  # `, ` //`). One pass that
 * stops only at characters a tag can start with, and no allocation.
 */
export function tagAfterDirective(text: string, after: number, end: number, marker: string | undefined, tags: TagFinder): number {
  // What is attached to the directive: `(…)`, `[…]`, `:x`, `=y`, up to the first space outside brackets.
  let p = after;
  while (p < end && !isSpace(text.charCodeAt(p))) {
    const c = text.charCodeAt(p);
    const close = c === 40 ? ')' : c === 91 ? ']' : '';
    if (close !== '') {
      const found = text.indexOf(close, p + 1);
      p = found !== -1 && found < end ? found + 1 : end;
    } else p++;
  }
  const first = skipSpaces(text, p, end);
  if (first < end && tags.canStartTag(text.charCodeAt(first)) && tags.tagAt(first, end)) return first;
  // `@ts-expect-error - TODO …`: a dash between the directive and its description.
  if (text.charCodeAt(first) === 45 /* - */ && isSpace(text.charCodeAt(first + 1))) {
    const described = skipSpaces(text, first + 1, end);
    if (described < end && tags.canStartTag(text.charCodeAt(described)) && tags.tagAt(described, end)) return described;
  }
  const m = marker ?? '';
  for (let i = first + 1; i < end; i++) {
    if (!tags.canStartTag(text.charCodeAt(i))) continue;
    // What stands before it and its spaces: ` -- `, `: `, or a second marker (`  # `, ` //`, ` ##`).
    const spaced = isSpace(text.charCodeAt(i - 1));
    let k = i - 1;
    while (k > after && isSpace(text.charCodeAt(k))) k--;
    const c = text.charCodeAt(k);
    let place = spaced && (c === 58 /* : */ || (c === 45 && text.charCodeAt(k - 1) === 45 && isSpace(text.charCodeAt(k - 2))));
    if (!place && m !== '') {
      let r = k;
      while (r >= after && m.indexOf(text.charAt(r)) !== -1) r--;
      place = k - r >= m.length && r >= after - 1 && isSpace(text.charCodeAt(r));
    }
    if (place && tags.tagAt(i, end)) return i;
  }
  return -1;
}

function skipSpaces(text: string, at: number, end: number): number {
  let p = at;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  return p;
}
