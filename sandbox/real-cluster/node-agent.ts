// What a real AKS node would do for the control plane of control-plane.ts, which has no kubelet, container runtime
// or cloud controller: patch each scheduled pod's status to the fate the test chose for it (ready, slow to become
// ready, CrashLoopBackOff, ImagePullBackOff, never ready) with the Events a kubelet records, force-delete pods that
// are terminating, and give LoadBalancer Services and Ingresses their address (an IP, a hostname, or never).
// Everything goes through the real apiserver, so its validation, the Deployment and ReplicaSet controllers and the
// Endpoints controller react exactly as they would to a kubelet.
import { createHash, randomBytes } from 'node:crypto';
import type { AdminClient, KubeObject } from './control-plane.js';

export type PodFate =
  | { kind: 'ready'; afterMs?: number; ip?: string }
  | { kind: 'crash-loop' }
  | { kind: 'image-pull-backoff' }
  | { kind: 'never-ready' };

export type Address = { ip: string } | { hostname: string } | 'none';

export interface NodeAgentRules {
  /** The fate of each newly scheduled pod; ready at once by default. */
  pod(pod: KubeObject): PodFate;
  /** The address of a LoadBalancer Service. */
  loadBalancer(service: KubeObject): Address;
  /** The address of an Ingress. */
  ingress(ingress: KubeObject): Address;
}

export const DEFAULT_RULES: NodeAgentRules = {
  pod: () => ({ kind: 'ready' }),
  loadBalancer: () => ({ ip: '127.0.0.1' }),
  ingress: () => ({ ip: '127.0.0.1' }),
};

export interface NodeAgent {
  /** Replaces some rules; pods and addresses already handled keep what they got. */
  setRules(rules: Partial<NodeAgentRules>): void;
  /** Every status this agent gave a pod, for assertions: `namespace/name → fate kind`. */
  fates: Map<string, PodFate['kind']>;
  stop(): Promise<void>;
}

type Dict = Record<string, unknown>;
const NODE = 'node-1';

const containersOf = (pod: KubeObject) => ((pod.spec?.containers as Dict[] | undefined) ?? []) as Dict[];
const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

/** 10.244.0.0/16 like a pod CIDR, one address per pod; never loopback, which Endpoints refuse. */
function podIpFor(uid: string): string {
  const digest = createHash('sha256').update(uid).digest();
  return `10.244.${digest[0]}.${(digest[1] % 253) + 1}`;
}

function condition(type: string, ok: boolean, at: string, extra: Dict = {}): Dict {
  return { type, status: ok ? 'True' : 'False', lastProbeTime: null, lastTransitionTime: at, ...extra };
}

/**
 * The status a kubelet would report for `pod` living out `fate`. Pure. `podIp` is the address every pod gets unless
 * its fate names one: the test harness's own network namespace, so that nothing the API server dials is anyone else's.
 */
export function podStatusFor(pod: KubeObject, fate: PodFate, now = new Date().toISOString(), podIp?: string): Dict {
  const containers = containersOf(pod);
  const ip = (fate.kind === 'ready' && fate.ip) || podIp || podIpFor(pod.metadata.uid ?? pod.metadata.name);
  const ready = fate.kind === 'ready';
  // An image that was never pulled gives the pod no sandbox, so no IP, and keeps it Pending.
  const pulled = fate.kind !== 'image-pull-backoff';
  const unready = {
    reason: 'ContainersNotReady',
    message: `containers with unready status: [${containers.map((c) => c.name).join(' ')}]`,
  };
  const started = (c: Dict) => ({
    imageID: `docker-pullable://${String(c.image)}@sha256:${createHash('sha256').update(String(c.image)).digest('hex')}`,
    containerID: `containerd://${randomBytes(32).toString('hex')}`,
  });
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
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 1m20s restarting failed container=${String(c.name)} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
            },
          },
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
    conditions: [
      condition('Initialized', true, now),
      condition('Ready', ready, now, ready ? {} : unready),
      condition('ContainersReady', ready, now, ready ? {} : unready),
      condition('PodScheduled', true, now),
    ],
    containerStatuses: containers.map(container),
  };
}

/** The Warning events a kubelet records for these fates. */
function eventsFor(pod: KubeObject, fate: PodFate): { reason: string; message: string }[] {
  const containers = containersOf(pod);
  switch (fate.kind) {
    case 'crash-loop':
      return containers.map((c) => ({
        reason: 'BackOff',
        message: `Back-off restarting failed container ${String(c.name)} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
      }));
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

function loadBalancerStatus(address: Address): Dict | undefined {
  if (address === 'none') return undefined;
  return { loadBalancer: { ingress: [address] } };
}

export interface NodeAgentOptions {
  /** The IP of every pod whose fate names none (see podStatusFor); a hashed 10.244.x.y by default. */
  podIp?: string;
}

export function startNodeAgent(
  client: AdminClient,
  initial: Partial<NodeAgentRules> = {},
  options: NodeAgentOptions = {},
): NodeAgent {
  let rules: NodeAgentRules = { ...DEFAULT_RULES, ...initial };
  const stop = new AbortController();
  const handled = new Set<string>();
  const deleting = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const fates = new Map<string, PodFate['kind']>();
  const failures: string[] = [];
  const later = (ms: number, fn: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn().catch((error: Error) => failures.push(error.message));
    }, ms);
    timers.add(timer);
  };
  const run = (fn: () => Promise<unknown>) => later(0, fn);

  async function recordEvent(object: KubeObject, kind: string, component: string, reason: string, message: string) {
    const now = new Date().toISOString();
    await client.send('POST', `/api/v1/namespaces/${object.metadata.namespace}/events`, {
      metadata: { generateName: `${object.metadata.name}.`, namespace: object.metadata.namespace },
      involvedObject: {
        kind,
        apiVersion: kind === 'Pod' || kind === 'Service' ? 'v1' : 'networking.k8s.io/v1',
        namespace: object.metadata.namespace,
        name: object.metadata.name,
        uid: object.metadata.uid,
      },
      reason,
      message,
      type: 'Warning',
      count: 1,
      firstTimestamp: now,
      lastTimestamp: now,
      source: { component, host: NODE },
      reportingComponent: component,
      reportingInstance: NODE,
    });
  }

  async function live(pod: KubeObject, fate: PodFate) {
    const path = `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`;
    const res = await client.request(
      'PATCH',
      path,
      { status: podStatusFor(pod, fate, undefined, options.podIp) },
      'application/merge-patch+json',
    );
    // Deleted meanwhile (a rollback replaced it): nothing to report.
    if (res.status === 404) return;
    if (res.status !== 200) throw new Error(`PATCH ${path}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    fates.set(key(pod), fate.kind);
    for (const event of eventsFor(pod, fate)) await recordEvent(pod, 'Pod', 'kubelet', event.reason, event.message);
  }

  function onPod(type: string, pod: KubeObject) {
    if (type === 'DELETED') return;
    const id = pod.metadata.uid ?? key(pod);
    if (pod.metadata.deletionTimestamp) {
      if (deleting.has(id)) return;
      deleting.add(id);
      // No kubelet will confirm the container stopped: finish the deletion the way `--force --grace-period=0` does.
      run(() =>
        client.send(
          'DELETE',
          `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`,
          { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
          'application/json',
          [404],
        ),
      );
      return;
    }
    if (!pod.spec?.nodeName || handled.has(id)) return;
    handled.add(id);
    const fate = rules.pod(pod);
    later(fate.kind === 'ready' ? (fate.afterMs ?? 0) : 0, () => live(pod, fate));
  }

  function onAddressable(kind: 'service' | 'ingress') {
    return (type: string, object: KubeObject) => {
      if (type === 'DELETED') return;
      if (kind === 'service' && object.spec?.type !== 'LoadBalancer') return;
      const current = (object.status?.loadBalancer as { ingress?: unknown[] } | undefined)?.ingress ?? [];
      if (current.length > 0) return;
      const id = `${kind}:${object.metadata.uid}`;
      if (handled.has(id)) return;
      handled.add(id);
      const status = loadBalancerStatus(kind === 'service' ? rules.loadBalancer(object) : rules.ingress(object));
      if (!status) {
        // What Azure's cloud provider records when it cannot build the load balancer (a missing static IP, say).
        if (kind === 'service') {
          run(() =>
            recordEvent(
              object,
              'Service',
              'service-controller',
              'SyncLoadBalancerFailed',
              'Error syncing load balancer: failed to ensure load balancer: PublicIPAddress not found in the node resource group',
            ),
          );
        }
        return;
      }
      const base =
        kind === 'service'
          ? `/api/v1/namespaces/${object.metadata.namespace}/services`
          : `/apis/networking.k8s.io/v1/namespaces/${object.metadata.namespace}/ingresses`;
      run(() =>
        client.send(
          'PATCH',
          `${base}/${object.metadata.name}/status`,
          { status },
          'application/merge-patch+json',
          [404],
        ),
      );
    };
  }

  const watches = [
    client.watch('/api/v1/pods', onPod, stop.signal),
    client.watch('/api/v1/services', onAddressable('service'), stop.signal),
    client.watch('/apis/networking.k8s.io/v1/ingresses', onAddressable('ingress'), stop.signal),
  ];

  return {
    fates,
    setRules(patch) {
      rules = { ...rules, ...patch };
    },
    async stop() {
      stop.abort();
      for (const timer of timers) clearTimeout(timer);
      await Promise.allSettled(watches);
      if (failures.length > 0) throw new Error(`The node agent could not do its work:\n${failures.join('\n')}`);
    },
  };
}
