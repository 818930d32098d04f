import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { configSchemaLanguageIds, renderLanguagesDoc } from './languagesDoc';

const root = path.join(__dirname, '../../..');
writeFileSync(path.join(root, 'docs/languages.md'), renderLanguagesDoc());

// The ids `scan.languages` accepts, in the config schema.
const schemaFile = path.join(root, 'schemas/config.schema.json');
const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
schema.properties.scan.properties.languages.additionalProperties.enum = configSchemaLanguageIds();
// The schema spells non-ASCII characters as \u escapes; keep them so, or this rewrites every one.
const asciiJson = JSON.stringify(schema, null, 2).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
writeFileSync(schemaFile, `${asciiJson}\n`);
