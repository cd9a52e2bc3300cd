// The pod statuses and Events a kubelet reports, in the shapes a real one writes, for the two kinds of pods of the
// real-cluster tier: status-only fates (podStatusFor: nothing runs, the status says what a test chose) and serving pods
// (servedPodStatus: the status of a real process, from what really happened to it). Pure.
import { createHash, randomBytes } from 'node:crypto';
import type { KubeObject } from './control-plane.js';
import type { PodFate } from './pod-behaviour.js';

type Dict = Record<string, unknown>;
export type StatusFate = Exclude<PodFate, { kind: 'serve' }>;

const containersOf = (pod: KubeObject) => ((pod.spec?.containers as Dict[] | undefined) ?? []) as Dict[];
const podRef = (pod: KubeObject) => `${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`;

/** 10.244.0.0/16 like a pod CIDR, one address per pod; never loopback, which Endpoints refuse. */
function podIpFor(uid: string): string {
  const digest = createHash('sha256').update(uid).digest();
  return `10.244.${digest[0]}.${(digest[1] % 253) + 1}`;
}

function condition(type: string, ok: boolean, at: string, extra: Dict = {}): Dict {
  return { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at, ...extra };
}

function conditions(pod: KubeObject, ready: boolean, startedAt: string, readySince: string): Dict[] {
  const unready = {
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${containersOf(pod)
      .map((c) => c.name)
      .join(' ')}]`,
  };
  return [
    condition('Initialized', true, startedAt),
    condition('Ready', ready, readySince, ready ? {} : unready),
    condition('ContainersReady', ready, readySince, ready ? {} : unready),
    condition('PodScheduled', true, startedAt),
  ];
}

export const imageIdOf = (image: string) =>
  `docker-pullable://${image}@sha256:${createHash('sha256').update(image).digest('hex')}`;
export const newContainerId = () => `containerd://${randomBytes(32).toString('hex')}`;

/** A crash-looping container's waiting state, as the kubelet words it. */
export function backOffWaiting(pod: KubeObject, container: string, backOff: string): Dict {
  return {
    reason: 'CrashLoopBackOff',
    message: `back-off ${backOff} restarting failed container=${container} pod=${podRef(pod)}`,
  };
}

/** The kubelet's Event for a container it will restart after a back-off. */
export function backOffEvent(pod: KubeObject, container: string): { reason: string; message: string } {
  return { reason: 'BackOff', message: `Back-off restarting failed container ${container} in pod ${podRef(pod)}` };
}

/**
 * The status a kubelet would report for `pod` living out a status-only `fate`. `podIp` is the address every pod gets
 * unless its fate names one: the test harness's own network namespace, so that nothing the API server dials is
 * anyone else's.
 */
export function podStatusFor(pod: KubeObject, fate: StatusFate, now = new Date().toISOString(), podIp?: string): Dict {
  const ip = (fate.kind === 'ready' && fate.ip) || podIp || podIpFor(pod.metadata.uid ?? pod.metadata.name);
  const ready = fate.kind === 'ready';
  // An image that was never pulled gives the pod no sandbox, so no IP, and keeps it Pending.
  const pulled = fate.kind !== 'image-pull-backoff';
  const started = (c: Dict) => ({ imageID: imageIdOf(String(c.image)), containerID: newContainerId() });
  const container = (c: Dict): Dict => {
    const common = { name: c.name, image: c.image, imageID: '', ready, restartCount: 0, started: false };
    switch (fate.kind) {
      case 'ready':
      case 'never-ready':
        return { ...common, ...started(c), started: true, state: { running: { startedAt: now } } };
      case 'crash-loop':
        return {
          ...common,
          ...started(c),
          restartCount: 4,
          state: { waiting: backOffWaiting(pod, String(c.name), '1m20s') },
          lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: now, finishedAt: now } },
        };
      case 'image-pull-backoff':
        return {
          ...common,
          state: { waiting: { reason: 'ImagePullBackOff', message: `Back-off pulling image "${String(c.image)}"` } },
        };
    }
  };
  return {
    hostIP: '127.0.0.1',
    startTime: now,
    phase: pulled ? 'Running' : 'Pending',
    ...(pulled && { podIP: ip, podIPs: [{ ip }] }),
    conditions: conditions(pod, ready, now, now),
    containerStatuses: containersOf(pod).map(container),
  };
}

/** The Warning events a kubelet records for these fates. */
export function eventsFor(pod: KubeObject, fate: StatusFate): { reason: string; message: string }[] {
  const containers = containersOf(pod);
  switch (fate.kind) {
    case 'crash-loop':
      return containers.map((c) => backOffEvent(pod, String(c.name)));
    case 'image-pull-backoff':
      return containers.flatMap((c) => [
        {
          reason: 'Failed',
          message: `Failed to pull image "${String(c.image)}": rpc error: code = Unknown desc = failed to pull and unpack image "${String(c.image)}": failed to resolve reference "${String(c.image)}": pull access denied, repository does not exist or may require authorization: authorization failed`,
        },
        { reason: 'Failed', message: 'Error: ImagePullBackOff' },
      ]);
    case 'never-ready':
      return [{ reason: 'Unhealthy', message: 'Readiness probe failed: HTTP probe failed with statuscode: 503' }];
    default:
      return [];
  }
}

/** A container state as the API writes it: exactly one of running, waiting, terminated. */
export type ContainerState =
  | { running: { startedAt: string } }
  | { waiting: Dict }
  | { terminated: { exitCode: number; signal?: number; reason: string; startedAt: string; finishedAt: string } };

/** What happened to a serving pod's process, as the kubelet (kubelet.ts) knows it. */
export interface ServedPod {
  ip: string;
  startTime: string;
  /** When Ready last changed (its lastTransitionTime). */
  readySince: string;
  ready: boolean;
  state: ContainerState;
  lastState?: ContainerState;
  restartCount: number;
  containerID: string;
}

/**
 * The status of a serving pod. Its first container is the process; any other container (a chart's sidecars) is
 * reported running and ready, as nothing of it runs.
 */
export function servedPodStatus(pod: KubeObject, served: ServedPod): Dict {
  const [first, ...others] = containersOf(pod);
  const identity = (c: Dict) => ({ name: c.name, image: c.image, imageID: imageIdOf(String(c.image)) });
  return {
    hostIP: '127.0.0.1',
    startTime: served.startTime,
    phase: 'Running',
    podIP: served.ip,
    podIPs: [{ ip: served.ip }],
    conditions: conditions(pod, served.ready, served.startTime, served.readySince),
    containerStatuses: [
      {
        ...identity(first),
        containerID: served.containerID,
        ready: served.ready,
        restartCount: served.restartCount,
        started: 'running' in served.state,
        state: served.state,
        ...(served.lastState && { lastState: served.lastState }),
      },
      ...others.map((c) => ({
        ...identity(c),
        containerID: `containerd://${createHash('sha256')
          .update(`${pod.metadata.uid}/${String(c.name)}`)
          .digest('hex')}`,
        ready: true,
        restartCount: 0,
        started: true,
        state: { running: { startedAt: served.startTime } },
      })),
    ],
  };
}
