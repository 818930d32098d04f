/**
 * Which lines are new since a base revision: `git diff --unified=0` from the merge base of the
 * base and HEAD to the work tree, plus untracked files. `check --base` counts only annotations
 * whose tag line is new, so legacy debt never fails a pull request.
 */
import { PaydownError } from '../errors';
import type { GitClient } from '../ports';
import type { AddedLines } from './model';

/**
 * Added lines per file from `git diff --unified=0` output (paths as git prints them after
 * `b/`). A file created in the diff counts as wholly added; deleted files are left out.
 */
export function parseAddedLines(diff: string): Map<string, Set<number> | 'all'> {
  const added = new Map<string, Set<number> | 'all'>();
  let file: string | null = null;
  let created = false;
  for (const line of diff.split('\n')) {
    if (line.startsWith('diff --git ')) {
      file = null;
      created = false;
    } else if (line.startsWith('new file mode')) {
      created = true;
    } else if (line.startsWith('+++ ')) {
      const target = line.slice(4).replace(/\r$/, '');
      file = target === '/dev/null' ? null : stripPrefix(unquote(target));
      if (file !== null && created) added.set(file, 'all');
    } else if (file !== null && line.startsWith('@@')) {
      const match = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
      if (!match || added.get(file) === 'all') continue;
      const start = Number(match[1]);
      const count = match[2] === undefined ? 1 : Number(match[2]);
      if (count === 0) continue;
      let lines = added.get(file) as Set<number> | undefined;
      if (!lines) added.set(file, (lines = new Set()));
      for (let n = start; n < start + count; n++) lines.add(n);
    }
  }
  return added;
}

/** Git's C-style quoting of unusual path names (`"a\tb.ts"`, octal escapes for bytes). */
function unquote(text: string): string {
  if (!text.startsWith('"') || !text.endsWith('"')) return text;
  const body = text.slice(1, -1);
  const bytes: number[] = [];
  const simple: Record<string, number> = { n: 10, t: 9, r: 13, '"': 34, '\\': 92, a: 7, b: 8, f: 12, v: 11 };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = body[i + 1] ?? '';
    if (/[0-7]/.test(next)) {
      bytes.push(parseInt(body.slice(i + 1, i + 4), 8));
      i += 3;
    } else {
      bytes.push(simple[next] ?? next.charCodeAt(0));
      i += 1;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function stripPrefix(target: string): string {
  return target.startsWith('b/') ? target.slice(2) : target;
}

/**
 * The lines added since `base` in the work tree of `git` (paths relative to its folder):
 * committed, staged and unstaged changes since the merge base of `base` and HEAD, and untracked
 * files (not ignored) as wholly new. Throws `PaydownError('usage')` when the folder is not in a
 * repository or `base` is not a revision, and `git-failed` (not "not a repository") when git
 * itself is missing or fails.
 */
export async function addedSince(git: GitClient, base: string, signal?: AbortSignal): Promise<AddedLines> {
  const run = (args: readonly string[], okCodes?: readonly number[]) => git.run(args, { okCodes, signal });
  const inside = await run(['rev-parse', '--is-inside-work-tree'], [0, 128]);
  if (inside.code !== 0 || inside.stdout.trim() !== 'true') {
    throw new PaydownError('usage', `--base ${base} needs a git repository, and ${git.cwd} is not in one`, 'run paydown check without --base, or inside the repository');
  }
  // `--end-of-options`: a base such as `--output=x` is a revision to look up, never an option.
  const resolved = await run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${base}^{commit}`], [0, 1, 128]);
  if (resolved.code !== 0) {
    throw new PaydownError('usage', `--base ${base} is not a commit, branch or tag here`, 'in CI, fetch the base branch (actions/checkout with fetch-depth: 0) and pass e.g. --base origin/main');
  }
  const baseCommit = resolved.stdout.trim();
  // The merge base is what a pull request's diff starts from: changes that landed on the base
  // branch since this branch forked are not this branch's debt.
  const mergeBase = await run(['merge-base', '--end-of-options', baseCommit, 'HEAD'], [0, 1]);
  const from = mergeBase.code === 0 && mergeBase.stdout.trim() ? mergeBase.stdout.trim() : baseCommit;
  const diff = await run(['diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '-M', '--relative', '--src-prefix=a/', '--dst-prefix=b/', '--end-of-options', from, '--']);
  const added = parseAddedLines(diff.stdout);
  const untracked = await run(['ls-files', '--others', '--exclude-standard', '-z']);
  for (const file of untracked.stdout.split('\0')) if (file) added.set(file, 'all');
  return added;
}

/** True when line `line` of `file` is new according to `added`. */
export function isAdded(added: AddedLines, file: string, line: number): boolean {
  const lines = added.get(file);
  return lines === 'all' || (lines !== undefined && lines.has(line));
}
