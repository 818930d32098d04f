/**
 * The real ports for a workspace folder, as both shells build them: git over the `git`
 * executable in the shell's environment, the user as git knows them, the system clock, HTTP over
 * `fetch`. Shells pass their own logger (stderr, an output channel) and, where they pin the day,
 * their own clock.
 */
import { createGitClient, gitIdentity, type GitEnvironment } from '../git';
import { silentLogger, systemClock, type Clock, type Logger, type Ports } from '../ports';
import { fetchHttpClient } from './fetchHttpClient';

/** What the shell knows that the engine must not look up itself. */
export interface NodePortsOptions {
  /** The environment git runs in (the CLI's `process.env`; the extension host's). */
  env: GitEnvironment;
  logger?: Logger;
  clock?: Clock;
  /** False: work without git (renames found by content, no removal commits). */
  git?: boolean;
}

/** The ports of the workspace at `root`. */
export function nodePorts(root: string, options: NodePortsOptions): Ports {
  const git = options.git === false ? null : createGitClient({ cwd: root, env: options.env });
  return {
    clock: options.clock ?? systemClock,
    logger: options.logger ?? silentLogger,
    git,
    identity: git ? gitIdentity(git) : { current: () => Promise.resolve(null) },
    http: fetchHttpClient(),
  };
}
