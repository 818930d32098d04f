import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

const root = path.join(__dirname, '../../..');

describe('the .vsix holds every bundle the extension loads', () => {
  it('each dist/*.js esbuild.mjs writes is allow-listed in .vscodeignore (a lazily loaded bundle left out fails only at first use)', () => {
    const built = [...readFileSync(path.join(root, 'esbuild.mjs'), 'utf8').matchAll(/outfile: '(dist\/[\w/.-]+\.js)'/g)].map((m) => m[1]!);
    const shipped = new Set(readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n').filter((l) => l.startsWith('!')).map((l) => l.slice(1).trim()));
    assert.ok(built.includes('dist/extensionUseCases.js') && built.includes('dist/extensionFeatures.js'), `esbuild.mjs writes ${built.join(', ')}`);
    assert.deepEqual(built.filter((file) => !shipped.has(file)), []);
  });
});
