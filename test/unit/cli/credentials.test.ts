import * as assert from 'node:assert/strict';
import { gitlabCredential, jiraCredential, linearCredential, githubCredential } from '../../../src/cli/credentials';
import { codeLinksOfRemote } from '../../../src/engine/git/codeLinks';
import { PaydownError } from '../../../src/engine/errors';

describe('CLI credentials: each token with the API it was given for, from the environment only', () => {
  it('GitHub: PAYDOWN_GITHUB_TOKEN before GITHUB_TOKEN, for GITHUB_API_URL (default api.github.com)', () => {
    assert.deepEqual([githubCredential({}).apiUrl, githubCredential({}).token], ['https://api.github.com', null]);
    const both = githubCredential({ PAYDOWN_GITHUB_TOKEN: 'ghp_ours', GITHUB_TOKEN: 'ghp_actions', GITHUB_API_URL: 'https://ghe.acme.com/api/v3/' });
    assert.deepEqual([both.apiUrl, both.token], ['https://ghe.acme.com/api/v3', 'ghp_ours']);
  });

  it('GitLab: GITLAB_URL (the instance, /api/v4 added) before CI_API_V4_URL (GitLab CI) before gitlab.com', () => {
    assert.equal(gitlabCredential({}).apiUrl, 'https://gitlab.com/api/v4');
    assert.equal(gitlabCredential({ GITLAB_URL: 'https://gitlab.acme.com/' }).apiUrl, 'https://gitlab.acme.com/api/v4');
    assert.equal(gitlabCredential({ GITLAB_URL: 'https://gitlab.acme.com/api/v4' }).apiUrl, 'https://gitlab.acme.com/api/v4');
    assert.equal(gitlabCredential({ GITLAB_URL: 'https://gitlab.acme.com', CI_API_V4_URL: 'https://gitlab.ci.example/api/v4' }).apiUrl, 'https://gitlab.acme.com/api/v4');
    assert.equal(gitlabCredential({ CI_API_V4_URL: 'https://gitlab.ci.example/api/v4' }).apiUrl, 'https://gitlab.ci.example/api/v4');
    assert.equal(gitlabCredential({ PAYDOWN_GITLAB_TOKEN: 'glpat-ours', GITLAB_TOKEN: 'glpat-other' }).token, 'glpat-ours');
    assert.equal(gitlabCredential({ GITLAB_TOKEN: 'glpat-other' }).token, 'glpat-other');
  });

  it('Jira: basic sign-in (email + API token) on Cloud, a PAT on Data Center, and no token at all without JIRA_URL', () => {
    const cloud = jiraCredential({ JIRA_URL: 'https://acme.atlassian.net', JIRA_EMAIL: 'lead@acme.com', JIRA_API_TOKEN: 'atl-token' });
    assert.deepEqual([cloud.apiUrl, cloud.user, cloud.token], ['https://acme.atlassian.net', 'lead@acme.com', 'atl-token']);
    const dc = jiraCredential({ JIRA_URL: 'https://jira.acme.com/jira', JIRA_PAT: 'dc-pat' });
    assert.deepEqual([dc.apiUrl, dc.user ?? null, dc.token], ['https://jira.acme.com/jira', null, 'dc-pat']);
    // A token without the site it belongs to goes nowhere, whatever the workspace config names.
    const siteless = jiraCredential({ JIRA_EMAIL: 'lead@acme.com', JIRA_API_TOKEN: 'atl-token', JIRA_PAT: 'dc-pat' });
    assert.deepEqual([siteless.apiUrl, siteless.token], [null, null]);
    assert.match(siteless.hints.token, /JIRA_URL/);
  });

  it('Linear: LINEAR_API_KEY for LINEAR_API_URL (default api.linear.app)', () => {
    assert.deepEqual([linearCredential({ LINEAR_API_KEY: 'lin_api_x' }).apiUrl, linearCredential({ LINEAR_API_KEY: 'lin_api_x' }).token], ['https://api.linear.app/graphql', 'lin_api_x']);
  });

  it('a variable that is not an http(s) URL is a usage error naming it', () => {
    for (const [make, env, name] of [
      [gitlabCredential, { GITLAB_URL: 'gitlab.acme.com' }, 'GITLAB_URL'],
      [jiraCredential, { JIRA_URL: 'ftp://jira' }, 'JIRA_URL'],
      [linearCredential, { LINEAR_API_URL: 'nope' }, 'LINEAR_API_URL'],
    ] as const) {
      assert.throws(() => make(env), (err: unknown) => PaydownError.is(err, 'usage') && err.message.includes(name));
    }
  });
});

describe('code links for tickets, from the origin remote', () => {
  it('links lines at a commit on github.com and gitlab.com (nested groups), from https, scp and ssh remotes', () => {
    const gh = codeLinksOfRemote('git@github.com:acme/pay.git')!;
    assert.equal(gh.file('abc123', 'src/a b.ts', 3, 5), 'https://github.com/acme/pay/blob/abc123/src/a%20b.ts#L3-L5');
    assert.equal(gh.commit('abc123'), 'https://github.com/acme/pay/commit/abc123');
    const gl = codeLinksOfRemote('ssh://git@gitlab.com:2222/acme/platform/pay.git')!;
    assert.equal(gl.file('abc123', 'src/a.ts', 3, 3), 'https://gitlab.com/acme/platform/pay/-/blob/abc123/src/a.ts#L3');
    assert.equal(gl.file('abc123', 'src/a.ts', 3, 4), 'https://gitlab.com/acme/platform/pay/-/blob/abc123/src/a.ts#L3-4');
    // A rendered file's lines are in its source view.
    assert.equal(gh.file('abc123', 'notebooks/explore.ipynb', 27, 27), 'https://github.com/acme/pay/blob/abc123/notebooks/explore.ipynb?plain=1#L27');
    assert.equal(gl.file('abc123', 'docs/README.md', 3, 4), 'https://gitlab.com/acme/platform/pay/-/blob/abc123/docs/README.md?plain=1#L3-4');
    assert.equal(codeLinksOfRemote('https://token@gitlab.com/acme/pay')!.commit('f00'), 'https://gitlab.com/acme/pay/-/commit/f00');
  });

  it('gives no link for a host whose style is unknown, unless told what it runs', () => {
    assert.equal(codeLinksOfRemote('git@git.acme.com:acme/pay.git'), null);
    assert.equal(codeLinksOfRemote('git@git.acme.com:acme/pay.git', 'gitlab')!.commit('f00'), 'https://git.acme.com/acme/pay/-/commit/f00');
    assert.equal(codeLinksOfRemote('/srv/git/pay.git'), null);
  });
});
