// What the real API server fills in on create and update. Clients depend on some of it: helm 3's wait reads
// `spec.replicas` and the rolling-update strategy of a Deployment without nil checks, and counts a Service as ready
// only once it has a `spec.clusterIP`.
import type { ResourceType } from './resources.js';
import type { KubeObject } from './selectors.js';

type Dict = Record<string, unknown>;

let nextClusterIp = 10;
let nextNodePort = 30000;

function withDefaults(target: Dict, defaults: Dict): Dict {
  for (const [key, value] of Object.entries(defaults)) if (target[key] === undefined) target[key] = value;
  return target;
}

function podTemplateDefaults(spec: Dict): void {
  withDefaults(spec, { restartPolicy: 'Always', dnsPolicy: 'ClusterFirst', terminationGracePeriodSeconds: 30 });
}

function serviceDefaults(spec: Dict, previous: Dict | undefined): void {
  withDefaults(spec, { type: 'ClusterIP', sessionAffinity: 'None', internalTrafficPolicy: 'Cluster' });
  // The cluster IP and node ports are immutable once allocated: an update without them keeps the old ones.
  if (!spec.clusterIP && spec.type !== 'ExternalName') {
    spec.clusterIP =
      (previous?.clusterIP as string | undefined) ?? `10.0.${nextClusterIp >> 8}.${nextClusterIp++ & 255}`;
  }
  if (spec.clusterIP)
    withDefaults(spec, { clusterIPs: [spec.clusterIP], ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack' });
  const previousPorts = (previous?.ports as Dict[] | undefined) ?? [];
  for (const port of (spec.ports as Dict[] | undefined) ?? []) {
    withDefaults(port, { protocol: 'TCP', targetPort: port.port });
    if ((spec.type === 'NodePort' || spec.type === 'LoadBalancer') && !port.nodePort) {
      port.nodePort = previousPorts.find((p) => p.port === port.port)?.nodePort ?? nextNodePort++;
    }
  }
  if (spec.type === 'LoadBalancer')
    withDefaults(spec, { externalTrafficPolicy: 'Cluster', allocateLoadBalancerNodePorts: true });
}

/** Fills server-side defaults in place; `previous` is the live object on update. */
export function applyDefaults(type: ResourceType, object: KubeObject, previous?: KubeObject): void {
  const spec = (object.spec ?? {}) as Dict;
  const template = (spec.template as Dict | undefined)?.spec as Dict | undefined;
  if (template) podTemplateDefaults(template);
  switch (type.kind) {
    case 'Namespace':
      object.spec = withDefaults(spec, { finalizers: ['kubernetes'] });
      object.status = { phase: 'Active' };
      break;
    case 'Service':
      serviceDefaults(spec, previous?.spec as Dict | undefined);
      object.spec = spec;
      break;
    case 'Deployment':
      object.spec = withDefaults(spec, {
        replicas: 1,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      });
      break;
    case 'StatefulSet':
      object.spec = withDefaults(spec, {
        replicas: 1,
        podManagementPolicy: 'OrderedReady',
        revisionHistoryLimit: 10,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      });
      break;
    case 'DaemonSet':
      object.spec = withDefaults(spec, {
        revisionHistoryLimit: 10,
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      });
      break;
    case 'Secret':
      // stringData is write-only: the server folds it into data.
      if (object.stringData) {
        const data = (object.data ?? {}) as Record<string, string>;
        for (const [key, value] of Object.entries(object.stringData as Record<string, string>)) {
          data[key] = Buffer.from(value).toString('base64');
        }
        object.data = data;
        delete object.stringData;
      }
      object.type ??= 'Opaque';
      break;
    case 'Pod':
      podTemplateDefaults(spec);
      object.spec = spec;
      break;
  }
}
