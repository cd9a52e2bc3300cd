// What each named input means in the chart's values, as Portkey's AKS guide and the chart describe it
// (see /work/shared/reference/portkey-chart.md). Pure: config in, settings out; plan.ts decides their rank.
import type { PortkeyConfig } from '../inputs/config.js';
import type { Values } from './merge.js';

export interface NamedSetting {
  /** The inputs this setting comes from; the first names it in warnings. */
  inputs: string[];
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
const annotations = (entries: Record<string, string>): Values => ({ service: { annotations: entries } });

/**
 * The chart deploys its fixed-name `redis` Deployment whenever CACHE_STORE is exactly `redis`, which its own defaults
 * say; null removes the chart's default. An external cache is reached through REDIS_URL with CACHE_STORE left unset, as
 * Portkey's enterprise guide says for a Redis of your own ("leave it blank").
 */
function cacheSettings(p: PortkeyConfig): NamedSetting[] {
  if (p.cache === 'builtin') {
    return [
      {
        inputs: ['cache'],
        values: data({ CACHE_STORE: 'redis', REDIS_URL: 'redis://redis:6379', REDIS_TLS_ENABLED: 'false' }),
      },
    ];
  }
  if (p.cache === 'none') {
    return [{ inputs: ['cache'], values: data({ CACHE_STORE: null, REDIS_URL: null, REDIS_TLS_ENABLED: null }) }];
  }
  return present([
    { inputs: ['cache'], values: data({ CACHE_STORE: null, REDIS_TLS_ENABLED: 'true' }) },
    p.redis.url && { inputs: ['redis-url'], values: data({ REDIS_URL: p.redis.url }) },
    p.redis.password && { inputs: ['redis-password'], values: data({ REDIS_PASSWORD: p.redis.password }) },
    p.redis.authMode && { inputs: ['redis-auth-mode'], values: data({ AZURE_REDIS_AUTH_MODE: p.redis.authMode }) },
    p.redis.cluster && { inputs: ['redis-cluster'], values: data({ REDIS_MODE: 'cluster' }) },
  ]);
}

function blobSettings(p: PortkeyConfig): NamedSetting[] {
  const b = p.blob;
  const given = (input: string, key: string, value: string): NamedSetting | false =>
    Boolean(value) && { inputs: [input], values: data({ [key]: value }) };
  return present([
    p.logStore === 'azure' && {
      inputs: ['azure-auth-mode'],
      // Storage-key access is the gateway's default mode and is selected by leaving AZURE_AUTH_MODE unset.
      values: data({ AZURE_AUTH_MODE: b.authMode === 'key' ? null : b.authMode }),
    },
    given('azure-storage-account', 'AZURE_STORAGE_ACCOUNT', b.account),
    given('azure-storage-container', 'AZURE_STORAGE_CONTAINER', b.container),
    given('azure-storage-key', 'AZURE_STORAGE_KEY', b.key),
    given('azure-managed-client-id', 'AZURE_MANAGED_CLIENT_ID', b.managedClientId),
    given('azure-entra-client-id', 'AZURE_ENTRA_CLIENT_ID', b.entraClientId),
    given('azure-entra-client-secret', 'AZURE_ENTRA_CLIENT_SECRET', b.entraClientSecret),
    given('azure-entra-tenant-id', 'AZURE_ENTRA_TENANT_ID', b.entraTenantId),
    Boolean(b.workloadClientId) && {
      inputs: ['azure-workload-client-id'],
      values: {
        serviceAccount: { annotations: { 'azure.workload.identity/client-id': b.workloadClientId } },
        podLabels: { 'azure.workload.identity/use': 'true' },
      },
    },
  ]);
}

function serviceSettings(p: PortkeyConfig): NamedSetting[] {
  const loadBalancer = p.serviceType === 'LoadBalancer';
  return present([
    {
      inputs: ['service-type'],
      values: { service: { type: p.serviceType, ...(loadBalancer && { annotations: HEALTH_PROBE }) } },
    },
    { inputs: ['service-port'], values: { service: { port: p.servicePort } } },
    {
      inputs: ['container-port'],
      values: { service: { containerPort: p.containerPort }, environment: { data: { PORT: String(p.containerPort) } } },
    },
    loadBalancer && {
      inputs: ['load-balancer'],
      values: annotations({ [`${ANNOTATION}azure-load-balancer-internal`]: String(p.loadBalancer === 'internal') }),
    },
    p.allowedIpRanges.length > 0 && {
      inputs: ['allowed-ip-ranges'],
      values: annotations({ [`${ANNOTATION}azure-allowed-ip-ranges`]: p.allowedIpRanges.join(',') }),
    },
    Boolean(p.staticIpName) && {
      inputs: ['static-ip-name'],
      values: annotations({ [`${ANNOTATION}azure-pip-name`]: p.staticIpName }),
    },
    Boolean(p.staticIpResourceGroup) && {
      inputs: ['static-ip-resource-group'],
      values: annotations({ [`${ANNOTATION}azure-load-balancer-resource-group`]: p.staticIpResourceGroup }),
    },
  ]);
}

function ingressSettings(p: PortkeyConfig): NamedSetting[] {
  if (!p.ingressClass) return [];
  return present([
    {
      inputs: ['ingress-class'],
      values: {
        ingress: {
          enabled: true,
          ingressClassName: p.ingressClass,
          annotations: { [`${ANNOTATION}azure-load-balancer-health-probe-request-path`]: '/v1/health' },
        },
      },
    },
    p.ingressHost && { inputs: ['ingress-host'], values: { ingress: { hostname: p.ingressHost } } },
    p.mcpHost && { inputs: ['mcp-host'], values: { ingress: { hostBased: true, mcpHostname: p.mcpHost } } },
  ]);
}

function imageSettings(p: PortkeyConfig): NamedSetting[] {
  const { username, password, server } = p.registry;
  return present([
    p.gatewayImageRepository && {
      inputs: ['gateway-image-repository'],
      values: { images: { gatewayImage: { repository: p.gatewayImageRepository } } },
    },
    p.gatewayImageTag && {
      inputs: ['gateway-image-tag'],
      values: { images: { gatewayImage: { tag: p.gatewayImageTag } } },
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
    p.clientAuth && { inputs: ['portkey-client-auth'], values: data({ PORTKEY_CLIENT_AUTH: p.clientAuth }) },
    p.organisationsToSync && {
      inputs: ['organisations-to-sync'],
      values: data({ ORGANISATIONS_TO_SYNC: p.organisationsToSync }),
    },
    { inputs: ['service-name'], values: data({ SERVICE_NAME: p.serviceName }) },
    p.replicas !== undefined && { inputs: ['replicas'], values: { replicaCount: p.replicas } },
    ...imageSettings(p),
    // Chart 1.7.7 fails to render without a service account (its default became create: false, no name).
    { inputs: ['create-service-account'], values: { serviceAccount: { create: p.createServiceAccount } } },
    p.serviceAccountName && {
      inputs: ['service-account-name'],
      values: { serviceAccount: { name: p.serviceAccountName } },
    },
    // Gateway only is SERVER_MODE "empty or not provided" in Portkey's guide: unset, never "" (see plan.ts).
    { inputs: ['server-mode'], values: data({ SERVER_MODE: p.serverMode || null }) },
    (mcp || p.mcpPort !== 8788) && { inputs: ['mcp-port'], values: data({ MCP_PORT: String(p.mcpPort) }) },
    p.mcpGatewayBaseUrl && {
      inputs: ['mcp-gateway-base-url'],
      values: data({ MCP_GATEWAY_BASE_URL: p.mcpGatewayBaseUrl }),
    },
    { inputs: ['mcp-service'], values: { mcpService: { enabled: p.mcpService } } },
    ...serviceSettings(p),
    ...ingressSettings(p),
    ...cacheSettings(p),
    p.logStore && { inputs: ['log-store'], values: data({ LOG_STORE: p.logStore }) },
    ...blobSettings(p),
    p.logStoreFilePathFormat && {
      inputs: ['log-store-file-path-format'],
      values: data({ LOG_STORE_FILE_PATH_FORMAT: p.logStoreFilePathFormat }),
    },
    ...controlPlaneSettings(p),
  ]);
}
