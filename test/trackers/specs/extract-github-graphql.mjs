#!/usr/bin/env node
// Re-makes github-graphql.schema.graphql from GitHub's GraphQL schema as Octokit publishes it
// on npm (`@octokit/graphql-schema`, MIT), for the Projects v2 iteration queries.
//
// Why a derived SDL and not the file itself: the package's `schema.json` (introspection) is
// 4.97 MB (2.6 MB minified) and its `schema.graphql` does not build (a field is defined twice).
// Built with `buildClientSchema` and printed without descriptions it is about 350 KB and
// carries every type, field, argument, default and deprecation the validator reads.
//
//   node test/trackers/specs/extract-github-graphql.mjs
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, parse, print, printSchema, visit } from 'graphql';
import { withPackedFiles } from './openapiSubset.mjs';

export const OCTOKIT_GRAPHQL_SCHEMA_VERSION = '15.26.1';

const here = import.meta.dirname;
withPackedFiles(`@octokit/graphql-schema@${OCTOKIT_GRAPHQL_SCHEMA_VERSION}`, ['schema.json'], (read) => {
  const json = JSON.parse(read('schema.json'));
  const schema = buildClientSchema(json.data ?? json);
  const withoutDescriptions = visit(parse(printSchema(schema), { noLocation: true }), {
    enter: (node) => ('description' in node && node.description ? { ...node, description: undefined } : undefined),
  });
  const header = [
    `# GitHub GraphQL API schema, from npm @octokit/graphql-schema@${OCTOKIT_GRAPHQL_SCHEMA_VERSION} (schema.json), MIT licence.`,
    '# Built with graphql buildClientSchema and printed without descriptions by',
    '# test/trackers/specs/extract-github-graphql.mjs; do not edit by hand.',
    '',
  ].join('\n');
  const out = join(here, 'github-graphql.schema.graphql');
  writeFileSync(out, `${header}${print(withoutDescriptions)}\n`);
  console.log(`${out}: ${Object.keys(schema.getTypeMap()).length} types`);
});
