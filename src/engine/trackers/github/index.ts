/** GitHub Issues: the client and where a workspace's repository and API are. */
export { createGitHubClient, type GitHubClientOptions } from './client';
export { DEFAULT_GITHUB_API_URL, githubApiUrl, parseGitHubRemote } from './remote';
export { createGitHubSprintSource, githubGraphqlUrl, type GitHubSprintSourceOptions } from './iterations';
