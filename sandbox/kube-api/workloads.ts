// The Deployment, ReplicaSet, StatefulSet and DaemonSet controllers, reduced to what waiting clients read:
// - helm 3 `--wait` finds the Deployment's new ReplicaSet by selector, controller ownerReference and a pod template
//   equal to the Deployment's once `pod-template-hash` is ignored, then compares its readyReplicas;
// - helm 4 (kstatus) and `kubectl rollout status` read the Deployment status counters and its `Progressing`
//   condition (reason NewReplicaSetAvailable when done).
// A changed pod template makes a new ReplicaSet, rolled out within the strategy's maxSurge and maxUnavailable the way
// the deployment controller does: old pods go only as new ones become available (see rollingBounds).
import { createHash } from 'node:crypto';
import { findByGroupResource, type ResourceType } from './resources.js';
import type { KubeObject } from './selectors.js';
import type { ObjectStore } from './store.js';
import type { PodSimulator } from './pods.js';

const DEPLOYMENTS = findByGroupResource('apps', 'deployments')!;
const REPLICASETS = findByGroupResource('apps', 'replicasets')!;
const STATEFULSETS = findByGroupResource('apps', 'statefulsets')!;
const PODS = findByGroupResource('', 'pods')!;

type Dict = Record<string, unknown>;
const specOf = (o: KubeObject) => (o.spec ?? {}) as Dict;
const statusOf = (o: KubeObject | undefined) => (o?.status ?? {}) as Dict;
const count = (o: KubeObject | undefined, field: string) => (statusOf(o)[field] as number | undefined) ?? 0;

export function templateHash(template: unknown): string {
  return createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 10);
}

export function isOwnedBy(object: KubeObject, owner: KubeObject): boolean {
  const refs = (object.metadata.ownerReferences ?? []) as { uid: string; controller?: boolean }[];
  return refs.some((ref) => ref.uid === owner.metadata.uid && ref.controller);
}

export function isPodReady(pod: KubeObject): boolean {
  const conditions = (statusOf(pod).conditions as Dict[] | undefined) ?? [];
  return conditions.some((c) => c.type === 'Ready' && c.status === 'True');
}

/** Adds a label to a pod template without touching the original. */
function labelTemplate(template: Dict, key: string, value: string): Dict {
  const copy = structuredClone(template);
  const metadata = (copy.metadata ?? {}) as Dict;
  metadata.labels = { ...((metadata.labels as Dict | undefined) ?? {}), [key]: value };
  copy.metadata = metadata;
  return copy;
}

/**
 * The RollingUpdate bounds the deployment controller works within: at most `desired + surge` pods, at least
 * `desired - unavailable` available. Percentages of `desired`: maxSurge rounds up, maxUnavailable down (25% of 2 is
 * a surge of 1 and none unavailable); both 0 would deadlock, so unavailable becomes 1, as upstream. `Recreate` takes
 * every old pod down first.
 */
export function rollingBounds(deployment: KubeObject): { surge: number; unavailable: number } {
  const desired = (specOf(deployment).replicas as number | undefined) ?? 1;
  const strategy = specOf(deployment).strategy as Dict | undefined;
  if (strategy?.type === 'Recreate') return { surge: 0, unavailable: desired };
  const rolling = (strategy?.rollingUpdate as Dict | undefined) ?? {};
  const resolve = (value: unknown, round: (n: number) => number) =>
    typeof value === 'string' && value.endsWith('%') ? round((desired * parseInt(value, 10)) / 100) : Number(value);
  const surge = resolve(rolling.maxSurge ?? '25%', Math.ceil);
  const unavailable = resolve(rolling.maxUnavailable ?? '25%', Math.floor);
  return { surge, unavailable: surge === 0 && unavailable === 0 ? 1 : unavailable };
}

/** Keeps a condition's timestamps while its status and reason are unchanged, so status writes settle. */
function condition(previous: Dict[], type: string, status: boolean, reason: string, message: string): Dict {
  const old = previous.find((c) => c.type === type);
  const value = status ? 'True' : 'False';
  if (old && old.status === value && old.reason === reason) return { ...old, message };
  const now = new Date().toISOString();
  return { type, status: value, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

/** The Deployment status the deployment controller would write for these ReplicaSets. Pure. */
export function deploymentStatus(deployment: KubeObject, newSet: KubeObject | undefined, owned: KubeObject[]): Dict {
  const desired = (specOf(deployment).replicas as number | undefined) ?? 1;
  const sum = (field: string) => owned.reduce((n, rs) => n + count(rs, field), 0);
  const replicas = sum('replicas');
  const available = sum('availableReplicas');
  const updated = count(newSet, 'replicas');
  const previous = (statusOf(deployment).conditions as Dict[] | undefined) ?? [];
  const complete =
    newSet !== undefined &&
    updated === desired &&
    replicas === desired &&
    count(newSet, 'availableReplicas') === desired;
  const minimum = available >= desired - rollingBounds(deployment).unavailable;
  const setName = newSet?.metadata.name ?? deployment.metadata.name;
  return {
    observedGeneration: deployment.metadata.generation,
    replicas,
    updatedReplicas: updated,
    readyReplicas: sum('readyReplicas'),
    availableReplicas: available,
    ...(desired - available > 0 ? { unavailableReplicas: desired - available } : {}),
    conditions: [
      condition(
        previous,
        'Available',
        minimum,
        minimum ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
        minimum ? 'Deployment has minimum availability.' : 'Deployment does not have minimum availability.',
      ),
      complete
        ? condition(
            previous,
            'Progressing',
            true,
            'NewReplicaSetAvailable',
            `ReplicaSet "${setName}" has successfully progressed.`,
          )
        : condition(previous, 'Progressing', true, 'ReplicaSetUpdated', `ReplicaSet "${setName}" is progressing.`),
    ],
  };
}

export class WorkloadController {
  constructor(
    private readonly store: ObjectStore,
    private readonly pods: PodSimulator,
  ) {}

  reconcileDeployment(namespace: string, name: string): void {
    const deployment = this.store.get(DEPLOYMENTS, namespace, name);
    if (!deployment) return;
    const spec = specOf(deployment);
    const desired = (spec.replicas as number | undefined) ?? 1;
    const hash = templateHash(spec.template);
    const owned = this.store.list(REPLICASETS, namespace).filter((rs) => isOwnedBy(rs, deployment));
    const revisions = owned.map((rs) => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0));
    const current = owned.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const revision = String(Math.max(0, ...revisions) + (current ? 0 : 1));
    const old = owned.filter((rs) => rs !== current);
    const replicasOf = (rs: KubeObject) => (specOf(rs).replicas as number | undefined) ?? 0;
    const { surge, unavailable } = rollingBounds(deployment);
    // Scale up: the new set grows while the total stays within desired + surge.
    const oldReplicas = old.reduce((n, rs) => n + replicasOf(rs), 0);
    const newReplicas = Math.min(desired, Math.max(current ? replicasOf(current) : 0, desired + surge - oldReplicas));
    let newSet = current;
    if (!current) {
      const template = labelTemplate(spec.template as Dict, 'pod-template-hash', hash);
      const selector = (spec.selector ?? {}) as Dict;
      newSet = this.store.create(REPLICASETS, {
        metadata: {
          name: `${name}-${hash}`,
          namespace,
          labels: (template.metadata as Dict).labels as Record<string, string>,
          annotations: {
            'deployment.kubernetes.io/revision': revision,
            'deployment.kubernetes.io/desired-replicas': String(desired),
          },
          ownerReferences: [owner(deployment, DEPLOYMENTS)],
        },
        spec: {
          replicas: newReplicas,
          selector: {
            ...selector,
            matchLabels: { ...((selector.matchLabels as Dict | undefined) ?? {}), 'pod-template-hash': hash },
          },
          template,
        },
      });
    } else if (replicasOf(current) !== newReplicas) {
      this.store.update(REPLICASETS, { ...current, spec: { ...specOf(current), replicas: newReplicas } });
    }
    // Scale down: old pods go only as far as keeps `desired - unavailable` available, counting the new set's pods
    // that are not available yet as missing (the deployment controller's maxScaledDown), so a new pod that never
    // becomes Ready leaves the old ones serving.
    const newUnavailable = newReplicas - count(newSet, 'availableReplicas');
    let room = oldReplicas + newReplicas - (desired - unavailable) - newUnavailable;
    for (const rs of old) {
      if (room <= 0) break;
      const down = Math.min(room, replicasOf(rs));
      if (down === 0) continue;
      this.store.update(REPLICASETS, { ...rs, spec: { ...specOf(rs), replicas: replicasOf(rs) - down } });
      room -= down;
    }
    this.writeDeploymentStatus(deployment);
  }

  private writeDeploymentStatus(deployment: KubeObject): void {
    const { namespace } = deployment.metadata;
    const owned = this.store.list(REPLICASETS, namespace).filter((rs) => isOwnedBy(rs, deployment));
    const newSet = owned.find(
      (rs) => rs.metadata.labels?.['pod-template-hash'] === templateHash(specOf(deployment).template),
    );
    this.store.update(DEPLOYMENTS, { ...deployment, status: deploymentStatus(deployment, newSet, owned) }, 'status');
  }

  /** ReplicaSet: make the owned pod count match `spec.replicas`, then report, then let the Deployment report. */
  reconcileReplicaSet(namespace: string, name: string): void {
    const set = this.store.get(REPLICASETS, namespace, name);
    if (!set) return;
    const desired = (specOf(set).replicas as number | undefined) ?? 1;
    const pods = this.ownedPods(set, REPLICASETS, specOf(set).template as Dict, desired);
    const ready = pods.filter(isPodReady).length;
    this.store.update(
      REPLICASETS,
      {
        ...set,
        status: {
          replicas: pods.length,
          fullyLabeledReplicas: pods.length,
          readyReplicas: ready,
          availableReplicas: ready,
          observedGeneration: set.metadata.generation,
        },
      },
      'status',
    );
    const deploymentRef = (set.metadata.ownerReferences as { kind: string; name: string }[] | undefined)?.find(
      (ref) => ref.kind === 'Deployment',
    );
    const deployment = deploymentRef && this.store.get(DEPLOYMENTS, namespace, deploymentRef.name);
    // The Deployment may now scale its old ReplicaSet down (maxUnavailable 0), and reports either way.
    if (deployment) this.reconcileDeployment(namespace, deployment.metadata.name);
  }

  /**
   * StatefulSet (pods `<name>-0…`) and DaemonSet (one pod: the sandbox has one node). Pods from an older
   * template are replaced at once; status fields are those helm 3, kstatus and `kubectl rollout status` read.
   */
  reconcilePodSet(type: ResourceType, namespace: string, name: string): void {
    const set = this.store.get(type, namespace, name);
    if (!set) return;
    const stateful = type === STATEFULSETS;
    const desired = stateful ? ((specOf(set).replicas as number | undefined) ?? 1) : 1;
    const revision = `${name}-${templateHash(specOf(set).template)}`;
    for (const stale of this.store.list(PODS, namespace).filter((p) => isOwnedBy(p, set))) {
      if (stale.metadata.labels?.['controller-revision-hash'] !== revision)
        this.store.delete(PODS, namespace, stale.metadata.name);
    }
    const template = labelTemplate(specOf(set).template as Dict, 'controller-revision-hash', revision);
    const pods = this.ownedPods(set, type, template, desired, stateful ? (index) => `${name}-${index}` : undefined);
    const ready = pods.filter(isPodReady).length;
    const common = { observedGeneration: set.metadata.generation };
    const status = stateful
      ? {
          ...common,
          replicas: pods.length,
          readyReplicas: ready,
          availableReplicas: ready,
          currentReplicas: pods.length,
          updatedReplicas: pods.length,
          currentRevision: revision,
          updateRevision: revision,
          collisionCount: 0,
        }
      : {
          ...common,
          currentNumberScheduled: pods.length,
          desiredNumberScheduled: 1,
          numberMisscheduled: 0,
          numberReady: ready,
          numberAvailable: ready,
          updatedNumberScheduled: pods.length,
          ...(ready < 1 ? { numberUnavailable: 1 } : {}),
        };
    this.store.update(type, { ...set, status }, 'status');
  }

  /**
   * Creates the missing pods and deletes surplus ones; returns the pods that remain. `nameFor` gives pods stable
   * ordinal names (StatefulSet); without it pods get random suffixes.
   */
  private ownedPods(
    owner: KubeObject,
    type: ResourceType,
    template: Dict,
    desired: number,
    nameFor?: (i: number) => string,
  ): KubeObject[] {
    const { namespace } = owner.metadata;
    const owned = () =>
      this.store
        .list(PODS, namespace)
        .filter((p) => isOwnedBy(p, owner))
        .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name, 'en', { numeric: true }));
    for (const surplus of owned().slice(desired)) this.store.delete(PODS, namespace, surplus.metadata.name);
    const existing = owned();
    for (let index = 0; index < desired; index++) {
      const missing = nameFor ? !existing.some((p) => p.metadata.name === nameFor(index)) : index >= existing.length;
      if (missing) this.pods.createPod(owner, type, template, nameFor?.(index));
    }
    return owned();
  }
}

function owner(object: KubeObject, type: ResourceType): Dict {
  return {
    apiVersion: object.apiVersion,
    kind: type.kind,
    name: object.metadata.name,
    uid: object.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}
