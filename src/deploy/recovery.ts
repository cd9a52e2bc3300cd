// What to do with a release after a transaction failed, decided from data only: what failed, how far the release got,
// its history (revision numbers and statuses, never helm's descriptions) and the inputs. The action is the one owner
// of rollback (helm runs without --rollback-on-failure/--atomic): see docs/architecture.md.
import { lastGoodRevision, PENDING_STATUSES, type ReleaseRevision } from '../helm/release.js';

/** How far this transaction got with the release. */
export type Reached =
  /** helm was never started: the preflight refused or waited, or the run stopped before. */
  | 'untouched'
  /** helm was started and did not finish: it may have written a revision, or not. */
  | 'applying'
  /** helm finished: the new revision is deployed, a verification step judged it. */
  | 'applied';

export interface RecoverySituation {
  /** What stopped the transaction: a failure (helm, the rollout, a verification step) or the workflow's cancel. */
  failure: 'failed' | 'cancelled';
  reached: Reached;
  /** The release's history, oldest first; only revisions and statuses are read. */
  history: Pick<ReleaseRevision, 'revision' | 'status'>[];
  /** The revision deployed when the transaction began; undefined for a first install. */
  previousRevision?: number;
  /** `rollback-on-failure`. */
  rollbackOnFailure: boolean;
}

export type RecoveryDecision =
  /** Nothing to change; `summary` says why when the release was touched and is worth a word in the report. */
  | { action: 'keep'; summary?: string; restoredRevision?: number }
  /** Go back to `revision`; `wait` for the pods only when the run has time (not within a cancel's grace). */
  | { action: 'rollback'; revision: number; wait: boolean }
  /** Remove a first install that did not work. */
  | { action: 'uninstall'; wait: boolean };

/** The revision to go back to: the one deployed before, else the newest good one below `latest`. */
export function restoreTarget(
  history: Pick<ReleaseRevision, 'revision' | 'status'>[],
  previousRevision: number | undefined,
  latest: number,
): number | undefined {
  return previousRevision ?? lastGoodRevision(history, latest);
}

export function decideRecovery(situation: RecoverySituation): RecoveryDecision {
  const { failure, reached, history, previousRevision } = situation;
  if (reached === 'untouched') return { action: 'keep' };
  // Cancelled while checking a revision helm had deployed: a check that did not finish is no failed check.
  if (failure === 'cancelled' && reached === 'applied') return { action: 'keep' };
  const latest = history.at(-1);
  if (!latest) return { action: 'keep', summary: 'the release does not exist (nothing was installed)' };
  if (!situation.rollbackOnFailure) {
    return {
      action: 'keep',
      summary: `rollback-on-failure is off: revision ${latest.revision} stays ${latest.status}`,
    };
  }
  // helm was stopped before it could settle the revision (killed, or still exiting): a rollback now would be refused
  // as "another operation in progress". The run's journal names it, so the next run completes it by itself.
  if (PENDING_STATUSES.includes(latest.status)) {
    return {
      action: 'keep',
      summary: `revision ${latest.revision} is left ${latest.status}; the next run of this action completes it`,
    };
  }
  if (latest.status === 'deployed' && latest.revision === previousRevision) {
    return {
      action: 'keep',
      summary: `still at revision ${latest.revision}, nothing to roll back`,
      restoredRevision: latest.revision,
    };
  }
  const wait = failure === 'failed';
  const target = restoreTarget(history, previousRevision, latest.revision);
  return target === undefined ? { action: 'uninstall', wait } : { action: 'rollback', revision: target, wait };
}
