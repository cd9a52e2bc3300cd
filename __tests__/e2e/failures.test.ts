// What a workflow author sees when the cluster misbehaves: fast, specific failures instead of a 10-minute timeout,
// and the stuck-release guard.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CRASH_LOG, DEFAULT_SCENARIO, type KubeScenario } from '../../sandbox/kube-api/index.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { TIMEOUT_MARGIN_SECONDS } from '../../src/deploy/budget.js';
import { describeRun, errorLines, expectCleanRuns, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

// Each test runs the bundle (and helm, kubectl) one to three times.
jest.setTimeout(TEST_TIMEOUT_MS);

describe('failures reported by the bundled action (e2e)', () => {
  let e2e: E2e;
  const timed = async (run: () => Promise<ActionRun>) => {
    const started = Date.now();
    const result = await run();
    return { run: result, seconds: (Date.now() - started) / 1000 };
  };
  const expectFailure = (run: ActionRun) => {
    if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
    expect(errorLines(run)).not.toBe('');
  };

  beforeAll(async () => {
    e2e = await startE2e();
    // Warm the file's tool cache once, so each failure below is timed on its own merits.
    await e2e.run({ 'release-name': 'warmup', namespace: 'warmup', 'smoke-test': 'false' });
  });
  afterEach(() => {
    e2e.sandbox.kube.setScenario(DEFAULT_SCENARIO);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('fails fast on a crash-looping pod with the reason and its last log lines, well before the helm timeout', async () => {
    e2e.sandbox.kube.setScenario({ pods: 'crash-loop' });
    const { run, seconds } = await timed(() =>
      e2e.run({ 'release-name': 'crashing', namespace: 'crash', timeout: '10m' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(90);
    expect(errorLines(run)).toMatch(/CrashLoopBackOff/);
    expect(run.stdout).toMatch(/crashing-gateway-[a-z0-9]+-[a-z0-9]+/);
  });

  it('rolls a crash-looping upgrade back to the previous revision in under 30 s, with the crash log', async () => {
    const target = { 'release-name': 'rollback', namespace: 'rollback', 'smoke-test': 'false' };
    const first = await e2e.run(target);
    if (first.exitCode !== 0) throw new Error(`first deploy failed:\n${describeRun(first)}`);
    expect(first.outputs['release-revision']).toBe('1');

    e2e.sandbox.kube.setScenario({ pods: 'crash-loop' });
    const { run, seconds } = await timed(() =>
      e2e.run({ ...target, 'gateway-image-tag': '2.14.0-broken', timeout: '10m' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(30);
    expect(errorLines(run)).toMatch(/CrashLoopBackOff/);
    expect(run.stdout).toContain(CRASH_LOG[1]);
    expect(run.summary).toMatch(/revision 1/);
    const deployment = e2e.sandbox.kube.get('apps', 'deployments', 'rollback', 'rollback-gateway') as {
      spec: { template: { spec: { containers: { image: string }[] } } };
    };
    expect(deployment.spec.template.spec.containers[0].image).not.toContain('2.14.0-broken');
  });

  it('rolls back to the previous revision when the smoke test fails', async () => {
    const target = { 'release-name': 'smoky', namespace: 'smoky' };
    const first = await e2e.run(target);
    if (first.exitCode !== 0) throw new Error(`first deploy failed:\n${describeRun(first)}`);

    const run = await e2e.run({
      ...target,
      replicas: '3',
      'smoke-test-expected-body': 'a greeting this gateway never sends',
      'smoke-test-timeout': '3s',
    });
    expectFailure(run);
    expect(errorLines(run)).toMatch(/smoke test failed/i);
    expect(errorLines(run)).toContain('smoke-test-path');
    expect(run.outputs['smoke-test-status']).toBe('failed');
    expect(run.outputs['smoke-test-http-code']).toBe('200');
    expect(run.summary).toMatch(/revision 1/);
    const deployment = e2e.sandbox.kube.get('apps', 'deployments', 'smoky', 'smoky-gateway') as {
      spec: { replicas: number };
    };
    // Revision 1's two replicas (zero-downtime's default), not the failed revision's three.
    expect(deployment.spec.replicas).toBe(2);
  });

  /** The newest helm release record of `name`: its revision and status, as `helm history` would list them. */
  const latestRevision = (namespace: string, name: string) => {
    const records = e2e.sandbox.kube.list('', 'secrets', namespace) as {
      metadata: { labels?: Record<string, string> };
    }[];
    const labels = records
      .map((secret) => secret.metadata.labels ?? {})
      .filter((l) => l.owner === 'helm' && l.name === name)
      .sort((a, b) => Number(b.version) - Number(a.version))[0];
    return [Number(labels?.version), labels?.status];
  };

  /** Deploys `release` healthy, then, under `pods`, an env-only change with `timeout`: the failed run, timed. */
  const failingEnvChange = async (release: string, pods: KubeScenario['pods'], timeout: string) => {
    const target = { 'release-name': release, namespace: release, 'smoke-test': 'false' };
    const first = await e2e.run(target);
    if (first.exitCode !== 0) throw new Error(`first deploy failed:\n${describeRun(first)}`);
    e2e.sandbox.kube.setScenario({ pods });
    const result = await timed(() => e2e.run({ ...target, env: 'LOG_LEVEL=debug', timeout }));
    expectFailure(result.run);
    return result;
  };

  it('ends a crash loop from an env-only change, rollback included, within timeout plus the stated margin', async () => {
    const { run, seconds } = await failingEnvChange('envcrash', 'crash-loop', '1m');
    expect(seconds).toBeLessThan(60 + TIMEOUT_MARGIN_SECONDS);
    expect(run.summary).toMatch(/revision 1/);
    // The rollback settled: a new revision with revision 1's content, deployed, never left pending-rollback.
    expect(latestRevision('envcrash', 'envcrash')).toEqual([3, 'deployed']);
  });

  it('keeps a never-ready upgrade and its rollback inside one timeout: the rollback gets a reserve, not a fresh one', async () => {
    const { run, seconds } = await failingEnvChange('slow', 'never-ready', '60s');
    // The watcher gives up at the upgrade's share (30 s of 60), so the whole run, rollback included, ends within the
    // timeout itself; it used to wait the full 60 s before a rollback with 60 s of its own.
    expect(seconds).toBeLessThan(60);
    expect(errorLines(run)).toMatch(/ready/i);
    expect(latestRevision('slow', 'slow')).toEqual([3, 'deployed']);
  });

  it('diagnoses a pod that never becomes ready when the time budget runs out', async () => {
    e2e.sandbox.kube.setScenario({ pods: 'never-ready' });
    const { run, seconds } = await timed(() =>
      e2e.run({ 'release-name': 'unready', namespace: 'unready', timeout: '8s', 'rollback-on-failure': 'false' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(60);
    expect(run.stdout).toMatch(/unready-gateway-[a-z0-9]+-[a-z0-9]+/);
    expect(errorLines(run)).toMatch(/ready/i);
  });

  it('fails fast on an image pull error and says so', async () => {
    e2e.sandbox.kube.setScenario({ pods: 'image-pull-error' });
    const { run, seconds } = await timed(() =>
      e2e.run({ 'release-name': 'pulling', namespace: 'pull', timeout: '10m' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(90);
    expect(errorLines(run)).toMatch(/ImagePullBackOff|ErrImagePull/);
  });

  it('names registry-password, not the image, when the registry refuses the pull', async () => {
    e2e.sandbox.kube.setScenario({ pods: 'image-pull-refused' });
    const run = await e2e.run({ 'release-name': 'refused', namespace: 'refused', 'registry-password': 'wrong-pw-1' });
    expectFailure(run);
    expect(errorLines(run)).toMatch(/ErrImagePull|ImagePullBackOff/);
    expect(run.summary).toContain('**Input to check:** `registry-password`');
    expect(run.summary).not.toContain('`gateway-image-repository`');
  });

  it('names gateway-image-repository when the image is not there', async () => {
    e2e.sandbox.kube.setScenario({ pods: 'image-pull-error' });
    const run = await e2e.run({ 'release-name': 'missing', namespace: 'missing' });
    expectFailure(run);
    expect(run.summary).toContain('**Input to check:** `gateway-image-repository`');
  });

  it('times out waiting for a load balancer that never gets an address, showing the Service events', async () => {
    e2e.sandbox.kube.setScenario({ loadBalancer: { after: 0, address: 'none' } });
    const { run, seconds } = await timed(() =>
      e2e.run({ 'release-name': 'no-address', namespace: 'no-lb', 'address-timeout': '5s' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(60);
    expect(errorLines(run)).toMatch(/load.?balancer|address/i);
    expect(run.stdout).toContain('SyncLoadBalancerFailed');
    expect(run.outputs['load-balancer-ip'] ?? '').toBe('');
  });

  it('refuses a release stuck in pending-upgrade, then recovers it with recover-stuck-release', async () => {
    const target = { 'release-name': 'stuck', namespace: 'stuck', 'smoke-test': 'false' };
    for (const replicas of ['1', '2']) {
      const deployed = await e2e.run({ ...target, replicas });
      if (deployed.exitCode !== 0) throw new Error(`deploy failed:\n${describeRun(deployed)}`);
    }
    // Revision 2 left half-done, as a cancelled workflow leaves it; revision 1 is the last good one.
    e2e.sandbox.kube.markReleaseStatus('stuck', 'stuck', 'pending-upgrade');

    const refused = await e2e.run({ ...target, 'pending-release-timeout': '2s' });
    expectFailure(refused);
    expect(errorLines(refused)).toMatch(/pending-upgrade/);
    expect(errorLines(refused)).toContain('recover-stuck-release');
    // Refused means untouched: no rollback behind the user's back without the opt-in.
    const records = e2e.sandbox.kube.list('', 'secrets', 'stuck') as {
      metadata: { labels?: Record<string, string> };
    }[];
    const newest = records
      .map((record) => record.metadata.labels ?? {})
      .filter((labels) => labels.owner === 'helm' && labels.name === 'stuck')
      .sort((a, b) => Number(b.version) - Number(a.version))[0];
    expect(newest).toMatchObject({ version: '2', status: 'pending-upgrade' });

    const recovered = await e2e.run({ ...target, 'pending-release-timeout': '2s', 'recover-stuck-release': 'true' });
    if (recovered.exitCode !== 0) throw new Error(`recovery failed:\n${describeRun(recovered)}`);
    // Rolled back to 1 (revision 3), then upgraded (revision 4): history kept, not reinstalled.
    expect(recovered.outputs['release-status']).toBe('deployed');
    expect(Number(recovered.outputs['release-revision'])).toBeGreaterThan(2);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
