/** The engine's small git client: the interface the ledger uses and the real implementation. */
export type { CommitFacts, GitAuthor, GitClient } from './gitClient';
export { createGitClient, type GitClientOptions } from './execGitClient';
export { runGit, type GitOutput, type GitRunOptions } from './run';
export { memoizeGit, type PrefetchingGitClient } from './memoized';
