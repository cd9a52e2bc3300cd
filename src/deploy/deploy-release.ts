// The deploy verb, the way helm's own `pkg/action` Upgrade works: preflight, then `helm upgrade --install --wait` raced
// against the rollout watcher and against cancellation, and on failure the recovery composed in, both errors kept.
// main.ts only passes it the inputs, the cluster session and the watcher.
import * as core from '@actions/core';
import type { ClusterSession } from '../cluster/session.js';
import { ActionError } from '../errors.js';
import { buildUpgradeArgs } from '../helm/args.js';
import { HelmClient, logHelmLine } from '../helm/client.js';
import { helmMessage, type ReleaseInfo, type ReleaseRef } from '../helm/release.js';
import type { ChartConfig, DeployConfig } from '../inputs/config.js';
import type { Seams } from '../seams.js';
import { adviseOnUpgradeFailure } from './failure-hints.js';
import { preflightRelease } from './preflight.js';
import { revertRelease } from './recover.js';

/** What the rollout watcher is given: judge only revisions after `sinceRevision`, give up at `deadline`. */
export interface WatchRequest {
  releaseName: string;
  namespace: string;
  sinceRevision: number;
  /** Epoch ms: the `timeout` budget. */
  deadline: number;
  /** Aborted when helm failed first, or the workflow was cancelled. */
  signal: AbortSignal;
  /** Settles when helm has finished: worth looking again at once. */
  wake: Promise<unknown>;
}

export interface DeployInput<Report> {
  chart: ChartConfig;
  deploy: DeployConfig;
  /** The 0600 values file written by the values stage. */
  valuesPath: string;
  /** Aborted when the workflow is cancelled: helm gets SIGINT and leaves the release clean. */
  signal?: AbortSignal;
  /** Watches the rollout beside helm and fails it fast with a diagnosis (the verify stage's waitForRollout). */
  watch?: (request: WatchRequest) => Promise<Report>;
  /** The GITHUB_* variables recorded in the release's description and labels; defaults to process.env. */
  runEnv?: NodeJS.ProcessEnv;
}

export interface Deployed<Report> {
  release: ReleaseInfo;
  /** Undefined when no watcher was given. */
  rollout?: Report;
}

/**
 * The watcher owns the `timeout` budget because at its deadline it can say which pod is not ready and why; helm's own
 * --timeout, a little longer, is only the backstop (helm alone would just say "context deadline exceeded").
 */
export const HELM_TIMEOUT_MARGIN_SECONDS = 30;

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(promise: Promise<T>): Promise<Settled<T>> =>
  promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );

const reasonOf = (signal: AbortSignal): string =>
  signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');

/** How far this run got: whether helm began changing the release, and what was deployed before it. */
interface Progress {
  touched: boolean;
  previousRevision?: number;
}

export async function readReleaseInfo(release: ReleaseRef, helm: HelmClient): Promise<ReleaseInfo> {
  const [metadata, manifest] = await Promise.all([helm.metadata(release), helm.manifest(release)]);
  if (!metadata || manifest === undefined) {
    throw new ActionError(
      `helm reported success, but release ${release.name} is not in namespace ${release.namespace}.`,
    );
  }
  return { ...release, ...metadata, manifest };
}

/**
 * Deploys, watches, and on a failure after helm started changing the release, recovers it (when
 * `rollback-on-failure`); the error then says what was restored. A release the preflight refused stays untouched.
 */
export async function deployRelease<Report>(
  input: DeployInput<Report>,
  session: ClusterSession,
  seams: Seams,
): Promise<Deployed<Report>> {
  const helm = new HelmClient(session, seams);
  const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
  const progress: Progress = { touched: false };
  try {
    return await upgradeAndWatch(input, release, helm, seams, progress);
  } catch (error) {
    if (!progress.touched) throw error;
    // The revision the preflight saw deployed: a helm that failed before writing a new one leaves it as it is.
    const revert = { release, previousRevision: progress.previousRevision, deploy: input.deploy };
    throw await revertRelease(error, revert, session, seams);
  }
}

/** helm and the watcher side by side: helm applies and waits its way, the watcher spots a pod that can never start. */
async function upgradeAndWatch<Report>(
  input: DeployInput<Report>,
  release: ReleaseRef,
  helm: HelmClient,
  seams: Seams,
  progress: Progress,
): Promise<Deployed<Report>> {
  const deadline = seams.now() + input.deploy.timeoutSeconds * 1000;
  const stopHelm = new AbortController();
  const stopWatch = new AbortController();
  const onCancel = () => {
    stopHelm.abort(input.signal?.reason);
    stopWatch.abort(input.signal?.reason);
  };
  if (input.signal?.aborted) onCancel();
  else input.signal?.addEventListener('abort', onCancel, { once: true });

  let startWatch: (sinceRevision: number | undefined) => void = () => {};
  const watchFrom = new Promise<number | undefined>((resolve) => (startWatch = resolve));
  const upgraded = settle(
    upgrade(input, release, helm, seams, stopHelm.signal, async (previousRevision) => {
      Object.assign(progress, { touched: true, previousRevision });
      // Judge only the revision this run creates, never the healthy one it replaces.
      if (input.watch) startWatch((await helm.history(release, { max: 1 })).at(-1)?.revision ?? 0);
    }).finally(() => startWatch(undefined)),
  );
  const watched = settle(
    watchFrom.then((sinceRevision) =>
      sinceRevision === undefined || !input.watch
        ? undefined
        : input.watch({
            releaseName: release.name,
            namespace: release.namespace,
            sinceRevision,
            deadline,
            signal: stopWatch.signal,
            wake: upgraded,
          }),
    ),
  );

  try {
    const first = await Promise.race([
      upgraded.then((result) => ({ ...result, stop: stopWatch })),
      watched.then((result) => ({ ...result, stop: stopHelm })),
    ]);
    if (!first.ok) {
      first.stop.abort(first.error);
      await Promise.all([upgraded, watched]);
      throw first.error;
    }
    const [helmResult, watchResult] = await Promise.all([upgraded, watched]);
    if (!helmResult.ok) throw helmResult.error;
    if (!watchResult.ok) throw watchResult.error;
    return { release: helmResult.value, rollout: watchResult.value };
  } finally {
    input.signal?.removeEventListener('abort', onCancel);
  }
}

/** Preflight, `helm upgrade --install` streamed into the log, then the release read back. */
async function upgrade(
  input: DeployInput<unknown>,
  release: ReleaseRef,
  helm: HelmClient,
  seams: Seams,
  signal: AbortSignal,
  beforeUpgrade: (previousRevision: number | undefined) => Promise<void>,
): Promise<ReleaseInfo> {
  const plan = await preflightRelease(release, { deploy: input.deploy, signal }, helm, seams);
  core.info(
    plan.action === 'install'
      ? `Release ${release.name} does not exist in namespace ${release.namespace} yet: first install.`
      : `Upgrading release ${release.name} (deployed revision before this run: ${plan.previousRevision ?? 'none'}).`,
  );
  const args = buildUpgradeArgs(
    {
      chart: input.chart,
      deploy: { ...input.deploy, timeoutSeconds: input.deploy.timeoutSeconds + HELM_TIMEOUT_MARGIN_SECONDS },
      valuesPath: input.valuesPath,
      runEnv: input.runEnv ?? process.env,
    },
    helm.major,
  );
  const previousRevision = plan.action === 'upgrade' ? plan.previousRevision : undefined;
  await beforeUpgrade(previousRevision);
  const result = await helm.run(args, { onLine: logHelmLine, signal });
  if (signal.aborted) {
    throw new ActionError(`helm upgrade of release ${release.name} was stopped: ${reasonOf(signal)}`, {
      hint: `helm history ${release.name} -n ${release.namespace} shows where the release was left.`,
    });
  }
  if (result.exitCode !== 0) {
    const message = helmMessage(result.stderr, result.stdout);
    throw new ActionError(
      `helm upgrade --install of release ${release.name} failed: ${message}`,
      adviseOnUpgradeFailure(message, release),
    );
  }
  const info = await readReleaseInfo(release, helm);
  return previousRevision === undefined ? info : { ...info, previousRevision };
}
