// A Kubernetes API server stand-in, in memory, over HTTPS on loopback: good enough for the real helm 3 and 4 and
// kubectl. Start it with the sandbox CA's certificate, point a kubeconfig at it (`kubeconfig()`), and steer how pods
// and load balancers behave with `setScenario`. See resources.ts for what it serves.
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ServerResponse } from 'node:http';
import { stringify } from 'yaml';
import { Controllers } from './controllers.js';
import { markReleaseStatus } from './helm-release.js';
import { findByGroupResource, RESOURCES } from './resources.js';
import { createRouter, type RequestRecord } from './server.js';
import type { KubeObject } from './selectors.js';
import { ObjectStore, type StoreEvent } from './store.js';
import type { PodNetwork } from './service-proxy.js';

export interface KubeScenario {
  /** Deployment/StatefulSet pods become Ready after this (default 300). */
  readyAfterMs: number;
  /** How pods created from now on behave. */
  pods:
    | 'healthy'
    | 'crash-loop'
    | 'image-pull-error'
    /** The registry refuses the pull secret's credentials (401). */
    | 'image-pull-refused'
    | 'never-ready'
    | 'config-error'
    | 'unschedulable';
  /** LoadBalancer Services and Ingresses get `address` after `after` ms; 'none' never (a Warning event instead). */
  loadBalancer: { after: number; address: { ip: string } | { hostname: string } | 'none' };
  /** Whether the user may use the service proxy (`services/proxy` in RBAC); 'forbidden' answers 403 like RBAC. */
  proxy: 'allowed' | 'forbidden';
}

export interface KubeApi {
  url: string;
  requests: RequestRecord[];
  setScenario(patch: Partial<KubeScenario>): void;
  get(group: string, resource: string, namespace: string, name: string): unknown | undefined;
  list(group: string, resource: string, namespace?: string): unknown[];
  /** Replaces an object as a test sets the scene (an earlier run's record, say). */
  update(group: string, resource: string, object: object): void;
  /** Puts the newest helm release record of `name` into `status` (e.g. 'pending-upgrade'), as a cancelled run leaves it. */
  markReleaseStatus(namespace: string, name: string, status: string): void;
  /**
   * Calls `listener` synchronously for every change to the in-memory objects, the moment it happens: `npm run bench`
   * uses it to timestamp when a container enters CrashLoopBackOff or a load balancer gets its address. Read-only:
   * the event is the one watches replay.
   */
  subscribe(listener: (event: StoreEvent) => void): () => void;
  kubeconfig(options?: { token?: string; namespace?: string }): string;
  close(): Promise<void>;
}

export interface KubeApiOptions {
  tls: { cert: string; key: string };
  token: string;
  /** Extra bearer tokens (e.g. Entra tokens) are accepted when this returns true. */
  authorize?: (bearer: string) => boolean;
  scenario?: Partial<KubeScenario>;
  /** Where pods' container ports listen, for the service proxy; nothing listens by default. */
  podNetwork?: PodNetwork;
}

export const DEFAULT_SCENARIO: KubeScenario = {
  readyAfterMs: 300,
  pods: 'healthy',
  loadBalancer: { after: 300, address: { ip: '127.0.0.1' } },
  proxy: 'allowed',
};

function resourceType(group: string, resource: string) {
  const type = findByGroupResource(group, resource);
  if (!type) throw new Error(`kube-api does not serve ${resource}${group ? `.${group}` : ''}`);
  return type;
}

export async function startKubeApi(options: KubeApiOptions): Promise<KubeApi> {
  let scenario: KubeScenario = { ...DEFAULT_SCENARIO, ...options.scenario };
  const store = new ObjectStore();
  for (const name of ['default', 'kube-system', 'kube-public']) {
    store.create(resourceType('', 'namespaces'), {
      metadata: { name },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  }
  const controllers = new Controllers(store, () => scenario);
  const requests: RequestRecord[] = [];
  const watches = new Set<ServerResponse>();
  const handle = createRouter({
    store,
    controllers,
    requests,
    watches,
    isAuthorized: (bearer) => bearer === options.token || (options.authorize?.(bearer) ?? false),
    podNetwork: options.podNetwork,
    proxyAllowed: () => scenario.proxy === 'allowed',
  });
  const server: Server = createServer(
    { cert: options.tls.cert, key: options.tls.key },
    (req, res) => void handle(req, res),
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    requests,
    setScenario(patch) {
      scenario = { ...scenario, ...patch };
      controllers.onScenarioChange();
    },
    get: (group, resource, namespace, name) => {
      const type = resourceType(group, resource);
      return store.get(type, type.namespaced ? namespace : undefined, name);
    },
    list: (group, resource, namespace) => store.list(resourceType(group, resource), namespace),
    update: (group, resource, object) => void store.update(resourceType(group, resource), object as KubeObject),
    markReleaseStatus: (namespace, name, status) => markReleaseStatus(store, namespace, name, status),
    subscribe: (listener) => store.subscribe(listener),
    kubeconfig({ token = options.token, namespace } = {}) {
      return stringify({
        apiVersion: 'v1',
        kind: 'Config',
        clusters: [
          {
            name: 'sandbox',
            cluster: { server: url, 'certificate-authority-data': Buffer.from(options.tls.cert).toString('base64') },
          },
        ],
        users: [{ name: 'sandbox-user', user: { token } }],
        contexts: [
          {
            name: 'sandbox',
            context: { cluster: 'sandbox', user: 'sandbox-user', ...(namespace ? { namespace } : {}) },
          },
        ],
        'current-context': 'sandbox',
      });
    },
    async close() {
      controllers.stop();
      for (const res of watches) res.end();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export { RESOURCES };
export { CRASH_LOG, HEALTHY_LOG } from './pods.js';
export { decodeRelease } from './helm-release.js';
export type { StoreEvent } from './store.js';
