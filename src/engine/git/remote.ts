/**
 * What sync asks git about the team's remote, answered locally: the `origin` URL and whether a
 * commit reached the default branch as last fetched. No call reaches the remote itself, so a
 * sync decides the same way offline, and a feature branch never counts as the team's.
 */
import type { GitClient } from '../ports';

/** The URL of remote `name` (default `origin`), or null when there is none (or no git). */
export async function remoteUrl(git: GitClient | null, name = 'origin'): Promise<string | null> {
  if (!git) return null;
  const out = await git.run(['remote', 'get-url', name], { okCodes: [0, 1, 2, 128] });
  const url = out.code === 0 ? out.stdout.trim() : '';
  return url === '' ? null : url;
}

/**
 * The remote-tracking ref of the default branch: `origin/HEAD` where clone or
 * `git remote set-head` recorded it, else `origin/main`, else `origin/master`; null when none exists.
 */
export async function defaultBranchRef(git: GitClient | null): Promise<string | null> {
  if (!git) return null;
  for (const ref of ['refs/remotes/origin/HEAD', 'refs/remotes/origin/main', 'refs/remotes/origin/master']) {
    const out = await git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], { okCodes: [0, 1, 128] });
    if (out.code === 0 && out.stdout.trim() !== '') return ref;
  }
  return null;
}

/**
 * For each of `commits`: true when it is an ancestor of (or is) `ref`, false when not, null when
 * git cannot say (no such commit here, no ref).
 */
export async function reachedRef(git: GitClient | null, ref: string | null, commits: Iterable<string>): Promise<Map<string, boolean | null>> {
  const answers = new Map<string, boolean | null>();
  for (const commit of commits) {
    if (answers.has(commit)) continue;
    if (!git || !ref || !/^[0-9a-f]{7,64}$/i.test(commit)) {
      answers.set(commit, null);
      continue;
    }
    // Exit 0: ancestor; 1: not; 128: unknown commit (a shallow clone, a rewritten history).
    const out = await git.run(['merge-base', '--is-ancestor', commit, ref], { okCodes: [0, 1, 128] });
    answers.set(commit, out.code === 0 ? true : out.code === 1 ? false : null);
  }
  return answers;
}
