// Pods shaped like `kubectl get pods -o json` prints them in each state the rollout watch must recognise.
import type { Pod } from '../../src/verify/pod-health.js';

const RS_UID = 'rs-uid-new';

function base(name: string, overrides: { rsUid?: string; created?: string } = {}): Pod['metadata'] {
  return {
    name,
    namespace: 'portkeyai',
    uid: `uid-${name}`,
    labels: {
      'app.kubernetes.io/name': 'gateway',
      'app.kubernetes.io/instance': 'portkey-ai',
      'pod-template-hash': 'abc',
    },
    ownerReferences: [{ kind: 'ReplicaSet', name: 'portkey-ai-gateway-abc', uid: overrides.rsUid ?? RS_UID }],
    creationTimestamp: overrides.created ?? '2026-11-02T10:00:05Z',
  };
}

const scheduled = { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-02T10:00:05Z' };

export function crashLoopPod(name = 'portkey-ai-gateway-abc-x1', rsUid?: string): Pod {
  return {
    metadata: base(name, { rsUid }),
    status: {
      phase: 'Running',
      conditions: [
        scheduled,
        { type: 'Initialized', status: 'True' },
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: 'containers with unready status: [gateway]',
        },
        {
          type: 'ContainersReady',
          status: 'False',
          reason: 'ContainersNotReady',
          message: 'containers with unready status: [gateway]',
        },
      ],
      containerStatuses: [
        {
          name: 'gateway',
          ready: false,
          restartCount: 3,
          image: 'docker.io/portkeyai/gateway_enterprise:2.13.0',
          state: {
            waiting: {
              reason: 'CrashLoopBackOff',
              message: `back-off 40s restarting failed container=gateway pod=${name}_portkeyai(uid-${name})`,
            },
          },
          lastState: { terminated: { exitCode: 1, reason: 'Error' } },
        },
      ],
    },
  };
}

export function imagePullPod(name = 'portkey-ai-gateway-abc-x2', reason = 'ImagePullBackOff'): Pod {
  return {
    metadata: base(name),
    status: {
      phase: 'Pending',
      conditions: [scheduled, { type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
      containerStatuses: [
        {
          name: 'gateway',
          ready: false,
          restartCount: 0,
          image: 'docker.io/portkeyai/gateway_enterprise:9.9.9',
          state: {
            waiting: {
              reason,
              message: 'Back-off pulling image "docker.io/portkeyai/gateway_enterprise:9.9.9"',
            },
          },
        },
      ],
    },
  };
}

export function configErrorPod(name = 'portkey-ai-gateway-abc-x3'): Pod {
  return {
    metadata: base(name),
    status: {
      phase: 'Pending',
      conditions: [scheduled, { type: 'Ready', status: 'False', reason: 'ContainersNotReady' }],
      containerStatuses: [
        {
          name: 'gateway',
          ready: false,
          restartCount: 0,
          state: { waiting: { reason: 'CreateContainerConfigError', message: 'secret "portkey-env" not found' } },
        },
      ],
    },
  };
}

export function unschedulablePod(name = 'portkey-ai-gateway-abc-x4'): Pod {
  return {
    metadata: base(name),
    status: {
      phase: 'Pending',
      conditions: [
        {
          type: 'PodScheduled',
          status: 'False',
          reason: 'Unschedulable',
          message: '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available.',
        },
      ],
    },
  };
}

export function healthyPod(name = 'portkey-ai-gateway-abc-x5'): Pod {
  return {
    metadata: base(name),
    status: {
      phase: 'Running',
      conditions: [scheduled, { type: 'Ready', status: 'True' }, { type: 'ContainersReady', status: 'True' }],
      containerStatuses: [
        { name: 'gateway', ready: true, restartCount: 0, state: { running: { startedAt: '2026-11-02T10:00:09Z' } } },
      ],
    },
  };
}

/** Running, never crashing, but its readiness probe keeps failing. */
export function neverReadyPod(name = 'portkey-ai-gateway-abc-x6'): Pod {
  return {
    metadata: base(name),
    status: {
      phase: 'Running',
      conditions: [
        scheduled,
        {
          type: 'Ready',
          status: 'False',
          reason: 'ContainersNotReady',
          message: 'containers with unready status: [gateway]',
        },
      ],
      containerStatuses: [
        { name: 'gateway', ready: false, restartCount: 0, state: { running: { startedAt: '2026-11-02T10:00:09Z' } } },
      ],
    },
  };
}
