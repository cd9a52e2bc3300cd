// The action's typed configuration: what `getConfig()` in read-inputs.ts builds from the inputs, once,
// before anything touches the network. Every stage reads its own slice of it and nothing else.
import type { KubernetesObject } from './extra-objects.js';
import type { FailureBudget } from './scalars.js';
import type { InputName } from './table.js';

export type Command = 'deploy' | 'plan' | 'render' | 'uninstall';
export type CloudName = 'AzureCloud' | 'AzureUSGovernment' | 'AzureChinaCloud';

/** `sign-in`: what is presented to Entra ID as the client assertion. */
export type SignInMethod = 'github-oidc' | 'workload-identity';

export interface AzureConfig {
  signIn: SignInMethod;
  clientId: string;
  tenantId: string;
  subscriptionId: string;
  cloud: CloudName;
  /** Overrides; empty string means "use the cloud's default". */
  authorityHost: string;
  resourceManagerEndpoint: string;
  oidcAudience: string;
}

/** `private-cluster`: `auto`, `true` (always through runCommand) or `false` (always directly). */
export type PrivateClusterMode = 'auto' | 'run-command' | 'direct';

export interface ClusterConfig {
  resourceGroup: string;
  clusterName: string;
  admin: boolean;
  privateCluster: PrivateClusterMode;
  /** Content of a user-supplied kubeconfig; when set, Azure is skipped entirely. */
  kubeconfig: string;
  exportKubeconfig: boolean;
}

export interface ToolRequest {
  /** `4.1.4`, `4.1`, `latest` as the user wrote it (a leading `v` removed). */
  version: string;
  downloadBaseUrl: string;
  /** Expected SHA-256 supplied by the user; empty means "use the published checksum file". */
  sha256: string;
}

export interface ToolsConfig {
  helm: ToolRequest;
  kubectl: ToolRequest;
}

export type ChartSource =
  | { kind: 'repository'; repositoryUrl: string; name: string }
  | { kind: 'oci'; reference: string }
  | { kind: 'local'; path: string };

export interface ChartConfig {
  source: ChartSource;
  /** The `chart-version` to fetch; for a local chart, the version its Chart.yaml declares (empty when it has none). */
  version: string;
  releaseName: string;
  namespace: string;
  createNamespace: boolean;
  /**
   * `--post-renderer`: what adds the objects the chart has no template for (the PodDisruptionBudget), written by the
   * deploy and plan commands (helm/post-renderer.ts); never an input.
   */
  postRenderer?: string;
}

export type SetType = 'auto' | 'string' | 'json';

export interface SetLine {
  /** Key path, dots unescaped: `service.annotations.service\.beta…` → ['service','annotations','service.beta…']. */
  path: (string | number)[];
  type: SetType;
  raw: string;
  /** `raw` typed by `type`: YAML-like scalars for `auto`, verbatim for `string`, parsed for `json`. */
  value: unknown;
  /** Its line in the `set` input, counting from 1, for messages about the value it sets. */
  line: number;
}

/** A values file as read (once, by InputFiles): its name as `values-files` gives it, and its text. */
export interface ValuesFile {
  name: string;
  text: string;
}

export interface ValuesConfig {
  files: ValuesFile[];
  inline: string;
  set: SetLine[];
  /** `secret-values`: key paths whose values (and everything under them) are secrets. */
  secretPaths: (string | number)[][];
  /** `extra-objects`: added to the release beside the chart's objects, in its namespace, labelled as its own. */
  extraObjects: KubernetesObject[];
  /** Inputs the workflow set to something other than their action.yml default: named ones outrank values files. */
  given: ReadonlySet<InputName>;
}

export type ServerMode = '' | 'all' | 'mcp';
export type CacheMode = 'none' | 'builtin' | 'external';
export type BlobAuthMode = 'key' | 'managed' | 'workload' | 'entra';

/** The named Portkey inputs, already trimmed; empty string means "not given". */
export interface PortkeyConfig {
  clientAuth: string;
  organisationsToSync: string;
  serviceName: string;
  gatewayImageRepository: string;
  gatewayImageTag: string;
  replicas: number | undefined;
  registry: { username: string; password: string; server: string };
  imagePullSecret: string;
  serviceAccountName: string;
  /** false: the service account exists already and the chart must not create it. */
  createServiceAccount: boolean;
  serverMode: ServerMode;
  mcpPort: number;
  mcpGatewayBaseUrl: string;
  mcpService: boolean;
  serviceType: 'LoadBalancer' | 'ClusterIP' | 'NodePort';
  servicePort: number;
  containerPort: number;
  loadBalancer: 'public' | 'internal';
  allowedIpRanges: string[];
  staticIpName: string;
  staticIpResourceGroup: string;
  ingressClass: string;
  ingressHost: string;
  mcpHost: string;
  cache: CacheMode;
  redis: { url: string; password: string; authMode: string; cluster: boolean };
  logStore: string;
  blob: {
    account: string;
    container: string;
    authMode: BlobAuthMode;
    key: string;
    managedClientId: string;
    workloadClientId: string;
    entraClientId: string;
    entraClientSecret: string;
    entraTenantId: string;
  };
  logStoreFilePathFormat: string;
  controlPlane: 'internet' | 'private-link';
  controlPlaneHost: string;
  env: Record<string, string>;
  secretEnv: Record<string, string>;
}

export interface DeployConfig {
  timeoutSeconds: number;
  rollbackOnFailure: boolean;
  recoverStuckRelease: boolean;
  waitForPendingSeconds: number;
}

/** The stream of requests that measures whether the gateway kept serving through the rollout. */
export type { FailureBudget };

export interface AvailabilityConfig {
  /** Requests per second; 0 measures nothing. */
  rate: number;
  budget: FailureBudget;
}

/** How the new version is released: `strategy`, and for a canary its steps and the thresholds it is judged by. */
export interface CanaryConfig {
  /** `rolling`: helm's rollout alone; `canary`: a canary beside the stable version first. */
  strategy: 'rolling' | 'canary';
  /** `canary-steps`: the shares, in percent, ascending, each from 1 to 99. */
  steps: number[];
  /** `canary-analysis-window`, per step. */
  windowSeconds: number;
  thresholds: CanaryThresholds;
}

export interface CanaryThresholds {
  /** `canary-max-error-ratio`, 0 to 1. */
  maxErrorRatio: number;
  /** `canary-max-p95`, in ms. */
  maxP95Ms: number;
  /** `canary-max-error-increase`: the canary's error ratio may exceed the stable one's by this much, 0 to 1. */
  maxErrorIncrease: number;
  /** `canary-min-requests`: fewer reaching the canary is no verdict. */
  minRequests: number;
}

/** The chart values that let a rolling upgrade drop nothing (see values/zero-downtime.ts). */
export interface ZeroDowntimeConfig {
  enabled: boolean;
  /** terminationGracePeriodSeconds: how long a stopping pod may finish its longest streaming response. */
  gracePeriodSeconds: number;
}

/** Where the smoke test checks the gateway from: inside the cluster (the API server's service proxy), the runner, or both. */
export type SmokeTestFrom = 'cluster' | 'runner' | 'both';

export interface SmokeTestConfig {
  enabled: boolean;
  from: SmokeTestFrom;
  /** Base URL the runner checks instead of the discovered address; given, the runner checks it whatever `from` says. */
  url: string;
  path: string;
  expectedStatus: number;
  expectedBody: string;
  timeoutSeconds: number;
  chat: { model: string; provider: string; providerKey: string; portkeyApiKey: string; customHost: string };
  /** `allow-insecure-transport`: the keys may go to a plain-HTTP address that is not loopback. */
  allowInsecureTransport: boolean;
}

export interface GitHubDeploymentConfig {
  /** Record a GitHub Deployment of a deploy. */
  record: boolean;
  /** A GitHub API failure fails the run instead of being a warning. */
  strict: boolean;
  /** Empty when the job gave none (a run outside a runner, or `github-token: ''`). */
  token: string;
  /** Empty: the job's own environment, from its OIDC token. */
  environment: string;
  /** `command: plan` on a pull request comments the plan there. */
  planComment: boolean;
}

export interface ActionConfig {
  command: Command;
  azure: AzureConfig;
  cluster: ClusterConfig;
  tools: ToolsConfig;
  chart: ChartConfig;
  values: ValuesConfig;
  portkey: PortkeyConfig;
  deploy: DeployConfig;
  availability: AvailabilityConfig;
  canary: CanaryConfig;
  zeroDowntime: ZeroDowntimeConfig;
  addressTimeoutSeconds: number;
  smokeTest: SmokeTestConfig;
  /** `command: plan`: fail when the deploy would change something. */
  failOnChanges: boolean;
  github: GitHubDeploymentConfig;
}
