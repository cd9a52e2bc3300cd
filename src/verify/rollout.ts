// Watches the release's workloads while `helm upgrade --wait` runs, so a pod that can never start fails the deploy
// in seconds with its reason, events and last log lines, instead of at the timeout with "context deadline exceeded".
import { ActionError } from '../errors.js';
import { runTool, type ClusterTools } from '../kube/cluster-tools.js';
import type { Seams } from '../seams.js';
import {
  formatEvents,
  listItems,
  readEvents,
  readLogTail,
  section,
  tryKubectlJson,
  type KubeEvent,
  type ReadResult,
} from './cluster-reads.js';
import {
  adviceFor,
  describeNotReady,
  findPodFailure,
  isPodReady,
  wantsPreviousLogs,
  type Pod,
  type PodFailure,
} from './pod-health.js';
import {
  adviceForReplicaFailure,
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

export interface RolloutInput {
  releaseName: string;
  namespace: string;
  /** Epoch ms. */
  deadline: number;
  signal?: AbortSignal;
  /**
   * The release's revision before this deploy (0 when it did not exist). Only a newer revision is judged, so the
   * previous, healthy revision is not mistaken for this one before helm records it. Omit it only when helm has
   * already recorded this deploy's revision.
   */
  sinceRevision?: number;
  pollIntervalMs?: number;
  /** Settles when helm has finished: look again at once instead of sleeping out the poll interval. */
  wake?: Promise<unknown>;
}

export interface RolloutReport {
  revision: number;
  /** One line per workload, e.g. `Deployment portkey-ai-gateway: 2/2 ready, 2 updated, 2 available`. */
  workloads: string[];
  elapsedMs: number;
}

interface HistoryEntry {
  revision: number;
  status: string;
  updated?: string;
}

interface Watched {
  workload: Workload;
  pods: Pod[];
}

/** What one look at the cluster found. */
type Observation =
  | { kind: 'no-release' }
  | { kind: 'old-revision'; revision: number }
  | { kind: 'progress'; release: HistoryEntry; refs: WorkloadRef[]; watched: Watched[] }
  | { kind: 'error'; error: string };

const ACCESS_DENIED = /forbidden|unauthorized|must be logged in/i;
/**
 * A controller can fail to create a pod for a moment (the service account applied a blink later): only a failure
 * that lasts this long is the deploy's fault.
 */
const REPLICA_FAILURE_GRACE_MS = 5000;

export async function waitForRollout(input: RolloutInput, tools: ClusterTools, seams: Seams): Promise<RolloutReport> {
  const started = seams.now();
  const interval = input.pollIntervalMs ?? 1000;
  const manifests = new Map<number, WorkloadRef[]>();
  let last: Observation = { kind: 'no-release' };
  let lastError: string | undefined;
  const replicaFailureSince = new Map<string, number>();
  let wake = input.wake?.then(() => {
    wake = undefined;
  });

  for (;;) {
    throwIfAborted(input.signal);
    const seen = await observe(input, tools, seams, manifests);
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

    if (last.kind === 'progress') {
      const failure = await findFatalFailure(input, last, tools, seams);
      if (failure) throw await fatalError(failure, input, tools, seams);
      const cannotCreate = lastingReplicaFailure(last, replicaFailureSince, seams.now());
      if (cannotCreate) throw replicaFailureError(cannotCreate, input);
      if (last.release.status === 'failed') throw await timeoutError(input, last, tools, seams, 'failed');
      const progress = last.watched.map((w) => rolloutProgress(w.workload));
      const allPresent = last.watched.length === last.refs.length;
      // A pending revision is still being applied: the workloads may not carry the new spec yet.
      if (last.release.status === 'deployed' && allPresent && progress.every((p) => p.done)) {
        return {
          revision: last.release.revision,
          workloads: progress.map((p) => p.summary),
          elapsedMs: seams.now() - started,
        };
      }
    }

    const remaining = input.deadline - seams.now();
    if (remaining <= 0) {
      if (last.kind === 'progress') throw await timeoutError(input, last, tools, seams, 'timeout', lastError);
      throw notRecordedError(input, last, lastError);
    }
    const nap = seams.sleep(Math.min(interval, remaining));
    await (wake ? Promise.race([nap, wake]) : nap);
  }
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (!signal?.aborted) return;
  throw signal.reason instanceof Error ? signal.reason : new ActionError('Stopped watching the rollout.');
}

async function observe(
  input: RolloutInput,
  tools: ClusterTools,
  seams: Seams,
  manifests: Map<number, WorkloadRef[]>,
): Promise<Observation> {
  const { releaseName, namespace, signal } = input;
  const history = await runTool(
    tools,
    seams,
    'helm',
    ['history', releaseName, '-n', namespace, '--max', '1', '-o', 'json'],
    { signal },
  );
  if (history.exitCode !== 0) {
    const error = (history.stderr || history.stdout).trim();
    return /not found/i.test(error) ? { kind: 'no-release' } : { kind: 'error', error };
  }
  const release = (JSON.parse(history.stdout) as HistoryEntry[]).at(-1);
  if (!release) return { kind: 'no-release' };
  if (input.sinceRevision !== undefined && release.revision <= input.sinceRevision) {
    return { kind: 'old-revision', revision: release.revision };
  }

  let refs = manifests.get(release.revision);
  if (!refs) {
    const manifest = await runTool(
      tools,
      seams,
      'helm',
      ['get', 'manifest', releaseName, '-n', namespace, '--revision', String(release.revision)],
      { signal },
    );
    if (manifest.exitCode !== 0) return { kind: 'error', error: (manifest.stderr || manifest.stdout).trim() };
    refs = findWorkloads(parseManifest(manifest.stdout), namespace);
    manifests.set(release.revision, refs);
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
  tools: ClusterTools,
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

interface FoundFailure {
  failure: PodFailure;
  namespace: string;
  events: ReadResult<KubeEvent[]>;
}

async function findFatalFailure(
  input: RolloutInput,
  seen: Extract<Observation, { kind: 'progress' }>,
  tools: ClusterTools,
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
function lastingReplicaFailure(
  seen: Extract<Observation, { kind: 'progress' }>,
  since: Map<string, number>,
  now: number,
): ReplicaFailure | undefined {
  const current = seen.watched.flatMap(({ workload }) => findReplicaFailure(workload) ?? []);
  for (const key of since.keys()) if (!current.some((f) => `${f.workload}: ${f.message}` === key)) since.delete(key);
  for (const failure of current) {
    const key = `${failure.workload}: ${failure.message}`;
    if (!since.has(key)) since.set(key, now);
    if (now - since.get(key)! >= REPLICA_FAILURE_GRACE_MS) return failure;
  }
  return undefined;
}

function replicaFailureError(failure: ReplicaFailure, input: RolloutInput): ActionError {
  return new ActionError(
    `The rollout of release ${input.releaseName} failed: ${failure.workload} cannot create its pods ` +
      `(${failure.reason}): ${failure.message}`,
    {
      ...adviceForReplicaFailure(failure.message),
      diagnosis: `${failure.workload}\nCondition: ReplicaFailure (${failure.reason})\nMessage: ${failure.message}`,
    },
  );
}

function recordedAtSecond(updated: string | undefined): number {
  const ms = Date.parse(updated ?? '');
  // Pod timestamps have one-second precision.
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000) * 1000;
}

async function fatalError(found: FoundFailure, input: RolloutInput, tools: ClusterTools, seams: Seams) {
  const { failure, namespace } = found;
  const where = `pod ${failure.pod}${failure.container ? `, container ${failure.container}` : ''}`;
  const lines = [
    `Pod: ${failure.pod} (namespace ${namespace})`,
    ...(failure.container ? [`Container: ${failure.container}`] : []),
    `Reason: ${failure.reason}`,
    ...(failure.message ? [`Message: ${failure.message}`] : []),
  ];
  if (failure.lastExit) {
    lines.push(
      `Previous run: exit code ${failure.lastExit.exitCode ?? '?'} (${failure.lastExit.reason ?? 'terminated'}), ${failure.restarts ?? 0} restart(s)`,
    );
  }
  const blocks = [lines.join('\n'), section('Recent events', mapRead(found.events, formatEvents))];
  if (wantsPreviousLogs(failure)) {
    const logs = await readLogTail(
      tools,
      seams,
      { namespace, pod: failure.pod, container: failure.container!, previous: true },
      input.signal,
    );
    blocks.push(section(`Last log lines of the previous run of ${failure.container}`, logs));
  }
  const advice = adviceFor(failure.reason);
  return new ActionError(
    `The rollout of release ${input.releaseName} failed: ${where} is in ${failure.reason}` +
      (failure.message ? `: ${failure.message}` : ''),
    { ...advice, diagnosis: blocks.join('\n\n') },
  );
}

/** Evidence for a rollout that never became ready: workload counts, pod conditions, events, logs. */
async function timeoutError(
  input: RolloutInput,
  seen: Extract<Observation, { kind: 'progress' }>,
  tools: ClusterTools,
  seams: Seams,
  why: 'timeout' | 'failed',
  lastError?: string,
) {
  const progress = seen.watched.map((w) => rolloutProgress(w.workload));
  const present = new Set(seen.watched.map((w) => `${w.workload.kind}/${w.workload.metadata.name}`));
  const missing = seen.refs
    .filter((r) => !present.has(`${r.kind}/${r.name}`))
    .map((r) => `${r.kind} ${r.name}: not created yet`);
  const blocks = [
    `Release ${input.releaseName} revision ${seen.release.revision} (${seen.release.status})`,
    section('Workloads', { ok: true, value: [...progress.map((p) => p.summary), ...missing] }),
  ];
  if (lastError) blocks.push(`Last error while watching: ${lastError}`);
  const notReady = seen.watched.flatMap((w) =>
    w.pods
      .filter((p) => !isPodReady(p))
      .map((pod) => ({ pod, namespace: w.workload.metadata.namespace ?? input.namespace })),
  );
  for (const [index, { pod, namespace }] of notReady.slice(0, 3).entries()) {
    const events = await readEvents(tools, seams, namespace, pod.metadata.name, input.signal);
    const parts = [
      section(`Pod ${pod.metadata.name}`, { ok: true, value: describeNotReady(pod) }),
      section('Recent events', mapRead(events, formatEvents)),
    ];
    const container = pod.status?.containerStatuses?.find((c) => !c.ready);
    if (index === 0 && container && (container.state?.running || container.restartCount)) {
      const previous = !container.state?.running;
      const logs = await readLogTail(
        tools,
        seams,
        { namespace, pod: pod.metadata.name, container: container.name, previous },
        input.signal,
      );
      parts.push(section(`Last log lines of ${container.name}`, logs));
    }
    blocks.push(parts.join('\n'));
  }
  const summary = progress
    .filter((p) => !p.done)
    .map((p) => p.summary)
    .concat(missing)
    .join('; ');
  if (why === 'failed') {
    return new ActionError(
      `helm marked revision ${seen.release.revision} of release ${input.releaseName} as failed` +
        (summary ? `: ${summary}` : ''),
      {
        hint: 'Read the pod conditions and events in the diagnosis, and the helm output above.',
        diagnosis: blocks.join('\n\n'),
      },
    );
  }
  return new ActionError(
    `The rollout of release ${input.releaseName} did not finish in time` + (summary ? `: ${summary}` : ''),
    {
      input: 'timeout',
      hint:
        'If the pods are merely slow (large image, busy nodes), raise `timeout`; otherwise the conditions and ' +
        'events in the diagnosis say what keeps them from becoming ready (a failing readiness probe on /v1/health ' +
        'usually means the gateway cannot reach its control plane).',
      diagnosis: blocks.join('\n\n'),
    },
  );
}

function notRecordedError(input: RolloutInput, last: Observation, lastError?: string): ActionError {
  const found =
    last.kind === 'old-revision'
      ? `its newest revision is still ${last.revision}, the one before this deploy`
      : `helm has no release ${input.releaseName} in namespace ${input.namespace}`;
  return new ActionError(`The rollout of release ${input.releaseName} never started: ${found}`, {
    input: 'timeout',
    hint: 'helm did not record the new revision before the time budget ran out: read the helm output above.',
    diagnosis: lastError ? `Last error while watching: ${lastError}` : undefined,
  });
}

function mapRead<T, U>(read: ReadResult<T>, map: (value: T) => U): ReadResult<U> {
  return read.ok ? { ok: true, value: map(read.value) } : read;
}
