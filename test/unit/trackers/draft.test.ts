import * as assert from 'node:assert/strict';
import { PaydownError } from '../../../src/engine/errors';
import { resolveTarget, type TrackerCredential } from '../../../src/engine/trackers/credentials';
import { githubWebUrl } from '../../../src/engine/trackers/github/naming';
import { markerItemId, ticketMarker } from '../../../src/engine/trackers/model';
import { ticketDraft, ticketTitle } from '../../../src/engine/trackers/ticketDraft';
import { item } from '../sprints/helpers';

describe('tracker sync: the ticket a sync creates', () => {
  const ledger = { ...item('PD-7Q2K00', { sprint: '2026-S24', effort: 3, impact: 'high', outcome: 'reliability', labels: ['payments'] }), owners: ['alice'], title: 'Replace the retry loop', file: 'src/pay.ts', line: 2 };
  const lines = ['export function pay() {', '  // DEBT: Replace the retry loop @alice effort:3', '  //   it retries forever on a 409', '  return 1;', '}'];
  const draft = ticketDraft({ item: ledger, file: 'src/pay.ts', line: 2, snippet: lines.slice(1, 3), language: 'typescript', permalink: 'https://github.com/acme/pay/blob/abc/src/pay.ts#L2-L3', labels: ['tech-debt'], assignees: ['alice-gh'] });

  it('says where, quotes the comment, lists the facts and ends with the marker', () => {
    assert.equal(draft.title, 'Replace the retry loop');
    assert.match(draft.body, /^Technical debt found at \[`src\/pay\.ts:2`\]\(https:\/\/github\.com\/acme\/pay\/blob\/abc\/src\/pay\.ts#L2-L3\)\./);
    assert.match(draft.body, /```typescript\n\/\/ DEBT: Replace the retry loop @alice effort:3\n\/\/ {3}it retries forever on a 409\n```/);
    assert.match(draft.body, /\| Effort \| 3 pts \|/);
    assert.match(draft.body, /\| Sprint \| 2026-S24 \|/);
    assert.match(draft.body, /\| Outcome \| reliability \|/);
    // A bare @alice would notify whoever holds that login on GitHub.
    assert.match(draft.body, /\| Owners \| `@alice` \|/);
    assert.ok(draft.body.endsWith(`\n${ticketMarker('PD-7Q2K00')}`));
    assert.equal(markerItemId(draft.body), 'PD-7Q2K00');
    assert.deepEqual(draft.labels, ['tech-debt', 'payments']);
    assert.deepEqual(draft.assignees, ['alice-gh']);
    assert.equal(draft.milestone, '2026-S24');
  });

  it('a snippet holding backticks gets a longer fence; a long title is cut at a word', () => {
    const fenced = ticketDraft({ item: ledger, file: 'a.md', line: 1, snippet: ['<!-- TODO: ``` fences --> '], language: 'markdown', permalink: null, labels: [], assignees: [] });
    assert.match(fenced.body, /````markdown\n<!-- TODO: ``` fences -->\n````/);
    assert.match(fenced.body, /^Technical debt found at `a\.md:1`\./);
    const long = ticketTitle({ ...ledger, title: 'word '.repeat(100) });
    assert.ok(long.length <= 200 && long.endsWith('…') && !long.includes('wo…'));
  });

  it('reads a marker only in its own forms: the hidden comment, or the visible marker alone on its line', () => {
    assert.equal(markerItemId('text <!--paydown:PD-ABCD-->'), 'PD-ABCD');
    assert.equal(markerItemId('Replace the loop.\n\npaydown:PD-ABCD\n'), 'PD-ABCD');
    assert.equal(markerItemId('we talked about paydown:PD-ABCD yesterday'), null);
    assert.equal(markerItemId(null), null);
  });
});

describe('tracker sync: a token only goes to the host it was given for', () => {
  const credential: TrackerCredential = { apiUrl: 'https://api.github.com', token: 'ghp_secret', hints: { token: 'set PAYDOWN_GITHUB_TOKEN', host: 'set GITHUB_API_URL to that API base for this run' } };

  it('uses the credential\'s API when the config names none, or names the same host', () => {
    assert.deepEqual(resolveTarget(null, credential, 'github'), { apiUrl: 'https://api.github.com', host: 'api.github.com', token: 'ghp_secret', user: null });
    assert.equal(resolveTarget('https://API.github.com/', credential, 'github').host, 'api.github.com');
  });

  it('refuses a config that points elsewhere, naming both hosts and how to trust the other, without the token', () => {
    try {
      resolveTarget('https://evil.example.com/api/v3', credential, 'github');
      assert.fail('expected a refusal');
    } catch (err) {
      assert.ok(PaydownError.is(err, 'tracker-untrusted-host'));
      assert.match(err.message, /evil\.example\.com/);
      assert.match(err.message, /api\.github\.com/);
      assert.match(err.hint ?? '', /GITHUB_API_URL/);
      assert.doesNotMatch(`${err.message} ${err.hint}`, /ghp_secret/);
    }
    // Same host, another scheme or port: also another origin.
    assert.throws(() => resolveTarget('http://api.github.com', credential, 'github'), (e: unknown) => PaydownError.is(e, 'tracker-untrusted-host'));
  });

  it('finds the web address of an API base', () => {
    assert.equal(githubWebUrl('https://api.github.com'), 'https://github.com');
    assert.equal(githubWebUrl('https://ghe.example.com/api/v3'), 'https://ghe.example.com');
    assert.equal(githubWebUrl('http://127.0.0.1:4000'), 'http://127.0.0.1:4000');
  });
});
