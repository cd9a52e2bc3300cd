import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DeployConfig } from '../../src/config.js';
import { deployRelease, type DeployInput } from '../../src/deploy/index.js';
import { ActionError } from '../../src/errors.js';
import {
  captureLog,
  fakeHelm,
  fakeTools,
  historyJson,
  manifest,
  metadataJson,
  notFound,
  repositoryChart,
  statusJson,
} from './fake-helm.js';

const deploy: DeployConfig = {
  timeoutSeconds: 600,
  rollbackOnFailure: true,
  recoverStuckRelease: false,
  waitForPendingSeconds: 120,
};

function input(overrides: Partial<DeployInput> = {}): DeployInput {
  return { chart: repositoryChart, deploy, valuesPath: '/ws/values.yaml', runEnv: {}, ...overrides };
}

let log: ReturnType<typeof captureLog>;
beforeEach(() => {
  log = captureLog();
});
afterEach(() => log.restore());

describe('deployRelease', () => {
  it('installs a new release and reads it back', async () => {
    const helm = fakeHelm({
      status: [notFound],
      upgrade: [{ stdout: 'Release "portkey-ai" does not exist. Installing it now.\nSTATUS: deployed\n' }],
      'get metadata': [metadataJson(1)],
      'get manifest': [{ stdout: manifest }],
    });
    const tools = fakeTools(4);

    const commandsBeforeUpgrade: string[][] = [];
    const beforeUpgrade = async () => void commandsBeforeUpgrade.push(helm.commands());

    const info = await deployRelease(input({ beforeUpgrade }), tools, helm.seams);

    expect(commandsBeforeUpgrade).toEqual([['status portkey-ai -n portkeyai -o json']]);
    expect(helm.commands()).toEqual([
      'status portkey-ai -n portkeyai -o json',
      expect.stringMatching(
        /^upgrade --install portkey-ai gateway -n portkeyai --create-namespace -f \/ws\/values.yaml /,
      ),
      'get metadata portkey-ai -n portkeyai -o json',
      'get manifest portkey-ai -n portkeyai',
    ]);
    for (const call of helm.calls) {
      expect(call.file).toBe('/tools/helm');
      expect(call.args.slice(-2)).toEqual(['--kubeconfig', '/ws/kubeconfig']);
      expect(call.options.env).toBe(tools.env);
    }
    expect(info).toEqual({
      name: 'portkey-ai',
      namespace: 'portkeyai',
      revision: 1,
      status: 'deployed',
      chartVersion: '1.7.7',
      appVersion: '2.13.0',
      manifest,
    });
    expect(log.lines).toContain('Release "portkey-ai" does not exist. Installing it now.');
    expect(log.lines.join('\n')).not.toContain('not-for-logs');
  });

  it('upgrades an existing release and reports the revision it replaced', async () => {
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed'])],
      upgrade: [{}],
      'get metadata': [metadataJson(3)],
      'get manifest': [{ stdout: manifest }],
    });
    const info = await deployRelease(input(), fakeTools(3), helm.seams);
    expect(info.revision).toBe(3);
    expect(info.previousRevision).toBe(2);
    expect(helm.commands()[1]).toBe('history portkey-ai -n portkeyai -o json');
    expect(helm.calls[2].args).toEqual(expect.arrayContaining(['--wait', '--atomic']));
  });

  it('waits for a concurrent deploy to finish, then upgrades', async () => {
    const pending = statusJson(3, 'pending-upgrade', '2026-11-20T09:59:00Z');
    const helm = fakeHelm({
      status: [pending, pending, statusJson(3, 'deployed')],
      'get metadata': [metadataJson(4)],
      'get manifest': [{ stdout: manifest }],
      history: [
        historyJson([2, 'deployed'], [3, 'pending-upgrade']),
        historyJson([2, 'deployed'], [3, 'pending-upgrade']),
        historyJson([2, 'superseded'], [3, 'deployed']),
      ],
      upgrade: [{}],
    });
    const info = await deployRelease(input(), fakeTools(4), helm.seams);
    expect(helm.sleeps).toEqual([10000, 10000]);
    expect(info).toMatchObject({ revision: 4, previousRevision: 3 });
    expect(log.lines).toContain(
      'Release portkey-ai in namespace portkeyai has been pending-upgrade for 1m 0s: another deploy may be running; ' +
        'waiting up to 2m 0s more for it.',
    );
  });

  it('refuses a release stuck past wait-for-pending without running helm upgrade', async () => {
    const helm = fakeHelm({
      status: [statusJson(3, 'pending-upgrade', '2026-11-20T08:00:00Z')],
      history: [historyJson([2, 'deployed'], [3, 'pending-upgrade'])],
    });
    const error = await deployRelease(
      input({ deploy: { ...deploy, waitForPendingSeconds: 25 } }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toContain('has been pending-upgrade for 2h 0m 25s');
    expect((error as ActionError).details).toMatchObject({ input: 'recover-stuck-release' });
    expect((error as ActionError).details.hint).toContain('helm rollback portkey-ai 2 -n portkeyai');
    // waited 10 s, 10 s, then the last 5 s of the 25 s budget
    expect(helm.sleeps).toEqual([10000, 10000, 5000]);
    expect(helm.commands().some((command) => command.startsWith('upgrade'))).toBe(false);
  });

  it('recovers a stuck release when recover-stuck-release is on, then upgrades', async () => {
    const helm = fakeHelm({
      status: [statusJson(3, 'pending-upgrade'), statusJson(4, 'deployed')],
      'get metadata': [metadataJson(5)],
      'get manifest': [{ stdout: manifest }],
      history: [
        historyJson([2, 'deployed'], [3, 'pending-upgrade']),
        historyJson([2, 'superseded'], [3, 'pending-upgrade'], [4, 'deployed', 'Rollback to 2']),
      ],
      rollback: [{ stdout: 'Rollback was a success! Happy Helming!\n' }],
      upgrade: [{}],
    });
    const info = await deployRelease(
      input({ deploy: { ...deploy, waitForPendingSeconds: 0, recoverStuckRelease: true } }),
      fakeTools(4),
      helm.seams,
    );
    expect(helm.commands()).toEqual([
      'status portkey-ai -n portkeyai -o json',
      'history portkey-ai -n portkeyai -o json',
      'rollback portkey-ai 2 -n portkeyai --wait=watcher --timeout 600s',
      'status portkey-ai -n portkeyai -o json',
      'history portkey-ai -n portkeyai -o json',
      expect.stringMatching(/^upgrade --install /),
      'get metadata portkey-ai -n portkeyai -o json',
      'get manifest portkey-ai -n portkeyai',
    ]);
    expect(info).toMatchObject({ revision: 5, previousRevision: 4 });
    expect(log.lines).toContain('Rollback was a success! Happy Helming!');
    expect(
      log.lines.some((line) => line.startsWith('::warning::') && line.includes('rolling back to revision 2')),
    ).toBe(true);
  });

  it("keeps helm's message and adds what to do when the upgrade fails", async () => {
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([2, 'deployed'])],
      upgrade: [
        {
          exitCode: 1,
          stderr: 'Error: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress\n',
        },
      ],
    });
    const error = (await deployRelease(input(), fakeTools(4), helm.seams).catch((e: unknown) => e)) as ActionError;
    expect(error.message).toBe(
      'helm upgrade --install of release portkey-ai failed: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
    );
    expect(error.details.input).toBe('recover-stuck-release');
  });

  it('streams helm output line by line and stops with a clear error when aborted', async () => {
    const controller = new AbortController();
    const helm = fakeHelm({
      status: [notFound],
      upgrade: [
        (_args, options) => {
          options.onLine?.('creating 3 resource(s)', 'stdout');
          controller.abort(new Error('pod portkey-ai-gateway-abc is in CrashLoopBackOff'));
          return { exitCode: 130, stderr: 'Error: context canceled\n' };
        },
      ],
    });
    const error = (await deployRelease(input({ signal: controller.signal }), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(helm.calls[1].options.signal).toBe(controller.signal);
    expect(log.lines).toContain('creating 3 resource(s)');
    expect(error.message).toBe(
      'helm upgrade of release portkey-ai was cancelled: pod portkey-ai-gateway-abc is in CrashLoopBackOff',
    );
  });

  it('does not start helm when aborted during the preflight', async () => {
    const controller = new AbortController();
    controller.abort();
    const helm = fakeHelm({});
    await expect(deployRelease(input({ signal: controller.signal }), fakeTools(4), helm.seams)).rejects.toThrow(
      'cancelled before helm started',
    );
    expect(helm.calls).toEqual([]);
  });

  it('reports a cluster it cannot reach before trying to deploy', async () => {
    const helm = fakeHelm({
      status: [
        {
          exitCode: 1,
          stderr:
            'Error: kubernetes cluster unreachable: Get "https://127.0.0.1:1/version": dial tcp 127.0.0.1:1: connect: connection refused\n',
        },
      ],
    });
    await expect(deployRelease(input(), fakeTools(4), helm.seams)).rejects.toThrow(
      'Could not read the state of release portkey-ai in namespace portkeyai: kubernetes cluster unreachable',
    );
  });
});
