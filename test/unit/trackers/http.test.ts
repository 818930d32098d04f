import * as assert from 'node:assert/strict';
import type { HttpRequest } from '../../../src/engine/ports';
import { TrackerError, createTrackerHttp, nextLink, redactor, trackerMessage } from '../../../src/engine/trackers';

describe('tracker request layer: the pure parts', () => {
  it('finds the next page in a Link header, whatever the order of its relations', () => {
    assert.equal(nextLink('<https://api.github.com/r?page=2>; rel="next", <https://api.github.com/r?page=5>; rel="last"'), 'https://api.github.com/r?page=2');
    assert.equal(nextLink('<https://x/r?page=1>; rel="prev", <https://x/r?page=3>; rel="next"'), 'https://x/r?page=3');
    assert.equal(nextLink('<https://x/r?page=1>; rel="first", <https://x/r?page=1>; rel="prev"'), null);
    assert.equal(nextLink(undefined), null);
  });

  it("reads the tracker's own words and the fields it names from GitHub, GitLab and Jira error bodies", () => {
    assert.deepEqual(trackerMessage('{"message":"Validation Failed","errors":[{"resource":"Issue","field":"assignees","code":"invalid"}]}'), { message: 'Validation Failed; assignees invalid', fields: ['assignees'] });
    assert.deepEqual(trackerMessage('{"errorMessages":["Issue does not exist"],"errors":{}}'), { message: 'Issue does not exist', fields: [] });
    assert.deepEqual(trackerMessage('<html>Bad gateway</html>'), { message: '<html>Bad gateway</html>', fields: [] });
    // Jira names refused fields in an object, not a list.
    assert.deepEqual(trackerMessage('{"errorMessages":[],"errors":{"assignee":"User \'mallory\' cannot be assigned issues.","customfield_10016":"Field cannot be set."}}'), {
      message: "assignee: User 'mallory' cannot be assigned issues.; customfield_10016: Field cannot be set.",
      fields: ['assignee', 'customfield_10016'],
    });
  });

  it('removes a token in every form it may travel in', () => {
    const redact = redactor(['ghp_s3cr3t/+=', 'Basic dXNlcjp0b2s=']);
    assert.equal(redact('token ghp_s3cr3t/+= and ghp_s3cr3t%2F%2B%3D and Basic dXNlcjp0b2s='), 'token *** and *** and ***');
    assert.equal(redactor([])('nothing to hide'), 'nothing to hide');
  });

  it("keeps a Basic header's credential part out of messages: base64 of `email:token` holds no copy of the token", async () => {
    const basic = Buffer.from('pat@example.com:api-token-123').toString('base64');
    const http = createTrackerHttp({
      name: 'Jira',
      http: { request: () => Promise.resolve({ status: 400, headers: {}, body: JSON.stringify({ errorMessages: [`header ${basic} refused`], errors: {} }) }) },
      clock: { now: () => new Date(0) },
      credentials: { token: 'api-token-123', host: 'https://jira.example' },
      authorization: (t) => `Basic ${Buffer.from(`pat@example.com:${t}`).toString('base64')}`,
    });
    const err = await http.request({ method: 'GET', url: 'https://jira.example/rest/api/3/myself' }).then(
      () => assert.fail('expected invalid'),
      (e: unknown) => e,
    );
    assert.ok(TrackerError.is(err, 'invalid'));
    assert.equal(err.message, 'Jira GET jira.example/rest/api/3/myself: answered 400: header *** refused');
  });
});

describe('tracker request layer: pacing writes', () => {
  /** A layer over an in-memory tracker that answers every request 201, on a clock only its waits move. */
  function layer(maxWaitMs: number): { http: ReturnType<typeof createTrackerHttp>; sent: Array<{ method: string; at: number }>; slept: number[] } {
    let now = Date.parse('2026-03-02T09:00:00Z');
    const sent: Array<{ method: string; at: number }> = [];
    const slept: number[] = [];
    const http = createTrackerHttp({
      name: 'Tracker',
      http: { request: (r: HttpRequest) => (sent.push({ method: r.method, at: now }), Promise.resolve({ status: 201, headers: {}, body: '{}' })) },
      clock: { now: () => new Date(now) },
      credentials: { token: 'tok_secret', host: 'https://tracker.example' },
      sleep: (ms) => ((now += ms), slept.push(ms), Promise.resolve()),
      random: () => 0,
      maxWaitMs,
      pacing: { minIntervalMs: 1000, perHour: 3 },
    });
    return { http, sent, slept };
  }

  it('spaces writes, leaves reads alone, and keeps to the hourly budget', async () => {
    const { http, sent } = layer(2 * 3_600_000);
    for (let i = 0; i < 4; i++) {
      await http.request({ method: 'POST', url: 'https://tracker.example/issues', body: { i } });
      await http.request({ method: 'GET', url: 'https://tracker.example/issues' });
    }
    const writes = sent.filter((s) => s.method === 'POST').map((s) => s.at - sent[0]!.at);
    assert.deepEqual(writes, [0, 1000, 2000, 3_600_000]);
  });

  it('stops with rate-limited and the time to come back when the hourly budget needs a longer wait than allowed', async () => {
    const { http, sent, slept } = layer(60_000);
    for (let i = 0; i < 3; i++) await http.request({ method: 'POST', url: 'https://tracker.example/issues', body: { i } });
    const err = await http.request({ method: 'POST', url: 'https://tracker.example/issues', body: { i: 3 } }).then(
      () => assert.fail('expected rate-limited'),
      (e: unknown) => e,
    );
    assert.ok(TrackerError.is(err, 'rate-limited'));
    assert.equal(err.details.retryAt, new Date(sent[0]!.at + 3_600_000).toISOString());
    assert.deepEqual([sent.length, slept], [3, [1000, 1000]]);
  });
});
