import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../../..');

describe('extension settings', () => {
  it('package.json contributes exactly the settings src/extension/settings.ts reads, each described', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    const contributed = Object.keys(manifest.contributes.configuration.properties).sort();
    const source = readFileSync(path.join(root, 'src/extension/settings.ts'), 'utf8');
    const read = [...source.matchAll(/c\.get<.*?>\('([^']+)'/g)].map((m) => `paydown.${m[1]}`).sort();
    assert.deepEqual(contributed, read);
    for (const [key, schema] of Object.entries<Record<string, unknown>>(manifest.contributes.configuration.properties)) {
      assert.ok(schema.description || schema.markdownDescription, `${key} has a description`);
      assert.ok('default' in schema, `${key} has a default`);
    }
  });
});
