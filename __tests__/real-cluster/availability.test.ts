// Availability through the rollout, measured by the action, on a real API server with pods that really serve, and
// checked against the test's own probe through the load balancer: an image upgrade with the action's zero-downtime
// settings drops nothing; the same upgrade with the chart's bare defaults drops requests, and the action counts them
// as the test does; a version that is Ready yet fails its clients fails the deploy, which rolls back.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { STREAM_ROUTE } from '../../sandbox/real-cluster/pod-behaviour.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, expectCleanRuns, expectSuccess } from '../e2e/harness.js';
import { loadBalancerUrl, releaseRevisions, startRealE2e, waitFor, type RealE2e } from './tier.js';
import { startTraffic, type TrafficReport } from './traffic-probe.js';

jest.setTimeout(400_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const GATEWAY = 'portkey-ai-gateway';

const describeTraffic = (report: TrafficReport) =>
  `${report.sent} sent, ${report.failed} failed ${JSON.stringify(report.failures)}, by version ${JSON.stringify(report.byVersion)}`;
const describeAvailability = (run: ActionRun) =>
  ['status', 'requests', 'failed', 'p95-ms', 'by-version']
    .map((k) => `${k} ${run.outputs[`availability-${k}`]}`)
    .join(', ');

describe('availability through the rollout, on a real API server with pods that serve', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  const podCount = async (namespace: string) =>
    (await e2e.client.list(`/api/v1/namespaces/${namespace}/pods`)).filter((p) => !p.metadata.deletionTimestamp).length;

  /**
   * Installs 2.13.0 with `inputs`, then upgrades to `tag` while 10 clients send 1.5 s requests through the load
   * balancer, until the old pods have stopped: the upgrade's run and the test's own count.
   */
  async function upgradeUnderTraffic(inputs: Record<string, string>, tag: string, path?: string) {
    expectSuccess(await e2e.run(inputs));
    const url = await loadBalancerUrl(e2e.client, inputs.namespace, GATEWAY);
    const traffic = startTraffic({ url, clients: 10, requestMs: 1500, path });
    await sleep(3000);
    const upgradeStarted = Date.now();
    const upgrade = await e2e.run({ ...inputs, 'gateway-image-tag': tag });
    const upgradeEnded = Date.now();
    await waitFor(
      'the old pods to stop',
      async () => ((await podCount(inputs.namespace)) === 2 ? true : undefined),
      60_000,
    ).catch(() => undefined);
    await sleep(2000);
    const report = await traffic.stop();
    process.stderr.write(
      `${inputs.namespace}: action ${describeAvailability(upgrade)}; test's probe ${describeTraffic(report)}\n`,
    );
    // The probe's requests sent while the upgrade's run was measuring: the window the action's own figures cover.
    const during = report.requests.filter((r) => r.startedAt >= upgradeStarted && r.startedAt <= upgradeEnded);
    const duringFailed = during.filter((r) => r.failure).length;
    process.stderr.write(
      `${inputs.namespace}: probe during the upgrade's run ${during.length} sent, ${duringFailed} failed\n`,
    );
    return { upgrade, report, during: { sent: during.length, failed: duringFailed } };
  }

  it('with the action’s settings, an image upgrade drops nothing: the action and the test’s probe both count 0', async () => {
    const namespace = 'measured-zero-downtime';
    const inputs = { namespace, 'smoke-test': 'false', 'smoke-test-path': '/v1/health' };
    const { upgrade, report } = await upgradeUnderTraffic(inputs, '2.13.1');
    expectSuccess(upgrade);
    const versions = JSON.parse(upgrade.outputs['availability-by-version']);
    expect(upgrade.outputs).toMatchObject({ 'availability-status': 'passed', 'availability-failed': '0' });
    expect(Number(upgrade.outputs['availability-requests'])).toBeGreaterThan(8);
    expect(versions['2.13.0']).toBeGreaterThan(0);
    expect(versions['2.13.1']).toBeGreaterThan(0);
    expect(report.failed).toBe(0);
    expect(report.sent).toBeGreaterThan(40);
    expect(upgrade.summary).toMatch(
      /During the rollout: \d+ requests, 0 failed, p95 \d+ ms; \d+ answered by 2\.13\.0, \d+ by 2\.13\.1\./,
    );
  });

  it('with the chart’s bare defaults, the same upgrade drops requests, and the action counts them as the test does', async () => {
    const namespace = 'bare-defaults-measured';
    // Both count 1.5 s requests cut in flight (the stream route's default length): the action's stream at about the
    // test's rate, on the pods' stream route.
    const inputs = {
      namespace,
      replicas: '2',
      'zero-downtime': 'false',
      'smoke-test': 'false',
      'smoke-test-path': STREAM_ROUTE,
      'availability-rate': '12',
      'availability-budget': '100%',
    };
    const { upgrade, report, during } = await upgradeUnderTraffic(inputs, '2.13.1', STREAM_ROUTE);
    expectSuccess(upgrade);
    const failed = Number(upgrade.outputs['availability-failed']);
    const requests = Number(upgrade.outputs['availability-requests']);
    expect(report.failed).toBeGreaterThanOrEqual(3);
    expect(failed).toBeGreaterThan(0);
    // The same share of requests lost while the action measured (its run's window, not the probe's longer one),
    // within 25 points (runs measured 14 to 17 apart): the action's stream goes through the API server to a pod, the
    // test's through the load balancer, each a sample of a few dozen requests of the same cut.
    expect(Math.abs(failed / requests - during.failed / during.sent)).toBeLessThan(0.25);
    expect(upgrade.summary).toMatch(new RegExp(`During the rollout: \\d+ requests, ${failed} failed`));
  });

  it('fails and rolls back a version that is Ready yet fails its clients', async () => {
    const namespace = 'fails-clients-rollout';
    // The health route (the sandbox's runs check `/`, which the open-source gateway behind every pod answers).
    const inputs = { namespace, 'smoke-test': 'false', 'smoke-test-path': '/v1/health' };
    expectSuccess(await e2e.run(inputs));
    const upgrade = await e2e.run({ ...inputs, 'gateway-image-tag': '2.13.1-fails-clients' });
    if (upgrade.exitCode === 0) throw new Error(`the upgrade passed:\n${upgrade.summary}\n${describeRun(upgrade)}`);
    expect(upgrade.outputs['availability-status']).toBe('failed');
    expect(Number(upgrade.outputs['availability-failed'])).toBeGreaterThan(0);
    expect(upgrade.summary).toContain('The gateway did not keep serving through the rollout');
    expect(upgrade.summary).toContain('HTTP 503');
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([
      [1, 'superseded'],
      [2, 'superseded'],
      [3, 'deployed'],
    ]);
    const deployment = await e2e.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${GATEWAY}`);
    const [container] = (deployment?.spec?.template as { spec: { containers: { image: string }[] } }).spec.containers;
    expect(container.image).toMatch(/:2\.13\.0$/);
  });

  it('adds a PodDisruptionBudget the release owns: it refuses an eviction that would break it, and uninstall removes it', async () => {
    const namespace = 'disruption-budget';
    const budgetPath = `/apis/policy/v1beta1/namespaces/${namespace}/poddisruptionbudgets/${GATEWAY}`;
    const deploy = await e2e.run({ namespace });
    expectSuccess(deploy);
    // The tier's 1.20 serves policy/v1beta1 only: the action asked the API server which to write.
    const budget = await e2e.client.get(budgetPath);
    expect(budget?.spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'portkey-ai' } },
    });
    expect(budget?.metadata.annotations).toMatchObject({ 'meta.helm.sh/release-name': 'portkey-ai' });
    // The plan showed it like any other object.
    expect(deploy.summary).toMatch(/PodDisruptionBudget/);

    await waitFor('the budget to allow one disruption', async () =>
      ((await e2e.client.get(budgetPath))?.status as { disruptionsAllowed?: number } | undefined)
        ?.disruptionsAllowed === 1
        ? true
        : undefined,
    );
    const pods = (await e2e.client.list(`/api/v1/namespaces/${namespace}/pods`)).map((p) => p.metadata.name);
    expect(pods).toHaveLength(2);
    const evict = (name: string) =>
      e2e.client.request('POST', `/api/v1/namespaces/${namespace}/pods/${name}/eviction`, {
        apiVersion: 'policy/v1beta1',
        kind: 'Eviction',
        metadata: { name, namespace },
      });
    expect((await evict(pods[0])).status).toBe(201);
    const refused = await evict(pods[1]);
    expect(refused.status).toBe(429);
    expect(JSON.stringify(refused.body)).toContain('disruption budget');

    expectSuccess(await e2e.run({ namespace, command: 'uninstall' }));
    expect(await e2e.client.get(budgetPath)).toBeUndefined();
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
