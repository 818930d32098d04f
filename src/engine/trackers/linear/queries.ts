/**
 * The GraphQL operations the Linear client and sprint source send, written by hand against
 * Linear's published schema (the tests run each one through the schema), and the shapes they
 * answer. Every listing asks for pages of {@link PAGE_SIZE}, which keeps each operation's
 * complexity far below Linear's per-query maximum (10,000 points) and within
 * {@link MAX_OPERATION_COMPLEXITY}, the cost the rate-limit bookkeeping budgets per operation.
 */

/** Nodes per page: Linear's default is 50, its maximum 250. */
export const PAGE_SIZE = 100;

/**
 * The most one of these operations costs in Linear's complexity points (an issue page is the
 * dearest, about 700): the client stops before the complexity budget cannot pay for one more.
 */
export const MAX_OPERATION_COMPLEXITY = 1000;

/** A Relay connection page. */
export interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

const PAGE_INFO = 'pageInfo { hasNextPage endCursor }';

/** What Paydown reads of an issue. */
export interface LinearIssueNode {
  id: string;
  identifier: string;
  number: number;
  title: string;
  description: string | null;
  url: string;
  createdAt: string;
  updatedAt: string;
  state: { name: string; type: string };
  assignee: { name: string; displayName: string; email: string } | null;
  /** Points on the team's estimate scale, or null when it has none. */
  estimate: number | null;
  cycle: { id: string; name: string | null; number: number } | null;
  /** True for a deleted issue (in the trash, until Linear purges it). */
  trashed: boolean | null;
}

const ISSUE_FIELDS = `fragment PaydownIssue on Issue {
  id identifier number title description url createdAt updatedAt trashed estimate
  state { name type }
  assignee { name displayName email }
  cycle { id name number }
}`;

export interface LinearTeamNode {
  id: string;
  key: string;
  /** `notUsed`, `exponential`, `fibonacci`, `linear`, `tShirt`. */
  issueEstimationType: string;
  issueEstimationAllowZero: boolean;
  issueEstimationExtended: boolean;
}

/** The team of a key, with its estimate scale. */
export const TEAM_BY_KEY = `query PaydownTeam($key: String!) {
  teams(filter: { key: { eq: $key } }, first: 2) {
    nodes { id key issueEstimationType issueEstimationAllowZero issueEstimationExtended }
  }
}`;
export type TeamByKey = { teams: { nodes: LinearTeamNode[] } };

/**
 * Issues by filter, archived ones included (Linear archives closed issues after a while; their
 * tickets are still the items' tickets). Ordered by creation, a page boundary does not move when
 * an issue is edited while the listing is read (ordering by `updatedAt` would).
 */
export const ISSUES = `query PaydownIssues($filter: IssueFilter, $after: String) {
  issues(filter: $filter, first: ${PAGE_SIZE}, after: $after, orderBy: createdAt, includeArchived: true) {
    nodes { ...PaydownIssue }
    ${PAGE_INFO}
  }
}
${ISSUE_FIELDS}`;
export type Issues = { issues: Connection<LinearIssueNode> };

export const ISSUE_CREATE = `mutation PaydownIssueCreate($input: IssueCreateInput!) {
  issueCreate(input: $input) { success issue { ...PaydownIssue } }
}
${ISSUE_FIELDS}`;
export type IssueCreate = { issueCreate: { success: boolean; issue: LinearIssueNode | null } };

/** Edits an issue: a close's `stateId`, an update's `title`, `cycleId` and `estimate` (null clears). */
export const ISSUE_UPDATE = `mutation PaydownIssueUpdate($id: String!, $input: IssueUpdateInput!) {
  issueUpdate(id: $id, input: $input) { success issue { ...PaydownIssue } }
}
${ISSUE_FIELDS}`;
export type IssueUpdate = { issueUpdate: { success: boolean; issue: LinearIssueNode | null } };

export const ISSUE_COMMENTS = `query PaydownComments($id: String!, $after: String) {
  issue(id: $id) { comments(first: ${PAGE_SIZE}, after: $after) { nodes { body } ${PAGE_INFO} } }
}`;
export type IssueComments = { issue: { comments: Connection<{ body: string }> } };

export const COMMENT_CREATE = `mutation PaydownComment($input: CommentCreateInput!) {
  commentCreate(input: $input) { success }
}`;
export type CommentCreate = { commentCreate: { success: boolean } };

export interface LinearStateNode {
  id: string;
  name: string;
  type: string;
  position: number;
}

export const COMPLETED_STATES = `query PaydownDoneStates($team: ID!, $after: String) {
  workflowStates(filter: { team: { id: { eq: $team } }, type: { eq: "completed" } }, first: ${PAGE_SIZE}, after: $after) {
    nodes { id name type position }
    ${PAGE_INFO}
  }
}`;
export type CompletedStates = { workflowStates: Connection<LinearStateNode> };

export interface LinearLabelNode {
  id: string;
  name: string;
  /** Null for a workspace label, which every team may use. */
  team: { id: string } | null;
}

/** Labels by filter (the client asks for names, ignoring case, as Linear keeps them unique). */
export const LABELS = `query PaydownLabels($filter: IssueLabelFilter, $after: String) {
  issueLabels(filter: $filter, first: ${PAGE_SIZE}, after: $after) {
    nodes { id name team { id } }
    ${PAGE_INFO}
  }
}`;
export type LabelsByName = { issueLabels: Connection<LinearLabelNode> };

export const LABEL_CREATE = `mutation PaydownLabelCreate($input: IssueLabelCreateInput!) {
  issueLabelCreate(input: $input) { success issueLabel { id name team { id } } }
}`;
export type LabelCreate = { issueLabelCreate: { success: boolean; issueLabel: LinearLabelNode } };

export interface LinearUserNode {
  id: string;
  name: string;
  displayName: string;
  email: string;
  active: boolean;
}

/** The users one name may mean: by email, display name (the @handle) or full name, ignoring case. */
export const USERS_NAMED = `query PaydownUsers($name: String!, $after: String) {
  users(filter: { or: [{ email: { eqIgnoreCase: $name } }, { displayName: { eqIgnoreCase: $name } }, { name: { eqIgnoreCase: $name } }] }, first: ${PAGE_SIZE}, after: $after) {
    nodes { id name displayName email active }
    ${PAGE_INFO}
  }
}`;
export type Users = { users: Connection<LinearUserNode> };

export interface LinearCycleNode {
  id: string;
  number: number;
  name: string | null;
  startsAt: string;
  endsAt: string;
  isActive: boolean;
  isFuture: boolean;
  isPast: boolean;
}

export const CYCLES = `query PaydownCycles($team: ID!, $after: String) {
  cycles(filter: { team: { id: { eq: $team } } }, first: ${PAGE_SIZE}, after: $after) {
    nodes { id number name startsAt endsAt isActive isFuture isPast }
    ${PAGE_INFO}
  }
}`;
export type Cycles = { cycles: Connection<LinearCycleNode> };
