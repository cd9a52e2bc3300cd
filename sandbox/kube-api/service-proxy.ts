// The API server's service proxy, `/api/v1/namespaces/NS/services/NAME[:PORT]/proxy/PATH`, as kube-apiserver does
// it: the Service's port by name or number, a ready pod matching its selector, the targetPort resolved against the
// pod's container ports, the request forwarded with the API server's own `Authorization` header dropped, and the
// answer passed back as it is. Its own failures are Status bodies with the real server's words: no endpoints (503),
// a pod nobody listens on (503 "error trying to reach service"), a user without `services/proxy` (403). Where a pod
// "listens" is up to `podNetwork`: the sandbox maps container ports to its gateway on loopback.
import { request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { POD_HEADERS } from '../real-cluster/pod-behaviour.js';
import { findByGroupResource } from './resources.js';
import type { KubeObject } from './selectors.js';
import { KubeError, type ObjectStore } from './store.js';

const SERVICES = findByGroupResource('', 'services')!;
const PODS = findByGroupResource('', 'pods')!;

export const SERVICE_PROXY = /^\/api\/v1\/namespaces\/([^/]+)\/services\/([^/]+)\/proxy(\/.*)?$/;

export type PodNetwork = (containerPort: number) => { host: string; port: number } | undefined;

type Dict = Record<string, unknown>;

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
}

/** `http:name:port`, `name:port` or `name` → name and port (name or number). */
function splitServiceId(id: string): { name: string; port?: string } {
  const parts = decodeURIComponent(id).split(':');
  if (parts.length === 3) return { name: parts[1], port: parts[2] };
  return { name: parts[0], port: parts[1] || undefined };
}

function isReady(pod: KubeObject): boolean {
  const conditions = ((pod.status as Dict | undefined)?.conditions as { type: string; status: string }[]) ?? [];
  return !pod.metadata.deletionTimestamp && conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

function containerPort(pod: KubeObject, target: number | string): number | undefined {
  if (typeof target === 'number') return target;
  if (/^\d+$/.test(target)) return Number(target);
  const containers =
    ((pod.spec as Dict | undefined)?.containers as { ports?: { name?: string; containerPort: number }[] }[]) ?? [];
  return containers.flatMap((c) => c.ports ?? []).find((p) => p.name === target)?.containerPort;
}

/**
 * The sandbox's pods share one gateway process, so the pod the proxy chose names itself the way the real-cluster
 * tier's serving pods do (POD_HEADERS): its name and its image tag, which the action's availability stream counts.
 */
function podIdentity(pod: KubeObject): Record<string, string> {
  const containers = ((pod.spec as Dict | undefined)?.containers as { image?: string }[]) ?? [];
  const tag = /:([^:/@]+)(?:@.*)?$/.exec(containers[0]?.image ?? '')?.[1];
  return { [POD_HEADERS.name]: pod.metadata.name, ...(tag ? { [POD_HEADERS.version]: tag } : {}) };
}

const VERBS: Record<string, string> = { GET: 'get', POST: 'create', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

export interface ProxyContext {
  store: ObjectStore;
  podNetwork?: PodNetwork;
  /** Whether the caller may use services/proxy (RBAC). */
  allowed: boolean;
  user: string;
}

export async function proxyToService(
  req: IncomingMessage,
  res: ServerResponse,
  match: RegExpExecArray,
  search: string,
  context: ProxyContext,
): Promise<void> {
  const namespace = decodeURIComponent(match[1]);
  const id = decodeURIComponent(match[2]);
  const rest = match[3] ?? '/';
  const method = req.method ?? 'GET';
  if (!context.allowed) {
    throw new KubeError(
      403,
      'Forbidden',
      `services "${id}" is forbidden: User "${context.user}" cannot ${VERBS[method] ?? method.toLowerCase()} resource "services/proxy" in API group "" in the namespace "${namespace}"`,
      { name: id, kind: 'services' },
    );
  }
  const { name, port } = splitServiceId(id);
  const service = context.store.get(SERVICES, namespace, name);
  if (!service) throw new KubeError(404, 'NotFound', `services "${name}" not found`, { name, kind: 'services' });
  const spec = (service.spec ?? {}) as { ports?: ServicePort[]; selector?: Record<string, string> };
  const ports = spec.ports ?? [];
  const servicePort =
    port === undefined
      ? ports.length === 1
        ? ports[0]
        : undefined
      : ports.find((p) => p.name === port || String(p.port) === port);
  if (!servicePort) {
    throw new KubeError(503, 'ServiceUnavailable', `no endpoints available for service "${id}"`);
  }
  const selector = spec.selector ?? {};
  const pods = context.store
    .list(PODS, namespace)
    .filter(
      (pod) =>
        Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => pod.metadata.labels?.[k] === v),
    )
    .filter(isReady);
  const pod = pods[Math.floor(Math.random() * pods.length)];
  if (!pod) throw new KubeError(503, 'ServiceUnavailable', `no endpoints available for service "${id}"`);
  const target = containerPort(pod, servicePort.targetPort ?? servicePort.port);
  const podIp = String((pod.status as Dict | undefined)?.podIP ?? '10.244.0.2');
  const backend = target === undefined ? undefined : context.podNetwork?.(target);
  if (!backend) {
    throw new KubeError(
      503,
      'ServiceUnavailable',
      `error trying to reach service: dial tcp ${podIp}:${target ?? servicePort.targetPort}: connect: connection refused`,
    );
  }

  const headers = { ...req.headers };
  // The API server authenticates with Authorization and never passes it on.
  delete headers.authorization;
  headers.host = `${backend.host}:${backend.port}`;
  headers['x-forwarded-uri'] = `${match[0]}`;
  await new Promise<void>((resolve) => {
    const forward = request(
      { host: backend.host, port: backend.port, method, path: `${rest}${search}`, headers, agent: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...podIdentity(pod), ...answer.headers });
        answer.pipe(res);
        answer.on('end', resolve);
        answer.on('error', () => resolve());
      },
    );
    forward.on('error', (error) => {
      if (!res.headersSent) {
        const body = JSON.stringify({
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: `error trying to reach service: ${error.message}`,
          reason: 'ServiceUnavailable',
          code: 503,
        });
        res.writeHead(503, { 'content-type': 'application/json' }).end(body);
      }
      resolve();
    });
    req.pipe(forward);
  });
}
