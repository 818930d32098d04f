import { readFileSync } from 'node:fs';
import AjvDraft04 from 'ajv-draft-04';

/**
 * The SARIF 2.1.0 JSON schema as Microsoft's SARIF SDK ships it in the npm package
 * `@microsoft/jest-sarif` (`lib/schemas/sarif-2.1.0-rtm.5.json`, the schema SchemaStore publishes
 * for SARIF 2.1.0). It is a draft-04 schema, hence `ajv-draft-04`.
 */
export const SARIF_SCHEMA_FILE = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

/** A validator for SARIF 2.1.0 logs with the schema's `uri` and `uri-reference` formats checked. */
export function sarifValidator(): ReturnType<AjvDraft04['compile']> {
  // The schema's `language` pattern is not a valid unicode-mode regular expression: compile patterns without the `u` flag.
  const ajv = new AjvDraft04({ allErrors: true, strict: false, unicodeRegExp: false });
  ajv.addFormat('uri', (s: string) => URL.canParse(s));
  ajv.addFormat('uri-reference', (s: string) => URL.canParse(s, 'file:///') && !/\s/.test(s));
  ajv.addFormat('date-time', (s: string) => !Number.isNaN(Date.parse(s)));
  return ajv.compile(JSON.parse(readFileSync(SARIF_SCHEMA_FILE, 'utf8')));
}
