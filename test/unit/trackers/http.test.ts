import * as assert from 'node:assert/strict';
import { nextLink, redactor, trackerMessage } from '../../../src/engine/trackers';

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
  });

  it('removes a token in every form it may travel in', () => {
    const redact = redactor(['ghp_s3cr3t/+=', 'Basic dXNlcjp0b2s=']);
    assert.equal(redact('token ghp_s3cr3t/+= and ghp_s3cr3t%2F%2B%3D and Basic dXNlcjp0b2s='), 'token *** and *** and ***');
    assert.equal(redactor([])('nothing to hide'), 'nothing to hide');
  });
});
