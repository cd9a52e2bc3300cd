// The kubelet the real-cluster tier plays: the statuses it writes must be the ones a kubelet would, or the tier tests
// the action against states no cluster shows.
import { describe, expect, it } from '@jest/globals';
import { podStatusFor, type StatusFate } from '../../sandbox/real-cluster/pod-status.js';

const pod = {
  metadata: { name: 'gw-1', namespace: 'ns', uid: 'uid-1' },
  spec: { containers: [{ name: 'gateway', image: 'docker.io/portkeyai/gateway_enterprise:2.13.0' }] },
};
const NOW = '2026-12-01T10:00:00Z';
const conditionOf = (status: Record<string, unknown>, type: string) =>
  (status.conditions as { type: string; status: string; reason?: string }[]).find((c) => c.type === type);

describe('podStatusFor', () => {
  it.each<[StatusFate['kind'], string, string, boolean, Record<string, unknown>]>([
    ['ready', 'Running', 'True', true, { running: { startedAt: NOW } }],
    ['never-ready', 'Running', 'False', true, { running: { startedAt: NOW } }],
    ['crash-loop', 'Running', 'False', true, { waiting: { reason: 'CrashLoopBackOff' } }],
    ['image-pull-backoff', 'Pending', 'False', false, { waiting: { reason: 'ImagePullBackOff' } }],
  ])('%s: phase %s, Ready %s, an IP: %s', (kind, phase, ready, hasIp, state) => {
    const status = podStatusFor(pod, { kind } as StatusFate, NOW, '10.250.0.2');
    expect(status.phase).toBe(phase);
    expect(conditionOf(status, 'Ready')?.status).toBe(ready);
    expect(conditionOf(status, 'PodScheduled')?.status).toBe('True');
    if (ready === 'False') expect(conditionOf(status, 'Ready')?.reason).toBe('ContainersNotReady');
    expect(status.podIP).toBe(hasIp ? '10.250.0.2' : undefined);
    const [container] = status.containerStatuses as Record<string, unknown>[];
    expect(container).toMatchObject({ name: 'gateway', ready: ready === 'True', state });
  });

  it('gives a crash-looping container its restarts and the last exit', () => {
    const [container] = podStatusFor(pod, { kind: 'crash-loop' }, NOW).containerStatuses as Record<string, unknown>[];
    expect(container).toMatchObject({
      restartCount: 4,
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    });
    expect(String((container.state as { waiting: { message: string } }).waiting.message)).toContain(
      'pod=gw-1_ns(uid-1)',
    );
  });
});
