// `extra-objects`: Kubernetes objects Portkey's chart has no template for (the egress NetworkPolicy of Portkey's AKS
// guide, a ServiceMonitor), added to the release so that helm owns them: the plan shows them and `helm uninstall`
// removes them. Only kinds that belong beside a gateway and hold no secret, only in the release's namespace. Pure.
import { parseValuesYaml } from '../values/parse-yaml.js';

export type KubernetesObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: Record<string, unknown> & { name: string; namespace: string; labels: Record<string, string> };
};

/** The kinds that may be added, with the API versions each is written in. */
export const EXTRA_OBJECT_KINDS: Record<string, readonly string[]> = {
  NetworkPolicy: ['networking.k8s.io/v1'],
  PodDisruptionBudget: ['policy/v1', 'policy/v1beta1'],
  ServiceMonitor: ['monitoring.coreos.com/v1'],
  PodMonitor: ['monitoring.coreos.com/v1'],
};

/** A few policies and monitors; a list far past this is a values file pasted into the wrong input. */
const MAX_OBJECTS = 50;
/** RFC 1123 subdomain, what every one of these kinds' names must be. */
const NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export interface ExtraObjects {
  objects: KubernetesObject[];
  problems: string[];
}

export interface ReleaseRefForObjects {
  releaseName: string;
  namespace: string;
}

const isMap = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `kind/name` as far as the item says, for a problem that must not quote the item's content. */
function label(item: Record<string, unknown>, index: number): string {
  const kind = typeof item.kind === 'string' ? item.kind : 'object';
  const name = isMap(item.metadata) && typeof item.metadata.name === 'string' ? item.metadata.name : '';
  return `item ${index + 1} (${kind}${name ? ` ${name}` : ''})`;
}

/** The one problem with `item`, or the object as it is added: in the namespace, labelled as the release's. */
function checkItem(item: unknown, index: number, release: ReleaseRefForObjects): KubernetesObject | string {
  if (!isMap(item))
    return `item ${index + 1} is not a map: give each object as a map with apiVersion, kind and metadata.`;
  const what = label(item, index);
  const kind = typeof item.kind === 'string' ? item.kind : '';
  if (!Object.hasOwn(EXTRA_OBJECT_KINDS, kind)) {
    return `${what}: kind ${JSON.stringify(kind)} is not one of ${Object.keys(EXTRA_OBJECT_KINDS).join(', ')}; other objects (Secrets above all) belong in the chart's values or are created beside the release.`;
  }
  const versions = EXTRA_OBJECT_KINDS[kind];
  if (!versions.includes(String(item.apiVersion))) {
    return `${what}: apiVersion ${JSON.stringify(item.apiVersion ?? '')} is not ${versions.join(' or ')}.`;
  }
  const metadata = isMap(item.metadata) ? item.metadata : {};
  const name = typeof metadata.name === 'string' ? metadata.name : '';
  if (!NAME.test(name) || name.length > 253) {
    return `${what}: metadata.name ${JSON.stringify(name)} is not a Kubernetes name (lower-case letters, digits, '-' and '.').`;
  }
  const namespace = metadata.namespace ?? release.namespace;
  if (namespace !== release.namespace) {
    return `${what}: metadata.namespace ${JSON.stringify(namespace)} is not the release's namespace ${JSON.stringify(release.namespace)}: helm installs a release's objects in its own namespace; leave metadata.namespace out.`;
  }
  if (metadata.labels !== undefined && !isMap(metadata.labels)) return `${what}: metadata.labels is not a map.`;
  const labels = {
    ...(metadata.labels as Record<string, string> | undefined),
    // What the chart's own objects carry: the release owns it, and `kubectl get -l` finds it with them.
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/instance': release.releaseName,
  };
  return { ...item, apiVersion: String(item.apiVersion), kind, metadata: { ...metadata, name, namespace, labels } };
}

/**
 * The objects of `extra-objects`: a YAML list of objects (or one object). Each problem names the item by position,
 * kind and name only: the content is never repeated.
 */
export function parseExtraObjects(raw: string, release: ReleaseRefForObjects): ExtraObjects {
  if (!raw) return { objects: [], problems: [] };
  let parsed: unknown;
  try {
    parsed = parseValuesYaml(raw);
  } catch (error) {
    // The first line only: the rest quotes the text.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0].replace(/:$/, '');
    return { objects: [], problems: [`is not valid YAML: ${message}.`] };
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length > MAX_OBJECTS) {
    return { objects: [], problems: [`holds ${items.length} objects; at most ${MAX_OBJECTS} are added to a release.`] };
  }
  const objects: KubernetesObject[] = [];
  const problems: string[] = [];
  items.forEach((item, index) => {
    const checked = checkItem(item, index, release);
    if (typeof checked === 'string') problems.push(checked);
    else objects.push(checked);
  });
  const seen = new Set<string>();
  for (const object of objects) {
    const id = `${object.kind} ${object.metadata.name}`;
    if (seen.has(id)) problems.push(`lists ${id} twice.`);
    seen.add(id);
  }
  return { objects, problems };
}

/**
 * A user's object with the kind and name of one the action adds (zero-downtime's PodDisruptionBudget) would make helm
 * refuse the whole manifest: the problem, naming what avoids it, or undefined.
 */
export function clashWithOwn(own: KubernetesObject[], extra: KubernetesObject[]): string | undefined {
  const clash = extra.find((object) =>
    own.some((ours) => ours.kind === object.kind && ours.metadata.name === object.metadata.name),
  );
  return (
    clash &&
    `\`extra-objects\`: ${clash.kind} ${clash.metadata.name} has the name of the one \`zero-downtime\` adds: give yours another name, or set \`zero-downtime: 'false'\` to keep only yours.`
  );
}
