// The deploy that broke first on a real API server: the action's defaults with Portkey's real chart 1.7.7.
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { ActionRun } from '../../sandbox/runner.js';
import { describeRun, errorLines, expectCleanRuns } from '../e2e/harness.js';
import { addressRanges } from '../../sandbox/real-cluster/pod-network.js';
import { gatewayEnvironment, names, releaseRevisions, startRealE2e, TIER_POD_NETWORK, type RealE2e } from './tier.js';

jest.setTimeout(300_000);

const expectSuccess = (run: ActionRun) => {
  if (run.exitCode !== 0) throw new Error(`the action failed:\n${describeRun(run)}`);
  expect(errorLines(run)).toBe('');
};

describe('the default deploy of the real chart on a real API server', () => {
  let e2e: RealE2e;
  const { loadBalancers } = addressRanges(TIER_POD_NETWORK);

  beforeAll(async () => {
    e2e = await startRealE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it.each([
    ['4.1.4', 'helm4'],
    ['3.18.0', 'helm3'],
  ])('installs and upgrades with helm %s: no null in the env Secret, no redis', async (helmVersion, namespace) => {
    const inputs = { namespace, 'helm-version': helmVersion };
    const install = await e2e.run(inputs);
    expectSuccess(install);
    expect(install.outputs).toMatchObject({
      'release-revision': '1',
      'release-status': 'deployed',
      'chart-version': '1.7.7',
      'app-version': '2.13.0',
      // The load balancer's own address in the pod network (load-balancer.ts).
      'load-balancer-ip': expect.stringMatching(new RegExp(`^${loadBalancers.replaceAll('.', '\\.')}\\d+$`)),
      'smoke-test-status': 'passed',
      'helm-version': helmVersion,
    });
    expect(e2e.sandbox.chartRepository?.requests).toContain('/gateway-1.7.7.tgz');

    const env = await gatewayEnvironment(e2e.client, namespace, 'portkey-ai-gateway');
    expect(env).toMatchObject({
      PORTKEY_CLIENT_AUTH: install.inputs['portkey-client-auth'],
      ORGANISATIONS_TO_SYNC: install.inputs['organisations-to-sync'],
      ANALYTICS_STORE: 'control_plane',
      SERVICE_NAME: 'gateway',
      PORT: '8787',
    });
    expect(env).not.toHaveProperty('CACHE_STORE');
    expect(env).not.toHaveProperty('REDIS_URL');
    expect(env.SERVER_MODE ?? '').toBe('');
    expect(await names(e2e.client, `/apis/apps/v1/namespaces/${namespace}/deployments`)).toEqual([
      'portkey-ai-gateway',
    ]);
    expect(await names(e2e.client, `/api/v1/namespaces/${namespace}/services`)).toEqual(['portkey-ai-gateway']);
    const pull = await e2e.client.get(`/api/v1/namespaces/${namespace}/secrets/portkeyenterpriseregistrycredentials`);
    const dockerconfig = Buffer.from(pull?.data?.['.dockerconfigjson'] ?? '', 'base64').toString('utf8');
    expect(JSON.parse(dockerconfig).auths['https://index.docker.io/v1/']).toMatchObject({
      username: 'portkeyenterprise',
      password: install.inputs['registry-password'],
      email: '',
    });

    const upgrade = await e2e.run({ ...inputs, replicas: '2' });
    expectSuccess(upgrade);
    expect(upgrade.outputs['release-revision']).toBe('2');
    expect(await releaseRevisions(e2e.client, namespace, 'portkey-ai')).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    const deployment = await e2e.client.get(`/apis/apps/v1/namespaces/${namespace}/deployments/portkey-ai-gateway`);
    expect(deployment?.status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });

  it('ran every post step cleanly, left no file or process behind and leaked no secret', () => {
    expectCleanRuns(e2e);
  });
});
