// The Kubernetes API stand-in against the real helm 4.1.4 and kubectl 1.35.2: install, wait, upgrade, history,
// and the strictness a real cluster shows (credentials, missing namespace, unknown kind).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { decodeRelease } from '../../sandbox/kube-api/index.js';
import {
  CHART,
  loadBalancerIp,
  releaseJson,
  rolloutStatus,
  startTestCluster,
  upgradeGatewayArgs,
  type TestCluster,
} from './kube-api-cluster.js';

describe('kube-api with helm 4 and kubectl', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster();
  });
  afterAll(() => cluster?.close());

  it('installs the gateway chart with --create-namespace and waits for it', async () => {
    const result = await cluster.helm(4, upgradeGatewayArgs({ createNamespace: true }));
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/STATUS: deployed[\s\S]*REVISION: 1/);

    // helm 4 applies server-side and stores the release as a protobuf Secret: both reached the store.
    expect(cluster.api.requests.some((r) => r.method === 'PATCH' && r.path.endsWith('/deployments/gw-gateway'))).toBe(
      true,
    );
    const secret = cluster.api.get('', 'secrets', 'portkeyai', 'sh.helm.release.v1.gw.v1') as {
      metadata: { labels: Record<string, string> };
      data: { release: string };
    };
    expect(secret.metadata.labels).toMatchObject({ owner: 'helm', name: 'gw', status: 'deployed', version: '1' });
    expect(decodeRelease(secret.data.release)).toMatchObject({ name: 'gw', version: 1, info: { status: 'deployed' } });
  });

  it('reports a complete rollout to kubectl', async () => {
    const deployments = await cluster.kubectl(['get', 'deploy', '-n', 'portkeyai', '-o', 'json']);
    const [deployment] = JSON.parse(deployments.stdout).items;
    expect(deployment.status).toMatchObject({
      observedGeneration: 1,
      replicas: 1,
      updatedReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
    });
    expect(deployment.status.conditions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'Available', status: 'True' }),
        expect.objectContaining({ type: 'Progressing', status: 'True', reason: 'NewReplicaSetAvailable' }),
      ]),
    );
    const rollout = await rolloutStatus(cluster);
    expect(rollout).toMatchObject({ code: 0, stdout: expect.stringContaining('successfully rolled out') });

    expect(await loadBalancerIp(cluster)).toBe('127.0.0.1');

    const pods = await cluster.kubectl(['get', 'pods', '-n', 'portkeyai']);
    expect(pods.stdout).toMatch(/gw-gateway-[0-9a-f]{10}-\w{5}\s+1\/1\s+Running\s+0/);
  });

  it('upgrades to revision 2 with new pods, and shows history, status and manifest', async () => {
    const before = cluster.api
      .list('', 'pods', 'portkeyai')
      .map((p) => (p as { metadata: { name: string } }).metadata.name);
    const upgrade = await cluster.helm(4, upgradeGatewayArgs({ set: ['images.gatewayImage.tag=2.14.0'] }));
    expect(upgrade).toMatchObject({ code: 0, stdout: expect.stringContaining('REVISION: 2') });
    const after = cluster.api.list('', 'pods', 'portkeyai') as {
      metadata: { name: string };
      spec: { containers: { image: string }[] };
    }[];
    expect(after.map((p) => p.metadata.name)).not.toEqual(before);
    expect(after.map((p) => p.spec.containers[0].image)).toEqual(['docker.io/portkeyai/gateway_enterprise:2.14.0']);

    const history = await releaseJson(cluster, 4, 'history');
    expect(history.map((h: { revision: number; status: string }) => [h.revision, h.status])).toEqual([
      [1, 'superseded'],
      [2, 'deployed'],
    ]);
    const status = await releaseJson(cluster, 4, 'status');
    expect(status).toMatchObject({ name: 'gw', version: 2, info: { status: 'deployed' } });
    const manifest = await cluster.helm(4, ['get', 'manifest', 'gw', '-n', 'portkeyai']);
    expect(manifest.stdout).toContain('kind: Deployment');
    expect(manifest.stdout).toContain('gateway_enterprise:2.14.0');

    expect((await rolloutStatus(cluster)).code).toBe(0);
  });

  it('leaves a release in the status a cancelled run would, for helm to see', async () => {
    cluster.api.markReleaseStatus('portkeyai', 'gw', 'pending-upgrade');
    expect((await releaseJson(cluster, 4, 'status')).info.status).toBe('pending-upgrade');
    const blocked = await cluster.helm(4, [
      'upgrade',
      'gw',
      CHART,
      '-n',
      'portkeyai',
      '--set',
      'serviceAccount.create=true',
    ]);
    expect(blocked.code).not.toBe(0);
    expect(blocked.stderr).toContain('another operation (install/upgrade/rollback) is in progress');
  });

  it('refuses a wrong bearer token the way a real cluster does', async () => {
    const wrong = cluster.writeKubeconfig('wrong-token', { token: 'not-the-token' });
    const helm4 = await cluster.helm(4, ['list', '-A'], wrong);
    expect(helm4.stderr).toContain('the server has asked for the client to provide credentials');
    const helm3 = await cluster.helm(3, ['list', '-A'], wrong);
    expect(helm3.stderr).toContain('the server has asked for the client to provide credentials');
    const kubectl = await cluster.kubectl(['get', 'pods'], { kubeconfig: wrong });
    expect(kubectl).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('You must be logged in to the server (Unauthorized)'),
    });
  });

  it.each([3, 4] as const)(
    'helm %i cannot install into a missing namespace without --create-namespace',
    async (major) => {
      const result = await cluster.helm(major, [
        'upgrade',
        '--install',
        `gw${major}`,
        CHART,
        '-n',
        'nowhere',
        '--set',
        'serviceAccount.create=true',
      ]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('namespaces "nowhere" not found');
    },
  );

  it.each([3, 4] as const)('helm %i rejects a kind the cluster does not serve', async (major) => {
    const widget = `${cluster.dir}/widget-chart`;
    const { mkdirSync, writeFileSync } = await import('node:fs');
    mkdirSync(`${widget}/templates`, { recursive: true });
    writeFileSync(`${widget}/Chart.yaml`, 'apiVersion: v2\nname: widget\nversion: 0.1.0\n');
    writeFileSync(
      `${widget}/templates/widget.yaml`,
      'apiVersion: example.com/v1\nkind: Widget\nmetadata:\n  name: w\n',
    );
    const result = await cluster.helm(major, ['upgrade', '--install', 'widget', widget, '-n', 'default']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('no matches for kind "Widget" in version "example.com/v1"');
  });
});
