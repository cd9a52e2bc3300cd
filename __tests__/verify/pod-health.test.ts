import { describe, expect, it } from '@jest/globals';
import {
  adviceFor,
  describeNotReady,
  findPodFailure,
  isPodReady,
  wantsPreviousLogs,
} from '../../src/verify/pod-health.js';
import { configErrorPod, crashLoopPod, healthyPod, imagePullPod, neverReadyPod, unschedulablePod } from './pods.js';

describe('findPodFailure', () => {
  it('recognises a crash loop with its container, restarts and last exit', () => {
    const failure = findPodFailure(crashLoopPod('gw-1'));
    expect(failure).toEqual({
      pod: 'gw-1',
      container: 'gateway',
      reason: 'CrashLoopBackOff',
      message: 'back-off 40s restarting failed container=gateway pod=gw-1_portkeyai(uid-gw-1)',
      restarts: 3,
      lastExit: { exitCode: 1, reason: 'Error' },
    });
    expect(wantsPreviousLogs(failure!)).toBe(true);
  });

  it.each(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName'])(
    'recognises %s and blames the image inputs',
    (reason) => {
      const failure = findPodFailure(imagePullPod('gw-2', reason))!;
      expect(failure.reason).toBe(reason);
      expect(failure.message).toContain('gateway_enterprise:9.9.9');
      expect(wantsPreviousLogs(failure)).toBe(false);
      expect(adviceFor(failure.reason).input).toBe('gateway-image-repository');
    },
  );

  it.each([
    // the kubelet's and containerd's words for a pull, and the input a workflow author must fix
    ['failed to authorize: failed to fetch oauth token: unexpected status: 401 Unauthorized', 'registry-password'],
    ['pulling from host myregistry.azurecr.io failed: authentication required', 'registry-password'],
    ['denied: requested access to the resource is denied', 'registry-password'],
    ['docker.io/portkeyai/gateway_enterprise:9.9.9: not found', 'gateway-image-repository'],
    ['manifest unknown: manifest tagged by "9.9.9" is not found', 'gateway-image-repository'],
    ['pull access denied, repository does not exist or may require authorization', 'gateway-image-repository'],
    ['Back-off pulling image "docker.io/portkeyai/gateway_enterprise:9.9.9"', 'gateway-image-repository'],
  ])('an image pull failing with "%s" names %s', (evidence, input) => {
    expect(adviceFor('ImagePullBackOff', evidence).input).toBe(input);
    expect(adviceFor('ErrImagePull', evidence).input).toBe(input);
  });

  it('recognises a missing Secret or ConfigMap', () => {
    const failure = findPodFailure(configErrorPod())!;
    expect(failure.reason).toBe('CreateContainerConfigError');
    expect(failure.message).toBe('secret "portkey-env" not found');
    expect(adviceFor(failure.reason).hint).toContain('existingSecret');
  });

  it('recognises a pod no node can take', () => {
    const failure = findPodFailure(unschedulablePod('gw-4'))!;
    expect(failure).toEqual({
      pod: 'gw-4',
      reason: 'Unschedulable',
      message: expect.stringContaining('Insufficient cpu'),
    });
    expect(failure.container).toBeUndefined();
  });

  it('checks init containers first', () => {
    const pod = healthyPod();
    pod.status!.initContainerStatuses = [{ name: 'wait-for-redis', state: { waiting: { reason: 'ErrImagePull' } } }];
    expect(findPodFailure(pod)).toMatchObject({ container: 'wait-for-redis', reason: 'ErrImagePull' });
  });

  it('leaves healthy, starting and never-ready pods alone', () => {
    expect(findPodFailure(healthyPod())).toBeUndefined();
    expect(findPodFailure(neverReadyPod())).toBeUndefined();
    const starting = imagePullPod();
    starting.status!.containerStatuses![0].state = { waiting: { reason: 'ContainerCreating' } };
    expect(findPodFailure(starting)).toBeUndefined();
  });
});

describe('readiness', () => {
  it('reads the Ready condition', () => {
    expect(isPodReady(healthyPod())).toBe(true);
    expect(isPodReady(neverReadyPod())).toBe(false);
    expect(isPodReady(unschedulablePod())).toBe(false);
  });

  it('says what keeps a pod from being ready', () => {
    expect(describeNotReady(neverReadyPod())).toEqual([
      'condition Ready=False (ContainersNotReady: containers with unready status: [gateway])',
      'container gateway: running but not ready (readiness probe failing?), 0 restarts',
    ]);
    expect(describeNotReady(crashLoopPod('gw-1'))).toContain(
      'container gateway: waiting (CrashLoopBackOff: back-off 40s restarting failed container=gateway pod=gw-1_portkeyai(uid-gw-1)), 3 restarts',
    );
  });
});
