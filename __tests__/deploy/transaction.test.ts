import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { DeployConfig } from '../../src/inputs/config.js';
import { runReleaseTransaction, type TransactionInput, type WatchRequest } from '../../src/deploy/index.js';
import type { Journal, JournalEntry } from '../../src/deploy/journal.js';
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

/** The journal's records, in order. */
let journaled: Omit<JournalEntry, 'runId'>[];
const memoryJournal = (): Journal => ({
  read: async () => undefined,
  write: async (entry) => void journaled.push(entry),
});

type Overrides = Partial<TransactionInput<string>> & { signal?: AbortSignal };

function input(overrides: Overrides = {}): TransactionInput<string> {
  const { signal = new AbortController().signal, ...rest } = overrides;
  return {
    chart: repositoryChart,
    deploy,
    valuesPath: '/ws/values.yaml',
    runEnv: {},
    journal: memoryJournal(),
    steps: [],
    stage: (_name, fn) => fn(),
    cancellation: { signal, recoveryOver: new AbortController().signal },
    ...rest,
  };
}

let log: ReturnType<typeof captureLog>;
beforeEach(() => {
  log = captureLog();
  journaled = [];
});
afterEach(() => log.restore());

describe('runReleaseTransaction', () => {
  it('installs a new release and reads it back', async () => {
    const helm = fakeHelm({
      status: [notFound],
      upgrade: [{ stdout: 'Release "portkey-ai" does not exist. Installing it now.\nSTATUS: deployed\n' }],
      'get metadata': [metadataJson(1)],
      'get manifest': [{ stdout: manifest }],
    });
    const tools = fakeTools(4);

    const { release: info, rollout } = await runReleaseTransaction(input(), tools, helm.seams);

    expect(rollout).toBeUndefined();
    expect(helm.commands()).toEqual([
      'status portkey-ai -n portkeyai -o json',
      expect.stringMatching(
        /^upgrade --install portkey-ai gateway -n portkeyai -f \/ws\/values.yaml .* --create-namespace /,
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
    const { release: info } = await runReleaseTransaction(input(), fakeTools(3), helm.seams);
    expect(info.revision).toBe(3);
    expect(info.previousRevision).toBe(2);
    expect(helm.commands()[1]).toBe('history portkey-ai -n portkeyai -o json');
    // The action owns rollback: helm is never told to roll back by itself.
    expect(helm.calls[2].args).toContain('--wait');
    expect(helm.calls[2].args).not.toContain('--atomic');
    // Recorded before helm writes revision 3, so a run killed now is completed by the next one.
    expect(journaled).toEqual([
      { operation: 'upgrade', revision: 3, previousRevision: 2, deadline: expect.any(Number) },
    ]);
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
    const { release: info } = await runReleaseTransaction(input(), fakeTools(4), helm.seams);
    expect(helm.sleeps).toEqual([10000, 10000]);
    expect(info).toMatchObject({ revision: 4, previousRevision: 3 });
    expect(log.lines).toContain(
      'Release portkey-ai in namespace portkeyai has been pending-upgrade for 1 min 0 s: another deploy may be running; ' +
        'waiting up to 2 min 0 s more for it.',
    );
  });

  it('refuses a release stuck past pending-release-timeout without running helm upgrade', async () => {
    const helm = fakeHelm({
      status: [statusJson(3, 'pending-upgrade', '2026-11-20T08:00:00Z')],
      history: [historyJson([2, 'deployed'], [3, 'pending-upgrade'])],
    });
    const error = await runReleaseTransaction(
      input({ deploy: { ...deploy, waitForPendingSeconds: 25 } }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toContain('has been pending-upgrade for 2 h 0 min 25 s');
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
    const { release: info } = await runReleaseTransaction(
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
    const error = (await runReleaseTransaction(input(), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(error.message).toBe(
      'helm upgrade --install of release portkey-ai failed: UPGRADE FAILED: another operation (install/upgrade/rollback) is in progress',
    );
    expect(error.details.input).toBe('recover-stuck-release');
    // helm refused before writing a revision: the deployed revision 2 is left alone, not rolled back or removed.
    expect(error.details.recovery).toEqual({
      summary: 'still at revision 2, nothing to roll back',
      restoredRevision: 2,
    });
    expect(helm.commands().filter((c) => /^(rollback|uninstall)/.test(c))).toEqual([]);
  });

  it('streams helm output line by line and stops with a clear error when aborted', async () => {
    const controller = new AbortController();
    const helm = fakeHelm({
      status: [notFound],
      history: [notFound],
      upgrade: [
        (_args, options) => {
          options.onLine?.('creating 3 resource(s)', 'stdout');
          controller.abort(new Error('pod portkey-ai-gateway-abc is in CrashLoopBackOff'));
          return { exitCode: 130, stderr: 'Error: context canceled\n' };
        },
      ],
    });
    const error = (await runReleaseTransaction(input({ signal: controller.signal }), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(log.lines).toContain('creating 3 resource(s)');
    expect(helm.calls[1].options.signal?.aborted).toBe(true);
    expect(error.message).toBe(
      'helm upgrade of release portkey-ai was stopped: pod portkey-ai-gateway-abc is in CrashLoopBackOff',
    );
  });

  it('does not start helm when the workflow is cancelled before the preflight', async () => {
    const controller = new AbortController();
    controller.abort(new ActionError('The workflow was cancelled (SIGINT).'));
    const helm = fakeHelm({});
    await expect(runReleaseTransaction(input({ signal: controller.signal }), fakeTools(4), helm.seams)).rejects.toThrow(
      'The workflow was cancelled (SIGINT).',
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
    await expect(runReleaseTransaction(input(), fakeTools(4), helm.seams)).rejects.toThrow(
      'Could not read the state of release portkey-ai in namespace portkeyai: kubernetes cluster unreachable',
    );
  });
});

/** A watcher that never decides: it ends only when the deploy stage aborts it. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<string>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));

describe('runReleaseTransaction races helm against the rollout watcher', () => {
  const upgradeBlockingUntilAborted = (_args: string[], options: { signal?: AbortSignal }) => {
    // A real helm would still be waiting; the fake answers as helm does once it got SIGINT.
    expect(options.signal?.aborted).toBe(true);
    return { exitCode: 130, stderr: 'Error: context canceled\n' };
  };

  it('starts the watcher after the preflight, judging only revisions after the deployed one, and returns both', async () => {
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed'])],
      upgrade: [{}],
      'get metadata': [metadataJson(3)],
      'get manifest': [{ stdout: manifest }],
    });
    const requests: WatchRequest[] = [];
    const deployed = await runReleaseTransaction(
      input({
        watch: async (request) => {
          requests.push(request);
          await request.wake;
          return 'rolled out';
        },
      }),
      fakeTools(4),
      helm.seams,
    );
    expect(deployed).toMatchObject({ rollout: 'rolled out', release: { revision: 3, previousRevision: 2 } });
    expect(requests).toHaveLength(1);
    expect(requests[0].sinceRevision).toBe(2);
    // One `timeout` of 600 s: the upgrade gets 420 s, a rollback the last 180 s.
    expect(requests[0].deadline).toBe(Date.parse('2026-11-20T10:00:00Z') + 420_000);
    // helm's own --timeout ends a little after the watcher's deadline: the watcher speaks first.
    expect(helm.calls.find((c) => c.args[0] === 'upgrade')?.args.join(' ')).toContain('--timeout 430s');
  });

  it('gives a rollback after the watcher ran out of time what is left of the same timeout, no fresh one', async () => {
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed']), historyJson([2, 'superseded'], [3, 'failed'])],
      upgrade: [upgradeBlockingUntilAborted],
      rollback: [{}],
    });
    const started = helm.seams.now();
    const error = (await runReleaseTransaction(
      input({
        watch: async (request) => {
          await helm.seams.sleep(request.deadline - helm.seams.now());
          throw new ActionError('The rollout of release portkey-ai did not finish in time', { input: 'timeout' });
        },
      }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(error.details.recovery).toMatchObject({ restoredRevision: 2 });
    expect(helm.commands()).toContain('rollback portkey-ai 2 -n portkeyai --wait=watcher --timeout 180s');
    // helm settles the rollback by itself at the end of `timeout`; the journal's deadline allows for its exit only.
    expect(journaled.at(-1)).toMatchObject({ operation: 'rollback', deadline: started + 600_000 + 30_000 });
  });

  it('stops helm when the watcher finds a pod that can never start, then rolls back, saying so', async () => {
    let helmSignal: AbortSignal | undefined;
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed']), historyJson([2, 'superseded'], [3, 'failed'])],
      upgrade: [
        (args, options) => {
          helmSignal = options.signal;
          return upgradeBlockingUntilAborted(args, options);
        },
      ],
      rollback: [{}],
    });
    const crash = new ActionError('The rollout of release portkey-ai failed: pod x is in CrashLoopBackOff', {
      hint: 'read the log',
    });
    const error = (await runReleaseTransaction(
      input({
        watch: async () => {
          throw crash;
        },
      }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(helmSignal?.aborted).toBe(true);
    expect(helmSignal?.reason).toBe(crash);
    expect(error.message).toBe(crash.message);
    expect(error.details).toMatchObject({
      hint: 'read the log',
      recovery: { summary: 'rolled back to revision 2', restoredRevision: 2 },
    });
    expect(helm.commands()).toContain('rollback portkey-ai 2 -n portkeyai --wait=watcher --timeout 600s');
  });

  it('stops the watcher when helm fails first', async () => {
    let watchSignal: AbortSignal | undefined;
    const helm = fakeHelm({
      status: [notFound],
      history: [notFound],
      upgrade: [{ exitCode: 1, stderr: 'Error: INSTALLATION FAILED: admission webhook denied the request\n' }],
    });
    const error = (await runReleaseTransaction(
      input({
        watch: (request) => {
          watchSignal = request.signal;
          return untilAborted(request.signal);
        },
      }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(watchSignal?.aborted).toBe(true);
    expect(error.message).toBe(
      'helm upgrade --install of release portkey-ai failed: INSTALLATION FAILED: admission webhook denied the request',
    );
    expect(error.details.recovery?.summary).toBe('the release does not exist (nothing was installed)');
  });

  it('keeps both errors when the rollback after a failure fails too', async () => {
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed']), historyJson([2, 'deployed'], [3, 'failed'])],
      upgrade: [upgradeBlockingUntilAborted],
      rollback: [{ exitCode: 1, stderr: 'Error: the server has asked for the client to provide credentials\n' }],
    });
    const error = (await runReleaseTransaction(
      input({
        watch: async () => {
          throw new ActionError('The rollout of release portkey-ai did not finish in time', { input: 'timeout' });
        },
      }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(error.message).toBe(
      'The rollout of release portkey-ai did not finish in time\n' +
        'Recovering the release failed too: Rolling back release portkey-ai to revision 2 failed (helm exited with 1): ' +
        'the server has asked for the client to provide credentials',
    );
    expect(error.details.input).toBe('timeout');
    expect(error.details.hint).toContain('helm rollback portkey-ai <revision> -n portkeyai');
  });

  it('leaves the release as it is when rollback-on-failure is off', async () => {
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed'])],
      upgrade: [upgradeBlockingUntilAborted],
    });
    const error = (await runReleaseTransaction(
      input({
        deploy: { ...deploy, rollbackOnFailure: false },
        watch: async () => {
          throw new ActionError('crash');
        },
      }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(error.message).toBe('crash');
    expect(error.details.recovery).toEqual({ summary: 'rollback-on-failure is off: revision 2 stays deployed' });
    expect(helm.commands().some((c) => c.startsWith('rollback'))).toBe(false);
    expect(helm.calls.find((c) => c.args[0] === 'upgrade')?.args).not.toContain('--rollback-on-failure');
  });

  it('aborts helm and the watcher when the workflow is cancelled mid-deploy', async () => {
    const cancel = new AbortController();
    const reason = new ActionError('The workflow was cancelled (SIGINT).');
    const helm = fakeHelm({
      status: [notFound],
      history: [notFound],
      upgrade: [
        (args, options) => {
          cancel.abort(reason);
          return upgradeBlockingUntilAborted(args, options);
        },
      ],
    });
    let watchSignal: AbortSignal | undefined;
    const error = (await runReleaseTransaction(
      input({
        signal: cancel.signal,
        watch: (request) => {
          watchSignal = request.signal;
          return untilAborted(request.signal);
        },
      }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(watchSignal?.reason).toBe(reason);
    expect(error.message).toMatch(/cancelled \(SIGINT\)/);
  });
});

describe('runReleaseTransaction runs its checks and rolls back on any failed verdict', () => {
  const upgradeTo3 = () =>
    fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed']), historyJson([2, 'superseded'], [3, 'deployed'])],
      upgrade: [{}],
      'get metadata': [metadataJson(3)],
      'get manifest': [{ stdout: manifest }],
      rollback: [{}],
    });

  it('starts the checks beside helm with the rollout, judges them after it, then runs the later ones in order', async () => {
    const helm = upgradeTo3();
    const order: string[] = [];
    const stages: string[] = [];
    await runReleaseTransaction(
      input({
        stage: (name, fn) => (stages.push(name), fn()),
        steps: [
          { name: 'address', after: async () => void order.push('address') },
          {
            name: 'availability',
            during: (rollout) => {
              order.push(`availability from revision ${rollout.sinceRevision}`);
              return { finish: async () => void order.push('availability judged') };
            },
          },
          { name: 'smoke', after: async (release) => void order.push(`smoke ${release.revision}`) },
        ],
      }),
      fakeTools(4),
      helm.seams,
    );
    expect(order).toEqual(['availability from revision 2', 'availability judged', 'address', 'smoke 3']);
    expect(stages).toEqual(['helm upgrade --install portkey-ai', 'address', 'smoke']);
    expect(helm.commands().some((c) => c.startsWith('rollback'))).toBe(false);
  });

  it.each<[string, 'during' | 'after']>([
    ['a check beside the rollout', 'during'],
    ['a check after it', 'after'],
  ])('rolls back to the previous revision, waiting for it, when %s fails', async (_, kind) => {
    const helm = upgradeTo3();
    const fail = async () => {
      throw new ActionError('errors went up', { input: 'timeout' });
    };
    const step =
      kind === 'during' ? { name: 'availability', during: () => ({ finish: fail }) } : { name: 'smoke', after: fail };
    const error = (await runReleaseTransaction(input({ steps: [step] }), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(error.message).toBe('errors went up');
    expect(error.details).toMatchObject({
      input: 'timeout',
      recovery: { summary: 'rolled back to revision 2', restoredRevision: 2 },
    });
    expect(helm.commands()).toContain('rollback portkey-ai 2 -n portkeyai --wait=watcher --timeout 600s');
    expect(journaled.at(-1)).toMatchObject({ operation: 'rollback', revision: 4, previousRevision: 2 });
  });

  it('judges and stops the checks beside the rollout when helm fails, without throwing what they found', async () => {
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([2, 'deployed']), historyJson([2, 'superseded'], [3, 'failed'])],
      upgrade: [{ exitCode: 1, stderr: 'Error: UPGRADE FAILED: boom\n' }],
      rollback: [{}],
    });
    let finished = 0;
    const step = {
      name: 'availability',
      during: () => ({ finish: async () => void finished++ }),
    };
    const error = (await runReleaseTransaction(input({ steps: [step] }), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(finished).toBe(1);
    expect(error.details.recovery?.summary).toBe('rolled back to revision 2');
  });

  it('when cancelled during helm: rolls back without waiting, within the recovery deadline, and says the run ends', async () => {
    const cancel = new AbortController();
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([2, 'deployed']), historyJson([2, 'superseded'], [3, 'failed'])],
      upgrade: [
        () => {
          cancel.abort(new ActionError('The workflow was cancelled (SIGINT).'));
          return { exitCode: 130, stderr: 'Error: context canceled\n' };
        },
      ],
      rollback: [{}],
    });
    const error = (await runReleaseTransaction(input({ signal: cancel.signal }), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(error.message).toMatch(/cancelled \(SIGINT\)/);
    expect(helm.commands()).toContain('rollback portkey-ai 2 -n portkeyai --timeout 600s');
    // The upgrade's record, then the same with the runner's kill as its deadline, then the rollback's.
    expect(journaled.map((entry) => entry.operation)).toEqual(['upgrade', 'upgrade', 'rollback']);
    expect(journaled[1].deadline).toBe(helm.seams.now() + 10_000);
  });

  it('stops waiting for a recovery at its deadline, leaving helm to finish it', async () => {
    const over = new AbortController();
    const cancel = new AbortController();
    const helm = fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([2, 'deployed']), historyJson([2, 'superseded'], [3, 'failed'])],
      upgrade: [() => (cancel.abort(new ActionError('The workflow was cancelled (SIGTERM).')), { exitCode: 130 })],
      // Still running when the deadline comes: the transaction stops waiting, helm is not stopped.
      rollback: [(_args, options) => (over.abort(), expect(options.signal).toBeUndefined(), { exitCode: 0 })],
    });
    const error = (await runReleaseTransaction(
      { ...input({ signal: cancel.signal }), cancellation: { signal: cancel.signal, recoveryOver: over.signal } },
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(error.message).toContain(
      'Recovering the release failed too: Rolling back release portkey-ai to revision 2 did not finish before its deadline',
    );
  });
});

describe('runReleaseTransaction judges a step before helm and withdraws what it put beside the release', () => {
  const upgradeTo3 = () =>
    fakeHelm({
      status: [statusJson(2, 'deployed')],
      history: [historyJson([1, 'superseded'], [2, 'deployed'])],
      upgrade: [{}],
      'get metadata': [metadataJson(3)],
      'get manifest': [{ stdout: manifest }],
    });
  const canary = (order: string[], judge: () => Promise<void>) => ({
    name: 'Canary analysis',
    before: async () => (order.push('canary judged'), judge()),
    withdraw: async (giveUp: AbortSignal) => void order.push(`canary withdrawn${giveUp.aborted ? ' (too late)' : ''}`),
  });

  it('promotes: the canary before helm, withdrawn once the rollout is done, before the checks after it', async () => {
    const helm = upgradeTo3();
    const order: string[] = [];
    const stages: string[] = [];
    await runReleaseTransaction(
      input({
        stage: (name, fn) => (stages.push(name), fn()),
        steps: [{ name: 'smoke', after: async () => void order.push('smoke') }, canary(order, async () => {})],
        applied: () => order.push('helm done'),
      }),
      fakeTools(4),
      helm.seams,
    );
    expect(order).toEqual(['canary judged', 'helm done', 'canary withdrawn', 'smoke']);
    expect(stages).toEqual(['Canary analysis', 'helm upgrade --install portkey-ai', 'smoke']);
  });

  it('aborts: a failed verdict withdraws the canary, never runs helm and leaves the release untouched', async () => {
    const helm = upgradeTo3();
    const order: string[] = [];
    const fail = async () => {
      throw new ActionError('the canary failed', { input: 'strategy' });
    };
    const error = (await runReleaseTransaction(input({ steps: [canary(order, fail)] }), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(error.message).toBe('the canary failed');
    expect(error.details.recovery).toBeUndefined();
    expect(order).toEqual(['canary judged', 'canary withdrawn']);
    expect(helm.commands()).toEqual([]);
    expect(journaled).toEqual([]);
  });

  it('a cancel during the analysis withdraws the canary within the grace, and keeps the release', async () => {
    const helm = upgradeTo3();
    const order: string[] = [];
    const cancel = new AbortController();
    const error = (await runReleaseTransaction(
      input({
        signal: cancel.signal,
        steps: [
          canary(order, async () => {
            cancel.abort(new ActionError('The workflow was cancelled (SIGINT).'));
            throw cancel.signal.reason;
          }),
        ],
      }),
      fakeTools(4),
      helm.seams,
    ).catch((e: unknown) => e)) as ActionError;
    expect(error.message).toBe('The workflow was cancelled (SIGINT).');
    expect(order).toEqual(['canary judged', 'canary withdrawn']);
    expect(helm.commands()).toEqual([]);
  });

  it('keeps both messages when withdrawing the canary fails after it failed', async () => {
    const helm = upgradeTo3();
    const step = {
      name: 'Canary analysis',
      before: async () => {
        throw new ActionError('the canary failed', { hint: 'fix it.' });
      },
      withdraw: async () => {
        throw new Error('deployments.apps "gw-canary" is forbidden');
      },
    };
    const error = (await runReleaseTransaction(input({ steps: [step] }), fakeTools(4), helm.seams).catch(
      (e: unknown) => e,
    )) as ActionError;
    expect(error.message).toBe(
      'the canary failed\nRemoving what ran beside the release failed too: Canary analysis: deployments.apps "gw-canary" is forbidden',
    );
    expect(error.details.hint).toBe('fix it. What the message names still runs beside the release: delete it by hand.');
  });
});
