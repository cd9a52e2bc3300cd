// `npm run test:real-cluster [jest args]`: builds the control plane if this machine has not yet (root only), starts
// it fresh with the TokenReview webhook the sandbox's Entra emulator answers, gives the Entra admin group
// cluster-admin, makes the pods' network namespace (netns.sh; PORTKEY_NETNS, PORTKEY_NETNS_HOST_IP and
// PORTKEY_NETNS_POD_IP override its name and addresses) with routes to its pod and load-balancer ranges, runs the
// tier's jest files one after another against it, then kills whatever still runs in the namespace (what a killed jest
// left), stops the control plane and removes the namespace (PORTKEY_KEEP_CLUSTER=1 leaves both for poking at with
// kubectl). SIGINT and SIGTERM are passed to jest and the clean-up still runs. Exits with jest's code.
import { execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import * as path from 'node:path';
import {
  AdminClient,
  KIT_DIR,
  buildControlPlane,
  startControlPlane,
  stopControlPlane,
} from '../../sandbox/real-cluster/control-plane.js';
import { killProcessesInPodNetwork, routeAddressRanges } from '../../sandbox/real-cluster/pod-network.js';
import { ENTRA_ADMIN_GROUP, prepareTierFiles, TIER_POD_NETWORK } from './tier-files.js';

/** netns.sh up|down for the tier's pod network (idempotent; root). */
function podNetwork(command: 'up' | 'down'): void {
  const { name, hostIp, podIp } = TIER_POD_NETWORK;
  if (command === 'up' && process.getuid?.() !== 0) {
    throw new Error(`The real-cluster tier puts its pods in a network namespace (${name}): run it as root.`);
  }
  const args = command === 'up' ? [name, hostIp, podIp] : [name];
  execFileSync('bash', [path.join(KIT_DIR, 'netns.sh'), command, ...args], { stdio: 'inherit' });
}

async function main(): Promise<number> {
  const started = Date.now();
  await buildControlPlane();
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
    console.log(`real control plane up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const jest = spawn(
      'npx',
      ['jest', '--config', 'jest.real-cluster.config.js', '--runInBand', ...process.argv.slice(2)],
      { stdio: 'inherit', env: { ...process.env, NODE_OPTIONS: '--experimental-vm-modules' } },
    );
    const passOn = (signal: NodeJS.Signals) => jest.kill(signal);
    process.on('SIGINT', passOn).on('SIGTERM', passOn);
    return await new Promise<number>((resolve) => jest.on('close', (code) => resolve(code ?? 1)));
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

process.exitCode = await main();
