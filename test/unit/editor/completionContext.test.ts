import * as assert from 'node:assert/strict';
import { completionContextAt, dueChoices, impactChoices, ownerHandle, parseCodeowners } from '../../../src/extension/editor/completionContext';

/** The context at the `|` in `line`. */
function at(line: string) {
  const character = line.indexOf('|');
  return completionContextAt(line.replace('|', ''), character);
}

describe('editor: completion contexts inside annotations', () => {
  it('@ → owners, # → labels, replacing from the sigil', () => {
    assert.deepEqual(at('// TODO: retry @al|'), { kind: 'owner', start: 15, prefix: 'al' });
    assert.deepEqual(at('// TODO: retry @|'), { kind: 'owner', start: 15, prefix: '' });
    assert.deepEqual(at('// TODO(@b|): retry'), { kind: 'owner', start: 8, prefix: 'b' });
    assert.deepEqual(at('// TODO: retry #pay|'), { kind: 'label', start: 15, prefix: 'pay' });
  });

  it('key: → the key\'s values, replacing after the colon; unknown keys → nothing', () => {
    assert.deepEqual(at('// TODO: retry impact:|'), { kind: 'value', key: 'impact', start: 22, prefix: '' });
    assert.deepEqual(at('// TODO: retry sprint:2026-S|'), { kind: 'value', key: 'sprint', start: 22, prefix: '2026-S' });
    assert.deepEqual(at('// TODO: retry Due:20|'), { kind: 'value', key: 'due', start: 19, prefix: '20' });
    assert.equal(at('// TODO: see https:|'), null);
  });

  it('a plain word (or nothing) → the keys; other text → nothing', () => {
    assert.deepEqual(at('// TODO: retry eff|'), { kind: 'key', start: 15, prefix: 'eff' });
    assert.deepEqual(at('// TODO: retry |'), { kind: 'key', start: 15, prefix: '' });
    assert.equal(at('// TODO: retry x.y|'), null);
  });

  it('due: offers today + 1, 7, 14 and 30 days; impact: the four impacts', () => {
    assert.deepEqual(dueChoices('2026-12-28').map((c) => c.value), ['2026-12-29', '2027-01-04', '2027-01-11', '2027-01-27']);
    assert.deepEqual(impactChoices().map((c) => c.value), ['low', 'medium', 'high', 'critical']);
  });

  it('turns git authors into owner handles', () => {
    assert.equal(ownerHandle('12345+alice@users.noreply.github.com', 'Alice A'), 'alice');
    assert.equal(ownerHandle('bob.smith@acme.com', 'Bob Smith'), 'bob.smith');
    assert.equal(ownerHandle('', 'Carol Jones'), 'carol.jones');
  });

  it('reads owners from CODEOWNERS, once each, skipping comments', () => {
    const text = '# owners\n*       @acme/platform @alice\n/pay/  @bob  # payments\n/docs/ docs@acme.com @alice\n';
    assert.deepEqual(parseCodeowners(text), ['acme/platform', 'alice', 'bob', 'docs']);
  });
});
