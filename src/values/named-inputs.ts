// What each named input means in the chart's values, as Portkey's AKS guide and the chart describe it (the chart's
// values.yaml and templates in Portkey-AI/helm, charts/portkey-gateway). An input whose value goes to the chart as it
// is goes where its entry in the input table says; the rest are written here. Pure: config in, settings out; prepare.ts
// decides their rank.
import type { PortkeyConfig } from '../inputs/config.js';
import { isMutableTag } from '../inputs/image.js';
import type { KeyPath } from '../inputs/key-path.js';
import { spec, type InputName } from '../inputs/table.js';
import { stringifyEnvValue } from './environment-data.js';
import { isMap, type Values } from './merge.js';

export interface NamedSetting {
  /** The inputs this setting comes from; the first names it in warnings. */
  inputs: InputName[];
  values: Values;
}

/** Settings the action always writes: the chart's own defaults are wrong for a hybrid deployment on AKS. */
export const ALWAYS_SET: Values = {
  // The chart's default (clickhouse) is for fully self-hosted installs; hybrid gateways report to the control plane.
  environment: { data: { ANALYTICS_STORE: 'control_plane' } },
};

export const REGISTRY_SECRET_NAME = 'portkeyenterpriseregistrycredentials';
/** `image-pull-secret: none`: the nodes pull the image themselves (ACR attached to the cluster). */
export const NO_PULL_SECRET = 'none';

const ANNOTATION = 'service.beta.kubernetes.io/';
const HEALTH_PROBE = {
  [`${ANNOTATION}azure-load-balancer-health-probe-protocol`]: 'http',
  [`${ANNOTATION}azure-load-balancer-health-probe-request-path`]: '/v1/health',
};

/** Settings written as `condition && setting`: keeps only those whose condition held. */
const present = (settings: (NamedSetting | false | '' | undefined)[]): NamedSetting[] =>
  settings.filter((setting): setting is NamedSetting => Boolean(setting));

const data = (entries: Record<string, string | null>): Values => ({ environment: { data: entries } });

const isEnvironmentData = (path: KeyPath) => path[0] === 'environment' && path[1] === 'data';

/** `extra` with `value` at each of the paths the input table gives `name` (as the chart's string under `environment.data`). */
function valuesOf(name: InputName, value: unknown, extra: Values = {}): Values {
  const values = structuredClone(extra);
  for (const path of spec(name).values ?? []) {
    let node = values;
    for (const key of path.slice(0, -1)) {
      if (!isMap(node[key])) node[key] = {};
      node = node[key] as Values;
    }
    node[path[path.length - 1]] = isEnvironmentData(path) ? stringifyEnvValue(value) : value;
  }
  return values;
}

/** The setting of an input whose value goes to the chart as it is; none when it is empty. */
const asIs = (name: InputName, value: unknown): NamedSetting | false =>
  value !== '' && value !== undefined && { inputs: [name], values: valuesOf(name, value) };
const annotations = (entries: Record<string, string>): Values => ({ service: { annotations: entries } });

/**
 * The chart deploys its fixed-name `redis` Deployment whenever CACHE_STORE is exactly `redis`, which its own defaults
 * say; null removes the chart's default. Azure Cache for Redis and Azure Managed Redis are `CACHE_STORE: azure-redis`
 * with AZURE_REDIS_AUTH_MODE, as Portkey's Redis documentation for the chart writes them (validate.ts checks that the
 * identity each mode needs is there).
 */
function cacheSettings(p: PortkeyConfig): NamedSetting[] {
  if (p.cache === 'builtin') {
    const builtin = data({ CACHE_STORE: 'redis', REDIS_URL: 'redis://redis:6379', REDIS_TLS_ENABLED: 'false' });
    // The chart's Redis has no password; its default NodePort Service would open it on every node of the VNet.
    return [{ inputs: ['cache'], values: { ...builtin, redis: { serviceType: 'ClusterIP' } } }];
  }
  if (p.cache === 'none') {
    return [{ inputs: ['cache'], values: data({ CACHE_STORE: null, REDIS_URL: null, REDIS_TLS_ENABLED: null }) }];
  }
  return present([
    { inputs: ['cache'], values: data({ CACHE_STORE: 'azure-redis', REDIS_TLS_ENABLED: 'true' }) },
    asIs('redis-url', p.redis.url),
    asIs('redis-password', p.redis.password),
    asIs('redis-auth-mode', p.redis.authMode),
    p.redis.cluster && { inputs: ['redis-cluster'], values: data({ REDIS_MODE: 'cluster' }) },
  ]);
}

/**
 * One line for each way the release differs from what Portkey's guide and chart deploy by default, for the log, the
 * summary and the plan: a user following the guide expects its built-in Redis.
 */
export function differencesFromPortkey(values: Values): string[] {
  const environment = isMap(values.environment) ? values.environment : {};
  const cacheStore = isMap(environment.data) ? environment.data.CACHE_STORE : undefined;
  if (cacheStore !== null && cacheStore !== undefined && cacheStore !== '') return [];
  return [
    "No cache (`cache: none`, the action's default): Portkey's chart deploys a built-in Redis by default. Set `cache: builtin` for it, or `cache: external` for Azure Cache for Redis / Azure Managed Redis.",
  ];
}

function blobSettings(p: PortkeyConfig): NamedSetting[] {
  const b = p.blob;
  return present([
    p.logStore === 'azure' && {
      inputs: ['azure-storage-auth-mode'],
      // Storage-key access is the gateway's default mode and is selected by leaving AZURE_AUTH_MODE unset.
      values: data({ AZURE_AUTH_MODE: b.authMode === 'key' ? null : b.authMode }),
    },
    asIs('azure-storage-account', b.account),
    asIs('azure-storage-container', b.container),
    asIs('azure-storage-key', b.key),
    asIs('azure-storage-managed-client-id', b.managedClientId),
    asIs('azure-storage-entra-client-id', b.entraClientId),
    asIs('azure-storage-entra-client-secret', b.entraClientSecret),
    asIs('azure-storage-entra-tenant-id', b.entraTenantId),
    Boolean(b.workloadClientId) && {
      inputs: ['gateway-workload-client-id'],
      values: valuesOf('gateway-workload-client-id', b.workloadClientId, {
        podLabels: { 'azure.workload.identity/use': 'true' },
      }),
    },
  ]);
}

function serviceSettings(p: PortkeyConfig): NamedSetting[] {
  const loadBalancer = p.serviceType === 'LoadBalancer';
  return present([
    {
      inputs: ['service-type'],
      values: valuesOf('service-type', p.serviceType, loadBalancer ? { service: { annotations: HEALTH_PROBE } } : {}),
    },
    asIs('service-port', p.servicePort),
    asIs('container-port', p.containerPort),
    loadBalancer && {
      inputs: ['load-balancer'],
      values: annotations({ [`${ANNOTATION}azure-load-balancer-internal`]: String(p.loadBalancer === 'internal') }),
    },
    asIs('allowed-ip-ranges', p.allowedIpRanges.join(',')),
    asIs('static-ip-name', p.staticIpName),
    asIs('static-ip-resource-group', p.staticIpResourceGroup),
  ]);
}

function ingressSettings(p: PortkeyConfig): NamedSetting[] {
  if (!p.ingressClass) return [];
  // The chart copies the Service's annotations onto the Ingress: with a LoadBalancer Service the health probe's is
  // there already, and writing it again renders the key twice.
  const probe = `${ANNOTATION}azure-load-balancer-health-probe-request-path`;
  const annotations = p.serviceType === 'LoadBalancer' ? {} : { annotations: { [probe]: HEALTH_PROBE[probe] } };
  return present([
    {
      inputs: ['ingress-class'],
      values: { ingress: { enabled: true, ingressClassName: p.ingressClass, ...annotations } },
    },
    asIs('ingress-host', p.ingressHost),
    p.mcpHost && { inputs: ['mcp-host'], values: { ingress: { hostBased: true, mcpHostname: p.mcpHost } } },
  ]);
}

function imageSettings(p: PortkeyConfig): NamedSetting[] {
  const { username, password, server } = p.registry;
  return present([
    asIs('gateway-image-repository', p.gatewayImageRepository),
    p.gatewayImageTag && {
      inputs: ['gateway-image-tag'],
      // As Portkey's guide pairs `latest` with it: otherwise a node that has an older `latest` runs that one.
      values: valuesOf(
        'gateway-image-tag',
        p.gatewayImageTag,
        isMutableTag(p.gatewayImageTag) ? { images: { gatewayImage: { pullPolicy: 'Always' } } } : {},
      ),
    },
    (username || password) && {
      inputs: ['registry-username', 'registry-password', 'registry-server'],
      values: {
        imageCredentials: [{ name: REGISTRY_SECRET_NAME, create: true, registry: server, username, password }],
      },
    },
    p.imagePullSecret && {
      inputs: ['image-pull-secret'],
      // Without emptying imageCredentials the chart would also create its placeholder pull secret.
      values:
        p.imagePullSecret === NO_PULL_SECRET
          ? { imageCredentials: [] }
          : { imageCredentials: [], imagePullSecrets: [{ name: p.imagePullSecret }] },
    },
  ]);
}

function controlPlaneSettings(p: PortkeyConfig): NamedSetting[] {
  if (p.controlPlane !== 'private-link') return [];
  const base = `https://${p.controlPlaneHost}`;
  return [
    {
      inputs: ['control-plane', 'control-plane-host'],
      values: data({
        ALBUS_BASEPATH: `${base}/albus`,
        CONTROL_PLANE_BASEPATH: `${base}/api/v1`,
        SOURCE_SYNC_API_BASEPATH: `${base}/api/v1/sync`,
        CONFIG_READER_PATH: `${base}/api/model-configs`,
      }),
    },
  ];
}

/** Every named input's contribution to the values, in a fixed order. */
export function namedInputSettings(p: PortkeyConfig): NamedSetting[] {
  const mcp = p.serverMode !== '';
  return present([
    asIs('portkey-client-auth', p.clientAuth),
    asIs('organisations-to-sync', p.organisationsToSync),
    asIs('service-name', p.serviceName),
    asIs('replicas', p.replicas),
    ...imageSettings(p),
    // Chart 1.7.7 fails to render without a service account (its default became create: false, no name).
    asIs('create-service-account', p.createServiceAccount),
    asIs('service-account-name', p.serviceAccountName),
    // Gateway only is SERVER_MODE "empty or not provided" in Portkey's guide: unset, never "" (see chart-fit.ts).
    { inputs: ['server-mode'], values: data({ SERVER_MODE: p.serverMode || null }) },
    (mcp || p.mcpPort !== 8788) && asIs('mcp-port', p.mcpPort),
    asIs('mcp-gateway-base-url', p.mcpGatewayBaseUrl),
    asIs('mcp-service', p.mcpService),
    ...serviceSettings(p),
    ...ingressSettings(p),
    ...cacheSettings(p),
    p.logStore && { inputs: ['log-store'], values: data({ LOG_STORE: p.logStore }) },
    ...blobSettings(p),
    asIs('log-store-file-path-format', p.logStoreFilePathFormat),
    ...controlPlaneSettings(p),
  ]);
}
