// Test helper: a kube-api stand-in plus the real helm 3, helm 4 and kubectl pointed at it through a 0600 kubeconfig
// in a temp folder, each helm with its own private config and cache folders.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureBinaries, repoRoot, type Binaries } from '../../sandbox/binaries.js';
import type { ClusterSession } from '../../src/cluster/port.js';
import { privateHelmEnv } from '../../src/cluster/session.js';
import { startKubeApi, type KubeApi, type KubeScenario } from '../../sandbox/kube-api/index.js';
import { createTestCertificate, type TestCertificate } from '../../sandbox/tls.js';

export const TOKEN = 'sandbox-token-for-tests';
export const CHART = path.join(repoRoot, 'sandbox', 'charts', 'gateway');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface TestCluster {
  api: KubeApi;
  bin: Binaries;
  dir: string;
  kubeconfig: string;
  /** Writes another kubeconfig (e.g. with a wrong token) and returns its path. */
  writeKubeconfig(name: string, options: { token?: string }): string;
  helm(major: 3 | 4, args: string[], kubeconfig?: string): Promise<CliResult>;
  kubectl(args: string[], options?: { stdin?: string; kubeconfig?: string }): Promise<CliResult>;
  close(): Promise<void>;
}

function run(file: string, args: string[], env: NodeJS.ProcessEnv, stdin?: string): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(file, args, { env, timeout: 90_000, maxBuffer: 16 << 20 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

export async function startTestCluster(scenario: Partial<KubeScenario> = {}): Promise<TestCluster> {
  const bin = await ensureBinaries();
  const certificate: TestCertificate = createTestCertificate();
  const api = await startKubeApi({ tls: certificate, token: TOKEN, scenario });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'kube-api-test-'));
  const writeKubeconfig = (name: string, options: { token?: string }) => {
    const file = path.join(dir, name);
    writeFileSync(file, api.kubeconfig(options), { mode: 0o600 });
    return file;
  };
  const kubeconfig = writeKubeconfig('kubeconfig', {});
  const env = (home: string): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    HOME: dir,
    HELM_CONFIG_HOME: path.join(dir, home, 'config'),
    HELM_CACHE_HOME: path.join(dir, home, 'cache'),
    HELM_DATA_HOME: path.join(dir, home, 'data'),
  });
  return {
    api,
    bin,
    dir,
    kubeconfig,
    writeKubeconfig,
    helm: (major, args, config = kubeconfig) =>
      run(major === 3 ? bin.helm3 : bin.helm4, [...args, '--kubeconfig', config], env(`helm${major}`)),
    kubectl: (args, options = {}) =>
      run(bin.kubectl, [...args, '--kubeconfig', options.kubeconfig ?? kubeconfig], env('kubectl'), options.stdin),
    async close() {
      await api.close();
      certificate.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The action's view of the cluster: the real helm of that major and kubectl, a private helm home in the cluster's folder. */
export function clusterTools(cluster: TestCluster, major: 3 | 4 = 4): ClusterSession {
  return {
    helm: {
      path: major === 4 ? cluster.bin.helm4 : cluster.bin.helm3,
      version: major === 4 ? '4.1.4' : '3.18.0',
      major,
    },
    kubectl: { path: cluster.bin.kubectl, version: '1.35.2' },
    access: { via: 'kubeconfig', kubeconfigPath: cluster.kubeconfig, refreshCredentials: async () => {} },
    env: privateHelmEnv(cluster.dir),
  };
}

// The kube-api tests deploy the fixture chart as release `gw` (Deployment and Service `gw-gateway`) in `portkeyai`.
const GATEWAY = ['gw', CHART, '-n', 'portkeyai'];
const WAIT_FOR_LOAD_BALANCER = [
  '--set',
  'serviceAccount.create=true',
  '--set',
  'service.type=LoadBalancer',
  '--wait',
  '--timeout',
  '60s',
];

/** `helm upgrade --install` of release gw with a LoadBalancer, waiting for it; `set` adds `--set` values last. */
export function upgradeGatewayArgs(options: { createNamespace?: boolean; set?: string[] } = {}): string[] {
  return [
    'upgrade',
    '--install',
    ...GATEWAY,
    ...(options.createNamespace ? ['--create-namespace'] : []),
    ...WAIT_FOR_LOAD_BALANCER,
    ...(options.set ?? []).flatMap((value) => ['--set', value]),
  ];
}

/** `helm history|status gw -o json`, parsed. */
export async function releaseJson(cluster: TestCluster, major: 3 | 4, command: 'history' | 'status') {
  return JSON.parse((await cluster.helm(major, [command, 'gw', '-n', 'portkeyai', '-o', 'json'])).stdout);
}

/** The IP kubectl reads from Service gw-gateway's load balancer status. */
export async function loadBalancerIp(cluster: TestCluster): Promise<string> {
  const args = ['get', 'svc', 'gw-gateway', '-n', 'portkeyai', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}'];
  return (await cluster.kubectl(args)).stdout;
}

/** `kubectl rollout status` of Deployment gw-gateway. */
export function rolloutStatus(cluster: TestCluster): Promise<CliResult> {
  return cluster.kubectl(['rollout', 'status', 'deployment/gw-gateway', '-n', 'portkeyai', '--timeout', '20s']);
}

/** A minimal Deployment manifest for `kubectl apply -f -`. */
export function deploymentManifest(
  name: string,
  namespace: string,
  image = 'docker.io/portkeyai/gateway:1.0.0',
  replicas = 1,
): string {
  return JSON.stringify({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'gateway', image, envFrom: [{ secretRef: { name: `${name}-env` } }] }] },
      },
    },
  });
}
