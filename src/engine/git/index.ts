/** The git adapter: the real {@link GitClient} over the `git` executable (the port is in ../ports.ts). */
export { createGitClient, gitIdentity, type GitClientOptions } from './execGitClient';
export { runGit, type GitEnvironment, type GitRunOptions } from './run';
export { memoizeGit, type PrefetchingGitClient } from './memoized';
