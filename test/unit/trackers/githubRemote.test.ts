import * as assert from 'node:assert/strict';
import { githubApiUrl, parseGitHubRemote } from '../../../src/engine/trackers';

describe('GitHub repository and API from the machine', () => {
  it('reads owner/name from every form an origin remote takes, GitHub Enterprise hosts included', () => {
    const cases: Array<[string, string]> = [
      ['https://github.com/paydown-dev/paydown.git', 'paydown-dev/paydown'],
      ['https://github.com/paydown-dev/paydown', 'paydown-dev/paydown'],
      ['https://github.com/paydown-dev/paydown/', 'paydown-dev/paydown'],
      ['https://x-access-token:ghs_secret@github.com/paydown-dev/paydown.git', 'paydown-dev/paydown'],
      ['git@github.com:paydown-dev/paydown.git', 'paydown-dev/paydown'],
      ['github.com:paydown-dev/paydown', 'paydown-dev/paydown'],
      ['ssh://git@github.com/paydown-dev/paydown.git', 'paydown-dev/paydown'],
      ['ssh://git@ghe.example.com:2222/team/pay.api.git', 'team/pay.api'],
      ['git@ghe.example.com:team/pay_api.git', 'team/pay_api'],
      ['https://ghe.example.com/team/pay-api.git\n', 'team/pay-api'],
      ['git://github.com/paydown-dev/paydown.git', 'paydown-dev/paydown'],
    ];
    for (const [remote, repo] of cases) assert.equal(parseGitHubRemote(remote), repo, remote);
  });

  it('refuses what names no repository', () => {
    for (const remote of ['', '/srv/git/paydown.git', '../paydown', 'https://github.com/paydown-dev', 'https://gitlab.com/group/sub/project.git', 'file:///srv/git/o/n.git', 'not a url']) {
      assert.equal(parseGitHubRemote(remote), null, remote);
    }
  });

  it('takes the API from GITHUB_API_URL, else api.github.com', () => {
    assert.equal(githubApiUrl({}), 'https://api.github.com');
    assert.equal(githubApiUrl({ GITHUB_API_URL: '  ' }), 'https://api.github.com');
    assert.equal(githubApiUrl({ GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }), 'https://ghe.example.com/api/v3');
  });
});
