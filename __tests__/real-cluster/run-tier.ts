// `npm run test:real-cluster [jest args]`: builds the control plane if this machine has not yet (root only), then
// splits the tier's files into two lanes (sandbox/real-cluster/lanes.ts) and runs each lane as its own tier run, side
// by side: this same script again, in the lane's environment (PORTKEY_TIER_LANES=1: one lane, the files in turn). A lane (or a run of one file) starts its control plane
// fresh with the TokenReview webhook the sandbox's Entra emulator answers, gives the Entra admin group cluster-admin,
// makes the pods' network namespace (netns.sh; PORTKEY_NETNS, PORTKEY_NETNS_HOST_IP and PORTKEY_NETNS_POD_IP override
// its name and addresses) with routes to its pod and load-balancer ranges, runs its jest files one after another
// against it, then kills whatever still runs in the namespace (what a killed jest left), stops the control plane and
// removes the namespace (PORTKEY_KEEP_CLUSTER=1 leaves both for poking at with kubectl). SIGINT and SIGTERM are passed
// on and the clean-up still runs. `--outputFile` gets one jest report for the whole tier. Exits with the worst code.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import {
  AdminClient,
  KIT_DIR,
  PK8S,
  buildControlPlane,
  startControlPlane,
  stopControlPlane,
} from '../../sandbox/real-cluster/control-plane.js';
import {
  LANE_ENV,
  laneCount,
  laneEnvironment,
  mergeReports,
  splitIntoLanes,
  type JestReport,
} from '../../sandbox/real-cluster/lanes.js';
import { killProcessesInPodNetwork, routeAddressRanges } from '../../sandbox/real-cluster/pod-network.js';
import { ENTRA_ADMIN_GROUP, prepareTierFiles, TIER_POD_NETWORK } from './tier-files.js';

const JEST = ['jest', '--config', 'jest.real-cluster.config.js'];

/** netns.sh up|down for the tier's pod network (idempotent; root). */
function podNetwork(command: 'up' | 'down'): void {
  const { name, hostIp, podIp } = TIER_POD_NETWORK;
  if (command === 'up' && process.getuid?.() !== 0) {
    throw new Error(`The real-cluster tier puts its pods in a network namespace (${name}): run it as root.`);
  }
  const args = command === 'up' ? [name, hostIp, podIp] : [name];
  execFileSync('bash', [path.join(KIT_DIR, 'netns.sh'), command, ...args], { stdio: 'inherit' });
}

const waitFor = (child: ChildProcess) =>
  new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? 1)));

function passSignalsTo(children: ChildProcess[]): void {
  const passOn = (signal: NodeJS.Signals) => children.forEach((child) => child.kill(signal));
  process.on('SIGINT', passOn).on('SIGTERM', passOn);
}

/** One lane: its own control plane and pod network, and jest over `jestArgs` against them. */
async function runLane(jestArgs: string[]): Promise<number> {
  const started = Date.now();
  const files = prepareTierFiles(Number(process.env.PORTKEY_TOKEN_REVIEW_PORT ?? 26480));
  try {
    podNetwork('up');
    await routeAddressRanges(TIER_POD_NETWORK);
    await startControlPlane({ authnWebhookConfig: files.webhookConfig });
    await new AdminClient().send('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings', {
      metadata: { name: 'entra-deployers-cluster-admin' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: ENTRA_ADMIN_GROUP }],
    });
    console.log(`real control plane at ${PK8S} up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const jest = spawn('npx', [...JEST, '--runInBand', ...jestArgs], {
      stdio: 'inherit',
      env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' },
    });
    passSignalsTo([jest]);
    return await waitFor(jest);
  } finally {
    const left = await killProcessesInPodNetwork(TIER_POD_NETWORK);
    if (left.length > 0) console.log(`killed ${left.length} processes left in ${TIER_POD_NETWORK.name}`);
    if (process.env.PORTKEY_KEEP_CLUSTER !== '1') {
      await stopControlPlane();
      podNetwork('down');
    }
    rmSync(files.dir, { recursive: true, force: true });
  }
}

/** The tier files jest would run for these arguments (its path patterns), without running them. */
function listTierFiles(jestArgs: string[]): string[] {
  const patterns = jestArgs.filter((arg) => !arg.startsWith('--json') && !arg.startsWith('--outputFile'));
  const listed = execFileSync('npx', [...JEST, '--listTests', ...patterns], { encoding: 'utf8' });
  return listed.split('\n').filter((line) => line.endsWith('.test.ts'));
}

/** A further lane's control plane folder, as /work/briefs/slot.sh makes a slot's: the same binaries and PKI. */
function prepareLaneFolder(folder: string): void {
  if (existsSync(path.join(folder, 'bin'))) return;
  mkdirSync(folder, { recursive: true });
  symlinkSync(realpathSync(path.join(PK8S, 'bin')), path.join(folder, 'bin'));
  cpSync(path.join(PK8S, 'pki'), path.join(folder, 'pki'), { recursive: true });
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The lanes side by side, each told to leave out the other lanes' files; their jest reports become one. */
async function runLanes(lanes: string[][], jestArgs: string[]): Promise<number> {
  const outputArg = jestArgs.find((arg) => arg.startsWith('--outputFile='));
  const outputFile = outputArg?.slice('--outputFile='.length);
  const children = lanes.map((files, lane) => {
    const env = { ...process.env, ...laneEnvironment(process.env, lane) };
    if (lane > 0) prepareLaneFolder(env.PK8S!);
    const others = lanes.filter((_, other) => other !== lane).flat();
    const args = [
      ...jestArgs.filter((arg) => arg !== outputArg),
      ...(outputFile ? [`--outputFile=${outputFile}.lane${lane}`] : []),
      ...others.flatMap((file) => ['--testPathIgnorePatterns', `^${escapeRegExp(file)}$`]),
    ];
    console.log(`lane ${lane}: ${files.map((file) => path.basename(file)).join(', ')}`);
    return spawn('npx', ['tsx', process.argv[1], ...args], { stdio: 'inherit', env });
  });
  passSignalsTo(children);
  const codes = await Promise.all(children.map(waitFor));
  if (outputFile) {
    const reports = lanes.map((_, lane) => `${outputFile}.lane${lane}`);
    const found = reports.filter((report) => existsSync(report));
    // A lane that never got to jest wrote none: its exit code already says so.
    if (found.length > 0) {
      const merged = mergeReports(found.map((report) => JSON.parse(readFileSync(report, 'utf8')) as JestReport));
      writeFileSync(outputFile, JSON.stringify(merged));
    }
    found.forEach((report) => rmSync(report));
  }
  return Math.max(...codes);
}

async function main(): Promise<number> {
  const jestArgs = process.argv.slice(2);
  if (process.env[LANE_ENV] !== undefined) return runLane(jestArgs);
  await buildControlPlane();
  const lanes = splitIntoLanes(listTierFiles(jestArgs), laneCount(process.env));
  return lanes.length > 1 ? runLanes(lanes, jestArgs) : runLane(jestArgs);
}

process.exitCode = await main();
