import { describe, expect, it } from '@jest/globals';
import { ActionError } from '../../src/errors.js';
import { waitForRollout } from '../../src/verify/rollout.js';
import type { Workload } from '../../src/verify/workloads.js';
import { fakeCluster, tools, type FakeClusterState } from './fake-cluster.js';
import { crashLoopPod, healthyPod, neverReadyPod, unschedulablePod } from './pods.js';

const MANIFEST = `---
# Source: gateway/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: portkey-ai-gateway
spec:
  type: LoadBalancer
---
# Source: gateway/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: portkey-ai-gateway
spec:
  selector:
    matchLabels:
      app.kubernetes.io/name: gateway
      app.kubernetes.io/instance: portkey-ai
`;

function deployment(status: Workload['status'], generation = 2): Workload {
  return {
    kind: 'Deployment',
    metadata: {
      name: 'portkey-ai-gateway',
      namespace: 'portkeyai',
      uid: 'deploy-uid',
      generation,
      annotations: { 'deployment.kubernetes.io/revision': '2' },
    },
    spec: {
      replicas: 1,
      selector: { matchLabels: { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'portkey-ai' } },
    },
    status,
  };
}

const rolledOut = { observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 };
const progressing = { observedGeneration: 2, replicas: 1, updatedReplicas: 1, readyReplicas: 0, availableReplicas: 0 };

function replicaSet(uid: string, revision: string) {
  return {
    metadata: {
      name: `portkey-ai-gateway-${revision}`,
      uid,
      annotations: { 'deployment.kubernetes.io/revision': revision },
      ownerReferences: [{ kind: 'Deployment', name: 'portkey-ai-gateway', uid: 'deploy-uid' }],
    },
  };
}

function state(overrides: Partial<FakeClusterState> = {}): FakeClusterState {
  return {
    release: { revision: 2, status: 'pending-upgrade', updated: '2026-11-02T10:00:00.5Z', manifest: MANIFEST },
    workloads: [deployment(progressing)],
    pods: [],
    replicaSets: [replicaSet('rs-uid-old', '1'), replicaSet('rs-uid-new', '2')],
    events: {},
    logs: {},
    objects: {},
    ...overrides,
  };
}

const input = (start: number, extra = {}) => ({
  releaseName: 'portkey-ai',
  namespace: 'portkeyai',
  deadline: start + 600_000,
  sinceRevision: 1,
  ...extra,
});

async function failureOf(promise: Promise<unknown>): Promise<ActionError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ActionError);
  return error as ActionError;
}

describe('waitForRollout', () => {
  const cannotCreate = {
    ...progressing,
    replicas: 0,
    updatedReplicas: 0,
    conditions: [
      {
        type: 'ReplicaFailure',
        status: 'True',
        reason: 'FailedCreate',
        message:
          'pods "portkey-ai-gateway-2-x1" is forbidden: error looking up service account portkeyai/gateway-sa: serviceaccount "gateway-sa" not found',
      },
    ],
  };

  it('fails when the controller cannot create the pods for 5 s, naming the service account to create', async () => {
    const s = state({ workloads: [deployment(cannotCreate)] });
    const cluster = fakeCluster(s);
    const error = await failureOf(waitForRollout(input(cluster.start), tools, cluster.seams));
    const waited = cluster.now() - cluster.start;
    expect(waited).toBeGreaterThanOrEqual(5000);
    expect(waited).toBeLessThan(8000);
    expect(error.message).toBe(
      'The rollout of release portkey-ai failed: Deployment portkey-ai-gateway cannot create its pods (FailedCreate): ' +
        cannotCreate.conditions[0].message,
    );
    expect(error.details.input).toBe('service-account-name');
    expect(error.details.hint).toContain('create-service-account: true');
    expect(error.details.diagnosis).toContain('Condition: ReplicaFailure (FailedCreate)');
  });

  it('waits out a ReplicaFailure that clears within the grace period', async () => {
    const s = state({ workloads: [deployment(cannotCreate)] });
    const cluster = fakeCluster(s, (now) => {
      if (now - cluster.start >= 3000) s.workloads = [deployment(rolledOut)];
      if (now - cluster.start >= 3000) s.release = { ...s.release!, status: 'deployed' };
    });
    const report = await waitForRollout(input(cluster.start), tools, cluster.seams);
    expect(report.workloads).toEqual(['Deployment portkey-ai-gateway: 1/1 ready, 1 updated, 1 available']);
  });

  it('fails a crash loop seconds after it starts, with reason, events and the previous run’s last log lines', async () => {
    const s = state({ pods: [neverReadyPod('portkey-ai-gateway-2-x1')] });
    s.pods[0].metadata.ownerReferences![0].uid = 'rs-uid-new';
    s.events['portkey-ai-gateway-2-x1'] = [
      {
        type: 'Normal',
        reason: 'Pulled',
        message: 'Container image already present',
        lastTimestamp: '2026-11-02T10:00:07Z',
      },
      {
        type: 'Warning',
        reason: 'BackOff',
        message: 'Back-off restarting failed container gateway',
        count: 4,
        lastTimestamp: '2026-11-02T10:00:40Z',
      },
    ];
    s.logs['portkey-ai-gateway-2-x1/gateway/previous'] = 'Starting gateway\nError: PORTKEY_CLIENT_AUTH is invalid\n';
    const cluster = fakeCluster(s, (now) => {
      if (now - cluster.start >= 6000) s.pods = [crashLoopPod('portkey-ai-gateway-2-x1', 'rs-uid-new')];
    });

    const error = await failureOf(waitForRollout(input(cluster.start), tools, cluster.seams));

    expect(cluster.now() - cluster.start).toBeLessThan(15_000);
    expect(cluster.sleeps.every((ms) => ms === 1000)).toBe(true);
    expect(error.message).toBe(
      'The rollout of release portkey-ai failed: pod portkey-ai-gateway-2-x1, container gateway is in CrashLoopBackOff: ' +
        'back-off 40s restarting failed container=gateway pod=portkey-ai-gateway-2-x1_portkeyai(uid-portkey-ai-gateway-2-x1)',
    );
    expect(error.details.hint).toContain('portkey-client-auth');
    const diagnosis = error.details.diagnosis!;
    expect(diagnosis).toContain('Pod: portkey-ai-gateway-2-x1 (namespace portkeyai)');
    expect(diagnosis).toContain('Container: gateway');
    expect(diagnosis).toContain('Reason: CrashLoopBackOff');
    expect(diagnosis).toContain('Previous run: exit code 1 (Error), 3 restart(s)');
    expect(diagnosis).toContain(
      '2026-11-02T10:00:40Z Warning BackOff (x4): Back-off restarting failed container gateway',
    );
    expect(diagnosis).toContain(
      'Last log lines of the previous run of gateway:\n  Starting gateway\n  Error: PORTKEY_CLIENT_AUTH is invalid',
    );
    expect(cluster.calls).toContainEqual([
      'kubectl',
      'logs',
      'portkey-ai-gateway-2-x1',
      '-n',
      'portkeyai',
      '-c',
      'gateway',
      '--tail',
      '20',
      '--previous',
    ]);
    expect(cluster.calls).toContainEqual([
      'kubectl',
      'get',
      'events',
      '-n',
      'portkeyai',
      '--field-selector',
      'involvedObject.name=portkey-ai-gateway-2-x1',
      '-o',
      'json',
    ]);
  });

  it('waits for the release to appear, does not resolve while helm is still applying, then reports each workload', async () => {
    const s = state({ release: undefined, pods: [healthyPod()] });
    const cluster = fakeCluster(s, (now) => {
      const t = now - cluster.start;
      if (t >= 2000) s.release = { revision: 1, status: 'pending-install', manifest: MANIFEST };
      if (t >= 4000) s.workloads = [deployment(rolledOut)];
      if (t >= 6000) s.release!.status = 'deployed';
    });

    const report = await waitForRollout(input(cluster.start, { sinceRevision: 0 }), tools, cluster.seams);

    expect(report).toEqual({
      revision: 1,
      workloads: ['Deployment portkey-ai-gateway: 1/1 ready, 1 updated, 1 available'],
      elapsedMs: 6000,
    });
    expect(cluster.calls).toContainEqual([
      'helm',
      'history',
      '--max',
      '1',
      'portkey-ai',
      '-n',
      'portkeyai',
      '-o',
      'json',
    ]);
    expect(cluster.calls).toContainEqual([
      'helm',
      'get',
      'manifest',
      '--revision',
      '1',
      'portkey-ai',
      '-n',
      'portkeyai',
    ]);
    expect(cluster.calls.filter((c) => c[1] === 'get' && c[2] === 'manifest')).toHaveLength(1);
    expect(cluster.calls).toContainEqual([
      'kubectl',
      'get',
      'pods,replicasets',
      '-n',
      'portkeyai',
      '-l',
      'app.kubernetes.io/name=gateway,app.kubernetes.io/instance=portkey-ai',
      '-o',
      'json',
    ]);
  });

  it('looks again as soon as helm has finished instead of sleeping out the poll interval', async () => {
    const s = state({
      release: { revision: 1, status: 'pending-install', manifest: MANIFEST },
      workloads: [deployment(rolledOut)],
      pods: [healthyPod()],
    });
    const cluster = fakeCluster(s);
    let helmFinished: () => void = () => {};
    const wake = new Promise<void>((resolve) => (helmFinished = resolve));
    let naps = 0;
    // A nap that never ends: only the wake-up can bring the watcher back.
    const sleep = () => {
      naps += 1;
      s.release!.status = 'deployed';
      helmFinished();
      return new Promise<void>(() => {});
    };
    const report = await waitForRollout(input(cluster.start, { sinceRevision: 0, wake }), tools, {
      ...cluster.seams,
      sleep,
    });
    expect(report.revision).toBe(1);
    expect(naps).toBe(1);
  });

  it('does not take the previous, healthy revision for this one', async () => {
    const s = state({
      release: { revision: 3, status: 'deployed', manifest: MANIFEST },
      workloads: [deployment(rolledOut)],
    });
    const cluster = fakeCluster(s, (now) => {
      if (now - cluster.start >= 3000) s.release = { revision: 4, status: 'deployed', manifest: MANIFEST };
    });
    const report = await waitForRollout(input(cluster.start, { sinceRevision: 3 }), tools, cluster.seams);
    expect(report.revision).toBe(4);
    expect(report.elapsedMs).toBe(3000);
  });

  it('ignores crash-looping pods of the revision being replaced', async () => {
    const old = crashLoopPod('portkey-ai-gateway-1-old', 'rs-uid-old');
    const cluster = fakeCluster(
      state({
        release: { revision: 2, status: 'deployed', manifest: MANIFEST },
        workloads: [deployment(rolledOut)],
        pods: [old, healthyPod()],
      }),
    );
    await expect(waitForRollout(input(cluster.start), tools, cluster.seams)).resolves.toMatchObject({ revision: 2 });
  });

  it('while helm applies, does not judge pods older than the revision', async () => {
    const s = state({ replicaSets: [], pods: [crashLoopPod('old-pod')] });
    s.pods[0].metadata.creationTimestamp = '2026-11-01T09:00:00Z';
    const cluster = fakeCluster(s, (now) => {
      if (now - cluster.start >= 2000)
        s.pods.push({
          ...crashLoopPod('new-pod'),
          metadata: { ...crashLoopPod('new-pod').metadata, creationTimestamp: '2026-11-02T10:00:00Z' },
        });
    });
    const error = await failureOf(waitForRollout(input(cluster.start), tools, cluster.seams));
    expect(error.message).toContain('pod new-pod, container gateway is in CrashLoopBackOff');
  });

  it('keeps waiting for an unschedulable pod the cluster autoscaler is making room for, and fails one it is not', async () => {
    const s = state({ pods: [unschedulablePod('pending-pod')] });
    s.events['pending-pod'] = [
      {
        type: 'Normal',
        reason: 'TriggeredScaleUp',
        message: 'pod triggered scale-up: [{aks-nodepool1 1->2 (max: 5)}]',
      },
    ];
    const cluster = fakeCluster(s, (now) => {
      if (now - cluster.start >= 5000)
        s.events['pending-pod'] = [
          {
            type: 'Warning',
            reason: 'FailedScheduling',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
            count: 3,
          },
        ];
    });
    const error = await failureOf(waitForRollout(input(cluster.start), tools, cluster.seams));
    expect(cluster.now() - cluster.start).toBe(5000);
    expect(error.message).toContain(
      'pod pending-pod is in Unschedulable: 0/3 nodes are available: 3 Insufficient cpu.',
    );
    expect(error.details.diagnosis).toContain('Warning FailedScheduling (x3): 0/3 nodes are available');
    expect(error.details.diagnosis).not.toContain('Last log lines');
  });

  it('at the deadline, fails with the workload counts, pod conditions, events and current log lines', async () => {
    const s = state({
      pods: [neverReadyPod('slow-pod')],
      release: { revision: 2, status: 'pending-upgrade', manifest: MANIFEST },
    });
    s.pods[0].metadata.ownerReferences![0].uid = 'rs-uid-new';
    s.events['slow-pod'] = [
      {
        type: 'Warning',
        reason: 'Unhealthy',
        message: 'Readiness probe failed: HTTP probe failed with statuscode: 503',
        count: 12,
      },
    ];
    s.logs['slow-pod/gateway'] = 'connecting to control plane...\nretrying';
    const cluster = fakeCluster(s);

    const error = await failureOf(
      waitForRollout(input(cluster.start, { deadline: cluster.start + 30_000 }), tools, cluster.seams),
    );

    expect(cluster.now() - cluster.start).toBe(30_000);
    expect(error.message).toBe(
      'The rollout of release portkey-ai did not finish in time: Deployment portkey-ai-gateway: 0/1 ready, 1 updated, 0 available',
    );
    expect(error.details.input).toBe('timeout');
    const diagnosis = error.details.diagnosis!;
    expect(diagnosis).toContain('Release portkey-ai revision 2 (pending-upgrade)');
    expect(diagnosis).toContain(
      'Pod slow-pod:\n  condition Ready=False (ContainersNotReady: containers with unready status: [gateway])',
    );
    expect(diagnosis).toContain('Warning Unhealthy (x12): Readiness probe failed');
    expect(diagnosis).toContain('Last log lines of gateway:\n  connecting to control plane...\n  retrying');
  });

  it('says so when helm never recorded the release', async () => {
    const cluster = fakeCluster(state({ release: undefined }));
    const error = await failureOf(
      waitForRollout(input(cluster.start, { deadline: cluster.start + 5000 }), tools, cluster.seams),
    );
    expect(error.message).toBe(
      'The rollout of release portkey-ai never started: helm has no release portkey-ai in namespace portkeyai',
    );
  });

  it('fails at once when helm marks the revision failed', async () => {
    const cluster = fakeCluster(
      state({ release: { revision: 2, status: 'failed', manifest: MANIFEST }, pods: [neverReadyPod()] }),
    );
    const error = await failureOf(waitForRollout(input(cluster.start), tools, cluster.seams));
    expect(error.message).toBe(
      'helm marked revision 2 of release portkey-ai as failed: Deployment portkey-ai-gateway: 0/1 ready, 1 updated, 0 available',
    );
    expect(cluster.sleeps).toEqual([]);
  });

  it('fails at once without read access, and retries other errors', async () => {
    const denied = fakeCluster(
      state({
        failing: {
          match: 'pods,replicasets',
          stderr: 'Error from server (Forbidden): pods is forbidden: User "ci" cannot list resource "pods"',
        },
      }),
    );
    const error = await failureOf(waitForRollout(input(denied.start), tools, denied.seams));
    expect(error.message).toContain('Cannot watch the rollout of release portkey-ai: Error from server (Forbidden)');

    const s = state({
      release: { revision: 2, status: 'deployed', manifest: MANIFEST },
      workloads: [deployment(rolledOut)],
      failing: { match: 'pods,replicasets', stderr: 'connection reset by peer' },
    });
    const flaky = fakeCluster(s, (now) => {
      if (now - flaky.start >= 2000) s.failing = undefined;
    });
    await expect(waitForRollout(input(flaky.start), tools, flaky.seams)).resolves.toMatchObject({ elapsedMs: 2000 });
  });

  it('stops when its signal is aborted', async () => {
    const controller = new AbortController();
    const cluster = fakeCluster(state(), (now) => {
      if (now - cluster.start >= 3000) controller.abort(new Error('helm failed'));
    });
    await expect(
      waitForRollout(input(cluster.start, { signal: controller.signal }), tools, cluster.seams),
    ).rejects.toThrow('helm failed');
  });
});
