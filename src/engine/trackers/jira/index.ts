/** Jira Cloud and Data Center: the client, its naming rules and a board's sprints. */
export { createJiraClient, jiraLabel, type JiraClientOptions } from './client';
export type { JiraAuth, JiraDeployment } from './api';
export { jiraNaming } from './naming';
export { createJiraSprintSource, type JiraSprintOptions } from './sprints';
export { jiraMarkerItemId, markdownToAdf, markdownToWiki } from './adf';
