// The Kubernetes API stand-in against the real helm 3.18.0: client-side apply with strategic-merge patches, and
// `--wait` that finds the Deployment's new ReplicaSet by selector and pod-template hash.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  CHART,
  loadBalancerIp,
  releaseJson,
  startTestCluster,
  upgradeGatewayArgs,
  type TestCluster,
} from './kube-api-cluster.js';

describe('kube-api with helm 3', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(() => cluster?.close());

  it('installs, waits, upgrades to revision 2 and shows the release', async () => {
    const install = await cluster.helm(3, upgradeGatewayArgs({ createNamespace: true }));
    expect(install).toMatchObject({ code: 0, stdout: expect.stringContaining('STATUS: deployed') });
    expect(await loadBalancerIp(cluster)).toBe('127.0.0.1');

    const upgrade = await cluster.helm(3, upgradeGatewayArgs({ set: ['replicaCount=2'] }));
    expect(upgrade).toMatchObject({ code: 0, stdout: expect.stringContaining('REVISION: 2') });
    // helm 3 sent a strategic-merge patch; the Deployment kept its server-side defaults and took the new count.
    expect(cluster.api.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/deployments/gw-gateway'))).toBe(
      true,
    );
    const deployment = cluster.api.get('apps', 'deployments', 'portkeyai', 'gw-gateway') as {
      metadata: { generation: number };
      spec: { replicas: number; strategy: { type: string } };
      status: { readyReplicas: number; observedGeneration: number };
    };
    expect(deployment.spec).toMatchObject({ replicas: 2, strategy: { type: 'RollingUpdate' } });
    expect(deployment.status).toMatchObject({ readyReplicas: 2, observedGeneration: deployment.metadata.generation });

    const history = await releaseJson(cluster, 3, 'history');
    expect(history.map((h: { status: string }) => h.status)).toEqual(['superseded', 'deployed']);
    const status = await releaseJson(cluster, 3, 'status');
    expect(status).toMatchObject({ version: 2, info: { status: 'deployed' } });
    const manifest = await cluster.helm(3, ['get', 'manifest', 'gw', '-n', 'portkeyai']);
    expect(manifest.stdout).toMatch(/kind: Service[\s\S]*type: LoadBalancer/);
  });

  it('times out --wait while the pods crash, then uninstalls', async () => {
    cluster.api.setScenario({ pods: 'crash-loop' });
    const install = await cluster.helm(3, [
      'upgrade',
      '--install',
      'bad',
      CHART,
      '-n',
      'crashing',
      '--create-namespace',
      '--set',
      'serviceAccount.create=true',
      '--wait',
      '--timeout',
      '3s',
    ]);
    expect(install.code).toBe(1);
    expect(install.stderr).toContain('context deadline exceeded');
    const uninstall = await cluster.helm(3, ['uninstall', 'bad', '-n', 'crashing']);
    expect(uninstall.code).toBe(0);
    expect(cluster.api.list('apps', 'replicasets', 'crashing')).toEqual([]);
    expect(cluster.api.list('', 'pods', 'crashing')).toEqual([]);
  });
});
