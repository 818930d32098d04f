import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { renderLanguagesDoc } from './languagesDoc';

describe('docs/languages.md', () => {
  it('lists exactly the languages the scanner knows (regenerate with npm run docs:languages)', () => {
    const doc = readFileSync(path.join(__dirname, '../../../docs/languages.md'), 'utf8');
    assert.equal(doc, renderLanguagesDoc());
  });
});
