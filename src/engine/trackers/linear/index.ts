/** Linear: the client, its naming rules and the team's cycles as sprints. */
export { DEFAULT_LINEAR_API_URL } from './api';
export { createLinearClient, type LinearClientOptions } from './client';
export { linearNaming } from './naming';
export { createLinearSprintSource, type LinearSprintOptions } from './sprints';
