#!/usr/bin/env node
// Re-makes github-rest.subset.json from GitHub's official OpenAPI description as Octokit
// publishes it on npm (`@octokit/openapi`, MIT). The package installs at 385 MB, so it is
// never a dependency: this script packs the pinned version into a temp folder, takes the
// operations Paydown uses with everything they reference, and writes the subset.
//
//   node test/trackers/specs/extract-github.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listOperations, normaliseNullable, subsetOpenApi, withPackedFiles } from './openapiSubset.mjs';

export const OCTOKIT_OPENAPI_VERSION = '23.0.2';

/** [method, path] of every GitHub REST operation Paydown may call. */
const OPERATIONS = [
  ['get', '/repos/{owner}/{repo}'], // repos/get
  ['get', '/repos/{owner}/{repo}/issues'], // issues/list-for-repo
  ['post', '/repos/{owner}/{repo}/issues'], // issues/create
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}'], // issues/get
  ['patch', '/repos/{owner}/{repo}/issues/{issue_number}'], // issues/update
  ['get', '/repos/{owner}/{repo}/issues/{issue_number}/comments'], // issues/list-comments
  ['post', '/repos/{owner}/{repo}/issues/{issue_number}/comments'], // issues/create-comment
  ['get', '/repos/{owner}/{repo}/labels'], // issues/list-labels-for-repo
  ['post', '/repos/{owner}/{repo}/labels'], // issues/create-label
  ['get', '/repos/{owner}/{repo}/milestones'], // issues/list-milestones
  ['get', '/search/issues'], // search/issues-and-pull-requests
  ['get', '/rate_limit'], // rate-limit/get
];

const here = import.meta.dirname;
withPackedFiles(`@octokit/openapi@${OCTOKIT_OPENAPI_VERSION}`, ['generated/api.github.com.json'], (read) => {
  const full = JSON.parse(read('generated/api.github.com.json'));
  // Examples are most of the bytes and no validator reads them.
  const subset = subsetOpenApi(full, OPERATIONS, {
    drop: ['examples', 'example'],
    info: {
      'x-paydown-source': {
        package: `@octokit/openapi@${OCTOKIT_OPENAPI_VERSION}`,
        file: 'generated/api.github.com.json',
        licence: 'MIT',
        extractedBy: 'test/trackers/specs/extract-github.mjs',
      },
    },
  });
  const normalised = normaliseNullable(subset);
  subset.info['x-paydown-source'].normalised = normalised;
  const out = join(here, 'github-rest.subset.json');
  writeFileSync(out, `${JSON.stringify(subset, null, 1)}\n`);
  const schemas = Object.keys(subset.components.schemas ?? {}).length;
  console.log(`${out}: ${listOperations(subset).length} operations, ${schemas} schemas, ${JSON.stringify(normalised)}`);
});
