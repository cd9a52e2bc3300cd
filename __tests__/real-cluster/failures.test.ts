// What a workflow author sees when the cluster misbehaves, on a real API server with the real chart: the watcher's
// diagnosis from real pod statuses and Events, the rollback through helm's real history, the stuck-release guard and
// a cancelled run.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_RULES } from '../../sandbox/real-cluster/node-agent.js';
import { CRASH_AFTER_MS } from '../../sandbox/real-cluster/pod-behaviour.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { TIMEOUT_MARGIN_SECONDS } from '../../src/deploy/budget.js';
import { describeRun, errorLines, expectCleanRuns } from '../e2e/harness.js';
import { gatewayImage, markReleaseStatus, releaseRevisions, startRealE2e, type RealE2e } from './tier.js';

jest.setTimeout(300_000);

const expectSuccess = (run: ActionRun) => {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
};
const expectFailure = (run: ActionRun) => {
  if (run.exitCode !== 1) throw new Error(`expected exit code 1:\n${describeRun(run)}`);
};

describe('failures on a real API server', () => {
  let e2e: RealE2e;
  const timed = async (run: () => Promise<ActionRun>) => {
    const started = Date.now();
    return { run: await run(), seconds: (Date.now() - started) / 1000 };
  };

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterEach(() => e2e.agent.setRules(DEFAULT_RULES));
  afterAll(async () => {
    await e2e?.close();
  });

  it('diagnoses a crash-looping upgrade from its pods’ real exits in seconds and rolls it back to revision 1', async () => {
    const target = { namespace: 'crash', 'smoke-test': 'false' };
    expectSuccess(await e2e.run(target));
    // The node agent runs this image's pods as processes that exit soon after they start (pod-behaviour.ts).
    const { run, seconds } = await timed(() =>
      e2e.run({ ...target, 'gateway-image-tag': '2.14.0-crash-loop', timeout: '10m' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(60);
    expect(errorLines(run)).toMatch(/portkey-ai-gateway-[a-z0-9]+-[a-z0-9]+.*CrashLoopBackOff/);
    // The kubelet's Event, read back from the real API server.
    expect(run.stdout).toMatch(/BackOff: Back-off restarting failed container/);
    expect(run.summary).toMatch(/revision 1/);
    expect(await gatewayImage(e2e.client, 'crash', 'portkey-ai-gateway')).toBe(
      'docker.io/portkeyai/gateway_enterprise:2.13.0',
    );
    const revisions = await releaseRevisions(e2e.client, 'crash', 'portkey-ai');
    expect(revisions.at(-1)).toEqual([3, 'deployed']);
    expect(revisions[1]).toEqual([2, 'failed']);
  });

  it('ends a crash loop from a bad env, rollback included, within timeout plus the margin, deployed at revision 1', async () => {
    const target = { namespace: 'env-crash', 'smoke-test': 'false' };
    expectSuccess(await e2e.run(target));
    // The env lives in a Secret whose checksum the chart puts on the pod template: pods of any other env exit soon
    // after they start, as a gateway does on a configuration it cannot use.
    const [first] = await e2e.client.list('/api/v1/namespaces/env-crash/pods');
    const goodEnv = first.metadata.annotations?.['checksum/config'];
    expect(goodEnv).toBeDefined();
    e2e.agent.setRules({
      pod: (pod) =>
        pod.metadata.namespace === 'env-crash' && pod.metadata.annotations?.['checksum/config'] !== goodEnv
          ? { kind: 'serve', behaviour: { exitAfterMs: CRASH_AFTER_MS } }
          : DEFAULT_RULES.pod(pod),
    });
    const { run, seconds } = await timed(() => e2e.run({ ...target, env: 'LOG_LEVEL=debug', timeout: '1m' }));
    expectFailure(run);
    expect(seconds).toBeLessThan(60 + TIMEOUT_MARGIN_SECONDS);
    expect(errorLines(run)).toMatch(/CrashLoopBackOff/);
    // Revision 3 is the rollback to revision 1, settled by helm itself: deployed, not pending-rollback.
    expect(await releaseRevisions(e2e.client, 'env-crash', 'portkey-ai')).toEqual([
      [1, 'superseded'],
      [2, 'failed'],
      [3, 'deployed'],
    ]);
  });

  it('fails fast on an image that cannot be pulled, saying so', async () => {
    e2e.agent.setRules({ pod: () => ({ kind: 'image-pull-backoff' }) });
    const { run, seconds } = await timed(() =>
      e2e.run({ namespace: 'pull', 'gateway-image-tag': '9.9.9', timeout: '10m' }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(60);
    expect(errorLines(run)).toMatch(/ImagePullBackOff/);
    expect(run.stdout).toContain('Failed to pull image "docker.io/portkeyai/gateway_enterprise:9.9.9"');
    // A failed first install is removed by the release transaction: nothing half-applied stays.
    expect(await releaseRevisions(e2e.client, 'pull', 'portkey-ai')).toEqual([]);
  });

  it('rolls back to the previous revision when the smoke test fails', async () => {
    const target = { namespace: 'smoky' };
    expectSuccess(await e2e.run(target));
    const run = await e2e.run({
      ...target,
      replicas: '3',
      'smoke-test-expected-body': 'a greeting this gateway never sends',
      'smoke-test-timeout': '3s',
    });
    expectFailure(run);
    expect(errorLines(run)).toMatch(/smoke test failed/i);
    expect(run.outputs['smoke-test-status']).toBe('failed');
    const deployment = await e2e.client.get('/apis/apps/v1/namespaces/smoky/deployments/portkey-ai-gateway');
    // Revision 1's two replicas (zero-downtime's default), not the failed revision's three.
    expect(deployment?.spec?.replicas).toBe(2);
    expect((await releaseRevisions(e2e.client, 'smoky', 'portkey-ai')).at(-1)).toEqual([3, 'deployed']);
  });

  it('refuses a release stuck in pending-upgrade, then recovers it with recover-stuck-release', async () => {
    const target = { namespace: 'stuck', 'smoke-test': 'false' };
    for (const replicas of ['1', '2']) expectSuccess(await e2e.run({ ...target, replicas }));
    await markReleaseStatus(e2e.client, 'stuck', 'portkey-ai', 'pending-upgrade');

    const refused = await e2e.run({ ...target, 'pending-release-timeout': '2s' });
    expectFailure(refused);
    expect(errorLines(refused)).toMatch(/pending-upgrade/);
    expect(errorLines(refused)).toContain('recover-stuck-release');
    expect((await releaseRevisions(e2e.client, 'stuck', 'portkey-ai')).at(-1)).toEqual([2, 'pending-upgrade']);

    const recovered = await e2e.run({ ...target, 'pending-release-timeout': '2s', 'recover-stuck-release': 'true' });
    expectSuccess(recovered);
    expect(recovered.outputs['release-status']).toBe('deployed');
    const revisions = await releaseRevisions(e2e.client, 'stuck', 'portkey-ai');
    expect(revisions.at(-1)?.[1]).toBe('deployed');
    expect(revisions.at(-1)?.[0]).toBeGreaterThan(2);
  });

  it('forwards a cancellation to helm, which leaves no half-installed release behind', async () => {
    e2e.agent.setRules({ pod: () => ({ kind: 'never-ready' }) });
    const { run, seconds } = await timed(() =>
      e2e.run({ namespace: 'cancel', timeout: '10m' }, { cancelWhen: /Installing it now/ }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(60);
    expect(errorLines(run)).toMatch(/cancelled/i);
    expect(run.postExitCode).toBe(0);
    expect(await releaseRevisions(e2e.client, 'cancel', 'portkey-ai')).toEqual([]);
  });

  it("plays the runner's cancel during an upgrade: done before the kill, and the next run completes by itself", async () => {
    const target = { namespace: 'graced', 'smoke-test': 'false' };
    expectSuccess(await e2e.run(target));
    e2e.agent.setRules({ pod: () => ({ kind: 'never-ready' }) });
    const run = await e2e.run(
      { ...target, 'gateway-image-tag': '2.14.0', timeout: '10m' },
      // SIGINT once helm has written revision 2 and waits; SIGTERM 7.5 s later; the process group killed 2.5 s after.
      {
        cancelWhen: /Upgrading release portkey-ai/,
        cancelOnceTrue: async () =>
          (await releaseRevisions(e2e.client, 'graced', 'portkey-ai')).some(
            ([revision, status]) => revision === 2 && status === 'pending-upgrade',
          ),
        cancelSequence: 'runner',
      },
    );
    if (!run.cancelTimeline) throw new Error(`the step ended before the cancel:\n${describeRun(run)}`);
    const { sigintAt, killedAt, exitedAt } = run.cancelTimeline;
    expect(killedAt).toBeUndefined();
    expect(exitedAt! - sigintAt).toBeLessThan(10_000);
    expectFailure(run);
    expect(run.summary).toContain('The workflow was cancelled (SIGINT).');
    expect(run.outputs['release-name']).toBe('portkey-ai');
    expect(run.stdout).toContain('Release portkey-ai: rolled back to revision 1 (without waiting for its pods');
    const revisions = await releaseRevisions(e2e.client, 'graced', 'portkey-ai');
    expect(revisions.filter(([, status]) => status.startsWith('pending'))).toEqual([]);
    expect(revisions.at(-1)).toEqual([3, 'deployed']);
    expect(await gatewayImage(e2e.client, 'graced', 'portkey-ai-gateway')).toBe(
      'docker.io/portkeyai/gateway_enterprise:2.13.0',
    );

    e2e.agent.setRules(DEFAULT_RULES);
    const next = await e2e.run(target);
    expectSuccess(next);
    expect(next.outputs['release-status']).toBe('deployed');
  });

  it('fails in seconds, naming it, when the existing service account it was told to use is missing', async () => {
    const { run, seconds } = await timed(() =>
      e2e.run({
        namespace: 'no-sa',
        'create-service-account': 'false',
        'service-account-name': 'made-by-terraform',
        timeout: '10m',
      }),
    );
    expectFailure(run);
    expect(seconds).toBeLessThan(60);
    expect(errorLines(run)).toContain('Deployment portkey-ai-gateway cannot create its pods');
    expect(errorLines(run)).toContain('serviceaccount "made-by-terraform" not found');
    expect(errorLines(run)).toContain('service-account-name');
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
