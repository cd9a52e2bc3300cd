// The tier's cloud load balancers: a LoadBalancer Service gets an address of its own in the pod network, where the
// forwarder process (forwarder.ts) passes each connection to one of the Service's ready endpoints. The endpoints are
// read from the real Endpoints objects, which the real Endpoints controller keeps from the pods' real readiness and
// deletion, and handed to the forwarder the way kube-proxy syncs its rules: at once when the last sync is a second
// old or more, else a second after it (a minimum sync period). That reproduces the short window in which a pod that
// was told to stop still gets new connections.
import { createInterface } from 'node:readline';
import type { KubeObject } from './control-plane.js';
import { addAddress, removeAddress, type AddressPool } from './pod-network.js';
import { startInPodNetwork, type ProgramProcess } from './programs.js';
import type { PodNetwork } from '../gateway.js';

type Dict = Record<string, unknown>;

/** One command to forwarder.ts: listen on `address:port` and forward to `backends` (`ip:port`), or stop (null). */
export interface ForwarderCommand {
  id: number;
  address: string;
  port: number;
  backends: string[] | null;
}

/**
 * The ready backends (`ip:port`) behind each TCP port of a Service, from its Endpoints (not-ready addresses left out).
 * Endpoints name their ports after the Service's; a Service with a single unnamed port gets unnamed endpoint ports.
 * Pure.
 */
export function backendsFor(service: KubeObject, endpoints: KubeObject | undefined): Map<number, string[]> {
  const ports = ((service.spec?.ports as Dict[] | undefined) ?? []).filter((p) => (p.protocol ?? 'TCP') === 'TCP');
  const subsets = ((endpoints as { subsets?: Dict[] } | undefined)?.subsets ?? []) as {
    addresses?: { ip: string }[];
    ports?: { name?: string; port: number }[];
  }[];
  return new Map(
    ports.map((port) => [
      Number(port.port),
      subsets.flatMap((subset) => {
        const target = subset.ports?.find((p) => (p.name ?? '') === (port.name ?? ''));
        return target ? (subset.addresses ?? []).map((a) => `${a.ip}:${target.port}`) : [];
      }),
    ]),
  );
}

export interface LoadBalancers {
  /** Gives the Service an address that forwards to its ready endpoints, listening before it returns the address. */
  open(service: KubeObject): Promise<string>;
  /** The Service changed (its ports, say): follow it at the next sync. No-op for a Service without an address here. */
  serviceChanged(service: KubeObject): void;
  /** The Service is gone, or no longer a LoadBalancer: its address stops answering. */
  close(service: KubeObject): Promise<void>;
  endpointsChanged(endpoints: KubeObject): void;
  stop(): Promise<void>;
}

export interface LoadBalancerOptions {
  network: PodNetwork;
  pool: AddressPool;
  /** kube-proxy's minimum sync period; 1 s by default. */
  minSyncMs?: number;
  fail(message: string): void;
}

interface Balanced {
  ip: string;
  /** Settles once its address exists and its first listeners are up: no sync before that. */
  opened: Promise<void>;
  service: KubeObject;
  endpoints?: KubeObject;
  /** What the forwarder has now: port → backends. */
  applied: Map<number, string[]>;
}

const keyOf = (o: KubeObject) => `${o.metadata.namespace}/${o.metadata.name}`;

export async function startLoadBalancers(options: LoadBalancerOptions): Promise<LoadBalancers> {
  const minSyncMs = options.minSyncMs ?? 1000;
  const forwarder: ProgramProcess = await startInPodNetwork(options.network, 'forwarder', {}, { stdin: true });
  const pending = new Map<number, { resolve: () => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let stopping = false;
  createInterface({ input: forwarder.child.stdout! }).on('line', (line) => {
    let reply: { id?: number; error?: string };
    try {
      reply = JSON.parse(line) as typeof reply;
    } catch {
      return;
    }
    const waiter = pending.get(reply.id ?? -1);
    pending.delete(reply.id ?? -1);
    if (reply.error) waiter?.reject(new Error(reply.error));
    else waiter?.resolve();
  });
  void forwarder.exited.then(({ code, signal }) => {
    const error = new Error(`the load balancers' forwarder exited (${code ?? signal}): ${forwarder.output()}`);
    if (!stopping) options.fail(error.message);
    for (const waiter of pending.values()) waiter.reject(error);
    pending.clear();
  });
  const send = (command: Omit<ForwarderCommand, 'id'>) =>
    new Promise<void>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      forwarder.child.stdin!.write(`${JSON.stringify({ id, ...command })}\n`);
    });

  const balanced = new Map<string, Balanced>();
  /** The newest Endpoints of every Service, for one that gets its address later. */
  const endpointsByKey = new Map<string, KubeObject>();
  const dirty = new Set<string>();
  let lastSync = 0;
  let timer: NodeJS.Timeout | undefined;

  /** Makes the forwarder forward what `lb`'s Service and Endpoints say now. */
  async function apply(lb: Balanced) {
    const wanted = backendsFor(lb.service, lb.endpoints);
    for (const [port, backends] of wanted) {
      if (JSON.stringify(lb.applied.get(port)) === JSON.stringify(backends)) continue;
      await send({ address: lb.ip, port, backends });
      lb.applied.set(port, backends);
    }
    for (const port of [...lb.applied.keys()].filter((p) => !wanted.has(p))) {
      await send({ address: lb.ip, port, backends: null });
      lb.applied.delete(port);
    }
  }

  async function sync() {
    timer = undefined;
    lastSync = Date.now();
    const keys = [...dirty];
    dirty.clear();
    for (const key of keys) {
      const lb = balanced.get(key);
      if (!lb) continue;
      await lb.opened
        .then(() => apply(lb))
        .catch((error: Error) => options.fail(`load balancer of ${key}: ${error.message}`));
    }
  }

  function requestSync(key: string) {
    dirty.add(key);
    if (timer || stopping) return;
    timer = setTimeout(() => void sync(), Math.max(0, lastSync + minSyncMs - Date.now()));
  }

  return {
    async open(service) {
      const key = keyOf(service);
      const existing = balanced.get(key);
      if (existing) return existing.ip;
      const ip = options.pool.take();
      const lb: Balanced = {
        ip,
        service,
        endpoints: endpointsByKey.get(key),
        applied: new Map(),
        opened: Promise.resolve(),
      };
      // Known at once, so endpoints that change while it opens are not lost.
      balanced.set(key, lb);
      lb.opened = addAddress(options.network, ip).then(() => apply(lb));
      await lb.opened;
      return ip;
    },
    serviceChanged(service) {
      const lb = balanced.get(keyOf(service));
      if (!lb) return;
      lb.service = service;
      requestSync(keyOf(service));
    },
    async close(service) {
      const key = keyOf(service);
      const lb = balanced.get(key);
      if (!lb) return;
      balanced.delete(key);
      await lb.opened.catch(() => undefined);
      for (const port of lb.applied.keys()) await send({ address: lb.ip, port, backends: null });
      await removeAddress(options.network, lb.ip);
      options.pool.give(lb.ip);
    },
    endpointsChanged(endpoints) {
      const key = keyOf(endpoints);
      endpointsByKey.set(key, endpoints);
      const lb = balanced.get(key);
      if (!lb) return;
      lb.endpoints = endpoints;
      requestSync(key);
    },
    async stop() {
      stopping = true;
      clearTimeout(timer);
      forwarder.child.stdin!.end();
      forwarder.child.kill('SIGKILL');
      await forwarder.exited;
      for (const lb of balanced.values()) {
        await removeAddress(options.network, lb.ip);
        options.pool.give(lb.ip);
      }
      balanced.clear();
    },
  };
}
