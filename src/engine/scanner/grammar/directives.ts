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
 * description separator (ESLint, Stylelint, Deno) or the first `: ` (Biome's explanation), or
 * after a second comment marker preceded by whitespace (`# noqa: X  # TODO`). Nowhere else: a tag in the middle of prose
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
  'istanbul', 'c8', 'v8', 'jshint', 'tslint:', 'global', 'globals',
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

const byFirst: (string[] | undefined)[] = new Array<string[] | undefined>(128);
for (const word of [...DIRECTIVES].sort((a, b) => b.length - a.length)) (byFirst[word.charCodeAt(0)] ??= []).push(word);

/** False when no directive begins with the character `c`: one array read on the hot path. */
export function canStartDirective(c: number): boolean {
  return c < 128 && byFirst[c] !== undefined;
}

/** The offset just past the directive word at `pos`, or -1 when the line does not start with one. */
export function directiveAt(text: string, pos: number, end: number): number {
  const candidates = byFirst[text.charCodeAt(pos)];
  if (candidates === undefined) return -1;
  for (const word of candidates) {
    const after = pos + word.length;
    if (after > end || !text.startsWith(word, pos)) continue;
    // A whole word: `eslint-disable` is not `eslintrc`; `noqa:E501` and `nolint:errcheck` are fine.
    if (after === end || word.endsWith(':') || !isWordChar(text.charCodeAt(after))) return after;
  }
  return -1;
}

/**
 * Where a tag may stand in a directive line `[pos, end)` whose directive ends at `after`: the
 * offsets to try, in order. `marker` is the comment's marker (`#`, `//`), for a second comment.
 */
export function tagPlacesAfterDirective(text: string, after: number, end: number, marker: string | undefined): number[] {
  const places: number[] = [];
  // Right after the directive and what is attached to it: `NOLINT(x): `, `noqa:E501 `, `@ts-ignore `.
  let p = after;
  while (p < end && !isSpace(text.charCodeAt(p))) {
    const c = text.charCodeAt(p);
    const close = c === 40 ? 41 : c === 91 ? 93 : -1; // ( )  [ ]
    if (close !== -1) {
      const found = text.indexOf(String.fromCharCode(close), p + 1);
      p = found !== -1 && found < end ? found + 1 : end;
    } else p++;
  }
  places.push(skipSpaces(text, p, end));
  // ` -- description` (ESLint, Stylelint, Deno) and `category: explanation` (Biome).
  const dashes = text.indexOf(' -- ', after - 1);
  if (dashes !== -1 && dashes < end) places.push(skipSpaces(text, dashes + 4, end));
  const colon = text.indexOf(': ', p);
  if (colon !== -1 && colon < end) places.push(skipSpaces(text, colon + 2, end));
  // A second comment: `# noqa: X  # TODO`, `//nolint:errcheck // TODO`.
  const m = marker ?? '';
  if (m !== '') {
    for (let i = text.indexOf(m, after); i !== -1 && i < end; i = text.indexOf(m, i + 1)) {
      if (!isSpace(text.charCodeAt(i - 1))) continue;
      let q = i + m.length;
      while (q < end && text.charCodeAt(q) === m.charCodeAt(0)) q++;
      places.push(skipSpaces(text, q, end));
      break;
    }
  }
  return places;
}

function skipSpaces(text: string, at: number, end: number): number {
  let p = at;
  while (p < end && isSpace(text.charCodeAt(p))) p++;
  return p;
}
