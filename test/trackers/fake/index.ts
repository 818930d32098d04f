// Contract fakes of the issue trackers Paydown syncs with; see test/trackers/README.md.
export { FakeClock, RateLimitWindow, SearchIndex, type Fault, type FaultMatch, type SearchLag } from './behaviours';
export { ContractFake, RestContractFake, TrackerHttpError, type FakeResponse, type RecordedRequest, type Violation } from './contractFake';
export { GraphqlContractFake, TrackerGraphQLError, loadSchema } from './graphqlFake';
export { OpenApiContract } from './openapiContract';
export { GitHubFake, GITHUB_SPEC, type GitHubFakeOptions, type GitHubIssue } from './github';
export { GitLabFake, GITLAB_SPEC, type GitLabFakeOptions, type GitLabIssue } from './gitlab';
export { JiraFake, JIRA_CLOUD_SPEC, JIRA_DC_SPEC, adf, plainText, type JiraFakeOptions, type JiraIssue } from './jira';
export { LinearFake, LINEAR_SCHEMA, complexity, type LinearFakeOptions, type LinearIssue } from './linear';
export { GitHubGraphqlFake, GITHUB_GRAPHQL_SCHEMA, type GitHubGraphqlFakeOptions, type GitHubIteration, type GitHubProject, type GitHubProjectField } from './githubGraphql';
