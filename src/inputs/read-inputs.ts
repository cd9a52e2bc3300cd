// The input contract of action.yml, read once into ActionConfig before anything touches the network.
// Secrets are masked the moment they are read; every problem is collected and thrown together, each line
// naming its input, so one failed run shows the workflow author everything to fix.
import * as core from '@actions/core';
import { readFileSync, statSync } from 'node:fs';
import type {
  ActionConfig,
  BlobAuthMode,
  CacheMode,
  ChartConfig,
  ChartSource,
  CloudName,
  Command,
  GitHubDeploymentConfig,
  PortkeyConfig,
} from './config.js';
import { ValidationError } from '../errors.js';
import { classifyChart } from './chart-source.js';
import { INPUT_DEFAULTS } from './defaults.js';
import { parseEnvLines } from './env-lines.js';
import { parseKeyPath } from './key-path.js';
import { parseImageRepository, parseImageTag } from './image.js';
import { readKubeconfig } from './kubeconfig.js';
import { parseNamespace, parseReleaseName, parseServiceAccountName } from './names.js';
import {
  InvalidInput,
  parseBoolean,
  parseChoice,
  parseCidr,
  parseDuration,
  parseHostName,
  parseHttpUrl,
  parseInteger,
  parsePort,
  parseSha256,
  parseToolVersion,
  splitList,
} from './scalars.js';
import { parseEachLine, parseSetLines } from './set-lines.js';
import { embeddedSecrets, isSecretInput, SecretSet } from '../secrets/index.js';
import { INSECURE_TRANSPORT_HINT, plainHttpProblem } from './transport.js';

export type GetInput = (name: string) => string;

const AZURE_SIGN_IN_INPUTS = ['client-id', 'tenant-id', 'subscription-id', 'resource-group', 'cluster-name'];
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/**
 * An input's action.yml default as a value. A default that is an expression (`${{ github.token }}`) is the runner's
 * to fill in: where it was not (a run outside a runner), there is no value.
 */
function literalDefault(name: string): string {
  const value = INPUT_DEFAULTS[name] ?? '';
  return value.startsWith('${{') ? '' : value;
}

/** Reads inputs (action.yml defaults filled in), masks secrets on sight, and collects problems. */
class InputReader {
  readonly problems: string[] = [];
  private readonly read = new Set<string>();

  constructor(
    private readonly getInput: GetInput,
    readonly secrets: SecretSet,
  ) {}

  /** The trimmed input or its action.yml default. `kubeconfig` is masked by readKubeconfigInput, content not path. */
  raw(name: string): string {
    this.read.add(name);
    const value = this.getInput(name).trim() || literalDefault(name);
    if (isSecretInput(name) && name !== 'kubeconfig') this.secrets.add(value);
    return value;
  }

  problem(name: string, message: string): void {
    this.problems.push(`\`${name}\`: ${message}`);
  }

  /** Parses a non-empty input; an empty one gives `empty` without parsing. */
  parse<T>(name: string, parse: (raw: string) => T, empty: T): T {
    const raw = this.raw(name);
    if (!raw) return empty;
    try {
      return parse(raw);
    } catch (error) {
      if (!(error instanceof InvalidInput)) throw error;
      this.problem(name, error.message);
      return empty;
    }
  }

  bool = (name: string) => this.parse(name, parseBoolean, false);
  seconds = (name: string, allowZero = false) => this.parse(name, (raw) => parseDuration(raw, { allowZero }), 0);
  port = (name: string) => this.parse(name, parsePort, 0);
  choice = <T extends string>(name: string, choices: readonly T[], options?: { ignoreCase?: boolean }) =>
    this.parse(name, (raw) => parseChoice(raw, choices, options), choices[0]);
  url = (name: string, httpsOnly = false) => {
    this.maskCredentials(this.raw(name));
    return this.parse(name, (raw) => parseHttpUrl(raw, { httpsOnly }), '');
  };

  /** Not a secret input, but a URL may carry a password (`https://user:pw@mirror/`, `rediss://:pw@host`) or a key. */
  maskCredentials(raw: string): void {
    const found = embeddedSecrets(raw);
    if (found.length > 0) this.secrets.add(raw, ...found);
  }

  /** A problem when the URL input is plain HTTP to another machine and insecure transport was not allowed. */
  secureUrl(name: string, what: string): void {
    const problem = plainHttpProblem(this.raw(name));
    if (problem && !this.bool('allow-insecure-transport')) {
      this.problem(name, `${problem}: ${what} would cross the network unauthenticated; ${INSECURE_TRANSPORT_HINT}`);
    }
  }

  lines<T extends { problems: string[] }>(name: string, parse: (raw: string) => T): T {
    const parsed = parse(this.raw(name));
    for (const message of parsed.problems) this.problem(name, message);
    return parsed;
  }

  /** Inputs read so far whose value differs from their action.yml default (or is given, without a default). */
  changedInputs(): string[] {
    return [...this.read].filter((name) => {
      const given = this.getInput(name).trim();
      const fromRunner = INPUT_DEFAULTS[name] !== undefined && !literalDefault(name);
      return given !== '' && !fromRunner && given !== (INPUT_DEFAULTS[name] ?? '');
    });
  }
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** An exact chart version; a range (`>=1.0.0`, `^1.7`, `1.7.x`) only when the user opted into one. */
function parseChartVersion(raw: string, rangeAllowed: boolean): string {
  if (EXACT_VERSION.test(raw) || rangeAllowed) return raw;
  throw new InvalidInput(
    `${JSON.stringify(raw)} is not an exact version: helm would deploy the newest chart that matches it, one nobody tested. Give a version like 1.7.7, or set \`allow-chart-version-range: 'true'\` to deploy the newest match on purpose.`,
  );
}

function readChart(input: InputReader): ChartConfig {
  const chart = input.raw('chart');
  const repositoryUrl = input.url('chart-repository');
  let source: ChartSource = { kind: 'repository', repositoryUrl, name: chart };
  try {
    source = classifyChart(chart, repositoryUrl, isDirectory);
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    input.problem('chart', error.message);
  }
  if (source.kind === 'repository') input.secureUrl('chart-repository', 'the chart helm renders and deploys');
  const rangeAllowed = input.bool('allow-chart-version-range');
  return {
    source,
    version:
      source.kind === 'local' ? '' : input.parse('chart-version', (raw) => parseChartVersion(raw, rangeAllowed), ''),
    releaseName: input.parse('release-name', parseReleaseName, ''),
    namespace: input.parse('namespace', parseNamespace, ''),
    createNamespace: input.bool('create-namespace'),
  };
}

function readPortkey(input: InputReader): PortkeyConfig {
  const secretEnv = input.lines('secret-env', parseEnvLines).values;
  input.secrets.add(...Object.values(secretEnv));
  const registry = {
    username: input.raw('registry-username'),
    password: input.raw('registry-password'),
    server: input.raw('registry-server'),
  };
  const imagePullSecret = input.raw('image-pull-secret');
  if (imagePullSecret && (registry.username || registry.password)) {
    input.problem(
      'image-pull-secret',
      'cannot be combined with `registry-username`/`registry-password`: use an existing pull secret or let the chart create one from the credentials, not both.',
    );
  } else if (Boolean(registry.username) !== Boolean(registry.password)) {
    const missing = registry.username ? 'registry-password' : 'registry-username';
    input.problem(missing, 'is required together with the other registry credential.');
  }
  const cache = input.choice<CacheMode>('cache', ['none', 'builtin', 'external']);
  const redisUrl = input.raw('redis-url');
  input.maskCredentials(redisUrl);
  if (redisUrl && cache !== 'external') input.problem('redis-url', 'is only used with `cache: external`.');
  const ingressClass = input.raw('ingress-class');
  for (const host of ['ingress-host', 'mcp-host']) {
    if (input.raw(host) && !ingressClass)
      input.problem(host, 'needs `ingress-class`: the host names live on the Ingress.');
  }
  const serverMode = input.choice('server-mode', ['gateway', 'all', 'mcp'] as const);
  const serviceAccountName = input.parse('service-account-name', parseServiceAccountName, '');
  const createServiceAccount = input.bool('create-service-account');
  if (!createServiceAccount && !serviceAccountName) {
    input.problem(
      'create-service-account',
      '`false` needs `service-account-name`: the existing service account to use.',
    );
  }
  const hostName = (name: string) => input.parse(name, parseHostName, '');
  const service = readService(input);
  return {
    clientAuth: input.raw('portkey-client-auth'),
    organisationsToSync: splitList(input.raw('organisations-to-sync')).join(','),
    serviceName: input.raw('service-name'),
    gatewayImageRepository: input.parse('gateway-image-repository', parseImageRepository, ''),
    gatewayImageTag: input.parse('gateway-image-tag', parseImageTag, ''),
    replicas: input.parse('replicas', (raw): number | undefined => parseInteger(raw, 0, 1000), undefined),
    registry,
    imagePullSecret,
    serviceAccountName,
    createServiceAccount,
    serverMode: serverMode === 'gateway' ? '' : serverMode,
    mcpPort: input.port('mcp-port'),
    mcpGatewayBaseUrl: input.raw('mcp-gateway-base-url'),
    mcpService: input.bool('mcp-service'),
    ...service,
    servicePort: input.port('service-port'),
    containerPort: input.port('container-port'),
    ingressClass,
    ingressHost: hostName('ingress-host'),
    mcpHost: hostName('mcp-host'),
    cache,
    redis: {
      url: redisUrl,
      password: input.raw('redis-password'),
      authMode: input.choice('redis-auth-mode', ['', 'password', 'workload', 'managed', 'entra']),
      cluster: input.bool('redis-cluster'),
    },
    logStore: input.choice('log-store', ['', 'azure', 's3', 'wasabi', 'gcs', 'mongo']),
    blob: {
      account: input.raw('azure-storage-account'),
      container: input.raw('azure-storage-container'),
      authMode: input.choice<BlobAuthMode>('azure-auth-mode', ['managed', 'key', 'workload', 'entra']),
      key: input.raw('azure-storage-key'),
      managedClientId: input.raw('azure-managed-client-id'),
      workloadClientId: input.raw('azure-workload-client-id'),
      entraClientId: input.raw('azure-entra-client-id'),
      entraClientSecret: input.raw('azure-entra-client-secret'),
      entraTenantId: input.raw('azure-entra-tenant-id'),
    },
    logStoreFilePathFormat: input.choice('log-store-file-path-format', ['', 'v1', 'v2']),
    controlPlane: input.choice('control-plane', ['internet', 'private-link'] as const),
    controlPlaneHost: hostName('control-plane-host'),
    env: input.lines('env', parseEnvLines).values,
    secretEnv,
  };
}

function readGitHubDeployment(input: InputReader): GitHubDeploymentConfig {
  const mode = input.choice('github-deployment', ['true', 'false', 'strict'] as const);
  const token = input.raw('github-token');
  const environment = input.raw('github-deployment-environment');
  // GitHub's limit for environment names.
  if (environment.length > 255) input.problem('github-deployment-environment', 'is longer than 255 characters.');
  return {
    record: mode !== 'false',
    strict: mode === 'strict',
    token,
    environment,
    planComment: input.bool('plan-comment'),
  };
}

type ServiceInputs = Pick<
  PortkeyConfig,
  'serviceType' | 'loadBalancer' | 'allowedIpRanges' | 'staticIpName' | 'staticIpResourceGroup'
>;

/** The Service and its load balancer, refusing settings that contradict each other (the chart would drop one). */
function readService(input: InputReader): ServiceInputs {
  const service: ServiceInputs = {
    serviceType: input.choice('service-type', ['LoadBalancer', 'ClusterIP', 'NodePort'] as const),
    loadBalancer: input.choice('load-balancer', ['public', 'internal'] as const),
    allowedIpRanges: input.parse('allowed-ip-ranges', (raw) => splitList(raw).map(parseCidr), []),
    staticIpName: input.raw('static-ip-name'),
    staticIpResourceGroup: input.raw('static-ip-resource-group'),
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
  const execAllowed = input.bool('allow-kubeconfig-exec');
  const raw = input.raw('kubeconfig');
  if (!raw) return '';
  try {
    const kubeconfig = readKubeconfig(raw, (path) => readFileSync(path, 'utf8'));
    input.secrets.add(...kubeconfig.secrets);
    if (kubeconfig.problem) input.problem('kubeconfig', kubeconfig.problem);
    if (!execAllowed) {
      for (const program of kubeconfig.credentialPrograms) {
        input.problem(
          'kubeconfig',
          `${program} to get its credentials, which helm and kubectl would do on every call, with the runner's permissions: refused. Give a kubeconfig whose user holds a token or a client certificate, or set \`allow-kubeconfig-exec: 'true'\` if you trust that program.`,
        );
      }
    }
    return kubeconfig.content;
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    input.problem('kubeconfig', error.message);
    return '';
  }
}

const PRIVATE_CLUSTER = { auto: 'auto', true: 'run-command', false: 'direct' } as const;

/** Inputs a self-hosted runner with Azure workload identity provides through its environment instead. */
const WORKLOAD_IDENTITY_ENV: Record<string, string> = {
  'client-id': 'AZURE_CLIENT_ID',
  'tenant-id': 'AZURE_TENANT_ID',
};

export function getConfig(
  getInput: GetInput = (name) => core.getInput(name),
  env: NodeJS.ProcessEnv = process.env,
  secrets: SecretSet = new SecretSet(),
): ActionConfig {
  const input = new InputReader(getInput, secrets);
  const command = input.choice<Command>('command', ['deploy', 'plan', 'render', 'uninstall']);
  const kubeconfig = readKubeconfigInput(input);
  const guid = (name: string) =>
    input.parse(
      name,
      (raw) => {
        if (!GUID.test(raw)) throw new InvalidInput(`${JSON.stringify(raw)} is not a GUID (xxxxxxxx-xxxx-...).`);
        return raw;
      },
      '',
    );
  const config: ActionConfig = {
    command,
    azure: {
      clientId: guid('client-id'),
      tenantId: input.raw('tenant-id'),
      subscriptionId: guid('subscription-id'),
      // Azure/login and the az CLI accept any case (`azurecloud`): workflows copied from them must keep working.
      cloud: input.choice<CloudName>('environment', ['AzureCloud', 'AzureUSGovernment', 'AzureChinaCloud'], {
        ignoreCase: true,
      }),
      authorityHost: input.url('authority-host', true),
      resourceManagerEndpoint: input.url('resource-manager-endpoint', true),
      oidcAudience: input.raw('oidc-audience'),
    },
    cluster: {
      resourceGroup: input.raw('resource-group'),
      clusterName: input.raw('cluster-name'),
      admin: input.bool('admin'),
      privateCluster: PRIVATE_CLUSTER[input.choice('private-cluster', ['auto', 'true', 'false'] as const)],
      kubeconfig,
      exportKubeconfig: input.bool('export-kubeconfig'),
    },
    tools: {
      helm: {
        version: input.parse('helm-version', parseToolVersion, ''),
        downloadBaseUrl: input.url('helm-download-url'),
        sha256: input.parse('helm-sha256', parseSha256, ''),
      },
      kubectl: {
        version: input.parse('kubectl-version', parseToolVersion, ''),
        downloadBaseUrl: input.url('kubectl-download-url'),
        sha256: input.parse('kubectl-sha256', parseSha256, ''),
      },
    },
    chart: readChart(input),
    values: {
      files: splitList(input.raw('values-files')),
      inline: input.raw('values'),
      set: input.lines('set', parseSetLines).lines,
      secretPaths: input.lines('secret-values', (raw) => parseEachLine(raw, parseKeyPath)).items,
      changedInputs: [],
    },
    portkey: readPortkey(input),
    deploy: {
      timeoutSeconds: input.seconds('timeout'),
      rollbackOnFailure: input.bool('rollback-on-failure'),
      recoverStuckRelease: input.bool('recover-stuck-release'),
      waitForPendingSeconds: input.seconds('wait-for-pending', true),
    },
    addressTimeoutSeconds: input.seconds('address-timeout'),
    failOnChanges: input.bool('fail-on-changes'),
    smokeTest: {
      enabled: input.bool('smoke-test'),
      from: input.choice('smoke-test-from', ['cluster', 'runner', 'both'] as const),
      url: input.url('smoke-test-url'),
      path: input.parse(
        'smoke-test-path',
        (raw) => {
          if (!raw.startsWith('/')) throw new InvalidInput(`${JSON.stringify(raw)} must start with '/'.`);
          return raw;
        },
        '/',
      ),
      expectedStatus: input.parse('smoke-test-expected-status', (raw) => parseInteger(raw, 100, 599), 200),
      expectedBody: input.raw('smoke-test-expected-body'),
      timeoutSeconds: input.seconds('smoke-test-timeout'),
      chat: {
        model: input.raw('smoke-test-chat-model'),
        provider: input.raw('smoke-test-provider'),
        providerKey: input.raw('smoke-test-provider-key'),
        portkeyApiKey: input.raw('smoke-test-portkey-api-key'),
        customHost: input.url('smoke-test-custom-host'),
      },
      allowInsecureTransport: input.bool('allow-insecure-transport'),
    },
    github: readGitHubDeployment(input),
  };
  input.secureUrl('helm-download-url', 'the helm binary that will hold the cluster credentials');
  input.secureUrl('kubectl-download-url', 'the kubectl binary that will hold the cluster credentials');
  // The smoke test's own keys need no check here: they travel only over TLS (the API server, or an https URL), and a
  // plain-HTTP smoke-test-url only gets the health check. The gateway, though, sends the provider key to custom-host.
  const { providerKey } = config.smokeTest.chat;
  if (providerKey && config.smokeTest.chat.customHost) {
    input.secureUrl('smoke-test-custom-host', 'smoke-test-provider-key, which the gateway sends to it,');
  }
  config.values.changedInputs = input.changedInputs();
  if (kubeconfig && config.cluster.privateCluster === 'run-command') {
    input.problem(
      'private-cluster',
      'is `true`, but runCommand goes through Azure Resource Manager and `kubeconfig` skips the Azure sign-in: give the Azure sign-in inputs instead of `kubeconfig`, or set `private-cluster: false`.',
    );
  }
  if (command !== 'render' && !kubeconfig) {
    for (const name of AZURE_SIGN_IN_INPUTS) {
      const fromWorkloadIdentity = env.AZURE_FEDERATED_TOKEN_FILE && env[WORKLOAD_IDENTITY_ENV[name] ?? ''];
      if (!input.raw(name) && !fromWorkloadIdentity) {
        input.problem(name, `is required for \`command: ${command}\` (or give \`kubeconfig\` to skip Azure sign-in).`);
      }
    }
  }
  // Names only, never values: the log shows what this step was given without showing a secret.
  core.info(
    input.problems.length > 0
      ? `command: ${command}; ${input.problems.length} problem(s) with the inputs, listed in the error below.`
      : `command: ${command}; inputs set differently from action.yml's defaults: ${config.values.changedInputs.join(', ') || 'none'}.`,
  );
  if (input.problems.length > 0) throw new ValidationError(input.problems);
  return config;
}
