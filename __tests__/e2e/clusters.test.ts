// Other clusters and clients: helm 3 on request, a load balancer that only has a hostname.
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { DEFAULT_SCENARIO } from '../../sandbox/kube-api/index.js';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, expectCleanRuns, startE2e, TEST_TIMEOUT_MS, type E2e } from './harness.js';

// Each test runs the bundle (and helm, kubectl) one to three times.
jest.setTimeout(TEST_TIMEOUT_MS);

describe('helm 3 and hostname load balancers (e2e)', () => {
  let e2e: E2e;
  const expectSuccess = (run: ActionRun) => {
    if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
  };

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterEach(() => {
    e2e.sandbox.kube.setScenario(DEFAULT_SCENARIO);
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('installs and upgrades with helm 3.18.0', async () => {
    const target = { 'release-name': 'gateway-h3', namespace: 'helm3', 'helm-version': '3.18.0' };
    const first = await e2e.run(target);
    expectSuccess(first);
    expect(first.outputs).toMatchObject({
      'helm-version': '3.18.0',
      'release-revision': '1',
      'release-status': 'deployed',
      'load-balancer-ip': '127.0.0.1',
      'smoke-test-status': 'passed',
    });
    const second = await e2e.run({ ...target, replicas: '2' });
    expectSuccess(second);
    expect(second.outputs).toMatchObject({ 'release-revision': '2', 'release-status': 'deployed' });
    // Release names containing "gateway" are used as-is by the chart.
    expect(e2e.sandbox.kube.get('apps', 'deployments', 'helm3', 'gateway-h3')).toBeDefined();
  });

  it('reports a hostname-only load balancer and smoke-tests through the hostname', async () => {
    e2e.sandbox.kube.setScenario({ loadBalancer: { after: 200, address: { hostname: 'localhost' } } });
    const run = await e2e.run({ 'release-name': 'by-name', namespace: 'hostname' });
    expectSuccess(run);
    const { port } = e2e.sandbox.gateway;
    expect(run.outputs['load-balancer-hostname']).toBe('localhost');
    expect(run.outputs['load-balancer-ip'] ?? '').toBe('');
    expect(run.outputs['gateway-url']).toMatch(new RegExp(`^http://localhost:${port}/?$`));
    expect(run.outputs['smoke-test-status']).toBe('passed');
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
