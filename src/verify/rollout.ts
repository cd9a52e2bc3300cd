// Watches the release's workloads while `helm upgrade --wait` runs, so a pod that can never start fails the deploy
// in seconds with its reason, events and last log lines, instead of at the timeout with "context deadline exceeded".
import { ActionError } from '../errors.js';
import { clusterPort } from '../cluster/local.js';
import type { ClusterPort, ClusterSession, ReleaseRead } from '../cluster/port.js';
import { HelmClient, releaseAnswer } from '../helm/client.js';
import { parseHistory, type ReleaseRevision } from '../helm/release.js';
import { poll } from '../poll.js';
import type { RunResult, Seams } from '../seams.js';
import { listItems, parseObjects, readEvents, type ObjectsRead, type ReadResult } from './cluster-reads.js';
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
  const cluster = clusterPort(session, seams);
  const manifests = new Map<number, WorkloadRef[]>();
  const replicaFailureSince = new Map<string, number>();
  let last: Observation = { kind: 'no-release' };
  let lastError: string | undefined;
  const options = { deadline: input.deadline, intervalMs: input.pollIntervalMs ?? 1000, signal: input.signal };

  const report = await poll({ ...options, wake: input.wake }, seams, async () => {
    const seen = await observe(input, helm, cluster, manifests, last.kind === 'progress' ? last : undefined);
    if (!seen.ok) {
      if (ACCESS_DENIED.test(seen.error)) {
        throw new ActionError(`Cannot watch the rollout of release ${input.releaseName}: ${seen.error}`, {
          hint: 'The identity needs read access to workloads, pods, events and pod logs in the namespace.',
        });
      }
      lastError = seen.error;
    } else {
      last = seen.value;
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

/** The reads that tell a look's workloads and their pods, from what it knows of them. */
function workloadReads(refs: WorkloadRef[]): ObjectsRead[] {
  return [...new Set(refs.map((r) => r.namespace))].map((namespace) => ({
    kind: 'objects',
    names: refs.filter((r) => r.namespace === namespace).map((r) => `${r.kind.toLowerCase()}/${r.name}`),
    namespace,
    ignoreNotFound: true,
  }));
}

function podsRead(workload: Workload, namespace: string): ObjectsRead {
  const resource = workload.kind === 'Deployment' ? 'pods,replicasets' : 'pods';
  return { kind: 'objects', resource, namespace, selector: selectorToString(workload.spec?.selector) };
}

/**
 * One look: the release's newest revision, its workloads and their pods. The reads the last look made are asked
 * together with the history, in one batch (one invocation in a private cluster); an answer is used when this look
 * asks the very same read, and what this look needs that the last did not (a new revision's workloads, a changed
 * selector) is read after it.
 */
async function observe(
  input: RolloutInput,
  helm: HelmClient,
  cluster: ClusterPort,
  manifests: Map<number, WorkloadRef[]>,
  previous: Progress | undefined,
): Promise<ReadResult<Observation>> {
  const { releaseName: name, namespace, signal } = input;
  const history: ReleaseRead = { kind: 'release', what: 'history', release: { name, namespace }, max: 1 };
  const expected = previous
    ? [
        ...workloadReads(previous.refs),
        ...previous.watched.map((w) => podsRead(w.workload, w.workload.metadata.namespace ?? namespace)),
      ]
    : [];
  let answered: Map<string, RunResult>;
  let release: ReleaseRevision | undefined;
  let refs: WorkloadRef[] | undefined;
  try {
    const [historyAnswer, ...answers] = await cluster.readAll([history, ...expected], signal);
    answered = new Map(expected.map((read, i) => [JSON.stringify(read), answers[i]]));
    release = parseHistory(releaseAnswer(history, historyAnswer) ?? '[]').at(-1);
    if (!release) return { ok: true, value: { kind: 'no-release' } };
    if (input.sinceRevision !== undefined && release.revision <= input.sinceRevision) {
      return { ok: true, value: { kind: 'old-revision', revision: release.revision } };
    }
    refs = manifests.get(release.revision);
    if (!refs) {
      const manifest = await helm.manifest({ name, namespace }, { revision: release.revision, signal });
      refs = findWorkloads(parseManifest(manifest ?? ''), namespace);
      manifests.set(release.revision, refs);
    }
  } catch (error) {
    // A poll survives a transient API error: the next look retries.
    if (error instanceof ActionError) return { ok: false, error: error.message };
    throw error;
  }
  const read = async (request: ObjectsRead) =>
    parseObjects<unknown>(answered.get(JSON.stringify(request)) ?? (await cluster.read(request, signal)));

  const watched: Watched[] = [];
  for (const request of workloadReads(refs)) {
    const workloads = await read(request);
    if (!workloads.ok) return workloads;
    for (const workload of listItems<Workload>(workloads.value)) {
      const items = await read(podsRead(workload, request.namespace));
      if (!items.ok) return items;
      watched.push({ workload, pods: currentPodsOf(workload, items.value) });
    }
  }
  return { ok: true, value: { kind: 'progress', release, refs, watched } };
}

function currentPodsOf(workload: Workload, answer: unknown): Pod[] {
  const items = listItems<{ kind?: string }>(answer);
  const pods = items.filter((i) => i.kind === 'Pod') as Pod[];
  const replicaSets = items.filter((i) => i.kind === 'ReplicaSet') as ReplicaSet[];
  return currentPods(workload, pods, replicaSets);
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
