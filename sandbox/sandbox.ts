// The whole outside world of one workflow run, on loopback: a test CA, GitHub's OIDC token service, Entra ID,
// Azure Resource Manager, the helm/kubectl download sites, an AKS API server and, behind the cluster's
// LoadBalancer (127.0.0.1), the real Portkey gateway. `env` and `inputs` are what a workflow would give the action.
import { randomBytes, randomUUID } from 'node:crypto';
import { startArm, type Arm } from './arm.js';
import { startDownloadMirror, type DownloadMirror } from './download-mirror.js';
import { AKS_SERVER_APP_ID, startEntra, type Entra } from './entra.js';
import { GATEWAY_GREETING, startGateway, type Gateway } from './gateway.js';
import { startGitHubOidc, type GitHubOidc } from './github-oidc.js';
import { startKubeApi, type KubeApi, type KubeScenario } from './kube-api/index.js';
import { createTestCertificate, type TestCertificate } from './tls.js';

export interface SandboxOptions {
  /** An Entra ID (AAD) cluster: ARM hands out a kubelogin exec user; the API server accepts Entra tokens. */
  entraId?: boolean;
  /** Initial Kubernetes scenario (pods, readiness delay, load balancer address). */
  scenario?: Partial<KubeScenario>;
  /** Lifetime of GitHub OIDC and Entra tokens: a few seconds proves a long deploy re-mints them. */
  tokenLifetimeSeconds?: number;
}

export interface NamedSecret {
  name: string;
  value: string;
}

export interface Sandbox {
  /** Job env: the OIDC request variables and the CA every Node client must trust. */
  env: Record<string, string>;
  /** The step's `with:` for a full deploy of the fixture chart into this sandbox. */
  inputs: Record<string, string>;
  tls: TestCertificate;
  oidc: GitHubOidc;
  entra: Entra;
  arm: Arm;
  mirror: DownloadMirror;
  kube: KubeApi;
  gateway: Gateway;
  /** The cluster's kubeconfig with its static token, for poking at the stand-in with kubectl or helm directly. */
  kubeconfig(): string;
  /** Every secret value known right now: secret inputs, the cluster token, and each token the emulators issued. */
  secrets(): NamedSecret[];
  close(): Promise<void>;
}

/** The workflow's repository, as the runner (sandbox/runner.ts) also reports it. */
const repository = 'octo-org/portkey-infra';
const fixtureChart = new URL('./charts/gateway', import.meta.url).pathname;

/** Secret inputs with values long and random enough that finding one in a log cannot be a coincidence. */
function secretInputs(): Record<string, string> {
  const token = (prefix: string) => `${prefix}${randomBytes(18).toString('hex')}`;
  return {
    'portkey-client-auth': token('pk-client-auth-'),
    'registry-password': token('dckr_pat_'),
    'smoke-test-provider-key': token('sk-proj-'),
  };
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const tls = createTestCertificate();
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    // Newest first, so nothing is still talking to a server that is already gone.
    for (const service of started.reverse()) await service.close().catch(() => undefined);
    tls.dispose();
  };
  const start = async <T extends { close(): Promise<void> }>(service: Promise<T>): Promise<T> => {
    const value = await service;
    started.push(value);
    return value;
  };

  try {
    const azure = { tenantId: randomUUID(), clientId: randomUUID(), subscriptionId: randomUUID() };
    const cluster = { resourceGroup: 'rg-portkey-sandbox', clusterName: 'aks-portkey-sandbox' };
    const kubeToken = randomBytes(32).toString('hex');
    // ARM needs Entra to check its tokens and Entra needs ARM's URL as a known resource: bind Entra late.
    const late: { entra?: Entra } = {};
    const entraCheck = {
      isValidToken: (token: string, audience: string) => !!late.entra?.isValidToken(token, audience),
    };

    const [oidc, mirror, gateway, kube] = await Promise.all([
      start(startGitHubOidc({ tls, repository, lifetimeSeconds: options.tokenLifetimeSeconds })),
      start(startDownloadMirror({ tls })),
      start(startGateway()),
      start(
        startKubeApi({
          tls,
          token: kubeToken,
          authorize: (bearer) => entraCheck.isValidToken(bearer, AKS_SERVER_APP_ID),
          scenario: options.scenario,
        }),
      ),
    ]);
    const arm = await start(
      startArm({
        tls,
        entra: entraCheck,
        ...azure,
        ...cluster,
        kubeconfig: () => kube.kubeconfig({ token: kubeToken }),
        entraId: options.entraId,
      }),
    );
    const entra = await start(
      startEntra({
        tls,
        trust: [{ issuer: oidc.issuer, publicKey: oidc.publicKey }],
        apps: [
          {
            tenantId: azure.tenantId,
            clientId: azure.clientId,
            federatedCredentials: [{ issuer: oidc.issuer, subject: `repo:${repository}:ref:refs/heads/main` }],
          },
        ],
        resources: [arm.url],
        accessTokenLifetimeSeconds: options.tokenLifetimeSeconds,
      }),
    );
    late.entra = entra;
    const secrets = secretInputs();
    const inputs: Record<string, string> = {
      'client-id': azure.clientId,
      'tenant-id': azure.tenantId,
      'subscription-id': azure.subscriptionId,
      'resource-group': cluster.resourceGroup,
      'cluster-name': cluster.clusterName,
      'authority-host': entra.url,
      'resource-manager-endpoint': arm.url,
      'helm-download-url': mirror.helmBaseUrl,
      'kubectl-download-url': mirror.kubectlBaseUrl,
      chart: fixtureChart,
      'organisations-to-sync': randomUUID(),
      'registry-username': 'portkeyenterprise',
      'service-port': String(gateway.port),
      'address-timeout': '30s',
      'smoke-test-path': '/',
      'smoke-test-expected-body': GATEWAY_GREETING,
      'smoke-test-timeout': '20s',
      'smoke-test-chat-model': 'gpt-4o-mini',
      'smoke-test-custom-host': gateway.upstream.url,
      ...secrets,
    };
    return {
      env: { ...oidc.env, NODE_EXTRA_CA_CERTS: tls.caFile },
      inputs,
      tls,
      oidc,
      entra,
      arm,
      mirror,
      kube,
      gateway,
      kubeconfig: () => kube.kubeconfig({ token: kubeToken }),
      secrets: () => [
        ...Object.entries(secrets).map(([name, value]) => ({ name: `input ${name}`, value })),
        { name: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', value: oidc.requestToken },
        { name: 'kubeconfig token', value: kubeToken },
        ...oidc.issued.map((issued, i) => ({ name: `GitHub OIDC token #${i + 1}`, value: issued.token })),
        ...entra.issued.map((issued, i) => ({
          name: `Entra token #${i + 1} (${issued.audience})`,
          value: issued.token,
        })),
      ],
      close: closeAll,
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
