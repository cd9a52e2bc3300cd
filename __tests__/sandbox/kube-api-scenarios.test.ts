// Failure scenarios of the Kubernetes API stand-in as the real kubectl 1.35 sees them: pod states, logs, Events,
// and load balancer addresses.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setTimeout as sleep } from 'node:timers/promises';
import { CRASH_LOG, HEALTHY_LOG, type KubeScenario } from '../../sandbox/kube-api/index.js';
import { deploymentManifest, startTestCluster, type TestCluster } from './kube-api-cluster.js';

interface Pod {
  metadata: { name: string };
  status: {
    phase: string;
    conditions?: { type: string; status: string; reason?: string }[];
    containerStatuses?: ContainerStatus[];
  };
}
interface ContainerStatus {
  ready: boolean;
  restartCount: number;
  state: { waiting?: { reason: string; message?: string }; running?: object };
  lastState: { terminated?: { exitCode: number } };
}

async function waitFor<T>(read: () => T | undefined, what: string, timeoutMs = 8000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

describe('kube-api scenarios through kubectl', () => {
  let cluster: TestCluster;
  beforeAll(async () => {
    cluster = await startTestCluster({ readyAfterMs: 100, loadBalancer: { after: 100, address: { ip: '127.0.0.1' } } });
  });
  afterAll(() => cluster?.close());
  const pods = (namespace: string) => cluster.api.list('', 'pods', namespace);

  /** Applies a one-replica Deployment in its own namespace under `pods` and returns its pod once `until` holds. */
  async function deployWith(pods: KubeScenario['pods'], namespace: string, until: (pod: Pod) => boolean): Promise<Pod> {
    cluster.api.setScenario({ pods });
    expect((await cluster.kubectl(['create', 'namespace', namespace])).code).toBe(0);
    const applied = await cluster.kubectl(['apply', '-f', '-'], { stdin: deploymentManifest('gw', namespace) });
    expect(applied).toMatchObject({ code: 0, stdout: 'deployment.apps/gw created\n' });
    return waitFor(
      () => (cluster.api.list('', 'pods', namespace) as Pod[]).find(until),
      `a ${pods} pod in ${namespace}`,
    );
  }

  async function eventsFor(
    namespace: string,
    name: string,
  ): Promise<{ type: string; reason: string; message: string }[]> {
    const result = await cluster.kubectl([
      'get',
      'events',
      '-n',
      namespace,
      '--field-selector',
      `involvedObject.name=${name}`,
      '-o',
      'json',
    ]);
    return JSON.parse(result.stdout).items;
  }

  it('healthy: Ready pods, logs with --tail, and a re-apply rolls out a new ReplicaSet', async () => {
    const pod = await deployWith('healthy', 'healthy', (p) => p.status?.containerStatuses?.[0]?.ready === true);
    const logs = await cluster.kubectl(['logs', '-n', 'healthy', pod.metadata.name, '--tail', '1']);
    expect(logs.stdout).toBe(`${HEALTHY_LOG.at(-1)}\n`);

    const reapplied = await cluster.kubectl(['apply', '-f', '-'], {
      stdin: deploymentManifest('gw', 'healthy', 'docker.io/portkeyai/gateway:1.1.0'),
    });
    expect(reapplied.stdout).toBe('deployment.apps/gw configured\n');
    const rollout = await cluster.kubectl(['rollout', 'status', 'deployment/gw', '-n', 'healthy', '--timeout', '20s']);
    expect(rollout.code).toBe(0);
    const sets = await cluster.kubectl([
      'get',
      'rs',
      '-n',
      'healthy',
      '-o',
      'jsonpath={range .items[*]}{.spec.replicas}{" "}{end}',
    ]);
    expect(sets.stdout.trim().split(' ').sort()).toEqual(['0', '1']);
    const pods = cluster.api.list('', 'pods', 'healthy') as { spec: { containers: { image: string }[] } }[];
    expect(pods.map((p) => p.spec.containers[0].image)).toEqual(['docker.io/portkeyai/gateway:1.1.0']);
  });

  it('a new template that crash-loops leaves the old pods serving, as the default RollingUpdate (25%/25%) does', async () => {
    const gateway = (image: string) => deploymentManifest('gw', 'rolling', `docker.io/portkeyai/gateway:${image}`, 4);
    expect((await cluster.kubectl(['create', 'namespace', 'rolling'])).code).toBe(0);
    await cluster.kubectl(['apply', '-f', '-'], { stdin: gateway('1.0.0') });
    const rolledOut = await cluster.kubectl([
      'rollout',
      'status',
      'deployment/gw',
      '-n',
      'rolling',
      '--timeout',
      '20s',
    ]);
    expect(rolledOut.code).toBe(0);
    cluster.api.setScenario({ pods: 'crash-loop' });
    await cluster.kubectl(['apply', '-f', '-'], { stdin: gateway('1.1.0-broken') });
    await waitFor(
      () => (pods('rolling') as Pod[]).find((p) => (p.status.containerStatuses?.[0]?.restartCount ?? 0) >= 1),
      'a restarted pod of the new template',
    );
    // Four replicas: a surge of 1 and 1 unavailable. The old set gives up one pod for the surge and no more, since
    // the new pods never become available: 3 old pods serve on, beside 2 new ones (at most 4 + 1).
    const images = (pods('rolling') as { spec: { containers: { image: string }[] } }[]).map((p) =>
      p.spec.containers[0].image.replace('docker.io/portkeyai/gateway:', ''),
    );
    expect(images.sort()).toEqual(['1.0.0', '1.0.0', '1.0.0', '1.1.0-broken', '1.1.0-broken']);
  });

  it('crash-loop: CrashLoopBackOff, growing restarts, previous logs and BackOff events', async () => {
    const pod = await deployWith(
      'crash-loop',
      'crashing',
      (p) => (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1,
    );
    const status = pod.status.containerStatuses![0];
    expect(status.state.waiting?.reason).toBe('CrashLoopBackOff');
    expect(status.lastState.terminated?.exitCode).toBe(1);

    const previous = await cluster.kubectl(['logs', '-n', 'crashing', pod.metadata.name, '--previous']);
    expect(previous.stdout).toBe(CRASH_LOG.map((line) => `${line}\n`).join(''));
    const table = await cluster.kubectl(['get', 'pods', '-n', 'crashing']);
    expect(table.stdout).toMatch(/0\/1\s+CrashLoopBackOff\s+[1-9]/);
    expect(await eventsFor('crashing', pod.metadata.name)).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Warning', reason: 'BackOff' })]),
    );
    const rollout = await cluster.kubectl(['rollout', 'status', 'deployment/gw', '-n', 'crashing', '--timeout', '1s']);
    expect(rollout.code).toBe(1);
    expect(rollout.stdout).toContain('0 of 1 updated replicas are available');
  });

  it('image-pull-error: ErrImagePull, then ImagePullBackOff', async () => {
    const pod = await deployWith(
      'image-pull-error',
      'pulling',
      (p) => p.status?.containerStatuses?.[0]?.state.waiting?.reason === 'ImagePullBackOff',
    );
    const reasons = (await eventsFor('pulling', pod.metadata.name)).map((e) => `${e.type}/${e.reason}`);
    expect(reasons).toEqual(expect.arrayContaining(['Warning/Failed', 'Normal/BackOff']));
    const logs = await cluster.kubectl(['logs', '-n', 'pulling', pod.metadata.name]);
    expect(logs.stderr).toContain(
      `container "gateway" in pod "${pod.metadata.name}" is waiting to start: ImagePullBackOff`,
    );
  });

  it('config-error: CreateContainerConfigError naming the missing secret', async () => {
    const pod = await deployWith(
      'config-error',
      'config',
      (p) => p.status?.containerStatuses?.[0]?.state.waiting?.reason === 'CreateContainerConfigError',
    );
    expect(pod.status.containerStatuses![0].state.waiting?.message).toBe('secret "gw-env" not found');
    expect(await eventsFor('config', pod.metadata.name)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ reason: 'Failed', message: 'Error: secret "gw-env" not found' }),
      ]),
    );
  });

  it('unschedulable: Pending with PodScheduled False and a FailedScheduling event', async () => {
    const pod = await deployWith(
      'unschedulable',
      'pending',
      (p) => p.status?.phase === 'Pending' && !!p.status.conditions,
    );
    expect(pod.status.conditions).toEqual([
      expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }),
    ]);
    expect((await eventsFor('pending', pod.metadata.name)).map((e) => e.reason)).toContain('FailedScheduling');
  });

  it('never-ready: Running but not Ready', async () => {
    const pod = await deployWith('never-ready', 'unready', (p) => p.status?.phase === 'Running');
    expect(pod.status.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'Ready', status: 'False' })]),
    );
    expect((await eventsFor('unready', pod.metadata.name)).map((e) => e.reason)).toContain('Unhealthy');
  });

  it('load balancer: no address and a Warning, then an address once the scenario allows one; hostnames too', async () => {
    cluster.api.setScenario({ pods: 'healthy', loadBalancer: { after: 50, address: 'none' } });
    const service = (name: string) =>
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name, namespace: 'default' },
        spec: { type: 'LoadBalancer', ports: [{ port: 80 }] },
      });
    expect((await cluster.kubectl(['apply', '-f', '-'], { stdin: service('lb') })).code).toBe(0);
    await waitFor(
      () =>
        (cluster.api.list('', 'events', 'default') as { reason: string }[]).find(
          (e) => e.reason === 'SyncLoadBalancerFailed',
        ),
      'SyncLoadBalancerFailed',
    );
    const pending = await cluster.kubectl(['get', 'svc', 'lb', '-n', 'default']);
    expect(pending.stdout).toMatch(/LoadBalancer\s+10\.0\.\d+\.\d+\s+<pending>\s+80:3\d{4}\/TCP/);

    cluster.api.setScenario({ loadBalancer: { after: 50, address: { hostname: 'gw.example.test' } } });
    const path = '{.status.loadBalancer.ingress[0].hostname}';
    await waitFor(
      () =>
        (cluster.api.get('', 'services', 'default', 'lb') as { status?: { loadBalancer?: { ingress?: unknown[] } } })
          .status?.loadBalancer?.ingress,
      'an address',
    );
    expect((await cluster.kubectl(['get', 'svc', 'lb', '-o', `jsonpath=${path}`])).stdout).toBe('gw.example.test');

    const ingress = JSON.stringify({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'gw', namespace: 'default' },
      spec: {
        rules: [
          {
            http: {
              paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'lb', port: { number: 80 } } } }],
            },
          },
        ],
      },
    });
    expect((await cluster.kubectl(['apply', '-f', '-'], { stdin: ingress })).code).toBe(0);
    await waitFor(
      () =>
        (
          cluster.api.get('networking.k8s.io', 'ingresses', 'default', 'gw') as {
            status?: { loadBalancer?: { ingress?: unknown[] } };
          }
        ).status?.loadBalancer?.ingress,
      'an ingress address',
    );
    expect((await cluster.kubectl(['get', 'ingress', 'gw', '-o', `jsonpath=${path}`])).stdout).toBe('gw.example.test');
  });
});
