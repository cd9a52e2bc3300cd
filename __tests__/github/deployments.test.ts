import { beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionConfig } from '../../src/inputs/config.js';
import { ActionError } from '../../src/errors.js';
import {
  chooseEnvironment,
  explainApiFailure,
  finishedStatus,
  deploymentsOfRelease,
  replacedBy,
  uninstalledStatus,
} from '../../src/github/deployment-decisions.js';
import { trackGitHubDeployment } from '../../src/github/index.js';
import { deploymentsApi, GitHubApiError, issueCommentsApi, shorten } from '../../src/github/rest.js';
import { workflowRun } from '../../src/github/run.js';
import { RunOutcome, type DeployOutcome } from '../../src/report/outcome.js';
import type { HttpRequest, HttpResponse, Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';
import { azureInputs, captureStdout, configFrom, validInputs } from '../inputs/fixture.js';
import { deployed } from '../report/outcomes.js';

const env = {
  GITHUB_API_URL: 'https://ghe.example.com/api/v3',
  GITHUB_SERVER_URL: 'https://ghe.example.com',
  GITHUB_REPOSITORY: 'contoso/gateway-infra',
  GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  GITHUB_RUN_ID: '4242',
  GITHUB_RUN_ATTEMPT: '1',
  ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/?x=1',
};
const run = workflowRun(env);
const LOG = 'https://ghe.example.com/contoso/gateway-infra/actions/runs/4242/attempts/1';
const REPO = 'https://ghe.example.com/api/v3/repos/contoso/gateway-infra';
const BASE = `${REPO}/deployments`;

/** An unsigned JWT with these claims: the action only reads them. */
const jwt = (claims: object) => `e30.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.sig`;

describe('what the GitHub Deployment says', () => {
  it.each([
    ['prod', undefined, 'prod'],
    ['', 'staging', 'staging'],
    ['eu-prod', 'staging', 'eu-prod'],
    ['', undefined, undefined],
    ['', '', undefined],
    ['', 42, undefined],
  ])('input %j and job environment %j record in %j', (input, job, expected) =>
    expect(chooseEnvironment(input, job)).toBe(expected),
  );

  it('keeps descriptions within the 140 characters GitHub accepts, on one line', () => {
    expect(shorten('a\n  b')).toBe('a b');
    const long = shorten('x'.repeat(300));
    expect(long).toHaveLength(140);
    expect(long.endsWith('…')).toBe(true);
  });

  const failed = (): DeployOutcome => ({ ...deployed(), succeeded: false });
  it.each([
    [
      'a healthy deploy',
      deployed(),
      undefined,
      {
        state: 'success',
        description: 'portkey-ai revision 3 deployed, smoke test passed',
        environment_url: 'http://20.50.1.2:8787',
        log_url: LOG,
      },
    ],
    [
      'a rollout that failed on the cluster',
      failed(),
      { error: new ActionError('The rollout of release portkey-ai failed: CrashLoopBackOff'), cancelled: false },
      { state: 'failure', description: 'The rollout of release portkey-ai failed: CrashLoopBackOff', log_url: LOG },
    ],
    [
      'a cancelled deploy',
      failed(),
      { error: new ActionError('The workflow was cancelled (SIGINT).'), cancelled: true },
      { state: 'error', description: 'The workflow was cancelled (SIGINT).', log_url: LOG },
    ],
  ])('%s ends the deployment with %#', (_, outcome, failure, status) => {
    expect(finishedStatus(outcome, run, failure)).toEqual(status);
  });

  it('gives a ClusterIP gateway its in-cluster URL', () => {
    const outcome = deployed();
    const inCluster = 'http://portkey-ai-gateway.portkeyai.svc.cluster.local:8787';
    outcome.address = { ...outcome.address!, via: 'cluster-ip', url: inCluster, inClusterUrl: inCluster };
    expect(finishedStatus(outcome, run).environment_url).toBe(inCluster);
  });

  const release = { release: 'portkey-ai', namespace: 'portkeyai', cluster: 'aks-prod', resourceGroup: 'rg-gw' };
  it.each([
    ['the same release', release, true],
    ['a release of the same name in another namespace', { ...release, namespace: 'staging' }, false],
    ['the same release on another cluster', { ...release, cluster: 'aks-dr' }, false],
    ['another release', { ...release, release: 'portkey-canary' }, false],
    ['a deployment of another tool, without a payload', undefined, false],
    ['a payload that is text', 'portkey-ai', false],
  ])('finds its own deployments by their payload: %s (%#)', (_what, payload, found) => {
    const config = configFrom({
      ...validInputs(),
      ...azureInputs,
      'cluster-name': 'aks-prod',
      'resource-group': 'rg-gw',
    });
    const listed = [{ id: 7, environment: 'prod', created_at: '', payload }];
    expect(deploymentsOfRelease(config, listed).map((d) => d.id)).toEqual(found ? [7] : []);
  });

  it('says an uninstalled release’s deployment is inactive, naming what was removed', () => {
    const config = configFrom({ ...validInputs(), ...azureInputs, 'cluster-name': 'aks-prod' });
    expect(uninstalledStatus(config, run)).toEqual({
      state: 'inactive',
      description: 'Uninstalled: portkey-ai in portkeyai on aks-prod',
      log_url: LOG,
    });
  });

  it('replaces only the older deployments, newest first', () => {
    const d = (id: number) => ({ id, environment: 'prod', created_at: '' });
    expect(replacedBy(5, [d(6), d(5), d(2), d(4), d(1)]).map((x) => x.id)).toEqual([4, 2, 1]);
  });

  it.each([
    [
      new GitHubApiError(401, 'Bad credentials'),
      'github-token',
      /refused the token in `github-token` \(GitHub answered 401 Bad credentials\)/,
    ],
    [
      new GitHubApiError(403, 'Resource not accessible by integration'),
      'github-token',
      /may not write deployments .*Add `deployments: write` to the job's `permissions:`/,
    ],
    [
      new GitHubApiError(404, 'Not Found'),
      'github-token',
      /404 Not Found for repository contoso\/gateway-infra at https:\/\/ghe\.example\.com\/api\/v3/,
    ],
    [
      new GitHubApiError(422, `No ref found for: ${env.GITHUB_SHA}`),
      'github-deployment',
      /commit 0123456789abcdef0123456789abcdef01234567 is not in contoso\/gateway-infra/,
    ],
    [
      new GitHubApiError(422, 'Validation Failed: description is too long (maximum is 140 characters)'),
      'github-deployment',
      /422 Validation Failed: description is too long/,
    ],
    [new GitHubApiError(503, 'Service Unavailable'), 'github-deployment', /503 Service Unavailable.*re-run later/],
    [
      Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }),
      'github-deployment',
      /API at https:\/\/ghe\.example\.com\/api\/v3 did not answer \(ECONNREFUSED\)/,
    ],
  ])('explains %s naming the input %s', (error, input, text) => {
    const explained = explainApiFailure(error, run, 'create the GitHub Deployment');
    expect(explained.details.input).toBe(input);
    expect(`${explained.message} ${explained.details.hint}`).toMatch(text);
    expect(explained.details.hint).toContain('`github-deployment: false`');
  });
});

interface Fake {
  seams: Seams;
  requests: HttpRequest[];
}

/** GitHub's API answering from a script: one response per request, keyed by "METHOD path". */
function fakeGitHub(answers: Record<string, HttpResponse | ((request: HttpRequest) => HttpResponse)>): Fake {
  const requests: HttpRequest[] = [];
  const seams: Seams = {
    http: async (request) => {
      requests.push(request);
      const key = `${request.method} ${request.url.replace(BASE, '')}`;
      const answer = answers[key] ?? { status: 404, headers: {}, body: '{"message":"Not Found"}' };
      return typeof answer === 'function' ? answer(request) : answer;
    },
    run: async () => ({ exitCode: 0, stdout: '', stderr: '' }),
    sleep: async () => {},
    now: () => 0,
  };
  return { seams, requests };
}
const json = (status: number, body: unknown): HttpResponse => ({ status, headers: {}, body: JSON.stringify(body) });

const quiet = () => new SecretSet(() => undefined);
const client = (fake: Fake, secrets = quiet(), token = 'ghs_token') => ({ run, token, seams: fake.seams, secrets });

describe('the REST client', () => {
  it('sends each call to GITHUB_API_URL with the token, the API version and a JSON body', async () => {
    const fake = fakeGitHub({ 'POST ': json(201, { id: 7 }), 'POST /7/statuses': json(201, {}) });
    const api = deploymentsApi(client(fake));
    await expect(
      api.create({
        ref: env.GITHUB_SHA,
        environment: 'prod',
        description: 'd',
        task: 'deploy',
        auto_merge: false,
        required_contexts: [],
        transient_environment: false,
        payload: {},
      }),
    ).resolves.toEqual({ id: 7 });
    await api.addStatus(7, { state: 'in_progress', description: 'x', log_url: LOG });
    expect(fake.requests.map((r) => [r.method, r.url])).toEqual([
      ['POST', BASE],
      ['POST', `${BASE}/7/statuses`],
    ]);
    expect(fake.requests[0].headers).toMatchObject({
      authorization: 'Bearer ghs_token',
      accept: 'application/vnd.github+json',
      'x-github-api-version': '2022-11-28',
      'content-type': 'application/json',
    });
    expect(JSON.parse(fake.requests[1].body ?? '')).toEqual({ state: 'in_progress', description: 'x', log_url: LOG });
  });

  it("keeps GitHub's message and a 422's field errors", async () => {
    const fake = fakeGitHub({
      'POST /7/statuses': json(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'DeploymentStatus', code: 'invalid', field: 'state' }],
        documentation_url: 'https://docs.github.com/rest',
        status: '422',
      }),
    });
    const error = await deploymentsApi(client(fake, quiet(), 't'))
      .addStatus(7, { state: 'success', description: '' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).message).toBe('GitHub answered 422 Validation Failed: state invalid');
  });

  // Secrets that are not hex: quotes, a backslash at the end, unicode, a line break, Markdown and HTML characters.
  const secret = 'p\u00e4ss"w\\o<r>d&_*\nline-two-9f8e\\';

  it('cuts every secret from every string of a body it sends, and the body stays valid JSON', async () => {
    const fake = fakeGitHub({ [`POST ${REPO}/issues/7/comments`]: json(201, { id: 1, body: '', html_url: 'u' }) });
    const secrets = quiet();
    secrets.add(secret);
    await issueCommentsApi(client(fake, secrets)).create(7, `before ${secret} after\n${JSON.stringify(secret)}`);
    const sent = fake.requests[0].body ?? '';
    expect(JSON.parse(sent)).toEqual({ body: 'before *** after\n"***"' });
    for (const form of [secret, JSON.stringify(secret).slice(1, -1), 'line-two-9f8e']) expect(sent).not.toContain(form);
  });

  it('tells GitHub a status with its secrets redacted before the description is cut to 140 characters', async () => {
    const fake = fakeGitHub({ 'POST /7/statuses': json(201, {}) });
    const secrets = quiet();
    secrets.add('sk-live-0123456789abcdef');
    // The secret straddles the 140th character: cut first, its head would stay unrecognised.
    const description = `${'x'.repeat(130)} sk-live-0123456789abcdef and more`;
    await deploymentsApi(client(fake, secrets)).addStatus(7, { state: 'failure', description });
    const sent = JSON.parse(fake.requests[0].body ?? '') as { description: string };
    expect(sent.description).toBe(`${'x'.repeat(130)} *** and …`);
    expect(fake.requests[0].body).not.toContain('sk-live');
  });
});

describe('trackGitHubDeployment', () => {
  let config: ActionConfig;
  beforeAll(async () => {
    ({ result: config } = await captureStdout(() =>
      configFrom({ ...validInputs(), ...azureInputs, command: 'deploy', 'github-token': 'ghs_job' }),
    ));
  });
  /** A deploy that went well, as the stages would have recorded it. */
  function outcomeOf(): RunOutcome {
    const { command, release, cluster, address, smokeTest, tools, kubeconfigPath, workloads, stages } = deployed();
    const outcome = new RunOutcome(stages);
    outcome.record({ command, release, cluster, address, smokeTest, tools, kubeconfigPath, workloads });
    return outcome;
  }
  const stage = <S>(_: string, fn: () => Promise<S>) => fn();

  /**
   * Tracks a command that, by default, passes its checks, calls beforeChanges and deploys; `command` can refuse
   * before that, or fail after.
   */
  async function track(
    options: {
      config?: Partial<ActionConfig['github']>;
      answers?: Parameters<typeof fakeGitHub>[0];
      claims?: object;
      cancelled?: boolean;
    },
    command: (beforeChanges: () => Promise<void>) => Promise<void> = (beforeChanges) => beforeChanges(),
  ) {
    const fake = fakeGitHub(options.answers ?? {});
    const outcome = outcomeOf();
    let deployed = false;
    const cancel = new AbortController();
    if (options.cancelled) cancel.abort();
    const tracking = {
      config: { ...config, github: { ...config.github, ...options.config } },
      outcome,
      seams: fake.seams,
      secrets: new SecretSet(() => undefined),
      cancellation: { signal: cancel.signal, reportOver: new AbortController().signal },
      stage,
      env,
      getIDToken: async () => jwt(options.claims ?? {}),
    };
    const { result } = await captureStdout(() =>
      trackGitHubDeployment(tracking, async (beforeChanges) => {
        await command(async () => {
          await beforeChanges();
          deployed = true;
        });
      }).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    return {
      error: result,
      outcome: outcome.current,
      deployed,
      calls: fake.requests.map((r) => `${r.method} ${r.url.replace(BASE, '')}`),
      fake,
    };
  }

  const created = { 'POST ': json(201, { id: 11 }), 'POST /11/statuses': json(201, {}) };

  it("records the deploy in the job's environment from its OIDC token, then success and the gateway URL", async () => {
    const result = await track({
      claims: { environment: 'prod' },
      answers: {
        ...created,
        'GET ?environment=prod&per_page=100': json(200, [{ id: 11 }, { id: 9 }, { id: 8 }, { id: 3 }]),
        'GET /9/statuses?per_page=1': json(200, [{ state: 'failure' }]),
        'GET /8/statuses?per_page=1': json(200, [{ state: 'success' }]),
        'POST /8/statuses': json(201, {}),
        'GET /3/statuses?per_page=1': json(200, [{ state: 'inactive' }]),
      },
    });
    expect(result.error).toBeUndefined();
    expect(result.deployed).toBe(true);
    expect(result.calls).toEqual([
      'POST ',
      'POST /11/statuses',
      'POST /11/statuses',
      'GET ?environment=prod&per_page=100',
      'GET /9/statuses?per_page=1',
      'GET /8/statuses?per_page=1',
      'POST /8/statuses',
      'GET /3/statuses?per_page=1',
    ]);
    const bodies = result.fake.requests.filter((r) => r.method === 'POST').map((r) => JSON.parse(r.body ?? ''));
    expect(bodies[0]).toMatchObject({
      ref: env.GITHUB_SHA,
      environment: 'prod',
      auto_merge: false,
      required_contexts: [],
      payload: { release: 'portkey-ai', namespace: 'portkeyai', cluster: 'aks-portkey' },
    });
    expect(bodies.slice(1).map((b) => b.state)).toEqual(['in_progress', 'success', 'inactive']);
    expect(bodies[2]).toMatchObject({ environment_url: 'http://20.50.1.2:8787', log_url: LOG });
    expect(result.outcome.deployment).toEqual({ id: 11, environment: 'prod', state: 'success' });
  });

  it('records a failed deploy as failure with the reason, and passes the error on', async () => {
    const result = await track({ config: { environment: 'staging' }, answers: created }, async (beforeChanges) => {
      await beforeChanges();
      throw new ActionError('The smoke test failed: GET http://x/v1/health answered 503');
    });
    expect((result.error as Error).message).toContain('The smoke test failed');
    const last = JSON.parse(result.fake.requests.at(-1)?.body ?? '');
    expect(last).toMatchObject({
      state: 'failure',
      description: 'The smoke test failed: GET http://x/v1/health answered 503',
    });
    expect(result.calls).not.toContain('GET ?environment=staging&per_page=100');
  });

  it('records a cancelled deploy as error', async () => {
    const result = await track(
      { config: { environment: 'staging' }, answers: created, cancelled: true },
      async (beforeChanges) => {
        await beforeChanges();
        throw new ActionError('The workflow was cancelled (SIGTERM).');
      },
    );
    expect(JSON.parse(result.fake.requests.at(-1)?.body ?? '')).toMatchObject({
      state: 'error',
      description: 'The workflow was cancelled (SIGTERM).',
    });
  });

  it('opens no Deployment for a run refused before it would change anything', async () => {
    const refused = new ActionError('1 problem(s) with the inputs; nothing was deployed');
    const result = await track({ config: { environment: 'prod' }, answers: created }, async () => {
      throw refused;
    });
    expect(result.error).toBe(refused);
    expect(result.calls).toEqual([]);
    expect(result.outcome.deployment).toBeUndefined();
  });

  it('opens the Deployment once however often the command says it is about to change the cluster', async () => {
    const result = await track({ config: { environment: 'prod' }, answers: created }, async (beforeChanges) => {
      await beforeChanges();
      await beforeChanges();
    });
    expect(result.calls.filter((call) => call === 'POST ')).toHaveLength(1);
  });

  it('tells GitHub why a deploy failed without the secrets the message holds', async () => {
    const secret = 'sk-live-0123456789abcdef';
    const fake = fakeGitHub(created);
    const secrets = new SecretSet(() => undefined);
    secrets.add(secret);
    const tracking = {
      config: { ...config, github: { ...config.github, environment: 'prod' } },
      outcome: outcomeOf(),
      seams: fake.seams,
      secrets,
      cancellation: { signal: new AbortController().signal, reportOver: new AbortController().signal },
      stage,
      env,
    };
    await captureStdout(() =>
      trackGitHubDeployment(tracking, async (beforeChanges) => {
        await beforeChanges();
        throw new ActionError(`helm said: Authorization: Bearer ${secret} was refused`);
      }).catch(() => undefined),
    );
    const status = JSON.parse(fake.requests.at(-1)?.body ?? '') as { state: string; description: string };
    expect(status).toMatchObject({ state: 'failure', description: 'helm said: Authorization: Bearer *** was refused' });
  });

  it('warns and deploys anyway when the token may not write deployments', async () => {
    const refused = json(403, { message: 'Resource not accessible by integration', status: '403' });
    const result = await track({ config: { environment: 'prod' }, answers: { 'POST ': refused } });
    expect(result.error).toBeUndefined();
    expect(result.deployed).toBe(true);
    expect(result.calls).toEqual(['POST ']);
    expect(result.outcome.warnings).toEqual([expect.stringContaining('Add `deployments: write`')]);
    expect(result.outcome.deployment).toBeUndefined();
  });

  it('with github-deployment: strict, fails before deploying anything', async () => {
    const refused = json(403, { message: 'Resource not accessible by integration', status: '403' });
    const result = await track({ config: { environment: 'prod', strict: true }, answers: { 'POST ': refused } });
    expect(result.error).toBeInstanceOf(ActionError);
    expect((result.error as ActionError).details.input).toBe('github-token');
    expect(result.deployed).toBe(false);
  });

  it('records nothing, calls nothing, when no environment is known or recording is off', async () => {
    const none = await track({ claims: {} });
    expect(none).toMatchObject({ error: undefined, deployed: true, calls: [] });
    expect(none.outcome.warnings).toEqual([]);
    const off = await track({ config: { environment: 'prod', record: false } });
    expect(off).toMatchObject({ error: undefined, deployed: true, calls: [] });
  });

  it('with github-deployment: strict, refuses to deploy without an environment to record', async () => {
    const result = await track({ claims: {}, config: { strict: true } });
    expect((result.error as ActionError).details.input).toBe('github-deployment-environment');
    expect(result.deployed).toBe(false);
  });
});
