import * as assert from 'node:assert/strict';
import type { OutcomeConfig } from '../../../src/engine/config/planning';
import { isKnownOutcome, resolveOutcome } from '../../../src/engine/sprints/outcomes';

const outcomes: OutcomeConfig[] = [
  { name: 'reliability', description: '', paths: ['src/payments/**'], labels: ['payments', 'incident'] },
  { name: 'onboarding', description: '', paths: ['docs/**', 'src/signup/**'], labels: ['dx'] },
];

describe('outcomes', () => {
  it("an item's own outcome: wins", () => {
    assert.equal(resolveOutcome({ outcome: 'retention', labels: ['payments'], file: 'src/payments/a.ts' }, outcomes), 'retention');
  });
  it('else the first outcome one of its labels maps to, before any path rule', () => {
    assert.equal(resolveOutcome({ outcome: null, labels: ['DX'], file: 'src/payments/a.ts' }, outcomes), 'onboarding');
  });
  it('else the first outcome whose path globs match its file', () => {
    assert.equal(resolveOutcome({ outcome: null, labels: [], file: 'src/signup/form.tsx' }, outcomes), 'onboarding');
    assert.equal(resolveOutcome({ outcome: null, labels: ['misc'], file: 'src/payments/retry.ts' }, outcomes), 'reliability');
  });
  it('else none', () => {
    assert.equal(resolveOutcome({ outcome: null, labels: [], file: 'tools/x.sh' }, outcomes), null);
    assert.equal(resolveOutcome({ outcome: null, labels: [], file: 'src/payments/a.ts' }, []), null);
  });
  it('knows the configured names, in any case', () => {
    assert.equal(isKnownOutcome('Reliability', outcomes), true);
    assert.equal(isKnownOutcome('speed', outcomes), false);
  });
});
