// Figure 4: from the moment the stand-in's kubelet first reports the gateway container waiting in a failure state
// (CrashLoopBackOff; for a bad image, ErrImagePull, which comes before ImagePullBackOff) to the moment the action
// reports the failure (`::error::`), with helm's timeout at 10 minutes so only the watcher can be that fast.
import type { StoreEvent } from '../sandbox/kube-api/index.js';
import type { Sandbox } from '../sandbox/sandbox.js';
import { summarize, type Summary } from './stats.js';
import { describeRun, timedRun } from './timed-run.js';

export type FailureKind = 'crash-loop' | 'image-pull-error';

export interface FailureDetection {
  /** Failure state first reported → `::error::` line. */
  toErrorMs: Summary;
  /** Failure state first reported → the action's process has exited. */
  toExitMs: Summary;
  /** The waiting reason that started the clock, per run. */
  firstReason: string[];
  /** The first line of the action's error, per run: proof it named the right cause. */
  errors: string[];
}

const FAILING = new Set(['CrashLoopBackOff', 'ErrImagePull', 'ImagePullBackOff']);

type Dict = Record<string, unknown>;

/** A failing waiting reason of one of the pod's containers, if any. */
function failingReason(pod: StoreEvent['object']): string | undefined {
  const statuses = ((pod.status as Dict | undefined)?.containerStatuses as Dict[] | undefined) ?? [];
  return statuses
    .map((status) => ((status.state as Dict | undefined)?.waiting as Dict | undefined)?.reason as string | undefined)
    .find((reason) => reason !== undefined && FAILING.has(reason));
}

export async function measureFailureDetection(
  sandbox: Sandbox,
  toolCache: string,
  kind: FailureKind,
  runs: number,
): Promise<FailureDetection> {
  sandbox.kube.setScenario({ pods: kind, readyAfterMs: 300 });
  const toError: number[] = [];
  const toExit: number[] = [];
  const firstReason: string[] = [];
  const errors: string[] = [];
  try {
    for (let i = 0; i < runs; i++) {
      const namespace = `bench-${kind}-${i + 1}`;
      let failedAt: { at: number; reason: string } | undefined;
      const unsubscribe = sandbox.kube.subscribe((event) => {
        if (failedAt || event.resource.resource !== 'pods' || event.object.metadata.namespace !== namespace) return;
        const reason = failingReason(event.object);
        if (reason) failedAt = { at: performance.now(), reason };
      });
      const timed = await timedRun(sandbox, toolCache, { namespace, timeout: '10m' }).finally(unsubscribe);
      const errorAt = timed.timeline.firstAt(/^::error::/);
      if (timed.run.exitCode === 0 || !failedAt || errorAt === undefined) {
        throw new Error(`The ${kind} run in ${namespace} did not fail as expected: ${describeRun(timed)}`);
      }
      toError.push(errorAt - failedAt.at);
      toExit.push(timed.endedAt - failedAt.at);
      firstReason.push(failedAt.reason);
      errors.push(timed.timeline.lines.find((line) => line.text.startsWith('::error::'))!.text.slice(9, 160));
    }
  } finally {
    sandbox.kube.setScenario({ pods: 'healthy' });
  }
  return { toErrorMs: summarize(toError), toExitMs: summarize(toExit), firstReason, errors };
}
