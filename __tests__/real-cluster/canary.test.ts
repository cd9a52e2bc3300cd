// The canary strategy on a real API server with pods that really serve, under the test's own steady traffic through
// the load balancer: a canary that fails a fifth of its requests is aborted within its window with no stable pod
// replaced, and the clients' failures are the canary's share of them; a slow canary fails the p95 check; a healthy
// one is promoted and the release deployed and verified; a run cancelled during the analysis removes the canary.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, expectCleanRuns, expectSuccess } from '../e2e/harness.js';
import { loadBalancerUrl, releaseRevisions, startRealE2e, waitFor, type RealE2e } from './tier.js';
import { startTraffic, type RequestRecord } from './traffic-probe.js';

jest.setTimeout(400_000);

const GATEWAY = 'portkey-ai-gateway';
const CANARY = `${GATEWAY}-canary`;

const expectFailure = (run: ActionRun) => {
  if (run.exitCode === 0) throw new Error(`the action passed:\n${describeRun(run)}`);
};

describe('a canary judged by the gateway pods’ own /metrics, on a real API server with pods that serve', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  /** The gateway pods that are not the canary's: name → uid. */
  const stablePods = async (namespace: string) =>
    Object.fromEntries(
      (await e2e.client.list(`/api/v1/namespaces/${namespace}/pods`))
        .filter((p) => !p.metadata.labels?.['portkey-azure-deploy/track'] && !p.metadata.deletionTimestamp)
        .map((p) => [p.metadata.name, p.metadata.uid]),
    );
  // Its pods stop the way the chart's pods do (a preStop pause, then SIGTERM): deleted, not yet gone.
  const canaryGone = (namespace: string) =>
    waitFor('the canary to be gone and its pods deleted', async () => {
      const deployment = await e2e.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${CANARY}`);
      const pods = (await e2e.client.list(`/api/v1/namespaces/${namespace}/pods`)).filter(
        (p) => p.metadata.labels?.['portkey-azure-deploy/track'] && !p.metadata.deletionTimestamp,
      );
      return !deployment && pods.length === 0 ? true : undefined;
    });

  /** Installs 2.13.0, then runs `inputs` with the canary strategy while 4 clients send requests through the load balancer. */
  async function canaryUnderTraffic(namespace: string, inputs: Record<string, string>, options = {}) {
    const base = { namespace };
    expectSuccess(await e2e.run(base));
    const url = await loadBalancerUrl(e2e.client, namespace, GATEWAY);
    const before = await stablePods(namespace);
    const traffic = startTraffic({ url, clients: 4, path: '/', timeoutMs: 5000 });
    const started = Date.now();
    const run = await e2e.run({ ...base, strategy: 'canary', ...inputs }, options);
    const seconds = (Date.now() - started) / 1000;
    const report = await traffic.stop();
    const during = report.requests.filter((r) => r.startedAt >= started);
    process.stderr.write(
      `${namespace}: ${seconds.toFixed(1)} s; canary ${run.outputs['canary-verdict']} share ${run.outputs['canary-share']} ` +
        `canary ${run.outputs['canary-requests']} req ${run.outputs['canary-error-ratio']} p95 ${run.outputs['canary-p95-ms']}; ` +
        `stable ${run.outputs['stable-requests']} req ${run.outputs['stable-error-ratio']} p95 ${run.outputs['stable-p95-ms']}; ` +
        `probe ${during.length} sent, ${during.filter((r) => r.failure).length} failed\n`,
    );
    return { run, seconds, before, during };
  }

  const answeredBy = (requests: RequestRecord[], version: string) => requests.filter((r) => r.version === version);

  it('aborts an errors-20 canary within its window: no stable pod replaced, the clients’ failures the canary’s share', async () => {
    const namespace = 'canary-errors';
    const tag = '2.13.1-errors-20';
    const { run, seconds, before, during } = await canaryUnderTraffic(namespace, {
      'gateway-image-tag': tag,
      'canary-steps': '10',
      'canary-analysis-window': '90s',
      'canary-min-requests': '30',
    });
    expectFailure(run);
    // Aborted as soon as enough requests had reached the canary, long before its 90 s window was over.
    expect(seconds).toBeLessThan(90);
    expect(run.outputs).toMatchObject({ 'canary-verdict': 'failed', 'canary-share': '33.3' });
    expect(Number(run.outputs['canary-error-ratio'])).toBeGreaterThan(0.05);
    expect(Number(run.outputs['stable-error-ratio'])).toBe(0);
    expect(Number(run.outputs['canary-requests'])).toBeGreaterThanOrEqual(30);
    expect(run.summary).toContain('The canary of 2.13.1-errors-20 (beside 2.13.0) was aborted');
    expect(run.summary).toContain('more than canary-max-error-ratio (5 %)');
    expect(run.summary).toMatch(/\| 10 % \(33\.3 % of pods\) \| canary \| `2\.13\.1-errors-20` \| 1 \| \d+ \| \d+ \|/);
    expect(run.summary).toMatch(/\| 10 % \(33\.3 % of pods\) \| stable \| `2\.13\.0` \| 2 \| \d+ \| 0 \| 0 % \|/);

    // The release never changed; the stable pods are the very same; the canary is gone.
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([[1, 'deployed']]);
    expect(await stablePods(namespace)).toEqual(before);
    await canaryGone(namespace);

    // The test's own count: every failure is a 5xx from the canary, about a fifth of what the canary answered, and
    // the stable version failed nothing.
    const failures = during.filter((r) => r.failure);
    const byCanary = answeredBy(during, tag);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.every((r) => r.failure?.kind === '5xx' && r.version === tag)).toBe(true);
    expect(failures.length / byCanary.length).toBeGreaterThan(0.15);
    expect(failures.length / byCanary.length).toBeLessThan(0.25);
    // The canary had its pod share of the clients' requests, no more, while it ran.
    const canaryShare = byCanary.length / (byCanary.length + answeredBy(during, '2.13.0').length);
    expect(canaryShare).toBeLessThan(0.45);
  });

  it('fails a latency-800 canary on its p95', async () => {
    const namespace = 'canary-latency';
    const { run, before } = await canaryUnderTraffic(namespace, {
      'gateway-image-tag': '2.13.1-latency-800',
      'canary-steps': '10',
      'canary-analysis-window': '60s',
      'canary-max-p95': '500ms',
      'canary-min-requests': '10',
    });
    expectFailure(run);
    expect(run.outputs['canary-verdict']).toBe('failed');
    expect(Number(run.outputs['canary-p95-ms'])).toBeGreaterThan(500);
    expect(Number(run.outputs['stable-p95-ms'])).toBeLessThan(500);
    expect(Number(run.outputs['canary-error-ratio'])).toBe(0);
    expect(run.summary).toMatch(/the canary's p95 latency was \d+ ms, more than canary-max-p95 \(500 ms\)/);
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([[1, 'deployed']]);
    expect(await stablePods(namespace)).toEqual(before);
    await canaryGone(namespace);
  });

  it('promotes a healthy canary through its steps: the release is deployed and verified, the canary removed', async () => {
    const namespace = 'canary-healthy';
    const { run, during } = await canaryUnderTraffic(namespace, {
      'gateway-image-tag': '2.13.1',
      'canary-steps': '10,50',
      'canary-analysis-window': '15s',
      'canary-min-requests': '20',
    });
    expectSuccess(run);
    expect(run.outputs).toMatchObject({
      'canary-verdict': 'passed',
      'canary-share': '50',
      'release-revision': '2',
      'release-status': 'deployed',
      'smoke-test-status': 'passed',
      'canary-error-ratio': '0',
    });
    expect(run.summary).toContain('**✅ promoted** (`2.13.1` beside `2.13.0`)');
    expect(run.summary).toMatch(/\| 10 % \(33\.3 % of pods\) \| canary \|/);
    expect(run.summary).toMatch(/\| 50 % \(50 % of pods\) \| canary \| `2\.13\.1` \| 2 \|/);
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    await canaryGone(namespace);
    expect(during.filter((r) => r.failure)).toEqual([]);
    expect(answeredBy(during, '2.13.1').length).toBeGreaterThan(0);
  });

  it('a run cancelled during the analysis removes the canary within the runner’s grace; the stable version serves on', async () => {
    const namespace = 'canary-cancelled';
    const { run, before, during } = await canaryUnderTraffic(
      namespace,
      { 'gateway-image-tag': '2.13.1', 'canary-steps': '10', 'canary-analysis-window': '5m' },
      { cancelWhen: /Canary step 10 %: judging/, cancelDelayMs: 2000, cancelSequence: 'runner' },
    );
    if (!run.cancelTimeline) throw new Error(`the step ended before the cancel:\n${describeRun(run)}`);
    const { sigintAt, killedAt, exitedAt } = run.cancelTimeline;
    expect(killedAt).toBeUndefined();
    expect(exitedAt! - sigintAt).toBeLessThan(10_000);
    expectFailure(run);
    expect(run.summary).toContain('The workflow was cancelled (SIGINT).');
    expect(run.outputs['canary-verdict']).toBe('stopped');
    // Removed by the cancelled run itself, not by a later one.
    expect(await e2e.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${CANARY}`)).toBeUndefined();
    await canaryGone(namespace);
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([[1, 'deployed']]);
    expect(await stablePods(namespace)).toEqual(before);
    expect(during.filter((r) => r.failure)).toEqual([]);
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
