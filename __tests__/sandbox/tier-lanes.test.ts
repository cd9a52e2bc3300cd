// The real-cluster tier's two lanes: balanced by measured time, apart in everything two control planes could collide
// on, and reported to .ci/run as one tier.
import { describe, expect, it } from '@jest/globals';
import { addressRanges } from '../../sandbox/real-cluster/pod-network.js';
import {
  expectedSeconds,
  laneCount,
  laneEnvironment,
  mergeReports,
  splitIntoLanes,
  type JestReport,
} from '../../sandbox/real-cluster/lanes.js';

const TIER = [
  'addresses',
  'availability',
  'canary',
  'configurations',
  'default-deploy',
  'entra-cluster',
  'failures',
  'plan',
  'private-canary',
  'private-cluster',
  'serving-pods',
  'smoke-from-cluster',
  'upgrade-from-guide',
].map((name) => `/repo/__tests__/real-cluster/${name}.test.ts`);

const laneSeconds = (lane: string[]) => lane.reduce((sum, file) => sum + expectedSeconds(file), 0);

describe('splitIntoLanes', () => {
  it('puts every tier file in exactly one of two lanes within a minute of each other', () => {
    const lanes = splitIntoLanes(TIER, 2);
    expect(lanes).toHaveLength(2);
    expect(lanes.flat().sort()).toEqual([...TIER].sort());
    const [a, b] = lanes.map(laneSeconds);
    expect(Math.abs(a - b)).toBeLessThan(60);
    // The longest file goes first, alone, into a lane of its own.
    expect(lanes[0][0]).toMatch(/private-cluster\.test\.ts$/);
  });

  it('runs one file in one lane, and counts a file it has no figure for as a minute', () => {
    expect(splitIntoLanes(['/repo/x/plan.test.ts'], 2)).toEqual([['/repo/x/plan.test.ts']]);
    expect(expectedSeconds('/repo/x/new-file.test.ts')).toBe(60);
    expect(splitIntoLanes(['/r/a.test.ts', '/r/b.test.ts', '/r/c.test.ts'], 2)).toEqual([
      ['/r/a.test.ts', '/r/c.test.ts'],
      ['/r/b.test.ts'],
    ]);
  });
});

describe('laneCount', () => {
  it.each([
    [{}, 2],
    [{ PORTKEY_TIER_LANES: '1' }, 1],
    [{ PORTKEY_TIER_LANES: '3' }, 3],
    [{ PORTKEY_TIER_LANES: '0' }, 1],
    [{ PORTKEY_TIER_LANES: 'many' }, 1],
  ])('%j: %i', (env, count) => {
    expect(laneCount(env)).toBe(count);
  });

  it('puts every file in one lane, longest first, when there is one', () => {
    expect(splitIntoLanes(TIER, 1)).toEqual([
      [...TIER].sort((a, b) => expectedSeconds(b) - expectedSeconds(a) || a.localeCompare(b)),
    ]);
  });
});

describe('laneEnvironment', () => {
  it('leaves lane 0 as configured, only marking it a lane', () => {
    expect(laneEnvironment({ PK8S_API_PORT: '26743' }, 0)).toEqual({ PORTKEY_TIER_LANE: '0' });
  });

  it.each([
    ['the defaults', {}, '/var/tmp/portkey-k8s-lane1', 'pk-pods1', '10.250.4.1', '10.250.4.2', 26493, 26530],
    [
      'slot c',
      {
        PK8S: '/var/tmp/pk8s-c',
        PK8S_API_PORT: '26743',
        PORTKEY_TOKEN_REVIEW_PORT: '26780',
        PORTKEY_NETNS: 'pk-c',
        PORTKEY_NETNS_HOST_IP: '10.23.0.1',
        PORTKEY_NETNS_POD_IP: '10.23.0.2',
      },
      '/var/tmp/pk8s-c-lane1',
      'pk-c1',
      '10.23.4.1',
      '10.23.4.2',
      26793,
      26830,
    ],
  ])(
    'gives lane 1 its own folder, ports, namespace and addresses (%s)',
    (_, env, pk8s, netns, hostIp, podIp, api, review) => {
      const lane = laneEnvironment(env, 1);
      expect(lane).toMatchObject({
        PORTKEY_TIER_LANE: '1',
        PK8S: pk8s,
        PORTKEY_NETNS: netns,
        PORTKEY_NETNS_HOST_IP: hostIp,
        PORTKEY_NETNS_POD_IP: podIp,
        PK8S_API_PORT: String(api),
        PORTKEY_TOKEN_REVIEW_PORT: String(review),
      });
      // No port of lane 1 is one of lane 0's, nor one a neighbouring slot (ports 100 apart) uses.
      const lane0 = laneEnvironment(env, 0);
      const portNames = Object.keys(lane).filter((name) => name.endsWith('_PORT'));
      expect(portNames).toHaveLength(6);
      for (const name of portNames) {
        const before = Number((env as Record<string, string>)[name] ?? Number(lane[name]) - 50);
        expect(Number(lane[name]) - before).toBe(50);
        expect(lane0[name]).toBeUndefined();
      }
      // The lane's pod and load-balancer ranges are not lane 0's.
      const ranges0 = addressRanges({ hostIp: (env as Record<string, string>).PORTKEY_NETNS_HOST_IP ?? '10.250.0.1' });
      const ranges1 = addressRanges({ hostIp });
      expect([ranges1.pods, ranges1.loadBalancers]).not.toContain(ranges0.pods);
      expect([ranges1.pods, ranges1.loadBalancers]).not.toContain(ranges0.loadBalancers);
    },
  );

  it('refuses a pod network too near the end of its /16 to move a lane on', () => {
    expect(() => laneEnvironment({ PORTKEY_NETNS_HOST_IP: '10.250.252.1' }, 1)).toThrow(
      /10\.250\.252\.1 leaves no room for lane addresses 4 \/24s further on/,
    );
  });
});

describe('mergeReports', () => {
  const report = (passed: number, failed: number, files: string[]): JestReport => ({
    success: failed === 0,
    numTotalTestSuites: files.length,
    numPassedTestSuites: failed === 0 ? files.length : files.length - 1,
    numFailedTestSuites: failed === 0 ? 0 : 1,
    numTotalTests: passed + failed,
    numPassedTests: passed,
    numFailedTests: failed,
    numPendingTests: 0,
    testResults: files.map((name) => ({ name })),
  });

  it('adds the lanes’ counts up and keeps every file’s results; one failing lane fails the tier', () => {
    const merged = mergeReports([report(40, 0, ['a', 'b']), report(50, 1, ['c'])]);
    expect(merged).toMatchObject({
      success: false,
      numTotalTestSuites: 3,
      numPassedTestSuites: 2,
      numFailedTestSuites: 1,
      numTotalTests: 91,
      numPassedTests: 90,
      numFailedTests: 1,
      numPendingTests: 0,
      testResults: [{ name: 'a' }, { name: 'b' }, { name: 'c' }],
    });
    expect(mergeReports([report(40, 0, ['a']), report(51, 0, ['c'])]).success).toBe(true);
  });
});
