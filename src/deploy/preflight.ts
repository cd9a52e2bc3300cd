// Before upgrading: is this a first install, an upgrade, or is the release stuck in a pending state because
// another deploy is running (wait for it) or was killed half-way: by this action (its journal says so: complete it),
// or by anything else (recover it only when the user opted in)?
import * as runner from '../runner.js';
import { formatDuration } from '../duration.js';
import { ActionError } from '../errors.js';
import type { HelmClient } from '../helm/client.js';
import { PENDING_STATUSES, lastGoodRevision, type ReleaseRef, type ReleaseRevision } from '../helm/release.js';
import type { DeployConfig } from '../inputs/config.js';
import { pause, throwIfCancelled } from '../poll.js';
import type { Seams } from '../seams.js';
import type { Journal, JournalEntry } from './journal.js';
import { restoreTarget } from './recovery.js';

export interface ReleaseObservation {
  /** The release's current status; undefined when helm has no such release. */
  status?: string;
  /** For how long its latest operation has been running (pending) or since it finished. */
  ageSeconds: number;
  history: ReleaseRevision[];
  /** How long this run has already waited for a pending release. */
  waitedSeconds: number;
  /** This action's record of the operation it last had in flight on the release (journal.ts). */
  journal?: JournalEntry;
  /** Epoch ms now. */
  now: number;
}

export type PreflightDecision =
  | { action: 'install' }
  | { action: 'upgrade'; previousRevision?: number }
  | { action: 'wait'; message: string }
  | { action: 'rollback'; revision: number; message: string }
  | { action: 'uninstall'; message: string }
  | { action: 'refuse'; error: ActionError };

const seconds = (value: number) => formatDuration(Math.round(value) * 1000);

export function decidePreflight(
  release: ReleaseRef,
  seen: ReleaseObservation,
  deploy: Pick<DeployConfig, 'waitForPendingSeconds' | 'recoverStuckRelease'>,
): PreflightDecision {
  if (seen.status === undefined) return { action: 'install' };
  if (!PENDING_STATUSES.includes(seen.status)) {
    return { action: 'upgrade', previousRevision: lastGoodRevision(seen.history) };
  }
  const { name, namespace } = release;
  const pending = `Release ${name} in namespace ${namespace} has been ${seen.status} for ${seconds(seen.ageSeconds)}`;
  const latest = seen.history.at(-1)?.revision ?? Infinity;
  const own = seen.journal;
  // Our own operation on exactly this revision, from a run that cannot be alive any more: completed without the input.
  if (own && own.revision === latest && own.deadline <= seen.now) {
    const target = restoreTarget(seen.history, own.previousRevision, latest);
    const left = `${pending}, left by an earlier run of this action (run ${own.runId || 'unknown'}) stopped during its ${own.operation}`;
    return target === undefined
      ? { action: 'uninstall', message: `${left}; completing it by uninstalling it (it was never deployed).` }
      : {
          action: 'rollback',
          revision: target,
          message: `${left}; completing it by rolling back to revision ${target}.`,
        };
  }
  if (seen.waitedSeconds < deploy.waitForPendingSeconds) {
    const left = seconds(deploy.waitForPendingSeconds - seen.waitedSeconds);
    return { action: 'wait', message: `${pending}: another deploy may be running; waiting up to ${left} more for it.` };
  }
  const target = lastGoodRevision(seen.history, latest);
  const fix =
    target === undefined
      ? { command: `helm uninstall ${name} -n ${namespace}`, what: 'uninstalling it (it was never deployed)' }
      : { command: `helm rollback ${name} ${target} -n ${namespace}`, what: `rolling back to revision ${target}` };
  const stuck = `${pending} and did not finish within pending-release-timeout (${seconds(deploy.waitForPendingSeconds)})`;
  if (!deploy.recoverStuckRelease) {
    return {
      action: 'refuse',
      error: new ActionError(`${stuck}. Nothing was deployed.`, {
        input: 'recover-stuck-release',
        hint:
          `If no other deploy of this release is running, set recover-stuck-release: true to recover it by ` +
          `${fix.what}, or run: ${fix.command}`,
      }),
    };
  }
  const message = `${stuck}; recovering it (recover-stuck-release) by ${fix.what}.`;
  return target === undefined ? { action: 'uninstall', message } : { action: 'rollback', revision: target, message };
}

export interface PreflightOptions {
  deploy: DeployConfig;
  signal?: AbortSignal;
  journal: Journal;
}

/** What the upgrade will be, and the newest revision before it (0 for none): the upgrade writes the next one. */
export type PreflightResult = ({ action: 'install' } | { action: 'upgrade'; previousRevision?: number }) & {
  latestRevision: number;
};

const POLL_SECONDS = 10;
/** How long past its own --timeout a helm command may take to write its last record and exit. */
export const HELM_EXIT_SECONDS = 30;

async function observe(
  release: ReleaseRef,
  waitedSeconds: number,
  options: PreflightOptions,
  helm: HelmClient,
  seams: Seams,
): Promise<ReleaseObservation> {
  const status = await helm.status(release);
  if (!status) return { ageSeconds: 0, history: [], waitedSeconds, now: seams.now() };
  const started = Date.parse(status.lastDeployed);
  const pending = PENDING_STATUSES.includes(status.status);
  const [history, journal] = await Promise.all([
    helm.history(release),
    pending ? options.journal.read(options.signal) : undefined,
  ]);
  return {
    status: status.status,
    ageSeconds: Number.isNaN(started) ? 0 : (seams.now() - started) / 1000,
    history,
    waitedSeconds,
    journal,
    now: seams.now(),
  };
}

/** Waits out or recovers a pending release; resolves with what the upgrade will be. */
export async function preflightRelease(
  release: ReleaseRef,
  options: PreflightOptions,
  helm: HelmClient,
  seams: Seams,
): Promise<PreflightResult> {
  const startedAt = seams.now();
  const deadline = startedAt + options.deploy.waitForPendingSeconds * 1000;
  let recovered = false;
  for (;;) {
    throwIfCancelled(options.signal);
    const seen = await observe(release, (seams.now() - startedAt) / 1000, options, helm, seams);
    const decision = decidePreflight(release, seen, options.deploy);
    switch (decision.action) {
      case 'install':
      case 'upgrade':
        return { ...decision, latestRevision: seen.history.at(-1)?.revision ?? 0 };
      case 'refuse':
        throw decision.error;
      case 'wait': {
        runner.info(decision.message);
        // Past the deadline, the next look decides to refuse or recover.
        await pause(POLL_SECONDS * 1000, { deadline, signal: options.signal }, seams);
        continue;
      }
      case 'rollback':
      case 'uninstall': {
        if (recovered) {
          throw new ActionError(`Release ${release.name} is still ${seen.status} after recovering it once.`, {
            hint: `Look at helm history ${release.name} -n ${release.namespace} and fix the release by hand.`,
          });
        }
        runner.warning(decision.message);
        const timeoutSeconds = options.deploy.timeoutSeconds;
        const latest = seen.history.at(-1)?.revision ?? 0;
        // Recorded first, so a run killed during this recovery is completed by the next one in turn.
        await options.journal.write({
          operation: decision.action,
          revision: decision.action === 'rollback' ? latest + 1 : latest,
          previousRevision: decision.action === 'rollback' ? decision.revision : undefined,
          deadline: seams.now() + (timeoutSeconds + HELM_EXIT_SECONDS) * 1000,
        });
        if (decision.action === 'rollback') {
          await helm.rollback(release, decision.revision, { timeoutSeconds, giveUp: options.signal });
        } else {
          await helm.uninstall(release, { timeoutSeconds, giveUp: options.signal });
        }
        recovered = true;
      }
    }
  }
}
