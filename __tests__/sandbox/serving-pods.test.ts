// The decisions behind the real-cluster tier's serving pods, as tables: what an image tag makes a pod do, what the
// kubelet reads from a pod's spec, the statuses it reports, which addresses pods and load balancers get, and which
// endpoints a load balancer forwards to. The processes themselves are proven in __tests__/real-cluster/.
import { describe, expect, it } from '@jest/globals';
import type { KubeObject } from '../../sandbox/real-cluster/control-plane.js';
import {
  containerPorts,
  DEFAULT_PROBE_CAPS,
  gracePeriodMs,
  httpProbe,
  preStopHook,
} from '../../sandbox/real-cluster/container-spec.js';
import { goDuration } from '../../sandbox/real-cluster/kubelet.js';
import { backendsFor } from '../../sandbox/real-cluster/load-balancer.js';
import { CRASH_AFTER_MS, fateForImage, imageTag, type PodFate } from '../../sandbox/real-cluster/pod-behaviour.js';
import { AddressPool, addressRanges } from '../../sandbox/real-cluster/pod-network.js';
import { servedPodStatus, type ServedPod } from '../../sandbox/real-cluster/pod-status.js';

const REPO = 'docker.io/portkeyai/gateway_enterprise';

describe('fateForImage', () => {
  it.each<[string, PodFate]>([
    [`${REPO}:2.13.0`, { kind: 'serve' }],
    [`${REPO}:errors-20`, { kind: 'serve', behaviour: { errorPercent: 20 } }],
    [`${REPO}:2.14.0-errors-20`, { kind: 'serve', behaviour: { errorPercent: 20 } }],
    [`${REPO}:errors-250`, { kind: 'serve', behaviour: { errorPercent: 100 } }],
    [`${REPO}:latency-800`, { kind: 'serve', behaviour: { latencyMs: 800 } }],
    [`${REPO}:errors-5-latency-100`, { kind: 'serve', behaviour: { errorPercent: 5, latencyMs: 100 } }],
    [`${REPO}:ready-after-6`, { kind: 'serve', behaviour: { readyAfterMs: 6000 } }],
    [`${REPO}:2.14.0-fails-clients`, { kind: 'serve', behaviour: { failsClientsButNotProbe: true } }],
    [`${REPO}:2.14.0-crash-loop`, { kind: 'serve', behaviour: { exitAfterMs: CRASH_AFTER_MS } }],
    [`${REPO}:9.9.9-unpullable`, { kind: 'image-pull-backoff' }],
    // Words only count whole: a version that merely contains one is a version.
    [`${REPO}:2.14.0-noerrors-20x`, { kind: 'serve' }],
    [`registry:5000/gateway@sha256:${'a'.repeat(64)}`, { kind: 'serve' }],
  ])('%s → %j', (image, fate) => {
    expect(fateForImage(image)).toEqual(fate);
  });

  it.each([
    [`${REPO}:2.13.0`, '2.13.0'],
    ['registry:5000/gateway:errors-20', 'errors-20'],
    ['registry:5000/gateway', 'latest'],
    [`gateway:1.0@sha256:${'b'.repeat(64)}`, '1.0'],
  ])('the tag of %s is %s', (image, tag) => {
    expect(imageTag(image)).toBe(tag);
  });
});

const chartContainer = {
  name: 'gateway',
  image: `${REPO}:2.13.0`,
  ports: [
    { name: 'gateway', containerPort: 8787, protocol: 'TCP' },
    { name: 'mcp', containerPort: 8788, protocol: 'TCP' },
  ],
  readinessProbe: {
    httpGet: { path: '/v1/health', port: 8787 },
    initialDelaySeconds: 5,
    periodSeconds: 60,
    timeoutSeconds: 3,
    successThreshold: 1,
    failureThreshold: 3,
  },
  livenessProbe: { httpGet: { path: '/v1/health', port: 'gateway' }, periodSeconds: 60 },
};

describe('what the kubelet reads from a pod spec', () => {
  it('listens on the declared TCP ports, the one named mcp passing on to the MCP stand-in', () => {
    expect(containerPorts(chartContainer)).toEqual([
      { port: 8787, role: 'gateway' },
      { port: 8788, role: 'mcp' },
    ]);
    expect(containerPorts({ ports: [{ containerPort: 53, protocol: 'UDP' }] })).toEqual([]);
  });

  it('caps the probes’ periods and initial delay, keeps the rest, and resolves a named port', () => {
    expect(httpProbe(chartContainer, 'readiness', DEFAULT_PROBE_CAPS)).toEqual({
      port: 8787,
      path: '/v1/health',
      initialDelayMs: 1000,
      periodMs: 1000,
      timeoutMs: 3000,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(httpProbe(chartContainer, 'liveness', DEFAULT_PROBE_CAPS)).toEqual({
      port: 8787,
      path: '/v1/health',
      initialDelayMs: 0,
      periodMs: 10_000,
      timeoutMs: 1000,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(httpProbe({ readinessProbe: { exec: { command: ['true'] } } }, 'readiness', DEFAULT_PROBE_CAPS)).toBe(
      undefined,
    );
  });

  it.each([
    [{ exec: { command: ['sleep', '5'] } }, { kind: 'sleep', ms: 5000 }],
    [{ exec: { command: ['/bin/sh', '-c', 'sleep 15'] } }, { kind: 'sleep', ms: 15_000 }],
    [{ exec: { command: ['/bin/sleep', '2.5'] } }, { kind: 'sleep', ms: 2500 }],
    [{ exec: { command: ['nginx', '-s', 'quit'] } }, { kind: 'not-run', command: 'nginx -s quit' }],
    [{ httpGet: { path: '/drain', port: 'gateway' } }, { kind: 'http', port: 8787, path: '/drain' }],
  ])('reads the preStop hook %j', (preStop, hook) => {
    expect(preStopHook({ ...chartContainer, lifecycle: { preStop } })).toEqual(hook);
  });

  it('takes the deletion’s grace period, else the spec’s, else 30 s', () => {
    const pod = (metadata: object, spec: object) => ({ metadata: { name: 'p', ...metadata }, spec }) as KubeObject;
    expect(gracePeriodMs(pod({ deletionGracePeriodSeconds: 0 }, { terminationGracePeriodSeconds: 60 }))).toBe(0);
    expect(gracePeriodMs(pod({}, { terminationGracePeriodSeconds: 60 }))).toBe(60_000);
    expect(gracePeriodMs(pod({}, {}))).toBe(30_000);
  });
});

describe('servedPodStatus', () => {
  const pod = {
    metadata: { name: 'gw-1', namespace: 'ns', uid: 'uid-1' },
    spec: { containers: [chartContainer, { name: 'sidecar', image: 'nginx:1' }] },
  };
  const served: ServedPod = {
    ip: '10.251.1.2',
    startTime: '2026-12-01T10:00:00Z',
    readySince: '2026-12-01T10:00:03Z',
    ready: false,
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 2s' } },
    lastState: {
      terminated: {
        exitCode: 1,
        reason: 'Error',
        startedAt: '2026-12-01T10:00:01Z',
        finishedAt: '2026-12-01T10:00:02Z',
      },
    },
    restartCount: 2,
    containerID: 'containerd://abc',
  };

  it('reports the process’s state, restarts and last exit, the pod’s own IP, and the sidecars running', () => {
    const status = servedPodStatus(pod, served);
    expect(status).toMatchObject({ phase: 'Running', podIP: '10.251.1.2', podIPs: [{ ip: '10.251.1.2' }] });
    const [gateway, sidecar] = status.containerStatuses as Record<string, unknown>[];
    expect(gateway).toMatchObject({
      name: 'gateway',
      ready: false,
      started: false,
      restartCount: 2,
      containerID: 'containerd://abc',
      state: served.state,
      lastState: served.lastState,
    });
    expect(sidecar).toMatchObject({ name: 'sidecar', ready: true, started: true });
    const ready = (status.conditions as Record<string, unknown>[]).find((c) => c.type === 'Ready');
    expect(ready).toMatchObject({
      status: 'False',
      reason: 'ContainersNotReady',
      lastTransitionTime: '2026-12-01T10:00:03Z',
    });
  });

  it('is Ready when the process is', () => {
    const status = servedPodStatus(pod, {
      ...served,
      ready: true,
      state: { running: { startedAt: served.startTime } },
    });
    const [gateway] = status.containerStatuses as Record<string, unknown>[];
    expect(gateway).toMatchObject({ ready: true, started: true });
    const ready = (status.conditions as Record<string, unknown>[]).find((c) => c.type === 'Ready');
    expect(ready?.status).toBe('True');
  });
});

describe('goDuration', () => {
  it.each([
    [1000, '1s'],
    [20_000, '20s'],
    [80_000, '1m20s'],
    [300_000, '5m0s'],
  ])('%d ms is %s', (ms, text) => {
    expect(goDuration(ms)).toBe(text);
  });
});

describe('addresses in the pod network', () => {
  it.each([
    ['10.250.0.1', { pods: '10.250.1.', loadBalancers: '10.250.2.' }],
    ['10.251.0.1', { pods: '10.251.1.', loadBalancers: '10.251.2.' }],
    ['10.252.0.1', { pods: '10.252.1.', loadBalancers: '10.252.2.' }],
  ])('host side %s: the next two /24s', (hostIp, ranges) => {
    expect(addressRanges({ hostIp })).toEqual(ranges);
  });

  it('refuses a host address with no room after it', () => {
    expect(() => addressRanges({ hostIp: '10.250.254.1' })).toThrow(/no room/);
  });

  it('hands out .2 to .254, a released address last', () => {
    const pool = new AddressPool('10.251.1.');
    const first = pool.take();
    expect([first, pool.take()]).toEqual(['10.251.1.2', '10.251.1.3']);
    pool.give(first);
    const rest = Array.from({ length: 252 }, () => pool.take());
    expect(rest.at(-2)).toBe('10.251.1.254');
    expect(rest.at(-1)).toBe(first);
    expect(() => pool.take()).toThrow(/no free address/);
  });
});

describe('backendsFor', () => {
  const service = (ports: object[]) => ({ metadata: { name: 'gw', namespace: 'ns' }, spec: { ports } }) as KubeObject;
  const endpoints = (subsets: object[]) => ({ metadata: { name: 'gw', namespace: 'ns' }, subsets }) as KubeObject;

  it('forwards each Service port to the ready addresses at the endpoint port of the same name', () => {
    const lb = service([
      { name: 'gateway', port: 80, targetPort: 'gateway', protocol: 'TCP' },
      { name: 'mcp', port: 81, targetPort: 'mcp', protocol: 'TCP' },
    ]);
    const ep = endpoints([
      {
        addresses: [{ ip: '10.251.1.2' }, { ip: '10.251.1.3' }],
        notReadyAddresses: [{ ip: '10.251.1.4' }],
        ports: [
          { name: 'gateway', port: 8787 },
          { name: 'mcp', port: 8788 },
        ],
      },
    ]);
    expect(backendsFor(lb, ep)).toEqual(
      new Map([
        [80, ['10.251.1.2:8787', '10.251.1.3:8787']],
        [81, ['10.251.1.2:8788', '10.251.1.3:8788']],
      ]),
    );
  });

  it('matches a single unnamed port, and has no backend before its Endpoints exist', () => {
    const lb = service([{ port: 8787, targetPort: 8787 }]);
    expect(backendsFor(lb, endpoints([{ addresses: [{ ip: '10.251.1.9' }], ports: [{ port: 8787 }] }]))).toEqual(
      new Map([[8787, ['10.251.1.9:8787']]]),
    );
    expect(backendsFor(lb, undefined)).toEqual(new Map([[8787, []]]));
  });
});
