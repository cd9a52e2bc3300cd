// The whole outside world of one workflow run, on loopback: a test CA, GitHub's OIDC token service and REST API
// (deployments), Entra ID, Azure Resource Manager, the helm/kubectl download sites, a Helm chart repository, an AKS API
// server and, behind the cluster's LoadBalancer (127.0.0.1), the real Portkey gateway. `env` and `inputs` are what a
// workflow would give the action. The API server is the in-memory stand-in unless `cluster` names a real one (see
// real-cluster/); the chart is Portkey's real one from ../shared/charts with `chart: 'real'`, else the fixture chart in
// charts/gateway.
import { randomBytes, randomUUID } from 'node:crypto';
import { parse } from 'yaml';
import { startArm, type Arm, type ArmOptions } from './arm.js';
import { REAL_CHARTS_DIR, startChartRepository, type ChartRepository } from './chart-repository.js';
import { startDownloadMirror, type DownloadMirror } from './download-mirror.js';
import { AKS_SERVER_APP_ID, startEntra, type Entra } from './entra.js';
import { GATEWAY_GREETING, POD_PORTS, startGateway, type Gateway, type PodNetwork } from './gateway.js';
import { startGitHubApi, type GitHubApi } from './github-api.js';
import { startGitHubOidc, type GitHubOidc } from './github-oidc.js';
import { startKubeApi, type KubeApi, type KubeScenario } from './kube-api/index.js';
import { JOB } from './runner.js';
import { createTestCertificate, type TestCertificate } from './tls.js';

export interface SandboxOptions {
  /** An Entra ID (AAD) cluster: ARM hands out a kubelogin exec user; the API server accepts Entra tokens. */
  entraId?: boolean;
  /** Initial Kubernetes scenario (pods, readiness delay, load balancer address). */
  scenario?: Partial<KubeScenario>;
  /** Lifetime of GitHub OIDC and Entra tokens: a few seconds proves a long deploy re-mints them. */
  tokenLifetimeSeconds?: number;
  /** `real`: Portkey's gateway chart from ../shared/charts, served by the chart repository; `fixture` by default. */
  chart?: 'real' | 'fixture';
  /** A test CA shared with servers outside the sandbox (a real apiserver's webhook config trusts it); not disposed. */
  tls?: TestCertificate;
  /** Entra also answers a real apiserver's TokenReview webhook here (see entra.ts). */
  tokenReview?: { port: number; groups: string[] };
  /** The job's GitHub environment (`environment:` of the job): its OIDC subject and `environment` claim name it. */
  environment?: string;
  /**
   * Run the gateway as a pod in this network namespace (its IP is what a real API server's service proxy dials);
   * on loopback by default, where the stand-in API server's service proxy reaches it.
   */
  podNetwork?: PodNetwork;
  /** A private AKS cluster: its API server is out of the runner's reach, runCommand reaches it (see arm.ts). */
  privateCluster?: ArmOptions['privateCluster'];
  /** How runCommand's pod behaves: its helm, how long it takes to start, its output limit. */
  runCommand?: ArmOptions['runCommand'];
}

/** A Kubernetes API server the sandbox's ARM hands out credentials for. */
export interface ClusterEndpoint {
  url: string;
  /** A kubeconfig with static credentials (a token or a client certificate). */
  kubeconfig(): string;
}

/** Which chart the sandbox's inputs deploy, as the demo and the tests report it. */
export interface ChartInUse {
  kind: 'real' | 'fixture';
  /** e.g. `Portkey's gateway chart 1.7.7 from ../shared/charts` */
  description: string;
}

export interface NamedSecret {
  name: string;
  value: string;
}

export interface Sandbox<Cluster extends ClusterEndpoint = KubeApi> {
  /** Job env: the OIDC request variables and the CA every Node client must trust. */
  env: Record<string, string>;
  /** The step's `with:` for a full deploy of the fixture chart into this sandbox. */
  inputs: Record<string, string>;
  /** The repository's vendored fixture chart, which every run's workspace holds (none with the real chart). */
  workspaceFolders: Record<string, string>;
  tls: TestCertificate;
  oidc: GitHubOidc;
  entra: Entra;
  arm: Arm;
  mirror: DownloadMirror;
  /** The stand-in API server, or the real cluster given as `cluster`. */
  kube: Cluster;
  gateway: Gateway;
  /** GitHub's REST API (deployments), at the job's GITHUB_API_URL. */
  github: GitHubApi;
  /** The job's GITHUB_TOKEN, with `deployments: write`: the `github-token` default of every run. */
  githubToken: string;
  /** The token of a job given only `deployments: read`. */
  githubReadOnlyToken: string;
  chart: ChartInUse;
  /** Serves the real chart; undefined with the fixture chart. */
  chartRepository?: ChartRepository;
  /** The cluster's kubeconfig with its static credentials, for poking at it with kubectl or helm directly. */
  kubeconfig(): string;
  /** Every secret value known right now: secret inputs, the cluster token, and each token the emulators issued. */
  secrets(): NamedSecret[];
  close(): Promise<void>;
}

/** The workflow's repository, as the runner (sandbox/runner.ts) reports it. */
const { repository } = JOB;
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

/** The client key of a kubeconfig's first user, when it has one: a secret the leak scan looks for. */
function clientKeyOf(kubeconfig: string): string | undefined {
  const doc = parse(kubeconfig) as { users?: { user?: Record<string, unknown> }[] };
  const key = doc.users?.[0]?.user?.['client-key-data'];
  return typeof key === 'string' ? key : undefined;
}

const REAL_CHART: ChartInUse = {
  kind: 'real',
  description: `Portkey's gateway chart (real, unmodified) from ${REAL_CHARTS_DIR}`,
};
const FIXTURE_CHART: ChartInUse = {
  kind: 'fixture',
  description: `the fixture chart in ${fixtureChart} (a stand-in, not Portkey's chart)`,
};

export function startSandbox(options?: SandboxOptions): Promise<Sandbox>;
export function startSandbox<C extends ClusterEndpoint>(options: SandboxOptions & { cluster: C }): Promise<Sandbox<C>>;
export async function startSandbox(
  options: SandboxOptions & { cluster?: ClusterEndpoint } = {},
): Promise<Sandbox<ClusterEndpoint>> {
  const tls = options.tls ?? createTestCertificate();
  const started: { close(): Promise<void> }[] = [];
  const closeAll = async () => {
    // Newest first, so nothing is still talking to a server that is already gone.
    for (const service of started.reverse()) await service.close().catch(() => undefined);
    if (!options.tls) tls.dispose();
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
    const late: { entra?: Entra; gateway?: Gateway } = {};
    const entraCheck = {
      isValidToken: (token: string, audience: string) => !!late.entra?.isValidToken(token, audience),
    };

    const real = options.chart === 'real';
    const githubToken = `ghs_${randomBytes(18).toString('hex')}`;
    const githubReadOnlyToken = `ghs_${randomBytes(18).toString('hex')}`;
    const subject = `repo:${repository}:${options.environment ? `environment:${options.environment}` : 'ref:refs/heads/main'}`;
    const [oidc, mirror, gateway, kube, chartRepository, github] = await Promise.all([
      start(startGitHubOidc({ tls, repository, subject, lifetimeSeconds: options.tokenLifetimeSeconds })),
      start(startDownloadMirror({ tls })),
      start(startGateway({ netns: options.podNetwork })),
      options.cluster ??
        start(
          startKubeApi({
            tls,
            token: kubeToken,
            authorize: (bearer) => entraCheck.isValidToken(bearer, AKS_SERVER_APP_ID),
            scenario: options.scenario,
            // The pods' container ports, where the stand-in's service proxy forwards: the gateway's front on loopback.
            podNetwork: (port) => {
              const gateway = late.gateway;
              if (!gateway || gateway.podNetwork) return undefined;
              if (port === POD_PORTS.gateway) return { host: '127.0.0.1', port: gateway.port };
              if (port === POD_PORTS.mcp) return { host: '127.0.0.1', port: gateway.mcpPort };
              return undefined;
            },
          }),
        ),
      real ? start(startChartRepository({ tls, dir: REAL_CHARTS_DIR })) : undefined,
      start(
        startGitHubApi({
          tls,
          repository,
          commits: [JOB.sha],
          tokens: { [githubToken]: 'write', [githubReadOnlyToken]: 'read' },
        }),
      ),
    ]);
    late.gateway = gateway;
    const kubeconfig = () =>
      options.cluster ? options.cluster.kubeconfig() : (kube as KubeApi).kubeconfig({ token: kubeToken });
    const arm = await start(
      startArm({
        tls,
        entra: entraCheck,
        ...azure,
        ...cluster,
        kubeconfig,
        entraId: options.entraId,
        privateCluster: options.privateCluster,
        runCommand: options.runCommand,
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
            federatedCredentials: [{ issuer: oidc.issuer, subject }],
          },
        ],
        resources: [arm.url],
        accessTokenLifetimeSeconds: options.tokenLifetimeSeconds,
        tokenReview: options.tokenReview,
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
      // The fixture chart is vendored in the workspace, where the action reads local charts from.
      ...(chartRepository
        ? { chart: 'gateway', 'chart-repository': chartRepository.url }
        : { chart: './charts/gateway' }),
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
    const clientKey = clientKeyOf(kubeconfig());
    return {
      // helm is a Go program: SSL_CERT_FILE is how it trusts the test CA for the chart repository.
      env: {
        ...oidc.env,
        GITHUB_API_URL: github.url,
        GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
        NODE_EXTRA_CA_CERTS: tls.caFile,
        ...(chartRepository && { SSL_CERT_FILE: tls.caFile }),
      },
      inputs,
      workspaceFolders: chartRepository ? {} : { 'charts/gateway': fixtureChart },
      githubToken,
      githubReadOnlyToken,
      github,
      tls,
      oidc,
      entra,
      arm,
      mirror,
      kube,
      gateway,
      chart: real ? REAL_CHART : FIXTURE_CHART,
      chartRepository,
      kubeconfig,
      secrets: () => [
        ...Object.entries(secrets).map(([name, value]) => ({ name: `input ${name}`, value })),
        { name: 'ACTIONS_ID_TOKEN_REQUEST_TOKEN', value: oidc.requestToken },
        { name: 'GITHUB_TOKEN', value: githubToken },
        { name: 'read-only GitHub token', value: githubReadOnlyToken },
        ...(options.cluster ? [] : [{ name: 'kubeconfig token', value: kubeToken }]),
        ...(clientKey ? [{ name: 'cluster client key', value: clientKey }] : []),
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
