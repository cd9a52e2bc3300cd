// The zero-downtime settings as the values stage merges them: on by default, below everything the user gives, one
// input turns them off, and a release left with one replica is warned about.
import { describe, expect, it } from '@jest/globals';
import { prepareValues, type MergedValues } from '../../src/values/index.js';
import { PRE_STOP_PAUSE_SECONDS } from '../../src/values/zero-downtime.js';
import { captureStdout, configFrom, validInputs, type Files } from '../inputs/fixture.js';
import { SecretSet } from '../../src/secrets/index.js';

async function prepare(inputs: Record<string, string>, files: Files = {}): Promise<MergedValues> {
  const secrets = new SecretSet();
  return (
    await captureStdout(() => prepareValues(configFrom({ ...validInputs(), ...inputs }, files, secrets), secrets))
  ).result;
}

const selector = { 'app.kubernetes.io/name': 'gateway', 'app.kubernetes.io/instance': 'portkey-ai' };
const SINGLE = /The gateway runs 1 replica/;

describe('zero-downtime', () => {
  it('is on by default: 2 replicas, one new pod at a time, a preStop pause, the grace period, spread', async () => {
    const merged = await prepare({});
    expect(merged.values).toMatchObject({
      replicaCount: 2,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      terminationGracePeriodSeconds: 120,
      extraContainerConfig: {
        lifecycle: { preStop: { exec: { command: ['sleep', String(PRE_STOP_PAUSE_SECONDS)] } } },
      },
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selector },
        },
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selector },
        },
      ],
    });
    expect(merged.sourceOf(['strategy', 'rollingUpdate', 'maxUnavailable'])).toBe('action defaults');
    // `topologyKey` names a label, not an access key: the values shown in the log and the plan keep it.
    expect(merged.redactedYaml).toContain('topologyKey: topology.kubernetes.io/zone');
    expect(merged.warnings).toEqual([]);
  });

  it('leaves the chart’s own defaults with `zero-downtime: false`', async () => {
    const merged = await prepare({ 'zero-downtime': 'false' });
    for (const key of [
      'replicaCount',
      'strategy',
      'terminationGracePeriodSeconds',
      'extraContainerConfig',
      'topologySpreadConstraints',
    ]) {
      expect(merged.values).not.toHaveProperty(key);
    }
  });

  it.each([
    [{ 'termination-grace-period': '10m' }, 600],
    // The pause comes out of the grace period: never less than the pause and a little.
    [{ 'termination-grace-period': '3s' }, PRE_STOP_PAUSE_SECONDS + 5],
  ])('takes the grace period from %j', async (inputs, seconds) => {
    expect((await prepare(inputs)).values.terminationGracePeriodSeconds).toBe(seconds);
  });

  it('ranks below what the user gives, without a warning about it', async () => {
    const merged = await prepare({
      values: 'strategy: {type: Recreate}\nnameOverride: gw\ntopologySpreadConstraints: []\n',
      replicas: '3',
    });
    expect(merged.values).toMatchObject({
      replicaCount: 3,
      strategy: { type: 'Recreate' },
      topologySpreadConstraints: [],
    });
    expect(merged.warnings).toEqual([]);
  });

  it('spreads by the chart’s selector labels, nameOverride included', async () => {
    const merged = await prepare({ values: 'nameOverride: gw\n', 'release-name': 'edge' });
    const [host] = merged.values.topologySpreadConstraints as { labelSelector: unknown }[];
    expect(host.labelSelector).toEqual({
      matchLabels: { 'app.kubernetes.io/name': 'gw', 'app.kubernetes.io/instance': 'edge' },
    });
  });

  it.each([
    ['`replicas: 1`', { replicas: '1' }, true],
    ['replicaCount 1 in values', { values: 'replicaCount: 1' }, true],
    ['1 replica with autoscaling', { values: 'replicaCount: 1\nautoscaling: {enabled: true}' }, false],
    ['1 replica with zero-downtime off', { replicas: '1', 'zero-downtime': 'false' }, false],
  ])('warns about a single replica: %s', async (_name, inputs, warned) => {
    const { warnings } = await prepare(inputs);
    expect(warnings.some((w) => SINGLE.test(w))).toBe(warned);
  });
});
