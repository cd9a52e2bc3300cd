// The canary strategy on a private cluster, on a real API server: every cluster call of the canary (the Deployment
// applied and deleted, the pods listed, each pod's /metrics through the pod proxy) is kubectl in the runCommand pod.
// A canary that fails a fifth of its requests is aborted with the release untouched; a healthy one is promoted.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { describeRun, expectCleanRuns, expectSuccess } from '../e2e/harness.js';
import { loadBalancerUrl, releaseRevisions, startRealE2e, waitFor, type RealE2e } from './tier.js';
import { startTraffic } from './traffic-probe.js';

jest.setTimeout(600_000);

const namespace = 'private-canary';
const CANARY = 'portkey-ai-gateway-canary';

describe('the canary strategy on a private cluster through runCommand, on a real API server', () => {
  let e2e: RealE2e;

  beforeAll(async () => {
    e2e = await startRealE2e({ privateCluster: {} });
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('aborts a bad canary, leaving the release as it was, then promotes a good one', async () => {
    const base = { namespace };
    expectSuccess(await e2e.run(base));
    const url = await loadBalancerUrl(e2e.client, namespace, 'portkey-ai-gateway');
    const traffic = startTraffic({ url, clients: 4, path: '/', timeoutMs: 5000 });
    const canary = {
      ...base,
      strategy: 'canary',
      'canary-steps': '10',
      'canary-analysis-window': '60s',
      'canary-min-requests': '30',
    };
    try {
      const bad = await e2e.run({ ...canary, 'gateway-image-tag': '2.13.1-errors-20' });
      if (bad.exitCode === 0) throw new Error(`the action passed:\n${describeRun(bad)}`);
      expect(bad.outputs['canary-verdict']).toBe('failed');
      expect(Number(bad.outputs['canary-error-ratio'])).toBeGreaterThan(0.05);
      expect(bad.summary).toContain('The canary of 2.13.1-errors-20 (beside 2.13.0) was aborted');
      // The pods' metrics were read by kubectl in the command pod, the canary's and the stable pods' in one invocation.
      expect(bad.stdout).toMatch(
        /runCommand \w+ \(exit 0\): .*kubectl get --raw \/api\/v1\/namespaces\/private-canary\/pods\/portkey-ai-gateway-canary-\w+-\w+:8787\/proxy\/metrics/,
      );
      expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([[1, 'deployed']]);
      await waitFor('the canary to be gone', async () =>
        (await e2e.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${CANARY}`)) ? undefined : true,
      );

      // A canary, then the upgrade, its rollout and the smoke test, each command a runCommand invocation: more than the
      // harness's usual two minutes on a loaded machine.
      const good = await e2e.run(
        { ...canary, 'gateway-image-tag': '2.13.1', 'canary-analysis-window': '15s' },
        { timeoutMs: 300_000 },
      );
      expectSuccess(good);
      expect(good.outputs).toMatchObject({ 'canary-verdict': 'passed', 'release-revision': '2' });
      expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([
        [1, 'superseded'],
        [2, 'deployed'],
      ]);
      expect(await e2e.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/${CANARY}`)).toBeUndefined();
    } finally {
      await traffic.stop();
    }
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
