// The runCommand client against scripted Resource Manager answers on a fake clock: the 202 + Location flow, no wait
// limit of its own (az's 300 s), cancellation, the pod-start retry, and each refusal in words naming what to change.
import { describe, expect, it } from '@jest/globals';
import { runCommandApi, type RunCommandTarget } from '../../src/azure/run-command.js';
import {
  explainCommandFailure,
  explainRunCommandRefusal,
  submitOperation,
} from '../../src/azure/run-command-errors.js';
import { ActionError } from '../../src/errors.js';
import type { HttpRequest, HttpResponse, Seams } from '../../src/seams.js';
import { SecretSet } from '../../src/secrets/index.js';

const cluster = { subscriptionId: 'sub', resourceGroup: 'rg', clusterName: 'aks-private', admin: false };
const location = (id: string) =>
  `https://arm.example/subscriptions/sub/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-private/commandResults/${id}?api-version=2024-09-01`;
const accepted = (id: string): HttpResponse => ({ status: 202, headers: { location: location(id) }, body: '' });
const running: HttpResponse = { status: 202, headers: {}, body: '{"properties":{"provisioningState":"Running"}}' };
const done = (logs: string, exitCode = 0): HttpResponse => ({
  status: 200,
  headers: {},
  body: JSON.stringify({ id: 'x', properties: { provisioningState: 'succeeded', exitCode, logs } }),
});
const failed = (reason: string): HttpResponse => ({
  status: 200,
  headers: {},
  body: JSON.stringify({ id: 'x', properties: { provisioningState: 'Failed', reason } }),
});
const armError = (status: number, code: string, message: string): HttpResponse => ({
  status,
  headers: {},
  body: JSON.stringify({ error: { code, message } }),
});

/** Answers in order; time passes only when the client sleeps. */
function fakeArm(answers: (HttpResponse | ((request: HttpRequest) => HttpResponse))[]) {
  const requests: HttpRequest[] = [];
  const sleeps: number[] = [];
  let now = 1_000_000;
  const seams: Seams = {
    http: async (request) => {
      requests.push(request);
      const next = answers.shift();
      if (!next) throw new Error(`no answer left for ${request.method} ${request.url}`);
      return typeof next === 'function' ? next(request) : next;
    },
    run: async () => {
      throw new Error('no processes');
    },
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
    now: () => now,
  };
  return { seams, requests, sleeps, elapsed: () => now - 1_000_000 };
}

function target(changes: Partial<RunCommandTarget> = {}): RunCommandTarget {
  return {
    arm: { resourceManager: 'https://arm.example', token: async () => 'arm-token' },
    cluster,
    clientId: 'client-1',
    secrets: new SecretSet(() => undefined),
    ...changes,
  };
}

describe('runCommandApi', () => {
  it('POSTs the command with its context, then polls the Location until the result is there', async () => {
    const arm = fakeArm([accepted('c1'), running, running, done('hello\n')]);
    const api = runCommandApi(target(), arm.seams);
    const result = await api.run({ command: 'helm version', context: Buffer.from('zip!') });

    expect(result).toEqual({ id: 'c1', exitCode: 0, logs: 'hello\n' });
    const [post, ...polls] = arm.requests;
    expect(post.method).toBe('POST');
    expect(post.url).toBe(
      'https://arm.example/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-private/runCommand?api-version=2024-09-01',
    );
    expect(JSON.parse(post.body!)).toEqual({
      command: 'helm version',
      context: Buffer.from('zip!').toString('base64'),
    });
    expect(post.headers).toMatchObject({ authorization: 'Bearer arm-token' });
    expect(polls.map((p) => `${p.method} ${p.url}`)).toEqual(Array(3).fill(`GET ${location('c1')}`));
    // The first look at once, then sooner or later: 0.5 s, 1 s, 2 s… up to 5 s.
    expect(arm.sleeps).toEqual([500, 1000]);
  });

  it('sends an Entra ID cluster’s token of the AKS server application, masked, in the body only', async () => {
    const masked: string[] = [];
    const arm = fakeArm([accepted('c2'), done('')]);
    const api = runCommandApi(
      target({ clusterToken: async () => 'eyJ-cluster-token-123', secrets: new SecretSet((v) => masked.push(v)) }),
      arm.seams,
    );
    await api.run({ command: 'kubectl get pods' });
    expect(JSON.parse(arm.requests[0].body!)).toEqual({
      command: 'kubectl get pods',
      context: '',
      clusterToken: 'eyJ-cluster-token-123',
    });
    expect(masked).toContain('eyJ-cluster-token-123');
  });

  it('keeps waiting for as long as the command runs: 20 minutes, well past az’s 300 s', async () => {
    const polls = Array<HttpResponse>(250).fill(running);
    const arm = fakeArm([accepted('slow'), ...polls, done('finally')]);
    const result = await runCommandApi(target(), arm.seams).run({ command: 'helm upgrade --install x ./c.tgz' });
    expect(result.logs).toBe('finally');
    expect(arm.elapsed()).toBeGreaterThan(20 * 60_000);
    // Every 5 s once warm, like az.
    expect(Math.max(...arm.sleeps)).toBe(5000);
  });

  it('stops waiting at once when the run is cancelled', async () => {
    const controller = new AbortController();
    const arm = fakeArm([
      accepted('c3'),
      running,
      () => {
        controller.abort(new ActionError('The workflow was cancelled (SIGINT).'));
        return running;
      },
    ]);
    await expect(
      runCommandApi(target(), arm.seams).run({ command: 'kubectl get pods', signal: controller.signal }),
    ).rejects.toThrow('The workflow was cancelled (SIGINT).');
    expect(arm.requests).toHaveLength(3);
  });

  it('gives up at the caller’s deadline, saying where the result stays', async () => {
    const arm = fakeArm([accepted('c4'), ...Array<HttpResponse>(20).fill(running)]);
    const error = await runCommandApi(target(), arm.seams)
      .run({ command: 'kubectl get pods', deadline: 1_000_000 + 10_000 })
      .catch((e: ActionError) => e);
    expect(error).toBeInstanceOf(ActionError);
    expect((error as ActionError).message).toBe('runCommand c4 on AKS cluster aks-private did not finish in time.');
    expect((error as ActionError).details.hint).toContain('commandResults/c4');
  });

  it('sends a command again when its pod did not start, then explains what to change', async () => {
    const notStarted = failed(
      'KubernetesPerformanceError: container command-1 in aks-command namespace did not start within 30s on your cluster',
    );
    const arm = fakeArm([accepted('a'), notStarted, accepted('b'), done('ok')]);
    expect((await runCommandApi(target(), arm.seams).run({ command: 'helm version' })).logs).toBe('ok');
    expect(arm.sleeps).toEqual([5000]);

    const never = fakeArm([accepted('a'), notStarted, accepted('b'), notStarted, accepted('c'), notStarted]);
    const error = (await runCommandApi(target(), never.seams)
      .run({ command: 'helm version' })
      .catch((e: unknown) => e)) as ActionError;
    expect(error.message).toMatch(/^The runCommand pod did not start in time on AKS cluster aks-private/);
    expect(never.requests.filter((r) => r.method === 'POST')).toHaveLength(3);
  });

  it.each([
    ['a 404 of its result', armError(404, 'NotFound', 'Operation returned an invalid status Not Found')],
    [
      'an ARM error naming the pod start',
      armError(
        400,
        'KubernetesPerformanceError',
        'container command-1 in aks-command namespace did not start within 30s',
      ),
    ],
  ])('reads %s as a pod that never started, and sends the command again', async (_what, answer) => {
    const arm = fakeArm([accepted('a'), answer, accepted('b'), done('ok')]);
    expect((await runCommandApi(target(), arm.seams).run({ command: 'helm version' })).logs).toBe('ok');
    expect(arm.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('reads an ARM error from Azure Policy as the pod refused, not sent again', async () => {
    const refused = armError(
      400,
      'KubernetesOperationError',
      'admission webhook "validation.gatekeeper.sh" denied the request',
    );
    const arm = fakeArm([accepted('a'), refused]);
    await expect(runCommandApi(target(), arm.seams).run({ command: 'helm version' })).rejects.toThrow(
      /^Azure Policy blocks the runCommand pod in namespace aks-command/,
    );
    expect(arm.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
  });

  it('does not send a command twice when Resource Manager failed on the POST (it may have started it)', async () => {
    const arm = fakeArm([armError(503, 'ServiceUnavailable', 'try later')]);
    await expect(runCommandApi(target(), arm.seams).run({ command: 'helm upgrade' })).rejects.toThrow(
      /HTTP 503 ServiceUnavailable/,
    );
    expect(arm.requests).toHaveLength(1);
    const throttled = fakeArm([
      { ...armError(429, 'TooManyRequests', 'slow down'), headers: { 'retry-after': '2' } },
      accepted('d'),
      done(''),
    ]);
    await runCommandApi(target(), throttled.seams).run({ command: 'helm upgrade' });
    expect(throttled.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
  });

  it('refuses an accepted command without a commandResults Location', async () => {
    const arm = fakeArm([{ status: 202, headers: {}, body: '' }]);
    await expect(runCommandApi(target(), arm.seams).run({ command: 'x' })).rejects.toThrow(
      /gave no commandResults Location/,
    );
  });

  it.each([
    [
      'the POST',
      [armError(403, 'AuthorizationFailed', 'no runCommand/action')],
      /lacks Microsoft\.ContainerService\/managedClusters\/runCommand\/action/,
    ],
    [
      'the result',
      [accepted('e'), armError(403, 'AuthorizationFailed', 'no commandResults/read')],
      /lacks Microsoft\.ContainerService\/managedClusters\/commandResults\/read/,
    ],
  ])('names the action the identity lacks when %s is forbidden', async (_what, answers, hint) => {
    const arm = fakeArm(answers as HttpResponse[]);
    const error = (await runCommandApi(target(), arm.seams)
      .run({ command: 'x' })
      .catch((e: unknown) => e)) as ActionError;
    expect(error.details.input).toBe('client-id');
    expect(error.details.hint).toMatch(hint);
    expect(error.details.hint).toContain(
      'az role assignment create --assignee client-1 --role "AKS runCommand Invoker" --scope /subscriptions/sub/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-private',
    );
  });
});

describe('explainRunCommandRefusal and explainCommandFailure', () => {
  it('tells a cluster with runCommand disabled how to enable it', () => {
    const error = explainRunCommandRefusal(
      400,
      JSON.stringify({ error: { code: 'BadRequest', message: 'Run command is disabled for this managed cluster.' } }),
      cluster,
      'client-1',
      submitOperation('aks-private'),
    );
    expect(error.message).toBe(
      'runCommand is disabled on AKS cluster aks-private: Run command is disabled for this managed cluster.',
    );
    expect(error.details.input).toBe('private-cluster');
    expect(error.details.hint).toContain('az aks update --resource-group rg --name aks-private --enable-run-command');
  });

  it.each([
    [
      'KubernetesPerformanceError: container command-9 in aks-command namespace did not start within 30s',
      true,
      /did not start in time/,
      /200m CPU and 500Mi memory/,
    ],
    [
      'Failed to run command in managed cluster due to kubernetes failure. details: admission webhook "validation.gatekeeper.sh" denied the request: read-only root filesystem',
      false,
      /^Azure Policy blocks the runCommand pod in namespace aks-command/,
      /Namespace exclusions/,
    ],
    [
      'ImagePullBackoff',
      false,
      /^runCommand could not run the command on AKS cluster aks-private: ImagePullBackoff$/,
      /namespace aks-command/,
    ],
  ])('%s → retryable %s', (reason, retryable, message, hint) => {
    const failure = explainCommandFailure(reason, cluster);
    expect(failure.retryable).toBe(retryable);
    expect(failure.error.message).toMatch(message);
    expect(failure.error.details.hint).toMatch(hint);
  });
});
