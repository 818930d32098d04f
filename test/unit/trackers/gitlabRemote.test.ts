import * as assert from 'node:assert/strict';
import { gitlabApiUrl, gitlabIterationName, gitlabNaming, gitlabWebUrl, parseGitLabRemote } from '../../../src/engine/trackers';

describe('GitLab project and API from the machine', () => {
  it('reads host and project from every form an origin remote takes, nested groups and self-managed hosts included', () => {
    const cases: Array<[string, { host: string; project: string }]> = [
      ['https://gitlab.com/paydown-dev/paydown.git', { host: 'gitlab.com', project: 'paydown-dev/paydown' }],
      ['https://gitlab.com/paydown-dev/paydown', { host: 'gitlab.com', project: 'paydown-dev/paydown' }],
      ['https://gitlab.com/acme/backend/payments/api/', { host: 'gitlab.com', project: 'acme/backend/payments/api' }],
      ['https://oauth2:glpat-secret@gitlab.acme.com/acme/pay.git', { host: 'gitlab.acme.com', project: 'acme/pay' }],
      ['https://gitlab.acme.com:8443/acme/sub/pay.git', { host: 'gitlab.acme.com:8443', project: 'acme/sub/pay' }],
      ['git@gitlab.com:acme/sub/pay.git', { host: 'gitlab.com', project: 'acme/sub/pay' }],
      ['gitlab.acme.com:acme/pay_api', { host: 'gitlab.acme.com', project: 'acme/pay_api' }],
      ['ssh://git@gitlab.acme.com:2222/acme/sub/pay.api.git', { host: 'gitlab.acme.com', project: 'acme/sub/pay.api' }],
      ['ssh://git@GitLab.com/acme/pay.git\n', { host: 'gitlab.com', project: 'acme/pay' }],
    ];
    for (const [remote, expected] of cases) assert.deepEqual(parseGitLabRemote(remote), expected, remote);
  });

  it('refuses what names no project', () => {
    for (const remote of ['', '/srv/git/paydown.git', '../paydown', 'https://gitlab.com/paydown-dev', 'file:///srv/git/o/n.git', 'C:\\src\\pay', 'not a url', 'https://gitlab.com/acme/-/pay']) {
      assert.equal(parseGitLabRemote(remote), null, remote);
    }
  });

  it('turns an API base into its web address, keeping a relative-URL prefix', () => {
    assert.equal(gitlabWebUrl('https://gitlab.com/api/v4'), 'https://gitlab.com');
    assert.equal(gitlabWebUrl('https://gitlab.acme.com/api/v4/'), 'https://gitlab.acme.com');
    assert.equal(gitlabWebUrl('https://acme.dev:8443/gitlab/api/v4'), 'https://acme.dev:8443/gitlab');
  });

  it('takes the API from GITLAB_URL (web or API address), else CI_API_V4_URL, else gitlab.com', () => {
    assert.equal(gitlabApiUrl({}), 'https://gitlab.com/api/v4');
    assert.equal(gitlabApiUrl({ GITLAB_URL: ' ' }), 'https://gitlab.com/api/v4');
    assert.equal(gitlabApiUrl({ GITLAB_URL: 'https://acme.dev:8443/gitlab/' }), 'https://acme.dev:8443/gitlab/api/v4');
    assert.equal(gitlabApiUrl({ GITLAB_URL: 'https://gitlab.acme.com/api/v4/' }), 'https://gitlab.acme.com/api/v4');
    assert.equal(gitlabApiUrl({ CI_API_V4_URL: 'https://gitlab.ci.example/api/v4' }), 'https://gitlab.ci.example/api/v4');
    assert.equal(gitlabApiUrl({ GITLAB_URL: 'https://gitlab.acme.com', CI_API_V4_URL: 'https://gitlab.ci.example/api/v4' }), 'https://gitlab.acme.com/api/v4');
  });
});

describe('GitLab ticket naming', () => {
  const naming = gitlabNaming('acme/backend/pay');

  it('reads GL-12, #12 and the full reference of the configured project, and nothing of another', () => {
    assert.equal(naming.keyOfReference('GL-12'), 'acme/backend/pay#12');
    assert.equal(naming.keyOfReference('gl-12'), 'acme/backend/pay#12');
    assert.equal(naming.keyOfReference('#12'), 'acme/backend/pay#12');
    assert.equal(naming.keyOfReference('Acme/Backend/Pay#12'), 'acme/backend/pay#12');
    for (const other of ['acme/pay#12', 'acme/backend/pay/x#12', 'GH-12', 'PAY-12', 'GL-', 'acme/backend/pay#x']) assert.equal(naming.keyOfReference(other), null, other);
  });

  it('writes GL-12 back for a key of the project, and round-trips', () => {
    assert.equal(naming.referenceOfKey('acme/backend/pay#12'), 'GL-12');
    assert.equal(naming.referenceOfKey('#12'), null, 'a bare key is the first ledger format of GitHub links, never GitLab');
    assert.equal(naming.referenceOfKey('acme/pay#12'), null);
    assert.equal(naming.referenceOfKey('owner/repo#12'), null);
    for (const ref of ['GL-1', 'GL-412']) assert.equal(naming.referenceOfKey(naming.keyOfReference(ref)!), ref);
    for (const key of ['acme/backend/pay#7']) assert.equal(naming.keyOfReference(naming.referenceOfKey(key)!), key);
  });
});

describe('GitLab iteration names', () => {
  it('a title when there is one, else the cadence sequence, else the dates', () => {
    const it = { id: 71, start_date: '2026-03-02', due_date: '2026-03-15' };
    assert.equal(gitlabIterationName({ ...it, title: 'Sprint 12', sequence: 4 }), 'Sprint 12');
    assert.equal(gitlabIterationName({ ...it, title: null, sequence: 4 }), 'Iteration 4');
    assert.equal(gitlabIterationName({ ...it, title: '  ', sequence: 4 }), 'Iteration 4');
    assert.equal(gitlabIterationName({ ...it, title: null }), 'Iteration 2026-03-02 – 2026-03-15');
  });
});
