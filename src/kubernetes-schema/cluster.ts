// The schema check against the cluster at hand: which rendered apiVersions that cluster's API server does not serve
// (its own discovery), and how its version compares with the one the schemas are of. Pure.
import type { ClusterDiscovery } from '../cluster/discovery.js';
import { objectName, type RenderedObject, type SchemaCheck, type SchemaFinding } from './schema.js';

/** Where the check ran: a render has no cluster; a plan (alone or before a deploy) has one and a dry run on it. */
export type CheckContext = { cluster: ClusterDiscovery } | { render: true };

export interface SchemaReport extends SchemaCheck {
  /** The cluster's version (`v1.20.15`), when it could be read. */
  cluster?: string;
  /** One sentence: what was checked against which version, and how the cluster compares. */
  note: string;
}

/** Objects whose apiVersion the cluster's own discovery does not list (nothing when it could not say). */
export function servedByCluster(objects: readonly RenderedObject[], cluster: ClusterDiscovery): SchemaFinding[] {
  if (!cluster.apiVersions) return [];
  const served = new Set(cluster.apiVersions);
  const version = cluster.version ? ` (${cluster.version.gitVersion})` : '';
  return objects.flatMap(({ apiVersion, kind, metadata }) =>
    typeof apiVersion === 'string' && typeof kind === 'string' && !served.has(apiVersion)
      ? [
          {
            object: objectName({ kind, metadata }),
            apiVersion,
            problem: 'not-served' as const,
            message: `${apiVersion} is not served by this cluster${version}`,
          },
        ]
      : [],
  );
}

/**
 * A "not served" finding about an apiVersion the cluster at hand still serves: true of the version checked, not yet of
 * this cluster, which the finding then says.
 */
export function servedUntilUpgrade(
  findings: SchemaFinding[],
  cluster: ClusterDiscovery,
  kubernetes: string,
): SchemaFinding[] {
  const served = new Set(cluster.apiVersions ?? []);
  const version = cluster.version?.gitVersion ?? 'at hand';
  return findings.map((finding) => {
    if (finding.problem !== 'not-served' || !served.has(finding.apiVersion)) return finding;
    return {
      ...finding,
      message: `${finding.message} (this cluster, ${version}, still serves it: a cluster of ${kubernetes} will not)`,
    };
  });
}

export function describeCheck(check: SchemaCheck, context: CheckContext): string {
  const checked = `${check.checked} object${check.checked === 1 ? '' : 's'} checked against the OpenAPI schemas of Kubernetes ${check.kubernetes} (${check.source})`;
  const skipped = check.skipped.length
    ? ` ${check.skipped.length} of an API group the schemas do not know (a custom resource) left to the cluster.`
    : '';
  if ('render' in context) {
    return `${checked}, and against no other version: a render has no cluster.${skipped}`;
  }
  const version = context.cluster.version;
  if (!version) return `${checked}; the cluster's version could not be read.${skipped}`;
  const [major, minor] = check.kubernetes.split('.').map(Number);
  const order = version.major - major || version.minor - minor;
  const cluster = `The cluster is ${version.gitVersion}`;
  if (order === 0) return `${checked}. ${cluster}, the version checked.${skipped}`;
  const relation = order < 0 ? 'older' : 'newer';
  const gap =
    order < 0
      ? `an API or field added after ${version.major}.${version.minor} is not known to it`
      : `an API removed or a field added after ${check.kubernetes} is not known to the check`;
  return `${checked}. ${cluster}, ${relation} than the schemas checked (${check.kubernetes}): ${gap}; the cluster's own API server validated the objects in the dry run.${skipped}`;
}
