// The canary run, step by step, before helm touches the release: the canary Deployment applied beside the stable one
// with the step's replicas, waited for, then judged over `canary-analysis-window` from both versions' pods' own
// counters. A failure ends the analysis as soon as it shows; the caller (the release transaction) removes the canary
// whatever the verdict. Decisions live in workload.ts and metrics.ts, cluster calls in cluster.ts.
import * as runner from '../runner.js';
import { ActionError } from '../errors.js';
import type { CanaryConfig } from '../inputs/config.js';
import { pause, poll } from '../poll.js';
import type { Seams } from '../seams.js';
import type { CanaryCluster, GatewayPod } from './cluster.js';
import {
  counted,
  figuresOf,
  judgeCanary,
  readCounters,
  type Judgement,
  type PodCounters,
  type VersionFigures,
} from './metrics.js';
import {
  CANARY_TRACK,
  deploymentVersion,
  deriveCanary,
  describeStep,
  stepShapes,
  TRACK_LABEL,
  withReplicas,
  type CanaryWorkload,
  type StepShape,
} from './workload.js';

export interface CanaryStepReport extends StepShape {
  stable?: VersionFigures;
  canary?: VersionFigures;
  judgement?: Judgement;
}

export interface CanaryReport {
  /** `planned` for `command: plan`; `skipped` when nothing served to compare with. */
  verdict: 'passed' | 'failed' | 'no-verdict' | 'skipped' | 'planned' | 'stopped';
  /** Why, in a sentence, when not passed. */
  why?: string;
  stableVersion?: string;
  canaryVersion?: string;
  steps: CanaryStepReport[];
}

export interface CanaryRequest {
  /** The manifest helm would apply (the server-side dry run). */
  manifest: string;
  /** The gateway Deployment's name. */
  deploymentName: string;
  namespace: string;
  config: CanaryConfig;
  /** The `timeout` budget, for each step's pods to become ready. */
  timeoutSeconds: number;
  signal: AbortSignal;
  /** Told of every new figure: a run cancelled mid-window still reports what it saw. */
  onProgress?: (report: CanaryReport) => void;
}

/** How often the counters are read within a window: a failure shows within this long once enough requests came. */
const READ_EVERY_MS = 5000;
const READY_EVERY_MS = 1000;

/** What `command: plan` and the start of a deploy say the canary will do, from the Deployment serving now. */
export async function planCanary(
  request: Pick<CanaryRequest, 'manifest' | 'deploymentName' | 'namespace' | 'config' | 'signal'>,
  cluster: CanaryCluster,
): Promise<{ report: CanaryReport; workload?: CanaryWorkload }> {
  const stable = await cluster.deployment(request.deploymentName, request.signal);
  const stableReplicas = stable?.spec.replicas ?? 0;
  if (!stable || stableReplicas === 0) {
    const why = stable
      ? `Deployment ${request.deploymentName} runs no pods, so no version serves to compare the canary with`
      : `nothing serves yet (no Deployment ${request.deploymentName}): a first install has no stable version to compare with`;
    runner.info(`No canary: ${why}.`);
    return { report: { verdict: 'skipped', why, steps: [] } };
  }
  const workload = deriveCanary(request.manifest, request.deploymentName, request.namespace);
  const steps = stepShapes(request.config.steps, stableReplicas);
  const report: CanaryReport = {
    verdict: 'planned',
    stableVersion: deploymentVersion(stable),
    canaryVersion: workload.version,
    steps,
  };
  runner.info(
    `Canary of ${workload.version} beside ${report.stableVersion}, each step judged over ` +
      `${request.config.windowSeconds}s: ${steps.map(describeStep).join(' → ')} → helm upgrade.`,
  );
  return { report, workload };
}

/** Runs the canary's steps; the verdict is `passed`, `failed`, `no-verdict` or `skipped` (nothing to compare with). */
export async function runCanary(request: CanaryRequest, cluster: CanaryCluster, seams: Seams): Promise<CanaryReport> {
  const planned = await planCanary(request, cluster);
  if (!planned.workload) return planned.report;
  const { workload } = planned;
  const report: CanaryReport = { ...planned.report, steps: [] };
  for (const shape of planned.report.steps) {
    const step: CanaryStepReport = { ...shape };
    report.steps.push(step);
    const progressed = () => request.onProgress?.(report);
    progressed();
    await cluster.apply(withReplicas(workload.object, shape.canaryReplicas), request.signal);
    runner.info(`Canary step ${describeStep(shape)}: waiting for its pods.`);
    await waitForCanary(workload.name, shape.canaryReplicas, request, cluster, seams);
    const judgement = await analyse(step, workload, request, cluster, seams, report.stableVersion ?? '', progressed);
    step.judgement = judgement;
    if (judgement.verdict === 'failed') {
      return {
        ...report,
        verdict: 'failed',
        why: `at ${shape.share} % of the traffic, ${judgement.reasons.join('; ')}`,
      };
    }
    if (judgement.verdict === 'no-verdict') return { ...report, verdict: 'no-verdict', why: judgement.reason };
    runner.info(`Canary step ${shape.percent} %: passed.`);
  }
  return { ...report, verdict: 'passed' };
}

async function waitForCanary(
  name: string,
  replicas: number,
  request: CanaryRequest,
  cluster: CanaryCluster,
  seams: Seams,
): Promise<void> {
  const deadline = seams.now() + request.timeoutSeconds * 1000;
  const options = { deadline, signal: request.signal, intervalMs: READY_EVERY_MS };
  const ready = await poll(options, seams, async () => {
    const d = await cluster.deployment(name, request.signal);
    const s = d?.status;
    const done =
      (s?.observedGeneration ?? 0) >= (d?.metadata.generation ?? 1) &&
      (s?.updatedReplicas ?? 0) >= replicas &&
      (s?.readyReplicas ?? 0) >= replicas &&
      (s?.replicas ?? 0) === replicas;
    return done ? true : undefined;
  });
  if (!ready) {
    throw new ActionError(
      `The canary's ${replicas} pod${replicas === 1 ? '' : 's'} did not become ready within ${request.timeoutSeconds}s: ` +
        `the new version was not released.`,
      {
        input: 'timeout',
        hint: `kubectl describe deployment ${name} -n ${request.namespace} tells why (an image that cannot be pulled, a pod that crashes).`,
      },
    );
  }
}

interface Counters {
  track: 'stable' | 'canary';
  counters: PodCounters;
}

/** Every ready gateway pod's counters, by pod; a canary none of whose pods can be read is an error. */
async function readPods(
  workload: CanaryWorkload,
  request: CanaryRequest,
  cluster: CanaryCluster,
): Promise<Map<string, Counters>> {
  const pods = (await cluster.pods(workload.selector, request.signal)).filter((p) => p.ready);
  const trackOf = (pod: GatewayPod) => (pod.labels[TRACK_LABEL] === CANARY_TRACK ? 'canary' : 'stable');
  const texts = await cluster.metrics(
    pods.map((pod) => pod.name),
    workload.metricsPort,
    request.signal,
  );
  const read = pods.map((pod, i) => {
    const text = texts[i];
    if (text instanceof Error) return { pod, error: text.message };
    try {
      return { pod, counters: readCounters(text, workload.probePaths) };
    } catch (error) {
      return { pod, error: error instanceof Error ? error.message : String(error) };
    }
  });
  const found = new Map<string, Counters>();
  for (const r of read) if (r.counters) found.set(r.pod.name, { track: trackOf(r.pod), counters: r.counters });
  const canaryFailures = read.filter((r) => r.error && trackOf(r.pod) === 'canary');
  if (canaryFailures.length && ![...found.values()].some((c) => c.track === 'canary')) {
    throw new ActionError(
      `The canary's metrics could not be read through the API server (pod ${canaryFailures[0].pod.name}: ` +
        `${canaryFailures[0].error}): no verdict, so the new version was not released.`,
      {
        input: 'strategy',
        hint:
          `The analysis reads each gateway pod's /metrics through the API server's pod proxy, which needs \`get\` ` +
          `on \`pods/proxy\` in namespace ${request.namespace} (the built-in \`edit\` ClusterRole grants it).`,
      },
    );
  }
  return found;
}

/** One step's window: the counters read at its start and every few seconds, judged each time; a failure ends it. */
async function analyse(
  step: CanaryStepReport,
  workload: CanaryWorkload,
  request: CanaryRequest,
  cluster: CanaryCluster,
  seams: Seams,
  stableVersion: string,
  progressed: () => void,
): Promise<Judgement> {
  const start = await readPods(workload, request, cluster);
  runner.info(`Canary step ${step.percent} %: judging over ${request.config.windowSeconds}s.`);
  const end = seams.now() + request.config.windowSeconds * 1000;
  const every = Math.min(READ_EVERY_MS, (request.config.windowSeconds * 1000) / 3);
  let judgement: Judgement = { verdict: 'no-verdict', reason: 'no verdict: the window was not read' };
  while (seams.now() < end) {
    await pause(every, { deadline: end, signal: request.signal }, seams);
    const now = await readPods(workload, request, cluster);
    const byTrack = { stable: [] as PodCounters[], canary: [] as PodCounters[] };
    for (const [pod, { track, counters }] of now) byTrack[track].push(counted(start.get(pod)?.counters, counters));
    step.stable = figuresOf(stableVersion, byTrack.stable);
    step.canary = figuresOf(workload.version, byTrack.canary);
    judgement = judgeCanary(step.canary, step.stable, request.config.thresholds);
    step.judgement = judgement;
    progressed();
    if (judgement.verdict === 'failed') break;
  }
  return judgement;
}

/** The error of a canary that was not released: why, in the words of its verdict, for the log and the Deployment. */
export function canaryError(report: CanaryReport): ActionError {
  const versions = `${report.canaryVersion ?? 'the new version'} (beside ${report.stableVersion ?? 'the stable version'})`;
  return new ActionError(
    `The canary of ${versions} was ${report.verdict === 'failed' ? 'aborted' : 'not promoted'}: ${report.why}. ` +
      'It was removed and helm upgrade never ran: the release is as it was before this run.',
    {
      input: report.verdict === 'failed' ? 'strategy' : 'canary-min-requests',
      hint:
        report.verdict === 'failed'
          ? "The job summary shows both versions' figures side by side. Fix the new version, or change the canary-max-* thresholds if they are too strict."
          : 'Deploy when the gateway has traffic, lengthen canary-analysis-window, lower canary-min-requests (0 judges whatever came), or use `strategy: rolling`.',
    },
  );
}
