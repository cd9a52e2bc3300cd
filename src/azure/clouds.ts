// Which Entra authority, Resource Manager and GitHub token audience to use: the cloud's defaults, each overridable.
import type { AzureConfig, CloudName } from '../inputs/config.js';

/**
 * The one AKS Resource Manager API version for every call (credentials, the managed cluster, runCommand and its
 * results): GA and available in every cloud, sovereign ones included.
 */
export const AKS_API_VERSION = '2024-09-01';

export interface CloudEndpoints {
  authorityHost: string;
  resourceManager: string;
  /** Audience requested for the GitHub OIDC token; must match the federated credential's audience. */
  oidcAudience: string;
  /** Scope of Resource Manager tokens. */
  armScope: string;
  /** MSAL's instance discovery only knows Microsoft's own hosts; asking it about any other host fails. */
  disableInstanceDiscovery: boolean;
}

const CLOUDS: Record<CloudName, { authorityHost: string; resourceManager: string; oidcAudience: string }> = {
  AzureCloud: {
    authorityHost: 'https://login.microsoftonline.com',
    resourceManager: 'https://management.azure.com',
    oidcAudience: 'api://AzureADTokenExchange',
  },
  AzureUSGovernment: {
    authorityHost: 'https://login.microsoftonline.us',
    resourceManager: 'https://management.usgovcloudapi.net',
    oidcAudience: 'api://AzureADTokenExchangeUSGov',
  },
  AzureChinaCloud: {
    authorityHost: 'https://login.chinacloudapi.cn',
    resourceManager: 'https://management.chinacloudapi.cn',
    oidcAudience: 'api://AzureADTokenExchangeChina',
  },
};

const withoutTrailingSlash = (url: string) => url.trim().replace(/\/+$/, '');

/**
 * `workloadAuthority` is AZURE_AUTHORITY_HOST, taken only with `sign-in: workload-identity`; an explicit
 * `authority-host` input wins over it.
 */
export function cloudEndpoints(azure: AzureConfig, workloadAuthority = ''): CloudEndpoints {
  const cloud = CLOUDS[azure.cloud];
  const authorityHost = withoutTrailingSlash(azure.authorityHost || workloadAuthority || cloud.authorityHost);
  const resourceManager = withoutTrailingSlash(azure.resourceManagerEndpoint || cloud.resourceManager);
  const knownHosts = Object.values(CLOUDS).map((c) => c.authorityHost);
  return {
    authorityHost,
    resourceManager,
    oidcAudience: azure.oidcAudience.trim() || cloud.oidcAudience,
    armScope: `${resourceManager}/.default`,
    disableInstanceDiscovery: !knownHosts.includes(authorityHost.toLowerCase()),
  };
}
