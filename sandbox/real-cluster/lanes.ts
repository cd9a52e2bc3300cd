// The real-cluster tier in two lanes: each lane is a whole tier run of its own (a control plane, a pod network, a
// TokenReview port, a jest process) over part of the tier's files, and the two run side by side. Most of a tier file's
// time is waiting on the cluster (rollouts, back-offs, a 310 s rollout that outlives `az aks command invoke`), so two
// lanes on 2 cores take about half the time of one, and nothing is shared between them that a test could notice.
// Pure: run-tier.ts does the spawning.
import * as path from 'node:path';

/** Two, one per core; PORTKEY_TIER_LANES=1 runs the whole tier in one lane, one file after another. */
export const laneCount = (env: NodeJS.ProcessEnv) => Math.max(1, Number(env.PORTKEY_TIER_LANES ?? 2) || 1);
/** Set in a lane's environment: run-tier.ts then runs that lane's files itself instead of splitting them again. */
export const LANE_ENV = 'PORTKEY_TIER_LANE';

/**
 * Seconds each tier file took on main's clean CI run (2 cores): what the split balances. A file not listed counts as
 * UNMEASURED_SECONDS; a stale figure only costs balance, never a test.
 */
const MEASURED_SECONDS: Record<string, number> = {
  'private-cluster.test.ts': 456,
  'serving-pods.test.ts': 197,
  'configurations.test.ts': 173,
  'canary.test.ts': 127,
  'failures.test.ts': 122,
  'smoke-from-cluster.test.ts': 98,
  'private-canary.test.ts': 93,
  'availability.test.ts': 74,
  'addresses.test.ts': 37,
  'default-deploy.test.ts': 31,
  'plan.test.ts': 27,
  'entra-cluster.test.ts': 23,
  'upgrade-from-guide.test.ts': 23,
};
const UNMEASURED_SECONDS = 60;

export const expectedSeconds = (file: string) => MEASURED_SECONDS[path.basename(file)] ?? UNMEASURED_SECONDS;

/**
 * Longest file first, each to the lane with the least expected time so far; lanes left empty are dropped, and each
 * lane keeps its files longest first (jest runs a lane's files in the order given only with a warm cache, so this is
 * about balance, not order).
 */
export function splitIntoLanes(files: string[], lanes: number): string[][] {
  const sorted = [...files].sort((a, b) => expectedSeconds(b) - expectedSeconds(a) || a.localeCompare(b));
  const split = Array.from({ length: lanes }, () => ({ seconds: 0, files: [] as string[] }));
  for (const file of sorted) {
    const lightest = split.reduce((least, lane) => (lane.seconds < least.seconds ? lane : least));
    lightest.files.push(file);
    lightest.seconds += expectedSeconds(file);
  }
  return split.map((lane) => lane.files).filter((laneFiles) => laneFiles.length > 0);
}

/** Every port the shared kit's start.sh and the tier use, and its default (../shared/real-cluster/env.sh). */
const PORTS: Record<string, number> = {
  PK8S_API_PORT: 26443,
  PK8S_ETCD_PORT: 22379,
  PK8S_ETCD_PEER_PORT: 22380,
  PK8S_KCM_PORT: 21257,
  PK8S_SCHED_PORT: 21259,
  PORTKEY_TOKEN_REVIEW_PORT: 26480,
};
/** Slots (/work/briefs/slot.sh-style) step ports by 100: lanes step by 50, between them. */
const LANE_PORT_STEP = 50;
/** A lane's pod network is 4 /24s further on: its /30, its pods' /24 and its load balancers' /24 (pod-network.ts). */
const LANE_SUBNET_STEP = 4;

const shiftThird = (ip: string, by: number) => {
  const octets = ip.split('.').map(Number);
  if (octets.length !== 4 || octets[2] + by > 253) {
    throw new Error(`The pod network address ${ip} leaves no room for lane addresses ${by} /24s further on.`);
  }
  octets[2] += by;
  return octets.join('.');
};

/**
 * What lane `lane` (0-based) changes in the tier's environment: lane 0 is the tier as configured; each further lane
 * gets its own control plane folder, ports, network namespace and addresses, derived from the configured ones.
 */
export function laneEnvironment(env: NodeJS.ProcessEnv, lane: number): Record<string, string> {
  const changed: Record<string, string> = { [LANE_ENV]: String(lane) };
  if (lane === 0) return changed;
  for (const [name, fallback] of Object.entries(PORTS)) {
    changed[name] = String(Number(env[name] ?? fallback) + lane * LANE_PORT_STEP);
  }
  changed.PK8S = `${env.PK8S ?? '/var/tmp/portkey-k8s'}-lane${lane}`;
  // No separator: netns.sh finds a namespace with `grep -w`, to which `pk-pods-1` would also be `pk-pods`.
  changed.PORTKEY_NETNS = `${env.PORTKEY_NETNS ?? 'pk-pods'}${lane}`;
  changed.PORTKEY_NETNS_HOST_IP = shiftThird(env.PORTKEY_NETNS_HOST_IP ?? '10.250.0.1', lane * LANE_SUBNET_STEP);
  changed.PORTKEY_NETNS_POD_IP = shiftThird(env.PORTKEY_NETNS_POD_IP ?? '10.250.0.2', lane * LANE_SUBNET_STEP);
  return changed;
}

/** The parts of jest's --json report .ci/run reads, and the per-file results. */
export interface JestReport {
  success: boolean;
  numTotalTestSuites: number;
  numPassedTestSuites: number;
  numFailedTestSuites: number;
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  testResults: unknown[];
  [other: string]: unknown;
}

const COUNTS = [
  'numTotalTestSuites',
  'numPassedTestSuites',
  'numFailedTestSuites',
  'numTotalTests',
  'numPassedTests',
  'numFailedTests',
  'numPendingTests',
] as const;

/** One report for the whole tier: the lanes' counts added up, their files' results together. */
export function mergeReports(reports: JestReport[]): JestReport {
  const merged: JestReport = { ...reports[0], success: reports.every((r) => r.success), testResults: [] };
  for (const count of COUNTS) merged[count] = reports.reduce((sum, r) => sum + (r[count] ?? 0), 0);
  merged.testResults = reports.flatMap((r) => r.testResults ?? []);
  return merged;
}
