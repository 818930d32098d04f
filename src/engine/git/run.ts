/**
 * Runs git: `execFile` (no shell, arguments passed as a list, never interpolated), a timeout so a
 * stuck git never hangs the editor or CI, no prompts, no optional locks (so a background status
 * never blocks the user's own git), and errors as `PaydownError('git-failed')`. The environment
 * git runs in is the shell's, passed in: the engine never reads `process.env` itself.
 */
import { execFile } from 'node:child_process';
import { PaydownError } from '../errors';
import type { GitOutput } from '../ports';

/** The environment variables git is started with (the shell's own; Paydown's settings are added). */
export type GitEnvironment = Readonly<Record<string, string | undefined>>;

/** How git is run. */
export interface GitRunOptions {
  /** The folder git runs in. */
  cwd: string;
  /** The environment git starts with (PATH finds git; HOME and XDG_* its config). */
  env: GitEnvironment;
  /** Milliseconds before git is killed. Default 15 000. */
  timeoutMs?: number;
  /** The git executable. Default `git`. */
  gitPath?: string;
  signal?: AbortSignal;
}

/** Output larger than this fails the command instead of exhausting memory. */
const MAX_BUFFER = 256 * 1024 * 1024;

/** Raised (as the `cause` of a PaydownError) when the git executable cannot be started. */
export const GIT_NOT_FOUND = 'ENOENT';

/**
 * Runs `git args…` and resolves with its output when the exit code is one of `okCodes` (0 by
 * default). Anything else, a timeout or a missing git rejects with `PaydownError('git-failed')`
 * whose message names the command and quotes git's stderr.
 */
export function runGit(args: readonly string[], options: GitRunOptions, okCodes: readonly number[] = [0]): Promise<GitOutput> {
  const fullArgs = ['-c', 'core.quotepath=false', '-c', 'color.ui=false', ...args];
  const command = `git ${args.join(' ')}`;
  return new Promise((resolve, reject) => {
    execFile(
      options.gitPath ?? 'git',
      fullArgs,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 15_000,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_BUFFER,
        windowsHide: true,
        encoding: 'utf8',
        signal: options.signal,
        env: { ...options.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', GIT_PAGER: 'cat', GIT_LITERAL_PATHSPECS: '1', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ code: 0, stdout, stderr });
        const err = error as NodeJS.ErrnoException & { code?: string | number; killed?: boolean; signal?: string | null };
        if (typeof err.code === 'number' && okCodes.includes(err.code)) return resolve({ code: err.code, stdout, stderr });
        if (err.name === 'AbortError') return reject(new PaydownError('aborted', `${command} was cancelled`, undefined, { cause: error }));
        const why =
          err.code === GIT_NOT_FOUND
            ? 'git is not installed or not on PATH'
            : err.killed || err.signal
              ? `timed out after ${options.timeoutMs ?? 15_000} ms`
              : (stderr.trim().split('\n').slice(-3).join(' ') || `exit code ${String(err.code)}`);
        reject(
          new PaydownError('git-failed', `${command} failed in ${options.cwd}: ${why}`, err.code === GIT_NOT_FOUND ? 'Install git, or run without git (renames are then found by content).' : undefined, {
            cause: error,
            details: stderr.trim() ? [stderr.trim()] : [],
          }),
        );
      },
    );
  });
}
