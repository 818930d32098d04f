import { strict as assert } from 'node:assert';
import { fnv1a64, parseAnnotations } from '../../../src/engine/scanner/grammar';
import { compiled, findTestComments, only } from './helpers';

const fp = (text: string) => only(text).fingerprint;

describe('grammar: fingerprints', () => {
  const base = fp('// TODO: Replace the retry loop\n');

  it('are 16 hex digits of 64-bit FNV-1a', () => {
    assert.match(base, /^[0-9a-f]{16}$/);
    // Reference values of FNV-1a 64.
    assert.equal(fnv1a64(''), 'cbf29ce484222325');
    assert.equal(fnv1a64('a'), 'af63dc4c8601ec8c');
    assert.equal(fnv1a64('foobar'), '85944171f73967e8');
  });

  it('survive a move to another line or file', () => {
    assert.equal(fp('\n\n\nfoo();\n// TODO: Replace the retry loop\n'), base);
    const text = '// TODO: Replace the retry loop\n';
    assert.equal(parseAnnotations(text, findTestComments(text), 'lib/other.py', compiled()).items[0]!.fingerprint, base);
  });

  it('survive re-indentation, another marker and whitespace changes', () => {
    assert.equal(fp('        // TODO:   Replace  the retry   loop   \n'), base);
    assert.equal(fp('/* TODO: Replace the retry loop */'), base);
    assert.equal(fp('# TODO: Replace the retry loop\n'), base);
  });

  it('survive a change of case, owners, estimates, ids and other tokens', () => {
    assert.equal(fp('// TODO(bob): replace the retry loop @alice effort:3 impact:high #payments GH-412\n'), base);
    assert.equal(fp('// TODO(PD-7Q2K): Replace the retry loop\n'), base);
  });

  it('survive body edits', () => {
    assert.equal(fp('// TODO: Replace the retry loop\n// it hammers the API\n'), base);
  });

  it('change with the title', () => {
    assert.notEqual(fp('// TODO: Replace the backoff loop\n'), base);
  });

  it('of a title that is only tokens come from the tokens, so such items do not all collide', () => {
    assert.notEqual(fp('// TODO: GH-412\n'), fp('// TODO: GH-413\n'));
    assert.equal(fp('// TODO:   GH-412 \n'), fp('// TODO: GH-412\n'));
  });

  it('change with the tag', () => {
    assert.notEqual(fp('// FIXME: Replace the retry loop\n'), base);
  });

  it('are the same for a canonical tag matched case-insensitively', () => {
    assert.equal(only('// todo: Replace the retry loop\n', { caseSensitive: false }).fingerprint, base);
  });
});
