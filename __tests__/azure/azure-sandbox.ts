// The three Azure-side stand-ins wired together, and a way to run connectToCluster against them in a child process.
import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { startArm, type Arm, type ArmOptions } from '../../sandbox/arm.js';
import { startEntra, type Entra, type EntraOptions } from '../../sandbox/entra.js';
import { startGitHubOidc, type GitHubOidc, type GitHubOidcOptions } from '../../sandbox/github-oidc.js';
import { createTestCertificate, type TestCertificate } from '../../sandbox/tls.js';
import type { AzureConfig, ClusterConfig } from '../../src/inputs/config.js';
import { DONE_MARKER, type ChildOutcome, type ChildScenario } from './fixtures/connect-protocol.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const node24 = path.join(repoRoot, 'node_modules/.bin/node');
const child = path.join(repoRoot, '__tests__/azure/fixtures/connect-child.ts');

export const SUBJECT = 'repo:octo-org/portkey-infra:ref:refs/heads/main';

export interface AzureSandboxOptions {
  oidc?: Omit<GitHubOidcOptions, 'tls'>;
  arm?: Partial<Pick<ArmOptions, 'entraId' | 'localAccountsDisabled'>>;
  entra?: Partial<Pick<EntraOptions, 'accessTokenLifetimeSeconds'>>;
}

export interface RunResult extends ChildOutcome {
  /** Every line the action printed (stdout and stderr). */
  log: string[];
}

export interface AzureSandbox {
  tls: TestCertificate;
  oidc: GitHubOidc;
  entra: Entra;
  arm: Arm;
  azure: AzureConfig;
  cluster: ClusterConfig;
  /** The kubeconfig ARM hands out (plain token form). */
  clusterKubeconfig: string;
  clusterToken: string;
  runnerTemp: string;
  /** The GITHUB_ENV file the child appends exported variables to. */
  githubEnv: string;
  connect(changes?: {
    azure?: Partial<AzureConfig>;
    cluster?: Partial<ClusterConfig>;
    env?: Record<string, string | undefined>;
    refreshAfterMs?: number[];
  }): Promise<RunResult>;
  close(): Promise<void>;
}

export async function startAzureSandbox(options: AzureSandboxOptions = {}): Promise<AzureSandbox> {
  const tls = createTestCertificate();
  const runnerTemp = await mkdtemp(path.join(os.tmpdir(), 'azure-runner-'));
  const tenantId = randomUUID();
  const clientId = randomUUID();
  const subscriptionId = randomUUID();
  const clusterToken = randomBytes(24).toString('hex');
  const clusterKubeconfig = stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'aks-portkey',
    clusters: [
      {
        name: 'aks-portkey',
        cluster: {
          server: 'https://aks-portkey-dns-12345678.hcp.westeurope.azmk8s.io:443',
          'certificate-authority-data': Buffer.from(tls.cert).toString('base64'),
        },
      },
    ],
    contexts: [
      { name: 'aks-portkey', context: { cluster: 'aks-portkey', user: 'clusterUser_rg-portkey_aks-portkey' } },
    ],
    users: [{ name: 'clusterUser_rg-portkey_aks-portkey', user: { token: clusterToken } }],
  });

  const oidc = await startGitHubOidc({ tls, subject: SUBJECT, ...options.oidc });
  // ARM checks tokens with Entra, and Entra must know ARM's URL as a resource: Entra is bound once it exists.
  const late: { entra?: Entra } = {};
  const arm = await startArm({
    tls,
    entra: { isValidToken: (token, audience) => late.entra?.isValidToken(token, audience) ?? false },
    subscriptionId,
    resourceGroup: 'rg-portkey',
    clusterName: 'aks-portkey',
    tenantId,
    kubeconfig: clusterKubeconfig,
    ...options.arm,
  });
  const entra = await startEntra({
    tls,
    trust: [oidc],
    apps: [{ tenantId, clientId, federatedCredentials: [{ issuer: oidc.issuer, subject: SUBJECT }] }],
    resources: [arm.url],
    ...options.entra,
  });
  late.entra = entra;

  const azure: AzureConfig = {
    signIn: 'github-oidc',
    clientId,
    tenantId,
    subscriptionId,
    cloud: 'AzureCloud',
    authorityHost: entra.url,
    resourceManagerEndpoint: arm.url,
    oidcAudience: '',
  };
  const cluster: ClusterConfig = {
    resourceGroup: 'rg-portkey',
    clusterName: 'aks-portkey',
    admin: false,
    privateCluster: 'auto',
    kubeconfig: '',
    exportKubeconfig: false,
  };

  const githubEnv = path.join(runnerTemp, 'github-env');
  await writeFile(githubEnv, '');
  // One child serves every scenario of this sandbox: a Node start costs more than most scenarios.
  const proc = spawn(node24, ['--import', 'tsx', child], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_EXTRA_CA_CERTS: tls.caFile, GITHUB_ENV: githubEnv },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let lines: string[] = [];
  let finished: (() => void) | undefined;
  let partial = '';
  const collect = (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const complete = partial.split('\n');
    partial = complete.pop() ?? '';
    for (const line of complete) {
      if (line === DONE_MARKER) finished?.();
      else lines.push(line);
    }
  };
  proc.stdout.on('data', collect);
  proc.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => proc.on('close', () => resolve()));

  async function connect(changes: Parameters<AzureSandbox['connect']>[0] = {}): Promise<RunResult> {
    const resultFile = path.join(runnerTemp, `result-${randomUUID()}.json`);
    const env: Record<string, string | null> = { ...oidc.env };
    for (const [name, value] of Object.entries(changes.env ?? {})) env[name] = value ?? null;
    const scenario: ChildScenario = {
      azure: { ...azure, ...changes.azure },
      cluster: { ...cluster, ...changes.cluster },
      env,
      runnerTemp,
      resultFile,
      refreshAfterMs: changes.refreshAfterMs,
    };
    lines = [];
    const done = new Promise<void>((resolve) => (finished = resolve));
    proc.stdin.write(`${JSON.stringify(scenario)}\n`);
    await Promise.race([done, exited]);
    const outcome = JSON.parse(await readFile(resultFile, 'utf8').catch(() => '{}')) as ChildOutcome;
    return { ...outcome, log: lines };
  }

  return {
    tls,
    oidc,
    entra,
    arm,
    azure,
    cluster,
    clusterKubeconfig,
    clusterToken,
    runnerTemp,
    connect,
    githubEnv,
    async close() {
      proc.stdin.end();
      await exited;
      await Promise.all([oidc.close(), entra.close(), arm.close()]);
      await rm(runnerTemp, { recursive: true, force: true });
      tls.dispose();
    },
  };
}

/** Lines a runner would show: `::add-mask::` commands register secrets and are never displayed. */
export function visibleLines(log: string[]): string[] {
  return log.filter((line) => !line.startsWith('::add-mask::'));
}
