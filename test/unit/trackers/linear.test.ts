import * as assert from 'node:assert/strict';
import { linearNaming } from '../../../src/engine/trackers';
import { linearAuthorization, linearErrorReason, linearLimitState } from '../../../src/engine/trackers/linear/api';
import { linearMarkerItemId } from '../../../src/engine/trackers/linear/client';
import { estimateValues, linearEstimate } from '../../../src/engine/trackers/linear/estimate';
import { cycleSprint } from '../../../src/engine/trackers/linear/sprints';

describe('Linear: naming', () => {
  const naming = linearNaming('eng');

  it('reads ENG-7 as both the reference and the ledger key, in any case and zero padding', () => {
    assert.equal(naming.keyOfReference('ENG-7'), 'ENG-7');
    assert.equal(naming.keyOfReference('eng-007'), 'ENG-7');
    assert.equal(naming.referenceOfKey('ENG-12'), 'ENG-12');
  });

  it("leaves another team's identifiers, GitHub keys and nonsense alone", () => {
    for (const text of ['OPS-7', 'GH-12', 'acme/pay#12', '#12', 'ENG-', 'ENG-0', 'ENG-1a', 'ENG7']) {
      assert.equal(naming.keyOfReference(text), null, text);
      assert.equal(naming.referenceOfKey(text), null, text);
    }
  });
});

describe('Linear: estimates on the team scale', () => {
  const team = (issueEstimationType: string, issueEstimationAllowZero = false, issueEstimationExtended = false) => ({ issueEstimationType, issueEstimationAllowZero, issueEstimationExtended });

  it('lists the values each scale allows, with zero and the extended values only when the team says so', () => {
    assert.deepEqual(estimateValues(team('fibonacci')), [1, 2, 3, 5, 8]);
    assert.deepEqual(estimateValues(team('exponential', true, true)), [0, 1, 2, 4, 8, 16, 32, 64]);
    assert.deepEqual(estimateValues(team('linear', false, true)), [1, 2, 3, 4, 5, 6, 7]);
    assert.deepEqual(estimateValues(team('tShirt')), [1, 2, 3, 5, 8]);
    assert.equal(estimateValues(team('notUsed')), null);
  });

  it('rounds to the nearest allowed value, a tie upwards, and sends none when the team does not estimate', () => {
    assert.equal(linearEstimate(4, team('fibonacci')), 5);
    assert.equal(linearEstimate(6, team('exponential')), 8);
    assert.equal(linearEstimate(40, team('fibonacci')), 8);
    assert.equal(linearEstimate(40, team('fibonacci', false, true)), 21);
    assert.equal(linearEstimate(0, team('linear')), 1);
    assert.equal(linearEstimate(0, team('linear', true)), 0);
    assert.equal(linearEstimate(2.4, team('linear')), 2);
    assert.equal(linearEstimate(3, team('notUsed')), null);
    assert.equal(linearEstimate(null, team('fibonacci')), null);
    assert.equal(linearEstimate(-1, team('fibonacci')), null);
  });
});

describe('Linear: cycles as sprints', () => {
  const cycle = (startsAt: string, endsAt: string, more: Partial<Parameters<typeof cycleSprint>[0]> = {}) => ({ id: 'c', number: 12, name: null, startsAt, endsAt, isActive: false, isFuture: false, isPast: true, ...more });

  it('names an unnamed cycle by its number and keeps inclusive UTC days: an end at midnight belongs to the day before', () => {
    assert.deepEqual(cycleSprint(cycle('2026-03-02T00:00:00.000Z', '2026-03-16T00:00:00.000Z')), { id: 'c', name: 'Cycle 12', start: '2026-03-02', end: '2026-03-15', capacity: null, state: 'closed' });
    assert.equal(cycleSprint(cycle('2026-03-02T08:00:00.000Z', '2026-03-16T08:00:00.000Z')).end, '2026-03-16');
    assert.equal(cycleSprint(cycle('2026-03-02T00:00:00.000Z', '2026-03-16T00:00:00.000Z', { name: '  Q1 hardening ', isActive: true, isPast: false })).name, 'Q1 hardening');
    assert.equal(cycleSprint(cycle('2026-03-02T00:00:00.000Z', '2026-03-16T00:00:00.000Z', { isFuture: true, isPast: false })).state, 'future');
  });
});

describe('Linear: requests', () => {
  it('sends a personal API key bare and an OAuth token as Bearer', () => {
    assert.equal(linearAuthorization('lin_api_abc'), 'lin_api_abc');
    assert.equal(linearAuthorization('lin_oauth_abc'), 'Bearer lin_oauth_abc');
    assert.equal(linearAuthorization('Bearer lin_oauth_abc'), 'Bearer lin_oauth_abc');
  });

  it("names a refusal by its extensions, not its message", () => {
    assert.equal(linearErrorReason({ message: 'x', extensions: { code: 'RATELIMITED', type: 'ratelimited' } }), 'rate-limited');
    assert.equal(linearErrorReason({ message: 'x', extensions: { type: 'authentication error' } }), 'unauthorized');
    assert.equal(linearErrorReason({ message: 'x', extensions: { type: 'forbidden' } }), 'forbidden');
    assert.equal(linearErrorReason({ message: 'x', extensions: { type: 'feature not accessible' } }), 'forbidden');
    assert.equal(linearErrorReason({ message: 'Entity not found', extensions: { code: 'INVALID_INPUT', type: 'invalid input' } }), 'invalid');
    assert.equal(linearErrorReason({ message: 'Authentication required' }), null);
  });

  it('counts the complexity budget as spent when it cannot pay for one more operation', () => {
    const headers = { 'x-ratelimit-requests-remaining': '4000', 'x-ratelimit-requests-reset': '1000', 'x-ratelimit-complexity-remaining': '999', 'x-ratelimit-complexity-reset': '2000' };
    assert.deepEqual(linearLimitState(headers), { remaining: 0, resetAt: 2000 });
    assert.deepEqual(linearLimitState({ ...headers, 'x-ratelimit-complexity-remaining': '9000000' }), { remaining: 4000, resetAt: 1000 });
    assert.deepEqual(linearLimitState({ ...headers, 'x-ratelimit-complexity-remaining': '2000000' }), { remaining: 2000, resetAt: 2000 });
    assert.deepEqual(linearLimitState({}), { remaining: null, resetAt: null });
  });

  it('finds a marker in a description, also when an editor escaped the comment', () => {
    assert.equal(linearMarkerItemId('text\n\n<!-- paydown:PD-7Q2K -->'), 'PD-7Q2K');
    assert.equal(linearMarkerItemId('text\n\n\\<!-- paydown:PD-7Q2K --\\>'), 'PD-7Q2K');
    assert.equal(linearMarkerItemId('text &lt;!-- paydown:PD-7Q2K --&gt;'), 'PD-7Q2K');
    assert.equal(linearMarkerItemId('paydown:PD-7Q2K mentioned in passing'), null);
    assert.equal(linearMarkerItemId(null), null);
  });
});
