// The GitHub API emulator answers the way GitHub does: its shapes, its status codes and error bodies, and its
// automatic inactivation of replaced deployments, so the action's handling of each is tested against the real thing's
// behaviour.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { request } from 'node:https';
import { startGitHubApi, type GitHubApi } from '../../sandbox/github-api.js';
import { createTestCertificate, type TestCertificate } from '../../sandbox/tls.js';

const SHA = '4f1b6a0d2c3e5f7081923a4b5c6d7e8f90a1b2c3';
const TOKENS = { write: 'ghs_write', read: 'ghs_read', none: 'ghs_none', user: 'ghp_user' };

describe('the GitHub API emulator', () => {
  let tls: TestCertificate;
  let api: GitHubApi;

  function call(method: string, path: string, token: string | undefined, body?: object) {
    return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
      if (token) headers.authorization = `Bearer ${token}`;
      const req = request(`${api.url}${path}`, { method, ca: tls.cert, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) }));
      });
      req.on('error', reject);
      req.end(body ? JSON.stringify(body) : undefined);
    });
  }
  const repo = '/repos/octo-org/portkey-infra/deployments';
  const create = (environment: string, extra: object = {}) =>
    call('POST', repo, TOKENS.write, { ref: SHA, environment, auto_merge: false, required_contexts: [], ...extra });

  beforeAll(async () => {
    tls = createTestCertificate();
    api = await startGitHubApi({
      tls,
      repository: 'octo-org/portkey-infra',
      commits: [SHA],
      tokens: { [TOKENS.write]: 'write', [TOKENS.read]: 'read', [TOKENS.none]: 'none', [TOKENS.user]: 'write' },
      logins: { [TOKENS.user]: 'octocat' },
    });
  });
  afterAll(async () => {
    await api?.close();
    tls?.dispose();
  });

  it('creates a deployment with GitHub’s shape and lists it newest first', async () => {
    const first = await create('staging', { payload: { release: 'r' } });
    const second = await create('staging');
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      sha: SHA,
      ref: SHA,
      task: 'deploy',
      environment: 'staging',
      original_environment: 'staging',
      payload: { release: 'r' },
      transient_environment: false,
      production_environment: false,
      creator: { login: 'github-actions[bot]' },
      statuses_url: `${api.url}${repo}/${first.body.id}/statuses`,
    });
    const listed = await call('GET', `${repo}?environment=staging`, TOKENS.read);
    expect(listed.status).toBe(200);
    expect((listed.body as unknown as { id: number }[]).map((d) => d.id)).toEqual([second.body.id, first.body.id]);
    expect((await create('production')).body.production_environment).toBe(true);
  });

  it('adds statuses, and a success makes the replaced deployment of a non-production environment inactive', async () => {
    const older = (await create('qa')).body.id as number;
    const newer = (await create('qa')).body.id as number;
    const status = (id: number, state: string, extra: object = {}) =>
      call('POST', `${repo}/${id}/statuses`, TOKENS.write, { state, ...extra });
    expect(
      (await status(older, 'success', { environment_url: 'http://x', log_url: 'https://run' })).body,
    ).toMatchObject({
      state: 'success',
      environment: 'qa',
      environment_url: 'http://x',
      log_url: 'https://run',
      target_url: 'https://run',
    });
    await status(newer, 'success');
    expect(api.statuses(older).map((s) => s.state)).toEqual(['success', 'inactive']);
    const listed = await call('GET', `${repo}/${older}/statuses?per_page=1`, TOKENS.read);
    expect((listed.body as unknown as { state: string }[]).map((s) => s.state)).toEqual(['inactive']);
  });

  it('keeps a production deployment active until told otherwise, as GitHub does', async () => {
    const older = (await create('production')).body.id as number;
    const newer = (await create('production')).body.id as number;
    await call('POST', `${repo}/${older}/statuses`, TOKENS.write, { state: 'success' });
    await call('POST', `${repo}/${newer}/statuses`, TOKENS.write, { state: 'success' });
    expect(api.statuses(older).map((s) => s.state)).toEqual(['success']);
  });

  it.each([
    ['no token', 'POST', repo, undefined, { ref: SHA }, 401, 'Bad credentials'],
    ['an unknown token', 'POST', repo, 'ghs_unknown', { ref: SHA }, 401, 'Bad credentials'],
    [
      'a token without deployments: write',
      'POST',
      repo,
      TOKENS.read,
      { ref: SHA },
      403,
      'Resource not accessible by integration',
    ],
    [
      'a token without deployments: read',
      'GET',
      repo,
      TOKENS.none,
      undefined,
      403,
      'Resource not accessible by integration',
    ],
    ['another repository', 'POST', '/repos/octo-org/other/deployments', TOKENS.write, { ref: SHA }, 404, 'Not Found'],
    ['an unknown deployment', 'POST', `${repo}/1/statuses`, TOKENS.write, { state: 'success' }, 404, 'Not Found'],
    [
      'a commit the repository lacks',
      'POST',
      repo,
      TOKENS.write,
      { ref: 'f'.repeat(40) },
      422,
      `No ref found for: ${'f'.repeat(40)}`,
    ],
  ])('refuses %s with %s %s → %i', async (_, method, path, token, body, status, message) => {
    const answer = await call(method, path, token, body);
    expect(answer.status).toBe(status);
    expect(answer.body).toMatchObject({
      message,
      status: String(status),
      documentation_url: expect.stringMatching(/^https:\/\/docs\.github\.com\/rest/),
    });
  });

  it('validates a status like GitHub: 422 with the field in error', async () => {
    const id = (await create('dev')).body.id as number;
    const bad = await call('POST', `${repo}/${id}/statuses`, TOKENS.write, { state: 'done' });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({
      message: 'Validation Failed',
      errors: [{ resource: 'DeploymentStatus', code: 'invalid', field: 'state' }],
    });
    const long = await call('POST', `${repo}/${id}/statuses`, TOKENS.write, {
      state: 'failure',
      description: 'x'.repeat(141),
    });
    expect(long.body).toMatchObject({
      errors: [{ field: 'description', message: 'description is too long (maximum is 140 characters)' }],
    });
  });

  it("says who a token is: GraphQL's viewer for every token, GET /user for a user's only", async () => {
    const viewer = { query: 'query { viewer { login } }' };
    expect(await call('POST', '/graphql', TOKENS.write, viewer)).toEqual({
      status: 200,
      body: { data: { viewer: { login: 'github-actions[bot]' } } },
    });
    expect((await call('POST', '/graphql', TOKENS.user, viewer)).body).toEqual({
      data: { viewer: { login: 'octocat' } },
    });
    expect(await call('GET', '/user', TOKENS.write)).toMatchObject({
      status: 403,
      body: { message: 'Resource not accessible by integration' },
    });
    expect(await call('GET', '/user', TOKENS.user)).toMatchObject({
      status: 200,
      body: { login: 'octocat', type: 'User' },
    });
    expect((await call('GET', '/user', 'ghs_unknown')).status).toBe(401);
  });

  it("writes each comment under its token's login, and anybody's with addComment", async () => {
    const comments = '/repos/octo-org/portkey-infra/issues/3/comments';
    const mine = await call('POST', comments, TOKENS.write, { body: 'from the job' });
    const theirs = api.addComment(3, 'from a reviewer', 'mallory');
    expect(mine).toMatchObject({ status: 201, body: { user: { login: 'github-actions[bot]', type: 'Bot' } } });
    expect(theirs).toMatchObject({ body: 'from a reviewer', user: { login: 'mallory', type: 'User' } });
    expect(api.comments(3).map((c) => c.user.login)).toEqual(['github-actions[bot]', 'mallory']);
  });

  it('records every request with the status it answered, and can play an outage', async () => {
    api.setOutage(503);
    const down = await create('dev');
    api.setOutage(undefined);
    expect(down.status).toBe(503);
    expect(api.requests.at(-1)).toMatchObject({ method: 'POST', path: repo, status: 503, token: TOKENS.write });
  });
});
