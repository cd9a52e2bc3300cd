// The apply of a release transaction, the way helm's own `pkg/action` Upgrade works: preflight, then
// `helm upgrade --install --wait` raced against the rollout watcher and against cancellation. Whichever fails first
// stops the other; what the release went through is left in `progress` for the transaction's recovery.
import * as runner from '../runner.js';
import { ActionError } from '../errors.js';
import { buildUpgradeArgs, upgradeFiles } from '../helm/args.js';
import { logHelmLine, type HelmClient } from '../helm/client.js';
import { helmMessage, type ReleaseInfo, type ReleaseRef } from '../helm/release.js';
import type { ChartConfig, DeployConfig } from '../inputs/config.js';
import type { Seams } from '../seams.js';
import { HELM_BACKSTOP_SECONDS, secondsUntil, type ReleaseBudget } from './budget.js';
import { adviseOnUpgradeFailure } from './failure-hints.js';
import type { Journal, JournalEntry } from './journal.js';
import { HELM_EXIT_SECONDS, preflightRelease } from './preflight.js';
import type { Reached } from './recovery.js';

/** What the rollout watcher is given: judge only revisions after `sinceRevision`, give up at `deadline`. */
export interface WatchRequest {
  releaseName: string;
  namespace: string;
  sinceRevision: number;
  /** Epoch ms: the upgrade's share of the `timeout` budget (see budget.ts). */
  deadline: number;
  /** Aborted when helm failed first, or the workflow was cancelled. */
  signal: AbortSignal;
  /** Settles when helm has finished: worth looking again at once. */
  wake: Promise<unknown>;
}

export interface ApplyInput<Report> {
  chart: ChartConfig;
  deploy: DeployConfig;
  /** The 0600 values file written by the values stage. */
  valuesPath: string;
  /** Aborted when the workflow is cancelled: helm gets SIGINT and leaves the release as failed. */
  signal: AbortSignal;
  /** Watches the rollout beside helm and fails it fast with a diagnosis (the verify stage's waitForRollout). */
  watch?: (request: WatchRequest) => Promise<Report>;
  journal: Journal;
  /** Called right before helm starts: the checks that run beside the rollout start here. */
  onApply?: (request: Omit<WatchRequest, 'wake'>) => void;
  /** The GITHUB_* variables recorded in the release's description and labels; defaults to process.env. */
  runEnv?: NodeJS.ProcessEnv;
  /** The transaction's one deadline, split between this upgrade and a rollback. */
  budget: ReleaseBudget;
}

export interface Deployed<Report> {
  release: ReleaseInfo;
  /** Undefined when no watcher was given. */
  rollout?: Report;
}

/** How far the transaction got, for its recovery. */
export interface Progress {
  reached: Reached;
  previousRevision?: number;
  /** The journal's record of the upgrade, once helm was started. */
  entry?: Omit<JournalEntry, 'runId'>;
}

/** `promise` settled either way (`Promise.allSettled`'s shape): the race below sees which side ended first, failed or not. */
const settle = async <T>(promise: Promise<T>): Promise<PromiseSettledResult<T>> =>
  (await Promise.allSettled([promise]))[0];

const reasonOf = (signal: AbortSignal): string =>
  signal.reason instanceof Error ? signal.reason.message : String(signal.reason ?? 'aborted');

export async function readReleaseInfo(release: ReleaseRef, helm: HelmClient): Promise<ReleaseInfo> {
  const [metadata, manifest] = await Promise.all([helm.metadata(release), helm.manifest(release)]);
  if (!metadata || manifest === undefined) {
    throw new ActionError(
      `helm reported success, but release ${release.name} is not in namespace ${release.namespace}.`,
    );
  }
  return { ...release, ...metadata, manifest };
}

/** helm and the watcher side by side: helm applies and waits its way, the watcher spots a pod that can never start. */
export async function applyRelease<Report>(
  input: ApplyInput<Report>,
  release: ReleaseRef,
  helm: HelmClient,
  seams: Seams,
  progress: Progress,
): Promise<Deployed<Report>> {
  const deadline = input.budget.applyDeadline;
  const stopHelm = new AbortController();
  const stopWatch = new AbortController();
  const onCancel = () => {
    stopHelm.abort(input.signal.reason);
    stopWatch.abort(input.signal.reason);
  };
  if (input.signal.aborted) onCancel();
  else input.signal.addEventListener('abort', onCancel, { once: true });

  let startWatch: (sinceRevision: number | undefined) => void = () => {};
  const watchFrom = new Promise<number | undefined>((resolve) => (startWatch = resolve));
  const upgraded = settle(
    upgrade(input, release, helm, seams, stopHelm.signal, async (preflight) => {
      const previousRevision = preflight.action === 'upgrade' ? preflight.previousRevision : undefined;
      const entry = {
        operation: 'upgrade' as const,
        revision: preflight.latestRevision + 1,
        previousRevision,
        deadline: deadline + (HELM_BACKSTOP_SECONDS + HELM_EXIT_SECONDS) * 1000,
      };
      // Recorded before helm writes the revision, so a run killed from here on is ours to complete next time.
      await input.journal.write(entry, stopHelm.signal);
      Object.assign(progress, { reached: 'applying', previousRevision, entry });
      // Judge only the revision this run creates, never the healthy one it replaces.
      const request = { releaseName: release.name, namespace: release.namespace, deadline, signal: stopWatch.signal };
      input.onApply?.({ ...request, sinceRevision: preflight.latestRevision });
      startWatch(preflight.latestRevision);
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
    if (first.status === 'rejected') {
      first.stop.abort(first.reason);
      await Promise.all([upgraded, watched]);
      throw first.reason;
    }
    const [helmResult, watchResult] = await Promise.all([upgraded, watched]);
    if (helmResult.status === 'rejected') throw helmResult.reason;
    if (watchResult.status === 'rejected') throw watchResult.reason;
    progress.reached = 'applied';
    return { release: helmResult.value, rollout: watchResult.value };
  } finally {
    input.signal.removeEventListener('abort', onCancel);
  }
}

/** Preflight, `helm upgrade --install` streamed into the log, then the release read back. */
async function upgrade(
  input: ApplyInput<unknown>,
  release: ReleaseRef,
  helm: HelmClient,
  seams: Seams,
  signal: AbortSignal,
  beforeUpgrade: (preflight: Awaited<ReturnType<typeof preflightRelease>>) => Promise<void>,
): Promise<ReleaseInfo> {
  const preflight = await preflightRelease(
    release,
    { deploy: input.deploy, signal, journal: input.journal },
    helm,
    seams,
  );
  runner.info(
    preflight.action === 'install'
      ? `Release ${release.name} does not exist in namespace ${release.namespace} yet: first install.`
      : `Upgrading release ${release.name} (deployed revision before this run: ${preflight.previousRevision ?? 'none'}).`,
  );
  // What the preflight left of the upgrade's share, plus the backstop: helm then ends by itself early in the reserve.
  const helmDeadline = input.budget.applyDeadline + HELM_BACKSTOP_SECONDS * 1000;
  const args = buildUpgradeArgs(
    {
      chart: input.chart,
      deploy: { timeoutSeconds: secondsUntil(helmDeadline, seams.now()) },
      valuesPath: input.valuesPath,
      runEnv: input.runEnv ?? process.env,
    },
    helm.major,
  );
  await beforeUpgrade(preflight);
  const result = await helm.runChange(release, args, upgradeFiles(input.chart, input.valuesPath), {
    onLine: logHelmLine,
    stop: signal,
  });
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
  const previousRevision = preflight.action === 'upgrade' ? preflight.previousRevision : undefined;
  return previousRevision === undefined ? info : { ...info, previousRevision };
}
