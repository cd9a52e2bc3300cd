// The GitHub Deployment of a deploy, through the bundled action against the sandbox's GitHub API emulator, in a job
// whose environment is `prod` (its OIDC token says so): the statuses it gets, the URL it points at, what replaces
// what, and that no answer of GitHub's ever fails a deploy unless `github-deployment: strict` asks for it.
import { afterAll, beforeAll, afterEach, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_SCENARIO } from '../../sandbox/kube-api/index.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { JOB, runAction } from '../../sandbox/runner.js';
import { type E2e, errorLines, expectCleanRuns, expectSuccess, startE2e, TEST_TIMEOUT_MS } from './harness.js';

jest.setTimeout(TEST_TIMEOUT_MS);

const RUN_URL = `https://github.com/${JOB.repository}/actions/runs/1661412345/attempts/1`;
const warnings = (run: ActionRun) => run.stdout.split('\n').filter((line) => line.startsWith('::warning'));

describe('GitHub Deployments (e2e)', () => {
  let e2e: E2e;
  const github = () => e2e.sandbox.github;
  const newDeployments = (before: number) => github().deployments().slice(before);
  const states = (id: number) =>
    github()
      .statuses(id)
      .map((status) => status.state);

  beforeAll(async () => {
    e2e = await startE2e({ environment: 'prod' });
  });
  afterEach(() => {
    e2e.sandbox.kube.setScenario(DEFAULT_SCENARIO);
    github().setOutage(undefined);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it("records the deploy in the job's environment: in_progress, then success at the gateway URL, linked to the run", async () => {
    const before = github().deployments().length;
    const run = await e2e.run();
    expectSuccess(run);
    const [deployment] = newDeployments(before);
    expect(newDeployments(before)).toHaveLength(1);
    expect(deployment).toMatchObject({
      sha: JOB.sha,
      ref: JOB.sha,
      environment: 'prod',
      task: 'deploy',
      payload: { release: 'portkey-ai', namespace: 'portkeyai', cluster: 'aks-portkey-sandbox' },
    });
    expect(states(deployment.id)).toEqual(['in_progress', 'success']);
    const success = github().statuses(deployment.id)[1];
    expect(success.environment_url).toBe(run.outputs['gateway-url']);
    expect(success.log_url).toBe(RUN_URL);
    expect(success.description).toBe('portkey-ai revision 1 deployed, smoke test passed');
    expect(run.outputs['deployment-id']).toBe(String(deployment.id));
    // Every call carried the job's own token, the `github-token` default.
    const calls = github().requests.filter((r) => r.path.includes('/deployments'));
    expect(new Set(calls.map((r) => r.token))).toEqual(new Set([e2e.sandbox.githubToken]));
    expect(run.summary).toContain(`- **GitHub Deployment:** ${deployment.id} to environment \`prod\` (success)`);
    expect(warnings(run).filter((w) => w.includes('GitHub'))).toEqual([]);
  });

  it('marks the deployment a new one replaces inactive, also in a production environment GitHub leaves alone', async () => {
    const inputs = { 'github-deployment-environment': 'production' };
    const before = github().deployments().length;
    expectSuccess(await e2e.run(inputs));
    expectSuccess(await e2e.run(inputs));
    const [first, second] = newDeployments(before);
    expect([first.environment, second.environment]).toEqual(['production', 'production']);
    expect(first.production_environment).toBe(true);
    expect(states(first.id)).toEqual(['in_progress', 'success', 'inactive']);
    expect(github().statuses(first.id)[2].description).toBe(`Replaced by deployment ${second.id}`);
    expect(states(second.id)).toEqual(['in_progress', 'success']);
  });

  it('marks the release’s deployment inactive when it is uninstalled, not when another one is', async () => {
    const inputs = { 'github-deployment-environment': 'review', namespace: 'review' };
    const before = github().deployments().length;
    expectSuccess(await e2e.run(inputs));
    const [ours] = newDeployments(before);
    // The same release name in another namespace is another gateway: its uninstall leaves ours active.
    const elsewhere = await e2e.run({ ...inputs, namespace: 'review-other', command: 'uninstall' });
    expectSuccess(elsewhere);
    expect(elsewhere.stdout).toContain('No active GitHub Deployment of portkey-ai in review.');
    expect(states(ours.id)).toEqual(['in_progress', 'success']);

    const uninstall = await e2e.run({ ...inputs, command: 'uninstall' });
    expectSuccess(uninstall);
    expect(newDeployments(before)).toHaveLength(1);
    expect(states(ours.id)).toEqual(['in_progress', 'success', 'inactive']);
    expect(github().statuses(ours.id)[2]).toMatchObject({
      description: 'Uninstalled: portkey-ai in review on aks-portkey-sandbox',
      log_url: RUN_URL,
    });
    expect(uninstall.stdout).toContain(`GitHub Deployment ${ours.id}: inactive (uninstalled).`);
  });

  it('records a crash-looping upgrade as failure with the reason, and the deployment it did not replace stays active', async () => {
    const inputs = { 'github-deployment-environment': 'production' };
    const active = github()
      .deployments()
      .filter((d) => d.environment === 'production')
      .at(-1)!;
    e2e.sandbox.kube.setScenario({ pods: 'crash-loop' });
    const before = github().deployments().length;
    const run = await e2e.run({ ...inputs, 'gateway-image-tag': '2.14.0-broken' });
    expect(run.exitCode).toBe(1);
    const [failed] = newDeployments(before);
    expect(states(failed.id)).toEqual(['in_progress', 'failure']);
    expect(github().statuses(failed.id)[1].description).toMatch(
      /^The rollout of release portkey-ai failed: .*CrashLoopBackOff/,
    );
    expect(github().statuses(failed.id)[1].description.length).toBeLessThanOrEqual(140);
    expect(states(active.id).at(-1)).toBe('success');
  });

  it.each([
    ['its inputs', { timeout: 'forever' }, 'timeout'],
    ['its values', { values: 'replicaCount: [unclosed' }, 'values'],
    ['the Azure sign-in', { 'client-id': '00000000-1111-2222-3333-444444444444' }, 'client-id'],
  ])('records no Deployment for a run refused by %s', async (_, inputs, input) => {
    const before = github().requests.length;
    // Not among the file's clean runs: a refused values file leaves its log group empty, the error follows it.
    const run = await runAction({ inputs, sandbox: e2e.sandbox, toolCache: e2e.toolCache });
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toContain(input);
    expect(
      github()
        .requests.slice(before)
        .filter((r) => r.path.includes('/deployments')),
    ).toEqual([]);
    expect(run.outputs['deployment-id']).toBe('');
  });

  it('deploys anyway, with a warning saying what to add, when the token may not write deployments', async () => {
    const before = github().deployments().length;
    const run = await e2e.run({ 'github-token': e2e.sandbox.githubReadOnlyToken });
    expectSuccess(run);
    expect(newDeployments(before)).toEqual([]);
    expect(
      github().requests.at(0) &&
        github()
          .requests.filter((r) => r.status === 403)
          .at(-1),
    ).toMatchObject({
      method: 'POST',
      path: `/repos/${JOB.repository}/deployments`,
    });
    expect(warnings(run).join('\n')).toContain('Add `deployments: write` to the job');
    expect(run.outputs['deployment-id']).toBe('');
    expect(run.summary).toContain('Add `deployments: write` to the job');
  });

  it('with github-deployment: strict, fails before changing the cluster when GitHub refuses', async () => {
    const run = await e2e.run({
      namespace: 'strict',
      'github-token': e2e.sandbox.githubReadOnlyToken,
      'github-deployment': 'strict',
    });
    expect(run.exitCode).toBe(1);
    expect(errorLines(run)).toContain('may not write deployments');
    expect(errorLines(run)).toContain('Input: `github-token`');
    // The plan read the cluster; nothing was installed.
    expect(e2e.sandbox.kube.list('', 'secrets', 'strict')).toEqual([]);
    expect(e2e.sandbox.kube.list('apps', 'deployments', 'strict')).toEqual([]);
  });

  it.each([
    [
      'a token GitHub does not know',
      { 'github-token': 'ghs_not-a-token' },
      {},
      undefined,
      'GitHub answered 401 Bad credentials',
    ],
    [
      'a commit the repository does not have',
      {},
      { GITHUB_SHA: 'f'.repeat(40) },
      undefined,
      `commit ${'f'.repeat(40)} is not in`,
    ],
    ['GitHub down', {}, {}, 503, 'GitHub answered 503 Service Unavailable'],
  ])('only warns about %s', async (_, inputs, env, outage, text) => {
    if (outage) github().setOutage(outage);
    const run = await e2e.run(inputs, { env });
    expectSuccess(run);
    expect(warnings(run).join('\n')).toContain(text);
  });

  it('calls no GitHub API with github-deployment: false', async () => {
    const before = github().requests.length;
    expectSuccess(await e2e.run({ 'github-deployment': 'false' }));
    expect(github().requests.length).toBe(before);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no token', () => {
    expectCleanRuns(e2e);
  });
});
