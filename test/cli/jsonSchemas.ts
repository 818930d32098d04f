import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { JSON_KINDS, schemaId, type JsonKind } from '../../src/cli/reporters/jsonDocument';
import { repoRoot } from './runCli';

let ajv: Ajv2020 | undefined;

/**
 * A strict validator of `kind`'s published schema (schemas/<kind>.schema.json, with the shared
 * definitions of schemas/common.schema.json), formats checked. The schemas are read once per run.
 */
export function contractValidator(kind: JsonKind): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    const read = (name: string): object => JSON.parse(readFileSync(path.join(repoRoot, 'schemas', `${name}.schema.json`), 'utf8'));
    ajv.addSchema(read('common'));
    for (const k of JSON_KINDS) ajv.addSchema(read(k));
  }
  // The schemas declare no $async: their validators are synchronous.
  return ajv.getSchema(schemaId(kind)) as ValidateFunction;
}
