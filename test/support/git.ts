/**
 * The one way tests run git, and the one isolation they all get: no user or system config
 * (`GIT_CONFIG_GLOBAL` is the null device, `GIT_CONFIG_NOSYSTEM=1`), no commit or tag signing,
 * no prompts. A developer's `~/.gitconfig` (signing, hooks, a default branch, an identity) can
 * then neither break a test nor make one pass. Identities are the test's own: set in the
 * repository (`TempRepo`), or passed with `-c user.name=…` or `GIT_AUTHOR_*`.
 */
import { execFileSync } from 'node:child_process';
import { devNull } from 'node:os';

/** What every git a test starts (and every CLI it spawns) runs with, besides its own environment. */
export const ISOLATED_GIT_ENV: Readonly<Record<string, string>> = { GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' };

/** Settings every test repository and command has (command-line scope: nothing overrides them). */
const NO_SIGNING = ['-c', 'commit.gpgsign=false', '-c', 'tag.gpgsign=false'];

/** This process's environment, isolated from the user's git config, then `extra`. */
export function gitEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { ...process.env, ...ISOLATED_GIT_ENV, ...extra };
}

/** Runs `git args…` in `cwd`, isolated; returns stdout. */
export function git(cwd: string, ...args: string[]): string {
  return gitWith({}, cwd, ...args);
}

/** `git` with `env` added (an author, a date). */
export function gitWith(env: NodeJS.ProcessEnv, cwd: string, ...args: string[]): string {
  return execFileSync('git', [...NO_SIGNING, ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: gitEnv(env) });
}
