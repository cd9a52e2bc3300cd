// Before upgrading: is this a first install, an upgrade, or is the release stuck in a pending state because
// another deploy is running (wait for it) or was killed half-way (recover it, only when the user opted in)?
import * as core from '@actions/core';
import type { DeployConfig } from '../config.js';
import { ActionError } from '../errors.js';
import type { ClusterTools } from '../kube/cluster-tools.js';
import type { Seams } from '../seams.js';
import {
  PENDING_STATUSES,
  lastGoodRevision,
  readHistory,
  readReleaseStatus,
  rollbackToRevision,
  uninstall,
  type HistoryEntry,
  type ReleaseRef,
} from './helm-release.js';

export interface ReleaseObservation {
  /** The release's current status; undefined when helm has no such release. */
  status?: string;
  /** For how long its latest operation has been running (pending) or since it finished. */
  ageSeconds: number;
  history: HistoryEntry[];
  /** How long this run has already waited for a pending release. */
  waitedSeconds: number;
}

export type PreflightDecision =
  | { action: 'install' }
  | { action: 'upgrade'; previousRevision?: number }
  | { action: 'wait'; message: string }
  | { action: 'rollback'; revision: number; message: string }
  | { action: 'uninstall'; message: string }
  | { action: 'refuse'; error: ActionError };

export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const parts = [hours && `${hours}h`, (hours || minutes) && `${minutes}m`, `${whole % 60}s`];
  return parts.filter(Boolean).join(' ');
}

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
  const pending = `Release ${name} in namespace ${namespace} has been ${seen.status} for ${formatDuration(seen.ageSeconds)}`;
  if (seen.waitedSeconds < deploy.waitForPendingSeconds) {
    const left = formatDuration(deploy.waitForPendingSeconds - seen.waitedSeconds);
    return { action: 'wait', message: `${pending}: another deploy may be running; waiting up to ${left} more for it.` };
  }
  const latest = seen.history.at(-1)?.revision ?? Infinity;
  const target = lastGoodRevision(seen.history, latest);
  const fix =
    target === undefined
      ? { command: `helm uninstall ${name} -n ${namespace}`, what: 'uninstalling it (it was never deployed)' }
      : { command: `helm rollback ${name} ${target} -n ${namespace}`, what: `rolling back to revision ${target}` };
  const stuck = `${pending} and did not finish within wait-for-pending (${formatDuration(deploy.waitForPendingSeconds)})`;
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
}

const POLL_SECONDS = 10;

async function observe(release: ReleaseRef, waitedSeconds: number, tools: ClusterTools, seams: Seams) {
  const status = await readReleaseStatus(release, tools, seams);
  if (!status) return { ageSeconds: 0, history: [], waitedSeconds };
  const started = Date.parse(status.lastDeployed);
  return {
    status: status.status,
    ageSeconds: Number.isNaN(started) ? 0 : (seams.now() - started) / 1000,
    history: await readHistory(release, tools, seams),
    waitedSeconds,
  };
}

function throwIfAborted(signal: AbortSignal | undefined, release: ReleaseRef) {
  if (signal?.aborted) {
    throw new ActionError(`The deploy of release ${release.name} was cancelled before helm started.`);
  }
}

/** Waits out or recovers a pending release; resolves with what the upgrade will be. */
export async function preflightRelease(
  release: ReleaseRef,
  options: PreflightOptions,
  tools: ClusterTools,
  seams: Seams,
): Promise<{ action: 'install' } | { action: 'upgrade'; previousRevision?: number }> {
  const startedAt = seams.now();
  let recovered = false;
  for (;;) {
    throwIfAborted(options.signal, release);
    const seen = await observe(release, (seams.now() - startedAt) / 1000, tools, seams);
    const decision = decidePreflight(release, seen, options.deploy);
    switch (decision.action) {
      case 'install':
      case 'upgrade':
        return decision;
      case 'refuse':
        throw decision.error;
      case 'wait': {
        core.info(decision.message);
        const leftMs = (options.deploy.waitForPendingSeconds - seen.waitedSeconds) * 1000;
        await seams.sleep(Math.min(POLL_SECONDS * 1000, Math.max(leftMs, 0)));
        continue;
      }
      case 'rollback':
      case 'uninstall': {
        if (recovered) {
          throw new ActionError(`Release ${release.name} is still ${seen.status} after recovering it once.`, {
            hint: `Look at helm history ${release.name} -n ${release.namespace} and fix the release by hand.`,
          });
        }
        core.warning(decision.message);
        const change = { timeoutSeconds: options.deploy.timeoutSeconds };
        if (decision.action === 'rollback') {
          await rollbackToRevision(release, decision.revision, change, tools, seams);
        } else {
          await uninstall(release, change, tools, seams);
        }
        recovered = true;
      }
    }
  }
}
