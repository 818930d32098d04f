import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { supportedLanguages } from '../../../src/engine/scanner/languages';
import { renderLanguagesDoc } from './languagesDoc';

const root = path.join(__dirname, '../../..');

describe('docs/languages.md', () => {
  it('lists exactly the languages the scanner knows, with their names, interpreters and comment forms (regenerate with npm run docs:languages)', () => {
    const doc = readFileSync(path.join(root, 'docs/languages.md'), 'utf8');
    assert.equal(doc, renderLanguagesDoc());
    for (const id of ['tcl', 'perl', 'astro', 'jade']) assert.match(doc, new RegExp(`\\| \`${id}\` \\|`));
    assert.match(doc, /\| Tcl \| `tcl` \| `\.tcl` .* \| `tclsh` `wish` .* \| `# \(where a command starts\)` \|/);
  });

  it('is counted right in the README and the walkthrough', () => {
    const count = `${supportedLanguages().length} languages`;
    for (const file of ['README.md', 'media/walkthrough/tagDebt.md']) assert.ok(readFileSync(path.join(root, file), 'utf8').includes(count), `${file} should say "${count}"`);
  });
});
