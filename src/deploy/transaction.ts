// The release transaction: apply (helm ∥ the rollout watcher ∥ the checks that run beside it), verify, then commit, or
// recover the release as decideRecovery says, within a deadline. The one owner of rollback: helm runs without
// --rollback-on-failure, so a failure anywhere (helm, the rollout, a check after it, a cancel) is recovered here,
// the same way. commands/deploy.ts hands it the checks; it decides.
import * as runner from '../runner.js';
import { RUNNER_GRACE, type Cancellation } from '../cancellation.js';
import type { ClusterSession } from '../cluster/port.js';
import { ActionError } from '../errors.js';
import { HelmClient } from '../helm/client.js';
import type { ReleaseInfo, ReleaseRef } from '../helm/release.js';
import { until } from '../poll.js';
import type { Seams } from '../seams.js';
import { applyRelease, type ApplyInput, type Deployed, type Progress, type WatchRequest } from './apply.js';
import { recoveryDeadline, secondsUntil, splitTimeout, type ReleaseBudget } from './budget.js';
import { HELM_EXIT_SECONDS } from './preflight.js';
import { decideRecovery, type RecoveryDecision } from './recovery.js';

// A check of the new revision fails by throwing, like any stage: the release is then recovered like after any other
// failure.

/** A check started with helm (an availability stream), judged once the rollout is done. */
export interface RunningCheck {
  /** Stops the check and judges what it saw. */
  finish(): Promise<void>;
}

/** A check of the new version before helm: what it put beside the release is withdrawn whatever happens next. */
export interface StepBeforeHelm {
  name: string;
  /** Judges the new version beside the release (a canary); when it throws, helm never runs. */
  before: () => Promise<void>;
  /**
   * Removes what `before` put beside the release: once the rollout is done (the release now serves the new
   * version), or at once on any failure or cancel, before the recovery; `giveUp` ends the wait within the grace.
   */
  withdraw: (giveUp: AbortSignal) => Promise<void>;
}

export type VerificationStep =
  | StepBeforeHelm
  /** Starts when helm starts, with what the watcher gets; stopped and judged after the rollout. */
  | { name: string; during: (rollout: Omit<WatchRequest, 'wake'>) => RunningCheck }
  /** Runs after the rollout, in order, each in its own log group (the address, the smoke test, an analysis). */
  | { name: string; after: (release: ReleaseInfo) => Promise<void> };

export interface TransactionInput<Report> extends Omit<ApplyInput<Report>, 'signal' | 'onApply' | 'budget'> {
  cancellation: Pick<Cancellation, 'signal' | 'recoveryOver'>;
  steps: VerificationStep[];
  /** Runs a part in its own log group and timer: the command's stage(). */
  stage: <T>(name: string, fn: () => Promise<T>) => Promise<T>;
  /** Told what helm deployed, before the checks after the rollout run. */
  applied?: (deployed: Deployed<Report>) => void;
}

/** What recovery did, in words for the log and the summary, and the revision whose content is now live. */
export interface Recovery {
  summary: string;
  restoredRevision?: number;
}

/** How long removing what ran beside the release may take, when no cancel's grace bounds it sooner. */
const WITHDRAW_MS = 60_000;

const detailsOf = (error: unknown) => (error instanceof ActionError ? error.details : {});
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

export async function runReleaseTransaction<Report>(
  input: TransactionInput<Report>,
  session: ClusterSession,
  seams: Seams,
): Promise<Deployed<Report>> {
  const helm = new HelmClient(session, seams);
  const release = { name: input.chart.releaseName, namespace: input.chart.namespace };
  const { signal: cancelled, recoveryOver } = input.cancellation;
  // `timeout` bounds the release change; a canary's analysis before it has its own window, so it starts after that.
  let budget = splitTimeout(seams.now(), input.deploy.timeoutSeconds);
  const progress: Progress = { reached: 'untouched' };
  const running: RunningCheck[] = [];
  let judged = false;
  const judgeRunning = async (): Promise<PromiseSettledResult<void>[]> => {
    if (judged) return [];
    judged = true;
    return Promise.allSettled(running.map((check) => check.finish()));
  };
  // A cancel during helm: the record now says the run ends within the runner's grace, so the next run need not wait.
  let recorded: Promise<void> = Promise.resolve();
  const onCancel = () => {
    if (progress.entry) {
      const entry = { ...progress.entry, deadline: seams.now() + RUNNER_GRACE.killAfterMs };
      recorded = input.journal.write(entry, recoveryOver);
    }
  };
  cancelled.addEventListener('abort', onCancel, { once: true });
  // Withdrawn once: after the rollout, or before the recovery, whichever comes first.
  const placed: StepBeforeHelm[] = [];
  const withdraw = async (): Promise<string | undefined> => {
    const problems: string[] = [];
    for (const step of placed.splice(0)) {
      const giveUp = AbortSignal.any([recoveryOver, AbortSignal.timeout(WITHDRAW_MS)]);
      await step.withdraw(giveUp).catch((error: unknown) => problems.push(`${step.name}: ${messageOf(error)}`));
    }
    return problems.length ? problems.join('; ') : undefined;
  };
  try {
    for (const step of input.steps) {
      if (!('before' in step)) continue;
      placed.push(step);
      await input.stage(step.name, () => step.before());
    }
    if (placed.length) budget = splitTimeout(seams.now(), input.deploy.timeoutSeconds);
    const onApply = (rollout: Omit<WatchRequest, 'wake'>) => {
      for (const step of input.steps) if ('during' in step) running.push(step.during(rollout));
    };
    const applying = applyRelease({ ...input, budget, signal: cancelled, onApply }, release, helm, seams, progress);
    const deployed = await input.stage(`helm upgrade --install ${release.name}`, () =>
      until(applying, recoveryOver, () => cancelled.reason as Error),
    );
    input.applied?.(deployed);
    const left = await withdraw();
    if (left)
      runner.warning(`The release is deployed, but removing what ran beside it failed (${left}): delete it by hand.`);
    for (const judgement of await judgeRunning()) if (judgement.status === 'rejected') throw judgement.reason;
    for (const step of input.steps) {
      if ('after' in step) await input.stage(step.name, () => step.after(deployed.release));
    }
    return deployed;
  } catch (error) {
    const left = await withdraw();
    await judgeRunning();
    await recorded;
    const recovered = await recover(error, { release, progress, input, helm, seams, budget });
    if (!left) throw recovered;
    throw new ActionError(`${recovered.message}\nRemoving what ran beside the release failed too: ${left}`, {
      ...recovered.details,
      hint: `${recovered.details.hint ? `${recovered.details.hint} ` : ''}What the message names still runs beside the release: delete it by hand.`,
    });
  } finally {
    cancelled.removeEventListener('abort', onCancel);
  }
}

interface Recovering<Report> {
  release: ReleaseRef;
  progress: Progress;
  input: TransactionInput<Report>;
  helm: HelmClient;
  seams: Seams;
  budget: ReleaseBudget;
}

/**
 * Decides and carries out the recovery within what is left of the transaction's deadline (at least the rollback's
 * reserve), or what a cancel's grace leaves, and returns the error to report: `cause` with what was restored, or,
 * when recovering failed as well, both.
 */
async function recover<Report>(cause: unknown, recovering: Recovering<Report>): Promise<ActionError> {
  const { release, progress, input, helm, seams, budget } = recovering;
  const details = detailsOf(cause);
  const failed = () => new ActionError(messageOf(cause), details);
  const { signal: cancelled, recoveryOver } = input.cancellation;
  const doneBy = recoveryDeadline(budget, seams.now());
  // helm's own --timeout ends at doneBy, so it settles the revision itself; this only stops a helm that hangs past it.
  const giveUpMs = doneBy + HELM_EXIT_SECONDS * 1000 - seams.now();
  const deadline = AbortSignal.any([recoveryOver, AbortSignal.timeout(giveUpMs)]);
  const { name, namespace } = release;
  try {
    const touched = progress.reached !== 'untouched';
    const history = touched ? await helm.history(release, { signal: deadline }) : [];
    const decision = decideRecovery({
      failure: cancelled.aborted ? 'cancelled' : 'failed',
      reached: progress.reached,
      history,
      previousRevision: progress.previousRevision,
      rollbackOnFailure: input.deploy.rollbackOnFailure,
    });
    if (decision.action === 'keep' && !decision.summary) return failed();
    const recovery = await carryOut(decision, history.at(-1)?.revision ?? 0, recovering, deadline, doneBy);
    runner.warning(`Release ${name}: ${recovery.summary}.`);
    return new ActionError(messageOf(cause), { ...details, recovery });
  } catch (recoveryError) {
    return new ActionError(`${messageOf(cause)}\nRecovering the release failed too: ${messageOf(recoveryError)}`, {
      ...details,
      hint:
        `${details.hint ? `${details.hint} ` : ''}The release may be half-way: look at helm history ${name} -n ` +
        `${namespace} and roll back by hand (helm rollback ${name} <revision> -n ${namespace}).`,
    });
  }
}

async function carryOut<Report>(
  decision: RecoveryDecision,
  latest: number,
  { release, input, helm, seams }: Recovering<Report>,
  deadline: AbortSignal,
  doneBy: number,
): Promise<Recovery> {
  if (decision.action === 'keep') return { summary: decision.summary!, restoredRevision: decision.restoredRevision };
  const cancelled = input.cancellation.signal.aborted;
  const changeOptions = { timeoutSeconds: secondsUntil(doneBy, seams.now()), wait: decision.wait, giveUp: deadline };
  const entryDeadline = cancelled ? seams.now() + RUNNER_GRACE.killAfterMs : doneBy + HELM_EXIT_SECONDS * 1000;
  return input.stage('Roll back', async () => {
    if (decision.action === 'rollback') {
      const entry = { operation: 'rollback' as const, revision: latest + 1, previousRevision: decision.revision };
      await input.journal.write({ ...entry, deadline: entryDeadline }, deadline);
      await helm.rollback(release, decision.revision, changeOptions);
      const pods = decision.wait ? '' : ' (without waiting for its pods: the workflow was cancelled)';
      return { summary: `rolled back to revision ${decision.revision}${pods}`, restoredRevision: decision.revision };
    }
    await input.journal.write({ operation: 'uninstall', revision: latest, deadline: entryDeadline }, deadline);
    await helm.uninstall(release, changeOptions);
    return { summary: 'uninstalled the release (its first install did not work)' };
  });
}
