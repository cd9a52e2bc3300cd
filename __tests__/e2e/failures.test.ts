// What a workflow author sees when the cluster misbehaves: fast, specific failures instead of a 10-minute timeout,
// and the stuck-release guard.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_SCENARIO } from '../../sandbox/kube-api/index.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, errorLines, findLeaks, startE2e, type E2e } from './harness.js';

// Each test runs the bundle (and helm, kubectl) one to three times.
jest.setTimeout(180_000);

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

  it('fails fast on an image pull error and says so', async () => {
    e2e.sandbox.kube.setScenario({ pods: 'image-pull-error' });
    const { run, seconds } = await timed(() =>
      e2e.run({ 'release-name': 'pulling', namespace: 'pull', timeout: '10m' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(90);
    expect(errorLines(run)).toMatch(/ImagePullBackOff|ErrImagePull/);
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
    const first = await e2e.run(target);
    if (first.exitCode !== 0) throw new Error(`first install failed:\n${describeRun(first)}`);
    e2e.sandbox.kube.markReleaseStatus('stuck', 'stuck', 'pending-upgrade');

    const refused = await e2e.run({ ...target, 'wait-for-pending': '2s' });
    expectFailure(refused);
    expect(errorLines(refused)).toMatch(/pending-upgrade/);
    expect(errorLines(refused)).toContain('recover-stuck-release');

    const recovered = await e2e.run({ ...target, 'wait-for-pending': '2s', 'recover-stuck-release': 'true' });
    if (recovered.exitCode !== 0) throw new Error(`recovery failed:\n${describeRun(recovered)}`);
    expect(recovered.outputs['release-status']).toBe('deployed');
    expect(Number(recovered.outputs['release-revision'])).toBeGreaterThan(1);
  });

  it('ran every post step cleanly, left nothing in RUNNER_TEMP and leaked no secret', () => {
    for (const run of e2e.runs) {
      expect({ post: run.postExitCode, left: run.runnerTempAfterPost }).toEqual({ post: 0, left: [] });
    }
    expect(findLeaks(e2e.runs, e2e.sandbox.secrets())).toEqual([]);
  });
});
