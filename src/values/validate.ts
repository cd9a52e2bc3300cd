// Checks on the final merged values that would otherwise surface as a broken pod, an unreachable gateway or a
// silent data leak minutes into a deploy. Pure; each problem names the input that fixes it: for a value a named
// input also sets, the input it came through (a values file, `values`, a `set` line, `env`), held to that named
// input's own parser, so `replicaCount: -1` in a values file is refused as `replicas: -1` would be.
import type { ActionConfig } from '../inputs/config.js';
import { isMutableTag } from '../inputs/image.js';
import { formatKeyPath, type KeyPath } from '../inputs/key-path.js';
import { InvalidInput } from '../inputs/scalars.js';
import { INPUT_NAMES, spec, type InputName, type InputSpec } from '../inputs/table.js';
import { isMap, type Values, type ValuesSource } from './merge.js';

export interface ValuesCheck {
  errors: string[];
  warnings: string[];
}

const ANNOTATION = 'service.beta.kubernetes.io/';
const MIN_CHART = [1, 6, 0];
const PLACEHOLDER = /^<[^>]*>$/;

const mapAt = (values: Values, ...path: string[]): Values => {
  let node: unknown = values;
  for (const key of path) node = isMap(node) ? node[key] : undefined;
  return isMap(node) ? node : {};
};

const text = (value: unknown): string => (value === undefined || value === null ? '' : String(value));

interface RequiredKey {
  key: string;
  /** The input that supplies it; `env`/`secret-env` for variables without an input of their own. */
  input: InputName;
}

const OBJECT_STORE_KEYS: RequiredKey[] = [
  { key: 'LOG_STORE_REGION', input: 'env' },
  { key: 'LOG_STORE_ACCESS_KEY', input: 'secret-env' },
  { key: 'LOG_STORE_SECRET_KEY', input: 'secret-env' },
  { key: 'LOG_STORE_GENERATIONS_BUCKET', input: 'env' },
];

const LOG_STORE_KEYS: Record<string, RequiredKey[]> = {
  s3: OBJECT_STORE_KEYS,
  wasabi: OBJECT_STORE_KEYS,
  gcs: OBJECT_STORE_KEYS,
  mongo: [
    { key: 'MONGO_DB_CONNECTION_URL', input: 'secret-env' },
    { key: 'MONGO_DATABASE', input: 'env' },
    { key: 'MONGO_COLLECTION_NAME', input: 'env' },
  ],
};
const STORAGE_KEY: RequiredKey[] = [{ key: 'AZURE_STORAGE_KEY', input: 'azure-storage-key' }];

/** By AZURE_AUTH_MODE; storage-key access is selected by leaving it empty (`key` is accepted too). */
const BLOB_KEYS: Record<string, RequiredKey[]> = {
  '': STORAGE_KEY,
  key: STORAGE_KEY,
  managed: [],
  workload: [],
  entra: [
    { key: 'AZURE_ENTRA_CLIENT_ID', input: 'azure-storage-entra-client-id' },
    { key: 'AZURE_ENTRA_CLIENT_SECRET', input: 'azure-storage-entra-client-secret' },
    { key: 'AZURE_ENTRA_TENANT_ID', input: 'azure-storage-entra-tenant-id' },
  ],
};

/**
 * By AZURE_REDIS_AUTH_MODE, what Portkey's Redis documentation for the chart gives each mode (workload identity is
 * checked on the service account and pods instead). A password may also ride in REDIS_URL (`rediss://:pw@host`).
 */
const AZURE_REDIS_KEYS: Record<string, RequiredKey[]> = {
  password: [{ key: 'REDIS_PASSWORD', input: 'redis-password' }],
  workload: [],
  managed: [{ key: 'AZURE_REDIS_MANAGED_CLIENT_ID', input: 'env' }],
  entra: [
    { key: 'AZURE_REDIS_ENTRA_CLIENT_ID', input: 'env' },
    { key: 'AZURE_REDIS_ENTRA_CLIENT_SECRET', input: 'secret-env' },
    { key: 'AZURE_REDIS_ENTRA_TENANT_ID', input: 'env' },
  ],
};

type Problem = (input: InputName, message: string) => void;

/** Reports `key` missing from `data`, naming the input that sets it (or `env`/`secret-env` for the line to add). */
const requireKey = (data: Values, problem: Problem) => (key: string, input: InputName, what: string) => {
  if (text(data[key])) return;
  const how = input === 'env' || input === 'secret-env' ? `add ${key}=... to \`${input}\`` : `set \`${input}\``;
  problem(input, `${what} needs ${key}: ${how}.`);
};

/**
 * Workload identity needs both halves the webhook reads: the client ID on the gateway's service account and the
 * label on its pods. Without them the gateway has no token and fails at its first write or cache read.
 */
function checkWorkloadIdentity(values: Values, what: string, problem: Problem): void {
  const clientId = mapAt(values, 'serviceAccount', 'annotations')['azure.workload.identity/client-id'];
  const label = mapAt(values, 'podLabels')['azure.workload.identity/use'];
  if (text(clientId) && text(label) === 'true') return;
  problem(
    'gateway-workload-client-id',
    `${what} needs the service account annotation azure.workload.identity/client-id and the pod label azure.workload.identity/use: "true": set \`gateway-workload-client-id\` to the client ID of the identity federated with the gateway's service account.`,
  );
}

function checkLogStore(values: Values, data: Values, problem: Problem): string[] {
  const store = text(data.LOG_STORE);
  const warnings: string[] = [];
  const need = requireKey(data, problem);
  if (store === 'azure') {
    const mode = text(data.AZURE_AUTH_MODE);
    const what = `LOG_STORE azure with AZURE_AUTH_MODE ${mode || 'key (empty)'}`;
    need('AZURE_STORAGE_ACCOUNT', 'azure-storage-account', what);
    need('AZURE_STORAGE_CONTAINER', 'azure-storage-container', what);
    const keys = Object.hasOwn(BLOB_KEYS, mode) ? BLOB_KEYS[mode] : undefined;
    if (!keys)
      problem(
        'azure-storage-auth-mode',
        `AZURE_AUTH_MODE ${JSON.stringify(mode)} is not key, managed, workload or entra.`,
      );
    for (const { key, input } of keys ?? []) need(key, input, what);
    if (mode === 'workload') checkWorkloadIdentity(values, what, problem);
  } else if (Object.hasOwn(LOG_STORE_KEYS, store)) {
    for (const { key, input } of LOG_STORE_KEYS[store]) need(key, input, `LOG_STORE ${store}`);
  } else if (store) {
    warnings.push(
      `\`log-store\`: LOG_STORE ${JSON.stringify(store)} is not azure, s3, wasabi, gcs or mongo; its settings are not checked.`,
    );
  }
  return warnings;
}

const passwordInUrl = (url: string): boolean => {
  try {
    return new URL(url).password !== '';
  } catch {
    return false;
  }
};

/** Azure Cache for Redis / Azure Managed Redis (`CACHE_STORE: azure-redis`, however it was set): the URL and identity. */
function checkAzureRedis(values: Values, data: Values, problem: Problem): void {
  if (text(data.CACHE_STORE) !== 'azure-redis') return;
  const mode = text(data.AZURE_REDIS_AUTH_MODE);
  const what = `CACHE_STORE azure-redis (\`cache: external\`) with AZURE_REDIS_AUTH_MODE ${mode || '(empty)'}`;
  const need = requireKey(data, problem);
  need('REDIS_URL', 'redis-url', what);
  const keys = Object.hasOwn(AZURE_REDIS_KEYS, mode) ? AZURE_REDIS_KEYS[mode] : undefined;
  if (!keys) {
    problem(
      'redis-auth-mode',
      `AZURE_REDIS_AUTH_MODE ${JSON.stringify(mode)} is not password, workload, managed or entra.`,
    );
    return;
  }
  for (const { key, input } of keys) {
    if (key !== 'REDIS_PASSWORD' || !passwordInUrl(text(data.REDIS_URL))) need(key, input, what);
  }
  if (mode === 'workload') checkWorkloadIdentity(values, what, problem);
}

/** The host of an https URL, or undefined for any other text. */
const httpsHost = (url: string): string | undefined => {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' ? parsed.hostname : undefined;
  } catch {
    return undefined;
  }
};

/**
 * MCP_GATEWAY_BASE_URL is the address MCP clients are sent to: an https one whose host the Ingress serves without
 * TLS (or with no Ingress at all: Azure's load balancer passes TCP through) answers only plain HTTP.
 */
function baseUrlWithoutTls(values: Values, data: Values): string[] {
  const host = httpsHost(text(data.MCP_GATEWAY_BASE_URL));
  if (!host) return [];
  const ingress = mapAt(values, 'ingress');
  const tls = ingress.enabled === true && Array.isArray(ingress.tls) ? ingress.tls.filter(isMap) : [];
  if (tls.some((entry) => Array.isArray(entry.hosts) && entry.hosts.map(text).includes(host))) return [];
  return [
    `\`mcp-gateway-base-url\`: MCP_GATEWAY_BASE_URL is https://${host}, but ${ingress.enabled === true ? `the Ingress has no TLS for ${host}` : 'no Ingress terminates TLS'}: MCP clients would be sent to an address that answers plain HTTP only. Add \`ingress.tls\` with a certificate Secret for ${host} in \`values\` (docs/configurations.md, "TLS on the Ingress"), or give an http:// URL; ignore this when TLS ends in front of the cluster (Application Gateway, Front Door).`,
  ];
}

/** Each image of `images` deployed by a tag that moves: how it is pulled, and that a version is what rolls out. */
function mutableTagWarnings(values: Values): string[] {
  return Object.entries(mapAt(values, 'images')).flatMap(([name, image]) => {
    if (!isMap(image) || !isMutableTag(text(image.tag))) return [];
    const input = name === 'gatewayImage' ? 'gateway-image-tag' : 'values';
    const at = `images.${name}`;
    const pull =
      text(image.pullPolicy) === 'Always'
        ? ''
        : ` With pullPolicy ${text(image.pullPolicy) || "the chart's default"}, a node that pulled an older ${at}.tag latest keeps running it: set ${at}.pullPolicy: Always.`;
    return [
      `\`${input}\`: ${at} is deployed as \`latest\`, which moves: a deploy whose values do not change restarts no pod, so a new image arrives only when pods happen to restart, and replicas may run different builds. Pin a version (like 2.13.0) to know what runs and roll back to it.${pull}`,
    ];
  });
}

function olderThanMinimum(version: string): boolean {
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!match) return false;
  const parts = match.slice(1).map(Number);
  const index = parts.findIndex((part, i) => part !== MIN_CHART[i]);
  return index >= 0 && parts[index] < MIN_CHART[index];
}

function placeholderCredential(values: Values): string | undefined {
  if (values.imageCredentials === undefined) return '<docker-user>';
  const items = Array.isArray(values.imageCredentials) ? values.imageCredentials.filter(isMap) : [];
  for (const item of items) {
    if (item.create === false) continue;
    const found = [item.username, item.password, item.registry].find((field) => PLACEHOLDER.test(text(field)));
    if (found !== undefined) return text(found);
  }
  return undefined;
}

function valueAt(values: Values, path: KeyPath): unknown {
  let node: unknown = values;
  for (const key of path) node = isMap(node) ? node[key] : undefined;
  return node;
}

/** Why the named input's parser refuses `value` (the way the chart would take it), or undefined when it accepts it. */
function refusal(entry: InputSpec, value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value === 'object') return `it is a ${Array.isArray(value) ? 'list' : 'map'}, not a single value.`;
  const raw = String(value);
  if (!entry.multiline && /[\r\n]/.test(raw)) return 'it holds a line break.';
  try {
    entry.parse(raw);
    return undefined;
  } catch (error) {
    if (!(error instanceof InvalidInput)) throw error;
    return error.message;
  }
}

/** Every value a named input sets as it is, when something other than that input set it, held to its parser. */
function checkNamedInputValues(
  values: Values,
  originOf: (path: KeyPath) => ValuesSource | undefined,
  problem: Problem,
): void {
  for (const name of INPUT_NAMES) {
    const entry = spec(name);
    for (const path of entry.values ?? []) {
      const source = originOf(path);
      // The action's defaults and the input itself were parsed when the inputs were read.
      if (!source?.input || source.input === name) continue;
      const why = refusal(entry, valueAt(values, path));
      const part = source.part ? `${source.part} ` : '';
      if (why) problem(source.input, `${part}sets \`${formatKeyPath(path)}\` (the value \`${name}\` sets): ${why}`);
    }
  }
}

/**
 * Checks the merged values; `originOf` tells who set a value. Missing secrets are warnings for `render`, which runs
 * on pull requests where secrets are not available, and errors otherwise.
 */
export function validateValues(
  values: Values,
  config: ActionConfig,
  originOf: (path: KeyPath) => ValuesSource | undefined,
): ValuesCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const problem: Problem = (input, message) => errors.push(`\`${input}\`: ${message}`);
  const secretProblem: Problem = (input, message) =>
    (config.command === 'render' ? warnings : errors).push(`\`${input}\`: ${message}`);
  const warn: Problem = (input, message) => warnings.push(`\`${input}\`: ${message}`);

  checkNamedInputValues(values, originOf, problem);
  const environment = mapAt(values, 'environment');
  const data = mapAt(values, 'environment', 'data');
  // With an existing Secret the variables live there, where the action cannot see them.
  const dataIsComplete = environment.create !== false && !text(environment.existingSecret);

  if (dataIsComplete) {
    if (!text(data.PORTKEY_CLIENT_AUTH)) {
      secretProblem(
        'portkey-client-auth',
        'PORTKEY_CLIENT_AUTH is not set: pass the client auth key Portkey shared with you, from a secret.',
      );
    }
    if (!text(data.ORGANISATIONS_TO_SYNC)) {
      secretProblem(
        'organisations-to-sync',
        'ORGANISATIONS_TO_SYNC is not set: give your Portkey organisation ID (see app.portkey.ai/organisation/<id>/).',
      );
    }
    warnings.push(...checkLogStore(values, data, problem));
    checkAzureRedis(values, data, problem);
  }

  for (const [key, value] of Object.entries(data)) {
    if (value !== null && typeof value === 'object') {
      problem('values', `environment.data.${key} is a ${Array.isArray(value) ? 'list' : 'map'}: give a string.`);
    }
  }

  const serverMode = data.SERVER_MODE === undefined ? '' : text(data.SERVER_MODE);
  if (!['', 'all', 'mcp'].includes(serverMode)) {
    problem(
      'server-mode',
      `SERVER_MODE ${JSON.stringify(serverMode)} is not "", all or mcp: the chart would render a Service with no ports. Use \`server-mode\` (gateway, mcp or all).`,
    );
  }
  const ingress = mapAt(values, 'ingress');
  if (serverMode === 'all' && ingress.enabled === true && (ingress.hostBased !== true || !text(ingress.mcpHostname))) {
    problem(
      'mcp-host',
      'SERVER_MODE all behind an Ingress needs host-based routing: set `mcp-host` to the MCP gateway host name.',
    );
  }
  const service = mapAt(values, 'service');
  const containerPort = text(service.containerPort);
  if (containerPort && data.PORT !== undefined && data.PORT !== null && containerPort !== text(data.PORT)) {
    problem(
      'container-port',
      `service.containerPort (${containerPort}) differs from environment.data.PORT (${text(data.PORT)}): the gateway would listen on one port and be probed on the other. Set both with \`container-port\`.`,
    );
  }

  const placeholder = placeholderCredential(values);
  if (placeholder) {
    secretProblem(
      'registry-username',
      `the chart's placeholder registry credential ${placeholder} would reach the cluster and image pulls would fail: set \`registry-username\` and \`registry-password\` (shared by Portkey), or \`image-pull-secret\` naming an existing pull secret, or \`image-pull-secret: none\` when the nodes pull the image without one (ACR attached to the cluster).`,
    );
  }

  warnings.push(...mutableTagWarnings(values), ...baseUrlWithoutTls(values, data));

  const chartVersion = config.chart.version;
  if (olderThanMinimum(chartVersion)) {
    const input = config.chart.source.kind === 'local' ? 'chart' : 'chart-version';
    problem(
      input,
      `chart ${chartVersion} is older than 1.6.0, which took the container port from service.port: use chart 1.6.0 or newer (the action is tested with 1.7.7).`,
    );
  }

  const account = mapAt(values, 'serviceAccount');
  if (account.create !== true && !text(account.name)) {
    problem('service-account-name', 'the values set no service account, and chart 1.7.7 fails to render without one.');
  }
  const accountAnnotations = Object.keys(mapAt(values, 'serviceAccount', 'annotations'));
  if (account.create === false && accountAnnotations.length > 0) {
    warn(
      'create-service-account',
      `the chart does not create service account ${text(account.name)}, so it will not annotate it (${accountAnnotations.join(', ')}): put those annotations on the existing service account.`,
    );
  }
  const dataservice = mapAt(values, 'dataservice');
  const dataserviceAccount = mapAt(values, 'dataservice', 'serviceAccount');
  if (dataservice.enabled === true && dataserviceAccount.create !== true && !text(dataserviceAccount.name)) {
    problem('values', 'dataservice is enabled without a service account: set dataservice.serviceAccount.create: true.');
  }

  const annotations = mapAt(values, 'service', 'annotations');
  if (service.type === 'LoadBalancer' && text(annotations[`${ANNOTATION}azure-load-balancer-internal`]) !== 'true') {
    const ranges = text(annotations[`${ANNOTATION}azure-allowed-ip-ranges`]);
    const open = ranges.split(',').some((range) => ['0.0.0.0/0', '::/0'].includes(range.trim()));
    if (!ranges || open) {
      warn(
        'allowed-ip-ranges',
        'the gateway gets a public load balancer open to the whole internet: list the CIDR ranges that may reach it, or use `load-balancer: internal`.',
      );
    }
    if (ingress.enabled === true) {
      warn(
        'service-type',
        'both an Ingress and a LoadBalancer Service expose the gateway: consider `service-type: ClusterIP`.',
      );
    }
  }
  return { errors, warnings };
}
