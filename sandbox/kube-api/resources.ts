// The kinds this stand-in serves. Anything not listed here is unknown to discovery, which is exactly how a real
// cluster rejects a manifest using an unserved kind ("no matches for kind" / "resource mapping not found").

export interface ResourceType {
  group: string; // '' for the core group
  version: string;
  /** Plural, lower-case: the URL segment. */
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  /** `all` puts the kind in `kubectl get all`. */
  categories?: string[];
  /** Subresources such as 'status' or 'log'; discovery lists them as `resource/sub`. */
  subresources?: string[];
}

const core = (resource: string, kind: string, namespaced: boolean, extra: Partial<ResourceType> = {}) =>
  ({ group: '', version: 'v1', resource, kind, namespaced, ...extra }) satisfies ResourceType;
const apps = (resource: string, kind: string, shortNames: string[]) =>
  ({
    group: 'apps',
    version: 'v1',
    resource,
    kind,
    namespaced: true,
    shortNames,
    categories: ['all'],
    subresources: ['status', 'scale'],
  }) satisfies ResourceType;

export const RESOURCES: ResourceType[] = [
  core('namespaces', 'Namespace', false, { shortNames: ['ns'], subresources: ['status', 'finalize'] }),
  core('pods', 'Pod', true, { shortNames: ['po'], categories: ['all'], subresources: ['status', 'log'] }),
  core('services', 'Service', true, { shortNames: ['svc'], categories: ['all'], subresources: ['status'] }),
  core('secrets', 'Secret', true),
  core('configmaps', 'ConfigMap', true, { shortNames: ['cm'] }),
  core('serviceaccounts', 'ServiceAccount', true, { shortNames: ['sa'] }),
  core('events', 'Event', true, { shortNames: ['ev'] }),
  core('endpoints', 'Endpoints', true, { shortNames: ['ep'] }),
  core('persistentvolumeclaims', 'PersistentVolumeClaim', true, { shortNames: ['pvc'], subresources: ['status'] }),
  apps('deployments', 'Deployment', ['deploy']),
  apps('replicasets', 'ReplicaSet', ['rs']),
  apps('statefulsets', 'StatefulSet', ['sts']),
  apps('daemonsets', 'DaemonSet', ['ds']),
  {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'ingresses',
    kind: 'Ingress',
    namespaced: true,
    shortNames: ['ing'],
    subresources: ['status'],
  },
  // Every AKS cluster serves it; `extra-objects` adds one in docs/configurations.md.
  {
    group: 'networking.k8s.io',
    version: 'v1',
    resource: 'networkpolicies',
    kind: 'NetworkPolicy',
    namespaced: true,
    shortNames: ['netpol'],
  },
  {
    group: 'autoscaling',
    version: 'v2',
    resource: 'horizontalpodautoscalers',
    kind: 'HorizontalPodAutoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: ['status'],
  },
  // The action's zero-downtime settings add one to every release (helm/post-renderer.ts).
  {
    group: 'policy',
    version: 'v1',
    resource: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    shortNames: ['pdb'],
    subresources: ['status'],
  },
  // Served (and empty) because clients list CRDs when they meet a kind discovery does not know.
  {
    group: 'apiextensions.k8s.io',
    version: 'v1',
    resource: 'customresourcedefinitions',
    kind: 'CustomResourceDefinition',
    namespaced: false,
    shortNames: ['crd'],
    subresources: ['status'],
  },
  {
    group: 'batch',
    version: 'v1',
    resource: 'jobs',
    kind: 'Job',
    namespaced: true,
    categories: ['all'],
    subresources: ['status'],
  },
];

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

export function findResource(group: string, version: string, resource: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.version === version && r.resource === resource);
}

export function findByGroupResource(group: string, resource: string): ResourceType | undefined {
  return RESOURCES.find((r) => r.group === group && r.resource === resource);
}

/** Group → versions, in the order discovery lists them. */
function groupVersions(): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const r of RESOURCES) {
    const versions = groups.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    groups.set(r.group, versions);
  }
  return groups;
}

// Plain (non-aggregated) discovery: clients that ask for the aggregated v2 format fall back to these documents
// when the answer's Content-Type is plain application/json.
export function discoveryDocument(path: string): unknown | undefined {
  const groups = groupVersions();
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  }
  if (path === '/apis') {
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups.entries()]
        .filter(([group]) => group !== '')
        .map(([name, versions]) => {
          const list = versions.map((v) => ({ groupVersion: `${name}/${v}`, version: v }));
          return { name, versions: list, preferredVersion: list[0] };
        }),
    };
  }
  const groupOnly = /^\/apis\/([^/]+)$/.exec(path);
  if (groupOnly && groups.has(groupOnly[1])) {
    const list = groups.get(groupOnly[1])!.map((v) => ({ groupVersion: `${groupOnly[1]}/${v}`, version: v }));
    return { kind: 'APIGroup', apiVersion: 'v1', name: groupOnly[1], versions: list, preferredVersion: list[0] };
  }
  const gv = path === '/api/v1' ? ['', 'v1'] : /^\/apis\/([^/]+)\/([^/]+)$/.exec(path)?.slice(1);
  if (!gv || !groups.get(gv[0])?.includes(gv[1])) return undefined;
  const [group, version] = gv;
  const resources = RESOURCES.filter((r) => r.group === group && r.version === version).flatMap((r) => [
    {
      name: r.resource,
      singularName: r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    },
    ...(r.subresources ?? []).map((sub) => ({
      name: `${r.resource}/${sub}`,
      singularName: '',
      namespaced: r.namespaced,
      kind: sub === 'log' ? 'Pod' : sub === 'scale' ? 'Scale' : r.kind,
      verbs: sub === 'log' ? ['get'] : ['get', 'patch', 'update'],
    })),
  ]);
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : version,
    resources,
  };
}

// OpenAPI v3: helm and kubectl look here to learn whether the server validates fields itself. One PATCH operation
// per kind carrying `x-kubernetes-group-version-kind` and a `fieldValidation` parameter is enough for them to send
// `fieldValidation=Strict` and skip client-side schema validation. No schemas are served.
export function openApiIndex(): unknown {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [group, versions] of groupVersions()) {
    for (const version of versions) {
      const key = group ? `apis/${group}/${version}` : `api/${version}`;
      paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=sandbox` };
    }
  }
  return { paths };
}

export function openApiDocument(path: string): unknown | undefined {
  const match = /^\/openapi\/v3\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(path);
  if (!match) return undefined;
  const [group, version] = match[1] ? ['', 'v1'] : [match[2], match[3]];
  const types = RESOURCES.filter((r) => r.group === group && r.version === version);
  if (types.length === 0) return undefined;
  const prefix = group ? `/apis/${group}/${version}` : `/api/${version}`;
  const paths: Record<string, unknown> = {};
  for (const r of types) {
    const item = r.namespaced
      ? `${prefix}/namespaces/{namespace}/${r.resource}/{name}`
      : `${prefix}/${r.resource}/{name}`;
    paths[item] = {
      patch: {
        operationId: `patch${r.kind}`,
        'x-kubernetes-action': 'patch',
        'x-kubernetes-group-version-kind': { group, version, kind: r.kind },
        parameters: [{ name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } }],
        responses: { '200': { description: 'OK' } },
      },
    };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.35.0' }, paths, components: { schemas: {} } };
}
