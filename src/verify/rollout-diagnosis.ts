// The words of a failed rollout: what failed, why, and the evidence (pod conditions, the kubelet's events, the last
// log lines), gathered when the watcher in rollout.ts gives up. Each returns the ActionError the user reads.
import type { ClusterSession } from '../cluster/port.js';
import { ActionError } from '../errors.js';
import type { Seams } from '../seams.js';
import { formatEvents, readEvents, readLogTail, section, type ReadResult } from './cluster-reads.js';
import { adviceFor, describeNotReady, isPodReady, wantsPreviousLogs } from './pod-health.js';
import type { FoundFailure, Observation, Progress, RolloutInput } from './rollout-types.js';
import { adviceForReplicaFailure, rolloutProgress, type ReplicaFailure } from './workloads.js';

export async function fatalError(found: FoundFailure, input: RolloutInput, tools: ClusterSession, seams: Seams) {
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
  const eventMessages = found.events.ok ? found.events.value.map((event) => event.message ?? '') : [];
  const advice = adviceFor(failure.reason, [failure.message ?? '', ...eventMessages].join('\n'));
  return new ActionError(
    `The rollout of release ${input.releaseName} failed: ${where} is in ${failure.reason}` +
      (failure.message ? `: ${failure.message}` : ''),
    { ...advice, diagnosis: blocks.join('\n\n') },
  );
}

/** Evidence for a rollout that never became ready: workload counts, pod conditions, events, logs. */
export async function timeoutError(
  input: RolloutInput,
  seen: Progress,
  tools: ClusterSession,
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

export function notRecordedError(input: RolloutInput, last: Observation, lastError?: string): ActionError {
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

export function replicaFailureError(failure: ReplicaFailure, input: RolloutInput): ActionError {
  return new ActionError(
    `The rollout of release ${input.releaseName} failed: ${failure.workload} cannot create its pods ` +
      `(${failure.reason}): ${failure.message}`,
    {
      ...adviceForReplicaFailure(failure.message),
      diagnosis: `${failure.workload}\nCondition: ReplicaFailure (${failure.reason})\nMessage: ${failure.message}`,
    },
  );
}

function mapRead<T, U>(read: ReadResult<T>, map: (value: T) => U): ReadResult<U> {
  return read.ok ? { ok: true, value: map(read.value) } : read;
}
