// Getting back to the last good state after a deploy that was aborted, failed, or failed its smoke test: roll back to
// the revision deployed before this run, or remove a release whose first install went wrong. The error that reaches
// the user says what was restored, and keeps both messages when recovering failed too.
import * as core from '@actions/core';
import type { ClusterSession } from '../cluster/session.js';
import { ActionError } from '../errors.js';
import { HelmClient } from '../helm/client.js';
import { lastGoodRevision, type ReleaseRef, type ReleaseRevision } from '../helm/release.js';
import type { DeployConfig } from '../inputs/config.js';
import type { Seams } from '../seams.js';

export interface RevertRequest {
  release: ReleaseRef;
  /** ReleaseInfo.previousRevision when helm had finished; otherwise found in the history. */
  previousRevision?: number;
  deploy: Pick<DeployConfig, 'rollbackOnFailure' | 'timeoutSeconds'>;
}

export type RecoveryPlan =
  | { action: 'none'; summary: string; restoredRevision?: number }
  | { action: 'rollback'; revision: number }
  | { action: 'uninstall' };

/** What recovery did, in words for the log and the summary, and the revision whose content is now live. */
export interface Recovery {
  summary: string;
  restoredRevision?: number;
}

const HELM_ROLLBACK = /^Rollback to (\d+)/;

export function planRecovery(history: ReleaseRevision[], previousRevision?: number): RecoveryPlan {
  const latest = history.at(-1);
  if (!latest)
    return {
      action: 'none',
      summary: 'not installed any more (helm removes a first install that fails), nothing to roll back',
    };
  const rolledBack = HELM_ROLLBACK.exec(latest.description);
  if (latest.status === 'deployed' && (latest.revision === previousRevision || rolledBack)) {
    // helm's own rollback-on-failure (or an earlier recovery) already brought the previous revision back.
    const summary = rolledBack
      ? `helm had already rolled back to revision ${rolledBack[1]} (now revision ${latest.revision})`
      : `still at revision ${latest.revision}, nothing to roll back`;
    return { action: 'none', summary, restoredRevision: rolledBack ? Number(rolledBack[1]) : latest.revision };
  }
  const target = previousRevision ?? lastGoodRevision(history, latest.revision);
  return target === undefined ? { action: 'uninstall' } : { action: 'rollback', revision: target };
}

async function recover(request: RevertRequest, helm: HelmClient): Promise<Recovery> {
  const { release, deploy } = request;
  const plan = planRecovery(await helm.history(release), request.previousRevision);
  switch (plan.action) {
    case 'none':
      return { summary: plan.summary, restoredRevision: plan.restoredRevision };
    case 'rollback':
      await helm.rollback(release, plan.revision, deploy.timeoutSeconds);
      return { summary: `rolled back to revision ${plan.revision}`, restoredRevision: plan.revision };
    case 'uninstall':
      await helm.uninstall(release, deploy.timeoutSeconds);
      return { summary: 'uninstalled the release (its first install failed)' };
  }
}

const detailsOf = (error: unknown) => (error instanceof ActionError ? error.details : {});
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Recovers the release after `cause` when the user wants that (`rollback-on-failure`), and returns the error to
 * report: `cause` with what was restored, or, when recovering failed as well, both failures.
 */
export async function revertRelease(
  cause: unknown,
  request: RevertRequest,
  session: ClusterSession,
  seams: Seams,
): Promise<ActionError> {
  const details = detailsOf(cause);
  if (!request.deploy.rollbackOnFailure) return new ActionError(messageOf(cause), details);
  const { name, namespace } = request.release;
  try {
    const recovery = await recover(request, new HelmClient(session, seams));
    core.warning(`Release ${name}: ${recovery.summary}.`);
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
