// Every input of action.yml, declared once: its group and default (as action.yml has them:
// __tests__/inputs/table.test.ts keeps the two equal), how its text is parsed, whether it is secret, and for the
// named Portkey inputs where in the chart's values its value goes. The reader (read-inputs.ts) parses and masks by
// this table; the values stage builds the named inputs' settings from it and holds whatever else sets those same
// values (a values file, `values`, `set`, `env`) to the same parser.
import { parseImageRepository, parseImageTag } from './image.js';
import type { KeyPath } from './key-path.js';
import { parseNamespace, parseReleaseName, parseServiceAccountName } from './names.js';
import {
  InvalidInput,
  parseBoolean,
  parseChoice,
  parseCidr,
  parseDuration,
  parseFailureBudget,
  parseGuid,
  parseHostName,
  parseHttpUrl,
  parseInteger,
  parseLatency,
  parsePercent,
  parsePort,
  parseSha256,
  parseSteps,
  parseTenantId,
  parseToolVersion,
  splitList,
} from './scalars.js';
import { parseSmokeTestPath, parseSmokeTestUrl } from './smoke-test-target.js';

/** The `# heading` comments of action.yml's inputs, which the README's table groups by. */
export const GROUPS = {
  general: 'General',
  azure: 'Azure sign-in (GitHub OIDC, no client secret)',
  cluster: 'Cluster',
  tools: 'Tools',
  chart: 'Chart and release',
  values: 'Values',
  portkey: 'Portkey gateway: account, image, registry, service account (environment.data unless noted)',
  exposure: 'Gateway exposure: Service, load balancer, Ingress, MCP',
  cache: 'Cache (Redis)',
  logs: 'Logs (Azure Blob storage)',
  controlPlane: 'Control plane and other environment settings',
  deploy: 'Deploy',
  canary: 'Canary (strategy: canary)',
  smokeTest: 'Address and smoke test',
  github: 'GitHub Deployment',
} as const;

export interface InputSpec<T = unknown> {
  group: (typeof GROUPS)[keyof typeof GROUPS];
  /** action.yml's default, as the runner passes it; `${{ … }}` is the runner's to fill in. */
  default?: string;
  /** Trimmed, non-empty text to value; throws InvalidInput with a sentence about the text. */
  parse: (raw: string) => T;
  /** The value of an input that is empty and has no default, or whose text was refused. */
  empty: T;
  /**
   * The input holds a secret. A single-line one is masked the moment it is read, before any check can print it; a
   * multi-line one (`kubeconfig`, `secret-env`) by what parses it: its credentials and values, not its paths or keys.
   */
  secret?: boolean;
  /** Lists, YAML and `KEY=VALUE` lines. Every other input refuses a line break: it would split log lines and headers. */
  multiline?: boolean;
  /** It names a file or a folder (or, `kubeconfig`, holds one), which InputFiles reads. */
  file?: boolean;
  /** A URL, which may carry a password or a key (`https://user:pw@mirror`, `?sig=`): those are masked as it is read. */
  url?: boolean;
  /**
   * The chart values this input's value goes to as it is (strings under `environment.data`). Whatever else sets
   * them (a values file, `values`, `set`, `env`) is held to `parse` too.
   */
  values?: readonly KeyPath[];
  /**
   * The name this input had before it was renamed (docs/configurations.md says why each was). Workflows still use it:
   * action.yml declares it with a `deprecationMessage:`, and the reader takes it, with a warning, when the new name
   * was not given.
   */
  renamedFrom?: string;
}

type Kind<T> = Pick<InputSpec<T>, 'parse' | 'empty'>;

const text: Kind<string> = { parse: (raw) => raw, empty: '' };
const flag: Kind<boolean> = { parse: parseBoolean, empty: false };
const port: Kind<number> = { parse: parsePort, empty: 0 };
const duration = (allowZero = false): Kind<number> => ({
  parse: (raw) => parseDuration(raw, { allowZero }),
  empty: 0,
});
const choice = <const T extends string>(choices: readonly T[], options?: { ignoreCase?: boolean }): Kind<T> => ({
  parse: (raw) => parseChoice(raw, choices, options),
  empty: choices[0],
});
const url = (httpsOnly = false) => ({ parse: (raw: string) => parseHttpUrl(raw, { httpsOnly }), empty: '', url: true });
const parsed = <T>(parse: (raw: string) => T, empty: T): Kind<T> => ({ parse, empty });
/** Comma- or newline-separated items, each held to `item`; the chart gets them joined with commas. */
const list = (item: (raw: string) => string = (raw) => raw): Kind<string> & { multiline: true } => ({
  parse: (raw) => splitList(raw).map(item).join(','),
  empty: '',
  multiline: true,
});

const env = (name: string): KeyPath => ['environment', 'data', name];
const annotation = (name: string): KeyPath => ['service', 'annotations', `service.beta.kubernetes.io/${name}`];

const AZURE_CLOUDS = ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'] as const;

/**
 * The Azure cloud, named as Azure/login names it. `environment: prod` is the commonest slip (a job's GitHub
 * environment is `environment:` one level up), so anything that is not a cloud points at the input meant.
 */
function parseAzureCloud(raw: string): (typeof AZURE_CLOUDS)[number] {
  try {
    return parseChoice(raw, AZURE_CLOUDS, { ignoreCase: true });
  } catch (error) {
    const hint =
      ' It names the Azure cloud, as in Azure/login; to name the GitHub environment the deployment is recorded in, ' +
      "use `github-deployment-environment` (the job's own `environment:` sets which secrets and rules apply).";
    throw new InvalidInput(`${(error as Error).message}${hint}`);
  }
}

/** GitHub's limit for environment names. */
function parseEnvironmentName(raw: string): string {
  if (raw.length > 255) throw new InvalidInput('is longer than 255 characters.');
  return raw;
}

const G = GROUPS;

export const INPUTS = {
  command: { group: G.general, default: 'deploy', ...choice(['deploy', 'plan', 'render', 'uninstall']) },
  'allow-insecure-transport': { group: G.general, default: 'false', ...flag },

  'sign-in': { group: G.azure, default: 'github-oidc', ...choice(['github-oidc', 'workload-identity']) },
  'client-id': { group: G.azure, ...parsed(parseGuid, '') },
  'tenant-id': { group: G.azure, ...parsed(parseTenantId, '') },
  'subscription-id': { group: G.azure, ...parsed(parseGuid, '') },
  // Azure/login and the az CLI accept any case (`azurecloud`): workflows copied from them must keep working.
  environment: {
    group: G.azure,
    default: 'AzureCloud',
    ...parsed(parseAzureCloud, 'AzureCloud'),
  },
  'authority-host': { group: G.azure, ...url(true) },
  'resource-manager-endpoint': { group: G.azure, ...url(true) },
  'oidc-audience': { group: G.azure, ...text },

  'resource-group': { group: G.cluster, ...text },
  'cluster-name': { group: G.cluster, ...text },
  admin: { group: G.cluster, default: 'false', ...flag },
  'private-cluster': { group: G.cluster, default: 'auto', ...choice(['auto', 'true', 'false']) },
  kubeconfig: { group: G.cluster, ...text, secret: true, multiline: true, file: true },
  'allow-kubeconfig-exec': { group: G.cluster, default: 'false', ...flag },
  'allow-kubeconfig-files': { group: G.cluster, default: 'false', ...flag },
  'export-kubeconfig': { group: G.cluster, default: 'false', ...flag },

  'helm-version': { group: G.tools, default: '4.1.4', ...parsed(parseToolVersion, '') },
  'kubectl-version': { group: G.tools, default: '1.35.2', ...parsed(parseToolVersion, '') },
  'helm-download-url': { group: G.tools, default: 'https://get.helm.sh', ...url() },
  'kubectl-download-url': { group: G.tools, default: 'https://dl.k8s.io', ...url() },
  'helm-sha256': { group: G.tools, ...parsed(parseSha256, '') },
  'kubectl-sha256': { group: G.tools, ...parsed(parseSha256, '') },

  'release-name': { group: G.chart, default: 'portkey-ai', ...parsed(parseReleaseName, '') },
  namespace: { group: G.chart, default: 'portkeyai', ...parsed(parseNamespace, '') },
  'create-namespace': { group: G.chart, default: 'true', ...flag },
  chart: { group: G.chart, default: 'gateway', ...text, file: true },
  'chart-repository': { group: G.chart, default: 'https://portkey-ai.github.io/helm', ...url() },
  'chart-version': { group: G.chart, default: '1.7.7', ...text },
  'allow-chart-version-range': { group: G.chart, default: 'false', ...flag },

  'values-files': { group: G.values, ...text, multiline: true, file: true },
  values: { group: G.values, ...text, multiline: true },
  set: { group: G.values, ...text, multiline: true },
  'secret-values': { group: G.values, ...text, multiline: true },
  'extra-objects': { group: G.values, ...text, multiline: true },

  'portkey-client-auth': { group: G.portkey, ...text, secret: true, values: [env('PORTKEY_CLIENT_AUTH')] },
  'organisations-to-sync': { group: G.portkey, ...list(), values: [env('ORGANISATIONS_TO_SYNC')] },
  'service-name': { group: G.portkey, default: 'gateway', ...text, values: [env('SERVICE_NAME')] },
  'gateway-image-repository': {
    group: G.portkey,
    ...parsed(parseImageRepository, ''),
    values: [['images', 'gatewayImage', 'repository']],
  },
  'gateway-image-tag': { group: G.portkey, ...parsed(parseImageTag, ''), values: [['images', 'gatewayImage', 'tag']] },
  replicas: {
    group: G.portkey,
    ...parsed((raw): number | undefined => parseInteger(raw, 0, 1000), undefined),
    values: [['replicaCount']],
  },
  'registry-username': { group: G.portkey, ...text },
  'registry-password': { group: G.portkey, ...text, secret: true },
  'registry-server': { group: G.portkey, default: 'https://index.docker.io/v1/', ...text },
  'image-pull-secret': { group: G.portkey, ...text },
  'service-account-name': {
    group: G.portkey,
    ...parsed(parseServiceAccountName, ''),
    values: [['serviceAccount', 'name']],
  },
  'create-service-account': { group: G.portkey, default: 'true', ...flag, values: [['serviceAccount', 'create']] },
  // The gateway pods' own identity, not the log store's: `redis-auth-mode: workload` signs in with it too.
  'gateway-workload-client-id': {
    group: G.portkey,
    ...text,
    values: [['serviceAccount', 'annotations', 'azure.workload.identity/client-id']],
    renamedFrom: 'azure-workload-client-id',
  },
  'server-mode': { group: G.portkey, default: 'gateway', ...choice(['gateway', 'all', 'mcp']) },
  'mcp-port': { group: G.exposure, default: '8788', ...port, values: [env('MCP_PORT')] },
  'mcp-gateway-base-url': { group: G.exposure, ...url(), values: [env('MCP_GATEWAY_BASE_URL')] },
  'mcp-service': { group: G.exposure, default: 'false', ...flag, values: [['mcpService', 'enabled']] },
  'service-type': {
    group: G.exposure,
    default: 'LoadBalancer',
    ...choice(['LoadBalancer', 'ClusterIP', 'NodePort']),
    values: [['service', 'type']],
  },
  'service-port': { group: G.exposure, default: '8787', ...port, values: [['service', 'port']] },
  'container-port': {
    group: G.exposure,
    default: '8787',
    ...port,
    values: [['service', 'containerPort'], env('PORT')],
  },
  'load-balancer': { group: G.exposure, default: 'public', ...choice(['public', 'internal']) },
  'allowed-ip-ranges': { group: G.exposure, ...list(parseCidr), values: [annotation('azure-allowed-ip-ranges')] },
  'static-ip-name': { group: G.exposure, ...text, values: [annotation('azure-pip-name')] },
  'static-ip-resource-group': {
    group: G.exposure,
    ...text,
    values: [annotation('azure-load-balancer-resource-group')],
  },
  'ingress-class': { group: G.exposure, ...text },
  'ingress-host': { group: G.exposure, ...parsed(parseHostName, ''), values: [['ingress', 'hostname']] },
  'mcp-host': { group: G.exposure, ...parsed(parseHostName, '') },
  cache: { group: G.cache, default: 'none', ...choice(['none', 'builtin', 'external']) },
  'redis-url': { group: G.cache, ...text, url: true, values: [env('REDIS_URL')] },
  'redis-password': { group: G.cache, ...text, secret: true, values: [env('REDIS_PASSWORD')] },
  'redis-auth-mode': {
    group: G.cache,
    default: 'password',
    ...choice(['password', 'workload', 'managed', 'entra']),
    values: [env('AZURE_REDIS_AUTH_MODE')],
  },
  'redis-cluster': { group: G.cache, default: 'false', ...flag },
  'log-store': { group: G.logs, ...choice(['', 'azure', 's3', 'wasabi', 'gcs', 'mongo']) },
  'azure-storage-account': { group: G.logs, ...text, values: [env('AZURE_STORAGE_ACCOUNT')] },
  'azure-storage-container': { group: G.logs, ...text, values: [env('AZURE_STORAGE_CONTAINER')] },
  'azure-storage-auth-mode': {
    group: G.logs,
    default: 'managed',
    ...choice(['managed', 'key', 'workload', 'entra']),
    renamedFrom: 'azure-auth-mode',
  },
  'azure-storage-key': { group: G.logs, ...text, secret: true, values: [env('AZURE_STORAGE_KEY')] },
  'azure-storage-managed-client-id': {
    group: G.logs,
    ...text,
    values: [env('AZURE_MANAGED_CLIENT_ID')],
    renamedFrom: 'azure-managed-client-id',
  },
  'azure-storage-entra-client-id': {
    group: G.logs,
    ...text,
    values: [env('AZURE_ENTRA_CLIENT_ID')],
    renamedFrom: 'azure-entra-client-id',
  },
  'azure-storage-entra-client-secret': {
    group: G.logs,
    ...text,
    secret: true,
    values: [env('AZURE_ENTRA_CLIENT_SECRET')],
    renamedFrom: 'azure-entra-client-secret',
  },
  'azure-storage-entra-tenant-id': {
    group: G.logs,
    ...text,
    values: [env('AZURE_ENTRA_TENANT_ID')],
    renamedFrom: 'azure-entra-tenant-id',
  },
  'log-store-file-path-format': {
    group: G.logs,
    ...choice(['', 'v1', 'v2']),
    values: [env('LOG_STORE_FILE_PATH_FORMAT')],
  },
  'control-plane': { group: G.controlPlane, default: 'internet', ...choice(['internet', 'private-link']) },
  'control-plane-host': {
    group: G.controlPlane,
    default: 'azure-cp.privatelink-az.portkey.ai',
    ...parsed(parseHostName, ''),
  },
  env: { group: G.controlPlane, ...text, multiline: true },
  'secret-env': { group: G.controlPlane, ...text, secret: true, multiline: true },

  timeout: { group: G.deploy, default: '10m', ...duration() },
  'fail-on-changes': { group: G.deploy, default: 'false', ...flag },
  'rollback-on-failure': { group: G.deploy, default: 'true', ...flag },
  'recover-stuck-release': { group: G.deploy, default: 'false', ...flag },
  'pending-release-timeout': {
    group: G.deploy,
    default: '2m',
    ...duration(true),
    renamedFrom: 'wait-for-pending',
  },
  'zero-downtime': { group: G.deploy, default: 'true', ...flag },
  'termination-grace-period': { group: G.deploy, default: '2m', ...duration() },
  'availability-rate': {
    group: G.deploy,
    default: '4',
    ...parsed((raw) => parseInteger(raw, 0, 50), 0),
  },
  'availability-budget': { group: G.deploy, default: '1%', ...parsed(parseFailureBudget, { percent: 1 }) },
  strategy: { group: G.canary, default: 'rolling', ...choice(['rolling', 'canary']) },
  'canary-steps': { group: G.canary, default: '10,50', ...parsed(parseSteps, [] as number[]) },
  'canary-analysis-window': { group: G.canary, default: '1m', ...duration() },
  'canary-max-error-ratio': { group: G.canary, default: '5%', ...parsed(parsePercent, 0) },
  'canary-max-error-increase': { group: G.canary, default: '2%', ...parsed(parsePercent, 0) },
  'canary-max-p95': { group: G.canary, default: '2s', ...parsed(parseLatency, 0) },
  'canary-min-requests': {
    group: G.canary,
    default: '50',
    ...parsed((raw) => parseInteger(raw, 0, 1_000_000), 0),
  },

  'address-timeout': { group: G.smokeTest, default: '5m', ...duration() },
  'smoke-test': { group: G.smokeTest, default: 'true', ...flag },
  'smoke-test-from': { group: G.smokeTest, default: 'cluster', ...choice(['cluster', 'runner', 'both']) },
  'smoke-test-url': { group: G.smokeTest, ...parsed(parseSmokeTestUrl, ''), url: true },
  'smoke-test-path': { group: G.smokeTest, default: '/v1/health', ...parsed(parseSmokeTestPath, '/') },
  'smoke-test-expected-status': {
    group: G.smokeTest,
    default: '200',
    ...parsed((raw) => parseInteger(raw, 100, 599), 200),
  },
  'smoke-test-expected-body': { group: G.smokeTest, ...text, multiline: true },
  'smoke-test-timeout': { group: G.smokeTest, default: '2m', ...duration() },
  'smoke-test-chat-model': { group: G.smokeTest, ...text },
  'smoke-test-provider': { group: G.smokeTest, default: 'openai', ...text },
  'smoke-test-provider-key': { group: G.smokeTest, ...text, secret: true },
  'smoke-test-portkey-api-key': { group: G.smokeTest, ...text, secret: true },
  'smoke-test-custom-host': { group: G.smokeTest, ...url() },

  'github-deployment': { group: G.github, default: 'true', ...choice(['true', 'false', 'strict']) },
  'github-deployment-environment': { group: G.github, ...parsed(parseEnvironmentName, '') },
  'github-token': { group: G.github, default: '${{ github.token }}', ...text, secret: true },
  'plan-comment': { group: G.github, default: 'true', ...flag },
} satisfies Record<string, InputSpec<unknown>>;

export type InputName = keyof typeof INPUTS;
/** What reading `N` gives: its parser's type. */
export type InputValue<N extends InputName> = ReturnType<(typeof INPUTS)[N]['parse']>;

export const INPUT_NAMES = Object.keys(INPUTS) as InputName[];

/** An entry, seen through the fields every entry may have. */
export const spec = (name: InputName): InputSpec => INPUTS[name];

/** The inputs that hold secrets (see InputSpec.secret for when each is masked). */
export const SECRET_INPUTS: readonly InputName[] = INPUT_NAMES.filter((name) => spec(name).secret);
