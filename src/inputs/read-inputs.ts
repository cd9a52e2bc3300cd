// The input contract of action.yml, read once into ActionConfig before anything touches the network: each input
// by its entry in the declared table (table.ts), then the rules that tie inputs together. Secrets are masked the
// moment they are read; every problem is collected and thrown together, each line naming its input.
import * as runner from '../runner.js';
import { parse } from 'yaml';
import type { ActionConfig, ChartConfig, ChartSource, PortkeyConfig, GitHubDeploymentConfig } from './config.js';
import { ValidationError } from '../errors.js';
import { classifyChart } from './chart-source.js';
import { parseEnvLines } from './env-lines.js';
import { parseExtraObjects } from './extra-objects.js';
import { InputFiles } from './input-files.js';
import { InputReader, type GetInput } from './input-reader.js';
import { readKubeconfig } from './kubeconfig.js';
import { InvalidInput, splitList } from './scalars.js';
import { SecretSet } from '../secrets/index.js';
import { INPUT_NAMES, type InputName } from './table.js';
import { readValuesInputs } from './values-inputs.js';

const AZURE_SIGN_IN_INPUTS: InputName[] = [
  'client-id',
  'tenant-id',
  'subscription-id',
  'resource-group',
  'cluster-name',
];

/** An AKS kubeconfig is a few kilobytes; one naming every cluster of a large fleet stays far below this. */
const MAX_KUBECONFIG_BYTES = 4 * 2 ** 20;
/** Helm's own limit for a packaged chart's content, and a count no real chart comes near. */
const CHART_FOLDER_LIMITS = { maxBytes: 100 * 2 ** 20, maxFiles: 10_000 };
const MAX_CHART_YAML_BYTES = 2 ** 20;

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** An exact chart version; a range (`>=1.0.0`, `^1.7`, `1.7.x`) only when the user opted into one. */
function parseChartVersion(raw: string, rangeAllowed: boolean): string {
  if (EXACT_VERSION.test(raw) || rangeAllowed) return raw;
  throw new InvalidInput(
    `${JSON.stringify(raw)} is not an exact version: helm would deploy the newest chart that matches it, one nobody tested. Give a version like 1.7.7, or set \`allow-chart-version-range: 'true'\` to deploy the newest match on purpose.`,
  );
}

/**
 * A local chart's folder, checked the way helm will read it: its real path, which is what helm gets (a relative one
 * would be read from helm's working directory, the workspace only on GitHub's runner, not under local-action), and
 * the version its Chart.yaml declares.
 */
function localChart(files: InputFiles, folder: string): { path: string; version: string } {
  const real = files.checkFolder(folder, CHART_FOLDER_LIMITS);
  let chart: unknown;
  try {
    chart = parse(files.read(`${real}/Chart.yaml`, MAX_CHART_YAML_BYTES));
  } catch {
    return { path: real, version: '' }; // helm says what is wrong with a chart without a readable Chart.yaml.
  }
  const version = chart && typeof chart === 'object' ? (chart as { version?: unknown }).version : undefined;
  return { path: real, version: version === undefined || version === null ? '' : String(version) };
}

function readChart(input: InputReader): ChartConfig {
  const chart = input.value('chart');
  const repositoryUrl = input.value('chart-repository');
  let source: ChartSource = { kind: 'repository', repositoryUrl, name: chart };
  let version = '';
  try {
    source = classifyChart(chart, repositoryUrl, (path) => input.files.isDirectory(path));
    if (source.kind === 'local') {
      const local = localChart(input.files, source.path);
      source = { kind: 'local', path: local.path };
      version = local.version;
    }
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    const what = source.kind === 'local' ? `cannot use the chart folder ${JSON.stringify(chart)}: ` : '';
    input.problem('chart', `${what}${error.message}`);
  }
  if (source.kind === 'repository') input.secureUrl('chart-repository', 'the chart helm renders and deploys');
  if (source.kind !== 'local') {
    version = input.value('chart-version');
    try {
      parseChartVersion(version, input.value('allow-chart-version-range'));
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      input.problem('chart-version', error.message);
    }
  }
  return {
    source,
    version,
    releaseName: input.value('release-name'),
    namespace: input.value('namespace'),
    createNamespace: input.value('create-namespace'),
  };
}

function readPortkey(input: InputReader): PortkeyConfig {
  const secretEnv = input.lines('secret-env', parseEnvLines).values;
  input.secrets.add(...Object.values(secretEnv));
  const registry = {
    username: input.value('registry-username'),
    password: input.value('registry-password'),
    server: input.value('registry-server'),
  };
  const imagePullSecret = input.value('image-pull-secret');
  if (imagePullSecret && (registry.username || registry.password)) {
    input.problem(
      'image-pull-secret',
      'cannot be combined with `registry-username`/`registry-password`: use an existing pull secret or let the chart create one from the credentials, not both.',
    );
  } else if (Boolean(registry.username) !== Boolean(registry.password)) {
    const missing = registry.username ? 'registry-password' : 'registry-username';
    input.problem(missing, 'is required together with the other registry credential.');
  }
  const cache = input.value('cache');
  const redisUrl = input.value('redis-url');
  if (cache !== 'external') {
    const external = ['redis-url', 'redis-password', 'redis-auth-mode'] as const;
    for (const name of external.filter((name) => input.value(name) && input.given.has(name))) {
      input.problem(name, 'is only used with `cache: external`.');
    }
  }
  const ingressClass = input.value('ingress-class');
  for (const host of ['ingress-host', 'mcp-host'] as const) {
    if (input.value(host) && !ingressClass) {
      input.problem(host, 'needs `ingress-class`: the host names live on the Ingress.');
    }
  }
  const serverMode = input.value('server-mode');
  const serviceAccountName = input.value('service-account-name');
  const createServiceAccount = input.value('create-service-account');
  if (!createServiceAccount && !serviceAccountName) {
    input.problem(
      'create-service-account',
      '`false` needs `service-account-name`: the existing service account to use.',
    );
  }
  const service = readService(input);
  return {
    clientAuth: input.value('portkey-client-auth'),
    organisationsToSync: input.value('organisations-to-sync'),
    serviceName: input.value('service-name'),
    gatewayImageRepository: input.value('gateway-image-repository'),
    gatewayImageTag: input.value('gateway-image-tag'),
    replicas: input.value('replicas'),
    registry,
    imagePullSecret,
    serviceAccountName,
    createServiceAccount,
    serverMode: serverMode === 'gateway' ? '' : serverMode,
    mcpPort: input.value('mcp-port'),
    mcpGatewayBaseUrl: input.value('mcp-gateway-base-url'),
    mcpService: input.value('mcp-service'),
    ...service,
    servicePort: input.value('service-port'),
    containerPort: input.value('container-port'),
    ingressClass,
    ingressHost: input.value('ingress-host'),
    mcpHost: input.value('mcp-host'),
    cache,
    redis: {
      url: redisUrl,
      password: input.value('redis-password'),
      authMode: input.value('redis-auth-mode'),
      cluster: input.value('redis-cluster'),
    },
    logStore: input.value('log-store'),
    blob: {
      account: input.value('azure-storage-account'),
      container: input.value('azure-storage-container'),
      authMode: input.value('azure-storage-auth-mode'),
      key: input.value('azure-storage-key'),
      managedClientId: input.value('azure-storage-managed-client-id'),
      workloadClientId: input.value('gateway-workload-client-id'),
      entraClientId: input.value('azure-storage-entra-client-id'),
      entraClientSecret: input.value('azure-storage-entra-client-secret'),
      entraTenantId: input.value('azure-storage-entra-tenant-id'),
    },
    logStoreFilePathFormat: input.value('log-store-file-path-format'),
    controlPlane: input.value('control-plane'),
    controlPlaneHost: input.value('control-plane-host'),
    env: input.lines('env', parseEnvLines).values,
    secretEnv,
  };
}

function readGitHubDeployment(input: InputReader): GitHubDeploymentConfig {
  const mode = input.value('github-deployment');
  return {
    record: mode !== 'false',
    strict: mode === 'strict',
    token: input.value('github-token'),
    environment: input.value('github-deployment-environment'),
    planComment: input.value('plan-comment'),
  };
}

type ServiceInputs = Pick<
  PortkeyConfig,
  'serviceType' | 'loadBalancer' | 'allowedIpRanges' | 'staticIpName' | 'staticIpResourceGroup'
>;

/** The Service and its load balancer, refusing settings that contradict each other (the chart would drop one). */
function readService(input: InputReader): ServiceInputs {
  const service: ServiceInputs = {
    serviceType: input.value('service-type'),
    loadBalancer: input.value('load-balancer'),
    allowedIpRanges: splitList(input.value('allowed-ip-ranges')),
    staticIpName: input.value('static-ip-name'),
    staticIpResourceGroup: input.value('static-ip-resource-group'),
  };
  const { serviceType, loadBalancer, allowedIpRanges, staticIpName, staticIpResourceGroup } = service;
  if (serviceType !== 'LoadBalancer') {
    const none = `needs \`service-type: LoadBalancer\`: a ${serviceType} Service gets no Azure load balancer`;
    if (loadBalancer === 'internal') input.problem('load-balancer', `\`internal\` ${none}.`);
    if (staticIpName) input.problem('static-ip-name', `${none} to give the IP to.`);
    if (allowedIpRanges.length > 0) {
      input.problem('allowed-ip-ranges', `${none} to restrict; limit who reaches the gateway at its Ingress instead.`);
    }
  } else if (staticIpName && loadBalancer === 'internal') {
    input.problem(
      'static-ip-name',
      'names a static public IP, but `load-balancer: internal` gives the gateway a private address in the VNet: keep one of the two.',
    );
  }
  if (staticIpResourceGroup && !staticIpName) {
    input.problem('static-ip-resource-group', 'is the resource group of `static-ip-name`, which is not set.');
  }
  return service;
}

function readKubeconfigInput(input: InputReader): string {
  const policy = {
    allowCredentialPrograms: input.value('allow-kubeconfig-exec'),
    allowLocalFiles: input.value('allow-kubeconfig-files'),
    allowInsecureTransport: input.value('allow-insecure-transport'),
  };
  const raw = input.value('kubeconfig');
  if (!raw) return '';
  try {
    // A path is read by the one reader of files inputs name: inside the workspace, a regular file, size-limited.
    const read = (file: string) => input.files.read(file, MAX_KUBECONFIG_BYTES);
    const kubeconfig = readKubeconfig(raw, read, policy, input.files.base);
    input.secrets.add(...kubeconfig.secrets);
    for (const problem of kubeconfig.problems) input.problem('kubeconfig', problem);
    return kubeconfig.content;
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    input.problem('kubeconfig', error.message);
    return '';
  }
}

const PRIVATE_CLUSTER = { auto: 'auto', true: 'run-command', false: 'direct' } as const;

/** Inputs that Azure workload identity (`sign-in: workload-identity`) provides through the environment instead. */
const WORKLOAD_IDENTITY_ENV: Partial<Record<InputName, string>> = {
  'client-id': 'AZURE_CLIENT_ID',
  'tenant-id': 'AZURE_TENANT_ID',
};

/**
 * Reads every input. Files the inputs name are read by InputFiles: relative to GITHUB_WORKSPACE (the working
 * directory when it is not set), never outside it or RUNNER_TEMP.
 */
export function getConfig(
  getInput: GetInput = (name) => runner.getInput(name),
  env: NodeJS.ProcessEnv = process.env,
  secrets: SecretSet = new SecretSet(),
): ActionConfig {
  const input = new InputReader(getInput, secrets, new InputFiles(env));
  const command = input.value('command');
  const kubeconfig = readKubeconfigInput(input);
  const config: ActionConfig = {
    command,
    azure: {
      signIn: input.value('sign-in'),
      clientId: input.value('client-id'),
      tenantId: input.value('tenant-id'),
      subscriptionId: input.value('subscription-id'),
      cloud: input.value('environment'),
      authorityHost: input.value('authority-host'),
      resourceManagerEndpoint: input.value('resource-manager-endpoint'),
      oidcAudience: input.value('oidc-audience'),
    },
    cluster: {
      resourceGroup: input.value('resource-group'),
      clusterName: input.value('cluster-name'),
      admin: input.value('admin'),
      privateCluster: PRIVATE_CLUSTER[input.value('private-cluster')],
      kubeconfig,
      exportKubeconfig: input.value('export-kubeconfig'),
    },
    tools: {
      helm: {
        version: input.value('helm-version'),
        downloadBaseUrl: input.value('helm-download-url'),
        sha256: input.value('helm-sha256'),
      },
      kubectl: {
        version: input.value('kubectl-version'),
        downloadBaseUrl: input.value('kubectl-download-url'),
        sha256: input.value('kubectl-sha256'),
      },
    },
    chart: readChart(input),
    values: { ...readValuesInputs(input, command), extraObjects: [], given: input.given },
    portkey: readPortkey(input),
    deploy: {
      timeoutSeconds: input.value('timeout'),
      rollbackOnFailure: input.value('rollback-on-failure'),
      recoverStuckRelease: input.value('recover-stuck-release'),
      waitForPendingSeconds: input.value('pending-release-timeout'),
    },
    availability: { rate: input.value('availability-rate'), budget: input.value('availability-budget') },
    canary: {
      strategy: input.value('strategy'),
      steps: input.value('canary-steps'),
      windowSeconds: input.value('canary-analysis-window'),
      thresholds: {
        maxErrorRatio: input.value('canary-max-error-ratio'),
        maxP95Ms: input.value('canary-max-p95'),
        maxErrorIncrease: input.value('canary-max-error-increase'),
        minRequests: input.value('canary-min-requests'),
      },
    },
    zeroDowntime: {
      enabled: input.value('zero-downtime'),
      gracePeriodSeconds: input.value('termination-grace-period'),
    },
    addressTimeoutSeconds: input.value('address-timeout'),
    failOnChanges: input.value('fail-on-changes'),
    smokeTest: {
      enabled: input.value('smoke-test'),
      from: input.value('smoke-test-from'),
      url: input.value('smoke-test-url'),
      path: input.value('smoke-test-path'),
      expectedStatus: input.value('smoke-test-expected-status'),
      expectedBody: input.value('smoke-test-expected-body'),
      timeoutSeconds: input.value('smoke-test-timeout'),
      chat: {
        model: input.value('smoke-test-chat-model'),
        provider: input.value('smoke-test-provider'),
        providerKey: input.value('smoke-test-provider-key'),
        portkeyApiKey: input.value('smoke-test-portkey-api-key'),
        customHost: input.value('smoke-test-custom-host'),
      },
      allowInsecureTransport: input.value('allow-insecure-transport'),
    },
    github: readGitHubDeployment(input),
  };
  const release = { releaseName: config.chart.releaseName, namespace: config.chart.namespace };
  config.values.extraObjects = input.lines('extra-objects', (raw) => parseExtraObjects(raw, release)).objects;
  // Every input is checked, also one this command does not use: a typo fails now, not on the run that needs it.
  for (const name of INPUT_NAMES) input.value(name);
  input.secureUrl('helm-download-url', 'the helm binary that will hold the cluster credentials');
  input.secureUrl('kubectl-download-url', 'the kubectl binary that will hold the cluster credentials');
  // The smoke test's own keys need no check here: they travel only over TLS (the API server, or an https URL), and a
  // plain-HTTP smoke-test-url only gets the health check. The gateway, though, sends the provider key to custom-host.
  const { providerKey } = config.smokeTest.chat;
  if (providerKey && config.smokeTest.chat.customHost) {
    input.secureUrl('smoke-test-custom-host', 'smoke-test-provider-key, which the gateway sends to it,');
  }
  if (kubeconfig && config.cluster.privateCluster === 'run-command') {
    input.problem(
      'private-cluster',
      'is `true`, but runCommand goes through Azure Resource Manager and `kubeconfig` skips the Azure sign-in: give the Azure sign-in inputs instead of `kubeconfig`, or set `private-cluster: false`.',
    );
  }
  if (command !== 'render' && !kubeconfig) {
    for (const name of AZURE_SIGN_IN_INPUTS) {
      const fromWorkloadIdentity =
        config.azure.signIn === 'workload-identity' && env[WORKLOAD_IDENTITY_ENV[name] ?? ''];
      if (!input.value(name) && !fromWorkloadIdentity) {
        input.problem(name, `is required for \`command: ${command}\` (or give \`kubeconfig\` to skip Azure sign-in).`);
      }
    }
  }
  for (const warning of input.warnings) runner.warning(warning);
  // Names only, never values: the log shows what this step was given without showing a secret.
  runner.info(
    input.problems.length > 0
      ? `command: ${command}; ${input.problems.length} problem(s) with the inputs, listed in the error below.`
      : `command: ${command}; inputs set differently from action.yml's defaults: ${[...input.given].join(', ') || 'none'}.`,
  );
  if (input.problems.length > 0) throw new ValidationError(input.problems);
  return config;
}
