// Pure decisions about the release's workloads: which ones the manifest declares, which pods belong to their
// current revision, and whether each one has finished rolling out.
import { parseAllDocuments } from 'yaml';
import type { OwnerReference, Pod } from './pod-health.js';

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

export interface WorkloadRef {
  kind: WorkloadKind;
  name: string;
  namespace: string;
}

export interface ManifestObject {
  apiVersion?: string;
  kind?: string;
  metadata?: { name?: string; namespace?: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A Deployment, StatefulSet or DaemonSet as the API server returns it. */
export interface Workload {
  kind: WorkloadKind;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    generation?: number;
    annotations?: Record<string, string>;
  };
  spec?: { replicas?: number; selector?: LabelSelector };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    readyReplicas?: number;
    availableReplicas?: number;
    updateRevision?: string;
    desiredNumberScheduled?: number;
    updatedNumberScheduled?: number;
    numberReady?: number;
    numberAvailable?: number;
    conditions?: { type: string; status: string; reason?: string; message?: string }[];
  };
}

export interface ReplicaSet {
  metadata: { name: string; uid?: string; annotations?: Record<string, string>; ownerReferences?: OwnerReference[] };
}

/** Every object of a multi-document manifest (`helm get manifest`), empty documents dropped. */
export function parseManifest(manifest: string): ManifestObject[] {
  return parseAllDocuments(manifest)
    .map((doc) => doc.toJS() as ManifestObject | null)
    .filter((o): o is ManifestObject => typeof o === 'object' && o !== null && typeof o.kind === 'string');
}

export function findWorkloads(objects: ManifestObject[], releaseNamespace: string): WorkloadRef[] {
  return objects.flatMap((o) =>
    (WORKLOAD_KINDS as readonly string[]).includes(o.kind ?? '') && o.metadata?.name
      ? [{ kind: o.kind as WorkloadKind, name: o.metadata.name, namespace: o.metadata.namespace ?? releaseNamespace }]
      : [],
  );
}

/** The selector in kubectl's `-l` syntax. */
export function selectorToString(selector: LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';

/**
 * The pods of the workload's current revision. Pods of an older revision (say, the crash-looping pods of the
 * broken release this deploy fixes) must not fail the deploy, and are on their way out anyway.
 */
export function currentPods(workload: Workload, pods: Pod[], replicaSets: ReplicaSet[]): Pod[] {
  const alive = pods.filter((p) => !p.metadata.deletionTimestamp);
  if (workload.kind === 'StatefulSet') {
    const revision = workload.status?.updateRevision;
    return revision ? alive.filter((p) => p.metadata.labels?.['controller-revision-hash'] === revision) : alive;
  }
  if (workload.kind === 'DaemonSet') return alive;
  const owned = replicaSets.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === workload.metadata.uid));
  // No ReplicaSets visible at all: judge every selected pod rather than none.
  if (owned.length === 0) return alive;
  const revisionOf = (rs: ReplicaSet) => Number(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? 0);
  const revision = workload.metadata.annotations?.[REVISION_ANNOTATION];
  // The Deployment names its current revision; without that annotation, the newest ReplicaSet is the current one.
  const current = revision
    ? owned.find((rs) => rs.metadata.annotations?.[REVISION_ANNOTATION] === revision)
    : owned.reduce((a, b) => (revisionOf(b) > revisionOf(a) ? b : a));
  if (!current) return [];
  return alive.filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === current.metadata.uid));
}

export interface RolloutProgress {
  done: boolean;
  /** `Deployment portkey-ai-gateway: 1/2 ready, 2 updated, 1 available`. */
  summary: string;
}

export function rolloutProgress(workload: Workload): RolloutProgress {
  const s = workload.status ?? {};
  const label = `${workload.kind} ${workload.metadata.name}`;
  const observed = (s.observedGeneration ?? 0) >= (workload.metadata.generation ?? 0);
  let desired: number, updated: number, ready: number, available: number, total: number;
  if (workload.kind === 'DaemonSet') {
    desired = s.desiredNumberScheduled ?? 0;
    updated = s.updatedNumberScheduled ?? 0;
    ready = s.numberReady ?? 0;
    available = s.numberAvailable ?? 0;
    total = desired;
  } else {
    desired = workload.spec?.replicas ?? 1;
    updated = s.updatedReplicas ?? 0;
    ready = s.readyReplicas ?? 0;
    // Older API servers leave availableReplicas out of StatefulSet status.
    available = s.availableReplicas ?? (workload.kind === 'StatefulSet' ? ready : 0);
    total = s.replicas ?? 0;
  }
  const done = observed && updated === desired && ready === desired && available === desired && total === desired;
  const extra: string[] = [];
  if (!observed) extra.push('controller has not seen the new spec yet');
  if (total > desired) extra.push(`${total - desired} old pod(s) still terminating`);
  return {
    done,
    summary:
      `${label}: ${ready}/${desired} ready, ${updated} updated, ${available} available` +
      (extra.length ? ` (${extra.join('; ')})` : ''),
  };
}

export interface ReplicaFailure {
  workload: string;
  reason: string;
  message: string;
}

/**
 * The controller cannot create the workload's pods at all, so no pod will ever show why: a missing service account,
 * an exceeded quota, an admission policy. The Deployment controller copies its ReplicaSet's condition here.
 */
export function findReplicaFailure(workload: Workload): ReplicaFailure | undefined {
  const condition = workload.status?.conditions?.find((c) => c.type === 'ReplicaFailure' && c.status === 'True');
  if (!condition) return undefined;
  return {
    workload: `${workload.kind} ${workload.metadata.name}`,
    reason: condition.reason ?? 'FailedCreate',
    message: condition.message ?? '',
  };
}

/** What to change for a pod the controller may not create. */
export function adviceForReplicaFailure(message: string): { hint: string; input?: string } {
  if (/serviceaccount/i.test(message)) {
    return {
      input: 'service-account-name',
      hint:
        'The pods name a service account that does not exist in the namespace: create it first, or let the chart ' +
        'create it (create-service-account: true).',
    };
  }
  if (/exceeded quota/i.test(message)) {
    return { hint: "The namespace's ResourceQuota is used up: lower the pods' resource requests or raise the quota." };
  }
  return {
    hint: 'The cluster refuses to create the pods (an admission policy or webhook, say): its message is above.',
  };
}
