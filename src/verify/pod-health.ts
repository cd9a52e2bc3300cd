// Pure decisions about one pod: is it failing in a way that waiting will not fix, and what do we tell the user?
// Only the fields these decisions read are typed; the objects come straight from `kubectl get pods -o json`.

export interface ContainerState {
  waiting?: { reason?: string; message?: string };
  running?: { startedAt?: string };
  terminated?: { reason?: string; message?: string; exitCode?: number };
}

export interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  image?: string;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface PodCondition {
  type: string;
  status: string;
  reason?: string;
  message?: string;
}

export interface OwnerReference {
  kind: string;
  name: string;
  uid: string;
}

export interface Pod {
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    labels?: Record<string, string>;
    ownerReferences?: OwnerReference[];
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
  status?: {
    phase?: string;
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

/** Container states that never heal by themselves within a deploy's time budget. */
const FATAL_WAITING_REASONS = [
  'CrashLoopBackOff',
  'ImagePullBackOff',
  'ErrImagePull',
  'CreateContainerConfigError',
  'InvalidImageName',
] as const;

export type FatalReason = (typeof FATAL_WAITING_REASONS)[number] | 'Unschedulable';

export interface PodFailure {
  pod: string;
  container?: string;
  reason: FatalReason;
  message: string;
  restarts?: number;
  /** How the previous run of a crash-looping container ended. */
  lastExit?: { exitCode?: number; reason?: string };
}

function isFatalWaitingReason(reason: string | undefined): reason is (typeof FATAL_WAITING_REASONS)[number] {
  return (FATAL_WAITING_REASONS as readonly string[]).includes(reason ?? '');
}

/** The first fatal problem of a pod (init containers first, as they run first), or undefined. */
export function findPodFailure(pod: Pod): PodFailure | undefined {
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const container of statuses) {
    const waiting = container.state?.waiting;
    if (!isFatalWaitingReason(waiting?.reason)) continue;
    const terminated = container.lastState?.terminated;
    return {
      pod: pod.metadata.name,
      container: container.name,
      reason: waiting.reason,
      message: waiting.message ?? '',
      restarts: container.restartCount,
      lastExit: terminated ? { exitCode: terminated.exitCode, reason: terminated.reason } : undefined,
    };
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    return { pod: pod.metadata.name, reason: 'Unschedulable', message: scheduled.message ?? '' };
  }
  return undefined;
}

/** Only a crash loop has a previous run whose last log lines explain the failure. */
export function wantsPreviousLogs(failure: PodFailure): boolean {
  return failure.reason === 'CrashLoopBackOff' && failure.container !== undefined;
}

export function isPodReady(pod: Pod): boolean {
  return pod.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/**
 * The registry's refusal, in the words containerd and the kubelet pass on (the pod's message or its Failed event):
 * the credentials are wrong, as opposed to an image that does not exist ("not found", "manifest unknown").
 */
const REFUSED_PULL = /unauthorized|authentication required|access denied|denied:|\b401\b|\b403\b|forbidden/i;

/**
 * What to do about each fatal reason, and which input most likely caused it; `evidence` (the pod's message and its
 * events) tells a pull the registry refused from one of an image that is not there.
 */
export function adviceFor(reason: FatalReason, evidence = ''): { hint: string; input?: string } {
  switch (reason) {
    case 'CrashLoopBackOff':
      return {
        hint:
          'The gateway process exits right after it starts. Read the log lines in the diagnosis: a wrong ' +
          'portkey-client-auth, an unreachable Redis or log store, or a bad env value are the usual causes.',
      };
    case 'ImagePullBackOff':
    case 'ErrImagePull':
      if (REFUSED_PULL.test(evidence) && !/not found|manifest unknown|repository does not exist/i.test(evidence)) {
        return {
          input: 'registry-password',
          hint:
            'The registry refused the pull: the credentials are wrong or lack access to the image. Check ' +
            'registry-username, registry-password and registry-server (for an ACR attached to the cluster, ' +
            'image-pull-secret: none instead; for a Secret of your own, image-pull-secret with its name).',
        };
      }
      return {
        input: 'gateway-image-repository',
        hint:
          'The node cannot pull the image: check gateway-image-repository and gateway-image-tag, and the ' +
          'registry credentials (registry-username/registry-password, or image-pull-secret for ACR).',
      };
    case 'InvalidImageName':
      return {
        input: 'gateway-image-repository',
        hint: 'The image reference is not valid: check gateway-image-repository and gateway-image-tag.',
      };
    case 'CreateContainerConfigError':
      return {
        hint:
          'The pod references a Secret, ConfigMap or key that does not exist (environment.existingSecret, ' +
          'secretKeys, image pull secrets): create it in the namespace or fix the values.',
      };
    case 'Unschedulable':
      return {
        hint:
          'No node can run the pod: lower the resource requests or replicas, fix nodeSelector/affinity/' +
          'tolerations, or add nodes (enable the cluster autoscaler or scale the node pool).',
      };
  }
}

/** One line per container and condition that keeps a pod from being ready, for the timeout diagnosis. */
export function describeNotReady(pod: Pod): string[] {
  const lines: string[] = [];
  for (const condition of pod.status?.conditions ?? []) {
    if (condition.status === 'True') continue;
    const why = [condition.reason, condition.message].filter(Boolean).join(': ');
    lines.push(`condition ${condition.type}=${condition.status}${why ? ` (${why})` : ''}`);
  }
  const statuses = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const container of statuses) {
    if (container.ready) continue;
    lines.push(
      `container ${container.name}: ${describeState(container.state)}, ${container.restartCount ?? 0} restarts`,
    );
  }
  if (lines.length === 0) lines.push(`phase ${pod.status?.phase ?? 'unknown'}`);
  return lines;
}

function describeState(state: ContainerState | undefined): string {
  if (state?.waiting) return `waiting (${[state.waiting.reason, state.waiting.message].filter(Boolean).join(': ')})`;
  if (state?.terminated) {
    const t = state.terminated;
    return `terminated (${t.reason ?? 'exit'} ${t.exitCode ?? ''}`.trimEnd() + ')';
  }
  if (state?.running) return 'running but not ready (readiness probe failing?)';
  return 'not started';
}
