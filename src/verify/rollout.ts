// Watches the release's workloads while `helm upgrade --wait` runs, so a pod that can never start fails the deploy
// in seconds with its reason, events and last log lines, instead of at the timeout with "context deadline exceeded".
import { ActionError } from '../errors.js';
import type { ClusterSession } from '../cluster/session.js';
import { HelmClient } from '../helm/client.js';
import type { ReleaseRevision } from '../helm/release.js';
import { poll } from '../poll.js';
import type { Seams } from '../seams.js';
import { listItems, readEvents, tryKubectlJson, type ReadResult } from './cluster-reads.js';
import { findPodFailure, type Pod } from './pod-health.js';
import { fatalError, notRecordedError, replicaFailureError, timeoutError } from './rollout-diagnosis.js';
import type { FoundFailure, Observation, Progress, RolloutInput, RolloutReport, Watched } from './rollout-types.js';
import {
  currentPods,
  findReplicaFailure,
  findWorkloads,
  parseManifest,
  rolloutProgress,
  selectorToString,
  type ReplicaFailure,
  type ReplicaSet,
  type Workload,
  type WorkloadRef,
} from './workloads.js';

const ACCESS_DENIED = /forbidden|unauthorized|must be logged in/i;
/**
 * A controller can fail to create a pod for a moment (the service account applied a blink later): only a failure
 * that lasts this long is the deploy's fault.
 */
const REPLICA_FAILURE_GRACE_MS = 5000;

export async function waitForRollout(
  input: RolloutInput,
  session: ClusterSession,
  seams: Seams,
): Promise<RolloutReport> {
  const started = seams.now();
  const helm = new HelmClient(session, seams);
  const manifests = new Map<number, WorkloadRef[]>();
  const replicaFailureSince = new Map<string, number>();
  let last: Observation = { kind: 'no-release' };
  let lastError: string | undefined;
  const options = { deadline: input.deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal };

  const report = await poll({ ...options, wake: input.wake }, seams, async () => {
    const seen = await observe(input, helm, session, seams, manifests);
    if (seen.kind === 'error') {
      if (ACCESS_DENIED.test(seen.error)) {
        throw new ActionError(`Cannot watch the rollout of release ${input.releaseName}: ${seen.error}`, {
          hint: 'The identity needs read access to workloads, pods, events and pod logs in the namespace.',
        });
      }
      lastError = seen.error;
    } else {
      last = seen;
      lastError = undefined;
    }
    if (last.kind !== 'progress') return undefined;
    const failure = await findFatalFailure(input, last, session, seams);
    if (failure) throw await fatalError(failure, input, session, seams);
    const cannotCreate = lastingReplicaFailure(last, replicaFailureSince, seams.now());
    if (cannotCreate) throw replicaFailureError(cannotCreate, input);
    if (last.release.status === 'failed') throw await timeoutError(input, last, session, seams, 'failed');
    const progress = last.watched.map((w) => rolloutProgress(w.workload));
    const allPresent = last.watched.length === last.refs.length;
    // A pending revision is still being applied: the workloads may not carry the new spec yet.
    if (last.release.status !== 'deployed' || !allPresent || !progress.every((p) => p.done)) return undefined;
    return {
      revision: last.release.revision,
      workloads: progress.map((p) => p.summary),
      elapsedMs: seams.now() - started,
    };
  });
  if (report) return report;
  const final = last as Observation;
  if (final.kind === 'progress') throw await timeoutError(input, final, session, seams, 'timeout', lastError);
  throw notRecordedError(input, final, lastError);
}

async function observe(
  input: RolloutInput,
  helm: HelmClient,
  tools: ClusterSession,
  seams: Seams,
  manifests: Map<number, WorkloadRef[]>,
): Promise<Observation> {
  const { releaseName: name, namespace, signal } = input;
  let release: ReleaseRevision | undefined;
  let refs: WorkloadRef[] | undefined;
  try {
    release = (await helm.history({ name, namespace }, { max: 1, signal })).at(-1);
    if (!release) return { kind: 'no-release' };
    if (input.sinceRevision !== undefined && release.revision <= input.sinceRevision) {
      return { kind: 'old-revision', revision: release.revision };
    }
    refs = manifests.get(release.revision);
    if (!refs) {
      const manifest = await helm.manifest({ name, namespace }, { revision: release.revision, signal });
      refs = findWorkloads(parseManifest(manifest ?? ''), namespace);
      manifests.set(release.revision, refs);
    }
  } catch (error) {
    // A poll survives a transient API error: the next look retries.
    if (error instanceof ActionError) return { kind: 'error', error: error.message };
    throw error;
  }

  const watched: Watched[] = [];
  for (const ns of new Set(refs.map((r) => r.namespace))) {
    const names = refs.filter((r) => r.namespace === ns).map((r) => `${r.kind.toLowerCase()}/${r.name}`);
    const read = await tryKubectlJson<unknown>(tools, seams, ['get', ...names, '-n', ns, '--ignore-not-found'], signal);
    if (!read.ok) return { kind: 'error', error: read.error };
    for (const workload of listItems<Workload>(read.value)) {
      const pods = await readCurrentPods(workload, ns, tools, seams, signal);
      if (!pods.ok) return { kind: 'error', error: pods.error };
      watched.push({ workload, pods: pods.value });
    }
  }
  return { kind: 'progress', release, refs, watched };
}

async function readCurrentPods(
  workload: Workload,
  namespace: string,
  tools: ClusterSession,
  seams: Seams,
  signal?: AbortSignal,
): Promise<ReadResult<Pod[]>> {
  const what = workload.kind === 'Deployment' ? 'pods,replicasets' : 'pods';
  const selector = selectorToString(workload.spec?.selector);
  const read = await tryKubectlJson<unknown>(tools, seams, ['get', what, '-n', namespace, '-l', selector], signal);
  if (!read.ok) return read;
  const items = listItems<{ kind?: string }>(read.value);
  const pods = items.filter((i) => i.kind === 'Pod') as Pod[];
  const replicaSets = items.filter((i) => i.kind === 'ReplicaSet') as ReplicaSet[];
  return { ok: true, value: currentPods(workload, pods, replicaSets) };
}

async function findFatalFailure(
  input: RolloutInput,
  seen: Progress,
  tools: ClusterSession,
  seams: Seams,
): Promise<FoundFailure | undefined> {
  const judgeFrom = seen.release.status.startsWith('pending') ? recordedAtSecond(seen.release.updated) : 0;
  for (const { workload, pods } of seen.watched) {
    const namespace = workload.metadata.namespace ?? input.namespace;
    for (const pod of pods) {
      // While helm is still applying, a pod older than the revision may belong to the state being replaced.
      if (Date.parse(pod.metadata.creationTimestamp ?? '') < judgeFrom) continue;
      const failure = findPodFailure(pod);
      if (!failure) continue;
      const events = await readEvents(tools, seams, namespace, pod.metadata.name, input.signal);
      // The cluster autoscaler is adding a node for this pod: waiting will fix it.
      if (
        failure.reason === 'Unschedulable' &&
        events.ok &&
        events.value.some((e) => e.reason === 'TriggeredScaleUp')
      ) {
        continue;
      }
      return { failure, namespace, events };
    }
  }
  return undefined;
}

/** A ReplicaFailure seen without a break for the grace period; `since` remembers when each was first seen. */
function lastingReplicaFailure(seen: Progress, since: Map<string, number>, now: number): ReplicaFailure | undefined {
  const current = seen.watched.flatMap(({ workload }) => findReplicaFailure(workload) ?? []);
  for (const key of since.keys()) if (!current.some((f) => `${f.workload}: ${f.message}` === key)) since.delete(key);
  for (const failure of current) {
    const key = `${failure.workload}: ${failure.message}`;
    if (!since.has(key)) since.set(key, now);
    if (now - since.get(key)! >= REPLICA_FAILURE_GRACE_MS) return failure;
  }
  return undefined;
}

function recordedAtSecond(updated: string | undefined): number {
  const ms = Date.parse(updated ?? '');
  // Pod timestamps have one-second precision.
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000) * 1000;
}
