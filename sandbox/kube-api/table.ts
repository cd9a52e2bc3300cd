// Server-side printing: `kubectl get` without `-o` asks for `application/json;as=Table` and prints the columns the
// server chooses. Without this, kubectl would show only NAME and AGE; with it, `kubectl get pods` shows the
// CrashLoopBackOff status and `kubectl get events` the reasons and messages a person debugging would look for.
import type { KubeObject } from './selectors.js';

type Dict = Record<string, unknown>;
type Column = [name: string, cell: (o: KubeObject) => string | number];

const get = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((v, part) => (v as Dict | undefined)?.[part], o);

function age(timestamp: unknown): string {
  const seconds = Math.max(0, Math.floor((Date.now() - Date.parse(String(timestamp))) / 1000));
  if (Number.isNaN(seconds)) return '<unknown>';
  if (seconds < 120) return `${seconds}s`;
  if (seconds < 7200) return `${Math.floor(seconds / 60)}m`;
  return `${Math.floor(seconds / 3600)}h`;
}

function podStatusText(pod: KubeObject): string {
  const statuses = (get(pod, 'status.containerStatuses') as Dict[] | undefined) ?? [];
  const waiting = statuses.map((s) => get(s, 'state.waiting.reason')).find(Boolean);
  return String(waiting ?? get(pod, 'status.phase') ?? 'Pending');
}

function servicePorts(service: KubeObject): string {
  const ports = (get(service, 'spec.ports') as Dict[] | undefined) ?? [];
  return (
    ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol ?? 'TCP'}`).join(',') || '<none>'
  );
}

function addresses(object: KubeObject): string {
  const ingress = (get(object, 'status.loadBalancer.ingress') as Dict[] | undefined) ?? [];
  return ingress.map((i) => i.ip ?? i.hostname).join(',');
}

const name: Column = ['Name', (o) => o.metadata.name];
const created: Column = ['Age', (o) => age(o.metadata.creationTimestamp)];

const COLUMNS: Record<string, Column[]> = {
  Pod: [
    name,
    [
      'Ready',
      (o) => {
        const s = (get(o, 'status.containerStatuses') as Dict[] | undefined) ?? [];
        return `${s.filter((c) => c.ready).length}/${((get(o, 'spec.containers') as unknown[]) ?? []).length}`;
      },
    ],
    ['Status', podStatusText],
    [
      'Restarts',
      (o) =>
        ((get(o, 'status.containerStatuses') as Dict[] | undefined) ?? []).reduce(
          (n, c) => n + Number(c.restartCount ?? 0),
          0,
        ),
    ],
    created,
  ],
  Deployment: [
    name,
    ['Ready', (o) => `${get(o, 'status.readyReplicas') ?? 0}/${get(o, 'spec.replicas') ?? 1}`],
    ['Up-to-date', (o) => Number(get(o, 'status.updatedReplicas') ?? 0)],
    ['Available', (o) => Number(get(o, 'status.availableReplicas') ?? 0)],
    created,
  ],
  ReplicaSet: [
    name,
    ['Desired', (o) => Number(get(o, 'spec.replicas') ?? 0)],
    ['Current', (o) => Number(get(o, 'status.replicas') ?? 0)],
    ['Ready', (o) => Number(get(o, 'status.readyReplicas') ?? 0)],
    created,
  ],
  Service: [
    name,
    ['Type', (o) => String(get(o, 'spec.type'))],
    ['Cluster-IP', (o) => String(get(o, 'spec.clusterIP') ?? '<none>')],
    ['External-IP', (o) => addresses(o) || (get(o, 'spec.type') === 'LoadBalancer' ? '<pending>' : '<none>')],
    ['Port(s)', servicePorts],
    created,
  ],
  Ingress: [
    name,
    ['Class', (o) => String(get(o, 'spec.ingressClassName') ?? '<none>')],
    ['Hosts', (o) => ((get(o, 'spec.rules') as Dict[] | undefined) ?? []).map((r) => r.host ?? '*').join(',')],
    ['Address', addresses],
    created,
  ],
  Event: [
    ['Last Seen', (o) => age(o.lastTimestamp)],
    ['Type', (o) => String(o.type)],
    ['Reason', (o) => String(o.reason)],
    ['Object', (o) => `${String(get(o, 'involvedObject.kind')).toLowerCase()}/${get(o, 'involvedObject.name')}`],
    ['Message', (o) => String(o.message)],
  ],
};

export function wantsTable(accept: string | undefined): boolean {
  return (accept ?? '').includes('as=Table');
}

export function toTable(kind: string, objects: KubeObject[], resourceVersion: string): unknown {
  const columns = COLUMNS[kind] ?? [name, created];
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: { resourceVersion },
    columnDefinitions: columns.map(([title]) => ({
      name: title,
      type: 'string',
      format: title === 'Name' ? 'name' : '',
      description: '',
      priority: 0,
    })),
    rows: objects.map((o) => ({
      cells: columns.map(([, cell]) => cell(o)),
      object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
    })),
  };
}
