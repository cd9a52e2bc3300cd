// Azure sign-in and cluster credentials: from the inputs to a 0600 kubeconfig that helm and kubectl can use.
import * as core from '@actions/core';
import type { AzureConfig, ClusterConfig } from '../config.js';
import type { Seams } from '../seams.js';
import type { Workspace } from '../workspace.js';
import { fetchClusterKubeconfig } from './aks-credentials.js';
import { cloudEndpoints } from './clouds.js';
import { planSignIn, signIn, type AzureSignIn, type SignedToken } from './credential.js';
import { refreshDue } from './github-token.js';
import { inspectKubeconfig, kubeconfigSecrets, withEntraToken } from './kubeconfig.js';

export interface ClusterConnection {
  /** 0600, inside the workspace. */
  kubeconfigPath: string;
  /** API server URL (not secret). */
  server: string;
  /** The kubelogin exec user was replaced by an Entra token. */
  entraId: boolean;
  /** Re-mints the Entra token near expiry; a no-op otherwise. */
  refreshCredentials(): Promise<void>;
}

const KUBECONFIG_FILE = 'kubeconfig';
/** Cluster tokens live about an hour; replace them well before helm or kubectl could see one expire. */
const CLUSTER_TOKEN_MARGIN_MS = 10 * 60_000;

async function writeKubeconfig(text: string, workspace: Workspace): Promise<string> {
  for (const secret of kubeconfigSecrets(text)) core.setSecret(secret);
  return workspace.writePrivateFile(KUBECONFIG_FILE, text);
}

function connected(cluster: ClusterConfig, connection: ClusterConnection): ClusterConnection {
  if (cluster.exportKubeconfig) core.exportVariable('KUBECONFIG', connection.kubeconfigPath);
  return connection;
}

/** Keeps an Entra ID cluster's bearer token fresh in the kubeconfig file. */
function entraTokenKeeper(
  azure: AzureSignIn,
  scope: string,
  rawKubeconfig: string,
  write: (text: string) => Promise<unknown>,
  now: () => number,
) {
  let current: (SignedToken & { mintedAtMs: number }) | undefined;
  let inFlight: Promise<void> | undefined;

  async function mint(): Promise<void> {
    const next = await azure.getToken(scope);
    if (next.token === current?.token) return;
    current = { ...next, mintedAtMs: now() };
    await write(withEntraToken(rawKubeconfig, next.token));
  }

  return function refresh(): Promise<void> {
    if (current && !refreshDue(current.mintedAtMs, current.expiresOnMs, now(), CLUSTER_TOKEN_MARGIN_MS)) {
      return Promise.resolve();
    }
    // helm and kubectl stages may ask at once; one token request serves them all.
    inFlight ??= mint().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}

export async function connectToCluster(
  azure: AzureConfig,
  cluster: ClusterConfig,
  workspace: Workspace,
  seams: Seams,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ClusterConnection> {
  if (cluster.kubeconfig) {
    const { server } = inspectKubeconfig(cluster.kubeconfig, 'The `kubeconfig` input');
    const kubeconfigPath = await writeKubeconfig(cluster.kubeconfig, workspace);
    core.info(`Using the kubeconfig from the \`kubeconfig\` input (server ${server}); Azure sign-in skipped.`);
    return connected(cluster, { kubeconfigPath, server, entraId: false, refreshCredentials: async () => {} });
  }

  const endpoints = cloudEndpoints(azure, env.AZURE_AUTHORITY_HOST);
  const plan = planSignIn(azure, env);
  const session = signIn(plan, endpoints, seams.now);
  core.info(
    `Signing in to Azure (${azure.cloud}) as client ${plan.clientId} in tenant ${plan.tenantId} with ${plan.kind === 'github' ? `a GitHub OIDC token for audience ${endpoints.oidcAudience}` : 'workload identity'}; authority ${endpoints.authorityHost}.`,
  );
  const armToken = async () => {
    const { token } = await session.getToken(endpoints.armScope);
    core.setSecret(token);
    return token;
  };
  const clusterRef = {
    subscriptionId: azure.subscriptionId,
    resourceGroup: cluster.resourceGroup,
    clusterName: cluster.clusterName,
    admin: cluster.admin,
  };
  const raw = await fetchClusterKubeconfig(endpoints.resourceManager, clusterRef, plan.clientId, armToken, seams);
  const { server, entraServerId } = inspectKubeconfig(raw, 'The kubeconfig from Resource Manager');
  const claims = session.assertionClaims();
  core.info(
    `Fetched ${cluster.admin ? 'admin' : 'user'} credentials of AKS cluster ${cluster.clusterName} (server ${server})${claims?.sub ? `, signed in with subject ${claims.sub}` : ''}.`,
  );

  if (!entraServerId) {
    const kubeconfigPath = await writeKubeconfig(raw, workspace);
    return connected(cluster, { kubeconfigPath, server, entraId: false, refreshCredentials: async () => {} });
  }

  let kubeconfigPath = '';
  const write = async (text: string) => {
    kubeconfigPath = await writeKubeconfig(text, workspace);
  };
  const refreshCredentials = entraTokenKeeper(session, `${entraServerId}/.default`, raw, write, seams.now);
  await refreshCredentials();
  core.info('Entra ID cluster: the kubelogin user was replaced by a token for the AKS server application.');
  return connected(cluster, { kubeconfigPath, server, entraId: true, refreshCredentials });
}
