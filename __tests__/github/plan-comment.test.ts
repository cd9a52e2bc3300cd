// The pull request's plan comment: adopted only when the token itself wrote it, and sent without the run's secrets
// in any spelling the Markdown gives them.
import { describe, expect, it } from '@jest/globals';
import { commentMarker, commentPlan, ownComment } from '../../src/github/plan-comment.js';
import { tokenLogin, type IssueComment } from '../../src/github/rest.js';
import { workflowRun } from '../../src/github/run.js';
import type { ReleasePlan } from '../../src/plan/index.js';
import type { HttpRequest, HttpResponse, Seams } from '../../src/seams.js';
import { Outbound, SecretSet } from '../../src/secrets/index.js';
import { captureStdout } from '../inputs/fixture.js';

const env = {
  GITHUB_API_URL: 'https://api.github.com',
  GITHUB_REPOSITORY: 'contoso/gateway-infra',
  GITHUB_EVENT_NAME: 'pull_request',
  GITHUB_REF: 'refs/pull/7/merge',
};
const REPO = 'https://api.github.com/repos/contoso/gateway-infra';
const json = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, body: JSON.stringify(body) });

function fakeGitHub(answers: Record<string, HttpResponse>) {
  const requests: HttpRequest[] = [];
  const seams: Seams = {
    http: async (request) => {
      requests.push(request);
      return answers[`${request.method} ${request.url}`] ?? json(404, { message: 'Not Found' });
    },
    run: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
    sleep: async () => {},
    now: () => 0,
  };
  return { seams, requests };
}

const release = { name: 'portkey-ai', namespace: 'portkeyai' };
const marker = commentMarker(release);
const comment = (id: number, login: string, body = `${marker}\nold plan`): IssueComment => ({
  id,
  body,
  html_url: `https://github.com/contoso/gateway-infra/pull/7#issuecomment-${id}`,
  user: { login },
});

describe('ownComment', () => {
  const comments = [comment(1, 'mallory'), comment(2, 'someone', 'no marker'), comment(3, 'github-actions[bot]')];
  it.each([
    ['github-actions[bot]', 3],
    ['GitHub-Actions[bot]', 3],
    ['mallory', 1],
    ['portkey-deployer[bot]', undefined],
    [undefined, undefined],
  ])('the token acting as %s adopts comment %s', (login, id) => {
    expect(ownComment(comments, marker, login)?.id).toBe(id);
  });
});

describe('tokenLogin', () => {
  const client = (fake: ReturnType<typeof fakeGitHub>) => ({
    run: workflowRun(env),
    token: 't',
    seams: fake.seams,
    secrets: new SecretSet(() => undefined),
  });

  it("asks GraphQL's viewer, which answers for an app's token too", async () => {
    const fake = fakeGitHub({
      'POST https://api.github.com/graphql': json(200, { data: { viewer: { login: 'github-actions[bot]' } } }),
    });
    await expect(tokenLogin(client(fake))).resolves.toBe('github-actions[bot]');
    expect(JSON.parse(fake.requests[0].body ?? '')).toEqual({ query: 'query { viewer { login } }' });
  });

  it('falls back to GET /user, and finds GraphQL beside a GitHub Enterprise Server REST API', async () => {
    const fake = fakeGitHub({ 'GET https://ghe.example/api/v3/user': json(200, { login: 'octocat' }) });
    const onServer = { ...client(fake), run: workflowRun({ ...env, GITHUB_API_URL: 'https://ghe.example/api/v3' }) };
    await expect(tokenLogin(onServer)).resolves.toBe('octocat');
    expect(fake.requests.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST https://ghe.example/api/graphql',
      'GET https://ghe.example/api/v3/user',
    ]);
  });
});

describe('commentPlan', () => {
  // A secret that the plan's Markdown escapes (`_`, `*`): redacted only after formatting, it would survive.
  const secret = 'sk_live*4f9a_2c7e';
  const plan: ReleasePlan = {
    release,
    deployedRevision: 1,
    hasChanges: true,
    counts: { add: 0, change: 1, remove: 0 },
    headline: '1 to change',
    resources: [],
    unchangedResources: 0,
    values: [{ action: 'change', key: 'replicaCount', source: `values-files (${secret}.yaml)`, secret: false }],
  };

  async function post(viewer: string, notes: string[] = []) {
    const fake = fakeGitHub({
      [`GET ${REPO}/issues/7/comments?per_page=100`]: json(200, [
        comment(1, 'mallory'),
        comment(3, 'github-actions[bot]'),
      ]),
      'POST https://api.github.com/graphql': json(200, { data: { viewer: { login: viewer } } }),
      [`PATCH ${REPO}/issues/comments/3`]: json(200, comment(3, 'github-actions[bot]')),
      [`POST ${REPO}/issues/7/comments`]: json(201, comment(9, viewer)),
    });
    const secrets = new SecretSet(() => undefined);
    secrets.add(secret);
    const request = { plan, notes, outbound: new Outbound(secrets), secrets, token: 't', seams: fake.seams, env };
    const { result } = await captureStdout(() => commentPlan(request));
    const written = fake.requests.filter((r) => r.method !== 'GET' && !r.url.endsWith('/graphql'));
    return { result, written };
  }

  it("updates the token's own comment, not one with the marker somebody else wrote", async () => {
    const { result, written } = await post('github-actions[bot]');
    expect(result.url).toContain('issuecomment-3');
    expect(written.map((r) => `${r.method} ${r.url}`)).toEqual([`PATCH ${REPO}/issues/comments/3`]);
  });

  it('posts a new comment when none is its own', async () => {
    const { written } = await post('portkey-deployer[bot]');
    expect(written.map((r) => `${r.method} ${r.url}`)).toEqual([`POST ${REPO}/issues/7/comments`]);
  });

  it("leads with where the release differs from Portkey's chart defaults, one line each", async () => {
    const { written } = await post('github-actions[bot]', ['No cache (`cache: none`): Portkey deploys a Redis.']);
    const body = (JSON.parse(written[0].body ?? '') as { body: string }).body;
    expect(
      body.startsWith(`${marker}\nℹ️ No cache (\`cache: none\`): Portkey deploys a Redis.\n\n### Plan: 1 to change`),
    ).toBe(true);
  });

  it('sends the plan without the secret, in any spelling the Markdown gives it', async () => {
    const { written } = await post('github-actions[bot]');
    const body = (JSON.parse(written[0].body ?? '') as { body: string }).body;
    expect(body.startsWith(`${marker}\n### Plan: 1 to change`)).toBe(true);
    expect(body).toContain('values-files (\\*\\*\\*.yaml)');
    for (const form of [secret, 'sk\\_live\\*4f9a\\_2c7e', '4f9a']) expect(body).not.toContain(form);
  });
});
