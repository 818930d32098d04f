/** GitLab issues: the client, its naming, where a workspace's project and API are, and iterations as sprints. */
export { createGitLabClient, type GitLabClientOptions } from './client';
export { gitlabNaming } from './naming';
export { DEFAULT_GITLAB_API_URL, gitlabApiUrl, gitlabWebUrl, parseGitLabRemote } from './remote';
export { createGitLabSprintSource, gitlabIterationName, type GitLabSprintOptions } from './sprints';
