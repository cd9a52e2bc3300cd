// What a real AKS node and Azure would do for the control plane of control-plane.ts, which has no kubelet, container
// runtime, kube-proxy or cloud controller. For each scheduled pod, the fate the test chose (by default from its image
// tag, see pod-behaviour.ts): a serving pod, a real process run by kubelet.ts, or a status only (ready, slow to become
// ready, CrashLoopBackOff, ImagePullBackOff, never ready) with the Events a kubelet records; terminating status-only
// pods are force-deleted. LoadBalancer Services get an address that forwards to their ready endpoints
// (load-balancer.ts), or a status-only address (an IP, a hostname, or never); Ingresses get a status-only address.
// Everything goes through the real apiserver, so its validation, the Deployment and ReplicaSet controllers and the
// Endpoints controller react exactly as they would to a kubelet.
import type { AdminClient, KubeObject } from './control-plane.js';
import { DEFAULT_PROBE_CAPS, firstContainer, type ProbeCaps } from './container-spec.js';
import { startKubelet, type ContainerRun, type KubeletOptions } from './kubelet.js';
import { startLoadBalancers } from './load-balancer.js';
import { fateForImage, type PodFate, type ServingPodSpec } from './pod-behaviour.js';
import { AddressPool, addressRanges, removeLeftoverAddresses } from './pod-network.js';
import { eventsFor, podStatusFor, type StatusFate } from './pod-status.js';
import type { PodNetwork } from '../gateway.js';

/**
 * `forwarded`: an address of the pod network that forwards to the Service's ready endpoints (load-balancer.ts).
 * The others are status only: nothing answers there unless the test put something there.
 */
export type Address = 'forwarded' | { ip: string } | { hostname: string } | 'none';

export interface NodeAgentRules {
  /** The fate of each newly scheduled pod; by default from its image tag (fateForImage). */
  pod(pod: KubeObject): PodFate;
  /** The address of a LoadBalancer Service. */
  loadBalancer(service: KubeObject): Address;
  /** The address of an Ingress. */
  ingress(ingress: KubeObject): Address;
}

export const DEFAULT_RULES: NodeAgentRules = {
  pod: (pod) => fateForImage(String(firstContainer(pod).image ?? '')),
  loadBalancer: () => 'forwarded',
  ingress: () => ({ ip: '127.0.0.1' }),
};

export interface NodeAgent {
  /** Replaces some rules; pods and addresses already handled keep what they got. */
  setRules(rules: Partial<NodeAgentRules>): void;
  /** Every fate this agent gave a pod, for assertions: `namespace/name → fate kind`. */
  fates: Map<string, PodFate['kind']>;
  /** The processes each serving pod ran, oldest first: `namespace/name → runs`. */
  runs: Map<string, ContainerRun[]>;
  /** Kills every pod process and load balancer, frees their addresses; throws what went wrong meanwhile. Idempotent. */
  stop(): Promise<void>;
}

type Dict = Record<string, unknown>;
const NODE = 'node-1';
const key = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

export interface NodeAgentOptions {
  /** The tier's pod network: serving pods and forwarding load balancers get their addresses there. */
  network: PodNetwork;
  /** Where serving pods pass on what they do not answer themselves: the sandbox's gateway in the pod network. */
  backend: ServingPodSpec['backend'];
  /** The IP of every status-only pod whose fate names none (see podStatusFor); a hashed 10.244.x.y by default. */
  podIp?: string;
  /** Caps on the probes' timings (see ProbeCaps). */
  probeCaps?: ProbeCaps;
  /** The crash-loop back-off (see KubeletOptions); 1 s doubling to 30 s by default. */
  crashBackOff?: KubeletOptions['crashBackOff'];
  /** kube-proxy's minimum sync period for the load balancers; 1 s by default. */
  minSyncMs?: number;
}

/** The tier's node, as ../shared/real-cluster/start.sh registers it. */
const NODE_NAME = 'node-1';
const NODE_MAX_PODS = 250;

export async function startNodeAgent(
  client: AdminClient,
  initial: Partial<NodeAgentRules>,
  options: NodeAgentOptions,
): Promise<NodeAgent> {
  let rules: NodeAgentRules = { ...DEFAULT_RULES, ...initial };
  // The tier's one node holds every pod of a whole run, and the action's releases run two replicas by default
  // (zero-downtime): the kubelet's default of 110 pods runs out. 250 is AKS's own most (Azure CNI Overlay).
  const pods = { pods: String(NODE_MAX_PODS) };
  await client.send(
    'PATCH',
    `/api/v1/nodes/${NODE_NAME}/status`,
    { status: { capacity: pods, allocatable: pods } },
    'application/merge-patch+json',
  );
  const stop = new AbortController();
  const handled = new Set<string>();
  const deleting = new Set<string>();
  const timers = new Set<NodeJS.Timeout>();
  const fates = new Map<string, PodFate['kind']>();
  const failures: string[] = [];
  const fail = (message: string) => failures.push(message);
  const later = (ms: number, fn: () => Promise<unknown>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn().catch((error: Error) => fail(error.message));
    }, ms);
    timers.add(timer);
  };
  const run = (fn: () => Promise<unknown>) => later(0, fn);

  async function recordEvent(
    object: KubeObject,
    kind: string,
    component: string,
    type: 'Normal' | 'Warning',
    reason: string,
    message: string,
  ) {
    const now = new Date().toISOString();
    await client.send(
      'POST',
      `/api/v1/namespaces/${object.metadata.namespace}/events`,
      {
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
        type,
        count: 1,
        firstTimestamp: now,
        lastTimestamp: now,
        source: { component, host: NODE },
        reportingComponent: component,
        reportingInstance: NODE,
      },
      // The namespace is being deleted: nothing to record into.
      'application/json',
      [403, 404],
    );
  }

  const statusPath = (pod: KubeObject) =>
    `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}/status`;
  const forceDelete = (pod: KubeObject) =>
    client.send(
      'DELETE',
      `/api/v1/namespaces/${pod.metadata.namespace}/pods/${pod.metadata.name}`,
      { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
      'application/json',
      [404],
    );

  // What a stopped agent left: its processes died with it (see programs.ts), its addresses may not have.
  await removeLeftoverAddresses(options.network);
  const ranges = addressRanges(options.network);
  const loadBalancers = await startLoadBalancers({
    network: options.network,
    pool: new AddressPool(ranges.loadBalancers),
    minSyncMs: options.minSyncMs,
    fail,
  });
  const kubelet = startKubelet({
    network: options.network,
    pool: new AddressPool(ranges.pods),
    backend: options.backend,
    probeCaps: options.probeCaps ?? DEFAULT_PROBE_CAPS,
    crashBackOff: options.crashBackOff ?? { initialMs: 1000, maxMs: 30_000 },
    fail,
    api: {
      async patchStatus(pod, status) {
        await client.send('PATCH', statusPath(pod), { status }, 'application/merge-patch+json', [404]);
      },
      recordEvent: (pod, type, reason, message) => recordEvent(pod, 'Pod', 'kubelet', type, reason, message),
      async forceDelete(pod) {
        await forceDelete(pod);
      },
    },
  });

  async function live(pod: KubeObject, fate: StatusFate) {
    const res = await client.request(
      'PATCH',
      statusPath(pod),
      { status: podStatusFor(pod, fate, undefined, options.podIp) },
      'application/merge-patch+json',
    );
    // Deleted meanwhile (a rollback replaced it): nothing to report.
    if (res.status === 404) return;
    if (res.status !== 200) throw new Error(`PATCH ${statusPath(pod)}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    fates.set(key(pod), fate.kind);
    for (const event of eventsFor(pod, fate)) {
      await recordEvent(pod, 'Pod', 'kubelet', 'Warning', event.reason, event.message);
    }
  }

  function onPod(type: string, pod: KubeObject) {
    const id = pod.metadata.uid ?? key(pod);
    if (type === 'DELETED') {
      kubelet.forget(pod);
      return;
    }
    if (pod.metadata.deletionTimestamp) {
      if (deleting.has(id)) return;
      deleting.add(id);
      if (kubelet.terminate(pod)) return;
      // No process to stop: finish the deletion the way `--force --grace-period=0` does.
      run(() => forceDelete(pod));
      return;
    }
    if (!pod.spec?.nodeName || handled.has(id)) return;
    handled.add(id);
    // A pod an earlier node agent (an earlier test file's) already ran is left as that agent left it.
    if (pod.status?.containerStatuses) return;
    const fate = rules.pod(pod);
    if (fate.kind === 'serve') {
      fates.set(key(pod), fate.kind);
      kubelet.run(pod, fate.behaviour ?? {});
      return;
    }
    later(fate.kind === 'ready' ? (fate.afterMs ?? 0) : 0, () => live(pod, fate));
  }

  const addressPath = (kind: 'service' | 'ingress', object: KubeObject) =>
    kind === 'service'
      ? `/api/v1/namespaces/${object.metadata.namespace}/services/${object.metadata.name}/status`
      : `/apis/networking.k8s.io/v1/namespaces/${object.metadata.namespace}/ingresses/${object.metadata.name}/status`;

  async function publish(kind: 'service' | 'ingress', object: KubeObject, address: Exclude<Address, 'none'>) {
    const ingress = address === 'forwarded' ? { ip: await loadBalancers.open(object) } : address;
    const status: Dict = { loadBalancer: { ingress: [ingress] } };
    await client.send('PATCH', addressPath(kind, object), { status }, 'application/merge-patch+json', [404]);
  }

  function onAddressable(kind: 'service' | 'ingress') {
    return (type: string, object: KubeObject) => {
      if (kind === 'service') {
        if (type === 'DELETED' || object.spec?.type !== 'LoadBalancer') {
          run(() => loadBalancers.close(object));
          return;
        }
        loadBalancers.serviceChanged(object);
      }
      if (type === 'DELETED') return;
      const current = (object.status?.loadBalancer as { ingress?: unknown[] } | undefined)?.ingress ?? [];
      if (current.length > 0) return;
      const id = `${kind}:${object.metadata.uid}`;
      if (handled.has(id)) return;
      handled.add(id);
      const address = kind === 'service' ? rules.loadBalancer(object) : rules.ingress(object);
      if (address !== 'none') {
        run(() => publish(kind, object, address));
        return;
      }
      // What Azure's cloud provider records when it cannot build the load balancer (a missing static IP, say).
      if (kind === 'service') {
        run(() =>
          recordEvent(
            object,
            'Service',
            'service-controller',
            'Warning',
            'SyncLoadBalancerFailed',
            'Error syncing load balancer: failed to ensure load balancer: PublicIPAddress not found in the node resource group',
          ),
        );
      }
    };
  }

  function onEndpoints(type: string, endpoints: KubeObject) {
    loadBalancers.endpointsChanged(type === 'DELETED' ? ({ ...endpoints, subsets: [] } as KubeObject) : endpoints);
  }

  let stopped: Promise<void> | undefined;
  const watches = [
    client.watch('/api/v1/pods', onPod, stop.signal),
    client.watch('/api/v1/services', onAddressable('service'), stop.signal),
    client.watch('/apis/networking.k8s.io/v1/ingresses', onAddressable('ingress'), stop.signal),
    client.watch('/api/v1/endpoints', onEndpoints, stop.signal),
  ];

  return {
    fates,
    runs: kubelet.runs,
    setRules(patch) {
      rules = { ...rules, ...patch };
    },
    stop() {
      stopped ??= (async () => {
        stop.abort();
        for (const timer of timers) clearTimeout(timer);
        await Promise.allSettled(watches);
        await kubelet.stop();
        await loadBalancers.stop();
        if (failures.length > 0) throw new Error(`The node agent could not do its work:\n${failures.join('\n')}`);
      })();
      return stopped;
    },
  };
}
