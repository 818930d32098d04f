import * as assert from 'node:assert/strict';
import { rebaseIgnoreText } from '../../../src/engine/scanner/inheritedRules';

describe('scan: ignore rules rewritten for a folder below theirs', () => {
  const rebase = (text: string, below: string) => rebaseIgnoreText(text, below.split('/')).split('\n').filter((l) => l !== '');

  it('keeps rules without a slash inside, which match at any depth', () => {
    assert.deepEqual(rebase('node_modules/\n*.log\n!keep.log\n# a comment\n\n', 'packages/app'), ['node_modules/', '*.log', '!keep.log']);
  });

  it('keeps what is left of an anchored rule below the folder, with its negation and trailing slash', () => {
    assert.deepEqual(rebase('/packages/app/dist/\n!packages/app/dist/keep.js\npackages/*/gen\n', 'packages/app'), ['/dist/', '!/dist/keep.js', '/gen']);
  });

  it('lets ** stand for any number of folders, before and after the folder', () => {
    assert.deepEqual(rebase('**/fixtures/*.ts\n', 'packages/app'), ['/**/fixtures/*.ts']);
    assert.deepEqual(rebase('packages/**/out\n', 'packages/app/src'), ['/**/out']);
    assert.deepEqual(rebase('a/**\n', 'a/b'), ['/**']);
  });

  it('reads a rule without its trailing blanks, as git does', () => {
    assert.deepEqual(rebase('/packages/app/dist/  \r\nnode_modules/ \n', 'packages/app'), ['/dist/', 'node_modules/']);
  });

  it('drops rules that match elsewhere, or only the folder itself and those above it', () => {
    assert.deepEqual(rebase('/dist\nother/app/x\n/packages/app\npackages/\n/packages/app/\n', 'packages/app'), ['packages/']);
  });
});
