import { describe, expect, it } from '@jest/globals';
import { adviseOnUpgradeFailure } from '../../src/deploy/failure-hints.js';

const release = { name: 'portkey-ai', namespace: 'portkeyai' };

describe('adviseOnUpgradeFailure', () => {
  it.each([
    [
      'resource mapping not found for name: "portkey-ai-gateway" namespace: "" from "": no matches for kind "HorizontalPodAutoscaler" in version "autoscaling/v2"\nensure CRDs are installed first',
      'values',
      'Kubernetes 1.23 or newer',
    ],
    [
      'another operation (install/upgrade/rollback) is in progress',
      'recover-stuck-release',
      'recover-stuck-release: true',
    ],
    ['Kubernetes cluster unreachable: connection refused', undefined, 'authorized IP ranges'],
    [
      'looks like "https://charts.example.com" is not a valid chart repository or cannot be reached: Get "https://charts.example.com/index.yaml": dial tcp 10.0.0.9:443: connect: connection refused',
      'chart-repository',
      'could not read the chart repository',
    ],
    ['something nobody foresaw', undefined, 'helm history portkey-ai -n portkeyai'],
  ])('%s', (message, input, hint) => {
    const advice = adviseOnUpgradeFailure(message, release);
    expect(advice.input).toBe(input);
    expect(advice.hint).toContain(hint);
  });
});
