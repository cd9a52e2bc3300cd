// decideRecovery, the one decision of what a failed or cancelled transaction does to the release: every branch has a
// row here, so removing one fails a test.
import { describe, expect, it } from '@jest/globals';
import { decideRecovery, type RecoverySituation } from '../../src/deploy/recovery.js';

const rev = (revision: number, status: string) => ({ revision, status });
/** Revision 2 was deployed before this run; this run's revision 3 then failed. */
const upgradeFailed = [rev(1, 'superseded'), rev(2, 'superseded'), rev(3, 'failed')];

const situation = (overrides: Partial<RecoverySituation>): RecoverySituation => ({
  failure: 'failed',
  reached: 'applying',
  history: upgradeFailed,
  previousRevision: 2,
  rollbackOnFailure: true,
  ...overrides,
});

describe('decideRecovery', () => {
  it.each<[string, Partial<RecoverySituation>, ReturnType<typeof decideRecovery>]>([
    ['helm never started: nothing to touch, nothing to say', { reached: 'untouched' }, { action: 'keep' }],
    [
      'cancelled while checking a revision helm had deployed: it stays, silently',
      { failure: 'cancelled', reached: 'applied', history: [rev(2, 'superseded'), rev(3, 'deployed')] },
      { action: 'keep' },
    ],
    [
      'the release is gone (a first install helm never recorded)',
      { history: [], previousRevision: undefined },
      { action: 'keep', summary: 'the release does not exist (nothing was installed)' },
    ],
    [
      'rollback-on-failure off: the failed revision stays as helm left it',
      { rollbackOnFailure: false },
      { action: 'keep', summary: 'rollback-on-failure is off: revision 3 stays failed' },
    ],
    [
      'helm did not settle its revision (killed or still exiting): left for the next run, which completes it',
      { failure: 'cancelled', history: [rev(2, 'deployed'), rev(3, 'pending-upgrade')] },
      { action: 'keep', summary: 'revision 3 is left pending-upgrade; the next run of this action completes it' },
    ],
    [
      'stopped before helm wrote a revision: still at the previous one',
      { history: [rev(1, 'superseded'), rev(2, 'deployed')] },
      { action: 'keep', summary: 'still at revision 2, nothing to roll back', restoredRevision: 2 },
    ],
    [
      'a failed upgrade: back to the revision deployed before, waiting for it',
      {},
      { action: 'rollback', revision: 2, wait: true },
    ],
    [
      'a failed smoke test after a deployed upgrade: the same rollback',
      { reached: 'applied', history: [rev(2, 'superseded'), rev(3, 'deployed')] },
      { action: 'rollback', revision: 2, wait: true },
    ],
    [
      'cancelled during the upgrade, helm marked it failed: rolled back without waiting for the pods',
      { failure: 'cancelled' },
      { action: 'rollback', revision: 2, wait: false },
    ],
    [
      'the revision before unknown to the run: the newest good one in the history',
      { previousRevision: undefined, history: [rev(1, 'superseded'), rev(2, 'deployed'), rev(3, 'failed')] },
      { action: 'rollback', revision: 2, wait: true },
    ],
    [
      'a first install that failed: uninstalled',
      { previousRevision: undefined, history: [rev(1, 'failed')] },
      { action: 'uninstall', wait: true },
    ],
    [
      'a first install cancelled: uninstalled without waiting',
      { failure: 'cancelled', previousRevision: undefined, history: [rev(1, 'failed')] },
      { action: 'uninstall', wait: false },
    ],
  ])('%s', (_, overrides, expected) => {
    expect(decideRecovery(situation(overrides))).toEqual(expected);
  });
});
