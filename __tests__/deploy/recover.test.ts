import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { revertRelease, uninstallRelease } from '../../src/deploy/index.js';
import { ActionError } from '../../src/errors.js';
import { manifestResources, type ReleaseRevision } from '../../src/helm/release.js';
import { planRecovery } from '../../src/deploy/recover.js';
import { captureLog, fakeHelm, fakeTools, historyJson, notFound } from './fake-helm.js';

const entry = (revision: number, status: string, description = 'Upgrade complete'): ReleaseRevision => ({
  revision,
  status,
  description,
  updated: '',
});
const release = { name: 'portkey-ai', namespace: 'portkeyai' };

let log: ReturnType<typeof captureLog>;
beforeEach(() => {
  log = captureLog();
});
afterEach(() => log.restore());

describe('planRecovery', () => {
  it('rolls back a deployed revision that failed its smoke test to the revision before it', () => {
    expect(planRecovery([entry(1, 'superseded'), entry(2, 'deployed')], 1)).toEqual({
      action: 'rollback',
      revision: 1,
    });
  });

  it('finds the previous revision in the history when the caller does not know it', () => {
    const history = [entry(1, 'superseded'), entry(2, 'deployed'), entry(3, 'failed')];
    expect(planRecovery(history)).toEqual({ action: 'rollback', revision: 2 });
    expect(planRecovery([entry(1, 'deployed'), entry(2, 'pending-upgrade')])).toEqual({
      action: 'rollback',
      revision: 1,
    });
  });

  it("leaves alone a release that helm's rollback-on-failure already brought back", () => {
    const history = [entry(1, 'superseded'), entry(2, 'failed'), entry(3, 'deployed', 'Rollback to 1')];
    expect(planRecovery(history, 1)).toEqual({
      action: 'none',
      summary: 'helm had already rolled back to revision 1 (now revision 3)',
      restoredRevision: 1,
    });
  });

  it('leaves alone a release still at the previous revision (aborted before helm wrote one)', () => {
    expect(planRecovery([entry(1, 'superseded'), entry(2, 'deployed')], 2)).toEqual({
      action: 'none',
      summary: 'still at revision 2, nothing to roll back',
      restoredRevision: 2,
    });
  });

  it('uninstalls a first install that failed or failed its smoke test', () => {
    expect(planRecovery([entry(1, 'failed')])).toEqual({ action: 'uninstall' });
    expect(planRecovery([entry(1, 'deployed', 'Install complete')])).toEqual({ action: 'uninstall' });
  });

  it('has nothing to do when the release is gone', () => {
    expect(planRecovery([]).action).toBe('none');
  });
});

describe('revertRelease', () => {
  const cause = new ActionError('The smoke test failed: GET / answered 503', { input: 'smoke-test-path' });
  const settings = (timeoutSeconds = 300) => ({ rollbackOnFailure: true, timeoutSeconds });

  it('rolls back with helm, waits for it, and returns the cause with what was restored', async () => {
    const helm = fakeHelm({
      history: [historyJson([1, 'superseded'], [2, 'deployed'])],
      rollback: [{ stdout: 'Rollback was a success! Happy Helming!\n' }],
    });
    const error = await revertRelease(
      cause,
      { release, previousRevision: 1, deploy: settings(120) },
      fakeTools(4),
      helm.seams,
    );
    expect(error.message).toBe(cause.message);
    expect(error.details).toEqual({
      input: 'smoke-test-path',
      recovery: { summary: 'rolled back to revision 1', restoredRevision: 1 },
    });
    expect(helm.commands()).toEqual([
      'history portkey-ai -n portkeyai -o json',
      'rollback portkey-ai 1 -n portkeyai --wait=watcher --timeout 120s',
    ]);
    expect(log.lines).toContain('Rollback was a success! Happy Helming!');
  });

  it('uninstalls a failed first install with helm 3 flags', async () => {
    const helm = fakeHelm({ history: [historyJson([1, 'failed'])], uninstall: [{}] });
    const error = await revertRelease(cause, { release, deploy: settings() }, fakeTools(3), helm.seams);
    expect(error.details.recovery).toEqual({ summary: 'uninstalled the release (its first install failed)' });
    expect(helm.commands()[1]).toBe('uninstall portkey-ai -n portkeyai --wait --timeout 300s');
  });

  it("keeps both messages, helm's included, when the rollback itself fails", async () => {
    const helm = fakeHelm({
      history: [historyJson([1, 'deployed'], [2, 'failed'])],
      rollback: [{ exitCode: 1, stderr: 'Error: timed out waiting for the condition\n' }],
    });
    const error = await revertRelease(cause, { release, deploy: settings() }, fakeTools(4), helm.seams);
    expect(error.message).toBe(
      `${cause.message}\nRecovering the release failed too: ` +
        'Rolling back release portkey-ai to revision 1 failed (helm exited with 1): timed out waiting for the condition',
    );
    expect(error.details.recovery).toBeUndefined();
  });

  it('touches nothing when rollback-on-failure is off', async () => {
    const helm = fakeHelm({});
    const error = await revertRelease(
      cause,
      { release, deploy: { rollbackOnFailure: false, timeoutSeconds: 300 } },
      fakeTools(4),
      helm.seams,
    );
    expect(error.message).toBe(cause.message);
    expect(helm.calls).toEqual([]);
  });
});

const manifest = `---
# Source: gateway/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: portkey-ai-gateway
---
# Source: gateway/templates/environment.yaml
apiVersion: v1
kind: Secret
metadata:
  name: portkey-ai-gateway
stringData:
  PORTKEY_CLIENT_AUTH: not-for-logs
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: portkey-ai-gateway
`;

describe('uninstallRelease', () => {
  it('lists what the last manifest held, by kind and name only', () => {
    expect(manifestResources(manifest)).toEqual([
      'Service/portkey-ai-gateway',
      'Secret/portkey-ai-gateway',
      'Deployment/portkey-ai-gateway',
    ]);
  });

  it('uninstalls and reports what it removed', async () => {
    const helm = fakeHelm({
      'get manifest': [{ stdout: manifest }],
      uninstall: [{ stdout: 'release "portkey-ai" uninstalled\n' }],
    });
    const result = await uninstallRelease({ ...release, timeoutSeconds: 90 }, fakeTools(4), helm.seams);
    expect(helm.commands()).toEqual([
      'get manifest portkey-ai -n portkeyai',
      'uninstall portkey-ai -n portkeyai --wait=watcher --timeout 90s',
    ]);
    expect(result).toEqual({
      found: true,
      removed: ['Service/portkey-ai-gateway', 'Secret/portkey-ai-gateway', 'Deployment/portkey-ai-gateway'],
      summary:
        'Uninstalled release portkey-ai from namespace portkeyai, removing 3 object(s): Service/portkey-ai-gateway, ' +
        'Secret/portkey-ai-gateway, Deployment/portkey-ai-gateway.',
    });
    expect(result.summary).not.toContain('not-for-logs');
  });

  it('says so, without failing, when there is nothing to uninstall', async () => {
    const helm = fakeHelm({ 'get manifest': [notFound] });
    const result = await uninstallRelease({ ...release, timeoutSeconds: 90 }, fakeTools(4), helm.seams);
    expect(result).toEqual({
      found: false,
      removed: [],
      summary: 'Release portkey-ai was not found in namespace portkeyai; nothing to uninstall.',
    });
    expect(helm.commands()).toEqual(['get manifest portkey-ai -n portkeyai']);
  });
});
