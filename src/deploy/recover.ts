// Getting back to the last good state after a deploy that was aborted, failed, or failed its smoke test:
// roll back to the revision deployed before this run, or remove a release whose first install went wrong.
import type { ClusterTools } from '../kube/cluster-tools.js';
import type { Seams } from '../seams.js';
import {
  lastGoodRevision,
  readHistory,
  rollbackToRevision,
  uninstall,
  type HistoryEntry,
  type ReleaseRef,
} from './helm-release.js';

export interface RecoverRequest extends ReleaseRef {
  /** ReleaseInfo.previousRevision when deployRelease returned; otherwise found in the history. */
  previousRevision?: number;
  /** Budget for helm to roll back or uninstall and wait for the cluster. */
  timeoutSeconds?: number;
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

export function planRecovery(history: HistoryEntry[], previousRevision?: number): RecoveryPlan {
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

export async function recoverFailedRelease(
  request: RecoverRequest,
  tools: ClusterTools,
  seams: Seams,
): Promise<Recovery> {
  const release = { name: request.name, namespace: request.namespace };
  const plan = planRecovery(await readHistory(release, tools, seams), request.previousRevision);
  const change = { timeoutSeconds: request.timeoutSeconds };
  switch (plan.action) {
    case 'none':
      return { summary: plan.summary, restoredRevision: plan.restoredRevision };
    case 'rollback':
      await rollbackToRevision(release, plan.revision, change, tools, seams);
      return { summary: `rolled back to revision ${plan.revision}`, restoredRevision: plan.revision };
    case 'uninstall':
      await uninstall(release, change, tools, seams);
      return { summary: 'uninstalled the release (its first install failed)' };
  }
}
