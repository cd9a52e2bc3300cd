import { describe, expect, it } from '@jest/globals';
import { ActionError } from '../../src/errors.js';
import { decidePreflight, type ReleaseObservation } from '../../src/deploy/preflight.js';
import type { ReleaseRevision } from '../../src/helm/release.js';

const release = { name: 'portkey-ai', namespace: 'portkeyai' };
const deploy = { waitForPendingSeconds: 120, recoverStuckRelease: false };

const entry = (revision: number, status: string): ReleaseRevision => ({
  revision,
  status,
  description: '',
  updated: '',
});
const upgradedTwice = [entry(1, 'superseded'), entry(2, 'deployed'), entry(3, 'pending-upgrade')];
const neverDeployed = [entry(1, 'pending-install')];
const NOW = Date.parse('2026-12-07T20:00:00Z');
/** The journal of a run of ours that was killed during the upgrade to revision 3 and is over since a second. */
const ours = { operation: 'upgrade' as const, revision: 3, previousRevision: 2, deadline: NOW - 1000, runId: '42' };

function seen(overrides: Partial<ReleaseObservation>): ReleaseObservation {
  const base = { status: 'deployed', ageSeconds: 30, history: [entry(1, 'deployed')], waitedSeconds: 0, now: NOW };
  return { ...base, ...overrides };
}

describe('decidePreflight', () => {
  it('treats a missing release as a first install', () => {
    expect(decidePreflight(release, seen({ status: undefined, history: [] }), deploy)).toEqual({ action: 'install' });
  });

  it('upgrades a deployed release and remembers its revision', () => {
    const history = [entry(1, 'superseded'), entry(2, 'deployed')];
    expect(decidePreflight(release, seen({ history }), deploy)).toEqual({ action: 'upgrade', previousRevision: 2 });
  });

  it('upgrades a failed release, remembering the last revision that did deploy', () => {
    const history = [entry(1, 'superseded'), entry(2, 'deployed'), entry(3, 'failed')];
    expect(decidePreflight(release, seen({ status: 'failed', history }), deploy)).toEqual({
      action: 'upgrade',
      previousRevision: 2,
    });
  });

  it.each(['pending-install', 'pending-upgrade', 'pending-rollback'])(
    'waits for a %s release while pending-release-timeout lasts, saying for how long it has been pending',
    (status) => {
      const decision = decidePreflight(
        release,
        seen({ status, ageSeconds: 95, waitedSeconds: 30, history: upgradedTwice }),
        deploy,
      );
      expect(decision).toEqual({
        action: 'wait',
        message:
          `Release portkey-ai in namespace portkeyai has been ${status} for 1 min 35 s: another deploy may be running; ` +
          'waiting up to 1 min 30 s more for it.',
      });
    },
  );

  it('refuses a stuck release without the opt-in, naming the input and the exact rollback command', () => {
    const decision = decidePreflight(
      release,
      seen({ status: 'pending-upgrade', ageSeconds: 3 * 3600 + 5, waitedSeconds: 120, history: upgradedTwice }),
      deploy,
    );
    expect(decision.action).toBe('refuse');
    const error = (decision as { error: ActionError }).error;
    expect(error).toBeInstanceOf(ActionError);
    expect(error.message).toBe(
      'Release portkey-ai in namespace portkeyai has been pending-upgrade for 3 h 0 min 5 s and did not finish within ' +
        'pending-release-timeout (2 min 0 s). Nothing was deployed.',
    );
    expect(error.details.input).toBe('recover-stuck-release');
    expect(error.details.hint).toContain('recover-stuck-release: true');
    expect(error.details.hint).toContain('run: helm rollback portkey-ai 2 -n portkeyai');
  });

  it('refuses a stuck first install with the uninstall command', () => {
    const decision = decidePreflight(
      release,
      seen({ status: 'pending-install', waitedSeconds: 200, history: neverDeployed }),
      deploy,
    );
    const error = (decision as { error: ActionError }).error;
    expect(error.details.hint).toContain('run: helm uninstall portkey-ai -n portkeyai');
  });

  it('with recover-stuck-release rolls back to the last deployed revision once the wait is over', () => {
    const decision = decidePreflight(
      release,
      seen({ status: 'pending-upgrade', ageSeconds: 600, waitedSeconds: 120, history: upgradedTwice }),
      { ...deploy, recoverStuckRelease: true },
    );
    expect(decision).toEqual({
      action: 'rollback',
      revision: 2,
      message: expect.stringContaining('recovering it (recover-stuck-release) by rolling back to revision 2'),
    });
  });

  it('with recover-stuck-release uninstalls a release that was never deployed', () => {
    const decision = decidePreflight(
      release,
      seen({ status: 'pending-install', waitedSeconds: 120, history: neverDeployed }),
      { ...deploy, recoverStuckRelease: true },
    );
    expect(decision).toEqual({ action: 'uninstall', message: expect.stringContaining('it was never deployed') });
  });

  it('does not wait at all when pending-release-timeout is 0', () => {
    const decision = decidePreflight(release, seen({ status: 'pending-rollback', history: upgradedTwice }), {
      waitForPendingSeconds: 0,
      recoverStuckRelease: true,
    });
    expect(decision.action).toBe('rollback');
  });

  describe('a pending revision this action left (its journal)', () => {
    it('is completed at once, without recover-stuck-release, by going back to the revision the journal names', () => {
      const decision = decidePreflight(
        release,
        seen({ status: 'pending-upgrade', history: upgradedTwice, journal: ours }),
        deploy,
      );
      expect(decision).toEqual({
        action: 'rollback',
        revision: 2,
        message: expect.stringContaining('left by an earlier run of this action (run 42) stopped during its upgrade'),
      });
    });

    it('completes an interrupted rollback of ours to the revision it was going back to', () => {
      const history = [...upgradedTwice.slice(0, 2), entry(3, 'failed'), entry(4, 'pending-rollback')];
      const journal = { ...ours, operation: 'rollback' as const, revision: 4, previousRevision: 2 };
      const decision = decidePreflight(release, seen({ status: 'pending-rollback', history, journal }), deploy);
      expect(decision).toMatchObject({ action: 'rollback', revision: 2 });
    });

    it('uninstalls an interrupted first install of ours', () => {
      const journal = { ...ours, revision: 1, previousRevision: undefined };
      const decision = decidePreflight(
        release,
        seen({ status: 'pending-install', history: neverDeployed, journal }),
        deploy,
      );
      expect(decision).toMatchObject({ action: 'uninstall', message: expect.stringContaining('never deployed') });
    });

    it('waits while the run that wrote it may still be working (its deadline not yet past)', () => {
      const journal = { ...ours, deadline: NOW + 60_000 };
      const decision = decidePreflight(
        release,
        seen({ status: 'pending-upgrade', history: upgradedTwice, journal }),
        deploy,
      );
      expect(decision.action).toBe('wait');
    });

    it('is not ours when the journal names another revision: the input is still needed', () => {
      const journal = { ...ours, revision: 2 };
      const decision = decidePreflight(
        release,
        seen({ status: 'pending-upgrade', history: upgradedTwice, journal, waitedSeconds: 120 }),
        deploy,
      );
      expect(decision).toMatchObject({ action: 'refuse', error: { details: { input: 'recover-stuck-release' } } });
    });
  });
});
